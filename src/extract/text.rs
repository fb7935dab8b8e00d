//! Paragraphs, sentences and words as byte ranges over the untouched body.

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

    /// The index of the paragraph holding byte `pos`, if any.
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end < pos);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= pos).then_some(i)
    }

    /// The index of the sentence holding byte `pos` (or the last one
    /// starting before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.start <= pos);
        i.checked_sub(1)
    }
}

/// One word or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok<'a> {
    /// The text.
    pub text: &'a str,
    /// Byte range in the body.
    pub range: Range<usize>,
    /// A word (letters or digits) rather than punctuation.
    pub word: bool,
}

impl Tok<'_> {
    /// Whether the token is punctuation `c`.
    pub fn is(&self, c: char) -> bool {
        !self.word && self.text.starts_with(c)
    }

    /// Whether a word starts with a capital letter.
    pub fn capitalised(&self) -> bool {
        self.word && self.text.starts_with(|c: char| c.is_uppercase())
    }
}

/// Cuts `text[range]` into words and punctuation. A word keeps inner
/// hyphens, apostrophes and dots ("al-Qaeda", "don't", "U.S.") and a final
/// dot when it is an abbreviation or an initial ("Gen.", "F.").
pub fn tokens<'a>(text: &'a str, range: Range<usize>) -> Vec<Tok<'a>> {
    // About one token per four bytes of news text: one allocation up front
    // instead of several regrowths on every call.
    let mut out = Vec::with_capacity(range.len() / 4 + 4);
    let s = &text[range.clone()];
    let base = range.start;
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some((c, len)) = char_at(s, i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let mut end = i + len;
        if c.is_alphanumeric() {
            while let Some((n, nlen)) = char_at(s, end) {
                let joins = matches!(n, '-' | '\'' | '\u{2019}' | '.' | '&' | '/');
                let joined =
                    joins && char_at(s, end + nlen).is_some_and(|(a, _)| a.is_alphanumeric());
                if n.is_alphanumeric() || n == '\u{0301}' || joined {
                    end += nlen;
                } else {
                    break;
                }
            }
            // Keep a final dot on abbreviations and initials.
            if bytes.get(end) == Some(&b'.') && is_abbreviation(&s[i..end]) {
                end += 1;
            }
        }
        out.push(Tok {
            text: &s[i..end],
            range: base + i..base + end,
            word: c.is_alphanumeric(),
        });
        i = end;
    }
    out
}

/// The character at byte `i` of `s` and its length, decoding only past
/// ASCII: tokenising runs over most of every article several times.
pub(crate) fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// US state abbreviations as party-state tags write them ("R-Pa.",
/// "D-Calif.").
const STATES: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Mass", "Md", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
];

/// Whether `w` is a party-state tag: "R-Pa", "D-Calif", "I-Vt".
fn is_party_tag(w: &str) -> bool {
    w.split_once('-')
        .is_some_and(|(party, state)| matches!(party, "R" | "D" | "I") && STATES.contains(&state))
}

/// Whether `word` (without its dot) is an abbreviation or an initial.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if is_party_tag(w) {
        return true;
    }
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        return true;
    }
    if w.len() > 5 {
        return false;
    }
    // Dotted acronyms ("U.S", "D.C").
    if w.contains('.') && w.len() <= 5 {
        return true;
    }
    super::lexicon::abbreviations().contains_ascii(w)
}

/// Closing marks that may follow a sentence's final punctuation.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | ']' | '\u{BB}' | '\u{201C}'
    )
}

