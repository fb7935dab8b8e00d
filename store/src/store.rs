//! Opening a store and reading objects back; writing articles is `put`.
//!
//! Writes are write-once: an object's key is its content hash, so an object
//! already present is never rewritten, and putting the same article twice
//! adds nothing. One article with everything it brings (statements,
//! appearances, index entries) is one sled batch, which sled recovers
//! atomically after a crash.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicU64;

use crate::codec;
use crate::error::{Error, ObjectKind, Result};
use crate::extractor::ExtractorVersion;
use crate::id::Id;
use crate::keys::{self, Record, SCHEMA_KEY};
use crate::record::{Appearance, Article, Statement};

mod checked;
mod put;
mod tree;

pub use checked::Checked;
pub use tree::{DEFAULT_CACHE_BYTES, set_cache_bytes};
pub(crate) use tree::{open_tree, open_tree_with};

/// The on-disk layout version this build reads and writes. Bump it when the
/// key layout or value encoding changes; [`Store::open`] refuses a store
/// with another version rather than misreading it, and
/// [`Store::migrate`] upgrades the versions it knows.
///
/// Schema 5 put the speaker mention and wire source under the appearance's
/// id and stopped storing appearance text (it is the article body at the
/// appearance's span). Schema 6 keeps each candidate-list entry of the
/// statement groups as a key of its own (see [`crate::groups`]). Schema 7
/// records in each group's value the hashes it is listed under; schema 8
/// its founding member too, keyless ([`crate::group_record`]). Schema 9
/// lists groups under hashes of words cut by the extractor's word scanner
/// ("U.S", "AT&T" and "1,200" are one word each), so a schema 8 store's
/// candidate lists would miss what schema 9 looks up. Schema 10 keeps
/// the candidate lists as leaves of many entries under one key each
/// ([`crate::postings`]): a key per entry was two thirds of sled's pages.
pub const SCHEMA_VERSION: u32 = 10;

/// A content-addressed store of articles, statements and appearances.
///
/// Only one process may hold a store open (sled locks its files). Within a
/// process the store may be shared between threads; writes are serialized.
pub struct Store {
    pub(crate) tree: sled::Db,
    path: PathBuf,
    /// Serializes writers so "is this object new?" and the batch that
    /// writes it see the same state, which keeps [`PutOutcome`] exact. It
    /// guards the log of recent writes that [`Store::probe`] answers are
    /// completed with.
    write: Mutex<RecentWrites>,
    /// Batches written so far by this handle (see [`RecentWrites`]).
    epoch: AtomicU64,
}

/// How many recent batches' ids the writer remembers. A probe older than
/// that falls back to a lookup; ingest's pipeline keeps probes a batch or
/// two old.
const RECENT_BATCHES: usize = 16;

/// The article and statement ids written by the last few batches, so that
/// a [`Store::probe`] made on another thread ("not stored yet") can be
/// brought up to date without a lookup.
#[derive(Default)]
pub(crate) struct RecentWrites {
    /// The epoch of `batches[0]`.
    first: u64,
    /// The epoch of the last write that removed objects: probes older
    /// than it are not trusted at all.
    removed_at: u64,
    batches: VecDeque<HashSet<Id>>,
}

impl RecentWrites {
    /// Whether `id` was written after `epoch`; `None` when batches after
    /// `epoch` are no longer remembered.
    fn written_after(&self, epoch: u64, id: &Id) -> Option<bool> {
        if self.first > epoch + 1 {
            return None;
        }
        let skip = (epoch + 1 - self.first) as usize;
        Some(self.batches.iter().skip(skip).any(|b| b.contains(id)))
    }

    fn push(&mut self, ids: HashSet<Id>) {
        self.batches.push_back(ids);
        if self.batches.len() > RECENT_BATCHES {
            self.batches.pop_front();
            self.first += 1;
        }
    }
}

/// What [`Store::put_article`] changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PutOutcome {
    /// The article's id.
    pub article: Id,
    /// Whether the article was new (false: it was already stored).
    pub article_new: bool,
    /// How many statements were new.
    pub statements_new: usize,
    /// How many appearances were new.
    pub appearances_new: usize,
}

impl PutOutcome {
    /// Whether the put stored anything at all.
    pub fn changed(&self) -> bool {
        self.article_new || self.statements_new > 0 || self.appearances_new > 0
    }
}

