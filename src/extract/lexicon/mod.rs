//! Closed word lists the extractor leans on: speech verbs, titles, pronouns,
//! function words and news agencies, per language. They are general
//! vocabulary and newsroom usage, never names taken from any one article,
//! so they carry over to unseen text.
//!
//! The lists are data: `lexicon/<lang>/<list>.txt` beside this file, one
//! entry a line, read by [`words::WordList`]; agencies and their written
//! forms are in `lexicon/agencies.txt`. To add a speech verb or a title,
//! edit the text file; to add a language, add a folder and a line to
//! [`Lexicon::of`]. Two formats, both read by [`words`]: a list holds one
//! word or phrase a line; a table (`claim_cues.txt`, `claim_particles.txt`)
//! holds `word value` pairs. The English claim rules' lists (the cue table
//! and the closed classes they skip or stop at) are in [`ClaimWords`], the
//! English quote rules' in [`QuoteWords`] (`quote_*.txt`); a language fills
//! the ones its rules read (the `english_rules` and `french_rules` arms of
//! `lexicon_of!`). Lists read for every language sit beside this file:
//! `agencies.txt`, `name_connectors.txt`, `description_ends.txt`,
//! `newsroom_roles.txt`.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::lang::Lang;

pub mod claims;
pub mod phrases;
pub mod quotes;
pub mod words;

pub use claims::ClaimWords;
pub use phrases::PhraseWords;
pub use quotes::QuoteWords;
pub use words::{WordList, WordMap};

/// The word lists of one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Verbs, in every form news prose uses, that introduce speech.
    pub speech_verbs: WordList,
    /// Ranks and offices written before names.
    pub titles: WordList,
    /// Personal pronouns that can be the subject of a speech verb.
    pub pronouns: WordList,
    /// The pronouns among them that mean one person ("he", "elle").
    pub persons: WordList,
    /// Words capitalised only because they open a sentence.
    pub function_words: WordList,
    /// Day names.
    pub weekdays: WordList,
    /// Month names.
    pub months: WordList,
    /// Nouns of times, occasions and media that never name a speaker.
    pub not_speakers: WordList,
    /// Plural nouns that stand alone as a source ("officials").
    pub source_nouns: WordList,
    /// Auxiliaries (and, in English, adverbs) between a speaker and the
    /// speech verb ("has also said", "a déclaré").
    pub auxiliaries: WordList,
    /// Words that end a speaker's phrase ("that", "because"; "lors",
    /// "mardi").
    pub boundaries: WordList,
    /// The lists of the claim rules in `extract/claims/`; empty for a
    /// language whose claim rules are its own (`rules/fr/`).
    pub claims: ClaimWords,
    /// The lists of the quote rules in `extract/cue.rs`; empty for a
    /// language whose quote rules are its own (`rules/fr/`).
    pub quotes: QuoteWords,
    /// The lists of the French incise and speaker-phrase rules
    /// (`rules/fr/`); empty for a language whose rules read none.
    pub phrases: PhraseWords,
    /// Auxiliaries, copulas, modals and wh-words: a phrase holding one is a
    /// clause ("he was the only pollster to"), never a speaker's mention.
    pub clause_words: WordList,
    /// Abbreviations whose full stop ends no sentence ("Mr.", "janv."),
    /// without the dot: the one list of the sentence splitter and the
    /// tokenizers of both the quote and the claim rules (`text.rs`).
    pub abbreviations: WordList,
}

