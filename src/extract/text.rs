//! Paragraphs and sentences as byte ranges over the untouched body.

use std::ops::Range;

/// A body cut into paragraphs and sentences.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The body, exactly as given.
    pub text: &'a str,
    /// Non-blank lines, trimmed, in order. News text puts one paragraph on a
    /// line, with or without blank lines between.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences in order; each lies within one paragraph.
    pub sentences: Vec<Sentence>,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// Index into [`Doc::paragraphs`].
    pub paragraph: usize,
}

impl<'a> Doc<'a> {
    /// Segments `text`.
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut paragraphs = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let lead = line.len() - line.trim_start().len();
                paragraphs.push(pos + lead..pos + lead + trimmed.len());
            }
            pos += line.len();
        }
        let mut sentences = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            split_sentences(text, p.clone(), i, &mut sentences);
        }
        Doc {
            text,
            paragraphs,
            sentences,
        }
    }

    /// The text of a byte range.
    pub fn slice(&self, r: &Range<usize>) -> &'a str {
        &self.text[r.clone()]
    }
}

/// A naive splitter: a sentence ends at `.`, `!` or `?` (and any closing
/// quotation marks after it) followed by white space.
fn split_sentences(text: &str, para: Range<usize>, index: usize, out: &mut Vec<Sentence>) {
    let s = &text[para.clone()];
    let mut start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if matches!(c, '.' | '!' | '?') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = iter.peek() {
                if matches!(n, '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | '\u{BB}') {
                    end = j + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            if iter.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
                out.push(Sentence {
                    range: para.start + start..para.start + end,
                    paragraph: index,
                });
                while iter.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
                    iter.next();
                }
                start = iter.peek().map_or(s.len(), |&(j, _)| j);
            }
        }
    }
    if start < s.len() {
        out.push(Sentence {
            range: para.start + start..para.end,
            paragraph: index,
        });
    }
}
