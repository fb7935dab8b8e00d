//! Explaining one changed stretch (a *hunk*) of the word diff.
//!
//! Editorial marks are read first. Then whatever one version has beyond
//! the other's start or end is a cut, a [`FlagKind::Truncation`], whichever
//! version is the reference: at most Major, and Major only when what it
//! drops is a condition or a negation attached to the words kept. Negation,
//! numbers and modality are read only where both versions run: in words
//! substituted for others, or added or left out inside the shared span.
//! What is left is a spelling or name variant, a wording change, an
//! omission or an addition.

use std::ops::Range;

use super::sense::{function_only, is_numeric, org_variant, sense_flags, substitution};
use super::{Flag, FlagKind, Severity, Side, Which, Word, flag, join_printed};
use crate::follow::lexicon::{is_function_word, is_modal, is_negation, is_qualifier};
use crate::follow::tokens::{Tok, TokKind};

/// Classifies one changed stretch: reference tokens `ra`, other tokens `rb`.
pub(super) fn hunk_flags(
    a: &Side<'_>,
    b: &Side<'_>,
    ra: Range<usize>,
    rb: Range<usize>,
    op: usize,
    flags: &mut Vec<Flag>,
) {
    let start = flags.len();
    let at_start = ra.start <= a.first_text && rb.start <= b.first_text;
    let at_end = ra.end >= a.end_text && rb.end >= b.end_text;
    let (mut dw, mut iw) = marks(a, b, ra.clone(), rb.clone(), op, flags);

    // An organisation's name in another form is no cut, even at an edge.
    let (short, long) = (dw.len().min(iw.len()), dw.len().max(iw.len()));
    if short > 0 && long - short >= 3 {
        org_variant(&mut dw, &mut iw, op, flags);
    }
    // Past the other version's start or end: a cut. A hunk that is the
    // whole of both texts (nothing shared) is a substitution instead.
    let one_sided = dw.is_empty() || iw.is_empty();
    if (at_start || at_end)
        && (one_sided || at_start != at_end)
        && let Some((which, cut)) = split_cut(&mut dw, &mut iw, at_end)
    {
        let side = if which == Which::Reference { a } else { b };
        cut_flag(side, which, &cut, at_end, op, flags);
    }

    match (dw.is_empty(), iw.is_empty()) {
        (false, false) => substitution(dw, iw, op, flags),
        (false, true) => inside(a, ra.clone(), Which::Reference, dw, op, flags),
        (true, false) => inside(b, rb.clone(), Which::Other, iw, op, flags),
        (true, true) => {}
    }
    if flags.len() == start {
        // Nothing but punctuation (or marks already explained) changed.
        let some = |s: String| (!s.is_empty()).then_some(s);
        flags.push(flag(
            FlagKind::PunctuationCase,
            Severity::Cosmetic,
            "punctuation differs".to_owned(),
            some(a.span_text(ra)),
            some(b.span_text(rb)),
            Some(op),
        ));
    }
}

/// Flags brackets and elision marks; returns the words left to explain.
fn marks(
    a: &Side<'_>,
    b: &Side<'_>,
    ra: Range<usize>,
    rb: Range<usize>,
    op: usize,
    flags: &mut Vec<Flag>,
) -> (Vec<Word>, Vec<Word>) {
    let del = &a.toks[ra.clone()];
    let ins = &b.toks[rb.clone()];
    let mut dw = a.words(ra.clone());
    let mut iw = b.words(rb.clone());
    let old_words = a.span_text(ra);
    let new_words = b.span_text(rb);
    let some = |s: &String| (!s.is_empty()).then(|| s.clone());
    let brackets = |ts: &[Tok]| -> Vec<Range<usize>> {
        ts.iter()
            .filter(|t| t.kind == TokKind::Bracket)
            .map(|t| t.span.clone())
            .collect()
    };
    let (del_brackets, ins_brackets) = (brackets(del), brackets(ins));
    for span in &ins_brackets {
        let replaced = !dw.is_empty() && iw.is_empty();
        let detail = if replaced {
            format!("editor's bracket in place of \"{}\"", join_printed(&dw))
        } else {
            "editor's bracketed insertion".to_owned()
        };
        flags.push(flag(
            FlagKind::BracketedInsertion,
            Severity::Minor,
            detail,
            replaced.then(|| join_printed(&dw)),
            Some(b.text[span.clone()].to_owned()),
            Some(op),
        ));
    }
    for span in &del_brackets {
        flags.push(flag(
            FlagKind::BracketedInsertion,
            Severity::Minor,
            "the version compared with has an editor's bracket here".to_owned(),
            Some(a.text[span.clone()].to_owned()),
            (!iw.is_empty()).then(|| join_printed(&iw)),
            Some(op),
        ));
    }
    // A short stretch replaced by a bracket is a clarification ("he" ->
    // "[the minister]"), already flagged.
    if !ins_brackets.is_empty() && iw.is_empty() && dw.len() <= 4 {
        dw.clear();
    }
    if !del_brackets.is_empty() && dw.is_empty() && iw.len() <= 4 {
        iw.clear();
    }
    if ins.iter().any(|t| t.kind == TokKind::Ellipsis) {
        let detail = if dw.is_empty() {
            "elision mark added".to_owned()
        } else {
            format!("elision marked where {} word(s) are missing", dw.len())
        };
        flags.push(flag(
            FlagKind::Ellipsis,
            Severity::Minor,
            detail,
            some(&old_words),
            some(&new_words),
            Some(op),
        ));
    }
    if del.iter().any(|t| t.kind == TokKind::Ellipsis) {
        flags.push(flag(
            FlagKind::Ellipsis,
            Severity::Minor,
            "the version compared with marks an elision here".to_owned(),
            some(&old_words),
            some(&new_words),
            Some(op),
        ));
    }
    (dw, iw)
}

