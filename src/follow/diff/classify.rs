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

use std::collections::HashMap;
use std::ops::Range;

use super::attribution::evidence_words;
use super::{Flag, FlagKind, Severity, Side, Which, Word, flag, join_printed};
use crate::follow::lexicon::{
    contraction_variant, is_function_word, is_modal, is_negation, is_qualifier, modal_base,
    number_word, without_negation,
};
use crate::follow::names::{self, NameInfo, Rule, edit_distance};
use crate::follow::tokens::{Tok, TokKind, key_number, numbers_in};

/// Word pairs tried for spelling variants in one hunk (20 x 20 words).
const MAX_PAIRING: usize = 400;

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

/// Numbers, negation and modality in words that differ inside the shared
/// span; flags them and removes what they explain.
fn sense_flags(dw: &mut Vec<Word>, iw: &mut Vec<Word>, op: usize, flags: &mut Vec<Flag>) {
    // Numbers.
    let na = numbers_in(dw.iter().map(|w| w.key.as_str()));
    let nb = numbers_in(iw.iter().map(|w| w.key.as_str()));
    if !na.is_empty() && !nb.is_empty() {
        let (mut sa, mut sb) = (na.clone(), nb.clone());
        sa.sort_by(f64::total_cmp);
        sb.sort_by(f64::total_cmp);
        let (kind, severity, detail) = if sa == sb {
            (
                FlagKind::SpellingVariant,
                Severity::Cosmetic,
                "same number written differently".to_owned(),
            )
        } else {
            (
                FlagKind::NumberChanged,
                Severity::Critical,
                format!("number changed from {} to {}", fmt_nums(&na), fmt_nums(&nb)),
            )
        };
        flags.push(flag(
            kind,
            severity,
            detail,
            Some(join_printed(&numeric(dw))),
            Some(join_printed(&numeric(iw))),
            Some(op),
        ));
        dw.retain(|w| !is_numeric(&w.key));
        iw.retain(|w| !is_numeric(&w.key));
    }

    // Negation.
    let neg_a = dw.iter().filter(|w| is_negation(&w.key)).count();
    let neg_b = iw.iter().filter(|w| is_negation(&w.key)).count();
    if neg_a != neg_b {
        let (detail, old, new) = if neg_a > neg_b {
            (
                "negation removed",
                negations(dw),
                (neg_b > 0).then(|| negations(iw)),
            )
        } else {
            ("negation added", negations(dw), Some(negations(iw)))
        };
        flags.push(flag(
            FlagKind::NegationChanged,
            Severity::Critical,
            detail.to_owned(),
            (!old.is_empty()).then_some(old),
            new,
            Some(op),
        ));
        strip_negation(dw);
        strip_negation(iw);
    }

    // Modality: compare the modals each side has that the other lacks.
    let (only_a, only_b) = multiset_minus(&modals(dw), &modals(iw));
    if !only_a.is_empty() || !only_b.is_empty() {
        let detail = match (only_a.is_empty(), only_b.is_empty()) {
            (false, false) => format!("\"{}\" became \"{}\"", only_a.join(" "), only_b.join(" ")),
            (false, true) => format!("\"{}\" dropped", only_a.join(" ")),
            _ => format!("\"{}\" added", only_b.join(" ")),
        };
        flags.push(flag(
            FlagKind::ModalityChanged,
            Severity::Major,
            detail,
            (!only_a.is_empty()).then(|| only_a.join(" ")),
            (!only_b.is_empty()).then(|| only_b.join(" ")),
            Some(op),
        ));
        strip_modal(dw);
        strip_modal(iw);
    }
}

