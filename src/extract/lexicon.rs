//! Closed word lists the extractor leans on: speech verbs, titles, pronouns,
//! news agencies. They are general English and newsroom vocabulary, never
//! names taken from any one article, so they carry over to unseen text.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Verbs (in every form news prose uses) that introduce what someone said
/// or asserted. Matched case-insensitively against one word.
const SPEECH_VERBS: &[&str] = &[
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "add",
    "added",
    "adding",
    "adds",
    "admit",
    "admits",
    "admitted",
    "advise",
    "advised",
    "advises",
    "affirm",
    "affirmed",
    "agree",
    "agreed",
    "agrees",
    "allege",
    "alleged",
    "alleges",
    "announce",
    "announced",
    "announces",
    "answer",
    "answered",
    "answers",
    "argue",
    "argued",
    "argues",
    "arguing",
    "ask",
    "asked",
    "asking",
    "asks",
    "assert",
    "asserted",
    "asserts",
    "assure",
    "assured",
    "blast",
    "blasted",
    "boast",
    "boasted",
    "boasts",
    "call",
    "called",
    "calls",
    "caution",
    "cautioned",
    "charge",
    "charged",
    "charges",
    "chime",
    "chimed",
    "claim",
    "claimed",
    "claiming",
    "claims",
    "comment",
    "commented",
    "complain",
    "complained",
    "complains",
    "concede",
    "conceded",
    "concedes",
    "conclude",
    "concluded",
    "confirm",
    "confirmed",
    "confirms",
    "contend",
    "contended",
    "contends",
    "continue",
    "continued",
    "continues",
    "counter",
    "countered",
    "counters",
    "cry",
    "cried",
    "declare",
    "declared",
    "declares",
    "decry",
    "decried",
    "deny",
    "denied",
    "denies",
    "describe",
    "described",
    "describes",
    "emphasise",
    "emphasised",
    "emphasize",
    "emphasized",
    "emphasizes",
    "exclaim",
    "exclaimed",
    "explain",
    "explained",
    "explaining",
    "explains",
    "fume",
    "fumed",
    "indicate",
    "indicated",
    "insist",
    "insisted",
    "insisting",
    "insists",
    "interject",
    "interjected",
    "joke",
    "joked",
    "jokes",
    "lament",
    "lamented",
    "laments",
    "maintain",
    "maintained",
    "maintains",
    "mention",
    "mentioned",
    "muse",
    "mused",
    "note",
    "noted",
    "notes",
    "noting",
    "object",
    "objected",
    "observe",
    "observed",
    "observes",
    "offer",
    "offered",
    "opine",
    "opined",
    "plead",
    "pleaded",
    "pledge",
    "pledged",
    "pledges",
    "point",
    "pointed",
    "post",
    "posted",
    "predict",
    "predicted",
    "predicts",
    "proclaim",
    "proclaimed",
    "promise",
    "promised",
    "promises",
    "protest",
    "protested",
    "quip",
    "quipped",
    "quips",
    "read",
    "reads",
    "reason",
    "reasoned",
    "recall",
    "recalled",
    "recalls",
    "recount",
    "recounted",
    "reiterate",
    "reiterated",
    "reiterates",
    "remark",
    "remarked",
    "remarks",
    "remind",
    "reminded",
    "reminds",
    "repeat",
    "repeated",
    "repeats",
    "replied",
    "replies",
    "reply",
    "report",
    "reported",
    "reports",
    "respond",
    "responded",
    "responds",
    "retort",
    "retorted",
    "reveal",
    "revealed",
    "say",
    "saying",
    "says",
    "said",
    "scoff",
    "scoffed",
    "scream",
    "screamed",
    "shout",
    "shouted",
    "snap",
    "snapped",
    "speculate",
    "speculated",
    "state",
    "stated",
    "states",
    "stress",
    "stressed",
    "stresses",
    "suggest",
    "suggested",
    "suggests",
    "swear",
    "swore",
    "tell",
    "telling",
    "tells",
    "testified",
    "testify",
    "thunder",
    "thundered",
    "told",
    "tweet",
    "tweeted",
    "tweets",
    "urge",
    "urged",
    "urges",
    "vow",
    "vowed",
    "vows",
    "warn",
    "warned",
    "warning",
    "warns",
    "wonder",
    "wondered",
    "wonders",
    "write",
    "writes",
    "writing",
    "wrote",
    "yell",
    "yelled",
];

