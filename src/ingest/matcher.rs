//! Grouping stored articles across outlets on a thread of its own, so
//! ingest stores batch n+1 while batch n is being matched.
//!
//! Matching only reads what is already stored and writes its own atomic
//! group batches, so it can trail the writer. If the run stops between the
//! two, the stored articles are simply not grouped yet: a later `ingest` of
//! the same input or `quotetrail match` groups them.
//!
//! A read-ahead thread ([`crate::follow::Lookahead`]) reads what
//! matching batch n+1 will read while batch n is matched: matching is
//! mostly reads, on one thread, and the second core is otherwise idle.
//!
//! The matcher reports each matched batch back over a channel rather than
//! calling [`super::Progress`] itself: progress belongs to the caller's
//! thread (a terminal line, stdout), which the writer drains it on.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::Scope;

use quotetrail_store::Store;

use crate::follow::{Lookahead, MatchConfig, Version, match_versions, versions_of};

use super::prepare::Prepared;
use super::{Error, MatchedBatch};

/// Stored batches waiting for the matcher. Two: enough to keep both
/// threads busy without holding much of a corpus in memory.
const QUEUE: usize = 2;

/// The writer's end: hands stored articles to the matcher and collects
/// what it has matched since.
pub(super) struct Grouping {
    /// `None` once [`Grouping::close`]d, which lets the matcher finish.
    tx: Option<SyncSender<Vec<Prepared>>>,
    matched: Receiver<MatchedBatch>,
}

impl Grouping {
    /// Queues stored articles for matching. Fails when the matcher has
    /// stopped, which the handle's [`Matcher::finish`] then explains.
    pub(super) fn send(&self, stored: Vec<Prepared>) -> Result<(), Error> {
        if stored.is_empty() {
            return Ok(());
        }
        let stopped = || Error::Matching("matching stopped early");
        self.tx
            .as_ref()
            .ok_or_else(stopped)?
            .send(stored)
            .map_err(|_| stopped())
    }

    /// The batches matched since the last call, without waiting.
    pub(super) fn matched(&self) -> impl Iterator<Item = MatchedBatch> + '_ {
        self.matched.try_iter()
    }

    /// Tells the matcher no more batches come; it finishes its queue.
    pub(super) fn close(&mut self) {
        self.tx = None;
    }
}

/// The matcher thread.
pub(super) struct Matcher<'scope> {
    handle: std::thread::ScopedJoinHandle<'scope, Result<usize, Error>>,
}

impl Matcher<'_> {
    /// Waits for the matcher to drain its queue (the [`Grouping`] must be
    /// closed first) and returns how many appearances it placed.
    pub(super) fn finish(self) -> Result<usize, Error> {
        self.handle
            .join()
            .unwrap_or_else(|_| Err(Error::Matching("matching failed unexpectedly")))
    }
}

/// Starts the matcher on `scope`, with its read-ahead thread.
pub(super) fn spawn<'scope, 'env>(
    scope: &'scope Scope<'scope, 'env>,
    store: &'env Store,
) -> (Grouping, Matcher<'scope>) {
    let (tx, rx) = sync_channel::<Vec<Prepared>>(QUEUE);
    // Per batch: its article count, its versions and what was read ahead.
    // One batch ahead: a read older than the last few commits is dropped.
    let (ahead_tx, ahead_rx) = sync_channel::<(usize, Vec<Version>, Option<Lookahead>)>(1);
    // Unbounded, but one small record per batch.
    let (done_tx, done_rx): (Sender<MatchedBatch>, _) = channel();
    // The matcher's commits, published after each is applied.
    let committed = Arc::new(AtomicU64::new(0));
    let seen_by_reader = Arc::clone(&committed);
    scope.spawn(move || {
        let cfg = MatchConfig::default();
        for batch in rx {
            let seen = seen_by_reader.load(Ordering::Acquire);
            let versions = versions_of(batch.iter().map(|p| (&p.article, p.statements.as_slice())));
            // A failed read is left to the matcher, which reads again and
            // reports it.
            let ahead = Lookahead::read(store, &cfg, seen, &versions).ok();
            if ahead_tx.send((batch.len(), versions, ahead)).is_err() {
                break;
            }
        }
    });
    let handle = scope.spawn(move || {
        let mut matcher = crate::follow::StoreMatcher::new(store);
        let mut placed = 0;
        for (articles, versions, ahead) in ahead_rx {
            if let Some(ahead) = ahead {
                matcher.adopt(ahead);
            }
            let grouped = match_versions(&mut matcher, &versions)?;
            committed.store(matcher.commits(), Ordering::Release);
            placed += grouped;
            // The writer may have stopped listening; matching goes on.
            let _ = done_tx.send(MatchedBatch {
                articles,
                appearances_grouped: grouped,
            });
        }
        Ok(placed)
    });
    (
        Grouping {
            tx: Some(tx),
            matched: done_rx,
        },
        Matcher { handle },
    )
}
