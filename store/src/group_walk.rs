//! How `verify` checks the statement groups' keyspaces (see
//! [`crate::groups`]): kept apart from the groups' reads and writes, which
//! are what the rest of the crate uses.

use std::collections::HashMap;

use crate::error::{ObjectKind, Result};
use crate::group_record;
use crate::groups::{GroupId, member_key};
use crate::id::Id;
use crate::keys::Keyspace;
use crate::mix::mix64;
use crate::postings;
use crate::store::Store;
use crate::verify::{Problem, ProblemKind};

/// What the verification walk has learned about groups: the group keys
/// come first (`0x30`), so members and candidate lists can be checked
/// against them.
#[derive(Default)]
pub(crate) struct GroupWalk {
    /// Each stored group, with what its value records and what the walk
    /// found in the candidate lists.
    groups: HashMap<GroupId, Recorded>,
    /// Whether each recorded hash is looked up as it is read: what a
    /// check of a few groups does ([`crate::unverified`]). The full walk
    /// compares counts and sums instead (see [`Recorded`]), since a
    /// lookup per candidate entry would double what it reads.
    pub(crate) look_up: bool,
    /// The last hash of the candidate leaf walked before, whose range
    /// the next leaf's must start after.
    last_leaf: Option<u64>,
    /// The stored groups by the id prefix candidate entries hold, built
    /// at the first leaf (the groups' keys are walked before).
    by_prefix: HashMap<u64, Vec<GroupId>>,
}

/// A group's candidate entries as its value records them and as the walk
/// finds them: how many, and the wrapping sum of a mix of their hashes.
/// Equal counts and sums mean the same set of hashes, but for a chance
/// of 2^-64 per damaged group.
#[derive(Default)]
struct Recorded {
    count: u64,
    sum: u64,
    listed: u64,
    listed_sum: u64,
}

/// A value of `space` that does not decode.
fn corrupt(space: Keyspace, id: Option<Id>, detail: String) -> Problem {
    Problem {
        kind: ProblemKind::Corrupt,
        object: None,
        id,
        keyspace: space.name(),
        detail,
    }
}

