//! Who said a French quote: an incise inside its guillemets or after
//! them, or the attribution that leads into it.

use std::ops::Range;

use super::phrase::{incise_at, name_at, speech_verb, subject_before};
use super::words::{is_dative, is_selon, unelided};
use crate::extract::attribution::{Attributed, Regions};
use crate::extract::lexicon::agency_at;
use crate::extract::rules;
use crate::text::{Doc, Tok};

/// The French attribution rules, in the order they are tried:
/// [`rules::FR_QUOTE_INCISE_INSIDE`], [`rules::FR_QUOTE_INCISE_AFTER`],
/// [`rules::FR_QUOTE_LEAD_IN`] and [`rules::FR_QUOTE_SUBJECT`].
pub fn attribute(doc: &Doc<'_>, r: &Regions<'_>) -> Attributed {
    let para = &doc.paragraphs[r.span.paragraph];
    inside(doc, &r.span.content)
        .or_else(|| {
            (r.span.outer.end <= para.end)
                .then(|| after(doc, r.after.clone()))
                .flatten()
        })
        .or_else(|| before(doc, r))
        .unwrap_or_default()
}

/// « A, a déclaré M. Masson à l'AFP. B »: an incise between commas or
/// ending a sentence inside the marks, with words on both sides.
fn inside(doc: &Doc<'_>, content: &Range<usize>) -> Option<Attributed> {
    let toks = doc.tokens(content.clone());
    for (k, t) in toks.iter().enumerate() {
        if !t.is(',') || k == 0 {
            continue;
        }
        let Some((mention, end)) = incise_at(&toks, k + 1) else {
            continue;
        };
        let stop = toks.get(end)?;
        if !(stop.is(',') || stop.is('.') || stop.is(';')) {
            continue;
        }
        // Words must follow, or this is an incise after a quote that
        // the marks happen to enclose.
        if !toks[end + 1..].iter().any(|t| t.word) {
            return None;
        }
        return Some(Attributed {
            mention: Some(mention),
            cue_span: Some(toks[k + 1].range.start..stop.range.start),
            inside: Some(t.range.start..stop.range.end),
            rule: Some(rules::FR_QUOTE_INCISE_INSIDE),
        });
    }
    None
}

/// « … », a-t-il déclaré / a indiqué à l'AFP le porte-parole / selon
/// lui. A capitalised word right after the marks starts a new sentence,
/// which does not attribute the quote.
fn after(doc: &Doc<'_>, region: Range<usize>) -> Option<Attributed> {
    let toks = sentence_head(doc, region);
    let mut i = 0;
    if toks.first().is_some_and(|t| t.is(',')) {
        i = 1;
    } else if toks.first().is_some_and(|t| t.capitalised()) {
        return None;
    }
    let (mention, end) = incise_at(&toks, i)?;
    let cue_end = toks
        .get(end.saturating_sub(1))
        .map_or(mention.end, |t| t.range.end);
    Some(Attributed {
        mention: Some(mention),
        cue_span: Some(toks[i].range.start..cue_end.max(toks[i].range.end)),
        inside: None,
        rule: Some(rules::FR_QUOTE_INCISE_AFTER),
    })
}

/// The tokens of `region` up to the end of its first sentence.
fn sentence_head<'a>(doc: &Doc<'a>, region: Range<usize>) -> Vec<Tok<'a>> {
    let mut toks = doc.tokens(region);
    if let Some(k) = toks
        .iter()
        .position(|t| t.is('.') || t.is('!') || t.is('?'))
    {
        toks.truncate(k);
    }
    toks
}

