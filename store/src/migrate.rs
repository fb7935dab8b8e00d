//! Upgrading a store written by an older schema.
//!
//! Articles are the evidence; everything else is derived from them and
//! from what extraction decided. A migration therefore rebuilds the store
//! beside the old one from the old records, through the same checked
//! writes ingest uses, and only then swaps the directories: a crash at any
//! point leaves either the old store whole or the new one complete, and
//! running `migrate` again finishes the job. Statement groups are not
//! carried over (their members are appearance ids, which schema 5
//! changed, their candidate lists changed form in schema 6, in schema 7
//! a group's value records the hashes it is listed under, in schema 8
//! its founding member, in schema 9 the words those hashes are of, and
//! in schema 10 the lists became leaves of many entries under one key);
//! `quotetrail match` forms them again.

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use crate::codec;
use crate::error::{Error, ObjectKind, Result};
use crate::id::Id;
use crate::keys::{self, Keyspace};
use crate::record::{Appearance, Article, Statement};
use crate::store::{SCHEMA_VERSION, Store, open_tree};

/// The schemas [`Store::migrate`] upgrades. Schemas 3 and 4 hold values
/// of format 1, whose appearances carry their own text; schema 5 holds
/// today's values and yesterday's candidate lists; schema 6 holds group
/// values that do not record their candidate hashes; schema 7 holds group
/// values without their founder, whose membership has keys of its own;
/// schema 8 holds candidate lists under hashes of words cut another way;
/// schema 9 holds them one key per entry.
pub const MIGRATES_FROM: RangeInclusive<u32> = 3..=9;

/// Articles written per batch while rebuilding.
const BATCH: usize = 64;

/// What a migration did.
#[derive(Debug, Default)]
pub struct Migration {
    /// The schema the store had; `None` when it was already current.
    pub from: Option<u32>,
    /// Articles carried over.
    pub articles: u64,
    /// Appearances carried over.
    pub appearances: u64,
    /// Records that could not be carried over, one line each, naming the
    /// object and why (damage the old schema could not detect).
    pub lost: Vec<String>,
    /// Where the old store was kept.
    pub backup: Option<PathBuf>,
}

impl Store {
    /// Upgrades the store in `dir` from a schema in [`MIGRATES_FROM`] to
    /// [`SCHEMA_VERSION`], keeping the old directory as a backup beside it
    /// (`<dir>.schema<N>-backup`). A current store is left alone.
    /// `progress` is called with the number of articles carried so far.
    pub fn migrate(dir: impl AsRef<Path>, mut progress: impl FnMut(u64)) -> Result<Migration> {
        let path = dir.as_ref().to_path_buf();
        let building = sibling(&path, "migrating");
        // A run cut short after the old store was moved aside: the new
        // one is complete (it is moved only after its final flush).
        finish_swap(&path, &building)?;
        let old = Store::unchecked(open_tree(&path)?, path.clone());
        let from = match old.schema()? {
            Some(SCHEMA_VERSION) | None => return Ok(Migration::default()),
            Some(v) if MIGRATES_FROM.contains(&v) => v,
            Some(found) => {
                return Err(Error::SchemaMismatch {
                    path,
                    found,
                    expected: SCHEMA_VERSION,
                });
            }
        };
        let mut done = Migration {
            from: Some(from),
            ..Migration::default()
        };
        let read = if from >= 5 {
            crate::repair::sound_article
        } else {
            old_article
        };
        rebuild(&old, &building, read, &mut done, &mut progress)?;
        drop(old);
        let backup = sibling(&path, &format!("schema{from}-backup"));
        swap(&path, &building, &backup)?;
        done.backup = Some(backup);
        Ok(done)
    }
}

/// An article with its statements and appearances, as read for a rebuild,
/// with the extractor recorded on its appearances.
pub(crate) type Records = (
    Article,
    Vec<(Statement, Appearance)>,
    Option<crate::ExtractorVersion>,
);

