//! `quotetrail wires`: statement counts per wire.

use quotetrail_store::NameField;

use super::Context;
use super::error::{CliError, Status};

/// Count statements per credited wire agency
///
/// Prints how many statements and appearances each wire has, most
/// statements first.
#[derive(clap::Args, Debug)]
pub struct WiresArgs {}

/// Runs `wires`.
pub fn run(_args: &WiresArgs, ctx: &mut Context) -> Result<Status, CliError> {
    super::counts::run(ctx, NameField::Wire, "wire")
}
