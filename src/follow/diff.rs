//! Comparing one version of a statement with its reference, word by word,
//! and saying what every difference is.
//!
//! The words are diffed with `similar` over token keys (see
//! [`crate::follow::tokens`]), under a deadline because the text is
//! untrusted. Each changed stretch (a *hunk*) is then explained: editorial
//! marks, numbers, negation and modality are recognised first, spelling and
//! name variants next, and whatever words are left are a wording change, an
//! omission (a truncation at either end) or an addition. Speaker, wire and
//! quote-or-paraphrase are compared beside the words. Every difference gets
//! at least one [`Flag`], and every flag a [`Severity`], so a reader can
//! sort a story's versions by how far they drift from what was said.

use std::collections::HashMap;
use std::time::Duration;

use quotetrail_store::Kind;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag, TextDiff};

use crate::follow::Version;
use crate::follow::lexicon::{
    is_function_word, is_modal, is_negation, is_qualifier, modal_base, number_word,
    without_negation,
};
use crate::follow::names::{self, NameInfo, Rule, Strength, edit_distance};
use crate::follow::tokens::{Tok, TokKind, fold, key_number, numbers_in, tokenize};

/// How much a difference matters. Ordered: meaning changes rank above
/// cosmetic ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Same words, same meaning: case, punctuation, spelling, name forms.
    Cosmetic,
    /// Visible editing that keeps the sense: brackets, marked elisions,
    /// function words, another wire credited, quote vs paraphrase.
    Minor,
    /// Different words: the sense may have moved.
    Major,
    /// The sense changed: negation, numbers, speaker, a cut that drops a
    /// condition.
    Critical,
}

/// What kind of difference a flag reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Words replaced by other words.
    WordingChanged,
    /// Words left out inside the statement.
    Omission,
    /// Words cut at the start or the end.
    Truncation,
    /// Words that the reference doesn't have.
    Addition,
    /// An editor's `[...]` insertion.
    BracketedInsertion,
    /// An elision mark (`...`, `…`).
    Ellipsis,
    /// A number with another value.
    NumberChanged,
    /// A negation added or removed.
    NegationChanged,
    /// A modal verb or hedge changed ("will" to "could", "reportedly").
    ModalityChanged,
    /// Attributed to someone else (or to no one).
    DifferentSpeaker,
    /// The same speaker, named another way.
    SpeakerNameVariant,
    /// The same organisation, named another way (acronym, other language).
    OrgNameVariant,
    /// Another agency credited, or one credited in only one version.
    DifferentWire,
    /// Quoted in one version, paraphrased in the other.
    QuoteVsParaphrase,
    /// Only punctuation or letter case differs.
    PunctuationCase,
    /// The same word spelled another way.
    SpellingVariant,
}

/// One difference, classified.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// What it is.
    pub kind: FlagKind,
    /// How much it matters.
    pub severity: Severity,
    /// A one-line explanation for people.
    pub detail: String,
    /// The reference's side, where there is one.
    pub old: Option<String>,
    /// The other version's side, where there is one.
    pub new: Option<String>,
    /// Index into [`VersionDiff::ops`] of the first op of the changed
    /// stretch; `None` for speaker, wire and kind flags.
    pub op: Option<usize>,
}

/// Equal, deleted (reference only) or inserted (other version only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OpTag {
    /// In both.
    Equal,
    /// Only in the reference.
    Delete,
    /// Only in the other version.
    Insert,
}

/// One run of the word-level diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    /// Which side(s) it is on.
    pub tag: OpTag,
    /// The words as printed (the reference's for equal runs).
    pub text: String,
}

/// A version compared with its reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionDiff {
    /// The word-level diff, in order.
    pub ops: Vec<Op>,
    /// Every difference, most severe first.
    pub flags: Vec<Flag>,
    /// Word similarity from 0 to 1 (`similar`'s ratio over token keys).
    pub similarity: f32,
}

impl VersionDiff {
    /// The highest severity among the flags, `None` if the versions agree.
    pub fn max_severity(&self) -> Option<Severity> {
        self.flags.iter().map(|f| f.severity).max()
    }

