//! The candidate lists (which groups are listed under which word-pair
//! hash), kept as *leaves*: sorted runs of entries, many to a sled key.
//!
//! Why not one key per entry, as schemas 6 to 9 did: sled 0.34 splits a
//! leaf node at 16 keys, so every 16 keys cost a page, with its page-table
//! slot, cache entry, snapshot record and rewrite on every change. The
//! candidate lists were two thirds of a matched store's keys, so they were
//! most of its pages: most of the time ingest spent in sled, of the
//! garbage on disk, of the memory that grew with the store and of the
//! time opening it. A leaf holds about [`MAX_ENTRIES`] entries under one
//! key; sled then indexes leaves, as the inner nodes of a B-tree index
//! its leaves. Why not more: every change rewrites its leaf whole. On
//! 10,000 scale articles with whole group ids in the entries, leaves of
//! 8, 16 and 64 entries left 1.3, 1.6 and 3.0 GB on disk (one key per
//! entry: 1.0 GB), with 16 the fastest to ingest and to open.
//!
//! Layout: a leaf's key is the tag and the *largest* hash it may hold,
//! big-endian; it holds the hashes above the previous leaf's key, up to
//! its own. The last leaf's key is `u64::MAX`. So the leaf of a hash is the
//! first key at or after it: a forward seek, sled's fast path. Its value is
//! its entries sorted, [`ENTRY`] bytes each: the hash and the first 8 bytes
//! of the group's id, both big-endian. A lookup finds the whole id by a
//! seek in the groups keyspace. Why not the whole id: every change
//! rewrites its leaf, and what sled writes it keeps as garbage until its
//! cleaner catches up, so a leaf of 16-byte entries leaves a third of the
//! garbage of one of 40-byte entries. Two groups whose ids share 8 bytes
//! (about one pair in 2^64) are both returned for a hash either is listed
//! under, and matching verifies candidates on their words anyway; so that
//! unlisting one never unlists the other, an entry is kept once for every
//! group listed (the lists are multisets), and the store writes a change
//! to a leaf only when it changes the hashes the group's value records.
//! A leaf is split when a change leaves it over
//! [`MAX_ENTRIES`], never between two entries of one hash (so one hash's
//! list, which the matcher caps at 128 groups, may make a leaf longer),
//! and removed when a change empties it; the hashes it covered fall to
//! the next leaf.
//! Leaves are read, changed and written inside the writer's lock, in the
//! batch that changes the group values recording the same hashes.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::groups::{GroupId, PostingChange};
use crate::keys::Keyspace;
use crate::store::Store;

/// Bytes per entry: the hash and the group id's first 8 bytes.
pub(crate) const ENTRY: usize = 16;

/// A leaf is split when a change leaves more entries than this in it.
pub(crate) const MAX_ENTRIES: usize = 16;

/// Entries per leaf after a split (the last part may have fewer).
const SPLIT_ENTRIES: usize = MAX_ENTRIES / 2;

/// One entry of a candidate list: the hash and the group's id prefix.
pub(crate) type Entry = (u64, u64);

/// The key of the leaf that holds hashes up to `last`.
pub(crate) fn leaf_key(last: u64) -> [u8; 9] {
    let mut key = [0u8; 9];
    key[0] = Keyspace::GroupPostings.tag();
    key[1..].copy_from_slice(&last.to_be_bytes());
    key
}

/// The largest hash a leaf key admits, if `key` is a leaf key.
pub(crate) fn leaf_last(key: &[u8]) -> Option<u64> {
    let bytes: [u8; 8] = key.get(1..)?.try_into().ok()?;
    (key.len() == 9 && key[0] == Keyspace::GroupPostings.tag()).then(|| u64::from_be_bytes(bytes))
}

/// A leaf's entries, or why its value is not a leaf.
pub(crate) fn decode(value: &[u8]) -> std::result::Result<Vec<Entry>, &'static str> {
    if value.is_empty() || value.len() % ENTRY != 0 {
        return Err("candidate leaf is empty or not whole entries");
    }
    let entries: Vec<Entry> = value
        .chunks_exact(ENTRY)
        .map(|e| {
            let mut hash = [0u8; 8];
            let mut group = [0u8; 8];
            hash.copy_from_slice(&e[..8]);
            group.copy_from_slice(&e[8..]);
            (u64::from_be_bytes(hash), u64::from_be_bytes(group))
        })
        .collect();
    if entries.windows(2).any(|w| w[0] > w[1]) {
        return Err("candidate leaf entries are not sorted");
    }
    Ok(entries)
}

