//! Giving back the memory sled frees during a large write.
//!
//! sled 0.34 frees replaced tree nodes and page entries through
//! crossbeam-epoch: each free is *deferred* until no thread can still see
//! the object. The deferred frees wait in a global queue, which
//! crossbeam-epoch empties only a little at a time: at most 8 bags of 64
//! frees, once every 128 times a thread pins. One `apply_batch` of 64
//! articles (about 3,300 keys) runs under a single pin and defers
//! thousands. With nothing else pinning, the queue, and the process's
//! memory with it, grows without bound: sled alone written as ingest
//! writes (`examples/sled_rss.rs`) grew by about 250 KB an article. In
//! `ingest`, the workers' lookups pin often enough to drain most of it
//! (RSS at 100,000 articles: 716 MB before this, 707 MB after), so this
//! is a guard for writers with few readers, not the cause of ingest's
//! remaining growth (sled's per-node bookkeeping; README, "Memory").
//!
//! Only the put and group batches, the ones written without end, drain;
//! the one-off batches (the counter build, delete, re-extraction) do not.

/// Collection rounds after one batch: each round frees up to 512 deferred
/// objects once the epoch allows. 100 rounds kept sled alone flat at 64
/// articles a batch; 128 leave room. What it costs is the frees
/// themselves, on the writer thread: 10.6 ms per 64-article batch in sled
/// alone, no measurable change in ingest's time (README, "Memory").
const ROUNDS: usize = 128;

/// Frees what sled deferred during the batch just written (see the module
/// docs). Call after a large `apply_batch`, outside any sled guard.
pub(crate) fn after_batch() {
    for _ in 0..ROUNDS {
        crossbeam_epoch::pin().flush();
    }
}
