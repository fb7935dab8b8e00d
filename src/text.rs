//! Paragraphs, sentences and words as byte ranges over the untouched body.
//!
//! This is the one sentence splitter and the one word scanner of
//! quotetrail: the quote rules read [`Doc::sentences`] and [`tokens`], the
//! claim rules (`extract/claims/tokens.rs`) cut the same sentences into
//! their own token kinds with [`word_end`], and the follow engine
//! (`follow/tokens.rs`) cuts printed statements into words with
//! [`word_run_end`] and reads an article's sentences from [`Doc`], so a
//! sentence, a word or an abbreviation never means two things. All read
//! one abbreviation list per language
//! (`extract/lexicon/<lang>/abbreviations.txt`).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::extract::lang::Lang;
use crate::extract::lexicon::{Lexicon, WordList};

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
    /// The language whose abbreviations the splitter and [`Doc::tokens`]
    /// read.
    pub lang: Lang,
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
    /// Segments English `text`.
    pub fn new(text: &'a str) -> Doc<'a> {
        Doc::in_lang(text, Lang::En)
    }

    /// Segments `text` written in `lang`, with that language's
    /// abbreviations.
    pub fn in_lang(text: &'a str, lang: Lang) -> Doc<'a> {
        let lx = Lexicon::of(lang);
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
            split_sentences(lx, text, p.clone(), i, &mut sentences);
        }
        Doc {
            text,
            paragraphs,
            sentences,
            lang,
        }
    }

    /// The tokens of a byte range, with the document's abbreviations.
    pub fn tokens(&self, range: Range<usize>) -> Vec<Tok<'a>> {
        tokens_in(Lexicon::of(self.lang), self.text, range)
    }

    /// The sentences of paragraph `p`, in order.
    pub fn sentences_of(&self, p: usize) -> &[Sentence] {
        let from = self.sentences.partition_point(|s| s.paragraph < p);
        let to = from + self.sentences[from..].partition_point(|s| s.paragraph == p);
        &self.sentences[from..to]
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

/// Cuts English `text[range]` into words and punctuation (see
/// [`tokens_in`]).
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Tok<'_>> {
    tokens_in(Lexicon::of(Lang::En), text, range)
}

/// Cuts `text[range]` into words and punctuation. A word keeps inner
/// hyphens, apostrophes and dots ("al-Qaeda", "don't", "U.S.") and a final
/// dot when it is one of `lx`'s abbreviations or an initial ("Gen.",
/// "F."); see [`word_end`].
pub fn tokens_in<'a>(lx: &Lexicon, text: &'a str, range: Range<usize>) -> Vec<Tok<'a>> {
    // About one token per four bytes of news text: one allocation up front
    // instead of several regrowths on every call.
    let mut out = Vec::with_capacity(range.len() / 4 + 4);
    let s = &text[range.clone()];
    let base = range.start;
    let mut i = 0;
    while let Some((c, len)) = char_at(s, i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let word = c.is_alphanumeric();
        let end = if word {
            word_end(&lx.abbreviations, s, i)
        } else {
            i + len
        };
        out.push(Tok {
            text: &s[i..end],
            range: base + i..base + end,
            word,
        });
        i = end;
    }
    out
}

/// Where the word that starts at byte `i` of `s` (on a letter or digit)
/// ends: the one word scanner of the quote and the claim rules.
///
/// [`word_run_end`], then a final dot after an abbreviation of
/// `abbreviations` or an initial ("Gen.", "F."), which ends no sentence
/// and which a name scan reads over.
pub(crate) fn word_end(abbreviations: &WordList, s: &str, i: usize) -> usize {
    let end = word_run_end(s, i);
    if s.as_bytes().get(end) == Some(&b'.') && is_abbreviation(abbreviations, &s[i..end]) {
        return end + 1;
    }
    end
}

/// Where the run of word characters that starts at byte `i` of `s` (on a
/// letter or digit) ends: the word scanner that extraction and the follow
/// engine share, so that a word is the same thing wherever it is read.
///
/// Letters and digits run on, and so does whatever Unicode word
/// segmentation (UAX #29) keeps inside a word: combining accents, format
/// characters such as a soft hyphen, joiners. On top of that, the joins
/// news text needs and UAX #29 does not make: a hyphen, apostrophe, dot,
/// ampersand or slash between two word characters ("al-Qaeda", "don't",
/// "U.S", "AT&T", "9/11"), and a comma between two digits ("1,200").
/// ASCII is decided byte by byte: this runs over most of every article
/// several times.
pub(crate) fn word_run_end(s: &str, i: usize) -> usize {
    let mut end = i + char_at(s, i).map_or(0, |(_, len)| len);
    while let Some((n, nlen)) = char_at(s, end) {
        let continues = n.is_alphanumeric()
            || (is_joiner(n) && char_at(s, end + nlen).is_some_and(|(a, _)| a.is_alphanumeric()))
            || (n == ','
                && digit_at(s, end + 1)
                && s[..end].ends_with(|c: char| c.is_ascii_digit()))
            || (!n.is_ascii() && stays_in_word(n));
        if !continues {
            break;
        }
        end += nlen;
    }
    end
}

/// Whether byte `i` of `s` is an ASCII digit.
fn digit_at(s: &str, i: usize) -> bool {
    s.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

/// Marks that join two word parts ("don't", "al-Qaeda", "U.S", "AT&T").
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\'' | '\u{2019}' | '.' | '&' | '/' | '\u{2010}' | '\u{2011}'
    )
}

/// Whether UAX #29 keeps the non-ASCII, non-alphanumeric `c` in the word
/// before it (a combining mark, a format character, a joiner): a letter
/// followed by `c` is then one word segment. Rare in news text, so the
/// segmentation of a few bytes is cheap.
fn stays_in_word(c: char) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    let mut buf = [0u8; 8];
    buf[0] = b'a';
    let n = 1 + c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..n]).is_ok_and(|w| w.split_word_bounds().nth(1).is_none())
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

