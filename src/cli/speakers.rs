//! `quotetrail speakers`: statement counts per speaker.

use quotetrail_store::NameField;

use super::Context;
use super::error::{CliError, Status};

/// Count statements per speaker
///
/// Prints how many statements and appearances each speaker has, most
/// statements first.
#[derive(clap::Args, Debug)]
pub struct SpeakersArgs {}

/// Runs `speakers`.
pub fn run(_args: &SpeakersArgs, ctx: &mut Context) -> Result<Status, CliError> {
    super::counts::run(ctx, NameField::Speaker, "speaker")
}
