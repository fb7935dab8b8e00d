//! The matching rules: when two printed versions report one utterance.
//!
//! These are pure functions over words; [`crate::follow::persist`] runs
//! them over the groups kept in the store (that is what ingest, `match`
//! and `origin` use, and the only matcher there is), and
//! [`crate::follow::query`] runs them to answer "who printed these words".
//!
//! * **Words** ([`match_keys`]) are keyed as in [`crate::follow::tokens`],
//!   so case, accents and number spelling don't matter, and editors'
//!   brackets and elision marks are left out.
//! * **Candidates** come from word *pairs* ([`shingles`]): a version is
//!   compared only with the groups that share pairs with it. The store
//!   indexes a winnowed sample of them ([`sampled_shingles`]) and skips a
//!   pair listed by more than [`MatchConfig::posting_cap`] groups ("he
//!   said", "of the"), so the cost of placing a version grows with its own
//!   length, not with the number of versions stored.
//! * **Verification** ([`word_match`]) diffs the two word sequences under
//!   a deadline. The score is the better of the diff ratio and the share
//!   of the shorter text found in the longer, so a cut or partial quote, a
//!   bracketed insertion, an elision, changed words and a paraphrase still
//!   score; a candidate needs [`MatchConfig::min_score`].
//! * **Occasion.** The same words ([`WordMatch::is_verbatim`]: at least
//!   [`VERBATIM_WORDS`] in order, covering [`VERBATIM_SHARE`] of the
//!   shorter) join whatever the speaker guess, which is often the
//!   extractor's mistake. A partial overlap also needs the speakers to be
//!   the same person by [`crate::follow::names`]. Versions further apart
//!   than [`MatchConfig::max_days`] join only when the statement is quoted
//!   again word for word ([`WordMatch::is_requote`]); a line repeated
//!   inside another, longer passage months later is another occasion.
//!
//! Each group keeps a *reference* version: the earliest complete one. A
//! version is complete when it is a quote (if the group has any quote) at
//! least 80% as long as the group's longest; among those the earliest date
//! wins, then the longest, then the first seen.
//!
//! Word and pair hashes use a fixed FNV-1a
//! ([`crate::follow::tokens::stable_hash`]), never `std`'s randomly seeded
//! hasher, so what the store keeps is the same in every run.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::follow::tokens::{TokKind, stable_hash, tokenize};

/// Knobs for matching ([`crate::follow::StoreMatcher::with_config`]).
#[derive(Clone, Debug)]
pub struct MatchConfig {
    /// Versions further apart than this many days (from the group's date
    /// range) are another utterance.
    pub max_days: i32,
    /// The word score a candidate needs to match, from 0 to 1.
    pub min_score: f32,
    /// How many candidate groups are verified per version, best first.
    pub max_candidates: usize,
    /// A shingle in more groups than this is too common to propose
    /// candidates and stops being indexed.
    pub posting_cap: usize,
    /// The deadline for one verification diff.
    pub diff_timeout: Duration,
    /// Containment (one text inside the other) counts only when the shorter
    /// text has at least this many words: three common words are inside
    /// many quotes.
    pub min_containment_words: usize,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            max_days: 31,
            min_score: 0.65,
            max_candidates: 8,
            posting_cap: 128,
            diff_timeout: Duration::from_millis(20),
            min_containment_words: 5,
        }
    }
}

/// Words in order that make two versions the *same words*: enough of
/// them that a shared run is not a stock phrase ("president of the United
/// States", "make America great again" are six and five).
pub const VERBATIM_WORDS: u32 = 8;

/// The share of the shorter version that must stand in the longer, in
/// order, for the two to be the same words.
pub const VERBATIM_SHARE: f32 = 0.8;

/// How two word sequences match: the score the candidate test uses, and
/// the counts behind it, which decide how much else must agree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct WordMatch {
    /// The better of the diff ratio and the (discounted) share of the
    /// shorter text found in the longer, from 0 to 1.
    pub score: f32,
    /// Words found in both, in order.
    pub matched: u32,
    /// Words in the shorter text.
    pub shorter: u32,
    /// Words in the longer text.
    pub longer: u32,
}

