//! French reported speech without quotation marks: « X a affirmé que C »,
//! « Selon X, C », « C, a affirmé X », « X a assuré n'avoir C ».

use std::ops::Range;

use quotetrail_store::{Kind, WireSource};

use super::phrase::{incise_at, speech_verb, subject_before};
use super::words::{is_dative, is_selon, unelided};
use crate::extract::Found;
use crate::extract::rules::{self, RuleId, Trace};
use crate::text::{Doc, Tok};

/// The claims of live sentences that lie outside the quotes found.
pub fn find(doc: &Doc<'_>, live: &[bool], quotes: &[Found], trace: &mut Trace) -> Vec<Found> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        if !live.get(s.paragraph).copied().unwrap_or(true) {
            continue;
        }
        let toks = doc.tokens(s.range.clone());
        match claim(doc.text, &toks) {
            Some(c) if !covered(doc.text, quotes, &c.content) => out.push(found(doc.text, c)),
            Some(c) => trace.note(c.content, false, c.rule, || {
                "the words open with a quotation mark or lie in a quote: a quote, not a claim"
                    .into()
            }),
            None => {}
        }
    }
    out
}

struct Claim {
    content: Range<usize>,
    mention: Option<Range<usize>>,
    cue: Range<usize>,
    rule: RuleId,
}

