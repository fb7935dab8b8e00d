//! The word index's manifest: its runs, and what removals left in them.

use super::{Entry, level_of};
use crate::mix::mix64;

/// The meta key of the manifest; present when the index is complete.
pub(crate) const MANIFEST_KEY: &[u8] = b"\x00words";

/// A count of entries and their sum, mixed ([`mix64`]): two multisets with
/// equal tallies are, but for a chance of 2^-64, the same.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) count: u64,
    pub(crate) sum: u64,
}

impl Tally {
    pub(crate) fn add(&mut self, e: Entry) {
        self.count += 1;
        self.sum = self.sum.wrapping_add(mix64(e));
    }

    pub(crate) fn merge(&mut self, other: Tally) {
        self.count += other.count;
        self.sum = self.sum.wrapping_add(other.sum);
    }

    pub(crate) fn of(entries: &[Entry]) -> Tally {
        let mut t = Tally::default();
        entries.iter().for_each(|e| t.add(*e));
        t
    }
}

/// One run: its sequence number (its keys' prefix), level and entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) seq: u64,
    pub(crate) level: u8,
    pub(crate) tally: Tally,
}

/// See the module docs of [`super`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Manifest {
    /// The [`crate::words::FORMAT`] the entries were made by.
    pub(crate) format: u8,
    /// The sequence number of the next run.
    pub(crate) next_seq: u64,
    /// Entries of removed statements, still in the runs.
    pub(crate) removed: Tally,
    pub(crate) runs: Vec<Run>,
}

const RUN_BYTES: usize = 8 + 1 + 8 + 8;
const HEAD_BYTES: usize = 1 + 8 + 8 + 8;

impl Manifest {
    pub(crate) fn empty() -> Manifest {
        Manifest {
            format: crate::words::FORMAT,
            next_seq: 0,
            removed: Tally::default(),
            runs: Vec::new(),
        }
    }

    /// Records a new run of `entries` (sorted); returns its
    /// sequence number.
    pub(crate) fn push_run(&mut self, entries: &[Entry]) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.runs.push(Run {
            seq,
            level: level_of(entries.len() as u64),
            tally: Tally::of(entries),
        });
        seq
    }

    /// The lowest level below `top` holding `fanout` runs or more.
    pub(crate) fn full_level(&self, fanout: usize, top: u8) -> Option<u8> {
        (0..top).find(|l| self.runs.iter().filter(|r| r.level == *l).count() >= fanout)
    }

    /// Every entry in the runs.
    pub(crate) fn total(&self) -> Tally {
        let mut t = Tally::default();
        self.runs.iter().for_each(|r| t.merge(r.tally));
        t
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEAD_BYTES + self.runs.len() * RUN_BYTES);
        out.push(self.format);
        out.extend_from_slice(&self.next_seq.to_be_bytes());
        out.extend_from_slice(&self.removed.count.to_be_bytes());
        out.extend_from_slice(&self.removed.sum.to_be_bytes());
        for r in &self.runs {
            out.extend_from_slice(&r.seq.to_be_bytes());
            out.push(r.level);
            out.extend_from_slice(&r.tally.count.to_be_bytes());
            out.extend_from_slice(&r.tally.sum.to_be_bytes());
        }
        out
    }

    pub(crate) fn decode(bytes: &[u8]) -> Option<Manifest> {
        if bytes.len() < HEAD_BYTES || (bytes.len() - HEAD_BYTES) % RUN_BYTES != 0 {
            return None;
        }
        let u64_at =
            |at: usize| u64::from_be_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
        let runs: Vec<Run> = (HEAD_BYTES..bytes.len())
            .step_by(RUN_BYTES)
            .map(|at| Run {
                seq: u64_at(at),
                level: bytes[at + 8],
                tally: Tally {
                    count: u64_at(at + 9),
                    sum: u64_at(at + 17),
                },
            })
            .collect();
        let next_seq = u64_at(1);
        if runs.iter().any(|r| r.seq >= next_seq) {
            return None;
        }
        Some(Manifest {
            format: bytes[0],
            next_seq,
            removed: Tally {
                count: u64_at(9),
                sum: u64_at(17),
            },
            runs,
        })
    }
}
