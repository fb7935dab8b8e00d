//! Replacing an article's derived records with a newer extractor's.
//!
//! An article is evidence and stays as it is; its statements, appearances
//! and groups are what an extractor decided, and a better extractor
//! decides some of them differently. [`Store::replace_derived`] swaps one
//! article's derived records for new ones in one sled batch:
//!
//! - appearances the new extractor no longer finds go, with their index
//!   entries, the statements no other appearance prints, and every group
//!   one of them was in (the same removal as [`Store::delete_article`]);
//! - the new statements and appearances are put as a put would, and the
//!   list is written with the new extractor's version.
//!
//! Appearances found again unchanged (same id) keep their group unless
//! that group went. After a crash the article has its old records or its
//! new ones, and `verify` is clean either way; appearances left without a
//! group are counted by `verify` and grouped by the matcher.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

use crate::codec;
use crate::error::{Error, ObjectKind, Result};
use crate::extractor::ExtractorVersion;
use crate::groups::GroupId;
use crate::id::Id;
use crate::keys;
use crate::record::{Appearance, Article, Statement};
use crate::store::{Checked, Store};

/// What [`Store::replace_derived`] changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Replaced {
    /// The article.
    pub article: Id,
    /// The extractor its appearances were recorded as made by before.
    pub extractor_before: Option<ExtractorVersion>,
    /// Appearances no longer found, removed, in text order.
    pub appearances_removed: Vec<Id>,
    /// Appearances found for the first time, in text order.
    pub appearances_added: Vec<Id>,
    /// Statements removed: printed by no appearance left.
    pub statements_removed: Vec<Id>,
    /// Statements stored for the first time.
    pub statements_new: Vec<Id>,
    /// Groups removed: every group a removed appearance was in.
    pub groups_removed: Vec<GroupId>,
    /// Appearances left in no group by that (this article's kept ones and
    /// other articles'), in id order. With the added appearances, they are
    /// the matcher's to group.
    pub ungrouped: Vec<Id>,
    /// Whether anything was written (false: the same appearances, already
    /// recorded as the new extractor's).
    pub written: bool,
}

impl Store {
    /// Replaces the derived records of the stored `article` with `found`,
    /// whose ids `ids` were computed from them ([`Checked::new`] or
    /// [`Checked::assign`]) and which records the extractor that found them
    /// ([`Checked::by`]), in one atomic batch (see the module docs).
    ///
    /// Returns `None`, changing nothing, when the article is not stored.
    /// Fails with [`Error::Invalid`] when `ids` do not fit the records.
    pub fn replace_derived(
        &self,
        article: &Article,
        found: &[(Statement, Appearance)],
        ids: &Checked,
    ) -> Result<Option<Replaced>> {
        if !ids.fits(article, found) {
            return Err(Error::Invalid {
                kind: ObjectKind::Article,
                id: ids.article,
                what: "its precomputed ids belong to other records".into(),
            });
        }
        let id = ids.article;
        // Writers are serialized: nothing changes between these reads and
        // the batch.
        let mut recent = self.lock_writes();
        if !self.contains(ObjectKind::Article, &id)? {
            return Ok(None);
        }
        let (before, old) = self.read_list(&id)?;

        // The new list, deduplicated by id, in text order.
        let mut new: Vec<(Id, &Appearance)> = Vec::with_capacity(found.len());
        let mut new_ids = HashSet::with_capacity(found.len());
        for ((_, appearance), (_, aid)) in found.iter().zip(&ids.pairs) {
            if new_ids.insert(*aid) {
                new.push((*aid, appearance));
            }
        }
        new.sort_by_key(|(aid, a)| (a.start, a.end, *aid));
        let old_ids: HashSet<Id> = old.iter().map(|(aid, _)| *aid).collect();
        let gone: Vec<(Id, Appearance)> = old
            .iter()
            .filter(|(aid, _)| !new_ids.contains(aid))
            .cloned()
            .collect();
        let mut replaced = Replaced {
            article: id,
            extractor_before: before,
            appearances_removed: gone.iter().map(|(aid, _)| *aid).collect(),
            appearances_added: new
                .iter()
                .map(|(aid, _)| *aid)
                .filter(|aid| !old_ids.contains(aid))
                .collect(),
            statements_removed: Vec::new(),
            statements_new: Vec::new(),
            groups_removed: Vec::new(),
            ungrouped: Vec::new(),
            written: false,
        };
        if replaced.appearances_removed.is_empty()
            && replaced.appearances_added.is_empty()
            && before == ids.extractor
            && self.has_list(&id)?
        {
            return Ok(Some(replaced));
        }

        let mut batch = sled::Batch::default();
        let gone_ids: HashSet<Id> = replaced.appearances_removed.iter().copied().collect();
        let keep: HashSet<Id> = ids.pairs.iter().map(|(sid, _)| *sid).collect();
        let mut removal = self.stage_removal(&gone, &ids.day, &gone_ids, &keep, &mut batch)?;
        let mut deltas = std::mem::take(&mut removal.deltas);
        replaced.statements_removed = removal.statements;
        replaced.groups_removed = removal.groups;
        replaced.ungrouped = removal.ungrouped;

        let mut staged = BTreeSet::new();
        let mut counted = HashSet::new();
        for (((statement, _), (sid, aid)), entries) in
            found.iter().zip(&ids.pairs).zip(&ids.entries)
        {
            if staged.insert(*sid) && !self.contains(ObjectKind::Statement, sid)? {
                batch.insert(
                    &keys::object_key(ObjectKind::Statement, sid)[..],
                    codec::encode_statement(statement),
                );
                replaced.statements_new.push(*sid);
                deltas.statement(sid, statement, 1);
            }
            if !old_ids.contains(aid) && counted.insert(*aid) {
                deltas.appearance(statement, 1);
            }
            // Every entry the new list implies, those of kept appearances
            // too: a name entry is shared by all of an article's
            // appearances with that name, and the removal above took it.
            for (key, value) in entries {
                batch.insert(key.as_slice(), value.as_slice());
            }
        }
        batch.insert(
            &keys::appearances_key(&id)[..],
            codec::encode_appearances(ids.extractor.as_ref(), new.iter().map(|(aid, a)| (aid, *a))),
        );
        self.stage_counters(deltas, &mut batch)?;
        crate::unverified::stage_article(&mut batch, &id);
        self.db(self.tree.apply_batch(batch), || {
            format!("replace the statements of article {id}")
        })?;
        self.forget_recent_writes(&mut recent);
        replaced.written = true;
        Ok(Some(replaced))
    }

