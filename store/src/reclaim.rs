//! Giving back the memory sled frees during a large write.
//!
//! sled 0.34 frees replaced tree nodes and page entries through
//! crossbeam-epoch: each is *deferred* until no thread can still see it.
//! The deferred frees pile up in a global queue, and crossbeam-epoch
//! empties that queue only a little at a time: at most 8 bags of 64 frees,
//! once every 128 times a thread pins. One `apply_batch` of 64 articles
//! (about 3,300 keys) runs under a single pin and defers thousands of
//! frees, far more than the pins of a writer and a few readers ever
//! collect, so the queue, and with it the process's memory, grew with
//! every article stored whatever the page cache size (about 2 KB an
//! article in `ingest --no-match`; 250 KB an article for sled alone with
//! no readers, `examples/sled_rss.rs`). Pinning and flushing a few dozen
//! times after each large batch lets the queue drain as fast as it fills.

/// Collection rounds after one large batch: each round frees up to 512
/// deferred objects once the epoch allows. 128 rounds cover the batches
/// the store writes (ingest's 64 articles) with room to spare, and cost
/// microseconds when there is nothing to free.
const ROUNDS: usize = 128;

/// Frees what sled deferred during the batch just written (see the module
/// docs). Call after a large `apply_batch`, outside any sled guard.
pub(crate) fn after_batch() {
    for _ in 0..ROUNDS {
        crossbeam_epoch::pin().flush();
    }
}
