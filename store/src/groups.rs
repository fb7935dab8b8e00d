//! Statement groups: which appearances report one utterance, kept beside
//! the objects so following a statement never rebuilds anything.
//!
//! The matching itself (what makes two printed versions the same
//! utterance) lives in the `quotetrail` crate; this module only keeps its
//! results honest on disk. Four keyspaces, the `0x3_` family:
//!
//! | tag | keyspace | rest of the key | value |
//! |------|----------|-----------------|-------|
//! | `0x30` | groups | group id | the matcher's group state (opaque bytes) |
//! | `0x31` | group members | group id, appearance id | the matcher's member summary (opaque) |
//! | `0x32` | group of appearance | appearance id | group id |
//! | `0x33` | group candidates | word-pair hash (u64 BE) | group ids, 32 bytes each |
//!
//! A group id is the id of the appearance that founded the group, so it is
//! content-derived: two stores fed the same articles in the same order
//! agree on it, and the founder is always a member of its own group (which
//! [`Store::verify`] checks). The candidate lists are the inverted index the
//! matcher proposes groups from; the matcher caps their length, the store
//! just keeps what it is given.
//!
//! Group writes come in one [`GroupBatch`], applied atomically, after the
//! articles' own batch: a crash between the two leaves appearances without
//! a group, which the next ingest of those articles matches again.

use std::collections::HashSet;

use crate::error::{ObjectKind, Result};
use crate::id::Id;
use crate::keys::{self, Keyspace};
use crate::store::Store;
use crate::verify::{Problem, ProblemKind};

/// The group writes of one matching pass, applied at once by
/// [`Store::apply_groups`].
#[derive(Clone, Debug, Default)]
pub struct GroupBatch {
    /// Group states to write, replacing what was there.
    pub groups: Vec<(Id, Vec<u8>)>,
    /// New memberships: group, appearance, member summary.
    pub members: Vec<(Id, Id, Vec<u8>)>,
    /// Candidate lists to write, replacing what was there.
    pub postings: Vec<(u64, Vec<Id>)>,
    /// Groups merged into another: their state is deleted. Applied before
    /// the writes above, so a group both removed and written is written.
    pub removed_groups: Vec<Id>,
    /// Memberships to delete, as (group, appearance): members moved to
    /// another group, whose new membership (and group-of entry) is in
    /// `members`.
    pub removed_members: Vec<(Id, Id)>,
}

impl GroupBatch {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
            && self.members.is_empty()
            && self.postings.is_empty()
            && self.removed_groups.is_empty()
            && self.removed_members.is_empty()
    }
}

fn posting_key(hash: u64) -> [u8; 9] {
    let mut key = [0u8; 9];
    key[0] = Keyspace::GroupPostings.tag();
    key[1..].copy_from_slice(&hash.to_be_bytes());
    key
}

fn member_key(group: &Id, appearance: &Id) -> [u8; 65] {
    let mut key = [0u8; 65];
    key[..33].copy_from_slice(&keys::id_prefix(Keyspace::GroupMembers, group));
    key[33..].copy_from_slice(appearance.as_bytes());
    key
}

fn decode_ids(value: &[u8]) -> Option<Vec<Id>> {
    if value.len() % 32 != 0 {
        return None;
    }
    value.chunks_exact(32).map(Id::from_slice).collect()
}