macro_rules! lexicon_of {
    ($dir:literal) => {
        Lexicon {
            speech_verbs: WordList::parse(include_str!(concat!($dir, "/speech_verbs.txt"))),
            titles: WordList::parse(include_str!(concat!($dir, "/titles.txt"))),
            pronouns: WordList::parse(include_str!(concat!($dir, "/pronouns.txt"))),
            persons: WordList::parse(include_str!(concat!($dir, "/persons.txt"))),
            function_words: WordList::parse(include_str!(concat!($dir, "/function_words.txt"))),
            weekdays: WordList::parse(include_str!(concat!($dir, "/weekdays.txt"))),
            months: WordList::parse(include_str!(concat!($dir, "/months.txt"))),
            not_speakers: WordList::parse(include_str!(concat!($dir, "/not_speakers.txt"))),
            source_nouns: WordList::parse(include_str!(concat!($dir, "/source_nouns.txt"))),
            auxiliaries: WordList::parse(include_str!(concat!($dir, "/aux.txt"))),
            boundaries: WordList::parse(include_str!(concat!($dir, "/boundaries.txt"))),
            claims: ClaimWords::default(),
            quotes: QuoteWords::default(),
            phrases: PhraseWords::default(),
            clause_words: WordList::parse(include_str!(concat!($dir, "/clause_words.txt"))),
            abbreviations: WordList::parse(include_str!(concat!($dir, "/abbreviations.txt"))),
        }
    };
    ($dir:literal, french_rules) => {
        Lexicon {
            claims: ClaimWords {
                infinitive_openers: list!($dir, "/infinitive_openers.txt"),
                ..ClaimWords::default()
            },
            phrases: PhraseWords {
                elisions: list!($dir, "/elisions.txt"),
                inverted_pronouns: list!($dir, "/inverted_pronouns.txt"),
                datives: list!($dir, "/datives.txt"),
                name_particles: list!($dir, "/name_particles.txt"),
                determiners: list!($dir, "/determiners.txt"),
            },
            ..lexicon_of!($dir)
        }
    };
    ($dir:literal, english_rules) => {
        Lexicon {
            claims: ClaimWords {
                cues: ClaimWords::cue_table(
                    include_str!(concat!($dir, "/claim_cues.txt")),
                    include_str!(concat!($dir, "/claim_particles.txt")),
                    include_str!(concat!($dir, "/claim_nouns.txt")),
                    include_str!(concat!($dir, "/claim_participles.txt")),
                ),
                subject_pronouns: list!($dir, "/subject_pronouns.txt"),
                quantities: list!($dir, "/quantities.txt"),
                determiners: list!($dir, "/determiners.txt"),
                articles: list!($dir, "/articles.txt"),
                np_prepositions: list!($dir, "/np_prepositions.txt"),
                time_words: list!($dir, "/time_words.txt"),
                adjunct_starts: list!($dir, "/adjunct_starts.txt"),
                listeners: list!($dir, "/listeners.txt"),
                evidence_nouns: list!($dir, "/evidence_nouns.txt"),
                hedges: list!($dir, "/hedges.txt"),
                question_openers: list!($dir, "/question_openers.txt"),
                speech_nouns: list!($dir, "/speech_nouns.txt"),
                refusals: list!($dir, "/refusals.txt"),
                noun_prepositions: list!($dir, "/noun_prepositions.txt"),
                lead_connectives: list!($dir, "/lead_connectives.txt"),
                lead_openers: list!($dir, "/lead_openers.txt"),
                headline_labels: list!($dir, "/headline_labels.txt"),
                infinitive_openers: WordList::default(),
            },
            quotes: QuoteWords {
                speaker_ends: list!($dir, "/quote_speaker_ends.txt"),
                clause_starts: list!($dir, "/quote_clause_starts.txt"),
                aux: list!($dir, "/quote_aux.txt"),
                determiners: list!($dir, "/quote_determiners.txt"),
                noun_determiners: list!($dir, "/quote_noun_determiners.txt"),
                openers: list!($dir, "/quote_openers.txt"),
                roles: list!($dir, "/quote_roles.txt"),
                leads: list!($dir, "/quote_leads.txt"),
                time_ends: list!($dir, "/quote_time_ends.txt"),
                not_subjects: list!($dir, "/quote_not_subjects.txt"),
                circumstance_starts: list!($dir, "/quote_circumstance_starts.txt"),
                particle_verbs: WordMap::from_entries(words::pairs(include_str!(concat!(
                    $dir,
                    "/quote_particle_verbs.txt"
                )))),
            },
            ..lexicon_of!($dir)
        }
    };
}

macro_rules! list {
    ($dir:literal, $file:literal) => {
        WordList::parse(include_str!(concat!($dir, $file)))
    };
}

impl Lexicon {
    /// The lists of `lang`; a language without lists gets empty ones, so
    /// no rule of another language fires on its text.
    pub fn of(lang: Lang) -> &'static Lexicon {
        static EN: OnceLock<Lexicon> = OnceLock::new();
        static FR: OnceLock<Lexicon> = OnceLock::new();
        static NONE: OnceLock<Lexicon> = OnceLock::new();
        match lang {
            Lang::En => EN.get_or_init(|| lexicon_of!("en", english_rules)),
            Lang::Fr => FR.get_or_init(|| lexicon_of!("fr", french_rules)),
            Lang::Other(_) => NONE.get_or_init(Lexicon::default),
        }
    }

    /// Whether `word` is a speech verb.
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
    }

    /// Whether `word` (with or without its full stop) is a title.
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word.trim_end_matches('.'))
    }

    /// Whether `word` is a personal pronoun.
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.pronouns.contains(word)
    }

    /// Whether `word` is capitalised only because it opens a sentence (a
    /// function word or a day name).
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word) || self.weekdays.contains(word)
    }

    /// Whether `word` names a day or a month.
    pub fn is_calendar_word(&self, word: &str) -> bool {
        self.weekdays.contains(word) || self.months.contains(word)
    }
}