/// Words of the reference replaced by other words.
fn substitution(mut dw: Vec<Word>, mut iw: Vec<Word>, op: usize, flags: &mut Vec<Flag>) {
    let number = numbers_in(dw.iter().chain(&iw).map(|w| w.key.as_str()));
    let number_sense = !number.is_empty()
        && (numbers_in(dw.iter().map(|w| w.key.as_str())).is_empty()
            || numbers_in(iw.iter().map(|w| w.key.as_str())).is_empty());
    sense_flags(&mut dw, &mut iw, op, flags);

    // Words present on both sides (moved within the hunk) explain
    // themselves.
    cancel_common(&mut dw, &mut iw);

    // The same letters split or hyphenated another way ("third-grade",
    // "third grade").
    let letters = |ws: &[Word]| -> String {
        ws.iter()
            .flat_map(|w| w.key.chars())
            .filter(|c| *c != '-')
            .collect()
    };
    if !dw.is_empty() && !iw.is_empty() && letters(&dw) == letters(&iw) {
        flags.push(flag(
            FlagKind::SpellingVariant,
            Severity::Cosmetic,
            "same words, hyphenated or split differently".to_owned(),
            Some(join_printed(&dw)),
            Some(join_printed(&iw)),
            Some(op),
        ));
        return;
    }

    // Spelling variants, word for word. Pairing is quadratic, so only for
    // hunks of a size where a spelling variant is plausible at all.
    let mut k = 0;
    while k < dw.len() && dw.len() * iw.len() <= MAX_PAIRING {
        if let Some(j) = iw.iter().position(|w| spelling_variant(&dw[k], w)) {
            let contracted = dw[k].clitic || iw[j].clitic;
            flags.push(flag(
                FlagKind::SpellingVariant,
                Severity::Cosmetic,
                if contracted {
                    "a contraction read another way"
                } else {
                    "same word spelled differently"
                }
                .to_owned(),
                Some(join_printed(&dw[k..=k])),
                Some(join_printed(&iw[j..=j])),
                Some(op),
            ));
            dw.remove(k);
            iw.remove(j);
        } else {
            k += 1;
        }
    }

    org_variant(&mut dw, &mut iw, op, flags);

    // What is left is a wording change, or words on one side only.
    let sense = |ws: &[Word]| number_sense || ws.iter().any(|w| is_qualifier(&w.key));
    let (severity, kind, detail, old, new) = match (dw.is_empty(), iw.is_empty()) {
        (false, false) => {
            let severity = if function_only(&dw) && function_only(&iw) {
                Severity::Minor
            } else {
                Severity::Major
            };
            let (pa, pb) = (join_printed(&dw), join_printed(&iw));
            (
                severity,
                FlagKind::WordingChanged,
                format!("\"{pa}\" became \"{pb}\""),
                Some(pa),
                Some(pb),
            )
        }
        (false, true) => {
            let pa = join_printed(&dw);
            (
                leftover_severity(&dw, sense(&dw)),
                FlagKind::Omission,
                format!("\"{pa}\" left out"),
                Some(pa),
                None,
            )
        }
        (true, false) => {
            let pb = join_printed(&iw);
            (
                leftover_severity(&iw, sense(&iw)),
                FlagKind::Addition,
                format!("\"{pb}\" added"),
                None,
                Some(pb),
            )
        }
        (true, true) => return,
    };
    flags.push(flag(kind, severity, detail, old, new, Some(op)));
}

/// An organisation named by its acronym on one side, in full (or by
/// another acronym) on the other: flags it and clears both sides.
fn org_variant(dw: &mut Vec<Word>, iw: &mut Vec<Word>, op: usize, flags: &mut Vec<Flag>) {
    if dw.is_empty() || iw.is_empty() {
        return;
    }
    let (pa, pb) = (join_printed(dw), join_printed(iw));
    if let Some(ev) = names::same_name(&pa, &pb)
        && (NameInfo::parse(&pa).acronym || NameInfo::parse(&pb).acronym)
    {
        flags.push(flag(
            FlagKind::OrgNameVariant,
            Severity::Cosmetic,
            format!(
                "same organisation: {}",
                evidence_words(ev.rule, ev.strength)
            ),
            Some(pa),
            Some(pb),
            Some(op),
        ));
        dw.clear();
        iw.clear();
    }
}

fn leftover_severity(ws: &[Word], sense: bool) -> Severity {
    if sense {
        Severity::Critical
    } else if function_only(ws) || ws.iter().all(|w| w.reported) {
        Severity::Minor
    } else {
        Severity::Major
    }
}

fn function_only(ws: &[Word]) -> bool {
    ws.iter().all(|w| is_function_word(&w.key))
}

fn is_numeric(key: &str) -> bool {
    key_number(key).is_some() || number_word(key).is_some()
}

fn numeric(ws: &[Word]) -> Vec<Word> {
    ws.iter().filter(|w| is_numeric(&w.key)).cloned().collect()
}

