//! The closed word lists the diff and name rules read, English and French.
//!
//! Every entry is a *folded* key (lowercase, diacritics removed, `'` as the
//! apostrophe, see [`crate::follow::tokens::fold`]). These are general
//! grammar words, never names or phrases from any corpus: negators, modal
//! verbs and hedges, number words, function words, the conjunctions that
//! carry a condition or a contrast, titles and name particles.

/// Words that negate on their own.
const NEGATORS: &[&str] = &[
    "not",
    "no",
    "never",
    "nobody",
    "nothing",
    "none",
    "neither",
    "nor",
    "without",
    "cannot",
    "nowhere",
    "ne",
    "pas",
    "jamais",
    "aucun",
    "aucune",
    "sans",
    "ni",
    "rien",
    "nullement",
    "guere",
    "non",
];

/// Modal verbs and hedges: swapping one for another (or dropping one)
/// changes how certain the statement is.
const MODALS: &[&str] = &[
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "ought",
    "reportedly",
    "allegedly",
    "apparently",
    "possibly",
    "probably",
    "perhaps",
    "likely",
    "unlikely",
    "maybe",
    "seemingly",
    "supposedly",
    "purportedly",
    "certainly",
    "definitely",
    "surely",
    "presumably",
    "pourrait",
    "pourraient",
    "pourra",
    "pourront",
    "peut",
    "peuvent",
    "pourrions",
    "devrait",
    "devraient",
    "doit",
    "doivent",
    "devra",
    "devront",
    "serait",
    "seraient",
    "aurait",
    "auraient",
    "probablement",
    "peut-etre",
    "eventuellement",
    "apparemment",
    "certainement",
    "pretendument",
    "vraisemblablement",
];

/// Function words: losing or adding only these rarely changes meaning, and
/// a cut right after one is a cut mid-phrase.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "that", "this", "these",
    "those", "is", "are", "was", "were", "be", "been", "it", "its", "with", "by", "from", "as",
    "we", "i", "he", "she", "they", "our", "their", "his", "her", "le", "la", "les", "l'", "un",
    "une", "des", "de", "du", "d'", "et", "ou", "que", "qui", "qu'", "a", "au", "aux", "en",
    "dans", "sur", "pour", "par", "avec", "est", "sont", "ce", "cette", "ces", "il", "elle", "ils",
    "elles", "nous", "on", "se", "s'", "leur", "leurs", "son", "sa", "ses",
];

/// Words that open a description rather than a name ("*One* official",
/// "*Several* senators", "*Neither* candidate"): quantifiers and
/// determiners beyond the function words above. A capitalised one is a
/// sentence start, not part of a name, and never identifies anyone.
const DETERMINERS: &[&str] = &[
    "one",
    "some",
    "several",
    "many",
    "most",
    "multiple",
    "another",
    "other",
    "others",
    "each",
    "every",
    "all",
    "both",
    "few",
    "neither",
    "either",
    "no",
    "any",
    "such",
    "my",
    "your",
    "them",
    "him",
    "me",
    "you",
    "there",
    "here",
    "then",
    "when",
    "while",
    "if",
    "but",
    "so",
    "not",
    "maybe",
    "perhaps",
    "tous",
    "toutes",
    "plusieurs",
    "certains",
    "certaines",
    "chaque",
    "aucun",
    "aucune",
    "autre",
    "autres",
    "mon",
    "ma",
    "mes",
    "ton",
    "ta",
    "tes",
    "notre",
    "nos",
    "votre",
    "vos",
    "lui",
    "eux",
];

/// Words that make what follows a condition, an exception or a contrast:
/// cutting a quote before one of these can reverse its sense.
const QUALIFIERS: &[&str] = &[
    "but",
    "unless",
    "if",
    "except",
    "only",
    "however",
    "although",
    "though",
    "provided",
    "until",
    "whether",
    "yet",
    "mais",
    "sauf",
    "si",
    "seulement",
    "uniquement",
    "pourtant",
    "cependant",
    "toutefois",
    "tant",
    "condition",
    "jusqu'a",
    "quoique",
    "lorsque",
];

/// Titles and roles that stand before or after a name ("President X",
/// "X, spokesman for Y").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "president",
    "minister",
    "prime",
    "general",
    "gen",
    "colonel",
    "col",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "major",
    "sergeant",
    "sgt",
    "commander",
    "chief",
    "leader",
    "head",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "interior",
    "army",
    "senior",
    "official",
    "imam",
    "sheikh",
    "cheikh",
    "emir",
    "king",
    "queen",
    "prince",
    "sir",
    "lord",
    "m",
    "mme",
    "mlle",
    "presidente",
    "ministre",
    "premier",
    "porte-parole",
    "capitaine",
    "chef",
    "commandant",
    "directeur",
    "directrice",
    "secretaire",
    "ambassadeur",
    "gouverneur",
    "maire",
    "depute",
    "adjoint",
    "former",
    "ancien",
    "ancienne",
    "acting",
    "interim",
    "self-proclaimed",
    "rebel",
    "military",
];

/// Role words too generic to tell who someone is: two people both
/// "former" something share nothing.
const GENERIC_ROLES: &[&str] = &[
    "former",
    "senior",
    "acting",
    "interim",
    "ancien",
    "ancienne",
    "self-proclaimed",
    "said",
    "told",
    "says",
    "who",
    "also",
    "official",
    "the",
    "for",
    "and",
];

