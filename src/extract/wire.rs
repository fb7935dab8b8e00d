//! Wire credits: the agency the text credits for each statement.
//!
//! The rules, strongest first:
//!
//! 1. **Text credit.** The statement's own attribution names an agency or
//!    outlet ("told AFP", "a statement seen by the AFP news agency", "in a
//!    statement to Radio France Internationale", "the Associated Press
//!    said", "according to Reuters", "The BBC's Mark Doyle says").
//! 2. **Interview credit.** A speaker credited once is credited for all their
//!    statements in the article: "Hamaha told the Guardian" covers Hamaha's
//!    other quotes from that interview, before and after the credit.
//! 3. **Document credit.** A credit on a document ("a statement … seen by
//!    AFP") carries to the statements that follow, until the text credits
//!    something else: they report the same document.
//! 4. **Origin.** When the article itself comes from a wire service (a
//!    "(AFP) -" dateline, or an `origin` that names an agency), every
//!    statement still uncredited gets that agency with
//!    [`WireSource::Inferred`], so users can tell a read credit from an
//!    inferred one. Newspapers and broadcasters as origins are syndication,
//!    not newsgathering credit, and are not inferred.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use quotetrail_store::WireSource;

use super::lexicon::{Agency, agencies, agency_at, agency_named};
use super::speaker::Names;
use super::{ArticleMeta, Found};
use crate::text::Doc;

/// Nouns that make a credited source a document.
const DOCUMENTS: &[&str] = &[
    "statement",
    "communique",
    "communiqué",
    "letter",
    "document",
    "memo",
    "release",
    "video",
    "message",
];

/// Where the document names an agency: (start, agency), in body order.
/// One SIMD substring search per written form keeps this fast on long
/// text.
fn agency_mentions(doc: &Doc<'_>) -> Vec<(usize, &'static Agency)> {
    let text = doc.text;
    let mut out = Vec::new();
    for (agency, finder) in agency_finders() {
        for pos in finder.find_iter(text.as_bytes()).take(10_000) {
            let prev = text[..pos].chars().next_back();
            if prev.is_some_and(char::is_alphanumeric) {
                continue;
            }
            // "Michael Bloomberg" is a person, not the agency.
            let before = text[..pos].trim_end_matches(' ');
            let prev_word = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if before.len() + 1 == pos
                && prev_word.starts_with(|c: char| c.is_uppercase())
                && prev_word != "The"
            {
                continue;
            }
            let mut end = (pos + 80).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let toks = doc.tokens(pos..end);
            let words: Vec<&str> = toks.iter().take(5).map(|t| t.text).collect();
            if let Some((a, _)) = agency_at(&words) {
                if a.canonical == agency.canonical {
                    out.push((pos, a));
                }
            }
        }
    }
    out.sort_by_key(|&(p, a)| (p, a.canonical));
    out.dedup_by_key(|&mut (p, _)| p);
    out
}

/// One substring finder per written form's first word, built once per
/// process: building them per article cost as much as running them.
fn agency_finders() -> &'static [(&'static Agency, memchr::memmem::Finder<'static>)] {
    static FINDERS: OnceLock<Vec<(&'static Agency, memchr::memmem::Finder<'static>)>> =
        OnceLock::new();
    FINDERS.get_or_init(|| {
        let mut firsts: Vec<(&'static Agency, &'static str)> = Vec::new();
        for agency in agencies() {
            for form in &agency.forms {
                // Forms sharing a first word find the same places.
                if let Some(&first) = form.first()
                    && !firsts
                        .iter()
                        .any(|&(a, f)| a.canonical == agency.canonical && f == first)
                {
                    firsts.push((agency, first));
                }
            }
        }
        firsts
            .into_iter()
            .map(|(agency, first)| (agency, memchr::memmem::Finder::new(first.as_bytes())))
            .collect()
    })
}

