//! The words that signal reported speech, and the function words the
//! patterns skip or stop at: lookups into the English lists in
//! `lexicon/en/` (see [`crate::extract::lexicon::ClaimWords`]). Every list
//! is general English, never a phrase from a particular article.
//!
//! Every function takes a word the caller has already lower-cased and
//! matches it exactly.

use crate::extract::lang::Lang;
use crate::extract::lexicon::{ClaimWords, Lexicon};

pub use crate::extract::lexicon::claims::{Class, Cue};

fn lx() -> &'static Lexicon {
    Lexicon::of(Lang::En)
}

fn words() -> &'static ClaimWords {
    &lx().claims
}

/// The cue a lowercase word is, if any. Particle verbs ("pointed out")
/// are returned with their particle; the caller checks it follows.
#[inline]
pub fn cue(lower: &str) -> Option<Cue> {
    words().cues.get(lower).map(|e| e.cue)
}

/// The second reading of a particle verb that also stands alone ("warned
/// of" vs "warned"), so a missing particle falls back to it.
pub fn cue_without_particle(lower: &str) -> Option<Cue> {
    let e = words().cues.get(lower)?;
    if e.cue.particle.is_none() {
        return Some(e.cue);
    }
    Some(Cue {
        class: e.alone?,
        particle: None,
        ..e.cue
    })
}

/// The particles a particle verb may take ("warned" takes "about", "of" or
/// "against").
pub fn particles(lower: &str) -> impl Iterator<Item = &'static str> + '_ {
    words()
        .cues
        .get(lower)
        .into_iter()
        .flat_map(|e| e.particles.iter().copied())
}

/// Subject pronouns, which name a speaker on their own.
pub fn is_pronoun(w: &str) -> bool {
    words().subject_pronouns.contains_lower(w)
}

/// Quantities that stand for people on their own ("two said", "most
/// believe").
pub fn is_quantity(w: &str) -> bool {
    words().quantities.contains_lower(w)
}

/// Determiners and possessives that open a noun phrase.
pub fn is_determiner(w: &str) -> bool {
    words().determiners.contains_lower(w)
}

/// Articles and possessives: a word after them is a noun ("the report",
/// "his claims").
pub fn is_article(w: &str) -> bool {
    words().articles.contains_lower(w)
}

/// Auxiliaries and adverbs between a subject and its verb ("has also
/// said", "repeatedly claimed").
pub fn is_aux(w: &str) -> bool {
    lx().auxiliaries.contains_lower(w)
}

/// Words that end a subject scan: the clause boundary lies at them.
pub fn is_boundary(w: &str) -> bool {
    lx().boundaries.contains_lower(w)
}

/// Prepositions allowed inside a subject ("the head of the delegation in
/// Bamako").
pub fn is_np_preposition(w: &str) -> bool {
    words().np_prepositions.contains_lower(w)
}

/// Time words that stand next to a cue verb without being content
/// ("said Tuesday", "told reporters yesterday").
pub fn is_time(w: &str) -> bool {
    words().time_words.contains_lower(w)
}

/// Words that open an adjunct after a cue ("said in a statement", "told
/// reporters on Tuesday").
pub fn is_adjunct_start(w: &str) -> bool {
    words().adjunct_starts.contains_lower(w)
}

/// Listeners that follow "told" without being capitalized.
pub fn is_listener(w: &str) -> bool {
    words().listeners.contains_lower(w)
}

/// Document-like subjects that can "show" or "find" something.
pub fn is_evidence_noun(w: &str) -> bool {
    words().evidence_nouns.contains_lower(w)
}

/// Kickers and labels before a headline's colon ("the latest", "breaking"):
/// `label` is the lower-cased text before the colon.
pub fn is_headline_label(label: &str) -> bool {
    words().headline_labels.contains_lower(label)
}

/// Words between "be" and a passive participle ("is not widely expected").
pub fn is_hedge(w: &str) -> bool {
    words().hedges.contains_lower(w)
}

/// Words that open the question in "Asked whether ...".
pub fn opens_question(w: &str) -> bool {
    words().question_openers.contains_lower(w)
}

/// Nouns of saying and believing that take a "that" clause.
pub fn is_speech_noun(w: &str) -> bool {
    words().speech_nouns.contains_lower(w)
}

/// Refusals before "to" and a cue ("declined to say").
pub fn is_refusal(w: &str) -> bool {
    words().refusals.contains_lower(w)
}

/// Prepositions before a cue word that make it a noun ("in alleged").
pub fn is_noun_preposition(w: &str) -> bool {
    words().noun_prepositions.contains_lower(w)
}

/// Connectives skipped at the start of a lead-in ("But in 2008, ...").
pub fn is_lead_connective(w: &str) -> bool {
    words().lead_connectives.contains_lower(w)
}

/// Words that open a short lead-in before a subject ("In 2008, ...").
pub fn opens_lead_in(w: &str) -> bool {
    words().lead_openers.contains_lower(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cue_table_reads_its_files() {
        // An entry of each file, as a newcomer would add one.
        assert_eq!(cue("said").unwrap().class, Class::Say);
        assert_eq!(cue("told").unwrap().class, Class::Tell);
        assert_eq!(cue("accused").unwrap().class, Class::Object);
        assert_eq!(cue("found").unwrap().class, Class::Evidence);
        // "says" is `say` and `evidence`: `say` comes first.
        assert_eq!(cue("says").unwrap().class, Class::Say);
        let pointed = cue("pointed").unwrap();
        assert_eq!(
            (pointed.class, pointed.particle),
            (Class::Object, Some("out"))
        );
        assert!(particles("pointed").eq(["out", "to"]));
        assert!(cue("saying").unwrap().participle);
        assert!(cue("report").unwrap().noun_too);
        assert!(cue("Said").is_none() && cue("table").is_none());
        assert!(is_aux("has") && is_boundary("because") && is_listener("reporters"));
        assert!(!is_aux("Has"));
    }

    #[test]
    fn every_cue_word_fits_the_lookup() {
        for (w, e) in words().cues.iter() {
            assert_eq!(cue(w), Some(e.cue));
        }
    }
}
