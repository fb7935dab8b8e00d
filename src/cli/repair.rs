//! `quotetrail repair`: get a damaged store back.

use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::regroup::{describe, group_unmatched};

/// Recover a damaged store: rebuild what can be rebuilt, name what was lost
///
/// A store sled cannot open because its snapshot file is damaged is
/// opened again with the snapshot set aside (sled rebuilds it from its
/// log, which holds everything). If `verify` then finds problems, the
/// store is rebuilt beside the damaged one from every article that reads
/// back whole with its statements and appearances; each article that
/// doesn't is named on stderr. The damaged store is kept as
/// `<store>.damaged-backup`; statements are grouped again as `match` does.
///
/// `--json` prints one summary record. Exit status 0 when nothing was
/// lost, 1 when articles could not be carried over, 3 when the store can't
/// be opened at all.
#[derive(clap::Args, Debug)]
pub struct RepairArgs {}

#[derive(Serialize)]
struct Summary {
    snapshots_set_aside: usize,
    problems: usize,
    rebuilt: bool,
    articles: u64,
    lost: usize,
    backup: Option<String>,
}

/// Runs `repair`.
pub fn run(_args: &RepairArgs, ctx: &mut Context) -> Result<Status, CliError> {
    if !ctx.store_path.is_dir() {
        return Err(CliError::NoStore(ctx.store_path.clone()));
    }
    let mut progress = ctx.ui.progress("articles");
    let done = quotetrail_store::Store::repair(&ctx.store_path, |n| {
        progress.tick(n as usize, "carried over");
    })
    .map_err(CliError::StoreOpen)?;
    progress.finish();
    for path in &done.snapshots_set_aside {
        ctx.ui.status(&format!(
            "the store would not open with its snapshot; set aside {}",
            path.display()
        ));
    }
    let lost: &[String] = done.rebuilt.as_ref().map_or(&[], |r| &r.lost);
    for line in lost {
        ctx.ui.problem(&format!("lost: {line}"));
    }
    let summary = Summary {
        snapshots_set_aside: done.snapshots_set_aside.len(),
        problems: done.problems,
        rebuilt: done.rebuilt.is_some(),
        articles: done.rebuilt.as_ref().map_or(0, |r| r.articles),
        lost: lost.len(),
        backup: done
            .rebuilt
            .as_ref()
            .and_then(|r| r.backup.as_ref())
            .map(|p| p.display().to_string()),
    };
    if let Some(backup) = &summary.backup {
        let store = ctx.open_existing_store()?;
        let grouped = group_unmatched(&store, &mut ctx.ui)?;
        store.flush()?;
        ctx.ui.status(&format!(
            "{} problems found; rebuilt from {} articles, {} lost; {}; the damaged store is kept at {backup}",
            summary.problems,
            summary.articles,
            summary.lost,
            describe(&grouped)
        ));
    } else {
        ctx.ui.status("store is sound: nothing to rebuild");
    }
    if ctx.ui.json() {
        ctx.ui.record("summary", &summary)?;
    }
    Ok(Status::from_problems(ctx.ui.problems()))
}