impl Store {
    /// Opens the store in `dir`, creating it if needed.
    ///
    /// Fails with [`Error::InUse`] when another process has it open and
    /// with [`Error::SchemaMismatch`] when it was written with another
    /// layout.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let path = dir.as_ref().to_path_buf();
        let store = Store::unchecked(open_tree(&path)?, path);
        store.check_schema()?;
        Ok(store)
    }

    /// A handle on an opened tree, its schema not yet checked.
    pub(crate) fn unchecked(tree: sled::Db, path: PathBuf) -> Store {
        Store {
            tree,
            path,
            // Epoch n is the state after n batches; batch n+1 is the first
            // one after it.
            write: Mutex::new(RecentWrites {
                first: 1,
                removed_at: 0,
                batches: VecDeque::new(),
            }),
            epoch: AtomicU64::new(0),
        }
    }

    pub(crate) fn check_schema(&self) -> Result<()> {
        match self.schema()? {
            Some(SCHEMA_VERSION) => {}
            Some(found) => {
                return Err(Error::SchemaMismatch {
                    path: self.path.clone(),
                    found,
                    expected: SCHEMA_VERSION,
                });
            }
            None => {
                // A store with data but no version predates versioning (or
                // lost its meta key); reading it as ours would be a guess.
                if self.db(self.tree.first(), || "read the store")?.is_some() {
                    return Err(Error::SchemaMismatch {
                        path: self.path.clone(),
                        found: 0,
                        expected: SCHEMA_VERSION,
                    });
                }
                // A new store keeps its counters and word index from the
                // first write.
                let mut batch = sled::Batch::default();
                batch.insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes()[..]);
                batch.insert(keys::COUNTERS_KEY, &[1u8][..]);
                batch.insert(
                    crate::word_index::MANIFEST_KEY,
                    crate::word_index::Manifest::empty().encode(),
                );
                self.db(self.tree.apply_batch(batch), || "write the schema version")?;
                self.flush()?;
            }
        }
        Ok(())
    }

    /// The schema version the store records, if any.
    pub(crate) fn schema(&self) -> Result<Option<u32>> {
        let found = self.db(self.tree.get(SCHEMA_KEY), || "read the schema version")?;
        Ok(found.map(|bytes| <[u8; 4]>::try_from(bytes.as_ref()).map_or(0, u32::from_be_bytes)))
    }

    /// The directory the store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads an article, checking it still hashes to `id`.
    pub fn get_article(&self, id: &Id) -> Result<Option<Article>> {
        self.get(id)
    }

    /// Reads a statement, checking it still hashes to `id`.
    pub fn get_statement(&self, id: &Id) -> Result<Option<Statement>> {
        self.get(id)
    }

    /// Reads an appearance, checking it still hashes to `id`. It is found
    /// in its article's appearances, under the first half of its id.
    pub fn get_appearance(&self, id: &Id) -> Result<Option<Appearance>> {
        for entry in self.tree.scan_prefix(keys::appearance_prefix(id)) {
            let (key, value) = self.db(entry, || format!("read appearance {id}"))?;
            let Some(article) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                continue;
            };
            let body = self.body_value(&article)?;
            let body = codec::decode_body(&body).map_err(|e| list_corrupt(&article, &e))?;
            let found = codec::find_appearance(&article, &body, &value, id)
                .map_err(|e| list_corrupt(&article, &e))?;
            if let Some(appearance) = found {
                return check_appearance(id, appearance).map(Some);
            }
        }
        Ok(None)
    }

    /// The appearances stored in an article, in text order, each checked
    /// against its id; empty when it has none.
    pub(crate) fn read_appearances(&self, article: &Id) -> Result<Vec<(Id, Appearance)>> {
        self.read_list(article).map(|(_, list)| list)
    }

    /// [`Store::read_appearances`] with the extractor that made them
    /// (`None`: not recorded, or no list).
    pub(crate) fn read_list(
        &self,
        article: &Id,
    ) -> Result<(Option<ExtractorVersion>, AppearanceList)> {
        let value = self.db(self.tree.get(keys::appearances_key(article)), || {
            format!("read the appearances of article {article}")
        })?;
        let Some(value) = value else {
            return Ok((None, Vec::new()));
        };
        let body = self.body_value(article)?;
        let body = codec::decode_body(&body).map_err(|e| list_corrupt(article, &e))?;
        let extractor = codec::list_extractor(&value).map_err(|e| list_corrupt(article, &e))?;
        let list = codec::decode_appearances(article, &body, &value)
            .map_err(|e| list_corrupt(article, &e))?
            .into_iter()
            .map(|(id, a)| Ok((id, check_appearance(&id, a)?)))
            .collect::<Result<_>>()?;
        Ok((extractor, list))
    }

    /// The stored value of an article that has appearances, for the body
    /// their text is read from; a list without its article is damage.
    pub(crate) fn body_value(&self, article: &Id) -> Result<sled::IVec> {
        let key = keys::object_key(ObjectKind::Article, article);
        self.db(self.tree.get(key), || format!("read article {article}"))?
            .ok_or_else(|| Error::Corrupt {
                kind: ObjectKind::Article,
                id: *article,
                what: "it has appearances but is not stored".into(),
            })
    }

    /// Whether an object of `kind` with `id` is stored (without reading it,
    /// except an appearance, which is read from its article's list).
    pub fn contains(&self, kind: ObjectKind, id: &Id) -> Result<bool> {
        if kind == ObjectKind::Appearance {
            return Ok(self.get_appearance(id)?.is_some());
        }
        self.db(self.tree.contains_key(keys::object_key(kind, id)), || {
            format!("read {kind} {id}")
        })
    }

    pub(crate) fn get<R: Record>(&self, id: &Id) -> Result<Option<R>> {
        let value = self.db(self.tree.get(keys::object_key(R::KIND, id)), || {
            format!("read {} {id}", R::KIND)
        })?;
        value.map(|v| check::<R>(id, &v)).transpose()
    }

    /// Writes everything to disk. Ingest calls this once at the end rather
    /// than per article: sled also flushes on its own every half second,
    /// and a batch is atomic whether or not it was flushed.
    pub fn flush(&self) -> Result<()> {
        self.db(self.tree.flush(), || "flush to disk").map(drop)
    }

    /// Closes the store after writing sled's snapshot of its page table.
    ///
    /// Why: sled 0.34 writes that snapshot only while opening a tree, and
    /// on open it replays all the log written since the last one. After a
    /// long ingest the *next* command paid for it: 10.4 s for the first
    /// query after 60,000 articles, against about 1 s warm. Opening once
    /// more here, with a small cache, moves that cost into the command
    /// that wrote the log. Costs one open, so callers do it only after
    /// writing a lot.
    /// Returns the bytes the store then takes on disk, which a long write
    /// leaves mostly garbage (see `quotetrail compact`).
    pub fn close_with_snapshot(self) -> Result<u64> {
        self.flush()?;
        let path = self.path.clone();
        drop(self);
        drop(open_tree_with(&path, 16 << 20)?);
        crate::stats::directory_bytes(&path)
    }

    /// Maps a sled result to [`Error::Db`], building the description only
    /// on failure.
    pub(crate) fn db<T, S: Into<String>>(
        &self,
        result: sled::Result<T>,
        what: impl FnOnce() -> S,
    ) -> Result<T> {
        result.map_err(|source| Error::Db {
            path: self.path.clone(),
            what: what().into(),
            source,
        })
    }
}

