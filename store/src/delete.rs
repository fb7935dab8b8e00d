//! Deleting an article and everything only it implied.
//!
//! Objects are write-once and shared: a statement printed by two articles
//! is one object, and an index entry may be implied by several
//! appearances. So deleting an article removes:
//!
//! - the article and its appearance list;
//! - the statements no other article prints;
//! - its appearances' index entries: the fingerprint entries (one per
//!   appearance) and the name entries, which are keyed by article and so
//!   are the article's alone;
//! - the statement groups its appearances were in.
//!
//! A group is removed whole, even when other articles' versions remain in
//! it: its stored state summarises every member (the reference version,
//! the longest one, the date range, the names), its id is derived from its
//! founding appearance, and this crate cannot recompute the matcher's
//! opaque state. The remaining members are left without a group and listed
//! in [`Deleted::ungrouped`], for the matcher to group again (the CLI's
//! `delete` does so at once). Their candidate-list entries go with the
//! group, found through the hashes its value records, so a delete costs
//! what the article and its groups hold, not what the store holds.
//!
//! All of it is one sled batch: after a crash the article is there whole
//! or gone whole, and `verify` is clean either way.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

use crate::counters::Deltas;
use crate::error::{Error, Result};
use crate::groups::{GroupId, PostingChange, member_key};
use crate::id::Id;
use crate::keys::{self, Keyspace};
use crate::record::{Appearance, Article, Statement};
use crate::store::Store;

/// What [`Store::stage_removal`] staged.
#[derive(Default)]
pub(crate) struct Removal {
    /// Statements removed, printed by no other appearance.
    pub(crate) statements: Vec<Id>,
    /// Index entries removed.
    pub(crate) index_entries: usize,
    /// Groups removed.
    pub(crate) groups: Vec<GroupId>,
    /// Appearances outside the removed ones left without a group, in id
    /// order.
    pub(crate) ungrouped: Vec<Id>,
    /// What the removal takes from the counters (statements and
    /// appearances; the caller adds its own, such as the article).
    pub(crate) deltas: Deltas,
}

/// What [`Store::delete_article`] removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deleted {
    /// The article.
    pub article: Id,
    /// Statements that no other article printed, removed with it.
    pub statements: Vec<Id>,
    /// Its appearances, in text order.
    pub appearances: Vec<Id>,
    /// Index entries removed (fingerprint and name entries).
    pub index_entries: usize,
    /// Groups removed: every group one of its appearances was in.
    pub groups: Vec<GroupId>,
    /// Other articles' appearances that were in those groups and now have
    /// none, in id order; the matcher groups them again.
    pub ungrouped: Vec<Id>,
}

impl Store {
    /// Removes article `id` and everything only it implied, in one atomic
    /// batch (see the module docs). Returns `None`, changing nothing, when
    /// no such article is stored.
    pub fn delete_article(&self, id: &Id) -> Result<Option<Deleted>> {
        // Writers are serialized, so nothing is added between what is read
        // here and the batch that removes it.
        let mut recent = self.lock_writes();
        let Some(article) = self.get::<Article>(id)? else {
            return Ok(None);
        };
        let day = keys::day_key(article.published.as_deref());
        let mut batch = sled::Batch::default();
        batch.remove(&keys::object_key(crate::ObjectKind::Article, id)[..]);
        batch.remove(&keys::appearances_key(id)[..]);
        batch.remove(&keys::day_entry(&day, id)[..]);

        let appearances = self.read_appearances(id)?;
        let mine: HashSet<Id> = appearances.iter().map(|(a, _)| *a).collect();
        let mut removal =
            self.stage_removal(&appearances, &day, &mine, &HashSet::new(), &mut batch)?;
        removal.deltas.article(-1);
        self.stage_counters(std::mem::take(&mut removal.deltas), &mut batch)?;
        crate::unverified::stage_article(&mut batch, id);
        let deleted = Deleted {
            article: *id,
            statements: removal.statements,
            appearances: appearances.iter().map(|(a, _)| *a).collect(),
            index_entries: removal.index_entries,
            groups: removal.groups,
            ungrouped: removal.ungrouped,
        };

        self.db(self.tree.apply_batch(batch), || {
            format!("delete article {id}")
        })?;
        self.forget_recent_writes(&mut recent);
        Ok(Some(deleted))
    }