/// Name particles: part of a name, but never enough on their own to tell
/// two people apart or together.
const PARTICLES: &[&str] = &[
    "ould", "ag", "bin", "ben", "ibn", "al", "el", "de", "van", "von", "da", "du", "le", "la",
    "abu", "abou", "mint", "walet", "der", "dos", "das", "di", "bint", "ait",
];

/// Words skipped when reading an organisation's initials ("Movement *for*
/// the Liberation *of* ...").
const ACRONYM_SKIP: &[&str] = &[
    "of", "the", "for", "and", "in", "on", "at", "to", "de", "du", "des", "la", "le", "les", "l'",
    "d'", "pour", "et", "en", "au", "aux", "a", "dans", "sur",
];

fn contains(list: &[&str], key: &str) -> bool {
    list.contains(&key)
}

/// Whether `key` negates: a negator, an English `n't` contraction or a
/// French `n'` elision.
pub fn is_negation(key: &str) -> bool {
    contains(NEGATORS, key) || key.ends_with("n't") || (key.starts_with("n'") && key.len() > 2)
}

/// Whether `key` is a modal verb or hedge, including `'ll` and `won't`.
pub fn is_modal(key: &str) -> bool {
    contains(MODALS, key) || key.ends_with("'ll") || modal_of_contraction(key).is_some()
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
    MODALS.iter().copied().find(|m| *m == key)
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

/// Words whose "'s" is a verb ("it's" is "it is"); on any other word it is
/// a possessive ("the mayor's") and stays.
const IS_HOSTS: &[&str] = &[
    "it", "he", "she", "that", "there", "what", "who", "here", "where", "how", "let",
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
        ("'s", s) if !contains(IS_HOSTS, s) => return None,
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
    contains(FUNCTION_WORDS, key)
}

/// Whether `key` carries no name in it: a function word, determiner,
/// quantifier or number word ("the", "les", "one", "several", "two").
/// Name particles ("al", "de", "ag") are not fillers: they belong to names.
pub fn is_name_filler(key: &str) -> bool {
    if is_particle(key) {
        return false;
    }
    contains(FUNCTION_WORDS, key) || contains(DETERMINERS, key) || number_word(key).is_some()
}

/// Whether `key` introduces a condition, exception or contrast.
pub fn is_qualifier(key: &str) -> bool {
    contains(QUALIFIERS, key)
}

/// Whether `key` is a title or role word.
pub fn is_title(key: &str) -> bool {
    contains(TITLES, key.trim_end_matches('.'))
}

/// Whether a role word is too generic to back a name match.
pub fn is_generic_role(key: &str) -> bool {
    contains(GENERIC_ROLES, key)
}

/// Whether `key` is a name particle.
pub fn is_particle(key: &str) -> bool {
    contains(PARTICLES, key)
}

/// Whether `key` is skipped when reading initials.
pub fn is_acronym_skip(key: &str) -> bool {
    contains(ACRONYM_SKIP, key)
}

/// A number word's role when reading a run of number words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberWord {
    /// Adds its value ("twenty", "four", "dix").
    Value(f64),
    /// Multiplies what came before ("hundred", "thousand", "million").
    Scale(f64),
}

/// Reads a single (unhyphenated) number word. "a"/"un"/"une" are left out:
/// they are far more often articles than numbers.
pub fn number_word(key: &str) -> Option<NumberWord> {
    use NumberWord::{Scale, Value};
    Some(match key {
        "zero" => Value(0.0),
        "one" => Value(1.0),
        "two" | "deux" => Value(2.0),
        "three" | "trois" => Value(3.0),
        "four" | "quatre" => Value(4.0),
        "five" | "cinq" => Value(5.0),
        "six" => Value(6.0),
        "seven" | "sept" => Value(7.0),
        "eight" | "huit" => Value(8.0),
        "nine" | "neuf" => Value(9.0),
        "ten" | "dix" => Value(10.0),
        "eleven" | "onze" => Value(11.0),
        "twelve" | "douze" => Value(12.0),
        "thirteen" | "treize" => Value(13.0),
        "fourteen" | "quatorze" => Value(14.0),
        "fifteen" | "quinze" => Value(15.0),
        "sixteen" | "seize" => Value(16.0),
        "seventeen" => Value(17.0),
        "eighteen" => Value(18.0),
        "nineteen" => Value(19.0),
        "twenty" | "vingt" | "vingts" => Value(20.0),
        "thirty" | "trente" => Value(30.0),
        "forty" | "quarante" => Value(40.0),
        "fifty" | "cinquante" => Value(50.0),
        "sixty" | "soixante" => Value(60.0),
        "seventy" => Value(70.0),
        "eighty" => Value(80.0),
        "ninety" => Value(90.0),
        "dozen" | "douzaine" => Value(12.0),
        "hundred" | "hundreds" | "cent" | "cents" => Scale(100.0),
        "thousand" | "thousands" | "mille" => Scale(1_000.0),
        "million" | "millions" => Scale(1_000_000.0),
        "billion" | "billions" | "milliard" | "milliards" => Scale(1_000_000_000.0),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn modal_base_reads_contractions() {
        assert_eq!(modal_base("we'll"), Some("will"));
        assert_eq!(modal_base("couldn't"), Some("could"));
        assert_eq!(modal_base("could"), Some("could"));
        assert_eq!(modal_base("send"), None);
    }
}