/// X a déclaré : « … » / Selon X, « … » (a lead-in), or a speech verb
/// earlier in the quote's sentence: Elle a estimé que les habitants « … »
/// (the sentence's subject).
fn before(doc: &Doc<'_>, r: &Regions<'_>) -> Option<Attributed> {
    let si = doc.sentence_at(r.span.outer.start)?;
    let start = doc.sentences[si].range.start.max(r.before.start);
    if start >= r.before.end {
        return None;
    }
    let toks = doc.tokens(start..r.before.end);
    if toks.is_empty() {
        return None;
    }
    // "Selon X, « … »".
    if let Some(k) = is_selon(&toks, 0)
        && let Some((name, _)) = name_at(&toks, k).or_else(|| phrase_to_comma(&toks, k))
    {
        return Some(lead(name, &toks, rules::FR_QUOTE_LEAD_IN));
    }
    let (aux, verb) = speech_verb(&toks, 0, toks.len())?;
    let subject = subject_before(&toks, 0, aux)?;
    // A colon or "que" right before the marks, or nothing after the verb
    // but a credit, makes a lead-in; other words make the quote part of a
    // sentence.
    let rest = &toks[verb + 1..];
    let lead_in = rest.last().is_none_or(|t| {
        t.is(':') || matches!(t.text.to_lowercase().as_str(), "que" | "qu'" | "qu\u{2019}")
    }) || rest
        .iter()
        .all(|t| is_dative(t) || agency_at(&[unelided(t.text)]).is_some());
    let rule = if lead_in {
        rules::FR_QUOTE_LEAD_IN
    } else {
        rules::FR_QUOTE_SUBJECT
    };
    Some(lead(subject, &toks, rule))
}

/// "Selon le ministre, « … »": the words up to the comma.
fn phrase_to_comma(toks: &[Tok<'_>], k: usize) -> Option<(Range<usize>, usize)> {
    let end = toks[k..].iter().position(|t| t.is(','))? + k;
    (end > k).then(|| (toks[k].range.start..toks[end - 1].range.end, end))
}

fn lead(mention: Range<usize>, toks: &[Tok<'_>], rule: rules::RuleId) -> Attributed {
    let span = toks[0].range.start..toks[toks.len() - 1].range.end;
    Attributed {
        mention: Some(mention),
        cue_span: Some(span),
        inside: None,
        rule: Some(rule),
    }
}

/// A paragraph opened with a dialogue dash ("— Nous partirons, a-t-elle
/// dit.") is a quote up to its incise: [`rules::FR_QUOTE_DASH`].
pub fn dash_quotes(doc: &Doc<'_>, live: &[bool]) -> Vec<crate::extract::Found> {
    let mut out = Vec::new();
    for (p, range) in doc.paragraphs.iter().enumerate() {
        if !live.get(p).copied().unwrap_or(true) {
            continue;
        }
        let text = doc.slice(range);
        let Some(rest) = text.strip_prefix(['\u{2014}', '\u{2013}']) else {
            continue;
        };
        let start = range.end - rest.len();
        let toks = doc.tokens(start..range.end);
        // The incise: a comma, a speech verb and its speaker, ending the
        // paragraph or followed by more words.
        let incise = toks.iter().enumerate().find_map(|(k, t)| {
            let (mention, end) = incise_at(&toks, k + 1).filter(|_| t.is(',') && k > 0)?;
            Some((k, mention, end))
        });
        let (content, mention, cue) = match incise {
            Some((k, mention, end)) => {
                let cue_end = toks
                    .get(end.saturating_sub(1))
                    .map_or(mention.end, |t| t.range.end);
                (
                    start..toks[k].range.start,
                    Some(mention),
                    Some(toks[k + 1].range.start..cue_end),
                )
            }
            None => (start..range.end, None, None),
        };
        let raw = &doc.text[content.clone()];
        let words = raw.trim();
        if !words.chars().any(char::is_alphanumeric) {
            continue;
        }
        let s = content.start + (raw.len() - raw.trim_start().len());
        out.push(crate::extract::Found {
            kind: quotetrail_store::Kind::Quote,
            text: words.to_owned(),
            start: s,
            end: s + words.len(),
            speaker: None,
            speaker_mention: mention.clone().map(|m| doc.text[m].to_owned()),
            speaker_rule: mention.as_ref().map(|_| rules::FR_QUOTE_DASH),
            mention_span: mention,
            cue_span: cue,
            wire: None,
            wire_source: quotetrail_store::WireSource::None,
            rule: rules::FR_QUOTE_DASH,
        });
    }
    out
}