    /// Stages in `batch` the removal of `gone`, appearances of one article
    /// published on `day`,
    /// and of what only they implied: their index entries (name entries
    /// included, so a caller keeping some of the article's appearances puts
    /// theirs back in the same batch), the statements printed by no
    /// appearance outside `gone` and not in `keep`, and every group one of
    /// them was in (see the module docs). The list value itself is the
    /// caller's. Shared by [`Store::delete_article`] and
    /// [`Store::replace_derived`].
    pub(crate) fn stage_removal(
        &self,
        gone: &[(Id, Appearance)],
        day: &keys::Day,
        mine: &HashSet<Id>,
        keep: &HashSet<Id>,
        batch: &mut sled::Batch,
    ) -> Result<Removal> {
        let mut removal = Removal::default();
        let mut entries = BTreeSet::new();
        let mut statements_seen = HashSet::new();
        let mut groups = BTreeSet::new();
        for (aid, appearance) in gone {
            if let Some(group) = self.group_of(aid)? {
                groups.insert(group);
            }
            // The group it founded goes with it, even when its value is
            // too damaged to name the founder.
            let founded = GroupId::founded_by(aid);
            let key = keys::id_prefix(Keyspace::Groups, founded.as_id());
            if self.db(self.tree.contains_key(key), || "read a group")? {
                groups.insert(founded);
            }
            let Some(statement) = self.get::<Statement>(&appearance.statement)? else {
                // A statement that is already missing is `verify`'s to
                // report; the article's own keys still go.
                continue;
            };
            removal.deltas.appearance(&statement, -1);
            entries.extend(
                keys::appearance_entries(aid, appearance, &statement, day)
                    .into_iter()
                    .map(|(k, _)| k),
            );
            if statements_seen.insert(appearance.statement)
                && !keep.contains(&appearance.statement)
                && self.printed_only_by(&statement, &appearance.statement, mine)?
            {
                batch.remove(
                    &keys::object_key(crate::ObjectKind::Statement, &appearance.statement)[..],
                );
                removal.statements.push(appearance.statement);
                removal
                    .deltas
                    .statement(&appearance.statement, &statement, -1);
            }
        }
        removal.index_entries = entries.len();
        for key in entries {
            batch.remove(key);
        }

        let mut ungrouped = BTreeSet::new();
        for group in &groups {
            batch.remove(&keys::id_prefix(Keyspace::Groups, group.as_id())[..]);
            for (member, _) in self.group_members(group)? {
                batch.remove(&member_key(group, &member)[..]);
                batch.remove(&keys::id_prefix(Keyspace::GroupOf, &member)[..]);
                if !mine.contains(&member) {
                    ungrouped.insert(member);
                }
            }
        }
        if !groups.is_empty() {
            self.drop_from_postings(&groups, batch)?;
        }
        removal.groups = groups.into_iter().collect();
        removal.ungrouped = ungrouped.into_iter().collect();
        Ok(removal)
    }