/// Whether a sound entry of `space` is an appearance's membership: a
/// group-of entry, or a group record, which holds its founder's (schema 8).
pub(crate) fn is_membership(space: Keyspace) -> bool {
    matches!(space, Keyspace::GroupOf | Keyspace::Groups)
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
        let stale =
            |id: Option<Id>, detail: &str| Problem::stale_appearance_entry(space, id, detail);
        let appearance_stored = |id: &Id| store.contains(ObjectKind::Appearance, id);
        match space {
            Keyspace::Groups => {
                let Some(id) = GroupId::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                    return Ok(Some(stale(None, "group key is not 33 bytes")));
                };
                let record = match group_record::decode(value) {
                    Ok(record) => record,
                    Err(what) => {
                        return Ok(Some(corrupt(
                            space,
                            Some(*id.as_id()),
                            format!("the group's value does not decode: {what}"),
                        )));
                    }
                };
                self.groups.insert(
                    id,
                    Recorded {
                        count: record.hashes.len() as u64,
                        sum: record
                            .hashes
                            .iter()
                            .fold(0u64, |sum, h| sum.wrapping_add(mix64(*h))),
                        ..Recorded::default()
                    },
                );
                for hash in record.hashes.iter().filter(|_| self.look_up) {
                    if !store.is_listed(*hash, &id)? {
                        return Ok(Some(Problem {
                            kind: ProblemKind::MissingIndexEntry,
                            object: None,
                            id: Some(*id.as_id()),
                            keyspace: Keyspace::GroupPostings.name(),
                            detail: format!("the group is not listed under hash {hash:016x}"),
                        }));
                    }
                }
                // The founder's membership is the record itself (schema
                // 8): it must be the appearance the id derives from, be
                // stored, and be listed in no other group.
                let Some((founder, _)) = record.founder else {
                    return Ok(Some(stale(
                        Some(*id.as_id()),
                        "the group's founding appearance is not in it",
                    )));
                };
                if GroupId::founded_by(&founder) != id {
                    return Ok(Some(stale(
                        Some(founder),
                        "the group's recorded founder is not the appearance its id derives from",
                    )));
                }
                if !appearance_stored(&founder)? {
                    return Ok(Some(stale(
                        Some(founder),
                        "the group's founding appearance is not stored",
                    )));
                }
                if store.listed_group_of(&founder)?.is_some() {
                    return Ok(Some(stale(
                        Some(founder),
                        "the group's founding appearance is listed in a group too",
                    )));
                }
                Ok(None)
            }
            Keyspace::GroupMembers => {
                let (Some(group), Some(member)) = (
                    GroupId::from_slice(key.get(1..33).unwrap_or_default()),
                    Id::from_slice(key.get(33..).unwrap_or_default()),
                ) else {
                    return Ok(Some(stale(None, "member key is not 65 bytes")));
                };
                if !self.groups.contains_key(&group) {
                    return Ok(Some(stale(Some(member), "its group is not stored")));
                }
                if GroupId::founded_by(&member) == group {
                    return Ok(Some(stale(
                        Some(member),
                        "a founder's membership is its group's record, not a key",
                    )));
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
                    GroupId::from_slice(value),
                ) else {
                    return Ok(Some(stale(None, "malformed group-of entry")));
                };
                if GroupId::founded_by(&member) == group {
                    return Ok(Some(stale(
                        Some(member),
                        "a founder's group is its group's record, not a group-of entry",
                    )));
                }
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
                let Some(last) = postings::leaf_last(key) else {
                    return Ok(Some(stale(None, "candidate leaf key is not 9 bytes")));
                };
                let entries = match postings::decode(value) {
                    Ok(entries) => entries,
                    Err(what) => {
                        return Ok(Some(corrupt(
                            space,
                            None,
                            format!("candidate leaf {last:016x}: {what}"),
                        )));
                    }
                };
                let after = self.last_leaf.replace(last);
                let outside = |h: u64| h > last || after.is_some_and(|a| h <= a);
                if entries.iter().any(|(h, _)| outside(*h)) {
                    return Ok(Some(stale(
                        None,
                        &format!("candidate leaf {last:016x} holds a hash outside its range"),
                    )));
                }
                if self.by_prefix.is_empty() {
                    for group in self.groups.keys() {
                        (self.by_prefix.entry(group.candidate_key()))
                            .or_default()
                            .push(*group);
                    }
                }
                let mut at = 0;
                while at < entries.len() {
                    let entry = entries[at];
                    let copies = entries[at..].iter().take_while(|e| **e == entry).count();
                    at += copies;
                    let (hash, prefix) = entry;
                    let owners = match self.by_prefix.get(&prefix).map(Vec::as_slice) {
                        None | Some([]) => {
                            return Ok(Some(stale(None, "it lists a group that is not stored")));
                        }
                        Some([one]) => vec![*one; copies],
                        // Ids sharing 8 bytes: each copy is owed to a group
                        // that records the hash, as the writes keep them.
                        Some(several) => {
                            let mut owners = Vec::new();
                            for group in several {
                                let recorded = store.group_hashes(group).ok().flatten();
                                if recorded.is_some_and(|h| h.contains(&hash)) {
                                    owners.push(*group);
                                }
                            }
                            owners.resize(copies, several[0]);
                            owners
                        }
                    };
                    for group in owners {
                        let recorded = self.groups.get_mut(&group).expect("indexed from groups");
                        recorded.listed += 1;
                        recorded.listed_sum = recorded.listed_sum.wrapping_add(mix64(hash));
                    }
                }
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    /// After the full walk: groups whose candidate entries are not the
    /// ones their value records.
    pub(crate) fn finish(&self) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self
            .groups
            .iter()
            .filter(|(_, r)| (r.count, r.sum) != (r.listed, r.listed_sum))
            .map(|(group, r)| {
                let (kind, detail) = if r.listed <= r.count {
                    (
                        ProblemKind::MissingIndexEntry,
                        format!(
                            "the group records {} candidate entries; {} are stored, \
                             not all of them recorded ones",
                            r.count, r.listed
                        ),
                    )
                } else {
                    (
                        ProblemKind::StaleIndexEntry,
                        format!(
                            "{} candidate entries list the group; it records {} (not recorded with it)",
                            r.listed, r.count
                        ),
                    )
                };
                Problem {
                    kind,
                    object: None,
                    id: Some(*group.as_id()),
                    keyspace: Keyspace::GroupPostings.name(),
                    detail,
                }
            })
            .collect();
        problems.sort_by_key(|p| p.id);
        problems
    }

    fn db_contains(&self, store: &Store, key: &[u8]) -> Result<bool> {
        store.db(store.tree.contains_key(key), || "read a group member")
    }
}
