//! Statements across languages: a French dispatch and its English copy
//! share no word pairs, so neither the word matcher nor the translation
//! tier links them. What survives translation is what the cross-language
//! tier reads: the speaker (names are not translated), the days, and the
//! text's *anchors*: numbers, proper names and acronyms, and the stems of
//! long words, which French and English often share ("négociations" and
//! "negotiations", "humanitaire" and "humanitarian").
//!
//! Two versions in different languages, said by the same named person
//! within a couple of days, whose anchors overlap enough, are one
//! statement: the later is a `translation` version of the other.

use std::collections::HashSet;

use crate::follow::lexicon::{is_function_word, without_elision};
use crate::follow::tokens::{TokKind, fold, stable_hash, tokenize_for_diff};

/// Long words give their first letters as a stem: four letters keep
/// "negociations"/"negotiations" and "humanitaire"/"humanitarian" together.
const STEM: usize = 4;

/// Only words of at least this many letters give a stem: short words are
/// the ones translation changes most.
const MIN_LETTERS: usize = 6;

/// At least this many anchors shared.
pub const MIN_SHARED: usize = 2;

/// And at least this share of the smaller side's anchors.
pub const MIN_SHARE: f32 = 0.3;

/// The word score a cross-language version is placed with: the lowest of
/// the tiers, since no words were compared.
pub const SCORE: f32 = 0.35;

/// The anchors of a text, hashed, without repeats.
pub fn anchors(text: &str) -> Vec<u64> {
    let mut out: HashSet<u64> = HashSet::new();
    for t in tokenize_for_diff(text) {
        match t.kind {
            TokKind::Word => {
                let key = without_elision(&t.key);
                if key.starts_with('#') {
                    out.insert(stable_hash(key));
                    continue;
                }
                if is_function_word(key) || key.chars().count() < MIN_LETTERS {
                    continue;
                }
                let stem: String = key.chars().take(STEM).collect();
                out.insert(stable_hash(&stem));
            }
            _ => continue,
        }
    }
    // Acronyms and short names are anchors whatever their length.
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
            out.insert(stable_hash(&fold(w)));
        }
    }
    let mut v: Vec<u64> = out.into_iter().collect();
    v.sort_unstable();
    v
}

/// How many anchors two sorted lists share, and that count over the
/// smaller list's length.
pub fn overlap(a: &[u64], b: &[u64]) -> (usize, f32) {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let small = a.len().min(b.len()).max(1);
    (n, n as f32 / small as f32)
}

/// Whether two texts' anchors overlap enough to be one statement in two
/// languages.
pub fn anchors_agree(a: &[u64], b: &[u64]) -> bool {
    let (n, share) = overlap(a, b);
    n >= MIN_SHARED && share >= MIN_SHARE
}

/// Whether two language codes are known and differ.
pub fn languages_differ(a: Option<&str>, b: Option<&str>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if !x.eq_ignore_ascii_case(y))
}

/// The candidate-list key of a speaker on a day in a language: the folded
/// last word of the name (names are not translated), the day and the
/// language's code, in their own hash domain. The language is in the key
/// so that a version looks up only versions in *other* languages: looking
/// up its own language's and reading each candidate's article to learn its
/// language was a third of ingest's time.
pub fn speaker_day_key(speaker: &str, day: i32, lang: &str) -> Option<u64> {
    let last = speaker.split_whitespace().next_back()?;
    let key = format!("{}@{day}@{}", fold(last), lang.to_ascii_lowercase());
    Some(stable_hash(&key).rotate_left(29) ^ 0x7370_6b72_6461_7900)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_keeps_its_anchors() {
        let fr = anchors(
            "Les négociations avec le gouvernement sont dans une impasse totale, et nous \
             exigeons la libération immédiate des 14 otages",
        );
        let en = anchors(
            "Negotiations with the government are at a complete impasse, and we demand the \
             immediate release of the 14 hostages",
        );
        assert!(anchors_agree(&fr, &en));
        let other = anchors("The army will take the capital within 24 hours");
        assert!(!anchors_agree(&fr, &other));
    }

    #[test]
    fn languages_must_be_known_to_differ() {
        assert!(languages_differ(Some("fr"), Some("en")));
        assert!(!languages_differ(Some("fr"), Some("FR")));
        assert!(!languages_differ(None, Some("en")));
    }
}