fn encode(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.len() * ENTRY);
    for (hash, group) in entries {
        out.extend_from_slice(&hash.to_be_bytes());
        out.extend_from_slice(&group.to_be_bytes());
    }
    out
}

/// Where `entries` (sorted, more than [`MAX_ENTRIES`]) are cut: after
/// about every [`SPLIT_ENTRIES`], moved forward past entries of one hash.
fn split_points(entries: &[Entry]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut at = SPLIT_ENTRIES;
    while at < entries.len() {
        while at < entries.len() && entries[at].0 == entries[at - 1].0 {
            at += 1;
        }
        if entries.len() - at < SPLIT_ENTRIES / 2 {
            break;
        }
        cuts.push(at);
        at += SPLIT_ENTRIES;
    }
    cuts
}

impl Store {
    /// The leaf holding `hash`: its key's last hash and its entries
    /// (none when no leaf covers it yet).
    fn leaf_of(&self, hash: u64) -> Result<(u64, Vec<Entry>)> {
        let found = self
            .tree
            .range(leaf_key(hash)..=leaf_key(u64::MAX))
            .next()
            .transpose();
        match self.db(found, || "read group candidates")? {
            Some((key, value)) => {
                let last = leaf_last(&key).unwrap_or(u64::MAX);
                let entries = decode(&value).map_err(|what| crate::Error::CorruptCandidates {
                    leaf: format!("{last:016x}"),
                    what: what.to_string(),
                })?;
                Ok((last, entries))
            }
            None => Ok((u64::MAX, Vec::new())),
        }
    }

    /// The groups listed under a word-pair hash, in group id order.
    pub fn group_candidates(&self, hash: u64) -> Result<Vec<GroupId>> {
        let mut out = Vec::new();
        for prefix in self.candidate_keys(hash)? {
            out.extend(self.groups_with_prefix(prefix)?);
        }
        Ok(out)
    }

    /// The groups listed under a word-pair hash as the lists keep them, by
    /// [`GroupId::candidate_key`], in order, without repeats: one seek.
    /// Finding each whole id is one more ([`Store::groups_with_prefix`]),
    /// which a matcher spends only on the candidates it verifies.
    pub fn candidate_keys(&self, hash: u64) -> Result<Vec<u64>> {
        let (_, entries) = self.leaf_of(hash)?;
        let from = entries.partition_point(|e| e.0 < hash);
        let mut keys: Vec<u64> = (entries[from..].iter())
            .take_while(|e| e.0 == hash)
            .map(|e| e.1)
            .collect();
        keys.dedup();
        Ok(keys)
    }

    /// The stored groups whose [`GroupId::candidate_key`] is `prefix`:
    /// one, but for a chance of 2^-64 per pair of groups.
    pub fn groups_with_prefix(&self, prefix: u64) -> Result<Vec<GroupId>> {
        let mut key = [0u8; 9];
        key[0] = Keyspace::Groups.tag();
        key[1..].copy_from_slice(&prefix.to_be_bytes());
        let mut out = Vec::new();
        for entry in self.tree.scan_prefix(key) {
            let (key, _) = self.db(entry, || "read group candidates")?;
            out.extend(GroupId::from_slice(&key[1..]));
        }
        Ok(out)
    }

    /// Whether an entry of `group` is listed under `hash` (or of a group
    /// sharing its id's first 8 bytes).
    pub(crate) fn is_listed(&self, hash: u64, group: &GroupId) -> Result<bool> {
        let (_, entries) = self.leaf_of(hash)?;
        Ok(entries
            .binary_search(&(hash, group.candidate_key()))
            .is_ok())
    }

    /// Every entry listing one of `groups`, as (hash, group): a scan of
    /// every leaf, for groups whose value (which records their hashes)
    /// does not decode.
    pub(crate) fn listings_of(&self, groups: &BTreeSet<GroupId>) -> Result<Vec<(u64, GroupId)>> {
        let by_prefix: BTreeMap<u64, GroupId> =
            groups.iter().map(|g| (g.candidate_key(), *g)).collect();
        Ok((self.all_entries()?.into_iter())
            .filter_map(|(h, p)| by_prefix.get(&p).map(|g| (h, *g)))
            .collect())
    }

