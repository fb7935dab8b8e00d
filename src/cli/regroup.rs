//! `quotetrail match`: group the stored statements that have no group yet.

use super::Context;
use super::error::{CliError, Status};
use super::ui::Ui;
use crate::follow::{MatchSummary, match_unmatched};

/// Group stored statements that have no group yet
///
/// Statements are grouped across outlets as they are ingested. What was
/// stored without grouping (by `ingest --no-match`, or an ingest that was
/// cut short) is grouped here, articles in date order, with the same rules
/// as ingest; statements already in a group are left alone, so running it
/// again does nothing. `import` runs it by itself.
///
/// Progress goes to stderr; `--json` prints one summary record with the
/// counts (articles, appearances, already_grouped, grouped, groups_new,
/// groups_merged).
#[derive(clap::Args, Debug)]
pub struct MatchArgs {}

/// Runs `match`.
pub fn run(_args: &MatchArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_counted_store()?;
    let summary = group_unmatched(&store, &mut ctx.ui)?;
    store.flush()?;
    super::close_after_writes(store, summary.grouped, &mut ctx.ui)?;
    if ctx.ui.json() {
        ctx.ui.record("summary", &summary)?;
    }
    ctx.ui.status(&describe(&summary));
    Ok(Status::from_problems(ctx.ui.problems()))
}

/// Groups what has no group yet, with a progress line on stderr; shared
/// with `import`.
pub(super) fn group_unmatched(
    store: &quotetrail_store::Store,
    ui: &mut Ui,
) -> Result<MatchSummary, CliError> {
    let mut progress = ui.progress("articles");
    if let Some(total) = progress.total_setter() {
        total.set(store.totals()?.articles);
    }
    let summary = match_unmatched(store, |s| {
        progress.tick(
            s.articles,
            &format!("matched, {} statements grouped", s.grouped),
        );
    })?;
    progress.finish();
    Ok(summary)
}

/// The closing line on stderr.
pub(super) fn describe(s: &MatchSummary) -> String {
    if s.grouped == 0 {
        return format!(
            "nothing to group: {} appearances in {} articles, all already grouped",
            s.appearances, s.articles
        );
    }
    let merged = if s.groups_merged > 0 {
        format!(", {} groups merged into others", s.groups_merged)
    } else {
        String::new()
    };
    format!(
        "grouped {} appearances ({} new groups{merged}); {} were already grouped",
        s.grouped, s.groups_new, s.already_grouped
    )
}