    /// Whether any flag is of `kind`.
    pub fn has(&self, kind: FlagKind) -> bool {
        self.flags.iter().any(|f| f.kind == kind)
    }
}

/// Knobs for [`diff_versions_with`].
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// How long the word diff may run before `similar` settles for an
    /// approximate (still correct, maybe longer) diff.
    pub timeout: Duration,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            timeout: Duration::from_millis(100),
        }
    }
}

/// Compares `other` with `reference` (see the module docs).
pub fn diff_versions(reference: &Version, other: &Version) -> VersionDiff {
    diff_versions_with(reference, other, &DiffOptions::default())
}

/// [`diff_versions`] with options.
pub fn diff_versions_with(reference: &Version, other: &Version, opts: &DiffOptions) -> VersionDiff {
    let mut out = diff_words(&reference.text, &other.text, opts);
    attribution_flags(reference, other, &mut out.flags);
    sort_flags(&mut out.flags);
    out
}

/// Compares two texts alone: words, no speaker, wire or kind.
pub fn diff_texts(old: &str, new: &str) -> VersionDiff {
    let mut out = diff_words(old, new, &DiffOptions::default());
    sort_flags(&mut out.flags);
    out
}

fn sort_flags(flags: &mut [Flag]) {
    flags.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.op.cmp(&b.op)));
}

/// One side of the comparison: the text and its tokens.
struct Side<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Index of the first token that is not a mark (punctuation or
    /// elision), `toks.len()` if none: a hunk starting at or before it
    /// starts the text.
    first_text: usize,
    /// One past the last such token (0 if none): a hunk ending there or
    /// later ends the text.
    end_text: usize,
}

impl<'a> Side<'a> {
    fn new(text: &'a str) -> Side<'a> {
        let toks = tokenize(text);
        let is_text = |t: &Tok| !matches!(t.kind, TokKind::Punct | TokKind::Ellipsis);
        let first_text = toks.iter().position(is_text).unwrap_or(toks.len());
        let end_text = toks.iter().rposition(is_text).map_or(0, |i| i + 1);
        Side {
            text,
            toks,
            first_text,
            end_text,
        }
    }

    fn printed(&self, i: usize) -> &str {
        &self.text[self.toks[i].span.clone()]
    }

    /// The printed text covering tokens `r`, spacing as printed.
    fn span_text(&self, r: std::ops::Range<usize>) -> String {
        match (
            self.toks.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.toks.get(e)),
        ) {
            (Some(a), Some(b)) if r.start < r.end => self.text[a.span.start..b.span.end].to_owned(),
            _ => String::new(),
        }
    }
}

fn diff_words(old: &str, new: &str, opts: &DiffOptions) -> VersionDiff {
    let a = Side::new(old);
    let b = Side::new(new);
    let ka: Vec<&str> = a.toks.iter().map(|t| t.key.as_str()).collect();
    let kb: Vec<&str> = b.toks.iter().map(|t| t.key.as_str()).collect();
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(opts.timeout)
        .diff_slices(&ka, &kb);
    let mut ops = Vec::new();
    let mut flags = Vec::new();
    for op in diff.ops() {
        let (tag, ra, rb) = op.as_tag_tuple();
        let first = ops.len();
        match tag {
            DiffTag::Equal => {
                ops.push(Op {
                    tag: OpTag::Equal,
                    text: a.span_text(ra.clone()),
                });
                equal_flags(&a, &b, ra, rb, first, &mut flags);
            }
            _ => {
                if !ra.is_empty() {
                    ops.push(Op {
                        tag: OpTag::Delete,
                        text: a.span_text(ra.clone()),
                    });
                }
                if !rb.is_empty() {
                    ops.push(Op {
                        tag: OpTag::Insert,
                        text: b.span_text(rb.clone()),
                    });
                }
                hunk_flags(&a, &b, ra, rb, first, &mut flags);
            }
        }
    }
    VersionDiff {
        ops,
        flags,
        similarity: diff.ratio(),
    }
}

