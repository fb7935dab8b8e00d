//! Building the word index of a store written before it, or rebuilding it
//! for `repair`, in bounded batches.
//!
//! Crash safety rests on the manifest, as the counters' rests on their
//! meta key: it is removed first and written last, so a build cut short
//! leaves runs no manifest names, which the next build clears. Writers
//! are kept out for the whole build by the write lock.

use super::{CHUNK, Entry, MANIFEST_KEY, Manifest, entries_of, stage_run};
use crate::error::Result;
use crate::id::Id;
use crate::keys::{Keyspace, Record};
use crate::record::Statement;
use crate::store::Store;

/// Entries per run a build writes: 8 MB, one batch each.
const BUILD_RUN: usize = 1 << 20;

impl Store {
    /// Files every stored statement in a new word index, replacing any
    /// (see [`crate::word_index`]). `progress` is called with the number
    /// of statements filed so far, after each run written.
    pub fn build_word_index(&self, mut progress: impl FnMut(u64)) -> Result<()> {
        let _writing = self.lock_writes();
        self.clear_word_index()?;
        let mut manifest = Manifest::empty();
        let mut pending: Vec<Entry> = Vec::new();
        let mut filed = 0u64;
        for item in self.tree.scan_prefix([Keyspace::Statement.tag()]) {
            let (key, value) = self.db(item, || "scan the statements")?;
            // What does not decode is `verify`'s to report, and its check
            // of the index leaves it out too.
            let (Some(id), Ok(s)) = (Id::from_slice(&key[1..]), Statement::decode(&value)) else {
                continue;
            };
            pending.extend(entries_of(&id, &s));
            filed += 1;
            if pending.len() >= BUILD_RUN {
                self.write_built_run(&mut manifest, &mut pending)?;
                progress(filed);
            }
        }
        self.write_built_run(&mut manifest, &mut pending)?;
        self.db(
            self.tree.insert(MANIFEST_KEY, manifest.encode()),
            || "write the word index",
        )?;
        progress(filed);
        Ok(())
    }

    fn write_built_run(&self, manifest: &mut Manifest, pending: &mut Vec<Entry>) -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let mut entries = std::mem::take(pending);
        entries.sort_unstable();
        let seq = manifest.push_run(&entries);
        let mut batch = sled::Batch::default();
        stage_run(seq, &entries, &mut batch);
        self.db(self.tree.apply_batch(batch), || "write the word index")
    }

    /// Removes the manifest, then every run.
    pub(crate) fn clear_word_index(&self) -> Result<()> {
        self.db(self.tree.remove(MANIFEST_KEY), || "clear the word index")?;
        self.clear_keyspace(Keyspace::WordRuns, CHUNK * 8)
    }
}