impl WordMatch {
    /// Whether the two are the same words: at least [`VERBATIM_WORDS`] in
    /// order, covering [`VERBATIM_SHARE`] of the shorter. A cut, a split
    /// quote, an excerpt of eight words or more or a version with an
    /// editor's bracket is verbatim; a stock phrase inside another quote is
    /// not. Same words never need the speakers to agree: the speaker is the
    /// extractor's guess and often wrong, so a difference there is a flag
    /// on the version, not a reason to split.
    pub fn is_verbatim(&self) -> bool {
        self.matched >= VERBATIM_WORDS
            && self.matched as f32 >= VERBATIM_SHARE * self.shorter as f32
    }

    /// The diff ratio: words in common over the two lengths, 1 when the
    /// texts are the same words and less the more either has of its own.
    pub fn ratio(&self) -> f32 {
        if self.longer == 0 {
            return 0.0;
        }
        2.0 * self.matched as f32 / (self.shorter + self.longer) as f32
    }

    /// Whether the two are the same words from end to end, neither
    /// carrying a passage the other lacks: a statement quoted again, which
    /// may be months after it was made. A line repeated inside another
    /// speech has words around it that the first lacks, and is not one.
    pub fn is_requote(&self) -> bool {
        self.is_verbatim() && self.ratio() >= REQUOTE_SHARE
    }
}

/// The diff ratio two versions need to be [`WordMatch::is_requote`].
pub const REQUOTE_SHARE: f32 = 0.85;

/// How two key sequences match (see [`WordMatch`]).
pub(crate) fn word_match(cfg: &MatchConfig, a: &[u64], b: &[u64]) -> WordMatch {
    if a.is_empty() || b.is_empty() {
        return WordMatch::default();
    }
    let deadline = Instant::now() + cfg.diff_timeout;
    let ops = capture_diff_slices_deadline(Algorithm::Myers, a, b, Some(deadline));
    let matched: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    let shorter = a.len().min(b.len());
    let ratio = 2.0 * matched as f32 / (a.len() + b.len()) as f32;
    let score = if shorter >= cfg.min_containment_words {
        ratio.max(0.95 * matched as f32 / shorter as f32)
    } else {
        ratio
    };
    WordMatch {
        score,
        matched: matched as u32,
        shorter: shorter as u32,
        longer: a.len().max(b.len()) as u32,
    }
}

/// The words of a text as stable hashes of their keys; punctuation,
/// brackets and elision marks are left out.
pub(crate) fn match_keys(text: &str) -> Vec<u64> {
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| stable_hash(&t.key))
        .collect()
}

/// Consecutive word pairs, hashed; a one-word text is its own shingle.
pub(crate) fn shingles(keys: &[u64]) -> Vec<u64> {
    let mut out = pair_hashes(keys);
    out.sort_unstable();
    out.dedup();
    out
}

/// The word-pair hashes in text order.
fn pair_hashes(keys: &[u64]) -> Vec<u64> {
    if keys.len() == 1 {
        vec![keys[0].rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15]
    } else {
        keys.windows(2)
            .map(|w| w[0].rotate_left(17) ^ w[1].wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect()
    }
}

/// Window of the shingle sample, in word pairs: any run of
/// `WINNOW_WINDOW + 1` words two texts share gives them a sampled pair in
/// common.
pub(crate) const WINNOW_WINDOW: usize = 4;

/// Texts with at most this many word pairs are indexed whole: a sample of
/// a short quote would leave too few pairs to tell candidates apart.
pub(crate) const FULL_INDEX_PAIRS: usize = 12;

/// A sample of [`shingles`] (sorted, without repeats) chosen by
/// *winnowing*: the smallest hash in every window of [`WINNOW_WINDOW`]
/// consecutive pairs.
///
/// Why a sample: every indexed pair is one candidate list rewritten on
/// disk, and that write is most of the cost of matching on ingest; about
/// two pairs in five are kept. Why winnowing rather than, say, every
/// fifth pair: the choice depends only on the words around a pair, never
/// on where the text starts, so a version cut at either end samples a
/// subset of what the full version samples (every window of the cut is a
/// window of the full text), and any shared run of `WINNOW_WINDOW + 1`
/// words is found whatever else changed around it.
pub(crate) fn sampled_shingles(keys: &[u64]) -> Vec<u64> {
    let pairs = pair_hashes(keys);
    if pairs.len() <= FULL_INDEX_PAIRS {
        let mut out = pairs;
        out.sort_unstable();
        out.dedup();
        return out;
    }
    let mut out: Vec<u64> = pairs
        .windows(WINNOW_WINDOW)
        .filter_map(|w| w.iter().copied().min())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;
