//! `quotetrail import`: read an export back in.

use std::io::BufReader;
use std::path::PathBuf;

use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use crate::input::display_path;

/// Read a JSON Lines export into the store
///
/// Every id is recomputed from the record and a line whose id does not
/// match is rejected, as is every other line of its article (an article is
/// imported whole or not at all). Rejected lines are reported with their
/// line numbers; the rest is imported and the exit status is 1. Importing
/// the same file twice adds nothing.
///
/// The imported statements are then grouped across outlets with what the
/// store already held, as `quotetrail match` does.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The export file, or `-` for stdin
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

#[derive(Serialize)]
struct Summary {
    lines: u64,
    articles_new: u64,
    articles_seen: u64,
    statements_new: u64,
    appearances_new: u64,
    rejected: usize,
    /// Appearances grouped after the import (see `quotetrail match`).
    grouped: usize,
    groups_new: usize,
}

/// Runs `import`.
pub fn run(args: &ImportArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_store()?;
    let name = display_path(&args.file);
    let report = if args.file.as_os_str() == "-" {
        store.import(std::io::stdin().lock())?
    } else {
        let file = std::fs::File::open(&args.file)
            .map_err(|e| CliError::User(format!("{name}: cannot read: {e}")))?;
        store.import(BufReader::new(file))?
    };
    for e in &report.rejected {
        ctx.ui.problem(&format!("{name}: {e}"));
    }
    let matched = super::regroup::group_unmatched(&store, &mut ctx.ui)?;
    store.flush()?;
    let summary = Summary {
        lines: report.lines,
        articles_new: report.articles_new,
        articles_seen: report.articles_seen,
        statements_new: report.statements_new,
        appearances_new: report.appearances_new,
        rejected: report.rejected.len(),
        grouped: matched.grouped,
        groups_new: matched.groups_new,
    };
    if ctx.ui.json() {
        ctx.ui.record("summary", &summary)?;
    }
    ctx.ui.status(&format!(
        "imported {} lines: {} new articles ({} already stored), {} new statements, {} new appearances{}; {} appearances grouped ({} new groups)",
        summary.lines,
        summary.articles_new,
        summary.articles_seen,
        summary.statements_new,
        summary.appearances_new,
        if summary.rejected > 0 {
            format!("; {} lines rejected", summary.rejected)
        } else {
            String::new()
        },
        summary.grouped,
        summary.groups_new
    ));
    Ok(Status::from_problems(ctx.ui.problems()))
}