/// Words that, written before a name, give a rank or office rather than
/// being part of the name ("Foreign Minister", "Gen.", "Sen.").
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "assemblyman",
    "assemblywoman",
    "attorney",
    "bishop",
    "brig",
    "candidate",
    "capt",
    "captain",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "cmdr",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "councilman",
    "councilwoman",
    "cpl",
    "defence",
    "defense",
    "deputy",
    "director",
    "doctor",
    "dr",
    "democrat",
    "democratic",
    "economy",
    "emir",
    "envoy",
    "finance",
    "first",
    "foreign",
    "former",
    "gen",
    "general",
    "gov",
    "governor",
    "great",
    "interior",
    "judge",
    "justice",
    "king",
    "lady",
    "leader",
    "lt",
    "lieutenant",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "nominee",
    "pastor",
    "pope",
    "premier",
    "president",
    "presidential",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "republican",
    "rev",
    "reverend",
    "sec",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "state",
    "supreme",
    "top",
    "vice",
];

/// Personal pronouns that can stand as the subject of a speech verb.
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "him", "her", "them", "you",
];

/// Words that start a sentence or clause and so are capitalised without
/// being part of a name.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "again",
    "also",
    "although",
    "an",
    "and",
    "any",
    "as",
    "asked",
    "at",
    "because",
    "before",
    "but",
    "by",
    "despite",
    "during",
    "earlier",
    "even",
    "every",
    "for",
    "from",
    "here",
    "however",
    "if",
    "in",
    "instead",
    "its",
    "last",
    "later",
    "meanwhile",
    "more",
    "most",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "our",
    "over",
    "since",
    "so",
    "some",
    "still",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "this",
    "those",
    "though",
    "to",
    "today",
    "under",
    "until",
    "upon",
    "we",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yes",
    "yesterday",
    "yet",
    "he",
    "she",
    "it",
    "they",
    "i",
    "his",
    "her",
    "my",
    "your",
    "what",
    "how",
    "all",
    "both",
    "each",
    "many",
    "much",
    "other",
];

/// A news agency or a newspaper that a text can credit ("told AFP").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agency {
    /// The canonical short name ("AFP").
    pub canonical: &'static str,
    /// Every written form, each a sequence of words, longest first within
    /// one agency ("Agence France-Presse", "Agence France Presse", "AFP").
    pub forms: &'static [&'static [&'static str]],
    /// Whether it is a wire service (its credit can be inferred from an
    /// article's origin) rather than a paper or broadcaster.
    pub wire: bool,
}