/// The agency credited in `text[range]` (the first one named there), with
/// whether a document is named beside it.
fn credit_in(
    text: &str,
    mentions: &[(usize, &'static Agency)],
    range: Range<usize>,
) -> Option<(&'static Agency, bool)> {
    let range = clamp(text, range, 600);
    let k = mentions.partition_point(|&(p, _)| p < range.start);
    let &(pos, agency) = mentions.get(k)?;
    if pos >= range.end {
        return None;
    }
    let region = text[range].to_ascii_lowercase();
    let document = DOCUMENTS.iter().any(|d| region.contains(d));
    Some((agency, document))
}

/// At most `max` bytes of `range`, ending on a character boundary.
fn clamp(text: &str, range: Range<usize>, max: usize) -> Range<usize> {
    let mut end = range
        .end
        .min(range.start.saturating_add(max))
        .min(text.len());
    while end > range.start && !text.is_char_boundary(end) {
        end -= 1;
    }
    range.start.min(end)..end
}

/// Sets `wire` and `wire_source` on every statement. `statements` must be
/// in body order with speakers resolved.
pub fn credit(doc: &Doc<'_>, meta: &ArticleMeta, statements: &mut [Found]) {
    credit_keyed(doc, meta, statements, &Names::default());
}

/// [`credit`], grouping speakers by the article's name index (so "IMA" and
/// "Islamic Movement for Azawad" share an interview credit).
pub fn credit_keyed(doc: &Doc<'_>, meta: &ArticleMeta, statements: &mut [Found], names: &Names) {
    let text = doc.text;
    if statements.is_empty() {
        return;
    }
    let mentions = agency_mentions(doc);
    let mut own: Vec<Option<(&'static Agency, bool)>> = Vec::with_capacity(statements.len());
    for s in statements.iter() {
        let mut c = s
            .cue_span
            .clone()
            .and_then(|r| credit_in(text, &mentions, r));
        if c.is_none() {
            c = s
                .mention_span
                .clone()
                .and_then(|r| credit_in(text, &mentions, r));
        }
        if c.is_none() {
            c = s
                .speaker
                .as_deref()
                .and_then(agency_named)
                .map(|a| (a, false));
        }
        if c.is_none() {
            // "C, Agence France-Presse said.": a credit elsewhere in the
            // statement's sentence, outside the statement's own words.
            if let Some(si) = doc.sentence_at(s.start) {
                let r = doc.sentences[si].range.clone();
                let before = r.start.max(s.start.saturating_sub(300));
                let before = (before..s.start)
                    .find(|&b| text.is_char_boundary(b))
                    .unwrap_or(s.start);
                c = credit_in(text, &mentions, before.min(s.start)..s.start.max(r.start))
                    .or_else(|| credit_in(text, &mentions, s.end.min(r.end)..r.end));
            }
        }
        own.push(c);
    }
    // Interview credit, keyed by canonical speaker.
    let keys: Vec<Option<String>> = statements
        .iter()
        .map(|s| s.speaker.as_deref().map(|sp| names.key(sp)))
        .collect();
    let mut by_speaker: HashMap<&str, &'static Agency> = HashMap::new();
    for (k, c) in keys.iter().zip(&own) {
        if let (Some(sp), Some((a, _))) = (k.as_deref(), c) {
            by_speaker.entry(sp).or_insert(a);
        }
    }
    let mut assigned: Vec<Option<&'static Agency>> = Vec::with_capacity(statements.len());
    let mut document: Option<&'static Agency> = None;
    for (k, c) in keys.iter().zip(&own) {
        let a = match c {
            Some((a, doc_credit)) => {
                document = doc_credit.then_some(*a);
                Some(*a)
            }
            None => k
                .as_deref()
                .and_then(|sp| by_speaker.get(sp).copied())
                .or(document),
        };
        assigned.push(a);
    }
    let origin = meta
        .origin
        .as_deref()
        .and_then(agency_named)
        .filter(|a| a.wire);
    for (s, a) in statements.iter_mut().zip(assigned) {
        match a {
            Some(a) => {
                s.wire = Some(a.canonical.to_owned());
                s.wire_source = WireSource::Text;
            }
            None => match origin {
                Some(o) => {
                    s.wire = Some(o.canonical.to_owned());
                    s.wire_source = WireSource::Inferred;
                }
                None => {
                    s.wire = None;
                    s.wire_source = WireSource::None;
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ArticleMeta, extract};

    use quotetrail_store::WireSource;

    fn wires(text: &str, origin: Option<&str>) -> Vec<(Option<String>, WireSource)> {
        let meta = ArticleMeta {
            origin: origin.map(str::to_owned),
            ..Default::default()
        };
        extract(text, &meta)
            .statements
            .into_iter()
            .filter(|s| s.kind == quotetrail_store::Kind::Quote)
            .map(|s| (s.wire, s.wire_source))
            .collect()
    }

    #[test]
    fn told_agency_credits_the_quote_and_the_speakers_others() {
        let got = wires(
            "\u{201C}We stay,\u{201D} said Ann Lee.\n\n\u{201C}We fight,\u{201D} Lee told AFP.",
            None,
        );
        let afp = (Some("AFP".to_owned()), WireSource::Text);
        assert_eq!(got, [afp.clone(), afp]);
    }

    #[test]
    fn newspapers_and_long_names_are_credited() {
        let got = wires(
            "\u{201C}We stay,\u{201D} Ann Lee told the Guardian.\n\u{201C}No,\u{201D} Bo Ek told Agence France-Presse.",
            None,
        );
        assert_eq!(got[0].0.as_deref(), Some("The Guardian"));
        assert_eq!(got[1].0.as_deref(), Some("AFP"));
    }

    #[test]
    fn agency_origin_is_inferred_but_paper_origin_is_not() {
        let text = "\u{201C}We stay,\u{201D} said Ann Lee.";
        assert_eq!(
            wires(text, Some("Reuters")),
            [(Some("Reuters".into()), WireSource::Inferred)]
        );
        assert_eq!(
            wires(text, Some("The Guardian")),
            [(None, WireSource::None)]
        );
    }
}
