//! The word index: every statement filed under the sampled word pairs of
//! its text ([`crate::words`]), so `origin "WORDS"` finds statements in a
//! store whose statements were never grouped (`ingest --no-match`).
//!
//! Why not the candidate lists' leaves ([`crate::postings`]): each entry
//! added there rewrites a leaf, one random read and write per pair, about
//! two hundred per article; that is the cost of matching, and a
//! `--no-match` ingest is the one that must stay cheap. So the index is a
//! set of immutable sorted *runs*, as in a log-structured merge tree: each
//! write batch files its new statements as one run of its own, written
//! sequentially in [`CHUNK`]-entry values under keys that sort by run and
//! then entry, and when a level holds [`FANOUT`] runs they are merged
//! into one, in the same batch. Runs of [`TOP`] level (a hundred thousand
//! entries or more) are not merged again: a merge is one sled batch and
//! must stay a few megabytes. A query reads, per run, the chunks of each of its pairs:
//! one seek per pair per run.
//!
//! An entry is 8 bytes: the pair hash and the first 4 bytes of the
//! statement's id. A run is a multiset: two statements whose ids share 4
//! bytes and a pair, or a statement removed and stored again, file equal
//! entries, and each is kept, so the tally below stays exact. A lookup finds the whole ids by a seek in the
//! statements keyspace; prefixes shared by chance are told apart there,
//! and the caller checks the words anyway.
//!
//! Removing a statement does not rewrite the runs: its entries stay, and
//! find nothing once the statement is gone. The manifest counts them
//! instead ([`Manifest::removed`]), so `verify` can still prove the index
//! whole: the entries of every stored statement plus those removed are
//! exactly the entries in the runs, as a count and as a sum of mixed
//! entries.
//!
//! The manifest (meta key [`MANIFEST_KEY`]) lists the runs. It is present
//! when the index is complete: a new store has it from the start, and a
//! store written before the index gets it from [`Store::build_word_index`],
//! which writes it last. Without it, writes do not keep the index (as with
//! the counters).

mod build;
mod check;
mod manifest;

use std::collections::HashMap;

use crate::error::Result;
use crate::id::Id;
use crate::keys::Keyspace;
use crate::record::Statement;
use crate::store::Store;
use crate::words;

pub(crate) use check::WordWalk;
pub(crate) use manifest::{MANIFEST_KEY, Manifest, Run, Tally};

/// Entries per chunk value: 4 KB.
pub(crate) const CHUNK: usize = 512;

/// Runs of one level merged into one.
const FANOUT: usize = 8;

/// A run of fewer than `BASE * FANOUT` entries is of level 0, of fewer
/// than `BASE * FANOUT^2` of level 1, and so on: runs are levelled by
/// size, so a merge of small runs (a writer storing one article at a
/// time) stays small, and each entry is rewritten about once per level.
const BASE: u64 = 256;

/// The level whose runs are not merged: its runs have 131,072 entries or
/// more, so a merge (of runs below it) writes at most about 8 MB.
const TOP: u8 = 3;

/// Entries read for one pair in one run at most (two chunks). A pair
/// listed more often is read in part: the lowest statement prefixes. That
/// part still counts, with a small weight, because of how wire copy
/// spreads: a quote printed word for word by a thousand outlets is a
/// thousand statements whose every pair is that common, and the same
/// lowest prefixes head each of its pairs' lists, so they still add up.
/// A pair common for being common ("of the") adds one vote to arbitrary
/// statements, which the statements sharing several pairs outrank.
const READ_PER_RUN: usize = 1024;

/// An entry: the pair hash in the high half, the statement id's first 4
/// bytes in the low half, so entries sort by hash.
pub(crate) type Entry = u64;

/// The entries a statement is filed under.
pub(crate) fn entries_of(id: &Id, statement: &Statement) -> impl Iterator<Item = Entry> {
    let prefix = id_prefix(id);
    words::sampled(&statement.text)
        .into_iter()
        .map(move |h| (u64::from(h) << 32) | u64::from(prefix))
}

