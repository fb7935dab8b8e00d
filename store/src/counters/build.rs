//! Building the counters of a store written before them, or rebuilding
//! them for `repair`, in bounded batches.
//!
//! A store of hundreds of thousands of articles holds millions of
//! appearances: counting them in one walk into one batch would hold every
//! counter in one sled batch and say nothing for minutes. So the walk over
//! the fingerprint index (one entry per appearance, grouped by statement)
//! adds what each [`BUILD_BATCH`] statements contribute to the stored
//! counters in one batch of its own, and reports progress after each.
//!
//! Crash safety rests on the `counters` meta key ([`COUNTERS_KEY`]): it is
//! removed first, in a batch of its own, and written last, in the batch of
//! the final totals. A build cut short leaves counters without the key,
//! which are never read as complete; the next build removes them and counts
//! from zero (counting on from where the last one stopped would be wrong:
//! writes made in between leave incomplete counters alone). Writers are
//! kept out for the whole build by the write lock, as before.

use crate::error::Result;
use crate::keys::{COUNTERS_KEY, Keyspace};
use crate::store::Store;

use super::Deltas;

/// Statements whose counts are written per batch: a few thousand counter
/// keys at most, whatever the size of the store.
pub(crate) const BUILD_BATCH: u64 = 10_000;

impl Store {
    /// Whether the store's counters are built and kept (see
    /// `crate::counters`). A store written before counters has them built
    /// on its first count; callers that want to show progress for that
    /// build it first with [`Store::build_counters`].
    pub fn counters_built(&self) -> Result<bool> {
        self.counters_complete()
    }

    /// Counts everything again from the objects and writes the counters,
    /// replacing any there, in batches of [`BUILD_BATCH`] statements (see
    /// the module docs). `progress` is called after each batch with the
    /// statements counted so far. For a store written before counters, and
    /// for `repair`.
    pub fn build_counters(&self, progress: impl FnMut(u64)) -> Result<()> {
        self.build_counters_by(BUILD_BATCH, progress)
    }

    /// [`Store::build_counters`] with `per_batch` statements a batch.
    pub(crate) fn build_counters_by(
        &self,
        per_batch: u64,
        mut progress: impl FnMut(u64),
    ) -> Result<()> {
        let _writing = self.lock_writes();
        self.clear_counters()?;
        let mut deltas = Deltas::default();
        let mut in_batch = 0u64;
        let mut counted = 0u64;
        self.for_each_printed(|s, n| {
            deltas.printed(s, n as i64);
            in_batch += 1;
            counted += 1;
            if in_batch >= per_batch.max(1) {
                self.write_deltas(std::mem::take(&mut deltas), None)?;
                in_batch = 0;
                progress(counted);
            }
            Ok(())
        })?;
        let totals = self.count_totals()?;
        self.write_deltas(deltas, Some(&totals))?;
        progress(counted);
        Ok(())
    }

    /// Removes the `counters` key, then every counter, in bounded batches.
    fn clear_counters(&self) -> Result<()> {
        self.db(self.tree.remove(COUNTERS_KEY), || "clear the counters flag")?;
        self.clear_keyspace(Keyspace::Counter, BUILD_BATCH as usize)
    }

    /// Removes every key of `space`, `per_batch` keys a batch, so that
    /// clearing a large derived index holds no more than that in memory.
    pub(crate) fn clear_keyspace(&self, space: Keyspace, per_batch: usize) -> Result<()> {
        let what = || format!("clear the {}", space.name());
        let mut batch = sled::Batch::default();
        let mut n = 0usize;
        for entry in self.tree.scan_prefix([space.tag()]) {
            let (key, _) = self.db(entry, what)?;
            batch.remove(key);
            n += 1;
            if n % per_batch == 0 {
                let full = std::mem::take(&mut batch);
                self.db(self.tree.apply_batch(full), what)?;
            }
        }
        self.db(self.tree.apply_batch(batch), what)
    }

    /// Adds `deltas` to the stored counters in one batch. The last batch
    /// of a build writes the `totals` and marks the counters complete.
    fn write_deltas(&self, deltas: Deltas, totals: Option<&crate::Totals>) -> Result<()> {
        let mut batch = sled::Batch::default();
        self.stage_deltas(deltas, &mut batch)?;
        if let Some(totals) = totals {
            // Replaces the running totals staged above.
            batch.insert(&super::TOTALS_KEY[..], super::encode_totals(totals));
            batch.insert(COUNTERS_KEY, &[1u8][..]);
        }
        self.db(self.tree.apply_batch(batch), || "write the counters")
    }
}
