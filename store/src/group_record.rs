//! A group's stored record: its founding member, the matcher's opaque
//! state, and the word-pair hashes the group is listed under in the
//! candidate lists.
//!
//! **The founder lives in the record** (schema 8). Most statements are
//! alone in their group, and a group's id is derived from its founding
//! appearance ([`GroupId::founded_by`]), so the founder's membership needs
//! no keys of its own: its id and member summary are recorded here, and
//! its group is found by deriving the id and reading this record
//! ([`Store::group_of`]). Only the members that join later get a
//! membership key and a group-of entry. Measured on polnear-follow (9,556
//! appearances in 8,742 groups), this takes 1.83 keys per statement off
//! the 12 that matching wrote, at 33 bytes plus the summary in the value.
//!
//! **The hashes.** The candidate lists (`0x33`) are keyed hash first, so
//! that the matcher can find the groups under a hash with one prefix scan.
//! Removing a group from them (when `delete` or `reextract` drops it)
//! needs the opposite direction: which hashes list this group. The store
//! cannot recompute them (the hashes are the matcher's, in the
//! `quotetrail` crate, and a list the matcher found full does not name the
//! group), so they are recorded when the entries are written, in the same
//! batch. They are recorded in the group's own value rather than under
//! keys of their own, because that is the layout with the fewest extra
//! bytes per statement: 8 bytes per candidate entry, and no key at all. A
//! reverse keyspace (`group, hash`) would add a 41-byte key per candidate
//! entry, doubling what the lists cost.
//!
//! The layout of a value is `n (u8), [founder id (32 bytes), founder
//! summary (n - 1 bytes)] when n > 0, state, hashes (u64 BE each,
//! ascending, distinct), count (u32 BE)`: the count comes last so the
//! state, whose length the store does not know, needs no length prefix.
//! `n = 0` is a group whose founder is not recorded, which `verify`
//! reports.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::error::{Error, Result};
use crate::groups::{GroupBatch, GroupId, PostingChange};
use crate::id::Id;
use crate::keys::{self, Keyspace};
use crate::store::Store;

/// A founding member: its appearance id and the matcher's summary of it.
pub(crate) type Founder = (Id, Vec<u8>);

/// A decoded group value: the founder, the matcher's state and the hashes
/// recorded.
pub(crate) struct GroupRecord<'v> {
    pub(crate) founder: Option<(Id, &'v [u8])>,
    pub(crate) state: &'v [u8],
    pub(crate) hashes: Vec<u64>,
}

/// A group value being written: the founder, the state and the hashes
/// recorded.
struct Value {
    founder: Option<Founder>,
    state: Vec<u8>,
    hashes: BTreeSet<u64>,
}

/// The longest member summary a record holds: its length and the
/// "founder present" mark share one byte.
const MAX_SUMMARY: usize = 254;

/// Encodes a group value (see the module docs). A founder summary longer
/// than [`MAX_SUMMARY`] is cut (the matcher's are at most 16 bytes).
pub(crate) fn encode(
    founder: Option<(&Id, &[u8])>,
    state: &[u8],
    hashes: &BTreeSet<u64>,
) -> Vec<u8> {
    let mut value = Vec::with_capacity(1 + 32 + 16 + state.len() + hashes.len() * 8 + 4);
    match founder {
        Some((id, summary)) => {
            let summary = &summary[..summary.len().min(MAX_SUMMARY)];
            value.push(summary.len() as u8 + 1);
            value.extend_from_slice(id.as_bytes());
            value.extend_from_slice(summary);
        }
        None => value.push(0),
    }
    value.extend_from_slice(state);
    for h in hashes {
        value.extend_from_slice(&h.to_be_bytes());
    }
    // A group is listed under at most a few thousand hashes; saturating
    // keeps this total, and a value so large would not decode back.
    let count = u32::try_from(hashes.len()).unwrap_or(u32::MAX);
    value.extend_from_slice(&count.to_be_bytes());
    value
}