/// Tokens with equal keys can still be printed differently: case, accents,
/// typographic marks, a number in digits or words. One cosmetic flag per
/// kind per equal run.
fn equal_flags(
    a: &Side<'_>,
    b: &Side<'_>,
    ra: std::ops::Range<usize>,
    rb: std::ops::Range<usize>,
    op: usize,
    flags: &mut Vec<Flag>,
) {
    let mut case = (Vec::new(), Vec::new());
    let mut spelling = (Vec::new(), Vec::new());
    for (i, j) in ra.zip(rb) {
        let (pa, pb) = (a.printed(i), b.printed(j));
        if pa == pb {
            continue;
        }
        let tok = &a.toks[i];
        let bucket = if tok.kind == TokKind::Word
            && (key_number(&tok.key).is_some() || pa.to_lowercase() != pb.to_lowercase())
        {
            &mut spelling
        } else {
            &mut case
        };
        bucket.0.push(pa.to_owned());
        bucket.1.push(pb.to_owned());
    }
    if !case.0.is_empty() {
        flags.push(flag(
            FlagKind::PunctuationCase,
            Severity::Cosmetic,
            "same words, other case or marks".to_owned(),
            Some(case.0.join(" ")),
            Some(case.1.join(" ")),
            Some(op),
        ));
    }
    if !spelling.0.is_empty() {
        flags.push(flag(
            FlagKind::SpellingVariant,
            Severity::Cosmetic,
            "same words, accents or number written differently".to_owned(),
            Some(spelling.0.join(" ")),
            Some(spelling.1.join(" ")),
            Some(op),
        ));
    }
}

fn flag(
    kind: FlagKind,
    severity: Severity,
    detail: String,
    old: Option<String>,
    new: Option<String>,
    op: Option<usize>,
) -> Flag {
    Flag {
        kind,
        severity,
        detail,
        old,
        new,
        op,
    }
}

/// Word pairs tried for spelling variants in one hunk (20 x 20 words).
const MAX_PAIRING: usize = 400;

/// A word still unexplained while classifying a hunk.
#[derive(Clone, Debug)]
struct Word {
    key: String,
    printed: String,
}