/// The longest abbreviation looked up in a list, in bytes.
pub const MAX_ABBREVIATION: usize = 7;

/// Whether `word` (with or without its dot) is an abbreviation of
/// `abbreviations`, an initial ("F"), a dotted acronym ("U.S", "D.C") or a
/// party-state tag ("R-Pa").
pub fn is_abbreviation(abbreviations: &WordList, word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if is_party_tag(w) {
        return true;
    }
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    if w.len() > MAX_ABBREVIATION {
        return false;
    }
    if w.contains('.') && w.len() <= 5 {
        return true;
    }
    abbreviations.contains(w)
}

/// Closing marks that may follow a sentence's final punctuation.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | ']' | '\u{BB}' | '\u{201C}'
    )
}

/// Splits one paragraph: a sentence ends at `.`, `!` or `?` (and any closing
/// marks after it) followed by white space, a dash ("!— Cruz", ".--Kevin
/// Johnson") or, after a closing mark, a capital (`."We`), unless the dot
/// closes an abbreviation ("Mr.", "U.S.", "Sept.") that a lower-case word
/// or a number follows, or an initial. After a dotted acronym ("U.S.",
/// "H.W.") a capitalised word starts a sentence only if it is a function
/// word or a pronoun of `lx` ("in the U.S. The …", not "the U.S. Supreme
/// Court").
fn split_sentences(
    lx: &Lexicon,
    text: &str,
    para: Range<usize>,
    index: usize,
    out: &mut Vec<Sentence>,
) {
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
        let ends = match s[end..].chars().next() {
            None => true,
            Some(n) if n.is_whitespace() => true,
            Some('\u{2014}' | '\u{2013}') => true,
            Some('-') => s[end..].starts_with("--"),
            Some(n) => end > i + 1 && n.is_uppercase(),
        };
        if !ends {
            continue;
        }
        // The word before the mark starts after the last space in this
        // sentence, or at the sentence start; only its last bytes are read,
        // as no abbreviation is longer, so a run with no space costs no
        // rescans.
        let mut from = i.saturating_sub(4 * MAX_ABBREVIATION).max(start);
        while !s.is_char_boundary(from) {
            from += 1;
        }
        let word_start = s[from..i]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(from, |(k, c)| from + k + c.len_utf8());
        let word = s[word_start..i].trim_start_matches(|c: char| !c.is_alphanumeric());
        let next_text = s[end..].trim_start();
        let next = next_text.chars().next();
        if c == '.' && is_party_tag(word) && next.is_some_and(char::is_lowercase) {
            // "Harry Reid (D-Nev.) said".
            continue;
        }
        if c == '.' && end == i + 1 && is_abbreviation(&lx.abbreviations, word) {
            // "Mr. Smith", "U.S. officials": no break unless the next word
            // plainly starts a sentence after a non-name abbreviation.
            let title_like = word.len() <= 4 && !word.contains('.');
            let next_lower = next.is_some_and(|n| n.is_lowercase() || n.is_numeric());
            let next_word = next_text
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .next()
                .unwrap_or("");
            let opens = lx.function_words.contains(next_word) || lx.pronouns.contains(next_word);
            let acronym = word.contains('.') && word.chars().all(|c| c == '.' || c.is_uppercase());
            let acronym_in_name = acronym && !opens;
            if title_like || next_lower || word.chars().count() == 1 || acronym_in_name {
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
    fn a_dotted_acronym_ends_a_sentence_only_before_a_sentence_opener() {
        assert_eq!(
            sentences("He sued in the U.S. Court of Appeals. It lost in the U.S. The end."),
            [
                "He sued in the U.S. Court of Appeals.",
                "It lost in the U.S.",
                "The end."
            ]
        );
        assert_eq!(
            sentences("George H.W. Bush spoke."),
            ["George H.W. Bush spoke."]
        );
    }

    #[test]
    fn a_dash_or_a_capital_after_a_closing_mark_ends_a_sentence() {
        assert_eq!(
            sentences("How tempting!\u{2014} Cruz left. It ended.--Kevin Lee"),
            [
                "How tempting!",
                "\u{2014} Cruz left.",
                "It ended.",
                "--Kevin Lee"
            ]
        );
        assert_eq!(
            sentences("\u{201C}We won.\u{201D}They left."),
            ["\u{201C}We won.\u{201D}", "They left."]
        );
        assert_eq!(sentences("It rose 3.5.Then"), ["It rose 3.5.Then"]);
    }

    #[test]
    fn abbreviations_are_per_language() {
        let fr = Doc::in_lang("Il part en janv. avec MM. Dupont et Durand.", Lang::Fr);
        assert_eq!(fr.sentences.len(), 1);
        let toks: Vec<_> = fr
            .tokens(0..fr.text.len())
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(toks.contains(&"janv.") && toks.contains(&"MM."));
        let en = tokens("Gen. Lee", 0..8);
        assert_eq!(en[0].text, "Gen.");
    }

    #[test]
    fn words_keep_what_unicode_keeps_inside_them() {
        // A combining accent and a soft hyphen stay in their word; a
        // curly closing mark does not.
        let t = "caf\u{65}\u{301} co\u{AD}operate rebels\u{2019} \u{201C}x\u{201D}";
        let toks: Vec<_> = tokens(t, 0..t.len()).into_iter().map(|t| t.text).collect();
        assert_eq!(
            toks,
            [
                "caf\u{65}\u{301}",
                "co\u{AD}operate",
                "rebels",
                "\u{2019}",
                "\u{201C}",
                "x",
                "\u{201D}"
            ]
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