    /// Every entry of every leaf, in order. A leaf that does not decode
    /// lists nothing a lookup can find, so it adds nothing here either.
    fn all_entries(&self) -> Result<Vec<Entry>> {
        let mut out = Vec::new();
        for leaf in self.tree.scan_prefix([Keyspace::GroupPostings.tag()]) {
            let (_, value) = self.db(leaf, || "scan group candidates")?;
            out.extend(decode(&value).unwrap_or_default());
        }
        Ok(out)
    }

    /// Stages `changes`, in order, into `batch`: each leaf they touch is
    /// read once, changed, split or removed as needed, and written whole.
    /// An addition adds an entry and a removal removes one: the caller
    /// passes only changes to the hashes a group records.
    /// The caller holds the writer's lock, so no other leaf write can
    /// come between the read and the batch.
    pub(crate) fn stage_postings(
        &self,
        changes: &[PostingChange],
        batch: &mut sled::Batch,
    ) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let mut hashes: Vec<u64> = changes.iter().map(|c| c.hash()).collect();
        hashes.sort_unstable();
        hashes.dedup();
        // Leaves by their last hash, loaded once each, in hash order: a
        // hash at or below the last leaf loaded is in that leaf.
        let mut leaves: BTreeMap<u64, Vec<Entry>> = BTreeMap::new();
        let mut leaf_for: Vec<(u64, u64)> = Vec::with_capacity(hashes.len());
        let mut current: Option<u64> = None;
        for hash in hashes {
            let last = match current {
                Some(last) if hash <= last => last,
                _ => {
                    let (last, entries) = self.leaf_of(hash)?;
                    leaves.insert(last, entries);
                    current = Some(last);
                    last
                }
            };
            leaf_for.push((hash, last));
        }
        let leaf_of = |hash: u64| {
            let i = leaf_for.partition_point(|(h, _)| *h < hash);
            leaf_for[i].1
        };
        for change in changes {
            let entries = leaves.get_mut(&leaf_of(change.hash())).expect("loaded");
            let entry = (change.hash(), change.group().candidate_key());
            match change {
                PostingChange::Add(..) => {
                    let at = entries.partition_point(|e| *e <= entry);
                    entries.insert(at, entry);
                }
                PostingChange::Remove(..) => {
                    if let Ok(at) = entries.binary_search(&entry) {
                        entries.remove(at);
                    }
                }
            }
        }
        for (last, entries) in leaves {
            if entries.is_empty() {
                batch.remove(&leaf_key(last)[..]);
                continue;
            }
            let mut start = 0;
            for cut in split_points(&entries).into_iter().chain([entries.len()]) {
                let part = &entries[start..cut];
                let key = if cut == entries.len() {
                    last
                } else {
                    part[part.len() - 1].0
                };
                batch.insert(&leaf_key(key)[..], encode(part));
                start = cut;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
impl Store {
    /// Every entry of every leaf, in order: what tests compare.
    pub(crate) fn all_listings(&self) -> Vec<Entry> {
        self.all_entries().unwrap()
    }

    /// Applies `change` to the lists alone, behind the back of the group
    /// values that record them: the damage `verify` must find.
    pub(crate) fn damage_listing(&self, change: PostingChange) {
        self.damage_listing_all(&[change]);
    }

    /// [`Store::damage_listing`] of several changes in one batch.
    pub(crate) fn damage_listing_all(&self, changes: &[PostingChange]) {
        let mut batch = sled::Batch::default();
        self.stage_postings(changes, &mut batch).unwrap();
        self.tree.apply_batch(batch).unwrap();
    }
}

impl PostingChange {
    /// The hash whose list the change is to.
    pub(crate) fn hash(&self) -> u64 {
        match *self {
            PostingChange::Add(hash, _) | PostingChange::Remove(hash, _) => hash,
        }
    }

    /// The group listed or unlisted.
    pub(crate) fn group(&self) -> GroupId {
        match *self {
            PostingChange::Add(_, group) | PostingChange::Remove(_, group) => group,
        }
    }
}

#[cfg(test)]
#[path = "postings_tests.rs"]
mod tests;
