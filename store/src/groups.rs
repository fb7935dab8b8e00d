//! Statement groups: which appearances report one utterance, kept beside
//! the objects so following a statement never rebuilds anything.
//!
//! The matching itself (what makes two printed versions the same
//! utterance) lives in the `quotetrail` crate; this module only keeps its
//! results honest on disk. Four keyspaces, the `0x3_` family:
//!
//! | tag | keyspace | rest of the key | value |
//! |------|----------|-----------------|-------|
//! | `0x30` | groups | group id | the founding appearance and its member summary, the matcher's group state (opaque bytes), then the hashes it is listed under ([`crate::group_record`]) |
//! | `0x31` | group members | group id, appearance id | the matcher's member summary (opaque); not for the founder |
//! | `0x32` | group of appearance | appearance id | group id; not for the founder of its group |
//! | `0x33` | group candidates | the largest word-pair hash the leaf holds (u64 BE) | about 16 entries (hash, group id), sorted ([`crate::postings`]) |
//!
//! A group has its own id type, [`GroupId`]: the blake3 hash of the
//! founding appearance's id under the kind `group`, so it is
//! content-derived (two stores fed the same articles in the same order
//! agree on it), it never shares a prefix with the article its founder
//! came from, and the founder is always a member of its own group (which
//! [`Store::verify`] checks). The founder's membership is recorded in the
//! group's value rather than under keys (schema 8): most groups hold one
//! statement, and this takes two keys off each. The candidate lists are
//! the inverted index the matcher proposes groups from; the matcher caps
//! their length, the store just keeps what it is given, many entries to a
//! key (schema 10).
//!
//! Group writes come in one [`GroupBatch`], applied atomically, after the
//! articles' own batch: a crash between the two leaves appearances without
//! a group, which the next ingest of those articles matches again.

use crate::error::{Error, Result};
use crate::group_record;
use crate::id::Id;
use crate::keys::{self, Keyspace};
use crate::store::Store;

/// The id of a statement group (see the module docs). Printed as 64 hex
/// digits like every id; a prefix resolves with [`Store::resolve_group`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId(Id);

impl GroupId {
    /// The first 8 bytes of the id, big-endian: how the candidate lists
    /// name the group ([`Store::candidate_keys`]).
    pub fn candidate_key(&self) -> u64 {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&self.as_bytes()[..8]);
        u64::from_be_bytes(bytes)
    }

    /// The id of the group that `appearance` founds.
    pub fn founded_by(appearance: &Id) -> GroupId {
        GroupId(Id::of_body("group", appearance.as_bytes()))
    }

    /// Wraps raw bytes read back from a store key or value.
    pub fn from_slice(bytes: &[u8]) -> Option<GroupId> {
        Id::from_slice(bytes).map(GroupId)
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// The hash as a plain [`Id`], for key building.
    pub fn as_id(&self) -> &Id {
        &self.0
    }

    /// The full 64-digit lowercase hex form.
    pub fn to_hex(&self) -> String {
        self.0.to_hex()
    }

    /// The first `n` hex digits, for display.
    pub fn short(&self, n: usize) -> String {
        self.0.short(n)
    }
}

impl std::str::FromStr for GroupId {
    type Err = crate::id::ParseIdError;
    fn from_str(s: &str) -> std::result::Result<GroupId, Self::Err> {
        s.parse().map(GroupId)
    }
}

crate::id::hex_text_forms!(GroupId);

/// A group's value as the matcher reads it back
/// ([`Store::group_state`], [`Store::groups`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupValue {
    /// The founding appearance recorded with the group, if any: the
    /// matcher's state may name it without repeating its id.
    pub founder: Option<Id>,
    /// The matcher's state, opaque here.
    pub state: Vec<u8>,
}

impl GroupValue {
    fn of(record: &group_record::GroupRecord<'_>) -> GroupValue {
        GroupValue {
            founder: record.founder.map(|(id, _)| id),
            state: record.state.to_vec(),
        }
    }
}