/// The first claim pattern the sentence fits.
fn claim(text: &str, toks: &[Tok<'_>]) -> Option<Claim> {
    let end = toks
        .iter()
        .rposition(|t| t.word || t.is('\u{BB}') || t.is('"'))?
        + 1;
    if end < 3 {
        return None;
    }
    // "GENEVE (ats) - C": the dateline opens the sentence, not the claim.
    let skip = dateline_len(toks).min(end);
    let (toks, end) = (&toks[skip..], end - skip);
    if end < 3 {
        return None;
    }
    selon_first(toks, end)
        .or_else(|| verb_then_content(text, toks, end))
        .or_else(|| content_then_incise(toks, end))
}

/// The tokens of a dateline opening a sentence: "GENEVE (ats) -",
/// "KENDORA (AFP) –": capitals, a credit in brackets, a dash.
fn dateline_len(toks: &[Tok<'_>]) -> usize {
    let Some(close) = toks.iter().take(8).position(|t| t.is(')')) else {
        return 0;
    };
    let caps = toks[..close]
        .iter()
        .take_while(|t| !t.is('('))
        .all(|t| !t.word || t.text.chars().all(|c| !c.is_lowercase()));
    let dash = toks
        .get(close + 1)
        .is_some_and(|t| t.is('-') || t.is('\u{2013}') || t.is('\u{2014}'));
    if caps && dash { close + 2 } else { 0 }
}

/// "Selon X, C." / "D'après X, C."
fn selon_first(toks: &[Tok<'_>], end: usize) -> Option<Claim> {
    let k = is_selon(toks, 0)?;
    let comma = toks[k..end].iter().position(|t| t.is(','))? + k;
    if comma == k || comma + 1 >= end {
        return None;
    }
    Some(Claim {
        content: toks[comma + 1].range.start..toks[end - 1].range.end,
        mention: Some(toks[k].range.start..toks[comma - 1].range.end),
        cue: toks[0].range.start..toks[comma - 1].range.end,
        rule: rules::FR_CLAIM_SELON,
    })
}

/// "X a affirmé (à l'AFP) que C" and "X a assuré n'avoir C".
fn verb_then_content(text: &str, toks: &[Tok<'_>], end: usize) -> Option<Claim> {
    let (aux, verb) = speech_verb(toks, 0, end)?;
    let mention = subject_before(toks, 0, aux)?;
    let mut k = verb + 1;
    // A credit, a day or a phrase between commas ("a déclaré, sous
    // couvert d'anonymat, n'être …") between the verb and its complement.
    while let Some(t) = toks.get(k) {
        if is_dative(t) {
            k += 2;
        } else if t.word && super::words::lx().is_calendar_word(t.text) {
            k += 1;
        } else if t.is(',')
            && let Some(close) = toks[k + 1..].iter().take(7).position(|t| t.is(','))
        {
            k += close + 2;
        } else {
            break;
        }
    }
    let t = toks.get(k)?;
    let w = t.text.to_lowercase();
    let (start, rule) = if w == "que" {
        (toks.get(k + 1)?.range.start, rules::FR_CLAIM_QUE)
    } else if w.starts_with("qu'") || w.starts_with("qu\u{2019}") {
        (t.range.end - unelided(t.text).len(), rules::FR_CLAIM_QUE)
    } else if super::words::lx()
        .claims
        .infinitive_openers
        .contains_lower(&w)
    {
        (t.range.start, rules::FR_CLAIM_INFINITIVE)
    } else {
        return None;
    };
    // "…, a rapporté RFI": a trailing incise credits, it isn't said.
    let last = (k + 1..end)
        .rev()
        .find(|&c| toks[c].is(',') && incise_at(toks, c + 1).is_some_and(|(_, e)| e >= end))
        .map_or(end, |c| c);
    let stop = toks[last - 1].range.end;
    (start < stop && text[start..stop].chars().any(char::is_alphanumeric)).then(|| Claim {
        content: start..stop,
        mention: Some(mention),
        cue: toks[aux].range.start..t.range.end,
        rule,
    })
}

/// "C, a affirmé X." / "C, selon X." / "C, a-t-il ajouté."
fn content_then_incise(toks: &[Tok<'_>], end: usize) -> Option<Claim> {
    for k in (1..end).rev() {
        if !toks[k].is(',') {
            continue;
        }
        let Some((mention, stop)) = incise_at(toks, k + 1) else {
            continue;
        };
        // The incise ends the sentence, or a relative clause about the
        // speaker follows it ("…, selon un responsable, qui a requis
        // l'anonymat").
        let relative = toks.get(stop).is_some_and(|t| t.is(','))
            && toks
                .get(stop + 1)
                .is_some_and(|t| matches!(t.text.to_lowercase().as_str(), "qui" | "dont"));
        if (stop < end && !relative) || !toks[..k].iter().any(|t| t.word) {
            return None;
        }
        return Some(Claim {
            content: toks[0].range.start..toks[k - 1].range.end,
            mention: Some(mention),
            cue: toks[k + 1].range.start..toks[end - 1].range.end,
            rule: rules::FR_CLAIM_INCISE,
        });
    }
    None
}

/// Whether a quote found already holds most of the claim: a claim is kept
/// only when it opens outside every quote (it carries a quoted fragment).
fn covered(text: &str, quotes: &[Found], r: &Range<usize>) -> bool {
    let marks = |c: char| {
        c.is_whitespace() || is_mark(c) || matches!(c, ',' | '.' | '\u{2013}' | '\u{2014}')
    };
    let inner = &text[r.clone()];
    let start = r.start + (inner.len() - inner.trim_start_matches(marks).len());
    let end = r.start + inner.trim_end_matches(marks).len();
    // Words that open with a quotation mark are a quote, not reported
    // speech.
    inner.starts_with(is_mark) || quotes.iter().any(|q| q.start <= start && end <= q.end)
}

/// Quotation marks, any family.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{AB}' | '\u{BB}' | '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2039}' | '\u{203A}'
    )
}

fn found(text: &str, c: Claim) -> Found {
    let words = text[c.content.clone()].trim_end_matches(['.', ' ']);
    Found {
        kind: Kind::Claim,
        text: words.to_owned(),
        start: c.content.start,
        end: c.content.start + words.len(),
        speaker: None,
        speaker_mention: c.mention.clone().map(|m| text[m].to_owned()),
        speaker_rule: c.mention.as_ref().map(|_| c.rule),
        mention_span: c.mention,
        cue_span: Some(c.cue),
        wire: None,
        wire_source: WireSource::None,
        rule: c.rule,
    }
}
