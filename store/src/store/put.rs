//! Writing articles: the put path every write of records goes through
//! (ingest, import, merge, migrate, repair), its atomic batch, and the
//! bookkeeping that lets probes made on other threads skip lookups.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::PoisonError;
use std::sync::atomic::Ordering;

use super::checked::Probe;
use super::{Checked, PutOutcome, RecentWrites, Store};
use crate::codec;
use crate::counters::Deltas;
use crate::error::{Error, ObjectKind, Result};
use crate::extractor::ExtractorVersion;
use crate::id::Id;
use crate::keys::{self, Record};
use crate::record::{Appearance, Article, Statement};

impl Store {
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
}

/// An article with its records and their ids.
struct CheckedArticle<'a> {
    article: &'a Article,
    found: &'a [(Statement, Appearance)],
    ids: &'a Checked,
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