fn fmt_nums(ns: &[f64]) -> String {
    ns.iter().map(f64::to_string).collect::<Vec<_>>().join(", ")
}

fn negations(ws: &[Word]) -> String {
    let neg: Vec<Word> = ws.iter().filter(|w| is_negation(&w.key)).cloned().collect();
    join_printed(&neg)
}

/// Drops negators and strips contracted negation ("didn't" -> "did").
fn strip_negation(ws: &mut Vec<Word>) {
    ws.retain_mut(|w| {
        let base = without_negation(&w.key);
        if base != w.key {
            w.key = base.to_owned();
            return true;
        }
        !is_negation(&w.key)
    });
}

fn modals(ws: &[Word]) -> Vec<String> {
    ws.iter()
        .filter_map(|w| modal_base(&w.key))
        .map(str::to_owned)
        .collect()
}

/// Drops modal words ("we'll" keeps its "we").
fn strip_modal(ws: &mut Vec<Word>) {
    ws.retain_mut(|w| {
        if let Some(base) = w.key.strip_suffix("'ll") {
            w.key = base.to_owned();
            return true;
        }
        modal_base(&w.key).is_none()
    });
}

/// Elements of `a` not in `b` and of `b` not in `a`, counting repeats.
fn multiset_minus(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for x in a {
        *counts.entry(x).or_default() += 1;
    }
    for x in b {
        *counts.entry(x).or_default() -= 1;
    }
    let mut only_a = Vec::new();
    let mut only_b = Vec::new();
    for x in a {
        if let Some(c) = counts.get_mut(x.as_str())
            && *c > 0
        {
            *c -= 1;
            only_a.push(x.clone());
        }
    }
    for x in b {
        if let Some(c) = counts.get_mut(x.as_str())
            && *c < 0
        {
            *c += 1;
            only_b.push(x.clone());
        }
    }
    (only_a, only_b)
}

/// Removes the words both sides have (counting repeats): moved words
/// explain themselves. Hashes, so a huge hunk stays linear.
fn cancel_common(dw: &mut Vec<Word>, iw: &mut Vec<Word>) {
    let mut available: HashMap<String, usize> = HashMap::new();
    for w in iw.iter() {
        *available.entry(w.key.clone()).or_default() += 1;
    }
    let mut taken: HashMap<String, usize> = HashMap::new();
    dw.retain(|w| match available.get_mut(&w.key) {
        Some(c) if *c > 0 => {
            *c -= 1;
            *taken.entry(w.key.clone()).or_default() += 1;
            false
        }
        _ => true,
    });
    iw.retain(|w| match taken.get_mut(&w.key) {
        Some(c) if *c > 0 => {
            *c -= 1;
            false
        }
        _ => true,
    });
}

/// Whether two words are one word spelled two ways: British and American
/// endings, one letter apart (two in a very long word), a name spelled
/// another way, or the two readings of a contraction ("'s" as "is" or
/// "has").
fn spelling_variant(x: &Word, y: &Word) -> bool {
    let (a, b) = (x.key.as_str(), y.key.as_str());
    if (x.clitic || y.clitic) && contraction_variant(a, b) {
        return true;
    }
    // A possessive on one side only ("the council's" and "the council").
    let bare = |s: &'_ str| -> String {
        s.strip_suffix("'s")
            .or_else(|| s.strip_suffix('\''))
            .unwrap_or(s)
            .to_owned()
    };
    if a != b && bare(a) == bare(b) {
        return true;
    }
    if a.chars().next() != b.chars().next() || is_numeric(a) || is_numeric(b) {
        return false;
    }
    let regular = |s: &str| {
        s.replace("isation", "ization")
            .replace("ise", "ize")
            .replace("our", "or")
            .replace("ll", "l")
            .replace("tre", "ter")
            .replace("ce", "se")
    };
    if regular(a) == regular(b) {
        return true;
    }
    let max = a.chars().count().max(b.chars().count());
    let d = edit_distance(a, b, 2);
    if (max >= 4 && d <= 1) || (max >= 9 && d <= 2) {
        return true;
    }
    let capitalised = |w: &Word| w.printed.chars().next().is_some_and(char::is_uppercase);
    capitalised(x)
        && capitalised(y)
        && names::same_name(&x.printed, &y.printed).is_some_and(|e| e.rule == Rule::TokenVariant)
}