    /// Whether every appearance of `statement` is one of `mine`.
    fn printed_only_by(&self, s: &Statement, statement: &Id, mine: &HashSet<Id>) -> Result<bool> {
        let prefix = keys::statement_prefix(&s.fingerprint(), statement);
        for entry in self.tree.scan_prefix(prefix) {
            let (key, _) = self.db(entry, || "scan appearances-by-fingerprint")?;
            if keys::tail_id(&key).is_none_or(|a| !mine.contains(&a)) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Takes `groups` out of the candidate lists: each group's value
    /// records the hashes it is listed under (see [`crate::group_record`]),
    /// so this removes exactly its entries, O(group) rather than a scan of
    /// every list. Only if a value does not decode are the lists scanned
    /// for that group, so a delete still leaves no stale entry behind.
    fn drop_from_postings(
        &self,
        groups: &BTreeSet<GroupId>,
        batch: &mut sled::Batch,
    ) -> Result<()> {
        let mut changes = Vec::new();
        let mut unreadable = BTreeSet::new();
        for group in groups {
            match self.group_hashes(group) {
                Ok(hashes) => changes.extend(
                    (hashes.unwrap_or_default().into_iter())
                        .map(|h| PostingChange::Remove(h, *group)),
                ),
                Err(Error::CorruptGroup { .. }) => {
                    unreadable.insert(*group);
                }
                Err(e) => return Err(e),
            }
        }
        if !unreadable.is_empty() {
            changes.extend(
                (self.listings_of(&unreadable)?.into_iter())
                    .map(|(hash, group)| PostingChange::Remove(hash, group)),
            );
        }
        self.stage_postings(&changes, batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::{GroupBatch, PostingChange};
    use crate::record::{Appearance, Article};
    use crate::store::fixtures::article;

    type Found = Vec<(Statement, Appearance)>;

    /// Article 0 of RFI, and the same text at another URL: two articles
    /// sharing every statement.
    fn reprinted() -> (Article, Found, Article, Found) {
        let (a, found) = article(0, "RFI", 3);
        let b = Article {
            url: Some("https://example.invalid/RFI/elsewhere".into()),
            ..a.clone()
        };
        let again = found
            .iter()
            .map(|(s, ap)| {
                (
                    s.clone(),
                    Appearance {
                        article: b.id(),
                        ..ap.clone()
                    },
                )
            })
            .collect();
        (a, found, b, again)
    }

    #[test]
    fn a_delete_removes_the_group_entries_its_value_records_and_no_others() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (a, found) = article(0, "RFI", 2);
        let (c, only_c) = article(1, "Reuters", 1);
        store.put_article(&a, &found).unwrap();
        store.put_article(&c, &only_c).unwrap();
        let g = GroupId::founded_by(&found[0].1.id());
        let h = GroupId::founded_by(&found[1].1.id());
        let other = GroupId::founded_by(&only_c[0].1.id());
        store
            .apply_groups(&GroupBatch {
                groups: vec![(g, vec![]), (h, vec![]), (other, vec![])],
                members: vec![
                    (g, found[0].1.id(), vec![]),
                    (h, found[1].1.id(), vec![]),
                    (other, only_c[0].1.id(), vec![]),
                ],
                postings: (1..=50)
                    .flat_map(|n| [PostingChange::Add(n, g), PostingChange::Add(n, other)])
                    .chain([PostingChange::Add(99, h), PostingChange::Remove(50, g)])
                    .collect(),
                ..GroupBatch::default()
            })
            .unwrap();
        assert!(store.verify().unwrap().is_clean());
        // A later pass touching only the candidate lists keeps the state.
        store
            .apply_groups(&GroupBatch {
                postings: vec![PostingChange::Add(100, g)],
                ..GroupBatch::default()
            })
            .unwrap();
        assert_eq!(store.group_hashes(&g).unwrap().unwrap().len(), 50);
        assert_eq!(
            store.group_state(&g).unwrap().map(|v| v.state),
            Some(vec![])
        );
        // h's value is damaged: its entries are found by a scan instead.
        store
            .tree
            .insert(keys::id_prefix(Keyspace::Groups, h.as_id()), &[7u8][..])
            .unwrap();
        let postings_before = store.all_listings().len();
        let gone = store.delete_article(&a.id()).unwrap().unwrap();
        assert_eq!(gone.groups, vec![g, h]);
        let left = store.all_listings();
        assert_eq!(postings_before, 50 + 50 + 1);
        assert_eq!(left.len(), 50, "other's entries, all of them");
        let other_prefix = other.candidate_key();
        assert!(left.iter().all(|(_, g)| *g == other_prefix));
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
    }

    #[test]
    fn an_entry_its_group_does_not_record_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (a, found) = article(0, "RFI", 1);
        store.put_article(&a, &found).unwrap();
        let g = GroupId::founded_by(&found[0].1.id());
        store
            .apply_groups(&GroupBatch {
                groups: vec![(g, vec![])],
                members: vec![(g, found[0].1.id(), vec![])],
                postings: vec![PostingChange::Add(1, g)],
                ..GroupBatch::default()
            })
            .unwrap();
        store.damage_listing(PostingChange::Add(2, g));
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert!(report.problems[0].detail.contains("not recorded"));
        // And one it records but that is gone.
        store.damage_listing(PostingChange::Remove(1, g));
        let report = store.verify().unwrap();
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.kind == crate::ProblemKind::MissingIndexEntry),
            "{:#?}",
            report.problems
        );
    }

