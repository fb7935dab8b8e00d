//! One side of a comparison: a version's text cut into tokens, with where
//! its words begin and end and, for a claim compared with a quote, which
//! tokens are the reporter's own words.

use std::ops::Range;

use super::Word;
use crate::follow::tokens::{Tok, TokKind, tokenize_for_diff};

/// One of the two versions compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Which {
    Reference,
    Other,
}

/// One side of the comparison: the text and its tokens.
pub(super) struct Side<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok>,
    /// Index of the first token that is not a mark (punctuation or
    /// elision), `toks.len()` if none: a hunk starting at or before it
    /// starts the text.
    pub(super) first_text: usize,
    /// One past the last such token (0 if none): a hunk ending there or
    /// later ends the text.
    pub(super) end_text: usize,
    /// Per token: the reporter's words, outside every quoted span of a
    /// claim compared with a quote. All false otherwise.
    pub(super) reported: Vec<bool>,
}

impl<'a> Side<'a> {
    pub(super) fn new(text: &'a str, claim: bool) -> Side<'a> {
        let toks = tokenize_for_diff(text);
        let is_text = |t: &Tok| !matches!(t.kind, TokKind::Punct | TokKind::Ellipsis);
        let first_text = toks.iter().position(is_text).unwrap_or(toks.len());
        let end_text = toks.iter().rposition(is_text).map_or(0, |i| i + 1);
        let reported = if claim {
            outside_quotes(text, &toks)
        } else {
            vec![false; toks.len()]
        };
        Side {
            text,
            toks,
            first_text,
            end_text,
            reported,
        }
    }

    pub(super) fn printed(&self, i: usize) -> &str {
        &self.text[self.toks[i].span.clone()]
    }

    /// The printed text covering tokens `r`, spacing as printed.
    pub(super) fn span_text(&self, r: Range<usize>) -> String {
        match (
            self.toks.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.toks.get(e)),
        ) {
            (Some(a), Some(b)) if r.start < r.end => self.text[a.span.start..b.span.end].to_owned(),
            _ => String::new(),
        }
    }

    /// Whether token `i` is the first word of a written-out contraction.
    pub(super) fn is_host(&self, i: usize) -> bool {
        self.toks.get(i + 1).is_some_and(|t| t.clitic)
    }

    /// [`Side::span_text`], except that half a contraction at either edge
    /// of `r` shows as the word it stands for ("not" for the "n't" of
    /// "don't" when "do" is outside `r`).
    pub(super) fn show(&self, r: Range<usize>) -> String {
        let (mut s, mut e) = (r.start, r.end);
        let mut head = None;
        let mut tail = None;
        if s < e && self.toks[s].clitic {
            head = Some(self.toks[s].key.as_str());
            s += 1;
        }
        if s < e && e < self.toks.len() && self.toks[e].clitic {
            tail = Some(self.toks[e - 1].key.as_str());
            e -= 1;
        }
        let body = self.span_text(s..e);
        [head, (!body.is_empty()).then_some(body.as_str()), tail]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub(super) fn has_words(&self, r: Range<usize>) -> bool {
        self.toks[r].iter().any(|t| t.kind == TokKind::Word)
    }

    pub(super) fn word_count(&self, r: Range<usize>) -> usize {
        self.toks[r]
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .count()
    }

    /// The word tokens in `r`, to be explained.
    pub(super) fn words(&self, r: Range<usize>) -> Vec<Word> {
        r.filter(|&i| self.toks[i].kind == TokKind::Word)
            .map(|i| Word {
                key: self.toks[i].key.clone(),
                printed: self.printed(i).to_owned(),
                whole: self
                    .is_host(i)
                    .then(|| self.span_text(i..i + 2))
                    .filter(|w| !w.is_empty()),
                clitic: self.toks[i].clitic,
                idx: i,
                reported: self.reported[i],
            })
            .collect()
    }
}

/// For each token, whether it lies outside every quoted span: double
/// quotes (straight, curly, guillemets, `''`) and single ones that open
/// before a word. A text whose first double mark closes a quote starts
/// inside it.
pub(super) fn outside_quotes(text: &str, toks: &[Tok]) -> Vec<bool> {
    let space_before = |t: &Tok| {
        text[..t.span.start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "([{\u{2014}-".contains(c))
    };
    let space_after = |t: &Tok| {
        text[t.span.end..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation())
    };
    // Whether a double mark opens (Some(true)), closes, or can't be told.
    let opens = |t: &Tok| -> Option<bool> {
        match &text[t.span.clone()] {
            "\u{201C}" | "\u{201E}" | "\u{00AB}" => Some(true),
            "\u{201D}" | "\u{00BB}" => Some(false),
            _ => match (space_before(t), space_after(t)) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                _ => None,
            },
        }
    };
    let is_double = |t: &Tok| t.kind == TokKind::Punct && t.key == "\"";
    let mut double = toks
        .iter()
        .filter(|t| is_double(t))
        .find_map(opens)
        .is_some_and(|o| !o);
    let mut single = false;
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokKind::Punct {
            out.push(!double && !single);
            continue;
        }
        let next_word = toks
            .get(i + 1)
            .is_some_and(|n| n.kind == TokKind::Word && n.span.start == t.span.end);
        if is_double(t) {
            double = opens(t).unwrap_or(!double);
        } else if t.key == "'" {
            if &text[t.span.clone()] == "\u{2018}" || (!single && space_before(t) && next_word) {
                single = true;
            } else if single {
                single = false;
            }
        }
        out.push(false);
    }
    out
}
