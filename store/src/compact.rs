//! Giving back the disk sled 0.34 does not reclaim.
//!
//! sled's log keeps old copies of pages long after they were replaced, and
//! 0.34 reclaims little of it during a long ingest: a store of 1.46 GB of
//! live keys and values can take 6.75 GB on disk. A fresh tree written
//! once, in key order, holds the same data in a fraction of that.
//!
//! [`Store::compact`] copies every key and value as it is (nothing is
//! re-derived, the schema stays) into `<dir>.compacting` beside the store,
//! in bounded batches, flushes it, reopens it from disk and checks that it
//! holds the same number of keys and the same blake3 digest over every key
//! and value in order as the store it was copied from. Only then are the
//! directories swapped, as [`Store::migrate`] swaps them: the store moves
//! to `<dir>.compact-backup` and the copy takes its place. A crash at any
//! point leaves either the store untouched (a copy that was being written
//! is thrown away by the next run) or the checked copy waiting beside the
//! backup, which the next run moves into place.
//!
//! The old store is kept as the backup unless the caller asks for it to
//! be removed ([`Backup::Remove`]), and then only after the swap, once the
//! store in its place has been opened and found to hold the same digest
//! again. A backup left by an earlier run is never overwritten: compaction
//! refuses to start until it is removed or moved away.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::migrate::{finish_swap, io_error, sibling, swap};
use crate::stats::directory_bytes;
use crate::store::{Store, open_tree_with};

/// Key and value bytes per batch written to the copy.
const BATCH_BYTES: usize = 4 << 20;
/// Keys per batch, whatever their size: sled defers a free per replaced
/// node, drained after each batch (see `reclaim`).
const BATCH_KEYS: usize = 20_000;
/// The page cache of a tree read once in key order (the store, and the
/// copy read back), at most: each page is visited once, so a larger cache
/// only costs memory. sled's memory is a multiple of its cache setting:
/// with the usual 256 MiB for the store and its copy, compacting a store
/// of 250 MB of live data peaked at 1.25 GB resident, with these two at
/// 0.71 GB, in the same time (26 s against 29 s).
const SCAN_CACHE: u64 = 32 << 20;
/// The page cache of the copy while it is written, at most.
const WRITE_CACHE: u64 = 64 << 20;
/// How often progress is reported, in keys.
const PROGRESS_EVERY: u64 = 10_000;

/// What to do with the old store once the copy has taken its place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Backup {
    /// Keep it as `<dir>.compact-backup` until the user removes it.
    #[default]
    Keep,
    /// Remove it once the store in its place has been checked again.
    Remove,
}

/// The phase a [`Store::compact`] progress report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompactStep {
    /// Keys copied into the new tree so far.
    Copied,
    /// Keys of the new tree read back and hashed so far.
    Checked,
}

/// What a compaction did.
#[derive(Clone, Debug, Default)]
pub struct Compaction {
    /// Keys copied (and found again in the copy).
    pub keys: u64,
    /// Key and value bytes copied: what the store holds.
    pub live_bytes: u64,
    /// The store directory's size before.
    pub disk_before: u64,
    /// The store directory's size after.
    pub disk_after: u64,
    /// Where the old store is kept; `None` once removed.
    pub backup: Option<PathBuf>,
    /// Whether this run only finished one cut short after its copy was
    /// checked (the swap was under way): nothing was copied this time,
    /// and `disk_before` is the backup's size.
    pub finished_earlier: bool,
    /// How long it took.
    pub elapsed: Duration,
}

/// The count of keys and the digest over every key and value, in order,
/// each prefixed by its length.
#[derive(Default)]
struct Digest {
    keys: u64,
    bytes: u64,
    hasher: blake3::Hasher,
}

