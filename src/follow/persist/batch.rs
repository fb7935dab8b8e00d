//! The batch drivers: matching the appearances of freshly stored articles
//! on ingest, and every stored appearance without a group after a load
//! that did not match.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;

use quotetrail_store::Store;
use serde::Serialize;

use super::{Lookahead, Result, StoreMatcher};
use crate::follow::{MatchConfig, Version};

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
    match_versions(matcher, &versions_of(articles))
}

/// The versions of stored articles' appearances, in order.
pub fn versions_of<'a>(
    articles: impl IntoIterator<
        Item = (
            &'a quotetrail_store::Article,
            &'a [(quotetrail_store::Statement, quotetrail_store::Appearance)],
        ),
    >,
) -> Vec<Version> {
    let mut out = Vec::new();
    for (article, found) in articles {
        for (statement, appearance) in found {
            out.push(Version::from_records(statement, appearance, article));
        }
    }
    out
}

/// Places each version that has no group yet, and commits; returns how
/// many were placed.
pub fn match_versions(matcher: &mut StoreMatcher<'_>, versions: &[Version]) -> Result<usize> {
    let mut placed = 0;
    for v in versions {
        if matcher.insert(v)?.is_some() {
            placed += 1;
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
///
/// A second thread reads each batch's articles and appearances, and what
/// matching them will read ([`Lookahead`]), while the batch before is
/// matched, as ingest does.
pub fn match_unmatched(
    store: &Store,
    mut progress: impl FnMut(&MatchSummary),
) -> Result<MatchSummary> {
    // Dates first, then one article at a time: the bodies are not all held.
    let order = store.article_ids_by_date()?;
    let committed = AtomicU64::new(0);
    let (tx, rx) = sync_channel::<Result<Chunk>>(1);
    std::thread::scope(|scope| {
        let (order, committed_ref) = (&order, &committed);
        // Moves `tx`, so that the matcher's loop ends with the reads.
        scope.spawn(move || {
            for ids in order.chunks(MATCH_BATCH) {
                let chunk = read_chunk(store, ids, committed_ref.load(Ordering::Acquire));
                // The matcher stopped (on an error it reports): stop too.
                if tx.send(chunk).is_err() {
                    break;
                }
            }
        });
        let mut summary = MatchSummary::default();
        let mut matcher = StoreMatcher::new(store);
        for chunk in rx {
            let chunk = chunk?;
            summary.articles += chunk.articles;
            summary.appearances += chunk.appearances;
            summary.already_grouped += chunk.already_grouped;
            matcher.adopt(chunk.ahead);
            for v in &chunk.versions {
                if let Some(placed) = matcher.insert(v)? {
                    summary.grouped += 1;
                    summary.groups_new += usize::from(placed.created);
                    summary.groups_merged += placed.merged.len();
                }
            }
            matcher.commit()?;
            committed.store(matcher.commits(), Ordering::Release);
            progress(&summary);
        }
        Ok(summary)
    })
}

/// One batch of stored articles, read for [`match_unmatched`].
struct Chunk {
    articles: usize,
    appearances: usize,
    already_grouped: usize,
    /// The appearances in no group, in order.
    versions: Vec<Version>,
    ahead: Lookahead,
}

/// Reads the articles `ids` and their appearances in no group yet, and
/// what matching those will read, as the matcher's commit `seen` left it.
/// `seen` was loaded before these reads began (see [`Lookahead`]).
fn read_chunk(store: &Store, ids: &[quotetrail_store::Id], seen: u64) -> Result<Chunk> {
    let mut chunk = Chunk {
        articles: 0,
        appearances: 0,
        already_grouped: 0,
        versions: Vec::new(),
        ahead: Lookahead::default(),
    };
    for id in ids {
        let Some(article) = store.get_article(id)? else {
            continue;
        };
        chunk.articles += 1;
        for (appearance_id, appearance) in store.appearances_in(id)? {
            chunk.appearances += 1;
            if store.group_of(&appearance_id)?.is_some() {
                chunk.already_grouped += 1;
                continue;
            }
            if let Some(statement) = store.get_statement(&appearance.statement)? {
                chunk
                    .versions
                    .push(Version::from_records(&statement, &appearance, &article));
            }
        }
    }
    chunk.ahead = Lookahead::read_ungrouped(store, &MatchConfig::default(), seen, &chunk.versions)?;
    Ok(chunk)
}
