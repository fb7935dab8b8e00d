//! Getting a damaged store back: what can be rebuilt is, what can't is
//! named.
//!
//! Two kinds of damage are met in practice. sled keeps a snapshot of its
//! page table beside the log; a damaged snapshot makes the whole store
//! unopenable, yet the log holds everything and sled rebuilds the
//! snapshot from it when the file is gone. And damage inside the data
//! (a flipped byte in a value, a lost index entry) is found by
//! [`Store::verify`]. Repair sets a damaged snapshot aside, and when
//! verification still finds problems, rebuilds the store from every
//! article that reads back whole, as a migration does, keeping the
//! damaged store as a backup.

use std::path::{Path, PathBuf};

use crate::error::{Error, ObjectKind, Result};
use crate::id::Id;
use crate::migrate::{Migration, Records, io_error, rebuild, rename, sibling};
use crate::store::{Store, open_tree};

/// What [`Store::repair`] did.
#[derive(Debug, Default)]
pub struct Repair {
    /// Snapshot files moved aside (into `<store>/damaged-snapshots/`)
    /// because the store would not open with them.
    pub snapshots_set_aside: Vec<PathBuf>,
    /// Problems `verify` found before rebuilding.
    pub problems: usize,
    /// The rebuild, when there were problems.
    pub rebuilt: Option<Migration>,
}

impl Store {
    /// Repairs the store in `dir` (see the module docs). Fails only when
    /// the store can't be opened even without its snapshot, or in use.
    pub fn repair(dir: impl AsRef<Path>, mut progress: impl FnMut(u64)) -> Result<Repair> {
        let path = dir.as_ref().to_path_buf();
        let mut done = Repair::default();
        let tree = match open_tree(&path) {
            Ok(tree) => tree,
            Err(Error::Open { .. }) => {
                done.snapshots_set_aside = set_snapshots_aside(&path)?;
                open_tree(&path)?
            }
            Err(e) => return Err(e),
        };
        let store = Store::unchecked(tree, path.clone());
        store.check_schema()?;
        let report = store.verify()?;
        done.problems = report.problems.len();
        if report.is_clean() {
            return Ok(done);
        }
        let building = sibling(&path, "repairing");
        let mut rebuilt = Migration::default();
        rebuild(
            &store,
            &building,
            sound_article,
            &mut rebuilt,
            &mut progress,
        )?;
        drop(store);
        let backup = sibling(&path, "damaged-backup");
        if backup.exists() {
            std::fs::remove_dir_all(&backup).map_err(|e| io_error(&backup, e))?;
        }
        rename(&path, &backup)?;
        rename(&building, &path)?;
        rebuilt.backup = Some(backup);
        done.rebuilt = Some(rebuilt);
        Ok(done)
    }
}

/// Moves sled's `snap.*` files into `damaged-snapshots/` in the store.
fn set_snapshots_aside(path: &Path) -> Result<Vec<PathBuf>> {
    let aside = path.join("damaged-snapshots");
    let mut moved = Vec::new();
    let entries = std::fs::read_dir(path).map_err(|e| io_error(path, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(path, e))?;
        if !entry.file_name().to_string_lossy().starts_with("snap.") {
            continue;
        }
        std::fs::create_dir_all(&aside).map_err(|e| io_error(&aside, e))?;
        let to = aside.join(entry.file_name());
        rename(&entry.path(), &to)?;
        moved.push(to);
    }
    Ok(moved)
}

/// An article of the current schema with its appearances and statements,
/// each checked against its id: what reads back whole is carried over.
pub(crate) fn sound_article(
    store: &Store,
    id: &Id,
    _value: &[u8],
) -> std::result::Result<Records, String> {
    let article = store
        .get_article(id)
        .map_err(|e| e.to_string())?
        .ok_or("it vanished during the repair")?;
    let mut found = Vec::new();
    let (extractor, list) = store.read_list(id).map_err(|e| e.to_string())?;
    for (_, appearance) in list {
        let statement = store
            .get_statement(&appearance.statement)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| {
                format!(
                    "its {} {} is missing",
                    ObjectKind::Statement,
                    appearance.statement
                )
            })?;
        found.push((statement, appearance));
    }
    Ok((article, found, extractor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys;
    use crate::store::fixtures::article;

    #[test]
    fn a_damaged_value_is_rebuilt_around_and_named() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let (good, good_found) = article(1, "Reuters", 3);
        let (bad, bad_found) = article(2, "AP", 2);
        {
            let store = Store::open(&dir).unwrap();
            let by = Some(crate::ExtractorVersion::from_bytes([5; 16]));
            store.put_article_by(&good, &good_found, by).unwrap();
            store.put_article(&bad, &bad_found).unwrap();
            let key = keys::object_key(ObjectKind::Article, &bad.id());
            let mut value = store.tree.get(key).unwrap().unwrap().to_vec();
            let last = value.len() - 3;
            value[last] ^= 0x20;
            store.tree.insert(key, value).unwrap();
            store.flush().unwrap();
        }
        let done = Store::repair(&dir, |_| {}).unwrap();
        assert!(done.problems > 0);
        let rebuilt = done.rebuilt.unwrap();
        assert_eq!(rebuilt.articles, 1);
        assert_eq!(rebuilt.lost.len(), 1, "{:?}", rebuilt.lost);
        assert!(
            rebuilt.lost[0].contains(&bad.id().to_hex()),
            "{:?}",
            rebuilt.lost
        );
        let store = Store::open(&dir).unwrap();
        assert!(store.verify().unwrap().is_clean());
        // What the extractor recorded is carried over with the records.
        let by = Some(crate::ExtractorVersion::from_bytes([5; 16]));
        assert_eq!(store.extractor_of(&good.id()).unwrap(), by);
        assert_eq!(store.get_article(&good.id()).unwrap(), Some(good));
        drop(store);
        // A sound store is left alone.
        let again = Store::repair(&dir, |_| {}).unwrap();
        assert_eq!((again.problems, again.rebuilt.is_none()), (0, true));
    }

    #[test]
    fn a_damaged_snapshot_is_set_aside_and_nothing_is_lost() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let (a, found) = article(4, "AFP", 3);
        {
            let store = Store::open(&dir).unwrap();
            store.put_article(&a, &found).unwrap();
            store.flush().unwrap();
        }
        // sled writes a snapshot when it recovers a log on opening; a few
        // more writes after that, and the store has one to damage.
        {
            let tree = sled::open(&dir).unwrap();
            for _ in 0..50 {
                let v = tree.get(keys::SCHEMA_KEY).unwrap().unwrap();
                tree.insert(keys::SCHEMA_KEY, v).unwrap();
            }
            tree.flush().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        let snaps: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("snap.")
            })
            .collect();
        assert!(!snaps.is_empty(), "sled wrote a snapshot");
        for snap in &snaps {
            let mut bytes = std::fs::read(snap).unwrap();
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0xff;
            std::fs::write(snap, bytes).unwrap();
        }
        let refused = Store::open(&dir).err().map(|e| e.to_string());
        assert!(
            refused
                .as_deref()
                .is_some_and(|e| e.contains("quotetrail repair")),
            "{refused:?}"
        );
        let done = Store::repair(&dir, |_| {}).unwrap();
        assert_eq!(done.snapshots_set_aside.len(), snaps.len());
        assert_eq!(done.problems, 0);
        let store = Store::open(&dir).unwrap();
        assert_eq!(store.get_article(&a.id()).unwrap(), Some(a));
        assert!(store.verify().unwrap().is_clean());
    }
}
