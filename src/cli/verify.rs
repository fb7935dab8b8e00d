//! `quotetrail verify`: check the whole store.

use std::io::Write;
use std::time::Instant;

use quotetrail_store::Scope;

use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::ui::Paint;

/// Check what was written since the last clean check, or everything
///
/// Re-hashes articles, statements and appearances, checks index entries
/// both ways and every appearance's references, checks that each
/// appearance's statement is the words of its article at its span, and
/// prints each problem found (one per line). Exits with status 1 if there
/// are any.
///
/// Plain `verify` checks only the articles and statement groups written
/// since the last clean check (every write records what it touched, in
/// the same atomic batch), and says so; a store never found clean gets
/// the full check. `--full` checks everything, recomputes the counters
/// (a walk of every statement, so only here) and reports its speed in
/// articles/s and MB/s. Damage to records written before the last clean
/// check, such as a bit flipped on disk, is found by `--full` only.
///
/// Appearances in no group yet are counted and reported as work left for
/// `quotetrail match`, not as damage. Articles whose statements another
/// extractor version made (or an unrecorded one) are counted and reported
/// as work left for `quotetrail reextract`: they are sound records of
/// what that extractor decided, so they do not change the exit status
/// either.
#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// Check everything, not only what was written since the last clean
    /// check, counters included, and report the speed
    #[arg(long)]
    pub full: bool,
}

#[derive(Serialize)]
struct Summary {
    /// `since-last-check` or `full`.
    scope: Scope,
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
    /// How long the check took, and its speed.
    seconds: f64,
    articles_per_second: f64,
    mb_per_second: f64,
}

/// Runs `verify`.
pub fn run(args: &VerifyArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let started = Instant::now();
    let (scope, report) = if args.full {
        (Scope::Full, store.verify_full()?)
    } else {
        store.verify_since_last_check()?
    };
    let seconds = started.elapsed().as_secs_f64();
    let per_second = |n: f64| if seconds > 0.0 { n / seconds } else { 0.0 };
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
        scope,
        articles: report.articles,
        statements: report.statements,
        appearances: report.appearances,
        index_entries: report.index_entries,
        ungrouped: report.ungrouped,
        extractor: current.to_hex(),
        older_extractor: report.made_by_other_than(&current),
        unrecorded_extractor: report.unrecorded(),
        problems: report.problems.len(),
        seconds,
        articles_per_second: per_second(report.articles as f64),
        mb_per_second: per_second(report.bytes as f64 / 1e6),
    };
    if ui.json() {
        ui.record("summary", &summary)?;
    }
    let counted = format!(
        "{} statements, {} appearances, {} index entries",
        summary.statements, summary.appearances, summary.index_entries
    );
    let checked = match scope {
        Scope::SinceLastCheck => format!(
            "{} articles written since the last clean check ({counted}; \
             `verify --full` checks everything)",
            summary.articles
        ),
        Scope::Full => format!(
            "everything: {} articles in {:.1} s, {:.0} articles/s, {:.1} MB/s ({counted})",
            summary.articles, summary.seconds, summary.articles_per_second, summary.mb_per_second
        ),
    };
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
            "quotetrail: {} problems found; checked {checked}",
            report.problems.len()
        );
        Ok(Status::Problems)
    }
}
