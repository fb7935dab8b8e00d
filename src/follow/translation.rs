//! Translation variants: one foreign-language utterance rendered in
//! English by two agencies, "I did not resign" and "I have not resigned".
//!
//! Such versions share few word pairs, so the word matcher misses them,
//! but they share their *content words*: what is left when function words,
//! auxiliaries and tense are set aside and each word is cut to a rough
//! stem. Two versions whose content words are the same set, said by the
//! same person within a couple of days, are one statement in two
//! translations. The set's hash is indexed beside the word pairs, so the
//! candidate is one lookup; the speaker and date checks are the matcher's.

use crate::follow::lexicon::{is_function_word, is_negation};
use crate::follow::tokens::{TokKind, stable_hash, tokenize_for_diff};

/// At least this many content words: fewer say too little to link on.
const MIN_CONTENT_WORDS: usize = 2;

/// At most this many: a long text is matched by its word pairs, and a
/// set this large is rarely equal by translation alone.
const MAX_CONTENT_WORDS: usize = 24;

/// Verbs that carry tense, aspect or mood rather than content: translations
/// differ most in these.
const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "done", "doing", "have", "has", "had", "having", "am", "being", "will",
    "would", "shall", "should", "may", "might", "must", "can", "could", "going", "get", "got",
    "me", "my", "you", "your", "us", "them", "him", "so", "just", "very", "all", "there", "here",
];

/// The rough stem of a word key: common English inflections cut, so
/// "resigned", "resigns" and "resigning" meet "resign".
fn stem(key: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = key.strip_suffix(suffix)
            && base.chars().count() >= 4
        {
            return base;
        }
    }
    key
}

/// The content words of a text, stemmed, sorted, without repeats; every
/// negation reads as "not". `None` when there are too few or too many to
/// link on.
pub fn content_words(text: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = tokenize_for_diff(text)
        .into_iter()
        .filter(|t| t.kind == TokKind::Word)
        .filter_map(|t| {
            let key = t.key.as_str();
            if is_negation(key) {
                Some("not".to_owned())
            } else if is_function_word(key) || AUXILIARIES.contains(&key) {
                None
            } else {
                Some(stem(key).to_owned())
            }
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    (MIN_CONTENT_WORDS..=MAX_CONTENT_WORDS)
        .contains(&out.len())
        .then_some(out)
}

/// The candidate-list key of a text's content words, in its own hash
/// domain; `None` as for [`content_words`].
pub fn content_key(text: &str) -> Option<u64> {
    let words = content_words(text)?;
    Some(stable_hash(&words.join(" ")).rotate_left(13) ^ 0x7472_616e_736c_6174)
}

/// Whether two texts are the same content words in other wording.
pub fn is_translation_variant(a: &str, b: &str) -> bool {
    match (content_words(a), content_words(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_renderings_of_one_sentence_share_their_content_words() {
        assert!(is_translation_variant(
            "I did not resign",
            "I have not resigned."
        ));
        assert!(is_translation_variant(
            "We will never accept the partition of the country",
            "We shall not accept partitioning the country"
        ));
        assert_eq!(
            content_key("I did not resign"),
            content_key("I haven't resigned")
        );
    }

    #[test]
    fn other_content_or_too_little_is_not_a_variant() {
        assert!(!is_translation_variant("I did not resign", "I did resign"));
        assert!(!is_translation_variant(
            "I did not resign",
            "I will not resign from the board"
        ));
        assert_eq!(content_words("It is"), None, "too little to link on");
    }
}
