//! Who said a quote, as each language's rules read the words around it:
//! the regions an attribution rule is shown ([`Regions`]), what it finds
//! ([`Attributed`]), the conventions every language shares (a transcript's
//! speaker label, a dash credit) and the English cues. The French ones are
//! in [`super::rules::fr::quotes`].

use std::ops::Range;

use super::cue;
use super::embedded;
use super::quotes::Span;
use super::rules::{self, RuleId};
use crate::text::Doc;

/// Where a quote's speaker was found, as a language's rules read it.
#[derive(Debug, Clone, Default)]
pub struct Attributed {
    /// The speaker mention, a byte range of the body.
    pub mention: Option<Range<usize>>,
    /// The attribution words ("said Ann Lee", "a indiqué à l'AFP X"),
    /// searched for wire credits.
    pub cue_span: Option<Range<usize>>,
    /// An attribution inside the quote's own marks (« A, a dit X. B »):
    /// the quote is cut around it into two quotes.
    pub inside: Option<Range<usize>>,
    /// The rule that found the speaker.
    pub rule: Option<RuleId>,
}

/// What an attribution rule set is shown of each quote.
pub struct Regions<'r> {
    /// The quote.
    pub span: &'r Span,
    /// From the closing mark to the next quote or the paragraph end.
    pub after: Range<usize>,
    /// From the previous quote (or the paragraph start) to the opening mark.
    pub before: Range<usize>,
    /// Whether the quote ends its own sentence ("….”).
    pub closed: bool,
}

/// A quote that opens with a transcript's speaker label ("WALLACE: Let's
/// start…", "M. DUPONT : …"): one to three words in capitals and a colon.
pub(crate) fn transcript_label(text: &str, content: &Range<usize>) -> Option<Attributed> {
    let head = text.get(content.start..content.end.min(content.start + 48))?;
    let colon = head.find(':')?;
    let label = head[..colon].trim_end();
    let words: Vec<&str> = label.split_whitespace().collect();
    let caps = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    };
    let ok = (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| caps(w) || *w == "M." || *w == "MR." || *w == "MS.")
        && words.iter().any(|w| caps(w));
    ok.then(|| {
        let start = content.start + (head.len() - head.trim_start().len());
        Attributed {
            mention: Some(start..content.start + label.len()),
            cue_span: None,
            inside: None,
            rule: Some(rules::QUOTE_TRANSCRIPT_LABEL),
        }
    })
}

/// "“…” ― Jorge Falcon": a dash and a name after the quote, ending its
/// paragraph, as quotes collected from readers or epigraphs are credited.
pub(crate) fn dash_credit(text: &str, r: &Regions<'_>) -> Option<Attributed> {
    let after = text.get(r.after.clone())?;
    let lead = after.len() - after.trim_start().len();
    let rest = after.trim_start();
    let dash = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '\u{2015}' | '\u{2014}' | '\u{2013}'))?;
    let name_raw = &rest[dash.len_utf8()..];
    let name = name_raw
        .trim_start_matches(|c: char| c.is_whitespace())
        .trim_end()
        .trim_end_matches('.');
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w.len() <= 3);
    if !named || name.contains(['"', '\u{201C}', '\u{201D}', '\u{AB}']) {
        return None;
    }
    let start =
        r.after.start + lead + dash.len_utf8() + (name_raw.len() - name_raw.trim_start().len());
    Some(Attributed {
        mention: Some(start..start + name.len()),
        cue_span: Some(r.after.start + lead..start + name.len()),
        inside: None,
        rule: Some(rules::QUOTE_DASH_CREDIT),
    })
}

/// A quote that opens its paragraph right after a paragraph ending in a
/// colon ("The Times reports:", "Lee said in a statement:") is what that
/// lead-in announces: its cue is read there.
fn lead_in_paragraph(doc: &Doc<'_>, r: &Regions<'_>) -> Option<cue::Cue> {
    let text = doc.text;
    let before = text.get(r.before.clone())?;
    if before.chars().any(char::is_alphanumeric) {
        return None;
    }
    let prev = doc.paragraphs.get(r.span.paragraph.checked_sub(1)?)?;
    let lead = text.get(prev.clone())?.trim_end();
    if !lead.ends_with(':') {
        return None;
    }
    cue::before(text, prev.start..prev.start + lead.len())
}

/// English attribution: the cue after the quote, else before it (in its
/// sentence, or in a lead-in paragraph ending with a colon), else the
/// subject of the quote's sentence.
pub fn attribute_en(doc: &Doc<'_>, r: &Regions<'_>) -> Attributed {
    let text = doc.text;
    let para = &doc.paragraphs[r.span.paragraph];
    let after = (r.span.outer.end <= para.end && r.after.start < r.after.end)
        .then(|| cue::after(text, r.after.clone(), r.closed))
        .flatten()
        .map(|c| (c, rules::EN_QUOTE_CUE_AFTER));
    match after
        .or_else(|| cue::before(text, r.before.clone()).map(|c| (c, rules::EN_QUOTE_CUE_BEFORE)))
        .or_else(|| lead_in_paragraph(doc, r).map(|c| (c, rules::EN_QUOTE_CUE_BEFORE)))
    {
        Some((c, rule)) => Attributed {
            mention: Some(c.mention),
            cue_span: Some(c.span),
            inside: None,
            rule: Some(rule),
        },
        None => {
            let at = r.span.outer.start;
            let (mention, rule) = match cue::sentence_subject(doc, at) {
                Some(m) => (Some(m), Some(rules::EN_QUOTE_SUBJECT)),
                None => match embedded::embedded_subject(doc, at) {
                    Some(m) => (Some(m), Some(rules::EN_QUOTE_EMBEDDED)),
                    None => (None, None),
                },
            };
            Attributed {
                mention,
                rule,
                ..Attributed::default()
            }
        }
    }
}
