//! `quotetrail outlets`: statement counts per outlet.

use quotetrail_store::NameField;

use super::Context;
use super::error::{CliError, Status};

/// Count statements per outlet
///
/// Prints how many statements and appearances each outlet has, most
/// statements first.
#[derive(clap::Args, Debug)]
pub struct OutletsArgs {}

/// Runs `outlets`.
pub fn run(_args: &OutletsArgs, ctx: &mut Context) -> Result<Status, CliError> {
    super::counts::run(ctx, NameField::Outlet, "outlet")
}
