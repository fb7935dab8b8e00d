//! The word keys the store indexes statements by (see
//! [`crate::word_index`]), so that a statement can be found by its words
//! in a store whose statements were never grouped.
//!
//! The matcher in the main crate has its own, finer word keys (it folds
//! elisions, brackets and number forms, and its candidate lists are
//! derived data it rebuilds). These are part of the store's format: the
//! keys written at ingest must be the keys a query computes years later,
//! so they are deliberately plain. A word is a run of alphanumeric
//! characters of the canonical text, lower-cased; a key is a pair of
//! consecutive words, hashed to 32 bits. Changing any of this changes
//! [`FORMAT`], and a store whose index has another format rebuilds it.
//!
//! A statement is filed under a *winnowed sample* of its pairs: the
//! smallest hash in every [`WINDOW`] consecutive pairs (all pairs when it
//! has no more than that). The choice depends only on the words around a
//! pair, so a cut of the statement samples a subset of what the whole one
//! does, and any run of `WINDOW + 1` words a query shares with a statement
//! contains one of the statement's sampled pairs. A query looks up all of
//! its pairs.

use crate::canonical::canonical_text;
use crate::mix::mix64;

/// The version of these rules, recorded with the index.
pub(crate) const FORMAT: u8 = 1;

/// Pairs per winnowing window: any shared run of `WINDOW + 1` words finds
/// the statement. About two pairs in five are kept.
pub(crate) const WINDOW: usize = 4;

/// The sampled pair hashes of a statement's canonical text, sorted and
/// without repeats.
pub(crate) fn sampled(canonical: &str) -> Vec<u32> {
    let pairs = pair_hashes(canonical);
    let mut out: Vec<u32> = if pairs.len() <= WINDOW {
        pairs
    } else {
        pairs
            .windows(WINDOW)
            .filter_map(|w| w.iter().copied().min())
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Every pair hash of a query's words (any text: it is put in canonical
/// form first), sorted and without repeats.
pub(crate) fn query(text: &str) -> Vec<u32> {
    let mut out = pair_hashes(&canonical_text(text));
    out.sort_unstable();
    out.dedup();
    out
}

/// The pair hashes of `text` in text order; a one-word text is its word.
fn pair_hashes(text: &str) -> Vec<u32> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    match words.as_slice() {
        [] => Vec::new(),
        [one] => vec![fold(*one)],
        _ => words
            .windows(2)
            .map(|w| fold(w[0].rotate_left(23) ^ w[1].wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            .collect(),
    }
}

/// FNV-1a over the word's lower-case characters: stable across releases
/// and platforms, which the standard hasher does not promise.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// 64 bits mixed down to 32: the high half of [`mix64`].
fn fold(x: u64) -> u32 {
    (mix64(x) >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_and_quote_marks_do_not_change_the_keys() {
        let a = query("\u{201C}We will NOT negotiate,\u{201D} she said.");
        let b = query("\"we will not negotiate\" -- She said");
        assert_eq!(a, b);
        assert_eq!(a.len(), 5);
    }

    #[test]
    fn a_cut_samples_a_subset_and_shares_a_key_with_any_run_of_five_words() {
        let whole = canonical_text(
            "The talks will resume next week in the capital, and the ceasefire \
             will hold until every party has signed the text",
        );
        let all = sampled(&whole);
        let cut = sampled("and the ceasefire will hold until every party has signed");
        assert!(
            cut.iter().all(|h| all.contains(h)),
            "a cut samples a subset"
        );
        // Any five consecutive words of the statement find it.
        let words: Vec<&str> = whole.split(' ').collect();
        for run in words.windows(WINDOW + 1) {
            let q = query(&run.join(" "));
            assert!(q.iter().any(|h| all.contains(h)), "{run:?} finds nothing");
        }
    }

    #[test]
    fn short_texts_keep_every_pair_and_one_word_is_its_own_key() {
        assert_eq!(sampled("we won").len(), 1);
        assert_eq!(sampled("no").len(), 1);
        assert!(sampled(" ... ").is_empty());
        assert_eq!(sampled("one two three four five").len(), 4);
    }

    #[test]
    fn the_keys_are_stable_across_releases() {
        // Written to disk at ingest and computed again by queries: a change
        // here must come with a new FORMAT.
        assert_eq!(word_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(query("Ceasefire holds."), vec![2_374_911_790]);
        assert_eq!(
            sampled("one two three four five six"),
            vec![1_252_677_101, 1_617_357_692]
        );
    }
}
