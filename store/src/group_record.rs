//! A group's stored record: the matcher's opaque state, followed by the
//! word-pair hashes the group is listed under in the candidate lists.
//!
//! The candidate lists (`0x33`) are keyed hash first, so that the matcher
//! can find the groups under a hash with one prefix scan. Removing a group
//! from them (when `delete` or `reextract` drops it) needs the opposite
//! direction: which hashes list this group. The store cannot recompute
//! them (the hashes are the matcher's, in the `quotetrail` crate, and a
//! list the matcher found full does not name the group), so they are
//! recorded when the entries are written, in the same batch.
//!
//! They are recorded in the group's own value rather than under keys of
//! their own, because that is the layout with the fewest extra bytes per
//! statement: 8 bytes per candidate entry and 4 per group, and no key at
//! all. A reverse keyspace (`group, hash`) would add a 41-byte key per
//! candidate entry, doubling what the lists cost; a list under a key of
//! its own would add a key per group, and most groups hold one statement.
//! The group's value is rewritten whenever the matcher changes the group
//! anyway, so recording its hashes there rarely costs an extra write.
//!
//! The layout of a value is `state, hashes (u64 BE each, ascending,
//! distinct), count (u32 BE)`: the count comes last so the state, whose
//! length the store does not know, needs no length prefix.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::error::{Error, Result};
use crate::groups::{GroupBatch, GroupId, PostingChange, posting_key};
use crate::keys::{self, Keyspace};
use crate::store::Store;

/// A decoded group value: the matcher's state and the hashes recorded.
pub(crate) struct GroupRecord<'v> {
    pub(crate) state: &'v [u8],
    pub(crate) hashes: Vec<u64>,
}

/// A group value being written: the state and the hashes recorded.
type Value = (Vec<u8>, BTreeSet<u64>);

/// Encodes a group value (see the module docs).
pub(crate) fn encode(state: &[u8], hashes: &BTreeSet<u64>) -> Vec<u8> {
    let mut value = Vec::with_capacity(state.len() + hashes.len() * 8 + 4);
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
    /// updated by the batch's candidate changes. Candidate entries of a
    /// group that is stored nowhere are written but recorded nowhere
    /// (`verify` reports them, as before). Called with writes serialized.
    pub(crate) fn stage_group_values(&self, batch: &GroupBatch, b: &mut sled::Batch) -> Result<()> {
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
        // Every group whose value changes, with its state and hashes.
        let mut values: BTreeMap<GroupId, Option<Value>> = BTreeMap::new();
        let touched = batch.postings.iter().map(|c| match c {
            PostingChange::Add(_, g) | PostingChange::Remove(_, g) => *g,
        });
        for group in written.keys().copied().chain(touched) {
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
            values.insert(group, state.map(|s| (s, hashes)));
        }
        for change in &batch.postings {
            match change {
                PostingChange::Add(hash, group) => {
                    b.insert(&posting_key(*hash, group)[..], &[]);
                    if let Some(Some((_, hashes))) = values.get_mut(group) {
                        hashes.insert(*hash);
                    }
                }
                PostingChange::Remove(hash, group) => {
                    b.remove(&posting_key(*hash, group)[..]);
                    if let Some(Some((_, hashes))) = values.get_mut(group) {
                        hashes.remove(hash);
                    }
                }
            }
        }
        for (group, value) in values {
            if let Some((state, hashes)) = value {
                b.insert(
                    &keys::id_prefix(Keyspace::Groups, group.as_id())[..],
                    encode(&state, &hashes),
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_bad_ones_are_refused() {
        let hashes: BTreeSet<u64> = [3, 9, u64::MAX].into_iter().collect();
        let value = encode(b"state", &hashes);
        let record = decode(&value).unwrap();
        assert_eq!(record.state, b"state");
        assert_eq!(record.hashes, vec![3, 9, u64::MAX]);
        let empty = encode(b"", &BTreeSet::new());
        assert_eq!(decode(&empty).unwrap().hashes, Vec::<u64>::new());
        assert!(decode(&[0, 0, 1]).is_err());
        assert!(decode(&[0, 0, 0, 2]).is_err());
        let mut unordered = 9u64.to_be_bytes().to_vec();
        unordered.extend(3u64.to_be_bytes());
        unordered.extend(2u32.to_be_bytes());
        assert!(decode(&unordered).is_err());
    }
}
