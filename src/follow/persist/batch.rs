//! The batch drivers: matching the appearances of freshly stored articles
//! on ingest, and every stored appearance without a group after a load
//! that did not match.

use quotetrail_store::Store;
use serde::Serialize;

use super::{Result, StoreMatcher};
use crate::follow::Version;

/// Matches every appearance of freshly stored articles that has no group
/// yet, and commits. This is what ingest calls after each stored batch.
pub fn match_stored<'a>(
    matcher: &mut StoreMatcher<'_>,
    articles: impl IntoIterator<
        Item = (
            &'a quotetrail_store::Article,
            &'a [(quotetrail_store::Statement, quotetrail_store::Appearance)],
        ),
    >,
) -> Result<usize> {
    let mut placed = 0;
    for (article, found) in articles {
        for (statement, appearance) in found {
            let v = Version::from_records(statement, appearance, article);
            if matcher.insert(&v)?.is_some() {
                placed += 1;
            }
        }
    }
    matcher.commit()?;
    Ok(placed)
}

/// What [`match_unmatched`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MatchSummary {
    /// Articles read.
    pub articles: usize,
    /// Appearances in them.
    pub appearances: usize,
    /// Appearances that were already in a group, left alone.
    pub already_grouped: usize,
    /// Appearances grouped now.
    pub grouped: usize,
    /// Groups founded by those.
    pub groups_new: usize,
    /// Groups merged into another because a version bridged them.
    pub groups_merged: usize,
}

/// Articles matched per commit by [`match_unmatched`]: the same batch size
/// ingest matches at, so memory stays bounded and an interruption loses
/// little.
const MATCH_BATCH: usize = 64;

/// Matches every stored appearance that has no group yet, articles in
/// date order (undated last), as ingest would have; what `import` and
/// `quotetrail match` run after a load that did not match (an import, an
/// `ingest --no-match`, or one cut short). Appearances already grouped are
/// left as they are, so running it twice changes nothing the second time.
/// `progress` is called after each committed batch.
pub fn match_unmatched(
    store: &Store,
    mut progress: impl FnMut(&MatchSummary),
) -> Result<MatchSummary> {
    // Dates first, then one article at a time: the bodies are not all held.
    let order = store.article_ids_by_date()?;
    let mut summary = MatchSummary::default();
    let mut matcher = StoreMatcher::new(store);
    for chunk in order.chunks(MATCH_BATCH) {
        for id in chunk {
            let Some(article) = store.get_article(id)? else {
                continue;
            };
            summary.articles += 1;
            for (appearance_id, appearance) in store.appearances_in(id)? {
                summary.appearances += 1;
                if store.group_of(&appearance_id)?.is_some() {
                    summary.already_grouped += 1;
                    continue;
                }
                let Some(statement) = store.get_statement(&appearance.statement)? else {
                    continue;
                };
                let v = Version::from_records(&statement, &appearance, &article);
                if let Some(placed) = matcher.insert(&v)? {
                    summary.grouped += 1;
                    summary.groups_new += usize::from(placed.created);
                    summary.groups_merged += placed.merged.len();
                }
            }
        }
        matcher.commit()?;
        progress(&summary);
    }
    Ok(summary)
}