/// Writes every article of `old` that `read` can read whole into a new
/// store at `building`, through the checked path ingest uses, and flushes
/// it. What can't be read or is refused is named in `done.lost`.
pub(crate) fn rebuild(
    old: &Store,
    building: &Path,
    read: fn(&Store, &Id, &[u8]) -> std::result::Result<Records, String>,
    done: &mut Migration,
    progress: &mut dyn FnMut(u64),
) -> Result<()> {
    if building.exists() {
        std::fs::remove_dir_all(building).map_err(|e| io_error(building, e))?;
    }
    let new = Store::open(building)?;
    let mut batch: Vec<Records> = Vec::with_capacity(BATCH);
    for entry in old.tree.scan_prefix([Keyspace::Article.tag()]) {
        let (key, value) = old.db(entry, || "scan the articles")?;
        let Some(id) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
            done.lost
                .push(format!("a malformed article key {key:02x?}"));
            continue;
        };
        match read(old, &id, &value) {
            Ok(records) => batch.push(records),
            Err(why) => done.lost.push(format!("article {id}: {why}")),
        }
        if batch.len() >= BATCH {
            write(&new, &mut batch, done)?;
            progress(done.articles);
        }
    }
    write(&new, &mut batch, done)?;
    progress(done.articles);
    new.flush()
}

/// Reads one article of an old store with its statements and appearances.
fn old_article(old: &Store, id: &Id, value: &[u8]) -> std::result::Result<Records, String> {
    let article = codec::decode_legacy_article(value).map_err(|e| e.0.to_owned())?;
    if article.id() != *id {
        return Err(format!("its content hashes to {}", article.id()));
    }
    let list = old
        .db(
            old.tree.get(keys::appearances_key(id)),
            || "read old appearances",
        )
        .map_err(|e| e.to_string())?;
    let list = match list {
        Some(v) => codec::decode_legacy_appearances(id, &v).map_err(|e| e.0.to_owned())?,
        None => Vec::new(),
    };
    let mut found = Vec::with_capacity(list.len());
    for (_, appearance) in list {
        let key = keys::object_key(ObjectKind::Statement, &appearance.statement);
        let value = old
            .db(old.tree.get(key), || "read an old statement")
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("statement {} is missing", appearance.statement))?;
        let statement = codec::decode_legacy_statement(&value).map_err(|e| e.0.to_owned())?;
        found.push((statement, appearance));
    }
    // Schemas 3 and 4 recorded no extractor.
    Ok((article, found, None))
}

/// Writes the batch to the new store through the checked path: an
/// appearance whose text is not its article's body is refused there.
fn write(new: &Store, batch: &mut Vec<Records>, done: &mut Migration) -> Result<()> {
    let taken = std::mem::take(batch);
    let outcomes = new.put_articles_by(taken.iter().map(|(a, f, by)| (a, f.as_slice(), *by)))?;
    for ((article, found, _), outcome) in taken.iter().zip(outcomes) {
        match outcome {
            Ok(_) => {
                done.articles += 1;
                done.appearances += found.len() as u64;
            }
            Err(e) => done.lost.push(format!("article {}: {e}", article.id())),
        }
    }
    Ok(())
}

/// Puts the store built at `building` in the place of the one at `path`,
/// which moves to `backup`. The new store must be complete (flushed,
/// checked) before this is called: a crash between the two renames leaves
/// no store at `path`, and [`finish_swap`] then moves `building` in.
pub(crate) fn swap(path: &Path, building: &Path, backup: &Path) -> Result<()> {
    rename(path, backup)?;
    rename(building, path)
}

/// Finishes a [`swap`] cut short between its renames: when there is no
/// store at `path` but one at `building`, moves it in. Returns whether it
/// did.
pub(crate) fn finish_swap(path: &Path, building: &Path) -> Result<bool> {
    if !path.exists() && building.exists() {
        rename(building, path)?;
        return Ok(true);
    }
    Ok(false)
}

/// `dir` with `.suffix` added to its last component.
pub(crate) fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    dir.with_file_name(name)
}

pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| io_error(from, e))
}

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::Open {
        path: path.to_path_buf(),
        source: sled::Error::Io(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::article;

    /// Every article, statement and appearance of `articles` reads back
    /// from the migrated `store` as it was written.
    fn assert_records_kept(store: &Store, articles: &[(Article, Vec<(Statement, Appearance)>)]) {
        for (a, found) in articles {
            assert_eq!(store.get_article(&a.id()).unwrap().as_ref(), Some(a));
            for (s, ap) in found {
                assert_eq!(store.get_appearance(&ap.id()).unwrap().as_ref(), Some(ap));
                assert_eq!(store.get_statement(&s.id()).unwrap().as_ref(), Some(s));
            }
        }
    }

    /// Writes `articles` into `dir` as a schema 4 store wrote them: format
    /// 1 values, appearances with their own text. `forged` replaces the
    /// text of the first appearance of the second article.
    fn legacy_store(dir: &Path, articles: &[(Article, Vec<(Statement, Appearance)>)]) {
        let tree = sled::open(dir).unwrap();
        tree.insert(crate::keys::SCHEMA_KEY, &4u32.to_be_bytes())
            .unwrap();
        for (n, (a, found)) in articles.iter().enumerate() {
            let value = codec::encode_legacy_article(a);
            tree.insert(keys::object_key(ObjectKind::Article, &a.id()), value)
                .unwrap();
            let mut list = Vec::new();
            for (s, ap) in found {
                let mut value = codec::encode_statement(s);
                value[0] = 1;
                tree.insert(keys::object_key(ObjectKind::Statement, &s.id()), value)
                    .unwrap();
                let mut ap = ap.clone();
                if n == 1 && list.is_empty() {
                    ap.text = "words never printed".into();
                }
                list.push((ap.id(), ap));
            }
            tree.insert(
                keys::appearances_key(&a.id()),
                codec::encode_legacy_appearances(&list),
            )
            .unwrap();
        }
        tree.flush().unwrap();
    }

    #[test]
    fn a_schema_4_store_is_rebuilt_in_place_and_the_old_one_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let articles = vec![article(1, "Reuters", 3), article(2, "Le Monde", 2)];
        legacy_store(&dir, &articles);

        match Store::open(&dir) {
            Err(e @ Error::SchemaMismatch { found: 4, .. }) => {
                assert!(e.to_string().contains("quotetrail migrate"), "{e}");
            }
            other => panic!("expected a schema mismatch, got {:?}", other.err()),
        }
        let mut seen = Vec::new();
        let done = Store::migrate(&dir, |n| seen.push(n)).unwrap();
        assert_eq!(done.from, Some(4));
        assert_eq!((done.articles, done.appearances), (1, 3));
        assert_eq!(done.lost.len(), 1, "{:?}", done.lost);
        assert!(
            done.lost[0].contains("not the article body"),
            "{:?}",
            done.lost
        );
        assert_eq!(seen.last(), Some(&1));
        let backup = done.backup.unwrap();
        assert!(backup.ends_with("store.schema4-backup"), "{backup:?}");
        assert!(backup.exists());

        let store = Store::open(&dir).unwrap();
        let (a, found) = &articles[0];
        assert_eq!(store.get_article(&a.id()).unwrap().as_ref(), Some(a));
        for (s, ap) in found {
            assert_eq!(store.get_statement(&s.id()).unwrap().as_ref(), Some(s));
            assert_eq!(store.get_appearance(&ap.id()).unwrap().as_ref(), Some(ap));
        }
        assert!(store.verify().unwrap().is_clean());
        drop(store);
        // Running it again has nothing to do.
        let again = Store::migrate(&dir, |_| {}).unwrap();
        assert_eq!(again.from, None);
    }

    #[test]
    fn a_schema_5_store_keeps_its_records_and_loses_only_its_old_candidate_lists() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let articles = [article(1, "Reuters", 3), article(2, "Le Monde", 2)];
        {
            let store = Store::open(&dir).unwrap();
            for (a, found) in &articles {
                store.put_article(a, found).unwrap();
            }
            // What schema 5 wrote: its version, and a candidate list as one
            // value of 32-byte group ids under a 9-byte key.
            store
                .tree
                .insert(crate::keys::SCHEMA_KEY, &5u32.to_be_bytes())
                .unwrap();
            let mut key = vec![Keyspace::GroupPostings.tag()];
            key.extend(7u64.to_be_bytes());
            store.tree.insert(key, vec![9u8; 64]).unwrap();
            store.flush().unwrap();
        }
        assert!(matches!(
            Store::open(&dir).err(),
            Some(Error::SchemaMismatch { found: 5, .. })
        ));
        let done = Store::migrate(&dir, |_| {}).unwrap();
        assert_eq!(done.from, Some(5));
        assert_eq!(
            (done.articles, done.appearances, done.lost.len()),
            (2, 5, 0)
        );
        assert!(done.backup.unwrap().ends_with("store.schema5-backup"));
        let store = Store::open(&dir).unwrap();
        assert_records_kept(&store, &articles);
        assert!(store.group_candidates(7).unwrap().is_empty());
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
    }

    #[test]
    fn a_schema_6_store_keeps_its_records_and_loses_only_its_groups() {
        // What schema 6 wrote: a group value of the matcher's state alone.
        old_groups_are_dropped(6, b"st".to_vec());
    }

    #[test]
    fn a_schema_7_store_keeps_its_records_and_loses_only_its_groups() {
        // What schema 7 wrote: the state, then the hashes it is listed
        // under and their count, with no founder.
        let mut value = b"st".to_vec();
        value.extend(7u64.to_be_bytes());
        value.extend(1u32.to_be_bytes());
        old_groups_are_dropped(7, value);
    }

    #[test]
    fn a_schema_8_store_keeps_its_records_and_loses_only_its_groups() {
        // What schema 8 wrote: today's group value, listed under hashes of
        // words that schema 9 cuts another way.
        let value = crate::group_record::encode(None, b"st", &[7u64].into());
        old_groups_are_dropped(8, value);
    }

    #[test]
    fn a_schema_9_store_keeps_its_records_and_loses_only_its_groups() {
        // What schema 9 wrote: today's group value; its candidate entries
        // were keys of their own, which schema 10 keeps as leaves.
        let value = crate::group_record::encode(None, b"st", &[7u64].into());
        old_groups_are_dropped(9, value);
    }

    /// A store of schema `schema` holding one group with `value`, its
    /// founder's membership and group-of entry under keys of their own,
    /// and its candidate entry: migrated, it keeps its records and loses
    /// its groups, which matching forms again.
    fn old_groups_are_dropped(schema: u32, value: Vec<u8>) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let articles = [article(1, "Reuters", 3), article(2, "Le Monde", 2)];
        let founder = articles[0].1[0].1.id();
        let group = crate::GroupId::founded_by(&founder);
        {
            let store = Store::open(&dir).unwrap();
            for (a, found) in &articles {
                store.put_article(a, found).unwrap();
            }
            let tree = &store.tree;
            tree.insert(crate::keys::SCHEMA_KEY, &schema.to_be_bytes())
                .unwrap();
            tree.insert(keys::id_prefix(Keyspace::Groups, group.as_id()), value)
                .unwrap();
            tree.insert(crate::groups::member_key(&group, &founder), &b""[..])
                .unwrap();
            tree.insert(
                keys::id_prefix(Keyspace::GroupOf, &founder),
                &group.as_bytes()[..],
            )
            .unwrap();
            // A candidate entry as schemas 6 to 9 kept it: a key of its own.
            let mut entry = vec![Keyspace::GroupPostings.tag()];
            entry.extend(7u64.to_be_bytes());
            entry.extend(group.as_bytes());
            tree.insert(entry, &b""[..]).unwrap();
            store.flush().unwrap();
        }
        let refused = Store::open(&dir).err();
        assert!(
            matches!(refused, Some(Error::SchemaMismatch { found, .. }) if found == schema),
            "{refused:?}"
        );
        let done = Store::migrate(&dir, |_| {}).unwrap();
        assert_eq!(done.from, Some(schema));
        assert_eq!(
            (done.articles, done.appearances, done.lost.len()),
            (2, 5, 0)
        );
        let backup = format!("store.schema{schema}-backup");
        assert!(done.backup.unwrap().ends_with(backup));
        let store = Store::open(&dir).unwrap();
        assert_records_kept(&store, &articles);
        assert_eq!(store.groups().count(), 0, "matching forms them again");
        assert_eq!(store.group_of(&founder).unwrap(), None);
        assert!(store.counters_built().unwrap(), "no lazy build needed");
        assert!(store.group_candidates(7).unwrap().is_empty());
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
    }

    #[test]
    fn a_migration_cut_short_after_moving_the_old_store_finishes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let (a, found) = article(3, "AP", 2);
        {
            let store = Store::open(sibling(&dir, "migrating")).unwrap();
            store.put_article(&a, &found).unwrap();
            store.flush().unwrap();
        }
        let done = Store::migrate(&dir, |_| {}).unwrap();
        assert_eq!(done.from, None);
        let store = Store::open(&dir).unwrap();
        assert!(store.get_article(&a.id()).unwrap().is_some());
    }
}
