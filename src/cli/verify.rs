//! `quotetrail verify`: check the whole store.

use std::io::Write;

use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::ui::Paint;

/// Check every object and index entry in the store
///
/// Re-hashes every article, statement and appearance, checks every index
/// entry both ways and every appearance's references, checks that each
/// appearance's statement is the words of its article at its span, and
/// prints each problem found (one per line). Exits with status 1 if there
/// are any. Appearances in no group yet are counted and reported as work
/// left for `quotetrail match`, not as damage. Articles whose statements
/// another extractor version made (or an unrecorded one) are counted and
/// reported as work left for `quotetrail reextract`: they are sound
/// records of what that extractor decided, so they do not change the exit
/// status either.
#[derive(clap::Args, Debug)]
pub struct VerifyArgs {}

#[derive(Serialize)]
struct Summary {
    articles: u64,
    statements: u64,
    appearances: u64,
    index_entries: u64,
    ungrouped: u64,
    /// The running extractor's version.
    extractor: String,
    /// Articles whose statements another extractor version made, or one
    /// not recorded (`reextract` redoes them); of those, unrecorded ones.
    older_extractor: u64,
    unrecorded_extractor: u64,
    problems: usize,
}

/// Runs `verify`.
pub fn run(_args: &VerifyArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let report = store.verify()?;
    let current = crate::extract::version::current();
    let ui = &mut ctx.ui;
    for problem in &report.problems {
        if ui.json() {
            ui.record("problem", problem)?;
        } else {
            let line = format!("{} {problem}", ui.paint(Paint::Label, "bad:"));
            writeln!(ui.out(), "{line}")?;
        }
    }
    let summary = Summary {
        articles: report.articles,
        statements: report.statements,
        appearances: report.appearances,
        index_entries: report.index_entries,
        ungrouped: report.ungrouped,
        extractor: current.to_hex(),
        older_extractor: report.made_by_other_than(&current),
        unrecorded_extractor: report.unrecorded(),
        problems: report.problems.len(),
    };
    if ui.json() {
        ui.record("summary", &summary)?;
    }
    let checked = format!(
        "{} articles, {} statements, {} appearances, {} index entries",
        summary.articles, summary.statements, summary.appearances, summary.index_entries
    );
    if summary.ungrouped > 0 {
        ui.status(&format!(
            "{} appearances are in no group yet (an ingest cut short, or `ingest --no-match`): \
             `quotetrail match` groups them",
            summary.ungrouped
        ));
    }
    if summary.older_extractor > 0 {
        ui.status(&format!(
            "{} articles have statements made by another extractor than this one ({}){}: \
             `quotetrail reextract` extracts them again",
            summary.older_extractor,
            current.short(12),
            match summary.unrecorded_extractor {
                0 => String::new(),
                n => format!(", {n} of them by one not recorded"),
            }
        ));
    }
    if report.is_clean() {
        ui.status(&format!("store is sound: checked {checked}"));
        Ok(Status::Success)
    } else {
        // Problems are the command's data (stdout); this line is always
        // shown, even with --quiet, since it explains the exit status.
        eprintln!(
            "quotetrail: {} problems found in {checked}",
            report.problems.len()
        );
        Ok(Status::Problems)
    }
}
