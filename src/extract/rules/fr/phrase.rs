//! The two noun phrases French attribution names a speaker with: the one
//! after an incise verb ("a déclaré le ministre de l'Energie, Paul
//! Dubois") and the subject before the verb ("Le porte-parole du
//! collectif, Jean Okafor, a estimé que"). Both return the mention as
//! a byte range of the body: an apposition's name when there is one, else
//! the phrase as written.

use std::ops::Range;

use super::words::{
    ends_phrase, inverted_speech, is_aux, is_dative, is_speech, lx, participle_after,
};
use crate::text::Tok;

/// At most this many words make a speaker's phrase.
const MAX_WORDS: usize = 12;

/// An incise at token `i`: a speech verb with its speaker, as in
/// "a-t-il déclaré", "a déclaré M. Masson à l'AFP", "explique le
/// ministre", "selon lui". Returns the mention and the index one past the
/// incise's last token.
pub fn incise_at(toks: &[Tok<'_>], i: usize) -> Option<(Range<usize>, usize)> {
    let t = toks.get(i)?;
    if let Some((verb, pron)) = inverted_speech(toks, i) {
        // "a-t-il déclaré à l'AFP": the credit stays in the incise.
        return Some((pron, skip_dative(toks, verb + 1)));
    }
    if !t.word {
        return None;
    }
    let lower = t.text.to_lowercase();
    if lower == "selon" || lower == "d'après" || lower == "d\u{2019}après" {
        return after_verb(toks, i + 1);
    }
    if is_aux(t.text) {
        let j = participle_after(toks, i + 1)?;
        return after_verb(toks, j + 1);
    }
    if is_speech(t.text) && !t.capitalised() {
        return after_verb(toks, i + 1);
    }
    None
}

/// The speaker after an incise verb, past a credit ("à l'AFP"), a day
/// ("a annoncé vendredi le ministère") and a word set off by commas ("a
/// commenté, laconique, un enseignant").
fn after_verb(toks: &[Tok<'_>], i: usize) -> Option<(Range<usize>, usize)> {
    let mut i = skip_dative(toks, i);
    loop {
        match toks.get(i) {
            Some(t) if t.word && (lx().is_calendar_word(t.text) || is_day_word(t.text)) => i += 1,
            Some(t) if t.is(',') && toks.get(i + 2).is_some_and(|c| c.is(',')) => i += 3,
            _ => break,
        }
    }
    let (mention, end) = phrase_after(toks, i)?;
    Some((mention, skip_dative(toks, end)))
}

/// Words that date an incise without naming anyone ("hier", "soir").
fn is_day_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "hier" | "soir" | "matin" | "aujourd'hui" | "dimanche"
    )
}