fn id_prefix(id: &Id) -> u32 {
    let b = id.as_bytes();
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// The level of a run of `entries`.
fn level_of(entries: u64) -> u8 {
    let mut n = entries / BASE;
    let mut level = 0;
    while n >= FANOUT as u64 && level < TOP {
        n /= FANOUT as u64;
        level += 1;
    }
    level
}

/// The key of the chunk of run `seq` whose last entry is `last`.
pub(crate) fn chunk_key(seq: u64, last: Entry) -> [u8; 17] {
    let mut key = [0u8; 17];
    key[0] = Keyspace::WordRuns.tag();
    key[1..9].copy_from_slice(&seq.to_be_bytes());
    key[9..].copy_from_slice(&last.to_be_bytes());
    key
}

/// The key prefix of run `seq`'s chunks.
pub(crate) fn run_prefix(seq: u64) -> [u8; 9] {
    let mut key = [0u8; 9];
    key[0] = Keyspace::WordRuns.tag();
    key[1..].copy_from_slice(&seq.to_be_bytes());
    key
}

pub(crate) fn encode_chunk(entries: &[Entry]) -> Vec<u8> {
    entries.iter().flat_map(|e| e.to_be_bytes()).collect()
}

/// A chunk's entries, or why its value is not a chunk.
pub(crate) fn decode_chunk(value: &[u8]) -> std::result::Result<Vec<Entry>, &'static str> {
    if value.is_empty() || value.len() % 8 != 0 {
        return Err("word index chunk is empty or not whole entries");
    }
    let entries: Vec<Entry> = value
        .chunks_exact(8)
        .map(|e| u64::from_be_bytes(e.try_into().unwrap_or_default()))
        .collect();
    if entries.windows(2).any(|w| w[0] > w[1]) {
        return Err("word index chunk entries are not sorted");
    }
    Ok(entries)
}

/// What a batch changes in the word index, gathered beside the counters
/// wherever a statement is stored or removed.
#[derive(Debug, Default)]
pub(crate) struct WordChanges {
    added: Vec<Entry>,
    removed: Tally,
}

impl WordChanges {
    /// Statement `id` stored (`sign` 1) or removed (-1).
    pub(crate) fn statement(&mut self, id: &Id, s: &Statement, sign: i64) {
        if sign > 0 {
            self.added.extend(entries_of(id, s));
        } else {
            entries_of(id, s).for_each(|e| self.removed.add(e));
        }
    }

    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.count == 0
    }
}

/// A statement found by its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordHit {
    /// The statement.
    pub statement: Id,
    /// How many of the query's word pairs it is filed under.
    pub shared: u32,
}

