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

/// What `import` and `merge` print last: one summary record.
#[derive(Serialize)]
struct Summary {
    /// Lines read (`import` only: `merge` streams no file).
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<u64>,
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
    super::build_word_index_if_missing(&store, &mut ctx.ui)?;
    let name = display_path(&args.file);
    let report = if args.file.as_os_str() == "-" {
        store.import(std::io::stdin().lock())?
    } else {
        let file = std::fs::File::open(&args.file)
            .map_err(|e| CliError::User(format!("{name}: cannot read: {e}")))?;
        store.import(BufReader::new(file))?
    };
    finish(
        ctx,
        &store,
        &name,
        &format!("imported {} lines", report.lines),
        &report,
        Some(report.lines),
    )
}

/// Reports what an import brought into `store` (from the file or store
/// `name`; `what` starts the closing line), groups it as `match` does,
/// and flushes: the common end of `import` and `merge`.
pub(super) fn finish(
    ctx: &mut Context,
    store: &quotetrail_store::Store,
    name: &str,
    what: &str,
    report: &quotetrail_store::ImportReport,
    lines: Option<u64>,
) -> Result<Status, CliError> {
    for e in &report.rejected {
        ctx.ui.problem(&format!("{name}: {e}"));
    }
    let matched = super::regroup::group_unmatched(store, &mut ctx.ui)?;
    store.flush()?;
    let summary = Summary {
        lines,
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
    let unit = if lines.is_some() { "lines" } else { "objects" };
    ctx.ui.status(&format!(
        "{what}: {} new articles ({} already stored), {} new statements, {} new appearances{}; {} appearances grouped ({} new groups)",
        summary.articles_new,
        summary.articles_seen,
        summary.statements_new,
        summary.appearances_new,
        if summary.rejected > 0 {
            format!("; {} {unit} rejected", summary.rejected)
        } else {
            String::new()
        },
        summary.grouped,
        summary.groups_new
    ));
    Ok(Status::from_problems(ctx.ui.problems()))
}