/// Decodes a group value, or says why it does not decode.
pub(crate) fn decode(value: &[u8]) -> std::result::Result<GroupRecord<'_>, &'static str> {
    let Some((&n, rest)) = value.split_first() else {
        return Err("the value is empty");
    };
    let (founder, value) = match n {
        0 => (None, rest),
        n => {
            let end = 32 + usize::from(n) - 1;
            if rest.len() < end {
                return Err("the value is shorter than its founder");
            }
            let id = Id::from_slice(&rest[..32]).ok_or("the founder id does not read")?;
            (Some((id, &rest[32..end])), &rest[end..])
        }
    };
    let Some(split) = value.len().checked_sub(4) else {
        return Err("the value is shorter than its hash count");
    };
    let mut count = [0u8; 4];
    count.copy_from_slice(&value[split..]);
    let count = u32::from_be_bytes(count) as usize;
    let state_len = count
        .checked_mul(8)
        .and_then(|n| split.checked_sub(n))
        .ok_or("the hash count is larger than the value")?;
    let hashes: Vec<u64> = value[state_len..split]
        .chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_be_bytes(b)
        })
        .collect();
    if hashes.windows(2).any(|w| w[0] >= w[1]) {
        return Err("the recorded hashes are not ascending and distinct");
    }
    Ok(GroupRecord {
        founder,
        state: &value[..state_len],
        hashes,
    })
}

pub(crate) fn corrupt(group: &GroupId, what: &str) -> Error {
    Error::CorruptGroup {
        group: group.to_hex(),
        what: what.to_string(),
    }
}

impl Store {
    /// The hashes `group` is recorded under, or `None` when the group is
    /// not stored.
    pub(crate) fn group_hashes(&self, group: &GroupId) -> Result<Option<Vec<u64>>> {
        let value = self.db(
            self.tree
                .get(keys::id_prefix(Keyspace::Groups, group.as_id())),
            || format!("read group {group}"),
        )?;
        match value {
            None => Ok(None),
            Some(v) => decode(&v)
                .map(|r| Some(r.hashes))
                .map_err(|what| corrupt(group, what)),
        }
    }

    /// Stages the group values of `batch`: each written or touched group's
    /// state (the batch's, else the stored one) with its recorded hashes
    /// updated by the batch's candidate changes, and its founder (a
    /// membership of the batch whose appearance founded the group, else
    /// the stored one). Returns the founding memberships recorded so: the
    /// caller writes keys only for the others. A founding membership of a
    /// group with no state anywhere gets keys as any other, so `verify`
    /// still reports the group missing. Candidate entries of a group that
    /// is stored nowhere are written but recorded nowhere (`verify`
    /// reports them). Called with writes serialized.
    pub(crate) fn stage_group_values(
        &self,
        batch: &GroupBatch,
        b: &mut sled::Batch,
    ) -> Result<BTreeSet<(GroupId, Id)>> {
        let written: HashMap<GroupId, &[u8]> = batch
            .groups
            .iter()
            .map(|(g, s)| (*g, s.as_slice()))
            .collect();
        let removed: BTreeSet<GroupId> = batch
            .removed_groups
            .iter()
            .filter(|g| !written.contains_key(g))
            .copied()
            .collect();
        let founders: HashMap<GroupId, (Id, &[u8])> = batch
            .members
            .iter()
            .filter(|(g, a, _)| GroupId::founded_by(a) == *g)
            .map(|(g, a, s)| (*g, (*a, s.as_slice())))
            .collect();
        // Every group whose value changes, with its founder, state and
        // hashes.
        let mut values: BTreeMap<GroupId, Option<Value>> = BTreeMap::new();
        let touched = batch.postings.iter().map(PostingChange::group);
        let founded = founders.keys().copied();
        for group in written.keys().copied().chain(touched).chain(founded) {
            if values.contains_key(&group) || removed.contains(&group) {
                continue;
            }
            let stored = self.db(
                self.tree
                    .get(keys::id_prefix(Keyspace::Groups, group.as_id())),
                || format!("read group {group}"),
            )?;
            let stored = match &stored {
                Some(v) => Some(decode(v).map_err(|what| corrupt(&group, what))?),
                None => None,
            };
            let hashes: BTreeSet<u64> = stored
                .as_ref()
                .map(|r| r.hashes.iter().copied().collect())
                .unwrap_or_default();
            let state = match (written.get(&group), &stored) {
                (Some(state), _) => Some(state.to_vec()),
                (None, Some(r)) => Some(r.state.to_vec()),
                (None, None) => None,
            };
            let founder = match founders.get(&group) {
                Some((id, summary)) => Some((*id, summary.to_vec())),
                None => stored
                    .as_ref()
                    .and_then(|r| r.founder)
                    .filter(|(id, _)| !batch.removed_members.contains(&(group, *id)))
                    .map(|(id, summary)| (id, summary.to_vec())),
            };
            values.insert(
                group,
                state.map(|state| Value {
                    founder,
                    state,
                    hashes,
                }),
            );
        }
        // The lists keep an entry per group that records the hash (see
        // `crate::postings`), so only a change to what a group records
        // reaches them; one to a group stored nowhere is written as given.
        let mut changes = Vec::with_capacity(batch.postings.len());
        for change in &batch.postings {
            let changed = match (values.get_mut(&change.group()), *change) {
                (Some(Some(v)), PostingChange::Add(hash, _)) => v.hashes.insert(hash),
                (Some(Some(v)), PostingChange::Remove(hash, _)) => v.hashes.remove(&hash),
                _ => true,
            };
            if changed {
                changes.push(*change);
            }
        }
        self.stage_postings(&changes, b)?;
        let mut recorded = BTreeSet::new();
        for (group, value) in values {
            let Some(v) = value else { continue };
            if let Some((id, _)) = founders.get(&group) {
                recorded.insert((group, *id));
            }
            let founder = v.founder.as_ref().map(|(id, s)| (id, s.as_slice()));
            b.insert(
                &keys::id_prefix(Keyspace::Groups, group.as_id())[..],
                encode(founder, &v.state, &v.hashes),
            );
        }
        Ok(recorded)
    }

