//! The closed word lists the diff and name rules read, English and French,
//! kept as data beside this module (`en/*.txt`, `fr/*.txt`,
//! `name_particles.txt`) and read with the extractor's loader
//! ([`crate::extract::lexicon::words`]), so adding a word is an edit to a
//! text file.
//!
//! Every entry is a *folded* key (lowercase, diacritics removed, `'` as the
//! apostrophe, see [`crate::follow::tokens::fold`]). These are general
//! grammar words, never names or phrases from any corpus: negators, modal
//! verbs and hedges, number words, function words, the conjunctions that
//! carry a condition or a contrast, titles and name particles.

use std::sync::OnceLock;

use crate::extract::lexicon::words::{WordList, WordMap, entries, pairs};

/// One language's lists, as text files beside this module: one folded
/// key a line (`number_words.txt`: `word value`). The follow engine
/// compares versions across languages, so a list is the union of every
/// language's file.
struct Files {
    negators: &'static str,
    modals: &'static str,
    function_words: &'static str,
    determiners: &'static str,
    qualifiers: &'static str,
    titles: &'static str,
    generic_roles: &'static str,
    acronym_skip: &'static str,
    is_hosts: &'static str,
    number_words: &'static str,
    unconfirmed_phrases: &'static str,
    /// Words written elided before an apostrophe ("l'", "qu'"): the
    /// extractor's list for the language, so both read one file.
    elisions: &'static str,
}

/// The languages with lists. A language is a folder of the same files
/// and a line here.
const LANGUAGES: [Files; 2] = [
    Files {
        negators: include_str!("en/negators.txt"),
        modals: include_str!("en/modals.txt"),
        function_words: include_str!("en/function_words.txt"),
        determiners: include_str!("en/determiners.txt"),
        qualifiers: include_str!("en/qualifiers.txt"),
        titles: include_str!("en/titles.txt"),
        generic_roles: include_str!("en/generic_roles.txt"),
        acronym_skip: include_str!("en/acronym_skip.txt"),
        is_hosts: include_str!("en/is_hosts.txt"),
        number_words: include_str!("en/number_words.txt"),
        unconfirmed_phrases: include_str!("en/unconfirmed_phrases.txt"),
        elisions: "",
    },
    Files {
        negators: include_str!("fr/negators.txt"),
        modals: include_str!("fr/modals.txt"),
        function_words: include_str!("fr/function_words.txt"),
        determiners: include_str!("fr/determiners.txt"),
        qualifiers: include_str!("fr/qualifiers.txt"),
        titles: include_str!("fr/titles.txt"),
        generic_roles: include_str!("fr/generic_roles.txt"),
        acronym_skip: include_str!("fr/acronym_skip.txt"),
        is_hosts: "",
        number_words: include_str!("fr/number_words.txt"),
        unconfirmed_phrases: include_str!("fr/unconfirmed_phrases.txt"),
        elisions: include_str!("../../extract/lexicon/fr/elisions.txt"),
    },
];

/// Name particles of every language ("ould", "ag", "van", "abou").
const NAME_PARTICLES: &str = include_str!("name_particles.txt");

/// Every list, loaded once.
struct Lists {
    negators: WordList,
    modals: WordList,
    function_words: WordList,
    determiners: WordList,
    qualifiers: WordList,
    titles: WordList,
    generic_roles: WordList,
    particles: WordList,
    acronym_skip: WordList,
    is_hosts: WordList,
    elisions: WordList,
    number_words: WordMap<NumberWord>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let union = |file: fn(&Files) -> &'static str| {
            WordList::from_entries(
                LANGUAGES
                    .iter()
                    .flat_map(|l| entries(file(l)))
                    .map(|w| (w, ())),
            )
        };
        Lists {
            negators: union(|f| f.negators),
            modals: union(|f| f.modals),
            function_words: union(|f| f.function_words),
            determiners: union(|f| f.determiners),
            qualifiers: union(|f| f.qualifiers),
            titles: union(|f| f.titles),
            generic_roles: union(|f| f.generic_roles),
            particles: WordList::parse(NAME_PARTICLES),
            acronym_skip: union(|f| f.acronym_skip),
            is_hosts: union(|f| f.is_hosts),
            elisions: union(|f| f.elisions),
            number_words: WordMap::from_entries(
                LANGUAGES
                    .iter()
                    .flat_map(|l| pairs(l.number_words))
                    .map(|(w, v)| (w, number_value(w, v))),
            ),
        }
    })
}

/// A number word's value in its table: `20` adds, `x100` multiplies. The
/// tables are compiled in; a value of another shape fails the lexicon
/// test with its line.
fn number_value(word: &str, value: &str) -> NumberWord {
    let parsed = match value.strip_prefix('x') {
        Some(scale) => scale.parse().map(NumberWord::Scale),
        None => value.parse().map(NumberWord::Value),
    };
    parsed.unwrap_or_else(|_| panic!("number_words: {word} {value}: expected a number or xN"))
}