/// Agencies and outlets the text may credit. The forms are compared word by
/// word, case-sensitively for acronyms and case-insensitively otherwise.
pub static AGENCIES: &[Agency] = &[
    Agency {
        canonical: "AFP",
        forms: &[
            &["Agence", "France-Presse"],
            &["Agence", "France", "Presse"],
            &["AFP"],
        ],
        wire: true,
    },
    Agency {
        canonical: "AP",
        forms: &[&["Associated", "Press"], &["AP"]],
        wire: true,
    },
    Agency {
        canonical: "RFI",
        forms: &[&["Radio", "France", "Internationale"], &["RFI"]],
        wire: true,
    },
    Agency {
        canonical: "Reuters",
        forms: &[&["Thomson", "Reuters"], &["Reuters"]],
        wire: true,
    },
    Agency {
        canonical: "BBC",
        forms: &[
            &["British", "Broadcasting", "Corporation"],
            &["BBC", "News"],
            &["BBC"],
        ],
        wire: false,
    },
    Agency {
        canonical: "UPI",
        forms: &[&["United", "Press", "International"], &["UPI"]],
        wire: true,
    },
    Agency {
        canonical: "Xinhua",
        forms: &[&["Xinhua"]],
        wire: true,
    },
    Agency {
        canonical: "DPA",
        forms: &[&["Deutsche", "Presse-Agentur"], &["DPA"], &["dpa"]],
        wire: true,
    },
    Agency {
        canonical: "ANSA",
        forms: &[&["ANSA"]],
        wire: true,
    },
    Agency {
        canonical: "EFE",
        forms: &[&["EFE"]],
        wire: true,
    },
    Agency {
        canonical: "Kyodo",
        forms: &[&["Kyodo"]],
        wire: true,
    },
    Agency {
        canonical: "Bloomberg",
        forms: &[&["Bloomberg", "News"], &["Bloomberg"]],
        wire: true,
    },
    Agency {
        canonical: "TASS",
        forms: &[&["TASS"], &["Tass"]],
        wire: true,
    },
    Agency {
        canonical: "Anadolu",
        forms: &[&["Anadolu", "Agency"], &["Anadolu"]],
        wire: true,
    },
    Agency {
        canonical: "PTI",
        forms: &[&["Press", "Trust", "of", "India"], &["PTI"]],
        wire: true,
    },
    Agency {
        canonical: "APS",
        forms: &[&["Algerie", "Presse", "Service"], &["APS"]],
        wire: true,
    },
    Agency {
        canonical: "ANI",
        forms: &[&["ANI"]],
        wire: true,
    },
    Agency {
        canonical: "Yonhap",
        forms: &[&["Yonhap"]],
        wire: true,
    },
    Agency {
        canonical: "Interfax",
        forms: &[&["Interfax"]],
        wire: true,
    },
    Agency {
        canonical: "The Guardian",
        forms: &[&["Guardian"]],
        wire: false,
    },
    Agency {
        canonical: "The New York Times",
        forms: &[&["New", "York", "Times"]],
        wire: false,
    },
    Agency {
        canonical: "The Washington Post",
        forms: &[&["Washington", "Post"]],
        wire: false,
    },
    Agency {
        canonical: "The Wall Street Journal",
        forms: &[&["Wall", "Street", "Journal"]],
        wire: false,
    },
    Agency {
        canonical: "Financial Times",
        forms: &[&["Financial", "Times"]],
        wire: false,
    },
    Agency {
        canonical: "The Telegraph",
        forms: &[&["Daily", "Telegraph"], &["Telegraph"]],
        wire: false,
    },
    Agency {
        canonical: "The Independent",
        forms: &[&["Independent"]],
        wire: false,
    },
    Agency {
        canonical: "The Times",
        forms: &[&["The", "Times"]],
        wire: false,
    },
    Agency {
        canonical: "Le Monde",
        forms: &[&["Le", "Monde"]],
        wire: false,
    },
    Agency {
        canonical: "Al Jazeera",
        forms: &[&["Al", "Jazeera"], &["Al-Jazeera"]],
        wire: false,
    },
    Agency {
        canonical: "CNN",
        forms: &[&["CNN"]],
        wire: false,
    },
    Agency {
        canonical: "NPR",
        forms: &[&["NPR"]],
        wire: false,
    },
    Agency {
        canonical: "Voice of America",
        forms: &[&["Voice", "of", "America"], &["VOA"]],
        wire: false,
    },
];

/// A word list looked up by hash: these lookups run for nearly every
/// capitalised word, and a linear scan of a hundred entries showed in
/// profiles.
struct WordSet {
    list: &'static [&'static str],
    set: OnceLock<HashSet<&'static [u8]>>,
}

impl WordSet {
    const fn new(list: &'static [&'static str]) -> WordSet {
        WordSet {
            list,
            set: OnceLock::new(),
        }
    }

    /// Whether `word`, ASCII-lowercased, is in the list.
    fn contains_ci(&self, word: &str) -> bool {
        if word.len() > 16 || word.is_empty() {
            return false;
        }
        let mut buf = [0u8; 16];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        self.set
            .get_or_init(|| self.list.iter().map(|w| w.as_bytes()).collect())
            .contains(&*lower)
    }
}