impl Store {
    /// Stages `changes` in `batch`: the added entries as a new run (merged
    /// with others when a level fills, see the module docs), the removed
    /// ones counted, and the manifest. Nothing when the index is not
    /// built.
    pub(crate) fn stage_words(&self, changes: WordChanges, batch: &mut sled::Batch) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let Some(mut manifest) = self.word_manifest()? else {
            return Ok(());
        };
        manifest.removed.merge(changes.removed);
        let mut added = changes.added;
        if !added.is_empty() {
            added.sort_unstable();
            let mut fresh = HashMap::new();
            let seq = manifest.push_run(&added);
            fresh.insert(seq, added);
            self.merge_full_levels(&mut manifest, &mut fresh, batch)?;
            for (seq, entries) in fresh {
                stage_run(seq, &entries, batch);
            }
        }
        batch.insert(MANIFEST_KEY, manifest.encode());
        Ok(())
    }

    /// Merges the runs of every level below [`TOP`] that holds
    /// [`FANOUT`] of them, lowest first. `fresh` holds the runs written in
    /// this batch (not readable from the tree yet); merged runs go there.
    fn merge_full_levels(
        &self,
        manifest: &mut Manifest,
        fresh: &mut HashMap<u64, Vec<Entry>>,
        batch: &mut sled::Batch,
    ) -> Result<()> {
        while let Some(level) = manifest.full_level(FANOUT, TOP) {
            let (taken, kept): (Vec<Run>, Vec<Run>) =
                manifest.runs.drain(..).partition(|r| r.level == level);
            manifest.runs = kept;
            let mut merged = Vec::new();
            for run in &taken {
                match fresh.remove(&run.seq) {
                    Some(entries) => merged.extend(entries),
                    None => {
                        for (key, entries) in self.run_chunks(run.seq)? {
                            batch.remove(key);
                            merged.extend(entries);
                        }
                    }
                }
            }
            merged.sort_unstable();
            let seq = manifest.push_run(&merged);
            // A merge of small runs may stay at their level; it still
            // leaves fewer runs there, so the loop ends.
            fresh.insert(seq, merged);
        }
        Ok(())
    }

    /// The chunks of run `seq` with their keys, in order.
    fn run_chunks(&self, seq: u64) -> Result<Vec<(sled::IVec, Vec<Entry>)>> {
        let mut out = Vec::new();
        for item in self.tree.scan_prefix(run_prefix(seq)) {
            let (key, value) = self.db(item, || "read the word index")?;
            let entries = decode_chunk(&value).map_err(|what| corrupt(seq, what))?;
            out.push((key, entries));
        }
        Ok(out)
    }

    /// The word index's manifest; `None` when the index is not built.
    pub(crate) fn word_manifest(&self) -> Result<Option<Manifest>> {
        let Some(value) = self.db(self.tree.get(MANIFEST_KEY), || "read the word index")? else {
            return Ok(None);
        };
        match Manifest::decode(&value) {
            Some(m) if m.format == words::FORMAT => Ok(Some(m)),
            // Keys of other rules: as good as none; a build replaces it.
            Some(_) => Ok(None),
            None => Err(crate::Error::CorruptWordIndex {
                what: "its manifest does not decode".into(),
            }),
        }
    }

    /// Whether the word index is built and kept (see the module docs).
    pub fn word_index_built(&self) -> Result<bool> {
        Ok(self.word_manifest()?.is_some())
    }

    /// Statements filed under the word pairs of `text`, best first, at
    /// most `limit`: those sharing the most pairs, then those sharing the
    /// rarer ones (ties by id). Empty when the index is not built
    /// ([`Store::word_index_built`]).
    pub fn statements_by_words(&self, text: &str, limit: usize) -> Result<Vec<WordHit>> {
        self.statements_by_words_reading(text, limit, READ_PER_RUN)
    }

    /// [`Store::statements_by_words`], reading at most `per_run` entries
    /// of a pair in a run.
    fn statements_by_words_reading(
        &self,
        text: &str,
        limit: usize,
        per_run: usize,
    ) -> Result<Vec<WordHit>> {
        let Some(manifest) = self.word_manifest()? else {
            return Ok(Vec::new());
        };
        // Per statement prefix: pairs shared, and their weight (one over
        // how many entries of the pair were read).
        let mut shared: HashMap<u32, (u32, f32)> = HashMap::new();
        for pair in words::query(text) {
            let mut found: Vec<u32> = Vec::new();
            for run in &manifest.runs {
                self.read_pair(run.seq, pair, per_run, &mut found)?;
            }
            found.sort_unstable();
            found.dedup();
            let weight = 1.0 / found.len().max(1) as f32;
            for p in found {
                let e = shared.entry(p).or_default();
                e.0 += 1;
                e.1 += weight;
            }
        }
        let mut ranked: Vec<(u32, (u32, f32))> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| {
            (b.1.0.cmp(&a.1.0))
                .then(b.1.1.total_cmp(&a.1.1))
                .then(a.0.cmp(&b.0))
        });
        let mut hits = Vec::new();
        for (prefix, (n, _)) in ranked {
            if hits.len() >= limit {
                break;
            }
            let mut key = [0u8; 5];
            key[0] = Keyspace::Statement.tag();
            key[1..].copy_from_slice(&prefix.to_be_bytes());
            for item in self.tree.scan_prefix(key) {
                let (key, _) = self.db(item, || "read a statement")?;
                if let Some(id) = Id::from_slice(&key[1..]) {
                    hits.push(WordHit {
                        statement: id,
                        shared: n,
                    });
                }
            }
        }
        hits.truncate(limit);
        Ok(hits)
    }

    /// Adds to `found` the statement prefixes run `seq` files under
    /// `pair`, the lowest `per_run` of them.
    fn read_pair(&self, seq: u64, pair: u32, per_run: usize, found: &mut Vec<u32>) -> Result<()> {
        let from = chunk_key(seq, u64::from(pair) << 32);
        let to = chunk_key(seq, u64::MAX);
        let mut read = 0;
        for item in self.tree.range(from..=to) {
            let (_, value) = self.db(item, || "read the word index")?;
            let entries = decode_chunk(&value).map_err(|what| corrupt(seq, what))?;
            let start = entries.partition_point(|e| (e >> 32) < u64::from(pair));
            for e in &entries[start..] {
                if (e >> 32) as u32 != pair || read >= per_run {
                    return Ok(());
                }
                found.push(*e as u32);
                read += 1;
            }
        }
        Ok(())
    }
}

/// Stages run `seq`'s chunks in `batch`: about [`CHUNK`] entries each,
/// never cut between equal entries, so each chunk's last entry (its key)
/// is below the next chunk's first.
fn stage_run(seq: u64, entries: &[Entry], batch: &mut sled::Batch) {
    let mut rest = entries;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while cut < rest.len() && rest[cut] == rest[cut - 1] {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        batch.insert(&chunk_key(seq, chunk[cut - 1])[..], encode_chunk(chunk));
        rest = tail;
    }
}

fn corrupt(seq: u64, what: &str) -> crate::Error {
    crate::Error::CorruptWordIndex {
        what: format!("run {seq}: {what}"),
    }
}

#[cfg(test)]
mod tests;
