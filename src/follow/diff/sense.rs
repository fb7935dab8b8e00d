//! What a changed stretch means where both versions run: numbers,
//! negation and modality changed, words substituted (a spelling or name
//! variant, an organisation written another way, a wording change), and
//! how much what is left over matters.

use std::collections::HashMap;

use super::attribution::evidence_words;
use super::{Flag, FlagKind, Severity, Word, flag, join_printed};
use crate::follow::lexicon::{
    contraction_variant, is_function_word, is_negation, is_qualifier, modal_base, number_word,
    without_negation,
};
use crate::follow::names::{self, NameInfo, Rule, edit_distance};
use crate::follow::tokens::{key_number, numbers_in};

/// Word pairs tried for spelling variants in one hunk (20 x 20 words).
const MAX_PAIRING: usize = 400;

/// Numbers, negation and modality in words that differ inside the shared
/// span; flags them and removes what they explain.
pub(super) fn sense_flags(
    dw: &mut Vec<Word>,
    iw: &mut Vec<Word>,
    op: usize,
    flags: &mut Vec<Flag>,
) {
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
pub(super) fn substitution(mut dw: Vec<Word>, mut iw: Vec<Word>, op: usize, flags: &mut Vec<Flag>) {
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
pub(super) fn org_variant(
    dw: &mut Vec<Word>,
    iw: &mut Vec<Word>,
    op: usize,
    flags: &mut Vec<Flag>,
) {
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

pub(super) fn function_only(ws: &[Word]) -> bool {
    ws.iter().all(|w| is_function_word(&w.key))
}

pub(super) fn is_numeric(key: &str) -> bool {
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