/// Classifies one changed stretch: reference tokens `ra`, other tokens `rb`.
fn hunk_flags(
    a: &Side<'_>,
    b: &Side<'_>,
    ra: std::ops::Range<usize>,
    rb: std::ops::Range<usize>,
    op: usize,
    flags: &mut Vec<Flag>,
) {
    let start = flags.len();
    let del = &a.toks[ra.clone()];
    let ins = &b.toks[rb.clone()];
    let words = |side: &Side<'_>, r: std::ops::Range<usize>| -> Vec<Word> {
        r.filter(|&i| side.toks[i].kind == TokKind::Word)
            .map(|i| Word {
                key: side.toks[i].key.clone(),
                printed: side.printed(i).to_owned(),
            })
            .collect()
    };
    let mut dw = words(a, ra.clone());
    let mut iw = words(b, rb.clone());
    let old_words = a.span_text(ra.clone());
    let new_words = b.span_text(rb.clone());
    let some = |s: &String| (!s.is_empty()).then(|| s.clone());

    // Editorial marks.
    let del_brackets: Vec<&Tok> = del.iter().filter(|t| t.kind == TokKind::Bracket).collect();
    let ins_brackets: Vec<&Tok> = ins.iter().filter(|t| t.kind == TokKind::Bracket).collect();
    for t in &ins_brackets {
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
            Some(b.text[t.span.clone()].to_owned()),
            Some(op),
        ));
    }
    for t in &del_brackets {
        flags.push(flag(
            FlagKind::BracketedInsertion,
            Severity::Minor,
            "the reference has an editor's bracket here".to_owned(),
            Some(a.text[t.span.clone()].to_owned()),
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
    let ins_ellipsis = ins.iter().any(|t| t.kind == TokKind::Ellipsis);
    let del_ellipsis = del.iter().any(|t| t.kind == TokKind::Ellipsis);
    if ins_ellipsis {
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
    if del_ellipsis {
        flags.push(flag(
            FlagKind::Ellipsis,
            Severity::Minor,
            "the reference marks an elision here".to_owned(),
            some(&old_words),
            some(&new_words),
            Some(op),
        ));
    }

    // Numbers.
    let na = numbers_in(dw.iter().map(|w| w.key.as_str()));
    let nb = numbers_in(iw.iter().map(|w| w.key.as_str()));
    let mut number_sense = false;
    if !na.is_empty() && !nb.is_empty() {
        let (mut sa, mut sb) = (na.clone(), nb.clone());
        sa.sort_by(f64::total_cmp);
        sb.sort_by(f64::total_cmp);
        if sa == sb {
            flags.push(flag(
                FlagKind::SpellingVariant,
                Severity::Cosmetic,
                "same number written differently".to_owned(),
                Some(join_printed(&numeric(&dw))),
                Some(join_printed(&numeric(&iw))),
                Some(op),
            ));
        } else {
            flags.push(flag(
                FlagKind::NumberChanged,
                Severity::Critical,
                format!("number changed from {} to {}", fmt_nums(&na), fmt_nums(&nb)),
                Some(join_printed(&numeric(&dw))),
                Some(join_printed(&numeric(&iw))),
                Some(op),
            ));
        }
        dw.retain(|w| !is_numeric(&w.key));
        iw.retain(|w| !is_numeric(&w.key));
    } else {
        number_sense = !na.is_empty() || !nb.is_empty();
    }

    // Negation.
    let neg_a = dw.iter().filter(|w| is_negation(&w.key)).count();
    let neg_b = iw.iter().filter(|w| is_negation(&w.key)).count();
    if neg_a != neg_b {
        let (detail, old, new) = if neg_a > neg_b {
            (
                "negation removed",
                negations(&dw),
                (neg_b > 0).then(|| negations(&iw)),
            )
        } else {
            ("negation added", negations(&dw), Some(negations(&iw)))
        };
        flags.push(flag(
            FlagKind::NegationChanged,
            Severity::Critical,
            detail.to_owned(),
            (!old.is_empty()).then_some(old),
            new,
            Some(op),
        ));
        strip_negation(&mut dw);
        strip_negation(&mut iw);
    }

    // Modality: compare the modals each side has that the other lacks.
    let ma = modals(&dw);
    let mb = modals(&iw);
    let (only_a, only_b) = multiset_minus(&ma, &mb);
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
        strip_modal(&mut dw);
        strip_modal(&mut iw);
    }

    // Words present on both sides (moved within the hunk) explain
    // themselves.
    cancel_common(&mut dw, &mut iw);

    // Spelling variants, word for word. Pairing is quadratic, so only for
    // hunks of a size where a spelling variant is plausible at all.
    let mut k = 0;
    while k < dw.len() && dw.len() * iw.len() <= MAX_PAIRING {
        if let Some(j) = iw.iter().position(|w| spelling_variant(&dw[k], w)) {
            flags.push(flag(
                FlagKind::SpellingVariant,
                Severity::Cosmetic,
                "same word spelled differently".to_owned(),
                Some(dw[k].printed.clone()),
                Some(iw[j].printed.clone()),
                Some(op),
            ));
            dw.remove(k);
            iw.remove(j);
        } else {
            k += 1;
        }
    }

    // An organisation named by its acronym on one side, in full (or by
    // another acronym) on the other.
    if !dw.is_empty() && !iw.is_empty() {
        let (pa, pb) = (join_printed(&dw), join_printed(&iw));
        if let Some(ev) = names::same_name(&pa, &pb)
            && (NameInfo::parse(&pa).acronym || NameInfo::parse(&pb).acronym)
        {
            flags.push(flag(
                FlagKind::OrgNameVariant,
                Severity::Cosmetic,
                format!("same organisation ({:?})", ev.rule),
                Some(pa),
                Some(pb),
                Some(op),
            ));
            dw.clear();
            iw.clear();
        }
    }

    // What is left is a wording change, an omission or an addition.
    let sense = |ws: &[Word]| {
        number_sense
            || ws.iter().any(|w| {
                is_negation(&w.key)
                    || is_qualifier(&w.key)
                    || is_modal(&w.key)
                    || is_numeric(&w.key)
            })
    };
    let function_only = |ws: &[Word]| ws.iter().all(|w| is_function_word(&w.key));
    match (dw.is_empty(), iw.is_empty()) {
        (false, false) => {
            let severity = if function_only(&dw) && function_only(&iw) {
                Severity::Minor
            } else {
                Severity::Major
            };
            flags.push(flag(
                FlagKind::WordingChanged,
                severity,
                format!("\"{}\" became \"{}\"", join_printed(&dw), join_printed(&iw)),
                Some(join_printed(&dw)),
                Some(join_printed(&iw)),
                Some(op),
            ));
        }
        (false, true) => {
            let at_start = ra.start <= a.first_text && rb.start <= b.first_text;
            let at_end = ra.end >= a.end_text && rb.end >= b.end_text;
            let changes_sense = sense(&dw);
            if at_start || at_end {
                let clean = if at_end {
                    // Cut at a clause boundary: the dropped part starts with
                    // punctuation, or the kept part ends with it, and the
                    // kept part doesn't end on a function word.
                    let kept_last = a.toks[..ra.start]
                        .iter()
                        .rev()
                        .find(|t| t.kind == TokKind::Word);
                    (starts_with_break(del) || ends_with_break(&a.toks[..ra.start]))
                        && !kept_last.is_some_and(|t| is_function_word(&t.key))
                } else {
                    ends_with_break(del)
                };
                let (severity, how) = if changes_sense {
                    (
                        Severity::Critical,
                        "a cut that drops a condition, negation, hedge or number",
                    )
                } else if !clean {
                    (Severity::Major, "cut mid-phrase")
                } else {
                    (Severity::Minor, "cut at a clause boundary")
                };
                let end = if at_end { "end" } else { "start" };
                flags.push(flag(
                    FlagKind::Truncation,
                    severity,
                    format!("{how} at the {end}: \"{}\" left out", join_printed(&dw)),
                    Some(join_printed(&dw)),
                    None,
                    Some(op),
                ));
            } else {
                let severity = if changes_sense {
                    Severity::Critical
                } else if function_only(&dw) {
                    Severity::Minor
                } else {
                    Severity::Major
                };
                flags.push(flag(
                    FlagKind::Omission,
                    severity,
                    format!("\"{}\" left out", join_printed(&dw)),
                    Some(join_printed(&dw)),
                    None,
                    Some(op),
                ));
            }
        }
        (true, false) => {
            let severity = if sense(&iw) {
                Severity::Critical
            } else if function_only(&iw) {
                Severity::Minor
            } else {
                Severity::Major
            };
            flags.push(flag(
                FlagKind::Addition,
                severity,
                format!("\"{}\" added", join_printed(&iw)),
                None,
                Some(join_printed(&iw)),
                Some(op),
            ));
        }
        (true, true) => {}
    }
    if flags.len() == start {
        // Nothing but punctuation (or marks already explained) changed.
        flags.push(flag(
            FlagKind::PunctuationCase,
            Severity::Cosmetic,
            "punctuation differs".to_owned(),
            some(&old_words),
            some(&new_words),
            Some(op),
        ));
    }
}

fn join_printed(ws: &[Word]) -> String {
    ws.iter()
        .map(|w| w.printed.as_str())
        .collect::<Vec<_>>()
        .join(" ")
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
    ws.iter()
        .filter(|w| is_negation(&w.key))
        .map(|w| w.printed.as_str())
        .collect::<Vec<_>>()
        .join(" ")
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
/// endings, or one edit apart in a long word (two in a very long one), or
/// a name spelled another way.
fn spelling_variant(x: &Word, y: &Word) -> bool {
    let (a, b) = (x.key.as_str(), y.key.as_str());
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
    if (max >= 6 && d <= 1) || (max >= 9 && d <= 2) {
        return true;
    }
    let capitalised = |w: &Word| w.printed.chars().next().is_some_and(char::is_uppercase);
    capitalised(x)
        && capitalised(y)
        && names::same_name(&x.printed, &y.printed).is_some_and(|e| e.rule == Rule::TokenVariant)
}

fn is_break(t: &Tok) -> bool {
    t.kind == TokKind::Ellipsis
        || (t.kind == TokKind::Punct
            && matches!(t.key.as_str(), "," | ";" | ":" | "." | "!" | "?" | "-"))
}

fn starts_with_break(toks: &[Tok]) -> bool {
    toks.first().is_some_and(is_break)
}

fn ends_with_break(toks: &[Tok]) -> bool {
    toks.iter()
        .rev()
        .find(|t| t.kind != TokKind::Punct || is_break(t))
        .is_some_and(is_break)
}

/// Speaker, wire and quote-or-paraphrase.
fn attribution_flags(a: &Version, b: &Version, flags: &mut Vec<Flag>) {
    match (a.speaker.as_deref(), b.speaker.as_deref()) {
        (Some(sa), Some(sb)) => {
            let (na, nb) = (NameInfo::parse(sa), NameInfo::parse(sb));
            if na.tokens != nb.tokens {
                match names::same_speaker(&na, &nb) {
                    Some(ev) => {
                        let severity = if ev.strength == Strength::Strong {
                            Severity::Cosmetic
                        } else {
                            Severity::Minor
                        };
                        let kind =
                            if matches!(ev.rule, Rule::AcronymInitials | Rule::AcronymPermuted) {
                                FlagKind::OrgNameVariant
                            } else {
                                FlagKind::SpeakerNameVariant
                            };
                        flags.push(flag(
                            kind,
                            severity,
                            format!(
                                "same speaker named another way ({:?}, {:?})",
                                ev.rule, ev.strength
                            ),
                            Some(sa.to_owned()),
                            Some(sb.to_owned()),
                            None,
                        ));
                    }
                    None => flags.push(flag(
                        FlagKind::DifferentSpeaker,
                        Severity::Critical,
                        "attributed to someone else".to_owned(),
                        Some(sa.to_owned()),
                        Some(sb.to_owned()),
                        None,
                    )),
                }
            } else if let (Some(ma), Some(mb)) =
                (a.speaker_mention.as_deref(), b.speaker_mention.as_deref())
                && fold(ma) != fold(mb)
            {
                flags.push(flag(
                    FlagKind::SpeakerNameVariant,
                    Severity::Cosmetic,
                    "same speaker, mentioned another way".to_owned(),
                    Some(ma.to_owned()),
                    Some(mb.to_owned()),
                    None,
                ));
            }
        }
        (Some(s), None) | (None, Some(s)) => flags.push(flag(
            FlagKind::DifferentSpeaker,
            Severity::Major,
            "attributed in one version only".to_owned(),
            a.speaker.is_some().then(|| s.to_owned()),
            b.speaker.is_some().then(|| s.to_owned()),
            None,
        )),
        (None, None) => {}
    }
    match (a.wire.as_deref(), b.wire.as_deref()) {
        (Some(wa), Some(wb)) if fold(wa) != fold(wb) && names::same_name(wa, wb).is_none() => {
            flags.push(flag(
                FlagKind::DifferentWire,
                Severity::Minor,
                "another agency credited".to_owned(),
                Some(wa.to_owned()),
                Some(wb.to_owned()),
                None,
            ));
        }
        (Some(w), None) | (None, Some(w)) => flags.push(flag(
            FlagKind::DifferentWire,
            Severity::Minor,
            "an agency credited in one version only".to_owned(),
            a.wire.is_some().then(|| w.to_owned()),
            b.wire.is_some().then(|| w.to_owned()),
            None,
        )),
        _ => {}
    }
    if a.kind != b.kind {
        let detail = if a.kind == Kind::Quote {
            "quoted in the reference, paraphrased here"
        } else {
            "paraphrased in the reference, quoted here"
        };
        flags.push(flag(
            FlagKind::QuoteVsParaphrase,
            Severity::Minor,
            detail.to_owned(),
            Some(a.kind.as_str().to_owned()),
            Some(b.kind.as_str().to_owned()),
            None,
        ));
    }
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