impl Store {
    /// Writes a matching pass atomically.
    pub fn apply_groups(&self, batch: &GroupBatch) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut b = sled::Batch::default();
        for id in &batch.removed_groups {
            b.remove(&keys::id_prefix(Keyspace::Groups, id)[..]);
        }
        for (group, appearance) in &batch.removed_members {
            b.remove(&member_key(group, appearance)[..]);
        }
        for (id, state) in &batch.groups {
            b.insert(&keys::id_prefix(Keyspace::Groups, id)[..], state.as_slice());
        }
        for (group, appearance, summary) in &batch.members {
            b.insert(&member_key(group, appearance)[..], summary.as_slice());
            b.insert(
                &keys::id_prefix(Keyspace::GroupOf, appearance)[..],
                &group.as_bytes()[..],
            );
        }
        for (hash, ids) in &batch.postings {
            let value: Vec<u8> = ids.iter().flat_map(|id| *id.as_bytes()).collect();
            b.insert(&posting_key(*hash)[..], value);
        }
        self.db(self.tree.apply_batch(b), || "write statement groups")
    }

    /// The groups listed under a word-pair hash.
    pub fn group_candidates(&self, hash: u64) -> Result<Vec<Id>> {
        let value = self.db(self.tree.get(posting_key(hash)), || "read group candidates")?;
        Ok(value.and_then(|v| decode_ids(&v)).unwrap_or_default())
    }

    /// A group's state, as the matcher wrote it.
    pub fn group_state(&self, group: &Id) -> Result<Option<Vec<u8>>> {
        let value = self.db(
            self.tree.get(keys::id_prefix(Keyspace::Groups, group)),
            || format!("read group {group}"),
        )?;
        Ok(value.map(|v| v.to_vec()))
    }

    /// The group an appearance is in, if it was matched.
    pub fn group_of(&self, appearance: &Id) -> Result<Option<Id>> {
        let value = self.db(
            self.tree
                .get(keys::id_prefix(Keyspace::GroupOf, appearance)),
            || format!("read the group of {appearance}"),
        )?;
        Ok(value.and_then(|v| Id::from_slice(&v)))
    }

    /// A group's members with their summaries, in appearance id order.
    pub fn group_members(&self, group: &Id) -> Result<Vec<(Id, Vec<u8>)>> {
        let mut out = Vec::new();
        for entry in self
            .tree
            .scan_prefix(keys::id_prefix(Keyspace::GroupMembers, group))
        {
            let (key, value) = self.db(entry, || "scan group members")?;
            if let Some(id) = keys::tail_id(&key) {
                out.push((id, value.to_vec()));
            }
        }
        Ok(out)
    }

    /// Every group with its state, in group id order.
    pub fn groups(&self) -> impl Iterator<Item = Result<(Id, Vec<u8>)>> + '_ {
        self.tree
            .scan_prefix([Keyspace::Groups.tag()])
            .filter_map(move |entry| match self.db(entry, || "scan groups") {
                Ok((key, value)) => Id::from_slice(&key[1..]).map(|id| Ok((id, value.to_vec()))),
                Err(e) => Some(Err(e)),
            })
    }
}

/// What the verification walk has learned about groups: the group keys
/// come first (`0x30`), so members and candidate lists can be checked
/// against them.
#[derive(Default)]
pub(crate) struct GroupWalk {
    groups: HashSet<Id>,
}

