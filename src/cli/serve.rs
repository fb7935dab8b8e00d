//! `quotetrail serve`: the local web view ([`crate::serve`]).

use std::net::SocketAddr;

use super::Context;
use super::error::{CliError, Status};

/// Browse the store in a web browser (read-only)
///
/// Serves a search page, each statement's trail (the same page as
/// `report`), and pages for statements, articles, outlets and speakers,
/// with their JSON under `/api/`. Listens on the loopback address unless
/// told otherwise, and keeps the store open (read-only) until stopped
/// with Ctrl-C.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The address to listen on (port 0 picks a free port)
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    addr: SocketAddr,
}

/// Runs `serve`.
pub fn run(args: &ServeArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    super::build_word_index_if_missing(&store, &mut ctx.ui)?;
    if !args.addr.ip().is_loopback() {
        ctx.ui.status(&format!(
            "warning: {} is not a loopback address; anyone who can reach it can read the store",
            args.addr.ip()
        ));
    }
    // The address goes to stderr even with -q: it is what the user needs
    // to open the page, and scripts read it to find a port chosen by the
    // system.
    crate::serve::run(store, args.addr, |addr| {
        eprintln!("quotetrail serve: listening on http://{addr}/ (Ctrl-C to stop)");
    })
    .map_err(|e| CliError::User(e.to_string()))?;
    Ok(Status::Success)
}