/// Splits one paragraph: a sentence ends at `.`, `!` or `?` (and any closing
/// marks after it) followed by white space, unless the dot closes an
/// abbreviation ("Mr.", "U.S.", "Sept.") that a lower-case word or a number
/// follows, or an initial.
fn split_sentences(text: &str, para: Range<usize>, index: usize, out: &mut Vec<Sentence>) {
    let s = &text[para.clone()];
    let bytes = s.as_bytes();
    let mut start = 0;
    // Only the ASCII marks can end a sentence, and their bytes never occur
    // inside a multi-byte character, so a byte search finds them all.
    let mut pos = 0;
    while let Some(off) = memchr::memchr3(b'.', b'!', b'?', &bytes[pos..]) {
        let i = pos + off;
        let c = char::from(bytes[i]);
        let mut end = i + 1;
        for n in s[end..].chars() {
            if is_closer(n) || matches!(n, '.' | '!' | '?') {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        // French sets closing marks off with a space: "fin. »".
        let rest = &s[end..];
        let spaced = rest.trim_start_matches([' ', '\u{A0}', '\u{202F}']);
        if spaced.len() < rest.len() && spaced.starts_with(['\u{BB}', '\u{203A}']) {
            end += rest.len() - spaced.len() + spaced.chars().next().map_or(0, char::len_utf8);
        }
        pos = end;
        if !s[end..].chars().next().is_none_or(char::is_whitespace) {
            continue;
        }
        // The word before the mark starts after the last space in this
        // sentence, or at the sentence start.
        let word_start = s[start..i]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(start, |(k, c)| start + k + c.len_utf8());
        let word = s[word_start..i].trim_start_matches(|c: char| !c.is_alphanumeric());
        let next = s[end..].trim_start().chars().next();
        if c == '.' && is_party_tag(word) && next.is_some_and(char::is_lowercase) {
            // "Harry Reid (D-Nev.) said".
            continue;
        }
        if c == '.' && end == i + 1 && is_abbreviation(word) {
            // "Mr. Smith", "U.S. officials": no break unless the next word
            // plainly starts a sentence after a non-name abbreviation.
            let title_like = word.len() <= 4 && !word.contains('.');
            let next_lower = next.is_some_and(|n| n.is_lowercase() || n.is_numeric());
            if title_like || next_lower || word.chars().count() == 1 {
                continue;
            }
        }
        push_sentence(text, para.start + start..para.start + end, index, out);
        let rest = &s[end..];
        start = end + (rest.len() - rest.trim_start().len());
        pos = start;
    }
    if start < s.len() {
        push_sentence(text, para.start + start..para.end, index, out);
    }
}

/// The longest sentence the rules see, in bytes. News sentences are far
/// shorter (a 100-word sentence is about 700 bytes); a run-on text with no
/// sentence end at all is cut into pieces of at most this size, so the
/// work the rules do around each cue word, which looks over its sentence,
/// stays bounded and a whole body costs time linear in its length.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Pushes `range` as one sentence, or as pieces of at most
/// [`MAX_SENTENCE_BYTES`] cut after white space when it is longer.
fn push_sentence(text: &str, range: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_BYTES {
        let mut cut = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Cut after the last white space in the piece, or mid-word when the
        // piece has none.
        let piece = &text[start..cut];
        if let Some((k, c)) = piece.char_indices().rev().find(|&(_, c)| c.is_whitespace())
            && k > 0
        {
            cut = start + k + c.len_utf8();
        }
        let end = start + text[start..cut].trim_end().len();
        out.push(Sentence {
            range: start..end,
            paragraph,
        });
        start = cut + (text[cut..range.end].len() - text[cut..range.end].trim_start().len());
    }
    if start < range.end {
        out.push(Sentence {
            range: start..range.end,
            paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let doc = Doc::new(text);
        doc.sentences.iter().map(|s| doc.slice(&s.range)).collect()
    }

    #[test]
    fn paragraphs_are_trimmed_lines() {
        let doc = Doc::new("  One.\n\n Two two.  \n");
        let got: Vec<_> = doc.paragraphs.iter().map(|p| doc.slice(p)).collect();
        assert_eq!(got, ["One.", "Two two."]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met U.S. officials on Sept. 4 in Washington. They talked."),
            [
                "Mr. Smith met U.S. officials on Sept. 4 in Washington.",
                "They talked."
            ]
        );
        assert_eq!(
            sentences("He met William F. Buckley at home. Then he left."),
            ["He met William F. Buckley at home.", "Then he left."]
        );
        assert_eq!(
            sentences("Jo Lee (D-Nev.) said no. Ann Park, R-Pa., agreed."),
            ["Jo Lee (D-Nev.) said no.", "Ann Park, R-Pa., agreed."]
        );
    }

    #[test]
    fn closing_marks_stay_with_their_sentence() {
        assert_eq!(
            sentences("\u{201C}We will win.\u{201D} He left!"),
            ["\u{201C}We will win.\u{201D}", "He left!"]
        );
    }

    #[test]
    fn tokens_keep_inner_marks() {
        let t = "Gen. al-Qaeda's U.S. don\u{2019}t, \u{201C}x";
        let toks: Vec<_> = tokens(t, 0..t.len()).into_iter().map(|t| t.text).collect();
        assert_eq!(
            toks,
            [
                "Gen.",
                "al-Qaeda's",
                "U.S.",
                "don\u{2019}t",
                ",",
                "\u{201C}",
                "x"
            ]
        );
    }

    #[test]
    fn run_on_sentences_are_cut_into_bounded_pieces() {
        let text = "he said it would work and ".repeat(1000);
        let doc = Doc::new(&text);
        assert!(doc.sentences.len() > 1);
        for s in &doc.sentences {
            assert!(s.range.len() <= MAX_SENTENCE_BYTES);
            let t = doc.slice(&s.range);
            assert_eq!(t, t.trim(), "pieces are trimmed");
        }
        let odd = "\u{e9}".repeat(5000);
        let doc = Doc::new(&odd);
        let total: usize = doc.sentences.iter().map(|s| s.range.len()).sum();
        assert_eq!(
            total,
            odd.len(),
            "a text with no space is cut on char boundaries"
        );
    }

    #[test]
    fn paragraph_and_sentence_lookup() {
        let doc = Doc::new("One. Two.\nThree.");
        assert_eq!(doc.paragraph_at(11), Some(1));
        assert_eq!(doc.sentence_at(6), Some(1));
    }
}
