//! Attribution cues: "X said", "said X", "X told Y", "according to X".
//!
//! A cue is looked for in a short region of the text next to a statement:
//! what follows a closing quotation mark up to the end of the sentence, or
//! what precedes an opening one back to the start of the sentence. The
//! region is cut into words and read with the speech-verb lexicon; no
//! parsing, so the work is linear in the region's length.

use std::ops::Range;

use super::lang::Lang;
use super::lexicon::{
    Lexicon, QuoteWords, WordList, is_function_word, is_pronoun, is_speech_verb, is_title,
};
use crate::text::{Doc, Tok, tokens};

/// An attribution found next to a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The speaker as printed ("Oumar Ould Hamaha", "a US official", "he").
    pub mention: Range<usize>,
    /// The whole attribution, searched later for wire credits.
    pub span: Range<usize>,
}

/// Longest subject a cue will take, in words.
const MAX_SUBJECT: usize = 12;

/// The quote rules' lists (`lexicon/en/quote_*.txt`).
pub(super) fn q() -> &'static QuoteWords {
    &Lexicon::of(Lang::En).quotes
}

/// Whether `w` is in `list`, ignoring ASCII case.
pub(super) fn in_list(list: &WordList, w: &str) -> bool {
    list.contains_ascii(w)
}

fn is_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && w.starts_with(|c: char| c.is_lowercase())
}

/// Whether a token ends a sentence.
fn ends_sentence(t: &Tok<'_>) -> bool {
    !t.word && (t.text == "." || t.text == "!" || t.text == "?")
}

/// Whether a token can begin a subject: a capitalised word, a pronoun or a
/// determiner.
fn subject_start(t: &Tok<'_>) -> bool {
    t.word && (t.capitalised() || is_pronoun(t.text) || in_list(&q().determiners, t.text))
}