impl Drop for Store {
    /// Flushes on drop so a store used without an explicit [`Store::flush`]
    /// still ends durable; errors here have nowhere to go, which is why
    /// callers should flush explicitly.
    fn drop(&mut self) {
        let _ = self.tree.flush();
    }
}

/// Decodes a stored value and checks it hashes to the id it is stored under.
pub(crate) fn check<R: Record>(id: &Id, value: &[u8]) -> Result<R> {
    let record = R::decode(value).map_err(|e| Error::Corrupt {
        kind: R::KIND,
        id: *id,
        what: format!("its value does not decode ({})", e.0),
    })?;
    let actual = record.record_id();
    if actual != *id {
        return Err(Error::Corrupt {
            kind: R::KIND,
            id: *id,
            what: format!("its content hashes to {actual}"),
        });
    }
    Ok(record)
}

/// An article's appearances with their ids, in text order.
pub(crate) type AppearanceList = Vec<(Id, Appearance)>;

/// An appearance list that does not decode: the article's, as a whole.
pub(crate) fn list_corrupt(article: &Id, e: &codec::DecodeError) -> Error {
    Error::Corrupt {
        kind: ObjectKind::Article,
        id: *article,
        what: format!("its appearance list does not decode ({})", e.0),
    }
}

/// Checks that a stored appearance hashes to the id stored with it.
pub(crate) fn check_appearance(id: &Id, appearance: Appearance) -> Result<Appearance> {
    let actual = appearance.id();
    if actual != *id {
        return Err(Error::Corrupt {
            kind: ObjectKind::Appearance,
            id: *id,
            what: format!("its content hashes to {actual}"),
        });
    }
    Ok(appearance)
}

#[cfg(test)]
pub(crate) mod fixtures;

#[cfg(test)]
mod tests;