/// Skips "à l'AFP", "à la presse", "au Monde".
fn skip_dative(toks: &[Tok<'_>], i: usize) -> usize {
    match toks.get(i) {
        Some(t) if is_dative(t) => {
            let mut j = i + 1;
            if toks
                .get(j)
                .is_some_and(|t| matches!(t.text.to_lowercase().as_str(), "la" | "les"))
            {
                j += 1;
            }
            if toks.get(j).is_some_and(|t| t.word) {
                j + 1
            } else {
                i
            }
        }
        _ => i,
    }
}

/// The noun phrase starting at `i`, up to a circumstance ("lors de",
/// "mardi", "à Kendora") or the end of the clause; an apposition after a
/// comma ("le porte-parole, Jean Okafor") gives the name.
fn phrase_after(toks: &[Tok<'_>], i: usize) -> Option<(Range<usize>, usize)> {
    let first = toks.get(i)?;
    if !first.word {
        return None;
    }
    if lx().is_pronoun(first.text) {
        return Some((first.range.clone(), i + 1));
    }
    if !(first.capitalised() || lx().is_function_word(first.text) || lx().is_title(first.text)) {
        return None;
    }
    let mut j = i;
    while j < toks.len() && j - i < MAX_WORDS {
        let t = &toks[j];
        if t.is(',') {
            // An apposition: a capitalised name after the comma.
            if let Some((name, end)) = name_at(toks, j + 1) {
                return Some((name, end));
            }
            break;
        }
        if j > i && ends_phrase(t) {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    let phrase = &toks[i..j];
    // A phrase of function words alone ("le") names no one.
    if phrase.iter().all(|t| lx().is_function_word(t.text)) {
        return None;
    }
    Some((phrase[0].range.start..phrase[phrase.len() - 1].range.end, j))
}

/// A run of capitalised words at `i` ("Jean Okafor", "Marie-Anne de La
/// Tour"), with lower-case particles between capitals.
pub fn name_at(toks: &[Tok<'_>], i: usize) -> Option<(Range<usize>, usize)> {
    let first = toks.get(i)?;
    if !first.capitalised() || lx().is_function_word(first.text) {
        return None;
    }
    let mut j = i;
    let mut last = i;
    while let Some(t) = toks.get(j) {
        if t.capitalised() {
            last = j;
        } else if !(t.word && lx().phrases.name_particles.contains_lower(t.text)) {
            break;
        }
        j += 1;
    }
    Some((first.range.start..toks[last].range.end, last + 1))
}

/// The subject of a verb whose auxiliary (or itself) is at `verb`, read
/// back to the clause's start within `toks[..verb]`: "Le ministre a
/// déclaré" -> "Le ministre"; "Mardi, le ministre a déclaré" -> "le
/// ministre"; "Le porte-parole, Jean Okafor, a dit" -> "Jean Okafor".
pub fn subject_before(toks: &[Tok<'_>], from: usize, verb: usize) -> Option<Range<usize>> {
    if verb <= from {
        return None;
    }
    let clause = &toks[from..verb];
    // Segments between commas; an empty last segment means the subject
    // ended in an apposition ("X, Y, a dit").
    let segs: Vec<&[Tok<'_>]> = clause.split(|t| t.is(',')).collect();
    let (seg, apposition) = match segs.as_slice() {
        [.., prev, []] => (*prev, true),
        [.., last] => (*last, false),
        [] => return None,
    };
    let mut seg = seg;
    // "Mais", "Et", "Puis" open the clause, not the phrase.
    while let Some((t, rest)) = seg.split_first() {
        let w = t.text.to_lowercase();
        if t.word
            && lx().is_function_word(&w)
            && !lx().phrases.determiners.contains_lower(&w)
            && !lx().is_pronoun(&w)
            && !w.starts_with("l'")
            && !w.starts_with("l\u{2019}")
        {
            seg = rest;
        } else {
            break;
        }
    }
    let (first, last) = (seg.first()?, seg.last()?);
    if seg.len() > MAX_WORDS || !first.word || seg.iter().any(|t| t.is('\u{AB}') || t.is('"')) {
        return None;
    }
    if !(first.capitalised() || lx().is_pronoun(first.text) || lx().is_function_word(first.text)) {
        return None;
    }
    if apposition
        && let Some((name, end)) = name_at(seg, 0)
        && end == seg.len()
    {
        return Some(name);
    }
    Some(first.range.start..last.range.end)
}

/// The speech verb of a clause in `toks[from..to]`: (index of its auxiliary
/// or of the verb itself, index of the participle or verb). Present verbs
/// count from the second word on ("Paul estime que"), so a capitalised
/// first word is never taken for one.
pub fn speech_verb(toks: &[Tok<'_>], from: usize, to: usize) -> Option<(usize, usize)> {
    let mut k = from;
    while k < to {
        let t = &toks[k];
        if t.word && is_aux(t.text) && k > from {
            if let Some(j) = participle_after(toks, k + 1).filter(|&j| j < to) {
                return Some((k, j));
            }
        } else if t.word && k > from && !t.capitalised() && is_speech(t.text) {
            return Some((k, k));
        }
        k += 1;
    }
    None
}
