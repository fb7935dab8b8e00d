//! The words the English quote rules (`extract/cue.rs`) read around a
//! speech verb, besides the shared lists: what ends a speaker's phrase,
//! what opens a clause or a sentence, the auxiliaries and determiners.
//! All of it is data in `lexicon/<lang>/quote_*.txt`.

use super::words::{WordList, WordMap};

/// The word lists of one language's quote rules. Languages whose quote
/// rules are their own code (`rules/fr/`) leave it empty.
#[derive(Debug, Default)]
pub struct QuoteWords {
    /// Words that end a speaker's phrase written after its verb.
    pub speaker_ends: WordList,
    /// Conjunctions after which a new clause starts.
    pub clause_starts: WordList,
    /// Auxiliaries and adverbs between a speaker and the speech verb.
    pub aux: WordList,
    /// Determiners that start a descriptive speaker.
    pub determiners: WordList,
    /// Words after which a speech verb's form is a noun.
    pub noun_determiners: WordList,
    /// Prepositions that open a sentence before its subject.
    pub openers: WordList,
    /// Role nouns between an organisation and a name.
    pub roles: WordList,
    /// Conjunctions and adverbs that may open a sentence.
    pub leads: WordList,
    /// Last words of a time phrase that opens a sentence.
    pub time_ends: WordList,
    /// Pronouns that never stand alone for a speaker ("It also wants …").
    pub not_subjects: WordList,
    /// Conjunctions that open a clause of circumstance after a cue.
    pub circumstance_starts: WordList,
    /// Verbs that are speech verbs only with their particle ("shot back"),
    /// mapped to that particle.
    pub particle_verbs: WordMap<&'static str>,
}
