//! Grouping stored articles across outlets on a thread of its own, so
//! `ingest` stores batch n+1 while batch n is being matched.
//!
//! Matching only reads what is already stored and writes its own atomic
//! group batches, so it can trail the writer. If the run stops between the
//! two, the stored articles are simply not grouped yet: a later `ingest` of
//! the same input or `quotetrail match` groups them.

use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::Scope;

use quotetrail_store::Store;

use super::error::CliError;
use crate::ingest::Prepared;

/// Stored batches waiting for the matcher. Two: enough to keep both
/// threads busy without holding much of a corpus in memory.
const QUEUE: usize = 2;

/// The writer's end: hands stored articles to the matcher.
pub struct Grouping {
    tx: SyncSender<Vec<Prepared>>,
}

impl Grouping {
    /// Queues stored articles for matching. Fails when the matcher has
    /// stopped, which the handle's [`Matcher::finish`] then explains.
    pub fn send(&self, stored: Vec<Prepared>) -> Result<(), CliError> {
        if stored.is_empty() {
            return Ok(());
        }
        self.tx
            .send(stored)
            .map_err(|_| CliError::User("matching stopped early".into()))
    }
}

/// The matcher thread.
pub struct Matcher<'scope> {
    handle: std::thread::ScopedJoinHandle<'scope, Result<usize, CliError>>,
}

impl Matcher<'_> {
    /// Waits for the matcher to drain its queue (the [`Grouping`] must be
    /// dropped first) and returns how many appearances it placed.
    pub fn finish(self) -> Result<usize, CliError> {
        self.handle
            .join()
            .unwrap_or_else(|_| Err(CliError::User("matching failed unexpectedly".into())))
    }
}

/// Starts the matcher on `scope`.
pub fn spawn<'scope, 'env>(
    scope: &'scope Scope<'scope, 'env>,
    store: &'env Store,
) -> (Grouping, Matcher<'scope>) {
    let (tx, rx) = sync_channel::<Vec<Prepared>>(QUEUE);
    let handle = scope.spawn(move || {
        let mut matcher = crate::follow::StoreMatcher::new(store);
        let mut placed = 0;
        for batch in rx {
            placed += crate::follow::match_stored(
                &mut matcher,
                batch.iter().map(|p| (&p.article, p.statements.as_slice())),
            )?;
        }
        Ok(placed)
    });
    (Grouping { tx }, Matcher { handle })
}