/// Whether the word at `k` is a speech verb. A capitalised one counts only
/// in a headline-style run of capitalised words ("Lee Says …"): after a
/// lower-case word it is part of a name ("the United States").
fn verb_at(toks: &[Tok<'_>], k: usize) -> bool {
    let t = &toks[k];
    if t.word
        && q()
            .particle_verbs
            .get(t.text)
            .is_some_and(|p| toks.get(k + 1).is_some_and(|n| n.text == *p))
    {
        // "As Lee put it, …", "“…,” Park shot back".
        return true;
    }
    if !t.word || !is_speech_verb(t.text) {
        return false;
    }
    // After a determiner or a possessive the word is a noun ("a call",
    // "Lee's charge").
    if let Some(p) = k.checked_sub(1).map(|p| &toks[p]) {
        let noun = p.word
            && (in_list(&q().noun_determiners, p.text)
                || p.text.ends_with("'s")
                || p.text.ends_with("\u{2019}s"));
        if noun {
            return false;
        }
    }
    if !t.capitalised() {
        return true;
    }
    // A capitalised run after a lower-case determiner is a name ("the
    // Islamic State", "the United States").
    let run = toks[..k]
        .iter()
        .rposition(|w| !(w.word && w.capitalised()))
        .map_or(0, |p| p + 1);
    let named = run
        .checked_sub(1)
        .is_some_and(|p| !toks[p].capitalised() && in_list(&q().noun_determiners, toks[p].text));
    !named
        && !toks[..k]
            .iter()
            .any(|w| w.word && !w.capitalised() && !is_function_word(w.text))
}

/// Whether `np` can be a speaker phrase: it opens like a subject, or with a
/// few lower-case modifiers in front of a name ("former governor Ann Lee",
/// "screenwriter Jo Park", "retired Army Gen. Carl Hamm"), which news style
/// writes without a determiner.
fn speaker_phrase(np: &[Tok<'_>]) -> bool {
    let Some(first) = np.first() else {
        return false;
    };
    if subject_start(first) {
        return true;
    }
    if !first.word || is_function_word(first.text) || is_speech_verb(first.text) {
        return false;
    }
    let lead = np.iter().take_while(|t| t.word && !t.capitalised()).count();
    lead <= 3
        && np
            .get(lead)
            .is_some_and(|t| t.capitalised() && !is_function_word(t.text))
}

/// A cue in the text right after a quote: `, said X` / `, X said` /
/// `, according to X`. `region` runs from the closing mark to the next
/// quote or the paragraph's end.
///
/// `closed` says the quote ended its sentence, so the region is a new
/// sentence: it attributes the quote only when it opens with the cue and
/// ends before any other quote ("“…” Lee said."); "Lee added: “…”" and "He
/// touted his wins, which he described …" are about other words.
pub fn after(text: &str, region: Range<usize>, closed: bool) -> Option<Cue> {
    let toks = tokens(text, region);
    let toks = until_sentence_end(&toks, true);
    let span = span_of(toks);
    if closed && toks.first().is_some_and(Tok::capitalised) {
        if !toks.last().is_some_and(ends_sentence) {
            return None;
        }
        let cue = after_in(toks, &span).filter(|c| c.mention.start == toks[0].range.start)?;
        // "Lee said in an interview." ends there; "He said he would …"
        // reports new words.
        let verb = toks
            .iter()
            .position(|t| t.range.start >= cue.mention.end)
            .and_then(|from| (from..toks.len()).find(|&k| verb_at(toks, k)));
        if let Some(v) = verb {
            // A clause after the verb reports new words ("Lee said the
            // plan would fail"); a long phrase of place, time and listener
            // does not ("McDonough wrote in a September 2012 email to
            // top State Department officials").
            let clause_words = &Lexicon::of(Lang::En).clause_words;
            // A clause of circumstance after the cue ("… when asked how
            // ties would fare", "… as a worker walks in") is not what the
            // verb reports: the look stops at its conjunction.
            let tail: Vec<&Tok<'_>> = toks[v + 1..]
                .iter()
                .filter(|t| t.word)
                .take_while(|t| !in_list(&q().circumstance_starts, t.text))
                .collect();
            let reports = tail.len() > 20
                || tail.iter().any(|t| {
                    t.text == "that"
                        || is_speech_verb(t.text)
                        || (!t.capitalised() && clause_words.contains(t.text))
                        || matches!(
                            t.text.to_ascii_lowercase().as_str(),
                            "he" | "she" | "they" | "i" | "we" | "it"
                        )
                });
            if reports {
                return None;
            }
        }
        return Some(cue);
    }
    after_in(toks, &span).or_else(|| {
        // "“…” in the 2008 primary, said X": a short phrase that goes with
        // the quote may stand before the cue, up to a comma.
        let w = toks.iter().position(|t| t.word)?;
        let c = toks[w..].iter().take(MAX_SUBJECT).position(|t| t.is(','))?;
        after_in(&toks[w + c..], &span)
    })
}

/// [`after`] on the tokens of one sentence part; `span` is the whole
/// attribution.
fn after_in(toks: &[Tok<'_>], span: &Range<usize>) -> Option<Cue> {
    let mut i = 0;
    while i < toks.len() && !toks[i].word {
        // Leading commas and dashes belong to the quote's punctuation.
        if !matches!(toks[i].text, "," | "\u{2014}" | "\u{2013}" | "-") {
            return None;
        }
        i += 1;
    }
    let mut rest = &toks[i..];
    // "“…,” as a Homeland Security memo put it": the "as" leads the cue.
    if rest
        .first()
        .is_some_and(|t| t.text.eq_ignore_ascii_case("as"))
        && rest.len() > 2
    {
        rest = &rest[1..];
    }
    let first = rest.first()?;
    if first.text.eq_ignore_ascii_case("according") && rest.get(1).is_some_and(|t| t.text == "to") {
        return object_after(rest, 2, span.clone());
    }
    // A capitalised word there is a name, even one spelled like a verb
    // ("“…,” State spokesman Jo Lee said").
    if is_speech_verb(first.text) && !first.capitalised() && !first.text.ends_with("ing") {
        return object_after(rest, 1, span.clone());
    }
    // "X said", with X at most MAX_SUBJECT words and perhaps an apposition.
    let limit = rest.len().min(MAX_SUBJECT + 8);
    let v = (1..limit).find(|&k| verb_at(rest, k))?;
    if !speaker_phrase(&rest[..v]) {
        return None;
    }
    if rest[..v]
        .iter()
        .any(|t| !t.word && !matches!(t.text, "," | "'" | "\u{2019}" | "(" | ")" | "-"))
    {
        return None;
    }
    let mention = subject_before(&rest[..v])?;
    Some(Cue {
        mention,
        span: span.clone(),
    })
}

/// A cue in the text right before a quote: `X said: "…"`, `X said that "…"`,
/// `X called it "…"`, `According to X, "…"`. `region` runs from the
/// previous quote (or the paragraph start) to the opening mark.
pub fn before(text: &str, region: Range<usize>) -> Option<Cue> {
    let toks = tokens(text, region);
    // Only the last sentence of the region counts.
    let from = toks.iter().rposition(ends_sentence).map_or(0, |k| k + 1);
    let toks = &toks[from..];
    if toks.is_empty() {
        return None;
    }
    // "According to X, …"
    if let Some(a) = toks
        .iter()
        .position(|t| t.text.eq_ignore_ascii_case("according"))
        .filter(|&a| toks.get(a + 1).is_some_and(|t| t.text == "to"))
    {
        if let Some(c) = object_after(toks, a + 2, span_of(toks)) {
            return Some(c);
        }
    }
    let mut v = (0..toks.len()).rev().find(|&k| verb_at(toks, k))?;
    // "Lee said on Friday that Park once described the deal as “…”": the
    // quote is what the outer speaker reports, so the outer cue decides.
    // Not when the outer cue sits in a clause of its own ("When Lee noted
    // that …, Park boasted, “…”").
    // Only words before the first such clause start are looked at, so the
    // search stays linear in the region.
    let main_clause = toks[..v]
        .iter()
        .position(|t| t.word && t.text != "that" && in_list(&q().clause_starts, t.text))
        .unwrap_or(v);
    if let Some(outer) = (0..main_clause).find(|&k| {
        verb_at(toks, k)
            && !toks[k].text.ends_with("ing")
            && toks[k + 1..v].iter().take(12).any(|t| t.text == "that")
    }) {
        v = outer;
    }
    let verb = &toks[v];
    let clause = &toks[..v];
    if verb.text.ends_with("ing") {
        // "…, saying it could …": the subject is the clause's first name,
        // after a dateline's dash ("WASHINGTON (AP) — Lee …, saying").
        let start = clause
            .iter()
            .rposition(|t| {
                t.is(';') || t.is(':') || t.is('\u{2014}') || t.is('\u{2013}') || t.text == "-"
            })
            .map_or(0, |k| k + 1);
        let mention = clause_subject(&clause[start..]).or_else(|| {
            let part = &clause[start..];
            let run: Vec<_> = part
                .iter()
                .enumerate()
                .skip_while(|&(k, t)| {
                    !t.capitalised()
                        || is_function_word(t.text)
                        || is_lead_in(part, k)
                        || in_list(&q().openers, t.text)
                })
                .map(|(_, t)| t)
                .take_while(|t| t.capitalised() || t.text == "of")
                .collect();
            Some(run.first()?.range.start..run.last()?.range.end)
        })?;
        return Some(Cue {
            mention,
            span: span_of(toks),
        });
    }
    if clause.is_empty() {
        // "Said X: …"
        return object_after(toks, v + 1, span_of(toks));
    }
    let Some(mention) = subject_before(clause) else {
        // "In other words, explained X: …": the subject follows the verb.
        if clause.last().is_some_and(|t| t.is(',')) {
            return object_after(toks, v + 1, span_of(toks));
        }
        return None;
    };
    Some(Cue {
        mention,
        span: span_of(toks),
    })
}

/// The subject of the sentence a quote opens in at `at`, when the sentence
/// opens with a name or a personal pronoun before the quote ("Lee landed a
/// dig at “…”", "On Twitter, Gov. Jo Park called it “…”"). A quote with no
/// speech verb around it is most often its sentence subject's words; the
/// previous speaker is a worse guess.
pub fn sentence_subject(doc: &Doc<'_>, at: usize) -> Option<Range<usize>> {
    let s = &doc.sentences[doc.sentence_at(at)?];
    if s.range.start >= at {
        return None;
    }
    let mut end = at.min(s.range.start + 200);
    while !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    clause_subject(&doc.tokens(s.range.start..end))
}

/// Whether a capitalised word that opens a sentence leads into it rather
/// than names anyone: a participle or an adverb ("Speaking …", "Asked …",
/// "Shortly after …").
pub(super) fn is_lead_in(toks: &[Tok<'_>], k: usize) -> bool {
    let w = toks[k].text;
    let Some(next) = toks.get(k + 1).filter(|n| n.word && !n.capitalised()) else {
        return false;
    };
    if w.len() <= 4 || is_speech_verb(next.text) || in_list(&q().aux, next.text) {
        // "Manning said", "Fleming has …": names.
        return false;
    }
    if w.ends_with("ly") {
        // "Shortly after", not "Kelly responded".
        return is_function_word(next.text);
    }
    w.ends_with("ing") || w.ends_with("ed")
}

/// The subject that opens `toks` (a clause's words): a name, perhaps after
/// an opening phrase ("On Twitter, …", "Speaking in Salem, Ohio, …",
/// "Hours later, …") and with an apposition ("Lee, the mayor, said"), or
/// "he", "she", "they". The name must be followed by a lower-case word (its
/// verb); a name in the possessive ("Lee's campaign") is not the subject.
fn clause_subject(toks: &[Tok<'_>]) -> Option<Range<usize>> {
    let mut i = 0;
    if toks
        .first()
        .is_some_and(|t| t.word && in_list(&q().leads, t.text))
    {
        i = 1;
    }
    let first = toks.get(i)?;
    let participle = first.capitalised() && !is_function_word(first.text) && is_lead_in(toks, i);
    let opener = participle
        || (first.word
            && (is_function_word(first.text) || in_list(&q().openers, first.text))
            && !is_pronoun(first.text)
            && !in_list(&q().determiners, first.text));
    let opened_at = i;
    if let Some(c) = toks[i..].iter().take(24).position(|t| t.is(',')) {
        let phrase = &toks[i..i + c];
        let timed = c <= 4
            && phrase
                .last()
                .is_some_and(|t| in_list(&q().time_ends, t.text))
            && phrase[1..].iter().all(|t| t.word && !t.capitalised());
        if c > 0 && (opener || timed) {
            i += c + 1;
            // "Speaking in Salem, Ohio, Lee …": a place after the phrase.
            if participle {
                let run = toks[i..].iter().take_while(|t| t.capitalised()).count();
                if run > 0
                    && toks.get(i + run).is_some_and(|t| t.is(','))
                    && toks.get(i + run + 1).is_some_and(Tok::capitalised)
                {
                    i += run + 1;
                }
            }
        }
    }
    if opener && i == opened_at {
        // "Amid calls from some to act … the group said": an opening
        // phrase whose comma lies too far to find is not a name.
        return None;
    }
    let first = toks.get(i)?;
    if !first.word {
        return None;
    }
    if matches!(
        first.text.to_ascii_lowercase().as_str(),
        "he" | "she" | "they"
    ) {
        return toks
            .get(i + 1)
            .filter(|t| t.word && !t.capitalised())
            .map(|_| first.range.clone());
    }
    let run_end = |mut j: usize| {
        while j < toks.len()
            && toks[j].word
            && (toks[j].capitalised() || (j > i && toks[j].text == "of"))
        {
            j += 1;
        }
        while j > i && !toks[j - 1].capitalised() {
            j -= 1;
        }
        j
    };
    let mut j = run_end(i);
    if j == i || toks[i..j].iter().all(|t| is_function_word(t.text)) {
        return None;
    }
    // "Lee campaign manager Jo Park said": roles between two names.
    let roles = toks[j..]
        .iter()
        .take(4)
        .take_while(|t| {
            t.word && !t.capitalised() && (is_title(t.text) || in_list(&q().roles, t.text))
        })
        .count();
    if roles > 0 && toks.get(j + roles).is_some_and(Tok::capitalised) {
        j = run_end(j + roles);
    }
    let last = toks[j - 1].text;
    if last.ends_with("'s") || last.ends_with("\u{2019}s") || last.ends_with('\'') {
        // "Lee's campaign sent …": the possessive and its head noun.
        let head = toks.get(j).filter(|t| t.word && !t.capitalised())?;
        toks.get(j + 1)
            .filter(|t| t.word && !t.capitalised() && !in_list(&q().clause_starts, t.text))?;
        return Some(toks[i].range.start..head.range.end);
    }
    // The verb, perhaps after a party or state tag ("Harry Reid (D-Nev.)")
    // and an apposition between commas.
    let mut k = j;
    if toks.get(k).is_some_and(|t| t.is('(')) {
        let close = toks[k + 1..].iter().take(6).position(|t| t.is(')'))?;
        k += close + 2;
    }
    if toks.get(k).is_some_and(|t| t.is(',')) {
        let close = toks[k + 1..]
            .iter()
            .take(MAX_SUBJECT)
            .position(|t| t.is(','))?;
        k += close + 2;
    }
    let verb = toks.get(k)?;
    if !verb.word || verb.capitalised() || in_list(&q().clause_starts, verb.text) {
        return None;
    }
    Some(toks[i].range.start..toks[j - 1].range.end)
}

/// The subject at the end of `clause` (the words before a speech verb).
/// Whether a comma-separated part of a clause is a name: capitalised
/// words, not a function word or a determiner first, and perhaps a tag in
/// parentheses ("Gov. Jo Lee (R-Ohio)").
fn named(part: &[Tok<'_>]) -> bool {
    part.first().is_some_and(|t| {
        t.capitalised() && !is_function_word(t.text) && !in_list(&q().determiners, t.text)
    }) && part
        .iter()
        .take_while(|t| !t.is('('))
        .all(|t| !t.word || t.capitalised())
}

fn subject_before(clause: &[Tok<'_>]) -> Option<Range<usize>> {
    // An open parenthesis starts the clause ("(Reuters) - Lee said" has
    // closed it); a closed one is a tag on the subject ("Lee (R-Ohio)").
    let close = clause.iter().rposition(|t| t.is(')'));
    let start = clause
        .iter()
        .enumerate()
        .rev()
        .find(|&(k, t)| {
            // A full stop before a comma ends an abbreviation ("of Dover,
            // Del., said"), not a sentence.
            let stop = ends_sentence(t) && !clause.get(k + 1).is_some_and(|n| n.is(','));
            t.is(';') || t.is(':') || stop || (t.is('(') && close.is_none_or(|c| c < k))
        })
        .map_or(0, |(k, _)| k + 1);
    let mut clause = &clause[start..];
    // Drop auxiliaries and adverbs before the verb ("has also told").
    while let Some(last) = clause.last() {
        if last.word && (in_list(&q().aux, last.text) || is_adverb(last.text)) {
            clause = &clause[..clause.len() - 1];
        } else {
            break;
        }
    }
    // Commas: "X, a spokesman for Y, said" keeps X; "In March, X said" keeps X.
    let parts: Vec<&[Tok<'_>]> = clause
        .split(|t| t.is(',') || t.is('\u{2014}') || t.is('\u{2015}') || t.is('\u{2013}'))
        .collect();
    let mut part = *parts.last()?;
    if part.is_empty() && parts.len() >= 2 {
        // "Lee, the mayor, said" keeps Lee; "Gov. Jo Lee (R-Ohio), said"
        // keeps the name before the comma when no Lee stands before it.
        let prev = parts[parts.len() - 2];
        // "…, during a meeting in Dover, Delaware, said": a name after a
        // place ends a "city, state" pair, not the subject.
        let place = parts.len() >= 3 && {
            let b = parts[parts.len() - 3];
            b.len() >= 2
                && b[b.len() - 1].capitalised()
                && Lexicon::of(Lang::En)
                    .claims
                    .np_prepositions
                    .contains(b[b.len() - 2].text)
        };
        let first_name = || parts[..parts.len() - 2].iter().copied().find(|p| named(p));
        part = if named(prev) {
            if place {
                first_name().unwrap_or(prev)
            } else {
                prev
            }
        } else if parts.len() >= 3 {
            let two_back = parts[parts.len() - 3];
            // "Jo Carr, 31, a harbour pilot, said": the asides are an age
            // and a description, so the name is the first part.
            let aside = two_back.first().is_some_and(|t| {
                (t.word && !t.capitalised()) || t.text.starts_with(|c: char| c.is_ascii_digit())
            });
            if aside {
                first_name().unwrap_or(two_back)
            } else {
                two_back
            }
        } else if prev.first().is_some_and(|t| {
            is_function_word(t.text) && !is_pronoun(t.text) && !in_list(&q().determiners, t.text)
        }) {
            // "In other words, explained X": no subject before the verb.
            &[]
        } else {
            prev
        };
    }
    // A new clause begins after a conjunction.
    if let Some(k) = part
        .iter()
        .rposition(|t| t.word && in_list(&q().clause_starts, t.text))
    {
        part = &part[k + 1..];
    }
    // Leading function words capitalised at a sentence start ("But").
    while let Some(first) = part.first() {
        let keep = first.word
            && (in_list(&q().determiners, first.text)
                || is_pronoun(first.text)
                || !is_function_word(first.text));
        if keep {
            break;
        }
        part = &part[1..];
    }
    if part.is_empty() || part.len() > MAX_SUBJECT {
        return None;
    }
    let first = &part[0];
    if !speaker_phrase(part) {
        return None;
    }
    if first.word
        && part.len() == 1
        && ["which", "that", "this", "what", "who"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(first.text))
    {
        return None;
    }
    Some(first.range.start..part.last()?.range.end)
}

/// The speaker written after a verb (`said X`) or after "according to".
fn object_after(toks: &[Tok<'_>], from: usize, span: Range<usize>) -> Option<Cue> {
    let rest = toks.get(from..)?;
    let mut n = 0;
    for t in rest {
        if n >= MAX_SUBJECT {
            break;
        }
        let stop = if t.word {
            n > 0 && in_list(&q().speaker_ends, t.text)
        } else {
            !matches!(t.text, "'" | "\u{2019}" | "-" | "&")
        };
        if stop {
            break;
        }
        n += 1;
    }
    let np = &rest[..n];
    let first = np.first()?;
    if !speaker_phrase(np) {
        return None;
    }
    Some(Cue {
        mention: first.range.start..np.last()?.range.end,
        span,
    })
}

/// Tokens up to (and with) the first sentence end.
fn until_sentence_end<'t, 'a>(toks: &'t [Tok<'a>], _after: bool) -> &'t [Tok<'a>] {
    match toks.iter().position(ends_sentence) {
        Some(k) => &toks[..=k],
        None => toks,
    }
}

fn span_of(toks: &[Tok<'_>]) -> Range<usize> {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => a.range.start..b.range.end,
        _ => 0..0,
    }
}

#[cfg(test)]
mod tests;
