//! Word and punctuation tokens over one paragraph, and the sentences they
//! make.
//!
//! Claims are found by looking at a few words around a cue verb, so the
//! tokens carry byte ranges into the untouched body and nothing else: the
//! text is never copied or lowercased as a whole.

use std::ops::Range;

use crate::extract::lexicon::WordList;
use crate::text::{Sentence, char_at, word_end};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens and dots
    /// ("don't", "al-Qaeda", "U.S").
    Word,
    /// `,`
    Comma,
    /// `.`, `!` or `?`
    Stop,
    /// `:` or `;`
    Colon,
    /// A dash between words (`—`, `–`, ` - `, `--`).
    Dash,
    /// An opening double quotation mark (`“`, `«`).
    OpenQuote,
    /// A closing double quotation mark (`”`, `»`).
    CloseQuote,
    /// A curly single quotation mark standing alone (`‘`, `’`), which is
    /// as often an apostrophe ("the rebels’ aims").
    Single,
    /// A straight double quote, which opens or closes.
    Quote,
    /// Two straight apostrophes used as a quotation mark (`''`), common in
    /// some newspaper archives.
    DoubleApostrophe,
    /// `(` or `[`
    Open,
    /// `)` or `]`
    Close,
    /// Anything else.
    Other,
}

/// One token: its kind and byte range in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    /// What it is.
    pub kind: Kind,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
}

impl Tok {
    /// Its text.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }

    /// Whether it is a word.
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// Appends the tokens of `body[range]` to `out`. Words are cut by the
/// quote rules' word scanner ([`word_end`]), with `abbreviations` keeping
/// their dot; the punctuation kinds are the claim rules' own.
///
/// Works on bytes with an ASCII fast path: this runs over every byte of
/// every article.
pub fn tokenize(abbreviations: &WordList, body: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let Some(s) = body.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some((c, len)) = char_at(s, i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let end = word_end(abbreviations, s, i);
            out.push(Tok {
                kind: Kind::Word,
                start: base + i,
                end: base + end,
            });
            i = end;
            continue;
        }
        let mut end = i + len;
        let kind = match c {
            ',' => Kind::Comma,
            '.' | '!' | '?' | '\u{2026}' => Kind::Stop,
            ':' | ';' => Kind::Colon,
            '\u{2014}' | '\u{2013}' => Kind::Dash,
            '-' => {
                if bytes.get(end) == Some(&b'-') {
                    end += 1;
                }
                Kind::Dash
            }
            '\u{201C}' | '\u{AB}' | '\u{201E}' => Kind::OpenQuote,
            '\u{201D}' | '\u{BB}' => Kind::CloseQuote,
            '\u{2018}' | '\u{2019}' => Kind::Single,
            '"' => Kind::Quote,
            '\'' => {
                if bytes.get(end) == Some(&b'\'') {
                    end += 1;
                    Kind::DoubleApostrophe
                } else {
                    Kind::Other
                }
            }
            '(' | '[' => Kind::Open,
            ')' | ']' => Kind::Close,
            _ => Kind::Other,
        };
        out.push(Tok {
            kind,
            start: base + i,
            end: base + end,
        });
        i = end;
    }
}

/// The most tokens in one sentence. News sentences have well under a
/// hundred; a run-on text with no sentence end (or a quote left open) is
/// cut into pieces of this many, so the work per cue, which looks over its
/// sentence and at the other claims in it, stays bounded and a whole text
/// costs time linear in its length.
pub const MAX_SENTENCE_TOKENS: usize = 512;

/// Pushes a sentence, cut into pieces of at most [`MAX_SENTENCE_TOKENS`].
fn push_bounded(range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_TOKENS {
        out.push(start..start + MAX_SENTENCE_TOKENS);
        start += MAX_SENTENCE_TOKENS;
    }
    if start < range.end {
        out.push(start..range.end);
    }
}

/// Groups a paragraph's tokens into sentences (index ranges into `toks`).
///
/// The sentences are the document's (`cuts`, the paragraph's
/// [`crate::text::Doc::sentences`]), so the claim rules and the
/// quote rules read the same ones. On top, two joins of the claim rules: a
/// sentence end before a word in lower case is no end, and neither is one
/// inside a quotation that goes on after it, so a claim mixing in a quote
/// of several sentences stays whole.
pub fn sentences(body: &str, toks: &[Tok], cuts: &[Sentence], out: &mut Vec<Range<usize>>) {
    let closes = quote_closes(toks);
    let mut start = 0;
    let mut end = 0;
    for cut in cuts.iter().skip(1) {
        // The first token of the next sentence; a token that a bounded
        // piece cut through belongs to the one before.
        while end < toks.len() && toks[end].start < cut.range.start {
            end += 1;
        }
        let Some(next) = toks.get(end) else {
            break;
        };
        if end == start {
            continue;
        }
        let next_lower = next.is_word()
            && next
                .text(body)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        let in_quote = closes[end - 1] != usize::MAX && closes[end - 1] >= end;
        if !next_lower && !in_quote {
            push_bounded(start..end, out);
            start = end;
        }
    }
    if start < toks.len() {
        push_bounded(start..toks.len(), out);
    }
}

/// For each token inside a quotation that closes in the paragraph, the
/// index of the closing mark; `usize::MAX` elsewhere. Two apostrophes count
/// as a mark here. Linear: the next closing mark of each type is looked up
/// in tables built backwards.
fn quote_closes(toks: &[Tok]) -> Vec<usize> {
    let n = toks.len();
    let mut next_curly = vec![usize::MAX; n + 1];
    let mut next_straight = vec![usize::MAX; n + 1];
    let mut next_double = vec![usize::MAX; n + 1];
    for i in (0..n).rev() {
        next_curly[i] = next_curly[i + 1];
        next_straight[i] = next_straight[i + 1];
        next_double[i] = next_double[i + 1];
        match toks[i].kind {
            Kind::CloseQuote => next_curly[i] = i,
            Kind::Quote => next_straight[i] = i,
            Kind::DoubleApostrophe => next_double[i] = i,
            _ => {}
        }
    }
    let mut out = vec![usize::MAX; n];
    let mut i = 0;
    while i < n {
        let close = match toks[i].kind {
            Kind::OpenQuote => next_curly[i + 1].min(next_straight[i + 1]),
            Kind::Quote => next_straight[i + 1].min(next_curly[i + 1]),
            Kind::DoubleApostrophe => next_double[i + 1],
            _ => usize::MAX,
        };
        if close == usize::MAX {
            i += 1;
            continue;
        }
        for slot in &mut out[i..=close] {
            *slot = close;
        }
        i = close + 1;
    }
    out
}

/// Marks, for each token, whether it stands inside double quotation marks
/// (the marks included). Curly marks open and close; a straight mark
/// toggles. Runs over the whole paragraph, since a quote may hold several
/// sentences.
pub fn inside_quotes(toks: &[Tok], out: &mut Vec<bool>) {
    out.clear();
    let mut open = false;
    for t in toks {
        match t.kind {
            Kind::OpenQuote if !open => {
                open = true;
                out.push(true);
            }
            Kind::CloseQuote | Kind::Quote if open => {
                open = false;
                out.push(true);
            }
            Kind::Quote => {
                open = true;
                out.push(true);
            }
            _ => out.push(open),
        }
    }
}
