//! Comparing one version of a statement with its reference, word by word,
//! and saying what every difference is.
//!
//! The words are diffed with `similar` over token keys (see
//! [`crate::follow::tokens::tokenize_for_diff`]: contractions written out,
//! quote marks and dashes folded), under a deadline because the text is
//! untrusted. The diff is then tidied the way an editor reads it: a stretch
//! only one version has slides to the text's start or end when it can, and
//! punctuation alone does not hold two changes apart. Each changed stretch
//! (a *hunk*) is explained by [`classify`]: what runs past the other
//! version's start or end is a cut, whichever version is the reference;
//! negation, numbers and modality are read only where both versions run;
//! the rest is a spelling or name variant, a wording change, an omission or
//! an addition. Speaker, wire and quote-or-paraphrase are compared beside
//! the words; when a claim is set against a quote, the claim's words
//! outside its quoted spans are the reporter's and weigh at most Minor.
//! Every difference gets at least one [`Flag`], and every flag a
//! [`Severity`], so a reader can sort a story's versions by how far they
//! drift from what was said.

use std::ops::Range;
use std::time::Duration;

use quotetrail_store::Kind;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag, TextDiff};

use crate::follow::Version;
use crate::follow::tokens::{TokKind, key_number};

mod align;
mod attribution;
mod classify;
mod sense;
mod side;

use side::{Side, Which};

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
    /// The same content words in other wording: two translations of one
    /// foreign-language utterance, or a rewording.
    TranslationVariant,
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
    // A claim set against a quote: the claim's words outside its quoted
    // spans are the reporter's, not the speaker's.
    let claim = match (reference.kind, other.kind) {
        (Kind::Claim, Kind::Quote) => Some(Which::Reference),
        (Kind::Quote, Kind::Claim) => Some(Which::Other),
        _ => None,
    };
    let (ra, oa) = (reference.lang.as_deref(), other.lang.as_deref());
    let mut out = if crate::follow::crosslang::languages_differ(ra, oa) {
        across_languages(reference, other)
    } else {
        let mut out = diff_words(&reference.text, &other.text, opts, claim);
        translation_flag(reference, other, &mut out.flags);
        out
    };
    attribution::attribution_flags(reference, other, &mut out.flags);
    sort_flags(&mut out.flags);
    out
}

/// Versions in two languages: their words can't be compared word for word,
/// so the diff is the two texts side by side and one flag saying it is a
/// translation; the similarity is the share of anchors they have in common
/// (see [`crate::follow::crosslang`]). Speaker and wire are compared as
/// for any pair.
fn across_languages(a: &Version, b: &Version) -> VersionDiff {
    use crate::follow::crosslang::{anchors, overlap};
    let (_, share) = overlap(&anchors(&a.text), &anchors(&b.text));
    let langs = format!(
        "{} and {}",
        a.lang.as_deref().unwrap_or("?"),
        b.lang.as_deref().unwrap_or("?")
    );
    VersionDiff {
        ops: vec![
            Op {
                tag: OpTag::Delete,
                text: a.text.clone(),
            },
            Op {
                tag: OpTag::Insert,
                text: b.text.clone(),
            },
        ],
        flags: vec![flag(
            FlagKind::TranslationVariant,
            Severity::Minor,
            format!(
                "the same statement in another language ({langs}): a translation, so words are \
                 not compared; same speaker, days, names and numbers"
            ),
            None,
            None,
            None,
        )],
        similarity: share,
    }
}

/// Reworded versions with the same content words (see
/// [`crate::follow::translation`]) get one more flag saying so: the
/// wording changes beside it may be two translations of one utterance.
fn translation_flag(a: &Version, b: &Version, flags: &mut Vec<Flag>) {
    // A changed modal, negation or number is a change of meaning, never
    // a matter of translation.
    let reworded = flags.iter().any(|f| f.kind == FlagKind::WordingChanged)
        && !flags.iter().any(|f| {
            matches!(
                f.kind,
                FlagKind::ModalityChanged | FlagKind::NegationChanged | FlagKind::NumberChanged
            )
        });
    if reworded
        && a.kind == b.kind
        && crate::follow::translation::is_translation_variant(&a.text, &b.text)
    {
        flags.push(flag(
            FlagKind::TranslationVariant,
            Severity::Minor,
            "the same content words in other wording: two translations of one utterance, or a \
             rewording"
                .to_owned(),
            None,
            None,
            None,
        ));
    }
}

/// Compares two texts alone: words, no speaker, wire or kind.
pub fn diff_texts(old: &str, new: &str) -> VersionDiff {
    let mut out = diff_words(old, new, &DiffOptions::default(), None);
    sort_flags(&mut out.flags);
    out
}

fn sort_flags(flags: &mut [Flag]) {
    flags.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.op.cmp(&b.op)));
}

/// A stretch of the diff: the same on both sides, or changed.
#[derive(Clone, Debug)]
struct Run {
    equal: bool,
    ra: Range<usize>,
    rb: Range<usize>,
}

/// Appends `r`, merging it into the last run if that has the same tag.
fn push_run(runs: &mut Vec<Run>, r: Run) {
    if r.ra.is_empty() && r.rb.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut()
        && last.equal == r.equal
    {
        last.ra.end = r.ra.end;
        last.rb.end = r.rb.end;
        return;
    }
    runs.push(r);
}