/// The group writes of one matching pass, applied at once by
/// [`Store::apply_groups`].
#[derive(Clone, Debug, Default)]
pub struct GroupBatch {
    /// Group states to write, replacing what was there.
    pub groups: Vec<(GroupId, Vec<u8>)>,
    /// New memberships: group, appearance, member summary. The founder's
    /// (the appearance the group id derives from) is recorded in the
    /// group's value, the others under keys of their own.
    pub members: Vec<(GroupId, Id, Vec<u8>)>,
    /// Changes to the candidate lists, applied in order after the
    /// writes above, to the leaves that hold them ([`crate::postings`]).
    /// The group's value records the hash too (8 bytes, see
    /// [`crate::group_record`]), so a group's entries can be removed
    /// without a scan.
    pub postings: Vec<PostingChange>,
    /// Groups merged into another: their state is deleted. Applied before
    /// the writes above, so a group both removed and written is written.
    pub removed_groups: Vec<GroupId>,
    /// Memberships to delete, as (group, appearance): members moved to
    /// another group, whose new membership (and group-of entry) is in
    /// `members`.
    pub removed_members: Vec<(GroupId, Id)>,
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

/// One change to a candidate list (see [`GroupBatch::postings`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostingChange {
    /// The group is listed under the hash.
    Add(u64, GroupId),
    /// The group is no longer listed under the hash.
    Remove(u64, GroupId),
}

pub(crate) fn member_key(group: &GroupId, appearance: &Id) -> [u8; 65] {
    let mut key = [0u8; 65];
    key[..33].copy_from_slice(&keys::id_prefix(Keyspace::GroupMembers, group.as_id()));
    key[33..].copy_from_slice(appearance.as_bytes());
    key
}