impl Digest {
    fn add(&mut self, key: &[u8], value: &[u8]) {
        self.keys += 1;
        self.bytes += (key.len() + value.len()) as u64;
        self.hasher.update(&(key.len() as u64).to_le_bytes());
        self.hasher.update(key);
        self.hasher.update(&(value.len() as u64).to_le_bytes());
        self.hasher.update(value);
    }

    fn sum(&self) -> (u64, blake3::Hash) {
        (self.keys, self.hasher.finalize())
    }
}

/// Where [`Store::compact`] builds the copy of the store in `dir`.
pub fn compacting_dir(dir: &Path) -> PathBuf {
    sibling(dir, "compacting")
}

impl Store {
    /// Rewrites the store in `dir` into a fresh sled tree, key for key,
    /// and puts it in the store's place (see the module docs). A run cut
    /// short is finished, or its partial copy thrown away and the copy
    /// started again, by running it again. Refuses to start while a
    /// backup of an earlier compaction is still beside the store.
    /// `progress` is called now and then with the phase and the keys done.
    pub fn compact(
        dir: impl AsRef<Path>,
        backup: Backup,
        mut progress: impl FnMut(CompactStep, u64),
    ) -> Result<Compaction> {
        let start = Instant::now();
        let path = dir.as_ref().to_path_buf();
        let building = compacting_dir(&path);
        let kept = sibling(&path, "compact-backup");

        // Cut short after the store was moved aside: the copy was checked
        // before that, so it only has to be moved into place. The backup
        // is kept whatever was asked: this run did not check the copy.
        if finish_swap(&path, &building)? {
            let store = Store::open(&path)?;
            drop(store);
            return Ok(Compaction {
                disk_before: size_if_present(&kept)?,
                disk_after: directory_bytes(&path)?,
                backup: kept.exists().then_some(kept),
                finished_earlier: true,
                elapsed: start.elapsed(),
                ..Compaction::default()
            });
        }
        if !path.is_dir() {
            return Err(io_error(
                &path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no store here"),
            ));
        }
        if kept.exists() {
            return Err(Error::Compaction {
                path,
                what: format!(
                    "the backup of an earlier compaction is still at {}; check the store \
                     (`quotetrail verify`), then remove or move the backup and run again",
                    kept.display()
                ),
            });
        }

        let old = Store::unchecked(open_tree_with(&path, SCAN_CACHE)?, path.clone());
        old.check_schema()?;
        old.flush()?;
        let disk_before = directory_bytes(&path)?;
        // A copy that was being written when a run stopped: never swapped
        // in, never checked; start again.
        if building.exists() {
            std::fs::remove_dir_all(&building).map_err(|e| io_error(&building, e))?;
        }
        // A copy that failed (a full disk, say) is not left taking space.
        let checked = copy(&old, &building, &mut progress)
            .and_then(|copied| Ok((digest(&building, &mut progress)?, copied)));
        let (found, copied) = checked.inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&building);
        })?;
        if found != copied.sum() {
            std::fs::remove_dir_all(&building).map_err(|e| io_error(&building, e))?;
            return Err(Error::Compaction {
                path,
                what: format!(
                    "the copy read back {} keys with another digest than the store's {} \
                     (the copy was removed)",
                    found.0, copied.keys
                ),
            });
        }
        drop(old);
        swap(&path, &building, &kept)?;

        // The store in its place opens as a store of this schema.
        drop(Store::open(&path)?);
        let mut done = Compaction {
            keys: copied.keys,
            live_bytes: copied.bytes,
            disk_before,
            disk_after: directory_bytes(&path)?,
            backup: Some(kept.clone()),
            finished_earlier: false,
            elapsed: Duration::ZERO,
        };
        if backup == Backup::Remove {
            // Checked once more where it now lives before the only other
            // copy of the evidence goes.
            if digest(&path, &mut progress)? != copied.sum() {
                return Err(Error::Compaction {
                    path,
                    what: format!(
                        "the store in its new place reads back differently; the old store \
                         is kept at {}",
                        kept.display()
                    ),
                });
            }
            std::fs::remove_dir_all(&kept).map_err(|e| io_error(&kept, e))?;
            done.backup = None;
        }
        done.elapsed = start.elapsed();
        Ok(done)
    }
}

