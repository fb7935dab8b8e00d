//! Direct quotes: spans in quotation marks, attributed to a speaker.
//!
//! Pairing works one paragraph at a time in a single pass over its
//! characters, so it is linear and a stray mark can spoil at most its own
//! paragraph. Curly, low („…“) and angle (« … ») marks say which way they
//! face; a straight `"` is read from its neighbours (a space before and a
//! letter after opens, the reverse closes). Marks of another family inside
//! a quote are inner quotes. A paragraph that ends inside a quote carries
//! it into the next paragraph, where news style opens it again.

use std::ops::Range;

use quotetrail_store::{Kind, WireSource};

use super::Found;
use super::attribution::{Attributed, Regions, attribute_en, dash_credit, transcript_label};
use super::rules;
use crate::text::Doc;

/// One quoted span, marks excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The words inside the marks, trimmed.
    pub content: Range<usize>,
    /// From the opening mark (or the paragraph start) to one past the closing
    /// mark (or the paragraph end).
    pub outer: Range<usize>,
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Opened in an earlier paragraph (the quote runs on).
    pub continued: bool,
    /// Set for a quote nested in another one.
    pub inner: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closer {
    Curly,
    Straight,
    Guillemet,
    GuillemetReversed,
    Low,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flank {
    Open,
    Close,
    Either,
}

fn flank(prev: Option<char>, next: Option<char>) -> Flank {
    let spaced_before = prev.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '['
                    | '{'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '/'
                    | '\u{201C}'
                    | '\u{2018}'
                    | '>'
            )
    });
    let spaced_after = next.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '.'
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '<'
                    | '\u{201D}'
                    | '\u{2019}'
            )
    });
    match (spaced_before, spaced_after) {
        (true, false) => Flank::Open,
        (false, true) => Flank::Close,
        _ => Flank::Either,
    }
}

struct Open {
    mark: usize,
    content: usize,
    closer: Closer,
    continued: bool,
    /// An inner quote of the other family is open: its start.
    inner: Option<(usize, usize)>,
}