fn en() -> &'static Lexicon {
    Lexicon::of(Lang::En)
}

/// A news agency or a newspaper that a text can credit ("told AFP").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// The canonical short name ("AFP").
    pub canonical: &'static str,
    /// Every written form, each a sequence of words, longest first within
    /// one agency ("Agence France-Presse", "Agence France Presse", "AFP").
    pub forms: Vec<Vec<&'static str>>,
    /// Whether it is a wire service (its credit can be inferred from an
    /// article's origin) rather than a paper or broadcaster.
    pub wire: bool,
}

/// Agencies and outlets the text may credit, read from
/// `lexicon/agencies.txt`. The forms are compared word by word, exactly as
/// written.
pub fn agencies() -> &'static [Agency] {
    static AGENCIES: OnceLock<Vec<Agency>> = OnceLock::new();
    AGENCIES.get_or_init(|| parse_agencies(include_str!("agencies.txt")))
}

/// Parses `canonical | wire-or-outlet | form | form…` lines; a line of
/// another shape is a mistake in the data, caught by the tests.
fn parse_agencies(data: &'static str) -> Vec<Agency> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('|').map(str::trim);
            let canonical = parts.next()?;
            let wire = parts.next()? == "wire";
            let forms = parts.map(|f| f.split_whitespace().collect()).collect();
            Some(Agency {
                canonical,
                forms,
                wire,
            })
        })
        .collect()
}

/// Whether `word` names a day or a month ("may" aside): capitalised words
/// that date a statement rather than name anyone.
pub fn is_calendar_word(word: &str) -> bool {
    en().is_calendar_word(word)
}

/// Whether `word` is a speech verb ("said", "told", "warns").
pub fn is_speech_verb(word: &str) -> bool {
    en().is_speech_verb(word)
}

/// Whether `word` is a title or rank written before names ("Gen.", with or
/// without its full stop).
pub fn is_title(word: &str) -> bool {
    en().is_title(word)
}

/// Whether `word` is a personal pronoun.
pub fn is_pronoun(word: &str) -> bool {
    en().is_pronoun(word)
}

/// Whether `word` is a function word that is capitalised only because it
/// starts a sentence.
pub fn is_function_word(word: &str) -> bool {
    en().is_function_word(word)
}