fn diff_words(old: &str, new: &str, opts: &DiffOptions, claim: Option<Which>) -> VersionDiff {
    let a = Side::new(old, claim == Some(Which::Reference));
    let b = Side::new(new, claim == Some(Which::Other));
    let ka: Vec<&str> = a.toks.iter().map(|t| t.key.as_str()).collect();
    let kb: Vec<&str> = b.toks.iter().map(|t| t.key.as_str()).collect();
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(opts.timeout)
        .diff_slices(&ka, &kb);
    let mut runs = Vec::new();
    for op in diff.ops() {
        let (tag, ra, rb) = op.as_tag_tuple();
        let equal = tag == DiffTag::Equal;
        push_run(&mut runs, Run { equal, ra, rb });
    }
    let mut ops = Vec::new();
    let mut flags = Vec::new();
    for r in align::tidy(&a, &b, runs) {
        let first = ops.len();
        if r.equal {
            ops.push(Op {
                tag: OpTag::Equal,
                text: a.show(r.ra.clone()),
            });
            equal_flags(&a, &b, r.ra, r.rb, first, &mut flags);
            continue;
        }
        if !r.ra.is_empty() {
            ops.push(Op {
                tag: OpTag::Delete,
                text: a.show(r.ra.clone()),
            });
        }
        if !r.rb.is_empty() {
            ops.push(Op {
                tag: OpTag::Insert,
                text: b.show(r.rb.clone()),
            });
        }
        classify::hunk_flags(&a, &b, r.ra, r.rb, first, &mut flags);
    }
    VersionDiff {
        ops,
        flags,
        similarity: diff.ratio(),
    }
}

/// Tokens with equal keys can still be printed differently: case, accents,
/// typographic marks, a number in digits or words, a contraction written
/// out. One cosmetic flag per kind per equal run.
fn equal_flags(
    a: &Side<'_>,
    b: &Side<'_>,
    ra: Range<usize>,
    rb: Range<usize>,
    op: usize,
    flags: &mut Vec<Flag>,
) {
    let mut case = (Vec::new(), Vec::new());
    let mut spelling = (Vec::new(), Vec::new());
    let mut contracted = (Vec::new(), Vec::new());
    let (end_a, end_b) = (ra.end, rb.end);
    let mut pairs = ra.zip(rb);
    while let Some((i, j)) = pairs.next() {
        let (ca, cb) = (a.toks[i].clitic, b.toks[j].clitic);
        if ca || cb {
            // Half a contraction whose first word is in a changed stretch:
            // still a contraction on one side only if that word is the
            // same ("we" of "we've" against "we have").
            if ca != cb && i > 0 && j > 0 && a.toks[i - 1].key == b.toks[j - 1].key {
                contracted.0.push(a.span_text(i - 1..i + 1));
                contracted.1.push(b.span_text(j - 1..j + 1));
            }
            continue;
        }
        let (ha, hb) = (a.is_host(i), b.is_host(j));
        if ha || hb {
            // The whole contraction is in this run only if its second word is.
            pairs.next();
            if i + 1 >= end_a || j + 1 >= end_b {
                continue;
            }
            let (pa, pb) = (a.span_text(i..i + 2), b.span_text(j..j + 2));
            if ha != hb {
                contracted.0.push(pa);
                contracted.1.push(pb);
            } else if pa != pb {
                case.0.push(pa);
                case.1.push(pb);
            }
            continue;
        }
        let (pa, pb) = (a.printed(i), b.printed(j));
        if pa == pb {
            continue;
        }
        let tok = &a.toks[i];
        let plain = |s: &str| s.to_lowercase().replace('\u{2019}', "'");
        let bucket = if tok.kind == TokKind::Word
            && (key_number(&tok.key).is_some() || plain(pa) != plain(pb))
        {
            &mut spelling
        } else {
            &mut case
        };
        bucket.0.push(pa.to_owned());
        bucket.1.push(pb.to_owned());
    }
    for (bucket, kind, detail) in [
        (
            case,
            FlagKind::PunctuationCase,
            "same words, other case or marks",
        ),
        (
            spelling,
            FlagKind::SpellingVariant,
            "same words, accents or number written differently",
        ),
        (
            contracted,
            FlagKind::SpellingVariant,
            "same words, contracted in one version only",
        ),
    ] {
        if !bucket.0.is_empty() {
            flags.push(flag(
                kind,
                Severity::Cosmetic,
                detail.to_owned(),
                Some(bucket.0.join(" ")),
                Some(bucket.1.join(" ")),
                Some(op),
            ));
        }
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

/// A word still unexplained while classifying a hunk.
#[derive(Clone, Debug)]
struct Word {
    key: String,
    /// The token as printed ("do" of "don't").
    printed: String,
    /// For the first word of a contraction, the whole contraction.
    whole: Option<String>,
    /// The second word of a contraction.
    clitic: bool,
    /// Token index on its side.
    idx: usize,
    /// The reporter's words (see [`Side::reported`]).
    reported: bool,
}

/// Words as printed, a contraction whole when both its words are in `ws`
/// and as the word it stands for when only one is.
fn join_printed(ws: &[Word]) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(ws.len());
    for (k, w) in ws.iter().enumerate() {
        let with_prev = k > 0 && ws[k - 1].whole.is_some() && ws[k - 1].idx + 1 == w.idx;
        let with_next = ws
            .get(k + 1)
            .is_some_and(|n| n.clitic && n.idx == w.idx + 1);
        match (&w.whole, w.clitic) {
            (_, true) if with_prev => {}
            (_, true) => out.push(&w.key),
            (Some(whole), _) if with_next => out.push(whole),
            (Some(_), _) => out.push(&w.key),
            (None, _) => out.push(&w.printed),
        }
    }
    out.join(" ")
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
