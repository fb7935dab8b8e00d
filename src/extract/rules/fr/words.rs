//! The shapes of French attribution words, read off one token: elisions
//! ("l'AFP", "qu'il"), inversions ("a-t-il", "estime-t-elle",
//! "poursuit-il"), auxiliaries and the connectives that end a speaker's
//! noun phrase. Lists of words live in `lexicon/fr/`; what is here is
//! grammar, the same for every word.

use std::ops::Range;

use crate::extract::lexicon::Lexicon;
use crate::text::Tok;

/// The French lists.
pub fn lx() -> &'static Lexicon {
    Lexicon::of(crate::extract::lang::Lang::Fr)
}

/// A word without its elided article or pronoun: "l'AFP" -> "AFP",
/// "qu'il" -> "il", "n'avoir" -> "avoir".
pub fn unelided(w: &str) -> &str {
    if let Some(i) = w.find(['\'', '\u{2019}']) {
        let head = w[..i].to_lowercase();
        let elided = lx().phrases.elisions.contains_lower(&head);
        let rest = w[i..].chars().next().map_or("", |c| &w[i + c.len_utf8()..]);
        if elided && !rest.is_empty() {
            return rest;
        }
    }
    w
}

/// "a-t-il" -> ("a", "il"), "estime-t-elle" -> ("estime", "elle"),
/// "poursuit-il" -> ("poursuit", "il"), "ont-ils" -> ("ont", "ils"): a verb
/// inverted with its subject pronoun, as incises write it. Returns the verb
/// and the byte range of the pronoun within the token.
pub fn inverted<'a>(t: &Tok<'a>) -> Option<(&'a str, Range<usize>)> {
    let w = t.text;
    let (head, pron) = w.rsplit_once('-')?;
    let pl = pron.to_lowercase();
    if !lx().phrases.inverted_pronouns.contains_lower(&pl) {
        return None;
    }
    let verb = head.strip_suffix("-t").unwrap_or(head);
    if verb.is_empty() || verb.contains('-') {
        return None;
    }
    let start = t.range.end - pron.len();
    Some((verb, start..t.range.end))
}

/// Auxiliaries of the compound past and its neighbours ("a déclaré",
/// "avait indiqué", "aurait affirmé"), and "s'est dit" and its kin, from
/// `lexicon/fr/aux.txt`.
pub fn is_aux(w: &str) -> bool {
    lx().auxiliaries.contains(w)
}

/// Whether `w` is a speech verb in any form the lists hold.
pub fn is_speech(w: &str) -> bool {
    lx().is_speech_verb(w)
}

/// Whether an inverted token is a speech incise: "a-t-il" (then a
/// participle follows), or a speech verb itself: "estime-t-elle".
pub fn inverted_speech(toks: &[Tok<'_>], i: usize) -> Option<(usize, Range<usize>)> {
    let (verb, pron) = inverted(toks.get(i)?)?;
    if is_speech(verb) {
        return Some((i, pron));
    }
    if is_aux(verb) {
        // "a-t-il encore déclaré": the participle within three words.
        let j = participle_after(toks, i + 1)?;
        return Some((j, pron));
    }
    None
}

/// The index of a speech participle at `from` or after up to three plain
/// lower-case words ("a encore déclaré", "a pour sa part assuré", "a
/// également affirmé"): `None` if none comes first.
pub fn participle_after(toks: &[Tok<'_>], from: usize) -> Option<usize> {
    for (k, t) in toks.iter().enumerate().skip(from).take(4) {
        if !t.word {
            return None;
        }
        if is_speech(t.text) {
            return Some(k);
        }
        if t.capitalised() {
            return None;
        }
    }
    None
}

/// Words that end a speaker's noun phrase after an incise: a time, a place
/// or circumstance follows ("a déclaré M. Masson lors d'une conférence",
/// "mardi", "à Paris", "dans un communiqué"), from
/// `lexicon/fr/boundaries.txt`; or a number.
pub fn ends_phrase(t: &Tok<'_>) -> bool {
    if !t.word {
        return !(t.is('-') || t.is('\u{2019}') || t.is('\''));
    }
    let w = t.text.to_lowercase();
    lx().boundaries.contains_lower(unelided(&w)) || t.text.chars().all(|c| c.is_ascii_digit())
}

/// Whether `t` opens a credit to whom the words were said ("à l'AFP",
/// "à RFI", "au Monde", "à la presse").
pub fn is_dative(t: &Tok<'_>) -> bool {
    t.word && lx().phrases.datives.contains_lower(&t.text.to_lowercase())
}

/// Whether the words at `i` credit a source: "selon", "d'après", or
/// "pour" before a person ("Pour le ministre Dubois, …", "Pour les
/// experts, …"; not "Pour sa part," or "Pour le moment,"). Returns the
/// index of the source's first word.
pub fn is_selon(toks: &[Tok<'_>], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    let w = t.text.to_lowercase();
    if w == "selon" || w == "d'après" || w == "d\u{2019}après" {
        return Some(i + 1);
    }
    if w == "pour" {
        let end = toks[i + 1..].iter().take(8).position(|t| t.is(','))? + i + 1;
        let person = toks[i + 1..end].iter().any(|t| {
            (t.capitalised() && !lx().is_function_word(t.text))
                || lx().is_title(t.text)
                || lx().source_nouns.contains(t.text)
        });
        return person.then_some(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;

    #[test]
    fn elisions_and_inversions() {
        assert_eq!(unelided("l'AFP"), "AFP");
        assert_eq!(unelided("qu\u{2019}il"), "il");
        assert_eq!(unelided("Masson"), "Masson");
        let t = "a-t-il estime-t-elle poursuit-il ont-ils porte-parole";
        let toks = tokens(t, 0..t.len());
        let got: Vec<_> = toks
            .iter()
            .map(|k| inverted(k).map(|(v, r)| (v, &t[r])))
            .collect();
        assert_eq!(
            got,
            [
                Some(("a", "il")),
                Some(("estime", "elle")),
                Some(("poursuit", "il")),
                Some(("ont", "ils")),
                None
            ]
        );
    }
}