/// Takes from a hunk at the start or end the words that run past the other
/// version: all of a one-sided hunk, or the excess of a much longer side
/// (the words next to the shared span stay, as substituted for the shorter
/// side's). Returns whose words they are.
fn split_cut(dw: &mut Vec<Word>, iw: &mut Vec<Word>, at_end: bool) -> Option<(Which, Vec<Word>)> {
    if dw.is_empty() && iw.is_empty() {
        return None;
    }
    if iw.is_empty() {
        return Some((Which::Reference, std::mem::take(dw)));
    }
    if dw.is_empty() {
        return Some((Which::Other, std::mem::take(iw)));
    }
    let (which, long, short) = if dw.len() >= iw.len() {
        (Which::Reference, dw, iw.len())
    } else {
        (Which::Other, iw, dw.len())
    };
    let excess = long.len() - short;
    if excess < 3 || excess <= short {
        return None;
    }
    let cut = if at_end {
        long.split_off(short)
    } else {
        let kept = long.split_off(excess);
        std::mem::replace(long, kept)
    };
    Some((which, cut))
}

fn is_sentence_end(t: &Tok) -> bool {
    t.kind == TokKind::Punct && matches!(t.key.as_str(), "." | "!" | "?")
}

/// The keys of the cut words that belong with the kept ones: the rest of
/// the sentence the cut runs into, or, at a sentence boundary, the first
/// words after it at the end (a "But only if ..." that follows).
fn attached(side: &Side<'_>, cut: &[Word], at_end: bool) -> Vec<String> {
    let toks = &side.toks;
    let word_keys = |ts: &mut dyn Iterator<Item = &Tok>| -> Vec<String> {
        ts.filter(|t| t.kind == TokKind::Word)
            .map(|t| t.key.clone())
            .collect()
    };
    let (Some(first), Some(last)) = (cut.first(), cut.last()) else {
        return Vec::new();
    };
    if at_end {
        let i = first.idx;
        let boundary = i <= side.first_text
            || toks[..i]
                .iter()
                .rev()
                .take_while(|t| t.kind != TokKind::Word)
                .any(is_sentence_end);
        if boundary {
            cut.iter().take(2).map(|w| w.key.clone()).collect()
        } else {
            word_keys(&mut toks[i..].iter().take_while(|t| !is_sentence_end(t)))
        }
    } else {
        let i = last.idx;
        let boundary = toks[i + 1..]
            .iter()
            .take_while(|t| t.kind != TokKind::Word)
            .any(is_sentence_end);
        if boundary {
            Vec::new()
        } else {
            word_keys(&mut toks[..=i].iter().rev().take_while(|t| !is_sentence_end(t)))
        }
    }
}

/// Flags a cut: words of `which` version past the other's start or end.
fn cut_flag(
    side: &Side<'_>,
    which: Which,
    cut: &[Word],
    at_end: bool,
    op: usize,
    flags: &mut Vec<Flag>,
) {
    let reported = cut.iter().all(|w| w.reported);
    let drops_sense = !reported
        && attached(side, cut, at_end)
            .iter()
            .any(|k| is_negation(k) || is_qualifier(k));
    let text = join_printed(cut);
    let end = if at_end { "end" } else { "start" };
    let why = if drops_sense {
        "; it drops a condition or negation that goes with the words kept"
    } else if reported {
        "; the reporter's words around the quote"
    } else {
        ""
    };
    let severity = if drops_sense {
        Severity::Major
    } else {
        Severity::Minor
    };
    let (detail, old, new) = match which {
        Which::Reference => (
            format!("cut at the {end}: \"{text}\" left out{why}"),
            Some(text),
            None,
        ),
        Which::Other => (
            format!(
                "the version compared with is cut at the {end}: \"{text}\" is only in this version{why}"
            ),
            None,
            Some(text),
        ),
    };
    flags.push(flag(
        FlagKind::Truncation,
        severity,
        detail,
        old,
        new,
        Some(op),
    ));
}

