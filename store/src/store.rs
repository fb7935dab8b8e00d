//! Opening a store, writing articles, reading objects back.
//!
//! Writes are write-once: an object's key is its content hash, so an object
//! already present is never rewritten, and putting the same article twice
//! adds nothing. One article with everything it brings (statements,
//! appearances, index entries) is one sled batch, which sled recovers
//! atomically after a crash.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::codec;
use crate::counters::Deltas;
use crate::error::{Error, ObjectKind, Result};
use crate::extractor::ExtractorVersion;
use crate::id::Id;
use crate::keys::{self, Record, SCHEMA_KEY};
use crate::record::{Appearance, Article, Statement};

mod checked;
mod tree;

pub use checked::Checked;
use checked::Probe;
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

    /// Stores an article with the statements found in it, each paired with
    /// its appearance in this article.
    ///
    /// Objects already stored are left alone, so this is idempotent. All
    /// new objects and their index entries are written in one atomic batch.
    /// Fails with [`Error::Invalid`] when an appearance names another
    /// statement or article than it is paired with, or its span lies
    /// outside the body; nothing is written then.
    pub fn put_article(
        &self,
        article: &Article,
        found: &[(Statement, Appearance)],
    ) -> Result<PutOutcome> {
        self.put_article_by(article, found, None)
    }

    /// [`Store::put_article`], the appearances recorded as made by
    /// `extractor` (see [`Store::put_articles_by`]).
    pub fn put_article_by(
        &self,
        article: &Article,
        found: &[(Statement, Appearance)],
        extractor: Option<ExtractorVersion>,
    ) -> Result<PutOutcome> {
        let mut outcomes = self.put_articles_by([(article, found, extractor)])?;
        outcomes.pop().unwrap_or_else(|| {
            Err(Error::Invalid {
                kind: ObjectKind::Article,
                id: article.id(),
                what: "no outcome was produced".into(),
            })
        })
    }

    /// Stores several articles like [`Store::put_article`], in one atomic
    /// batch: faster for bulk ingest, since sled's per-batch cost is paid
    /// once. Returns one result per article, in order; an invalid article
    /// is left out and the others are still written. The outer error means
    /// the database could not be read or written, and then nothing was.
    pub fn put_articles<'a>(
        &self,
        articles: impl IntoIterator<Item = (&'a Article, &'a [(Statement, Appearance)])>,
    ) -> Result<Vec<Result<PutOutcome>>> {
        self.put_articles_by(articles.into_iter().map(|(a, found)| (a, found, None)))
    }

    /// [`Store::put_articles`], each article's appearances recorded as
    /// made by the extractor given with it (see [`crate::ExtractorVersion`]):
    /// what import, merge and repair use to carry the version they read.
    pub fn put_articles_by<'a>(
        &self,
        articles: impl IntoIterator<
            Item = (
                &'a Article,
                &'a [(Statement, Appearance)],
                Option<ExtractorVersion>,
            ),
        >,
    ) -> Result<Vec<Result<PutOutcome>>> {
        let mut computed = Vec::new();
        let mut refused = Vec::new();
        for (article, found, extractor) in articles {
            match Checked::new(article, found).map(|ids| ids.by(extractor)) {
                Ok(ids) => {
                    computed.push((article, found, Some(ids)));
                    refused.push(None);
                }
                Err(e) => {
                    computed.push((article, found, None));
                    refused.push(Some(e));
                }
            }
        }
        let checked = computed
            .iter()
            .zip(&mut refused)
            .map(|((article, found, ids), refused)| match ids {
                Some(ids) => Ok(CheckedArticle {
                    article,
                    found,
                    ids,
                }),
                None => Err(refused.take().unwrap_or_else(|| Error::Invalid {
                    kind: ObjectKind::Article,
                    id: article.id(),
                    what: "its records do not agree".into(),
                })),
            })
            .collect();
        self.put_checked(checked)
    }

    /// [`Store::put_articles`] for articles whose ids were computed
    /// beforehand with [`Checked::new`], on other threads: hashing a body
    /// costs as much as writing a few keys, and the writer is the one
    /// thread ingest can't multiply. An article whose [`Checked`] does not
    /// fit it (computed from another record, or a different number of
    /// statements) is refused with [`Error::Invalid`].
    pub fn put_prechecked<'a>(
        &self,
        articles: impl IntoIterator<Item = (&'a Article, &'a [(Statement, Appearance)], &'a Checked)>,
    ) -> Result<Vec<Result<PutOutcome>>> {
        let checked = articles
            .into_iter()
            .map(|(article, found, ids)| {
                if !ids.fits(article, found) {
                    return Err(Error::Invalid {
                        kind: ObjectKind::Article,
                        id: ids.article,
                        what: "its precomputed ids belong to other records".into(),
                    });
                }
                Ok(CheckedArticle {
                    article,
                    found,
                    ids,
                })
            })
            .collect();
        self.put_checked(checked)
    }

    fn put_checked<'a>(
        &self,
        checked: Vec<Result<CheckedArticle<'a>>>,
    ) -> Result<Vec<Result<PutOutcome>>> {
        let mut recent = self.write.lock().unwrap_or_else(PoisonError::into_inner);
        let epoch = self.epoch.load(Ordering::Acquire);
        let mut batch = sled::Batch::default();
        // Ids staged in this batch, which `contains_key` can't see yet.
        let mut staged = HashSet::new();
        // The appearance lists of the batch's articles, as they will be.
        let mut lists: HashMap<Id, List<'a>> = HashMap::new();
        let mut outcomes = Vec::with_capacity(checked.len());
        // What the batch changes in the counters, staged with it.
        let mut deltas = Deltas::default();
        for item in checked {
            let checked = match item {
                Ok(checked) => checked,
                Err(e) => {
                    outcomes.push(Err(e));
                    continue;
                }
            };
            let ids = checked.ids;
            let mut outcome = PutOutcome {
                article: ids.article,
                article_new: false,
                statements_new: 0,
                appearances_new: 0,
            };
            let probe = ids.probe.as_ref();
            // What a probe on another thread saw, brought up to date.
            let known = |id: &Id, seen: Option<bool>| match (probe, seen) {
                // A removal since the probe may have taken what it saw.
                (Some(p), _) if p.epoch < recent.removed_at => None,
                (Some(_), Some(true)) => Some(true),
                (Some(p), Some(false)) => recent.written_after(p.epoch, id),
                _ => None,
            };
            let seen = probe.map(|p| p.article);
            outcome.article_new = self.stage(
                &mut batch,
                &mut staged,
                &ids.article,
                checked.article,
                known(&ids.article, seen),
            )?;
            if outcome.article_new {
                deltas.article(1);
                batch.insert(&keys::day_entry(&ids.day, &ids.article)[..], &[][..]);
                crate::unverified::stage_article(&mut batch, &ids.article);
            }
            let pairs = checked.found.iter().zip(&ids.pairs).zip(&ids.entries);
            let mut fresh = Vec::with_capacity(checked.found.len());
            for (i, (((statement, appearance), (statement_id, appearance_id)), entries)) in
                pairs.enumerate()
            {
                let seen = probe.and_then(|p| p.statements.get(i).copied());
                if self.stage(
                    &mut batch,
                    &mut staged,
                    statement_id,
                    statement,
                    known(statement_id, seen),
                )? {
                    outcome.statements_new += 1;
                    deltas.statement(statement_id, statement, 1);
                }
                fresh.push((appearance_id, appearance, statement, entries));
            }
            // Appearances live in their article's value. A new article's
            // are all new; a stored one gains appearances only when a newer
            // extractor finds more in it, and then its list is rewritten.
            let list = match lists.entry(ids.article) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(if outcome.article_new {
                    List::new_article(ids.extractor)
                } else {
                    let (extractor, stored) = self.read_list(&ids.article)?;
                    List::stored(stored, extractor)
                }),
            };
            for (id, appearance, statement, entries) in fresh {
                if list.add(id, appearance, ids.extractor) {
                    outcome.appearances_new += 1;
                    deltas.appearance(statement, 1);
                    for (key, value) in entries {
                        batch.insert(key.as_slice(), value.as_slice());
                    }
                }
            }
            outcomes.push(Ok(outcome));
        }
        let mut lists_changed = false;
        for (article, list) in lists {
            if let Some(value) = list.encode_if_changed() {
                batch.insert(&keys::appearances_key(&article)[..], value);
                crate::unverified::stage_article(&mut batch, &article);
                lists_changed = true;
            }
        }
        if !staged.is_empty() || lists_changed {
            self.stage_counters(deltas, &mut batch)?;
            self.db(self.tree.apply_batch(batch), || match outcomes.as_slice() {
                [Ok(one)] => format!("write article {}", one.article),
                _ => "write a batch of articles".to_string(),
            })?;
            // Remember before announcing: a probe that sees the new epoch
            // must also find these ids stored.
            recent.push(staged);
            self.epoch.store(epoch + 1, Ordering::Release);
            crate::reclaim::after_batch();
        }
        Ok(outcomes)
    }

    /// Holds the writer lock, for a write other than a put (a delete).
    pub(crate) fn lock_writes(&self) -> std::sync::MutexGuard<'_, RecentWrites> {
        self.write.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// After a write that removed objects: a probe made before it may say
    /// "stored" of something now gone, so no probe older than this write is
    /// completed from memory; the writer looks such ids up again.
    pub(crate) fn forget_recent_writes(&self, recent: &mut RecentWrites) {
        let epoch = self.epoch.load(Ordering::Acquire) + 1;
        recent.batches.clear();
        recent.first = epoch + 1;
        recent.removed_at = epoch;
        self.epoch.store(epoch, Ordering::Release);
    }

    /// Adds `record` to `batch` unless it is already stored or staged, and
    /// returns whether it was added. `known` is whether it is stored, when
    /// that is known without a lookup.
    fn stage<R: Record>(
        &self,
        batch: &mut sled::Batch,
        staged: &mut HashSet<Id>,
        id: &Id,
        record: &R,
        known: Option<bool>,
    ) -> Result<bool> {
        if staged.contains(id) {
            return Ok(false);
        }
        let key = keys::object_key(R::KIND, id);
        let present = match known {
            Some(present) => present,
            None => self.db(self.tree.contains_key(key), || {
                format!("read {} {id}", R::KIND)
            })?,
        };
        if present {
            return Ok(false);
        }
        staged.insert(*id);
        batch.insert(&key[..], record.encode());
        Ok(true)
    }

    /// Looks up which of an article's objects are stored already, so the
    /// writer of [`Store::put_prechecked`] need not: ingest runs this on its
    /// extraction threads, beside the one writer. Objects written after the
    /// probe are accounted for by the writer; a probe is never wrong, only
    /// sometimes too old to use, and then the writer looks itself.
    pub fn probe(&self, ids: &mut Checked) -> Result<()> {
        // The epoch first: whatever is written after it, the writer knows.
        let epoch = self.epoch.load(Ordering::Acquire);
        let stored = |kind: ObjectKind, id: &Id| {
            self.db(self.tree.contains_key(keys::object_key(kind, id)), || {
                format!("read {kind} {id}")
            })
        };
        let article = stored(ObjectKind::Article, &ids.article)?;
        let statements = ids
            .pairs
            .iter()
            .map(|(statement, _)| stored(ObjectKind::Statement, statement))
            .collect::<Result<_>>()?;
        ids.probe = Some(Probe {
            epoch,
            article,
            statements,
        });
        Ok(())
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

/// An article with its records and their ids.
struct CheckedArticle<'a> {
    article: &'a Article,
    found: &'a [(Statement, Appearance)],
    ids: &'a Checked,
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

/// An article's appearances as a batch will leave them: those stored
/// before, and those the batch adds.
struct List<'a> {
    appearances: Vec<(Id, Cow<'a, Appearance>)>,
    ids: HashSet<Id>,
    changed: bool,
    /// The extractor that made them all, if one did.
    extractor: Option<ExtractorVersion>,
}

impl<'a> List<'a> {
    fn stored(stored: Vec<(Id, Appearance)>, extractor: Option<ExtractorVersion>) -> List<'a> {
        List {
            ids: stored.iter().map(|(id, _)| *id).collect(),
            appearances: stored
                .into_iter()
                .map(|(id, a)| (id, Cow::Owned(a)))
                .collect(),
            changed: false,
            extractor,
        }
    }

    /// A new article's list. It is written even when empty if an extractor
    /// is known, so that "found nothing" is recorded with who found it.
    fn new_article(extractor: Option<ExtractorVersion>) -> List<'a> {
        List {
            changed: extractor.is_some(),
            ..List::stored(Vec::new(), extractor)
        }
    }

    /// Adds an appearance `by` an extractor unless the list has it;
    /// returns whether it was new. A list that gains appearances from
    /// another extractor than the one that made it was made by neither
    /// alone: its extractor becomes unrecorded (`reextract` redoes it).
    fn add(&mut self, id: &Id, appearance: &'a Appearance, by: Option<ExtractorVersion>) -> bool {
        if !self.ids.insert(*id) {
            return false;
        }
        if self.extractor != by {
            self.extractor = None;
        }
        self.appearances.push((*id, Cow::Borrowed(appearance)));
        self.changed = true;
        true
    }

    /// The value to store, in text order, if the batch changed the list.
    fn encode_if_changed(mut self) -> Option<Vec<u8>> {
        if !self.changed {
            return None;
        }
        self.appearances
            .sort_by_key(|(id, a)| (a.start, a.end, *id));
        Some(codec::encode_appearances(
            self.extractor.as_ref(),
            self.appearances.iter().map(|(id, a)| (id, a.as_ref())),
        ))
    }
}

#[cfg(test)]
pub(crate) mod fixtures;

#[cfg(test)]
mod tests;
