//! How `verify` checks the word index: each chunk decodes and continues
//! its run in order, each run holds what the manifest says, and the runs
//! hold exactly the entries of the stored statements plus those of
//! statements removed since (see [`super`]).

use std::collections::HashMap;

use super::{Entry, Manifest, Tally, entries_of};
use crate::error::ObjectKind;
use crate::id::Id;
use crate::keys::Keyspace;
use crate::record::Statement;
use crate::verify::{Problem, ProblemKind};

/// What the full walk has learned of the word index. The manifest (a meta
/// key) and the statements come before the runs in key order.
#[derive(Default)]
pub(crate) struct WordWalk {
    manifest: Option<Manifest>,
    /// The manifest is of other rules: the index is rebuilt on the next
    /// write or search, and not judged meanwhile.
    other_format: bool,
    /// Entries the statements read so far imply.
    expected: Tally,
    /// Per run: its entries found, and the last one.
    found: HashMap<u64, (Tally, Option<Entry>)>,
}

fn problem(kind: ProblemKind, detail: String) -> Problem {
    Problem {
        kind,
        object: None,
        id: None,
        keyspace: Keyspace::WordRuns.name(),
        detail: format!("{detail} (`quotetrail repair` rebuilds the index)"),
    }
}

impl WordWalk {
    /// The manifest's value; a problem when it does not decode.
    pub(crate) fn manifest(&mut self, value: &[u8]) -> Option<Problem> {
        match Manifest::decode(value) {
            Some(m) => {
                // An index of other rules is not kept, and not judged.
                self.other_format = m.format != crate::words::FORMAT;
                self.manifest = (!self.other_format).then_some(m);
                None
            }
            None => Some(problem(
                ProblemKind::Corrupt,
                "the word index's manifest does not decode".into(),
            )),
        }
    }

    /// A sound statement.
    pub(crate) fn statement(&mut self, id: &Id, s: &Statement) {
        if self.manifest.is_some() {
            entries_of(id, s).for_each(|e| self.expected.add(e));
        }
    }

    /// One chunk of a run.
    pub(crate) fn chunk(&mut self, key: &[u8], value: &[u8]) -> Option<Problem> {
        if self.other_format {
            return None;
        }
        let Some(manifest) = &self.manifest else {
            return Some(problem(
                ProblemKind::UnknownKey,
                "a word index chunk, but no manifest names the index".into(),
            ));
        };
        let (Ok(seq), Ok(last)) = (
            key.get(1..9)
                .unwrap_or_default()
                .try_into()
                .map(u64::from_be_bytes),
            key.get(9..)
                .unwrap_or_default()
                .try_into()
                .map(u64::from_be_bytes),
        ) else {
            return Some(problem(
                ProblemKind::UnknownKey,
                "a chunk key is not 17 bytes".into(),
            ));
        };
        if !manifest.runs.iter().any(|r| r.seq == seq) {
            return Some(problem(
                ProblemKind::StaleIndexEntry,
                format!("run {seq} is not in the manifest"),
            ));
        }
        let entries = match super::decode_chunk(value) {
            Ok(e) => e,
            Err(what) => return Some(problem(ProblemKind::Corrupt, format!("run {seq}: {what}"))),
        };
        let (tally, prev) = self.found.entry(seq).or_default();
        let out_of_order = prev.is_some_and(|p| entries[0] <= p);
        entries.iter().for_each(|e| tally.add(*e));
        *prev = entries.last().copied();
        if out_of_order || entries.last() != Some(&last) {
            return Some(problem(
                ProblemKind::Corrupt,
                format!("run {seq}: a chunk's key does not match its entries"),
            ));
        }
        None
    }

    /// After the walk: each run against the manifest; and, when the rest
    /// of the store is sound (`judge`), the entries against the
    /// statements.
    pub(crate) fn finish(self, judge: bool) -> Vec<Problem> {
        let Some(manifest) = self.manifest else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for run in &manifest.runs {
            let found = self.found.get(&run.seq).map(|f| f.0).unwrap_or_default();
            if found != run.tally {
                out.push(problem(
                    ProblemKind::Corrupt,
                    format!(
                        "run {} holds {} entries, not the {} its manifest records",
                        run.seq, found.count, run.tally.count
                    ),
                ));
            }
        }
        let mut implied = self.expected;
        implied.merge(manifest.removed);
        let total = manifest.total();
        if judge && out.is_empty() && implied != total {
            let kind = if implied.count > total.count {
                ProblemKind::MissingIndexEntry
            } else {
                ProblemKind::StaleIndexEntry
            };
            out.push(Problem {
                object: Some(ObjectKind::Statement),
                ..problem(
                    kind,
                    format!(
                        "the runs hold {} entries; the stored statements imply {} and \
                         removals left {}",
                        total.count, self.expected.count, manifest.removed.count
                    ),
                )
            });
        }
        out
    }
}
