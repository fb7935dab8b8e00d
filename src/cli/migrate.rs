//! `quotetrail migrate`: upgrade a store written by an older release.

use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::regroup::{describe, group_unmatched};

/// Upgrade a store written by an older release, in place
///
/// A store of an older schema is refused by every other command. This
/// rebuilds it beside the old one from its articles, statements and
/// appearances, with every record checked on the way (an appearance whose
/// words are not its article's body is named and left out), swaps the
/// directories, and groups the statements again as `match` does. The old
/// store is kept as `<store>.schema<N>-backup` until you delete it. A run
/// cut short leaves the old store untouched; running `migrate` again
/// finishes the job. On a current store it does nothing.
///
/// `--json` prints one summary record (from, articles, appearances, lost,
/// backup, grouped). Exit status 1 when records were left out.
#[derive(clap::Args, Debug)]
pub struct MigrateArgs {}

#[derive(Serialize)]
struct Summary {
    from: Option<u32>,
    to: u32,
    articles: u64,
    appearances: u64,
    lost: usize,
    backup: Option<String>,
    grouped: usize,
}

/// Runs `migrate`.
pub fn run(_args: &MigrateArgs, ctx: &mut Context) -> Result<Status, CliError> {
    if !ctx.store_path.is_dir() {
        return Err(CliError::NoStore(ctx.store_path.clone()));
    }
    let mut progress = ctx.ui.progress("articles");
    let done = quotetrail_store::Store::migrate(&ctx.store_path, |n| {
        progress.tick(n as usize, "carried over");
    })?;
    progress.finish();
    for line in &done.lost {
        ctx.ui.problem(&format!("left out: {line}"));
    }
    let Some(from) = done.from else {
        ctx.ui.status(&format!(
            "store {} is already at schema {}: nothing to do",
            ctx.store_path.display(),
            quotetrail_store::SCHEMA_VERSION
        ));
        return Ok(Status::Success);
    };
    let store = ctx.open_existing_store()?;
    let grouped = group_unmatched(&store, &mut ctx.ui)?;
    store.flush()?;
    super::close_after_writes(store, done.appearances as usize, &mut ctx.ui)?;
    let backup = done.backup.as_ref().map(|p| p.display().to_string());
    let summary = Summary {
        from: done.from,
        to: quotetrail_store::SCHEMA_VERSION,
        articles: done.articles,
        appearances: done.appearances,
        lost: done.lost.len(),
        backup: backup.clone(),
        grouped: grouped.grouped,
    };
    if ctx.ui.json() {
        ctx.ui.record("summary", &summary)?;
    }
    ctx.ui.status(&format!(
        "migrated schema {from} to {}: {} articles, {} appearances carried over, {} left out; {}; \
         the old store is kept at {}",
        summary.to,
        summary.articles,
        summary.appearances,
        summary.lost,
        describe(&grouped),
        backup.as_deref().unwrap_or("?"),
    ));
    Ok(Status::from_problems(ctx.ui.problems()))
}