    /// The extractor recorded on an article's appearances: `None` when
    /// not recorded (or the article has no list), without decoding the
    /// appearances.
    pub fn extractor_of(&self, article: &Id) -> Result<Option<ExtractorVersion>> {
        let value = self.db(self.tree.get(keys::appearances_key(article)), || {
            format!("read the appearances of article {article}")
        })?;
        let Some(value) = value else {
            return Ok(None);
        };
        codec::list_extractor(&value).map_err(|e| crate::store::list_corrupt(article, &e))
    }

    /// Whether an article has an appearance list value at all.
    fn has_list(&self, article: &Id) -> Result<bool> {
        self.db(
            self.tree.contains_key(keys::appearances_key(article)),
            || format!("read the appearances of article {article}"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::{GroupBatch, PostingChange};
    use crate::record::WireSource;
    use crate::store::fixtures::article;

    fn version(n: u8) -> Option<ExtractorVersion> {
        Some(ExtractorVersion::from_bytes([n; 16]))
    }

    /// `found` with the speaker of statement `i` changed to `speaker`,
    /// as an extractor that attributes it differently would find it.
    fn reattributed(
        found: &[(Statement, Appearance)],
        i: usize,
        speaker: &str,
    ) -> Vec<(Statement, Appearance)> {
        let mut out = found.to_vec();
        let (s, a) = &mut out[i];
        *s = Statement::new(
            s.kind,
            &s.text,
            Some(speaker),
            s.outlet.as_deref(),
            s.wire.as_deref(),
        );
        a.statement = s.id();
        a.speaker_mention = Some(speaker.to_owned());
        a.wire_source = WireSource::Text;
        out
    }

    #[test]
    fn replacing_swaps_the_derived_records_in_one_batch_and_verify_stays_clean() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (a, found) = article(1, "RFI", 3);
        // An older extractor gave statement 0 to the wrong speaker and
        // missed statement 2.
        let old = reattributed(&found[..2], 0, "Karim Sow");
        store.put_article_by(&a, &old, version(1)).unwrap();
        // Another article prints statement 1 too; one group holds a
        // version from each.
        let (b, found_b) = article(4, "RFI", 2);
        store.put_article_by(&b, &found_b, version(1)).unwrap();
        assert_eq!(found_b[1].0.id(), found[1].0.id(), "shared statement");
        let g = GroupId::founded_by(&old[0].1.id());
        let kept = GroupId::founded_by(&found[1].1.id());
        store
            .apply_groups(&GroupBatch {
                groups: vec![(g, vec![1]), (kept, vec![2])],
                members: vec![
                    (g, old[0].1.id(), vec![]),
                    (g, found_b[0].1.id(), vec![]),
                    (kept, found[1].1.id(), vec![]),
                    (kept, found_b[1].1.id(), vec![]),
                ],
                postings: vec![PostingChange::Add(7, g), PostingChange::Add(7, kept)],
                ..GroupBatch::default()
            })
            .unwrap();
        assert!(store.verify().unwrap().is_clean());
        let wrong = old[0].0.id();

        let ids = Checked::new(&a, &found).unwrap().by(version(2));
        let done = store.replace_derived(&a, &found, &ids).unwrap().unwrap();
        assert!(done.written);
        assert_eq!(done.extractor_before, version(1));
        assert_eq!(done.appearances_removed, vec![old[0].1.id()]);
        assert_eq!(
            done.appearances_added,
            vec![found[0].1.id(), found[2].1.id()]
        );
        assert_eq!(done.statements_removed, vec![wrong]);
        // b prints the right statement 0 already.
        assert_eq!(found_b[0].0.id(), found[0].0.id());
        assert_eq!(done.statements_new, vec![found[2].0.id()]);
        assert_eq!(done.groups_removed, vec![g]);
        assert_eq!(done.ungrouped, vec![found_b[0].1.id()]);

        let listed = store.appearances_in(&a.id()).unwrap();
        let expected: Vec<_> = found.iter().map(|(_, ap)| (ap.id(), ap.clone())).collect();
        assert_eq!(listed, expected);
        assert_eq!(store.extractor_of(&a.id()).unwrap(), version(2));
        assert_eq!(store.get_statement(&wrong).unwrap(), None);
        // The unchanged appearance keeps its group; the other article's
        // version of the dropped group waits for the matcher.
        assert_eq!(store.group_of(&found[1].1.id()).unwrap(), Some(kept));
        assert_eq!(store.group_candidates(7).unwrap(), vec![kept]);
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        assert_eq!(report.extractors.get(&version(2).unwrap()), Some(&1));
        assert_eq!(report.made_by_other_than(&version(2).unwrap()), 1);
        // Name lookups follow the new speaker.
        let by = |name: &str| {
            let filter = crate::StatementFilter {
                speaker: Some(name.into()),
                ..Default::default()
            };
            store.statements(&filter).unwrap().count()
        };
        assert_eq!(by("Awa Diallo"), 2, "statements 0 and 2");
        assert_eq!(by("Karim Sow"), 1, "statement 1 alone");

        // Again with the same records: nothing to write.
        let again = store.replace_derived(&a, &found, &ids).unwrap().unwrap();
        assert!(!again.written && again.appearances_added.is_empty());
        // Found nothing at all: the list stays, empty, with its version.
        let none = Checked::new(&a, &[]).unwrap().by(version(3));
        let emptied = store.replace_derived(&a, &[], &none).unwrap().unwrap();
        assert_eq!(emptied.appearances_removed.len(), 3);
        assert_eq!(
            emptied.statements_removed,
            vec![found[2].0.id()],
            "b prints 0 and 1"
        );
        assert_eq!(store.extractor_of(&a.id()).unwrap(), version(3));
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        assert_eq!(report.unrecorded(), 0);
    }

    #[test]
    fn an_article_not_stored_or_records_that_do_not_fit_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (a, found) = article(1, "RFI", 2);
        let ids = Checked::new(&a, &found).unwrap();
        assert_eq!(store.replace_derived(&a, &found, &ids).unwrap(), None);
        store.put_article(&a, &found).unwrap();
        let err = store.replace_derived(&a, &found[..1], &ids).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{err}");
        assert_eq!(store.appearances_in(&a.id()).unwrap().len(), 2);
        assert_eq!(store.extractor_of(&a.id()).unwrap(), None);
    }

    #[test]
    fn puts_record_their_extractor_and_a_mixed_list_is_unrecorded() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (a, found) = article(1, "RFI", 3);
        store.put_article_by(&a, &found[..2], version(1)).unwrap();
        assert_eq!(store.extractor_of(&a.id()).unwrap(), version(1));
        // The same extractor finding no more changes nothing.
        store.put_article_by(&a, &found[..1], version(1)).unwrap();
        assert_eq!(store.extractor_of(&a.id()).unwrap(), version(1));
        // Another adding to it: the list is neither's alone.
        store.put_article_by(&a, &found, version(2)).unwrap();
        assert_eq!(store.extractor_of(&a.id()).unwrap(), None);
        // An article with no statements still records who found none.
        let (empty, _) = article(2, "RFI", 0);
        store.put_article_by(&empty, &[], version(2)).unwrap();
        assert_eq!(store.extractor_of(&empty.id()).unwrap(), version(2));
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        assert_eq!((report.unrecorded(), report.extractors.len()), (1, 1));
    }
}