/// The phrases by which a text says a claim is unconfirmed, every
/// language's (`unconfirmed_phrases.txt`: lower case as printed, accents
/// kept, since `audit` reads them in the article's own words).
pub fn unconfirmed_phrases() -> &'static [&'static str] {
    static PHRASES: OnceLock<Vec<&'static str>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        LANGUAGES
            .iter()
            .flat_map(|l| entries(l.unconfirmed_phrases))
            .collect()
    })
}

fn contains(list: &WordList, key: &str) -> bool {
    list.contains_lower(key)
}

/// Whether `key` negates: a negator, an English `n't` contraction or a
/// French `n'` elision.
pub fn is_negation(key: &str) -> bool {
    contains(&lists().negators, key)
        || key.ends_with("n't")
        || (key.starts_with("n'") && key.len() > 2)
}

/// Whether `key` is a modal verb or hedge, including `'ll` and `won't`.
pub fn is_modal(key: &str) -> bool {
    contains(&lists().modals, key) || key.ends_with("'ll") || modal_of_contraction(key).is_some()
}

/// The modal inside a negative contraction ("won't" is "will").
fn modal_of_contraction(key: &str) -> Option<&'static str> {
    Some(match key {
        "won't" => "will",
        "wouldn't" => "would",
        "can't" | "cannot" => "can",
        "couldn't" => "could",
        "shouldn't" => "should",
        "mustn't" => "must",
        "mightn't" => "might",
        "shan't" => "shall",
        _ => return None,
    })
}

/// The modal a key stands for, for comparing modality across versions
/// ("won't" and "will" both say "will").
pub fn modal_base(key: &str) -> Option<&str> {
    if let Some(m) = modal_of_contraction(key) {
        return Some(m);
    }
    if key.ends_with("'ll") {
        return Some("will");
    }
    contains(&lists().modals, key).then_some(key)
}

/// A folded key without a leading elided word ("l'accord" is "accord",
/// "qu'il" is "il"): the words of every language's elision list. A key
/// that is only the elided word stays as it is.
pub fn without_elision(key: &str) -> &str {
    match key.split_once('\'') {
        Some((head, rest)) if !rest.is_empty() && contains(&lists().elisions, head) => rest,
        _ => key,
    }
}

/// A key with its negation stripped, so "didn't" and "did" compare equal
/// once the negation itself has been flagged.
pub fn without_negation(key: &str) -> &str {
    if let Some(m) = modal_of_contraction(key) {
        return m;
    }
    if let Some(base) = key.strip_suffix("n't") {
        return base;
    }
    if let Some(base) = key.strip_prefix("n'").filter(|b| !b.is_empty()) {
        return base;
    }
    key
}

/// Endings that contract a word: the ending's key, what it stands for.
/// "'s" and "'d" are ambiguous ("is"/"has", "would"/"had"): the first
/// reading is the key, the other a variant (see [`contraction_variant`]).
const CLITICS: &[(&str, &str)] = &[
    ("n't", "not"),
    ("'m", "am"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'ll", "will"),
    ("'d", "would"),
    ("'s", "is"),
];

/// A contraction written out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contraction {
    /// The first word's key ("will" for "won't", "i" for "I'm").
    pub host: String,
    /// The second word's key ("not", "am").
    pub clitic: &'static str,
    /// How many characters of the printed word the second word takes,
    /// counted from its end ("n't" is 3, "cannot"'s "not" too).
    pub clitic_chars: usize,
}

/// Reads a folded word as a contraction ("won't", "can't", "cannot",
/// "I'm", "we're", "they've", "it's"). A possessive "'s" is not one.
pub fn contraction(key: &str) -> Option<Contraction> {
    if key == "cannot" {
        return Some(Contraction {
            host: "can".to_owned(),
            clitic: "not",
            clitic_chars: 3,
        });
    }
    let (ending, clitic) = CLITICS.iter().find(|(e, _)| key.ends_with(e))?;
    let stem = &key[..key.len() - ending.len()];
    if stem.is_empty() || !stem.chars().all(char::is_alphabetic) || stem.contains('\'') {
        return None;
    }
    let host = match (*ending, stem) {
        ("n't", "wo") => "will",
        ("n't", "ca") => "can",
        ("n't", "sha") => "shall",
        ("n't", "ai") => return None,
        ("'s", s) if !contains(&lists().is_hosts, s) => return None,
        (_, s) => s,
    };
    let clitic = if *ending == "'s" && stem == "let" {
        "us"
    } else {
        clitic
    };
    Some(Contraction {
        host: host.to_owned(),
        clitic,
        clitic_chars: ending.chars().count(),
    })
}

/// Whether two keys are two readings of one contracted ending ("'s" is
/// "is" or "has", "'d" is "would" or "had").
pub fn contraction_variant(a: &str, b: &str) -> bool {
    matches!(
        (a, b),
        ("is", "has") | ("has", "is") | ("would", "had") | ("had", "would")
    )
}

/// Whether `key` is a function word.
pub fn is_function_word(key: &str) -> bool {
    contains(&lists().function_words, key)
}

