//! The words of the French speaker-phrase and incise rules
//! (`rules/fr/words.rs`, `phrase.rs`): elisions, inverted pronouns,
//! datives, name particles and determiners. All of it is data in
//! `lexicon/fr/`; a language whose rules read no such lists leaves it
//! empty.

use super::words::WordList;

/// The word lists of one language's incise and speaker-phrase rules.
#[derive(Debug, Default)]
pub struct PhraseWords {
    /// Words elided before an apostrophe ("l'", "qu'").
    pub elisions: WordList,
    /// Subject pronouns written after the verb ("a-t-il").
    pub inverted_pronouns: WordList,
    /// Words that open a credit to a listener ("à l'AFP").
    pub datives: WordList,
    /// Lower-case particles inside a name ("ould", "de").
    pub name_particles: WordList,
    /// Determiners that open a speaker's phrase ("le", "son").
    pub determiners: WordList,
}