/// Finds every quoted span in the live paragraphs, in body order.
pub fn spans(doc: &Doc<'_>, live: &[bool]) -> Vec<Span> {
    let text = doc.text;
    let mut out = Vec::new();
    let mut carry = false;
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        if !live.get(pi).copied().unwrap_or(true) {
            carry = false;
            continue;
        }
        let s = &text[para.clone()];
        if !may_hold_marks(s) {
            // Nothing below would fire: no mark opens, none runs on.
            carry = false;
            continue;
        }
        let base = para.start;
        let mut open: Option<Open> = None;
        let mut seen_mark = false;
        let mut prev: Option<char> = None;
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            // Markup tags (`<tweet id="…">`) hold no quotes.
            if c == '<'
                && iter
                    .peek()
                    .is_some_and(|&(_, n)| n.is_ascii_alphabetic() || n == '/')
            {
                let rest = &s[i..];
                if let Some(end) = rest.get(..rest.len().min(400)).and_then(|r| r.find('>')) {
                    let stop = i + end;
                    while iter.peek().is_some_and(|&(j, _)| j <= stop) {
                        iter.next();
                    }
                    prev = Some('>');
                    continue;
                }
            }
            let next = iter.peek().map(|&(_, n)| n);
            let at = base + i;
            let after = at + c.len_utf8();
            let kind = match c {
                '\u{201C}' => Some((Closer::Curly, Flank::Open)),
                '\u{201D}' => Some((Closer::Curly, Flank::Close)),
                '\u{201E}' => Some((Closer::Low, Flank::Open)),
                '\u{AB}' => Some((Closer::Guillemet, Flank::Open)),
                '\u{BB}' => Some((Closer::Guillemet, Flank::Close)),
                '"' => Some((Closer::Straight, flank(prev, next))),
                _ => None,
            };
            prev = Some(c);
            let Some((family, dir)) = kind else { continue };
            let first_mark = !seen_mark;
            seen_mark = true;
            match open.as_mut() {
                None => {
                    let opens = match (family, dir) {
                        (Closer::Guillemet, Flank::Close) => {
                            // German style »…«.
                            if next.is_some_and(|n| !n.is_whitespace()) {
                                open = Some(Open {
                                    mark: at,
                                    content: after,
                                    closer: Closer::GuillemetReversed,
                                    continued: false,
                                    inner: None,
                                });
                            }
                            continue;
                        }
                        (_, Flank::Open) => true,
                        (Closer::Straight, Flank::Either) => {
                            prev_is_space(s, i) && next.is_some_and(|n| !n.is_whitespace())
                        }
                        _ => false,
                    };
                    if opens {
                        let continued = carry && first_mark && s[..i].trim().is_empty();
                        open = Some(Open {
                            mark: at,
                            content: after,
                            closer: family,
                            continued,
                            inner: None,
                        });
                    } else if carry && first_mark && i > 0 {
                        // The quote ran on from the previous paragraph
                        // without being opened again.
                        push(&mut out, text, base, at, base..after, pi, true, false);
                    }
                }
                Some(o) => {
                    let closes = match (o.closer, family) {
                        (Closer::Curly, Closer::Curly) => true,
                        (Closer::Straight, Closer::Straight) => {
                            o.inner.is_none() || dir == Flank::Close
                        }
                        (Closer::Guillemet, Closer::Guillemet) => dir == Flank::Close,
                        (Closer::GuillemetReversed, Closer::Guillemet) => dir == Flank::Open,
                        (Closer::Low, Closer::Curly) => true,
                        (Closer::Curly, Closer::Straight) => {
                            // A straight mark inside curly ones: inner
                            // quote unless it plainly closes.
                            if o.inner.is_some() {
                                let (m, cs) = o.inner.take().unwrap_or((at, at));
                                push(&mut out, text, cs, at, m..after, pi, false, true);
                                false
                            } else if dir == Flank::Close {
                                true
                            } else {
                                o.inner = Some((at, after));
                                false
                            }
                        }
                        (Closer::Straight, Closer::Curly)
                            if o.inner.is_none() && dir == Flank::Close =>
                        {
                            // A straight mark opened, a curly one closes:
                            // mixed marks from editing, not an inner quote.
                            true
                        }
                        (_, _) => {
                            // Another family: an inner quote.
                            match o.inner.take() {
                                Some((m, cs)) if dir != Flank::Open => {
                                    push(&mut out, text, cs, at, m..after, pi, false, true);
                                }
                                Some(prev_inner) if dir == Flank::Open => {
                                    o.inner = Some(prev_inner);
                                }
                                _ => {
                                    if dir != Flank::Close {
                                        o.inner = Some((at, after));
                                    }
                                }
                            }
                            false
                        }
                    };
                    if !closes {
                        continue;
                    }
                    if o.closer == Closer::Curly && c == '\u{201C}' {
                        // An opening mark while one is open: the first one
                        // was never closed.
                        let o = open.take().map(|o| (o.mark, o.content, o.continued));
                        if let Some((m, cs, cont)) = o {
                            push(&mut out, text, cs, at, m..at, pi, cont, false);
                        }
                        open = Some(Open {
                            mark: at,
                            content: after,
                            closer: Closer::Curly,
                            continued: false,
                            inner: None,
                        });
                        continue;
                    }
                    if let Some(o) = open.take() {
                        push(
                            &mut out,
                            text,
                            o.content,
                            at,
                            o.mark..after,
                            pi,
                            o.continued,
                            false,
                        );
                    }
                }
            }
        }
        carry = false;
        if let Some(o) = open.take() {
            push(
                &mut out,
                text,
                o.content,
                para.end,
                o.mark..para.end,
                pi,
                o.continued,
                false,
            );
            carry = true;
        }
    }
    out.sort_by_key(|s| (s.content.start, s.content.end));
    out
}

/// Whether `s` holds a quotation mark or a markup tag, read from bytes: a
/// SIMD byte search clears most paragraphs without decoding them.
fn may_hold_marks(s: &str) -> bool {
    let b = s.as_bytes();
    // '<', the straight quote, and the lead byte of '\u{AB}' and '\u{BB}'.
    if memchr::memchr3(b'<', b'"', 0xC2, b).is_some() {
        return true;
    }
    // '\u{201C}', '\u{201D}' and '\u{201E}' are E2 80 9C..=9E.
    memchr::memchr_iter(0xE2, b).any(|k| {
        b.get(k + 1) == Some(&0x80) && b.get(k + 2).is_some_and(|&c| (0x9C..=0x9E).contains(&c))
    })
}

fn prev_is_space(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_none_or(char::is_whitespace)
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Span>,
    text: &str,
    start: usize,
    end: usize,
    outer: Range<usize>,
    paragraph: usize,
    continued: bool,
    inner: bool,
) {
    if start >= end {
        return;
    }
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    let content = start + lead..start + lead + trimmed.len();
    out.push(Span {
        content,
        outer,
        paragraph,
        continued,
        inner,
    });
}

/// Finds the quotes in live paragraphs with English attribution; see
/// [`find_with`].
pub fn find(doc: &Doc<'_>, live: &[bool]) -> Vec<Found> {
    find_with(doc, live, true, &mut |doc, r| attribute_en(doc, r))
}