/// Whether `key` carries no name in it: a function word, determiner,
/// quantifier or number word ("the", "les", "one", "several", "two").
/// Name particles ("al", "de", "ag") are not fillers: they belong to names.
pub fn is_name_filler(key: &str) -> bool {
    if is_particle(key) {
        return false;
    }
    contains(&lists().function_words, key)
        || contains(&lists().determiners, key)
        || number_word(key).is_some()
}

/// Whether `key` introduces a condition, exception or contrast.
pub fn is_qualifier(key: &str) -> bool {
    contains(&lists().qualifiers, key)
}

/// Whether `key` is a title or role word.
pub fn is_title(key: &str) -> bool {
    contains(&lists().titles, key.trim_end_matches('.'))
}

/// Whether a role word is too generic to back a name match.
pub fn is_generic_role(key: &str) -> bool {
    contains(&lists().generic_roles, key)
}

/// Whether `key` is a name particle.
pub fn is_particle(key: &str) -> bool {
    contains(&lists().particles, key)
}

/// Whether `key` is skipped when reading initials.
pub fn is_acronym_skip(key: &str) -> bool {
    contains(&lists().acronym_skip, key)
}

/// A number word's role when reading a run of number words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberWord {
    /// Adds its value ("twenty", "four", "dix").
    Value(f64),
    /// Multiplies what came before ("hundred", "thousand", "million").
    Scale(f64),
}

/// Reads a single (unhyphenated) number word (`number_words.txt`).
pub fn number_word(key: &str) -> Option<NumberWord> {
    lists().number_words.get(key).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_elided_word_is_dropped_only_before_a_word() {
        for (key, bare) in [
            ("l'accord", "accord"),
            ("qu'il", "il"),
            ("jusqu'au", "au"),
            ("d'etat", "etat"),
            ("l'", "l'"),
            ("don't", "don't"),
            ("o'neill", "o'neill"),
        ] {
            assert_eq!(without_elision(key), bare, "{key}");
        }
    }

    #[test]
    fn negation_covers_contractions_and_french() {
        for k in [
            "not", "didn't", "won't", "pas", "n'est", "jamais", "without",
        ] {
            assert!(is_negation(k), "{k}");
        }
        for k in ["note", "nothingness", "n'", "know"] {
            assert!(!is_negation(k), "{k}");
        }
        assert_eq!(without_negation("didn't"), "did");
        assert_eq!(without_negation("won't"), "will");
        assert_eq!(without_negation("n'est"), "est");
    }

    #[test]
    fn contractions_are_read_from_a_closed_table() {
        let c = contraction("won't").unwrap();
        assert_eq!(
            (c.host.as_str(), c.clitic, c.clitic_chars),
            ("will", "not", 3)
        );
        let c = contraction("i'm").unwrap();
        assert_eq!((c.host.as_str(), c.clitic, c.clitic_chars), ("i", "am", 2));
        assert_eq!(contraction("cannot").unwrap().host, "can");
        assert_eq!(contraction("they've").unwrap().clitic, "have");
        assert_eq!(contraction("it's").unwrap().clitic, "is");
        assert_eq!(contraction("let's").unwrap().clitic, "us");
        for k in [
            "mayor's",
            "o'neil",
            "n't",
            "rock'n'roll",
            "ain't",
            "aujourd'hui",
        ] {
            assert_eq!(contraction(k), None, "{k}");
        }
        assert!(contraction_variant("is", "has"));
        assert!(!contraction_variant("is", "was"));
    }

    #[test]
    fn every_entry_is_a_folded_key_and_every_table_line_reads() {
        let files = LANGUAGES.iter().flat_map(|l| {
            [
                l.negators,
                l.modals,
                l.function_words,
                l.determiners,
                l.qualifiers,
                l.titles,
                l.generic_roles,
                l.acronym_skip,
                l.is_hosts,
            ]
        });
        for file in files.chain([NAME_PARTICLES]) {
            for e in entries(file) {
                assert_eq!(crate::follow::tokens::fold(e), e, "not folded: {e:?}");
                assert!(!e.contains(' '), "one word a line: {e:?}");
            }
        }
        for l in &LANGUAGES {
            for (w, v) in pairs(l.number_words) {
                assert_eq!(crate::follow::tokens::fold(w), w);
                let _ = number_value(w, v);
            }
        }
        assert_eq!(number_word("quatorze"), Some(NumberWord::Value(14.0)));
        assert_eq!(number_word("milliards"), Some(NumberWord::Scale(1e9)));
        assert_eq!(number_word("une"), None);
        assert!(is_title("porte-parole") && is_title("Gen.".to_lowercase().as_str()));
        assert!(is_name_filler("plusieurs") && !is_name_filler("ould"));
    }

    #[test]
    fn modal_base_reads_contractions() {
        assert_eq!(modal_base("we'll"), Some("will"));
        assert_eq!(modal_base("couldn't"), Some("could"));
        assert_eq!(modal_base("could"), Some("could"));
        assert_eq!(modal_base("send"), None);
    }
}