    /// The group `appearance` founded, when that group is stored with it
    /// as its recorded founder: the membership that has no keys.
    pub(crate) fn founded_group(&self, appearance: &Id) -> Result<Option<GroupId>> {
        let group = GroupId::founded_by(appearance);
        Ok(self
            .group_founder(&group)?
            .filter(|(id, _)| id == appearance)
            .map(|_| group))
    }

    /// The recorded founder of `group` with its summary, if any. A value
    /// that does not decode records none: `delete` still removes such a
    /// group and the members listed under it, and `verify` names it.
    pub(crate) fn group_founder(&self, group: &GroupId) -> Result<Option<Founder>> {
        let value = self.db(
            self.tree
                .get(keys::id_prefix(Keyspace::Groups, group.as_id())),
            || format!("read group {group}"),
        )?;
        Ok(value
            .as_deref()
            .and_then(|v| decode(v).ok())
            .and_then(|r| r.founder)
            .map(|(id, s)| (id, s.to_vec())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_bad_ones_are_refused() {
        let hashes: BTreeSet<u64> = [3, 9, u64::MAX].into_iter().collect();
        let founder = Id::of_body("appearance", b"x");
        let value = encode(Some((&founder, b"sum")), b"state", &hashes);
        let record = decode(&value).unwrap();
        assert_eq!(record.founder, Some((founder, &b"sum"[..])));
        assert_eq!(record.state, b"state");
        assert_eq!(record.hashes, vec![3, 9, u64::MAX]);
        let empty = encode(None, b"", &BTreeSet::new());
        let record = decode(&empty).unwrap();
        assert_eq!(record.hashes, Vec::<u64>::new());
        assert!(record.founder.is_none());
        assert!(decode(&[]).is_err());
        assert!(decode(&[0, 0, 0, 1]).is_err());
        assert!(decode(&[0, 0, 0, 0, 2]).is_err());
        assert!(decode(&[5, 1, 2, 3]).is_err(), "a founder cut short");
        let mut unordered = vec![0u8];
        unordered.extend(9u64.to_be_bytes());
        unordered.extend(3u64.to_be_bytes());
        unordered.extend(2u32.to_be_bytes());
        assert!(decode(&unordered).is_err());
    }
}