/// Copies every key and value of `old` into a new tree at `building`, in
/// bounded batches, and flushes it. Returns the digest of what was read.
fn copy(
    old: &Store,
    building: &Path,
    progress: &mut impl FnMut(CompactStep, u64),
) -> Result<Digest> {
    let tree = open_tree_with(building, WRITE_CACHE)?;
    let new = Store::unchecked(tree, building.to_path_buf());
    let mut seen = Digest::default();
    let mut batch = sled::Batch::default();
    let (mut keys, mut bytes) = (0usize, 0usize);
    for entry in old.tree.iter() {
        let (key, value) = old.db(entry, || "read the store")?;
        seen.add(&key, &value);
        bytes += key.len() + value.len();
        keys += 1;
        batch.insert(key, value);
        if bytes >= BATCH_BYTES || keys >= BATCH_KEYS {
            let full = std::mem::take(&mut batch);
            new.db(new.tree.apply_batch(full), || "write the copy")?;
            crate::reclaim::after_batch();
            (keys, bytes) = (0, 0);
        }
        if seen.keys % PROGRESS_EVERY == 0 {
            progress(CompactStep::Copied, seen.keys);
        }
    }
    new.db(new.tree.apply_batch(batch), || "write the copy")?;
    crate::reclaim::after_batch();
    progress(CompactStep::Copied, seen.keys);
    new.flush()?;
    Ok(seen)
}

/// Opens the tree at `dir` afresh (so what is read comes from its files)
/// and digests every key and value in order.
fn digest(dir: &Path, progress: &mut impl FnMut(CompactStep, u64)) -> Result<(u64, blake3::Hash)> {
    let store = Store::unchecked(open_tree_with(dir, SCAN_CACHE)?, dir.to_path_buf());
    let mut found = Digest::default();
    for entry in store.tree.iter() {
        let (key, value) = store.db(entry, || "read the copy back")?;
        found.add(&key, &value);
        if found.keys % PROGRESS_EVERY == 0 {
            progress(CompactStep::Checked, found.keys);
        }
    }
    progress(CompactStep::Checked, found.keys);
    Ok(found.sum())
}

