//! The language an article is written in, which picks the rules and word
//! lists extraction runs (see [`super::rules`]).
//!
//! Where the input says (a page's `lang`, a sidecar or JSONL `lang`,
//! `--lang`), that wins; otherwise the language is detected from the text
//! with whatlang. Detection reads only the start of the body: a few
//! hundred words settle it, and extraction must stay linear and fast.

use std::fmt;

/// A language, by the rules quotetrail has for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English: the full rule set.
    En,
    /// French: the full rule set.
    Fr,
    /// Any other language, by its ISO 639-1 code where it has one (else
    /// ISO 639-3): quotes are found by their marks and left unattributed,
    /// so no rule written for another language guesses a speaker.
    Other(&'static str),
}

/// How many bytes of the body detection reads: about 150 words, enough to
/// tell news languages apart, and cheap (detection cost grows with the
/// sample; 4 KB cost a third of extraction time).
const SAMPLE: usize = 1024;

/// Fewer words than this are not detected.
const MIN_WORDS: usize = 12;

impl Lang {
    /// The language a code names: ISO 639-1 or 639-3, any case, with or
    /// without a region ("fr-CA", "FRA", "en_GB"). `None` for an empty or
    /// unknown code.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" | "eng" => Some(Lang::En),
            "fr" | "fra" | "fre" => Some(Lang::Fr),
            "" => None,
            other => {
                let wl = whatlang::Lang::from_code(other).or_else(|| {
                    whatlang::Lang::all()
                        .iter()
                        .copied()
                        .find(|l| short_code(*l) == Some(other))
                })?;
                Some(Lang::of(wl))
            }
        }
    }

    /// Detects the language of `body` from its first few thousand bytes;
    /// `None` when the text is too short or mixed to tell.
    pub fn detect(body: &str) -> Option<Lang> {
        let mut end = body.len().min(SAMPLE);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &body[..end];
        // A few words can't tell a language apart reliably: leave short
        // texts to the default rather than guess.
        let words = sample.split_whitespace().count();
        if words < MIN_WORDS {
            return None;
        }
        // Most news quotetrail reads is English, and whatlang costs about
        // as much as the rest of extraction: text that is plainly English
        // by its commonest words is taken as English without it.
        if plainly_english(sample, words) {
            return Some(Lang::En);
        }
        let info = whatlang::detect(sample)?;
        (info.is_reliable() || info.confidence() >= 0.5).then(|| Lang::of(info.lang()))
    }

    fn of(l: whatlang::Lang) -> Lang {
        match l {
            whatlang::Lang::Eng => Lang::En,
            whatlang::Lang::Fra => Lang::Fr,
            other => Lang::Other(short_code(other).unwrap_or(other.code())),
        }
    }
}

/// English's commonest words that no other Latin-script language writes
/// as words ("is", "of", "was" are Dutch or German too): one word in ten of
/// a sample being one of them settles it. Running English news has about
/// one in seven.
const ENGLISH_MARKERS: &[&str] = &["the", "and", "to", "that", "with", "said", "for"];

/// Whether a sample of `words` words is English by its commonest words.
fn plainly_english(sample: &str, words: usize) -> bool {
    let hits = sample
        .split_whitespace()
        .filter(|w| w.len() <= 4 && ENGLISH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(w)))
        .count();
    hits * 10 >= words
}

impl Lang {
    /// The code shown and stored: "en", "fr", "de"…
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Other(c) => c,
        }
    }

    /// The languages quotetrail has attribution rules for: only their
    /// statements carry speakers.
    pub const WITH_RULES: [Lang; 2] = [Lang::En, Lang::Fr];

    /// Whether quotetrail has attribution rules for this language.
    pub fn has_rules(self) -> bool {
        !matches!(self, Lang::Other(_))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// ISO 639-1 codes for the languages news most often comes in; others keep
/// whatlang's ISO 639-3 code.
fn short_code(l: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang as W;
    Some(match l {
        W::Eng => "en",
        W::Fra => "fr",
        W::Deu => "de",
        W::Spa => "es",
        W::Ita => "it",
        W::Por => "pt",
        W::Nld => "nl",
        W::Rus => "ru",
        W::Ara => "ar",
        W::Tur => "tr",
        W::Pol => "pl",
        W::Ukr => "uk",
        W::Cmn => "zh",
        W::Jpn => "ja",
        W::Kor => "ko",
        W::Hin => "hi",
        W::Swe => "sv",
        W::Dan => "da",
        W::Nob => "no",
        W::Fin => "fi",
        W::Ell => "el",
        W::Heb => "he",
        W::Pes => "fa",
        W::Ind => "id",
        W::Vie => "vi",
        W::Ces => "cs",
        W::Ron => "ro",
        W::Hun => "hu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_any_form() {
        assert_eq!(Lang::from_code("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("ENG"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), Some(Lang::Other("de")));
        assert_eq!(Lang::from_code("deu"), Some(Lang::Other("de")));
        assert_eq!(Lang::from_code(""), None);
        assert_eq!(Lang::from_code("zz"), None);
    }

    #[test]
    fn detects_french_and_english() {
        let fr = "Le ministre a déclaré mardi que les travaux avanceraient plus vite \
                  que prévu, malgré les fissures découvertes dans le barrage en avril.";
        let en = "The minister said on Tuesday that the work would move faster than \
                  planned, despite the cracks found in the dam in April.";
        assert_eq!(Lang::detect(fr), Some(Lang::Fr));
        assert_eq!(Lang::detect(en), Some(Lang::En));
        let de = "Der Minister sagte am Dienstag, die Arbeiten würden schneller \
                  vorankommen als geplant, trotz der Risse im Damm.";
        assert_eq!(Lang::detect(de), Some(Lang::Other("de")));
        // English quoted inside a French article leaves it French.
        let mixed = "Le ministre a cité le slogan « the people and the land » devant la \
                     foule, avant de quitter la salle sous les applaudissements des militants. \
                     Les négociations reprendront jeudi à Genève, selon un communiqué publié \
                     mardi soir par le gouvernement, qui promet une réponse rapide aux \
                     syndicats et aux associations de riverains inquiets pour leur avenir.";
        assert_eq!(Lang::detect(mixed), Some(Lang::Fr));
    }
}