impl GroupWalk {
    /// Checks one entry of a group keyspace.
    pub(crate) fn check(
        &mut self,
        store: &Store,
        space: Keyspace,
        key: &[u8],
        value: &[u8],
    ) -> Result<Option<Problem>> {
        let stale = |id: Option<Id>, detail: &str| Problem {
            kind: ProblemKind::StaleIndexEntry,
            object: Some(ObjectKind::Appearance),
            id,
            keyspace: space.name(),
            detail: detail.to_string(),
        };
        let appearance_stored = |id: &Id| store.contains(ObjectKind::Appearance, id);
        match space {
            Keyspace::Groups => {
                let Some(id) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                    return Ok(Some(stale(None, "group key is not 33 bytes")));
                };
                self.groups.insert(id);
                if !appearance_stored(&id)? {
                    return Ok(Some(stale(
                        Some(id),
                        "the group's founding appearance is not stored",
                    )));
                }
                if store.group_of(&id)? != Some(id) {
                    return Ok(Some(stale(
                        Some(id),
                        "the group's founding appearance is not in it",
                    )));
                }
                Ok(None)
            }
            Keyspace::GroupMembers => {
                let (Some(group), Some(member)) = (
                    Id::from_slice(key.get(1..33).unwrap_or_default()),
                    Id::from_slice(key.get(33..).unwrap_or_default()),
                ) else {
                    return Ok(Some(stale(None, "member key is not 65 bytes")));
                };
                if !self.groups.contains(&group) {
                    return Ok(Some(stale(Some(member), "its group is not stored")));
                }
                if !appearance_stored(&member)? {
                    return Ok(Some(stale(
                        Some(member),
                        "it lists an appearance that is not stored",
                    )));
                }
                if store.group_of(&member)? != Some(group) {
                    return Ok(Some(stale(
                        Some(member),
                        "the appearance's group is another one",
                    )));
                }
                Ok(None)
            }
            Keyspace::GroupOf => {
                let (Some(member), Some(group)) = (
                    Id::from_slice(&key[1..]).filter(|_| key.len() == 33),
                    Id::from_slice(value),
                ) else {
                    return Ok(Some(stale(None, "malformed group-of entry")));
                };
                let listed = self.db_contains(store, &member_key(&group, &member))?;
                if !listed {
                    return Ok(Some(Problem {
                        kind: ProblemKind::MissingIndexEntry,
                        object: Some(ObjectKind::Appearance),
                        id: Some(member),
                        keyspace: Keyspace::GroupMembers.name(),
                        detail: "the appearance is not listed in its group".into(),
                    }));
                }
                Ok(None)
            }
            Keyspace::GroupPostings => {
                if key.len() != 9 {
                    return Ok(Some(stale(None, "candidate key is not 9 bytes")));
                }
                let Some(ids) = decode_ids(value) else {
                    return Ok(Some(stale(None, "candidate list is not whole ids")));
                };
                Ok(ids
                    .into_iter()
                    .find(|id| !self.groups.contains(id))
                    .map(|id| stale(Some(id), "it lists a group that is not stored")))
            }
            _ => Ok(None),
        }
    }

    fn db_contains(&self, store: &Store, key: &[u8]) -> Result<bool> {
        store.db(store.tree.contains_key(key), || "read a group member")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::article;

    /// A store holding one article with two appearances.
    fn two_appearances() -> (tempfile::TempDir, Store, Id, Id) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (a, found) = article(0, "RFI", 2);
        store.put_article(&a, &found).unwrap();
        (dir, store, found[0].1.id(), found[1].1.id())
    }

    #[test]
    fn groups_round_trip_and_verify() {
        let (_dir, store, first, second) = two_appearances();
        let batch = GroupBatch {
            groups: vec![(first, b"state".to_vec())],
            members: vec![(first, first, vec![1]), (first, second, vec![2])],
            postings: vec![(7, vec![first])],
            ..GroupBatch::default()
        };
        store.apply_groups(&batch).unwrap();
        assert_eq!(store.group_of(&second).unwrap(), Some(first));
        assert_eq!(store.group_candidates(7).unwrap(), vec![first]);
        assert_eq!(store.group_candidates(8).unwrap(), Vec::<Id>::new());
        assert_eq!(store.group_members(&first).unwrap().len(), 2);
        assert_eq!(
            store.group_state(&first).unwrap().as_deref(),
            Some(&b"state"[..])
        );
        assert_eq!(store.groups().count(), 1);
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);

        // A candidate list naming a group that does not exist is stale.
        let bogus = GroupBatch {
            postings: vec![(9, vec![second])],
            ..GroupBatch::default()
        };
        store.apply_groups(&bogus).unwrap();
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert_eq!(report.problems[0].kind, ProblemKind::StaleIndexEntry);
    }

    #[test]
    fn a_merge_moves_members_and_removes_the_group_in_one_batch() {
        let (_dir, store, first, second) = two_appearances();
        store
            .apply_groups(&GroupBatch {
                groups: vec![(first, vec![]), (second, vec![])],
                members: vec![(first, first, vec![]), (second, second, vec![])],
                postings: vec![(7, vec![first, second])],
                ..GroupBatch::default()
            })
            .unwrap();
        store
            .apply_groups(&GroupBatch {
                groups: vec![(first, b"merged".to_vec())],
                members: vec![(first, second, vec![])],
                postings: vec![(7, vec![first])],
                removed_groups: vec![second],
                removed_members: vec![(second, second)],
            })
            .unwrap();
        assert_eq!(store.group_of(&second).unwrap(), Some(first));
        assert_eq!(store.group_members(&first).unwrap().len(), 2);
        assert!(store.group_members(&second).unwrap().is_empty());
        assert_eq!(store.group_state(&second).unwrap(), None);
        assert_eq!(store.groups().count(), 1);
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
    }

    #[test]
    fn a_member_whose_group_of_disagrees_is_reported() {
        let (_dir, store, first, second) = two_appearances();
        store
            .apply_groups(&GroupBatch {
                groups: vec![(first, vec![]), (second, vec![])],
                members: vec![(first, first, vec![]), (second, second, vec![])],
                ..GroupBatch::default()
            })
            .unwrap();
        assert!(store.verify().unwrap().is_clean());
        // A second membership for `second`, while its group-of says itself.
        store
            .tree
            .insert(&member_key(&first, &second)[..], &b""[..])
            .unwrap();
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    }
}