impl Store {
    /// Writes a matching pass atomically. Each group's value records the
    /// hashes it is listed under (see [`crate::group_record`]), so writes
    /// are serialized with the other writers while the values are read
    /// and updated.
    pub fn apply_groups(&self, batch: &GroupBatch) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let _writing = self.lock_writes();
        let mut b = sled::Batch::default();
        for id in &batch.removed_groups {
            b.remove(&keys::id_prefix(Keyspace::Groups, id.as_id())[..]);
        }
        for (group, appearance) in &batch.removed_members {
            b.remove(&member_key(group, appearance)[..]);
        }
        let founders = self.stage_group_values(batch, &mut b)?;
        for (group, appearance, summary) in &batch.members {
            if founders.contains(&(*group, *appearance)) {
                continue;
            }
            b.insert(&member_key(group, appearance)[..], summary.as_slice());
            b.insert(
                &keys::id_prefix(Keyspace::GroupOf, appearance)[..],
                &group.as_bytes()[..],
            );
        }
        let touched = (batch.groups.iter().map(|(g, _)| g))
            .chain(batch.members.iter().map(|(g, _, _)| g))
            .chain(&batch.removed_groups)
            .chain(batch.removed_members.iter().map(|(g, _)| g));
        let covered = self.groups_checked_with_articles(batch)?;
        for group in touched.collect::<std::collections::BTreeSet<_>>() {
            if !covered.contains(group) {
                crate::unverified::stage_group(&mut b, group);
            }
        }
        self.db(self.tree.apply_batch(b), || "write statement groups")?;
        crate::reclaim::after_batch();
        Ok(())
    }

    /// A group's state, as the matcher wrote it, with the founder
    /// recorded beside it (the matcher leaves that id out of its state
    /// when it is the reference, so it needs it back to read the state).
    pub fn group_state(&self, group: &GroupId) -> Result<Option<GroupValue>> {
        let value = self.db(
            self.tree
                .get(keys::id_prefix(Keyspace::Groups, group.as_id())),
            || format!("read group {group}"),
        )?;
        value
            .map(|v| {
                group_record::decode(&v)
                    .map(|r| GroupValue::of(&r))
                    .map_err(|what| group_record::corrupt(group, what))
            })
            .transpose()
    }

    /// The group an appearance is in, if it was matched: its group-of
    /// entry, else the group it founded (whose membership has no keys).
    pub fn group_of(&self, appearance: &Id) -> Result<Option<GroupId>> {
        match self.listed_group_of(appearance)? {
            Some(group) => Ok(Some(group)),
            None => self.founded_group(appearance),
        }
    }

    /// The group-of entry of an appearance that joined a group it did not
    /// found.
    pub(crate) fn listed_group_of(&self, appearance: &Id) -> Result<Option<GroupId>> {
        let value = self.db(
            self.tree
                .get(keys::id_prefix(Keyspace::GroupOf, appearance)),
            || format!("read the group of {appearance}"),
        )?;
        Ok(value.and_then(|v| GroupId::from_slice(&v)))
    }

    /// A group's members with their summaries, in appearance id order:
    /// its recorded founder and the members listed under it.
    pub fn group_members(&self, group: &GroupId) -> Result<Vec<(Id, Vec<u8>)>> {
        let mut out = self.listed_members(group)?;
        if let Some(founder) = self.group_founder(group)? {
            let at = out.partition_point(|(id, _)| *id < founder.0);
            out.insert(at, founder);
        }
        Ok(out)
    }

    /// The members listed under a group's membership keys (every member
    /// but its founder), in appearance id order.
    pub(crate) fn listed_members(&self, group: &GroupId) -> Result<Vec<(Id, Vec<u8>)>> {
        let mut out = Vec::new();
        for entry in self
            .tree
            .scan_prefix(keys::id_prefix(Keyspace::GroupMembers, group.as_id()))
        {
            let (key, value) = self.db(entry, || "scan group members")?;
            if let Some(id) = keys::tail_id(&key) {
                out.push((id, value.to_vec()));
            }
        }
        Ok(out)
    }

    /// Every group with its state (and recorded founder), in group id
    /// order.
    pub fn groups(&self) -> impl Iterator<Item = Result<(GroupId, GroupValue)>> + '_ {
        self.tree
            .scan_prefix([Keyspace::Groups.tag()])
            .filter_map(move |entry| match self.db(entry, || "scan groups") {
                Ok((key, value)) => GroupId::from_slice(&key[1..]).map(|id| {
                    group_record::decode(&value)
                        .map(|r| (id, GroupValue::of(&r)))
                        .map_err(|what| group_record::corrupt(&id, what))
                }),
                Err(e) => Some(Err(e)),
            })
    }

    /// Finds the one group whose id starts with the hex digits `prefix`
    /// (any case, 1 to 64 digits): [`Error::NotFound`] when none does,
    /// [`Error::Ambiguous`] when several do.
    pub fn resolve_group(&self, prefix: &str) -> Result<GroupId> {
        let digits = prefix.trim().to_ascii_lowercase();
        if digits.is_empty() || digits.len() > 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(Error::BadPrefix {
                prefix: prefix.to_string(),
            });
        }
        let whole: Vec<u8> = digits
            .as_bytes()
            .chunks_exact(2)
            .filter_map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
            .collect();
        let mut scan = vec![Keyspace::Groups.tag()];
        scan.extend_from_slice(&whole);
        let mut found = Vec::new();
        for entry in self.tree.scan_prefix(&scan) {
            let (key, _) = self.db(entry, || "scan groups")?;
            if let Some(id) = GroupId::from_slice(&key[1..]).filter(|_| key.len() == 33)
                && id.to_hex().starts_with(&digits)
            {
                found.push(id);
                if found.len() > 1 {
                    break;
                }
            }
        }
        match found.as_slice() {
            [] => Err(Error::NotFound { prefix: digits }),
            [one] => Ok(*one),
            _ => Err(Error::Ambiguous {
                prefix: digits,
                candidates: found.len(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::article;
    use crate::verify::ProblemKind;

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
        let (ga, gb) = (GroupId::founded_by(&first), GroupId::founded_by(&second));
        let batch = GroupBatch {
            groups: vec![(ga, b"state".to_vec())],
            members: vec![(ga, first, vec![1]), (ga, second, vec![2])],
            postings: vec![PostingChange::Add(7, ga)],
            ..GroupBatch::default()
        };
        store.apply_groups(&batch).unwrap();
        assert_eq!(store.group_of(&second).unwrap(), Some(ga));
        assert_eq!(store.group_candidates(7).unwrap(), vec![ga]);
        assert_eq!(store.group_candidates(8).unwrap(), Vec::<GroupId>::new());
        assert_eq!(store.group_members(&ga).unwrap().len(), 2);
        assert_eq!(
            store.group_state(&ga).unwrap(),
            Some(GroupValue {
                founder: Some(first),
                state: b"state".to_vec()
            }),
            "the state, with the founder the matcher may leave out of it"
        );
        assert_eq!(store.groups().count(), 1);
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);

        // A candidate list naming a group that does not exist is stale.
        let bogus = GroupBatch {
            postings: vec![PostingChange::Add(9, gb)],
            ..GroupBatch::default()
        };
        store.apply_groups(&bogus).unwrap();
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert_eq!(report.problems[0].kind, ProblemKind::StaleIndexEntry);
    }

    #[test]
    fn a_founder_has_no_keys_of_its_own_and_a_joiner_has_two() {
        let (_dir, store, first, second) = two_appearances();
        let ga = GroupId::founded_by(&first);
        let count = |space: Keyspace| store.tree.scan_prefix([space.tag()]).count();
        store
            .apply_groups(&GroupBatch {
                groups: vec![(ga, b"one".to_vec())],
                members: vec![(ga, first, vec![1])],
                ..GroupBatch::default()
            })
            .unwrap();
        assert_eq!(count(Keyspace::Groups), 1);
        assert_eq!(count(Keyspace::GroupMembers), 0);
        assert_eq!(count(Keyspace::GroupOf), 0);
        assert_eq!(store.group_of(&first).unwrap(), Some(ga));
        assert_eq!(store.group_of(&second).unwrap(), None);
        assert_eq!(store.group_members(&ga).unwrap(), vec![(first, vec![1])]);
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        assert_eq!(report.ungrouped, 1);

        store
            .apply_groups(&GroupBatch {
                groups: vec![(ga, b"two".to_vec())],
                members: vec![(ga, second, vec![2])],
                ..GroupBatch::default()
            })
            .unwrap();
        assert_eq!(count(Keyspace::GroupMembers), 1);
        assert_eq!(count(Keyspace::GroupOf), 1);
        assert_eq!(store.group_of(&second).unwrap(), Some(ga));
        let mut both = vec![(first, vec![1]), (second, vec![2])];
        both.sort();
        assert_eq!(store.group_members(&ga).unwrap(), both);
        assert_eq!(
            store.group_state(&ga).unwrap().map(|v| v.state).as_deref(),
            Some(&b"two"[..])
        );
        let report = store.verify_full().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        assert_eq!(report.ungrouped, 0);

        // A founder listed under keys as well is named.
        store
            .tree
            .insert(
                keys::id_prefix(Keyspace::GroupOf, &first),
                &ga.as_bytes()[..],
            )
            .unwrap();
        let report = store.verify().unwrap();
        assert!(!report.is_clean());
    }

    #[test]
    fn a_merge_moves_members_and_removes_the_group_in_one_batch() {
        let (_dir, store, first, second) = two_appearances();
        let (ga, gb) = (GroupId::founded_by(&first), GroupId::founded_by(&second));
        store
            .apply_groups(&GroupBatch {
                groups: vec![(ga, vec![]), (gb, vec![])],
                members: vec![(ga, first, vec![]), (gb, second, vec![])],
                postings: vec![PostingChange::Add(7, ga), PostingChange::Add(7, gb)],
                ..GroupBatch::default()
            })
            .unwrap();
        store
            .apply_groups(&GroupBatch {
                groups: vec![(ga, b"merged".to_vec())],
                members: vec![(ga, second, vec![])],
                postings: vec![PostingChange::Remove(7, gb)],
                removed_groups: vec![gb],
                removed_members: vec![(gb, second)],
            })
            .unwrap();
        assert_eq!(store.group_of(&second).unwrap(), Some(ga));
        assert_eq!(store.group_members(&ga).unwrap().len(), 2);
        assert!(store.group_members(&gb).unwrap().is_empty());
        assert_eq!(store.group_state(&gb).unwrap(), None);
        assert_eq!(store.groups().count(), 1);
        assert_eq!(store.group_candidates(7).unwrap(), vec![ga]);
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
    }

    #[test]
    fn a_member_whose_group_of_disagrees_is_reported() {
        let (_dir, store, first, second) = two_appearances();
        let (ga, gb) = (GroupId::founded_by(&first), GroupId::founded_by(&second));
        store
            .apply_groups(&GroupBatch {
                groups: vec![(ga, vec![]), (gb, vec![])],
                members: vec![(ga, first, vec![]), (gb, second, vec![])],
                ..GroupBatch::default()
            })
            .unwrap();
        assert!(store.verify().unwrap().is_clean());
        // A second membership for `second`, while its group-of says itself.
        store
            .tree
            .insert(&member_key(&ga, &second)[..], &b""[..])
            .unwrap();
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    }

    #[test]
    fn a_group_id_has_its_own_prefix_and_resolves_by_one() {
        let (_dir, store, first, second) = two_appearances();
        let ga = GroupId::founded_by(&first);
        assert_ne!(ga.short(8), first.short(8), "not the article's prefix");
        store
            .apply_groups(&GroupBatch {
                groups: vec![(ga, vec![])],
                members: vec![(ga, first, vec![]), (ga, second, vec![])],
                ..GroupBatch::default()
            })
            .unwrap();
        assert_eq!(store.resolve_group(&ga.short(12)).unwrap(), ga);
        assert_eq!(
            store.resolve_group(&ga.short(12).to_uppercase()).unwrap(),
            ga
        );
        assert!(matches!(
            store.resolve_group(&first.short(12)),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            store.resolve_group("xyz"),
            Err(Error::BadPrefix { .. })
        ));
    }

    #[test]
    fn a_group_whose_founder_is_not_a_member_is_reported() {
        let (_dir, store, first, second) = two_appearances();
        let ga = GroupId::founded_by(&first);
        store
            .apply_groups(&GroupBatch {
                groups: vec![(ga, vec![])],
                members: vec![(ga, second, vec![])],
                ..GroupBatch::default()
            })
            .unwrap();
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    }
}