/// Words on one side only, inside the span both versions share.
fn inside(
    side: &Side<'_>,
    r: Range<usize>,
    which: Which,
    mut ws: Vec<Word>,
    op: usize,
    flags: &mut Vec<Flag>,
) {
    let (kind, verb) = match which {
        Which::Reference => (FlagKind::Omission, "left out"),
        Which::Other => (FlagKind::Addition, "added"),
    };
    let put = |severity: Severity, detail: String, ws: &[Word], flags: &mut Vec<Flag>| {
        let text = join_printed(ws);
        let (old, new) = match which {
            Which::Reference => (Some(text), None),
            Which::Other => (None, Some(text)),
        };
        flags.push(flag(kind, severity, detail, old, new, Some(op)));
    };
    if repeats(side, r.clone(), &ws) {
        let detail = format!("repeated words {verb}: \"{}\"", join_printed(&ws));
        put(Severity::Minor, detail, &ws, flags);
        return;
    }
    let reported = ws.iter().all(|w| w.reported);
    // A negation inside an aside of its own ("- not this one, nor that -")
    // negates none of the shared words.
    let content = |w: &Word| {
        !(is_negation(&w.key)
            || is_function_word(&w.key)
            || is_modal(&w.key)
            || is_qualifier(&w.key))
    };
    let aside =
        ws.iter().any(|w| is_negation(&w.key)) && set_off(side, r) && ws.iter().any(content);
    if reported || aside {
        let what = if aside && !reported {
            "an aside"
        } else {
            "the reporter's words"
        };
        let severity = if reported {
            Severity::Minor
        } else {
            Severity::Major
        };
        let detail = format!("{what} {verb}: \"{}\"", join_printed(&ws));
        put(severity, detail, &ws, flags);
        return;
    }
    let number = ws.iter().any(|w| is_numeric(&w.key));
    let mut none = Vec::new();
    match which {
        Which::Reference => sense_flags(&mut ws, &mut none, op, flags),
        Which::Other => sense_flags(&mut none, &mut ws, op, flags),
    }
    if ws.is_empty() {
        return;
    }
    let severity = if number || ws.iter().any(|w| is_qualifier(&w.key)) {
        Severity::Critical
    } else if function_only(&ws) {
        Severity::Minor
    } else {
        Severity::Major
    };
    put(
        severity,
        format!("\"{}\" {verb}", join_printed(&ws)),
        &ws,
        flags,
    );
}

/// Whether the words `ws` (tokens `r` of `side`) say again the words right
/// before or right after them: a repetition one version cleaned up.
fn repeats(side: &Side<'_>, r: Range<usize>, ws: &[Word]) -> bool {
    let keys: Vec<&str> = ws.iter().map(|w| w.key.as_str()).collect();
    if keys.is_empty() {
        return false;
    }
    let is_word = |t: &&Tok| t.kind == TokKind::Word;
    let after = side.toks[r.end..].iter().filter(is_word).take(keys.len());
    let before = side.toks[..r.start]
        .iter()
        .rev()
        .filter(is_word)
        .take(keys.len());
    let same =
        |ts: Vec<&Tok>| ts.len() == keys.len() && ts.iter().zip(&keys).all(|(t, k)| t.key == *k);
    let mut before: Vec<&Tok> = before.collect();
    before.reverse();
    same(after.collect()) || same(before)
}

/// Whether tokens `r` are set off by punctuation: a break at either edge.
fn set_off(side: &Side<'_>, r: Range<usize>) -> bool {
    let at = |i: Option<usize>| i.and_then(|i| side.toks.get(i)).is_some_and(is_break);
    at(Some(r.start)) || at(r.start.checked_sub(1)) || at(r.end.checked_sub(1)) || at(Some(r.end))
}

fn is_break(t: &Tok) -> bool {
    t.kind == TokKind::Ellipsis
        || (t.kind == TokKind::Punct
            && matches!(
                t.key.as_str(),
                "," | ";" | ":" | "." | "!" | "?" | "-" | "("
            ))
}