/// Finds the quotes in live paragraphs, each with the speaker `attribute`
/// reads around it. Quotes with no cue are left without a mention and take
/// the previous speaker in [`super::speaker::resolve`].
///
/// `split_inner`: a quote nested in another comes out as its own quote and
/// cuts the outer one (English news style quotes a quote that way); without
/// it the outer quote keeps the inner marks and words, as French « … “ … ”
/// … » reads.
pub fn find_with(
    doc: &Doc<'_>,
    live: &[bool],
    split_inner: bool,
    attribute: &mut dyn FnMut(&Doc<'_>, &Regions<'_>) -> Attributed,
) -> Vec<Found> {
    let spans = spans(doc, live);
    let text = doc.text;
    let mut out = Vec::with_capacity(spans.len());
    // Outer (top-level) spans, per paragraph, give the cue regions.
    let tops: Vec<&Span> = spans.iter().filter(|s| !s.inner).collect();
    let mut k = 0;
    for (ti, span) in tops.iter().enumerate() {
        let para = &doc.paragraphs[span.paragraph];
        let next_open = tops
            .get(ti + 1)
            .filter(|n| n.paragraph == span.paragraph)
            .map_or(para.end, |n| n.outer.start);
        let prev_close = ti
            .checked_sub(1)
            .and_then(|p| tops.get(p))
            .filter(|p| p.paragraph == span.paragraph)
            .map_or(para.start, |p| p.outer.end);
        // A quote that ends its sentence ("….”) is followed by a new
        // sentence, which attributes it only in the short form.
        let closed = text[span.content.clone()]
            .trim_end_matches(['\'', '\u{2019}', ')'])
            .ends_with(['.', '!', '?']);
        let regions = Regions {
            span,
            after: span.outer.end.min(next_open)..next_open,
            before: prev_close.min(span.outer.start)..span.outer.start,
            closed,
        };
        // Typographic conventions every language shares come first: a
        // transcript's speaker label, a dash and a name after the quote.
        let found = transcript_label(text, &span.content)
            .or_else(|| dash_credit(text, &regions))
            .unwrap_or_else(|| attribute(doc, &regions));
        // Inner quotes nested in this one come out as their own quotes.
        let inner: Vec<&Span> = spans[k..]
            .iter()
            .take_while(|s| s.content.start < span.outer.end)
            .filter(|s| s.inner && s.content.start >= span.content.start)
            .collect();
        while k < spans.len() && spans[k].content.start < span.outer.end {
            k += 1;
        }
        let mut emit = |r: Range<usize>| {
            let raw = &text[r.clone()];
            let lead = raw.len() - raw.trim_start().len();
            let t = raw.trim();
            if !t.chars().any(char::is_alphanumeric) {
                return;
            }
            let start = r.start + lead;
            out.push(Found {
                kind: Kind::Quote,
                text: t.to_owned(),
                start,
                end: start + t.len(),
                speaker: None,
                speaker_mention: found.mention.clone().map(|m| text[m].to_owned()),
                mention_span: found.mention.clone(),
                cue_span: found.cue_span.clone(),
                wire: None,
                wire_source: WireSource::None,
                rule: if found.inside.is_some() {
                    rules::FR_QUOTE_INCISE_INSIDE
                } else {
                    rules::QUOTE_MARKS
                },
                speaker_rule: found.rule,
            });
        };
        // The pieces the quote is cut into: around an attribution inside
        // its marks, and around quotes nested in it.
        let mut pieces = vec![span.content.clone()];
        if let Some(cut) = found
            .inside
            .clone()
            .filter(|c| span.content.start <= c.start && c.end <= span.content.end)
        {
            pieces = vec![span.content.start..cut.start, cut.end..span.content.end];
        }
        for piece in pieces {
            let mut pos = piece.start;
            let nested = inner.iter().filter(|i| {
                split_inner && piece.start <= i.outer.start && i.outer.end <= piece.end
            });
            for i in nested {
                emit(pos..i.outer.start.max(pos));
                emit(i.content.clone());
                pos = i.outer.end.min(piece.end).max(pos);
            }
            emit(pos..piece.end);
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        let live = vec![true; doc.paragraphs.len()];
        find(&doc, &live).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn mixed_marks_close_and_keep_their_cue() {
        assert_eq!(
            quoted("\"One thing. Another,\u{201D} Lee said. Then more."),
            [("One thing. Another,".to_owned(), Some("Lee".to_owned()))]
        );
    }

    #[test]
    fn quote_without_a_cue_takes_its_sentence_subject() {
        assert_eq!(
            quoted("On Twitter, Gov. Jo Park called the plan \u{201C}a mess.\u{201D}"),
            [("a mess.".to_owned(), Some("Gov. Jo Park".to_owned()))]
        );
        assert_eq!(
            quoted("Lee's campaign sent a note promising \u{201C}more jobs\u{201D} soon."),
            [("more jobs".to_owned(), Some("Lee's campaign".to_owned()))]
        );
    }

    fn quoted(text: &str) -> Vec<(String, Option<String>)> {
        let doc = Doc::new(text);
        let live = vec![true; doc.paragraphs.len()];
        find(&doc, &live)
            .into_iter()
            .map(|f| (f.text, f.speaker_mention))
            .collect()
    }

    #[test]
    fn curly_straight_low_and_angle_marks() {
        assert_eq!(
            quotes("He said \u{201C}yes we can\u{201D} twice."),
            ["yes we can"]
        );
        assert_eq!(quotes("He said \"yes we can\" twice."), ["yes we can"]);
        assert_eq!(
            quotes("Er sagte \u{201E}ja wir k\u{F6}nnen\u{201C} heute."),
            ["ja wir k\u{F6}nnen"]
        );
        assert_eq!(
            quotes("Il a dit \u{AB} nous partons \u{BB} hier."),
            ["nous partons"]
        );
    }

    #[test]
    fn single_marks_inside_are_kept() {
        assert_eq!(
            quotes("\u{201C}They call it \u{2018}the plan\u{2019} now,\u{201D} she said."),
            ["They call it \u{2018}the plan\u{2019} now,"]
        );
    }

    #[test]
    fn split_quote_shares_its_speaker() {
        let got = quoted(
            "\u{201C}We will stay,\u{201D} Ann Lee said. \u{201C}We have no choice.\u{201D}",
        );
        assert_eq!(got[0], ("We will stay,".into(), Some("Ann Lee".into())));
        assert_eq!(got[1].0, "We have no choice.");
    }

    #[test]
    fn quote_running_across_paragraphs() {
        let got = quotes("\u{201C}First part.\n\n\u{201C}Second part,\u{201D} he said.");
        assert_eq!(got, ["First part.", "Second part,"]);
    }

    #[test]
    fn brackets_and_ellipses_kept_as_printed() {
        assert_eq!(
            quotes("\u{201C}They [the rebels] ran . . . away,\u{201D} he said."),
            ["They [the rebels] ran . . . away,"]
        );
    }

    #[test]
    fn tags_and_stray_marks_do_not_derail_pairing() {
        assert_eq!(
            quotes("<tweet id=\"1\" author=\"@x\">Go \u{201C}now\u{201D} please</tweet>."),
            ["now"]
        );
        assert_eq!(quotes("Clyburn.\" Then \"a b\" c."), ["a b"]);
    }

    #[test]
    fn partial_quote_inside_a_sentence() {
        let got =
            quoted("At a rally, Ann Lee called the plan \u{201C}a disaster\u{201D} on Monday.");
        assert_eq!(got, [("a disaster".into(), Some("Ann Lee".into()))]);
    }
}

#[cfg(test)]
mod robustness {
    use proptest::prelude::*;

    use super::super::{ArticleMeta, extract};

    /// Every statement points at its own words in the body.
    fn check(body: &str) {
        let ex = extract(body, &ArticleMeta::default());
        for s in &ex.statements {
            assert!(s.start <= s.end && s.end <= body.len());
            assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
            assert_eq!(&body[s.start..s.end], s.text);
        }
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\u{201C}".to_owned()),
            Just("\u{201D}".to_owned()),
            Just("\"".to_owned()),
            Just("'".to_owned()),
            Just("\u{2018}".to_owned()),
            Just("\u{2019}".to_owned()),
            Just("\u{AB}".to_owned()),
            Just("\u{BB}".to_owned()),
            Just("\u{201E}".to_owned()),
            Just("\n".to_owned()),
            Just(" said ".to_owned()),
            Just(", he told AFP. ".to_owned()),
            Just("Mr. Ann Lee".to_owned()),
            Just("according to Reuters".to_owned()),
            Just("<tweet id=\"1\">".to_owned()),
            Just(". ".to_owned()),
            Just(", ".to_owned()),
            "[a-zA-Z\u{e9}\u{4e2d} ]{0,12}",
        ]
    }

    proptest! {
        #[test]
        fn adversarial_text_never_panics(parts in proptest::collection::vec(piece(), 0..60)) {
            check(&parts.concat());
        }

        #[test]
        fn random_text_never_panics(body in "\\PC{0,300}") {
            check(&body);
        }
    }

    #[test]
    fn large_inputs_stay_sane() {
        // A long line without a newline, thousands of unbalanced marks and
        // one huge paragraph.
        let line = "word said Ann Lee, ".repeat(50_000);
        check(&line);
        let marks = "\u{201C}a \" b \u{201D}\u{201D} \"\" \u{AB} ".repeat(5_000);
        check(&marks);
        let para = format!(
            "\u{201C}{}\u{201D} she said.",
            "Words go on. ".repeat(80_000)
        );
        check(&para);
    }
}