    #[test]
    fn deleting_keeps_what_another_article_prints_and_verify_stays_clean() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (a, found, b, again) = reprinted();
        let (c, only_c) = article(1, "Reuters", 2);
        store.put_article(&a, &found).unwrap();
        store.put_article(&b, &again).unwrap();
        store.put_article(&c, &only_c).unwrap();
        // One group holding a version from each of a, b and c.
        let (ga, gc) = (found[0].1.id(), only_c[0].1.id());
        let g = GroupId::founded_by(&ga);
        let other = GroupId::founded_by(&gc);
        store
            .apply_groups(&GroupBatch {
                groups: vec![(g, vec![1]), (other, vec![2])],
                members: vec![
                    (g, ga, vec![]),
                    (g, again[0].1.id(), vec![]),
                    (other, gc, vec![]),
                ],
                postings: vec![
                    PostingChange::Add(7, g),
                    PostingChange::Add(7, other),
                    PostingChange::Add(8, g),
                ],
                ..GroupBatch::default()
            })
            .unwrap();
        assert!(store.verify().unwrap().is_clean());
        assert_eq!(store.group_hashes(&g).unwrap(), Some(vec![7, 8]));
        assert_eq!(
            store.group_state(&g).unwrap().map(|v| v.state),
            Some(vec![1])
        );

        let gone = store.delete_article(&a.id()).unwrap().unwrap();
        assert!(gone.statements.is_empty(), "b still prints them all");
        assert_eq!(gone.appearances.len(), 3);
        assert_eq!(gone.groups, vec![g]);
        assert_eq!(gone.ungrouped, vec![again[0].1.id()]);
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        assert_eq!(store.totals().unwrap().articles, 2);
        assert_eq!(store.group_candidates(7).unwrap(), vec![other]);
        assert!(store.group_candidates(8).unwrap().is_empty());
        // Only g's entries went: other's value still records its hash.
        assert_eq!(store.group_hashes(&other).unwrap(), Some(vec![7]));
        assert_eq!(store.group_hashes(&g).unwrap(), None);
        assert_eq!(store.group_of(&again[0].1.id()).unwrap(), None);

        // Now b goes too, and its statements with it.
        let gone = store.delete_article(&b.id()).unwrap().unwrap();
        assert_eq!(gone.statements.len(), 3);
        assert!(gone.groups.is_empty());
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        let totals = store.totals().unwrap();
        assert_eq!(
            (totals.articles, totals.statements, totals.appearances),
            (1, 2, 2)
        );
        assert!(store.names(crate::NameField::Outlet).unwrap() == ["reuters"]);
        assert_eq!(store.delete_article(&b.id()).unwrap(), None);

        // What was deleted can be put back.
        let back = store.put_article(&a, &found).unwrap();
        assert!(back.article_new && back.statements_new == 3);
        assert!(store.verify().unwrap().is_clean());
    }
}