/// The first word of every agency form, as written.
fn agency_first_words() -> &'static HashSet<&'static str> {
    static FIRSTS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    FIRSTS.get_or_init(|| {
        agencies()
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
    for agency in agencies() {
        for form in &agency.forms {
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
        _ => agencies()
            .iter()
            .find(|a| a.canonical.eq_ignore_ascii_case(name.trim())),
    }
}

/// Words a name may hold between its capitalised words ("Movement for
/// Azawad"), from `lexicon/name_connectors.txt`: name particles of many
/// languages, so one list serves every text.
pub fn name_connectors() -> &'static WordList {
    static LIST: OnceLock<WordList> = OnceLock::new();
    LIST.get_or_init(|| WordList::parse(include_str!("name_connectors.txt")))
}

/// Words after an agency's name in a byline that give the writer's role
/// ("Associated Press Writer"), from `lexicon/newsroom_roles.txt`.
pub fn newsroom_roles() -> &'static WordList {
    static LIST: OnceLock<WordList> = OnceLock::new();
    LIST.get_or_init(|| WordList::parse(include_str!("newsroom_roles.txt")))
}

/// Words that end the core of a speaker's description ("reports from
/// Timbuktu"), from `lexicon/description_ends.txt`; read for every text.
pub fn description_ends() -> &'static WordList {
    static LIST: OnceLock<WordList> = OnceLock::new();
    LIST.get_or_init(|| WordList::parse(include_str!("description_ends.txt")))
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
    fn every_list_is_lower_case_and_every_agency_line_is_whole() {
        for lang in [Lang::En, Lang::Fr] {
            let lx = Lexicon::of(lang);
            for list in [
                &lx.speech_verbs,
                &lx.titles,
                &lx.pronouns,
                &lx.persons,
                &lx.function_words,
                &lx.weekdays,
                &lx.months,
                &lx.not_speakers,
                &lx.source_nouns,
                &lx.auxiliaries,
                &lx.boundaries,
                &lx.clause_words,
            ] {
                assert!(!list.is_empty(), "{lang:?}: an empty list");
                for w in list.words() {
                    assert_eq!(w, w.to_lowercase(), "{lang:?}: {w} is not lower case");
                }
            }
        }
        let lines = include_str!("agencies.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(agencies().len(), lines);
        for a in agencies() {
            assert!(!a.forms.is_empty(), "{} has no forms", a.canonical);
        }
    }

    /// Every list file of every language: entries lower case, none twice,
    /// tables two fields a line with known values.
    #[test]
    fn every_list_file_parses_lower_case_without_duplicates() {
        let files: Vec<_> = crate::extract::version::SOURCES
            .iter()
            .filter(|(p, _)| p.starts_with("lexicon/") && p.ends_with(".txt"))
            .filter(|(p, _)| p.matches('/').count() == 2 || !p.ends_with("agencies.txt"))
            .collect();
        assert!(files.len() >= 40, "the lexicon files are hashed and listed");
        for (path, data) in files {
            let mut seen = HashSet::new();
            for l in words::entries(data) {
                let norm = l.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(norm, norm.to_lowercase(), "{path}: {l:?} is not lower case");
                assert!(seen.insert(norm), "{path}: {l:?} is listed twice");
            }
            assert!(!seen.is_empty(), "{path} is empty");
            if path.ends_with("/claim_cues.txt") || path.ends_with("/claim_particles.txt") {
                assert_eq!(words::pairs(data).count(), seen.len(), "{path}");
            }
        }
        let claims = &Lexicon::of(Lang::En).claims;
        for list in [
            &claims.subject_pronouns,
            &claims.quantities,
            &claims.determiners,
            &claims.articles,
            &claims.np_prepositions,
            &claims.time_words,
            &claims.adjunct_starts,
            &claims.listeners,
            &claims.evidence_nouns,
            &claims.headline_labels,
            &claims.hedges,
            &claims.question_openers,
            &claims.speech_nouns,
            &claims.refusals,
            &claims.noun_prepositions,
            &claims.lead_connectives,
            &claims.lead_openers,
            &Lexicon::of(Lang::Fr).claims.infinitive_openers,
            &Lexicon::of(Lang::Fr).phrases.elisions,
            &Lexicon::of(Lang::Fr).phrases.inverted_pronouns,
            &Lexicon::of(Lang::Fr).phrases.datives,
            &Lexicon::of(Lang::Fr).phrases.name_particles,
            &Lexicon::of(Lang::Fr).phrases.determiners,
        ] {
            assert!(!list.is_empty());
        }
        // Every cue participle is a cue: one that is not would do nothing.
        let participles = include_str!("en/claim_participles.txt");
        for w in words::entries(participles) {
            assert!(claims.cues.get(w).is_some_and(|e| e.cue.participle), "{w}");
        }
        assert!(Lexicon::of(Lang::Fr).claims.cues.is_empty());
        for lang in [Lang::En, Lang::Fr] {
            let list = &Lexicon::of(lang).abbreviations;
            assert!(!list.is_empty());
            assert!(
                list.words()
                    .all(|w| w.len() <= crate::text::MAX_ABBREVIATION),
                "longer is never looked up"
            );
        }
        let quotes = &Lexicon::of(Lang::En).quotes;
        for list in [
            &quotes.speaker_ends,
            &quotes.clause_starts,
            &quotes.aux,
            &quotes.determiners,
            &quotes.noun_determiners,
            &quotes.openers,
            &quotes.roles,
            &quotes.leads,
            &quotes.time_ends,
        ] {
            assert!(!list.is_empty());
            assert!(list.words().all(|w| w.is_ascii()), "quote lists are ASCII");
        }
    }

    #[test]
    fn french_credits_name_their_agencies() {
        assert_eq!(agency_named("Keystone-ATS").unwrap().canonical, "ATS");
        assert_eq!(
            agency_named("La Presse Canadienne").unwrap().canonical,
            "La Presse Canadienne"
        );
        assert_eq!(agency_named("Belga").unwrap().canonical, "Belga");
    }

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