static SPEECH_VERB_SET: WordSet = WordSet::new(SPEECH_VERBS);
static TITLE_SET: WordSet = WordSet::new(TITLES);
static PRONOUN_SET: WordSet = WordSet::new(PRONOUNS);
static FUNCTION_WORD_SET: WordSet = WordSet::new(FUNCTION_WORDS);

/// Day names: capitalised, but they date a sentence and never name anyone.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names, except "may", which is also a verb.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

static WEEKDAY_SET: WordSet = WordSet::new(WEEKDAYS);
static MONTH_SET: WordSet = WordSet::new(MONTHS);

/// Whether `word` names a day or a month ("may" aside): capitalised words
/// that date a statement rather than name anyone.
pub fn is_calendar_word(word: &str) -> bool {
    WEEKDAY_SET.contains_ci(word) || MONTH_SET.contains_ci(word)
}

/// Whether `word` is a speech verb ("said", "told", "warns").
pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERB_SET.contains_ci(word)
}

/// Whether `word` is a title or rank written before names ("Gen.", with or
/// without its full stop).
pub fn is_title(word: &str) -> bool {
    TITLE_SET.contains_ci(word.trim_end_matches('.'))
}

/// Whether `word` is a personal pronoun.
pub fn is_pronoun(word: &str) -> bool {
    PRONOUN_SET.contains_ci(word)
}

/// Whether `word` is a function word that is capitalised only because it
/// starts a sentence.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORD_SET.contains_ci(word) || WEEKDAY_SET.contains_ci(word)
}

/// The first word of every agency form, as written.
fn agency_first_words() -> &'static HashSet<&'static str> {
    static FIRSTS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    FIRSTS.get_or_init(|| {
        AGENCIES
            .iter()
            .flat_map(|a| a.forms.iter().filter_map(|f| f.first().copied()))
            .collect()
    })
}

/// Matches an agency form at the start of `words`; returns the agency and
/// how many words the form used.
pub fn agency_at(words: &[&str]) -> Option<(&'static Agency, usize)> {
    let first = words.first()?;
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    if first.is_empty() || !first.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    // Most capitalised words start no form: rule them out with one hash
    // lookup per reading of the first word before trying every form.
    let raw = words[0];
    let lead = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    let alone = strip_possessive(raw.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let firsts = agency_first_words();
    if !firsts.contains(lead) && !firsts.contains(alone) {
        return None;
    }
    for agency in AGENCIES {
        for form in agency.forms {
            if form.len() > words.len() {
                continue;
            }
            let ok = form.iter().zip(words).enumerate().all(|(i, (f, w))| {
                let w = if i + 1 == form.len() {
                    strip_possessive(w.trim_end_matches(|c: char| !c.is_alphanumeric()))
                } else {
                    w
                };
                let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
                w == *f
            });
            if ok {
                return Some((agency, form.len()));
            }
        }
    }
    None
}

/// Finds an agency by any of its forms written as one string ("Agence
/// France-Presse", "the Associated Press", "AFP").
pub fn agency_named(name: &str) -> Option<&'static Agency> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let skip = usize::from(words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")));
    match agency_at(&words[skip.min(words.len())..]) {
        Some((a, n)) if n + skip == words.len() => Some(a),
        _ => AGENCIES
            .iter()
            .find(|a| a.canonical.eq_ignore_ascii_case(name.trim())),
    }
}

/// `Mali's` -> `Mali`; other words unchanged.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('\u{2019}'))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_verbs_ignore_case() {
        assert!(is_speech_verb("Said"));
        assert!(is_speech_verb("told"));
        assert!(!is_speech_verb("table"));
    }

    #[test]
    fn agencies_by_any_form() {
        assert_eq!(
            agency_named("Agence France-Presse").unwrap().canonical,
            "AFP"
        );
        assert_eq!(
            agency_named("the Associated Press").unwrap().canonical,
            "AP"
        );
        assert_eq!(
            agency_named("Radio France Internationale")
                .unwrap()
                .canonical,
            "RFI"
        );
        assert!(agency_named("Hamaha").is_none());
        let words = ["Reuters's", "report"];
        assert_eq!(agency_at(&words).unwrap().0.canonical, "Reuters");
    }
}
