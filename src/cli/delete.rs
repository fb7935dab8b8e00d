//! `quotetrail delete`: remove an article and what only it implied.
//!
//! The store does the removal in one atomic batch
//! ([`quotetrail_store::Store::delete_article`]); this command resolves the
//! id, groups again the versions whose group went with the article, and
//! says what changed.

use quotetrail_store::{Deleted, ObjectKind};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::regroup::group_unmatched;

/// Delete an article and everything only it implied
///
/// Removes the article, its appearances, the statements no other article
/// prints, their index entries, and the statement groups its versions were
/// in, all in one atomic write: after a crash the article is there whole or
/// gone whole, and `verify` stays clean. The other versions of those groups
/// are grouped again at once, by the same rules as ingest. ARTICLE is an
/// article id or a unique prefix of one (`show` and `statements --json`
/// print them).
#[derive(clap::Args, Debug)]
pub struct DeleteArgs {
    /// The article's id, or a unique prefix of it
    #[arg(value_name = "ARTICLE")]
    article: String,
}

/// `delete --json`'s record.
#[derive(Serialize)]
struct DeletedOut<'a> {
    #[serde(flatten)]
    deleted: &'a Deleted,
    /// Of `ungrouped`, how many the matcher put in a group again.
    regrouped: usize,
}

/// Runs `delete`.
pub fn run(args: &DeleteArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let found = store.resolve(&args.article)?;
    if found.kind != ObjectKind::Article {
        return Err(CliError::User(format!(
            "{} is a {}, not an article (`quotetrail show {}` names its article)",
            args.article, found.kind, args.article
        )));
    }
    let deleted = store
        .delete_article(&found.id)?
        .ok_or_else(|| CliError::User(format!("article {} vanished", found.id.short(12))))?;
    let regrouped = if deleted.ungrouped.is_empty() {
        0
    } else {
        group_unmatched(&store, &mut ctx.ui)?.grouped
    };
    store.flush()?;
    if ctx.ui.json() {
        ctx.ui.record(
            "deleted",
            &DeletedOut {
                deleted: &deleted,
                regrouped,
            },
        )?;
    }
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let mut msg = format!(
        "deleted article {}: {}, {} only it printed, {}",
        deleted.article.short(12),
        plural(deleted.appearances.len(), "appearance"),
        plural(deleted.statements.len(), "statement"),
        plural(deleted.groups.len(), "group"),
    );
    if !deleted.ungrouped.is_empty() {
        msg.push_str(&format!(
            "; {} of other articles grouped again",
            plural(deleted.ungrouped.len(), "version")
        ));
    }
    ctx.ui.status(&msg);
    Ok(Status::Success)
}
