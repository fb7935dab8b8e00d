//! Word and punctuation tokens over one paragraph, and the sentences they
//! make.
//!
//! Claims are found by looking at a few words around a cue verb, so the
//! tokens carry byte ranges into the untouched body and nothing else: the
//! text is never copied or lowercased as a whole.

use std::ops::Range;

use crate::extract::text::char_at;

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

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

/// Characters that may join two word parts ("don't", "al-Qaeda", "U.S",
/// "AT&T").
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '.' | '&' | '\u{2010}' | '\u{2011}'
    )
}

/// Appends the tokens of `body[range]` to `out`.
///
/// Works on bytes with an ASCII fast path: this runs over every byte of
/// every article.
pub fn tokenize(body: &str, range: Range<usize>, out: &mut Vec<Tok>) {
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
        if is_word_char(c) {
            let mut end = i + len;
            while let Some((n, nlen)) = char_at(s, end) {
                if is_word_char(n) {
                    end += nlen;
                } else if is_joiner(n)
                    && char_at(s, end + nlen).is_some_and(|(a, _)| is_word_char(a))
                {
                    // A joiner stays in the word only between two word
                    // characters.
                    end += nlen;
                } else {
                    break;
                }
            }
            // "Mr." and "W." keep their dot: it ends no sentence, and a
            // name scan reads over it.
            if bytes.get(end) == Some(&b'.') && is_abbreviation(&s[i..end]) {
                end += 1;
            }
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

/// Abbreviations whose dot does not end a sentence: a lone capital, or an
/// entry of `lexicon/claim_abbreviations.txt`.
fn is_abbreviation(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.len() > 7 {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    let mut buf = [0u8; 7];
    let Some(dst) = buf.get_mut(..word.len()) else {
        return false;
    };
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(dst) else {
        return false;
    };
    crate::extract::lexicon::claim_abbreviations().contains_lower(lower)
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

/// Cuts a paragraph's tokens into sentences (index ranges into `toks`).
///
/// A sentence ends at a stop followed by closing quotation marks or
/// brackets, unless the stop ends an abbreviation or the next word starts in
/// lower case.
pub fn sentences(body: &str, toks: &[Tok], out: &mut Vec<Range<usize>>) {
    let closes = quote_closes(toks);
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != Kind::Stop {
            i += 1;
            continue;
        }
        let dot = toks[i].text(body) == ".";
        let mut end = i + 1;
        // Closing marks after the stop belong to the sentence; marks that
        // could open one only when nothing separates them from it.
        while end < toks.len()
            && (matches!(toks[end].kind, Kind::Stop | Kind::CloseQuote | Kind::Close)
                || (matches!(toks[end].kind, Kind::DoubleApostrophe | Kind::Single)
                    && toks[end].start == toks[end - 1].end))
        {
            end += 1;
        }
        // A straight quote right after the stop closes when no space
        // separates them.
        if end < toks.len() && toks[end].kind == Kind::Quote && toks[end].start == toks[end - 1].end
        {
            end += 1;
        }
        let prev_abbr = dot
            && end == i + 1
            && i > 0
            && toks[i - 1].is_word()
            && toks[i - 1].end == toks[i].start
            && is_abbreviation(toks[i - 1].text(body));
        let next_lower = toks.get(end).is_some_and(|t| {
            t.is_word() && t.text(body).chars().next().is_some_and(char::is_lowercase)
        });
        // A quote that goes on after the stop keeps the sentence open, so a
        // claim mixing in a quote of several sentences stays whole.
        let in_quote = closes.get(i).is_some_and(|&c| c != usize::MAX && c >= end);
        if !prev_abbr && !next_lower && !in_quote {
            push_bounded(start..end, out);
            start = end;
        }
        i = end;
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