fn size_if_present(dir: &Path) -> Result<u64> {
    if dir.exists() {
        directory_bytes(dir)
    } else {
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::article;
    use crate::store::open_tree;

    /// A store at `<tmp>/store` of `n` articles, every third deleted again
    /// (garbage for sled to keep), flushed and closed.
    fn store_with_garbage(tmp: &Path, n: usize) -> PathBuf {
        let dir = tmp.join("store");
        let store = Store::open(&dir).unwrap();
        let articles: Vec<_> = (0..n)
            .map(|i| article(i, if i % 2 == 0 { "RFI" } else { "AP" }, 3))
            .collect();
        for (a, found) in &articles {
            store.put_article(a, found).unwrap();
        }
        for (a, _) in articles.iter().step_by(3) {
            store.delete_article(&a.id()).unwrap().unwrap();
        }
        store.flush().unwrap();
        dir
    }

    /// Every key and value of the tree at `dir`, in order.
    fn contents(dir: &Path) -> Vec<(Vec<u8>, Vec<u8>)> {
        let tree = open_tree(dir).unwrap();
        tree.iter()
            .map(|e| {
                let (k, v) = e.unwrap();
                (k.to_vec(), v.to_vec())
            })
            .collect()
    }

    #[test]
    fn a_compacted_store_holds_the_same_keys_and_values_and_verifies_clean() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = store_with_garbage(tmp.path(), 40);
        let before = contents(&dir);
        let mut steps = Vec::new();
        let done = Store::compact(&dir, Backup::Keep, |s, n| steps.push((s, n))).unwrap();

        assert_eq!(contents(&dir), before);
        assert_eq!(done.keys, before.len() as u64);
        let live: usize = before.iter().map(|(k, v)| k.len() + v.len()).sum();
        assert_eq!(done.live_bytes, live as u64);
        assert!(!done.finished_earlier);
        assert!(done.disk_after > 0 && done.disk_before > 0);
        assert_eq!(steps.last(), Some(&(CompactStep::Checked, done.keys)));
        assert!(steps.contains(&(CompactStep::Copied, done.keys)));

        // The old store is kept, whole, until asked otherwise.
        let backup = done.backup.unwrap();
        assert!(backup.ends_with("store.compact-backup"), "{backup:?}");
        assert_eq!(contents(&backup), before);
        assert!(!sibling(&dir, "compacting").exists());

        let store = Store::open(&dir).unwrap();
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        drop(store);

        // With the backup still there a second run refuses, touching
        // nothing.
        let refused = Store::compact(&dir, Backup::Keep, |_, _| {}).unwrap_err();
        assert!(refused.to_string().contains("compact-backup"), "{refused}");
        assert_eq!(contents(&dir), before);
        assert_eq!(contents(&backup), before);

        // Once it is gone, a run that removes its backup leaves none.
        std::fs::remove_dir_all(&backup).unwrap();
        let done = Store::compact(&dir, Backup::Remove, |_, _| {}).unwrap();
        assert_eq!(done.backup, None);
        assert!(!backup.exists());
        assert_eq!(contents(&dir), before);
    }

    #[test]
    fn a_copy_cut_short_before_the_swap_is_thrown_away_and_made_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = store_with_garbage(tmp.path(), 12);
        let before = contents(&dir);
        // A copy stopped half way: some of the keys, and one the store
        // never had.
        {
            let partial = open_tree(&sibling(&dir, "compacting")).unwrap();
            for (k, v) in before.iter().take(5) {
                partial.insert(k.as_slice(), v.as_slice()).unwrap();
            }
            partial.insert(b"\xfftorn", &b"x"[..]).unwrap();
            partial.flush().unwrap();
        }
        let done = Store::compact(&dir, Backup::Keep, |_, _| {}).unwrap();
        assert!(!done.finished_earlier);
        assert_eq!(done.keys, before.len() as u64);
        assert_eq!(contents(&dir), before);
        assert_eq!(contents(done.backup.as_ref().unwrap()), before);
        assert!(!sibling(&dir, "compacting").exists());
    }

    #[test]
    fn a_swap_cut_short_after_moving_the_store_aside_is_finished() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = store_with_garbage(tmp.path(), 12);
        let before = contents(&dir);
        // What a run leaves when stopped between its two renames: the
        // checked copy beside the moved store, no store in place.
        let building = sibling(&dir, "compacting");
        {
            let copy = open_tree(&building).unwrap();
            for (k, v) in &before {
                copy.insert(k.as_slice(), v.as_slice()).unwrap();
            }
            copy.flush().unwrap();
        }
        let kept = sibling(&dir, "compact-backup");
        crate::migrate::rename(&dir, &kept).unwrap();

        // Asked to remove the backup, it still keeps it: this run did not
        // check the copy itself.
        let done = Store::compact(&dir, Backup::Remove, |_, _| {}).unwrap();
        assert!(done.finished_earlier);
        assert_eq!(done.backup.as_deref(), Some(kept.as_path()));
        assert_eq!(contents(&dir), before);
        assert_eq!(contents(&kept), before);
        assert!(!building.exists());
        let store = Store::open(&dir).unwrap();
        assert!(store.verify().unwrap().is_clean());
    }

    #[test]
    fn no_store_is_an_error_and_creates_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("nothing");
        assert!(Store::compact(&dir, Backup::Keep, |_, _| {}).is_err());
        assert!(!dir.exists());
        assert!(!sibling(&dir, "compacting").exists());
    }
}
