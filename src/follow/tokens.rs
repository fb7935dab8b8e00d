//! Cutting a printed statement into the words the follow engine compares.
//!
//! Every token keeps its byte span in the printed text, so diffs can show
//! the words exactly as printed, and carries a *key* that decides equality:
//! lowercase, diacritics removed, typographic apostrophes and hyphens folded,
//! and numbers written as their value (`#24` for both "24" and
//! "twenty-four"). Case, accents and number spelling therefore never show as
//! changed words; the diff flags them as cosmetic instead.
//!
//! Editorial marks are tokens of their own: a bracketed insertion `[...]` is
//! one [`TokKind::Bracket`], an elision (`...`, `. . .`, `…`, `[...]`) one
//! [`TokKind::Ellipsis`].
//!
//! [`tokenize_for_diff`] goes one step further for comparing two wordings:
//! contractions are written out ("won't" is *will* + *not*), a run of dashes
//! is one dash, two apostrophes used as a quote mark are one quote mark, and
//! a word hyphenated across a line break is one word.
//!
//! Words are cut by the extractor's word scanner
//! ([`crate::text::word_run_end`]), so a word is one thing in
//! extraction and in following ("U.S", "AT&T", "1,200", "al-Qaeda"). The
//! matcher persists hashes of [`tokenize`]'s keys: a change to either is a
//! change of the store's schema (its groups are rebuilt on `migrate`).

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::follow::lexicon::{NumberWord, contraction, number_word};
use crate::text::word_run_end;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokKind {
    /// A word or number.
    Word,
    /// One punctuation character.
    Punct,
    /// An elision mark.
    Ellipsis,
    /// An editor's bracketed insertion, brackets included.
    Bracket,
}

/// One token of a printed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    /// Byte range in the printed text.
    pub span: Range<usize>,
    /// What it is.
    pub kind: TokKind,
    /// The comparison key (see the module docs).
    pub key: String,
    /// The second half of a written-out contraction ("n't" of "don't"),
    /// printed glued to the token before it. Only [`tokenize_for_diff`]
    /// makes these.
    pub clitic: bool,
}

/// The longest bracket the tokenizer reads as one insertion; an unclosed or
/// runaway `[` is plain punctuation, which keeps tokenizing linear.
const MAX_BRACKET: usize = 300;

/// Cuts `text` into tokens. Linear in the length of `text`.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() {
            // The extractor's word scanner, so a word is one thing in both.
            let stop = word_run_end(text, start);
            let mut j = i + 1;
            while j < chars.len() && chars[j].0 < stop {
                j += 1;
            }
            let span = start..end_of(j);
            let key = word_key(&text[span.clone()]);
            out.push(Tok {
                span,
                kind: TokKind::Word,
                key,
                clitic: false,
            });
            i = j;
        } else if c == '\u{2026}' {
            out.push(ellipsis(start..end_of(i + 1)));
            i += 1;
        } else if c == '.' {
            // Three or more dots, possibly spaced (". . .").
            let mut j = i;
            let mut dots = 0;
            let mut last = i;
            while j < chars.len() && chars[j].1 == '.' {
                dots += 1;
                last = j;
                j += 1;
                if j + 1 < chars.len() && chars[j].1 == ' ' && chars[j + 1].1 == '.' {
                    j += 1;
                }
            }
            if dots >= 3 {
                out.push(ellipsis(start..end_of(last + 1)));
                i = last + 1;
            } else {
                out.push(punct(start..end_of(i + 1), '.'));
                i += 1;
            }
        } else if let Some(close) = closing(c).and_then(|close| find_close(&chars, i, close)) {
            let span = start..end_of(close + 1);
            let inner = &text[end_of(i + 1)..chars[close].0];
            if inner
                .trim()
                .chars()
                .all(|d| matches!(d, '.' | '\u{2026}' | ' '))
            {
                out.push(ellipsis(span));
            } else if c == '[' {
                let key = format!("[{}]", fold(inner.trim()));
                out.push(Tok {
                    span,
                    kind: TokKind::Bracket,
                    key,
                    clitic: false,
                });
            } else {
                // "(...)" only: a parenthesis with words is ordinary text.
                out.push(punct(start..end_of(i + 1), c));
                i += 1;
                continue;
            }
            i = close + 1;
        } else {
            out.push(punct(start..end_of(i + 1), c));
            i += 1;
        }
    }
    out
}

fn closing(c: char) -> Option<char> {
    match c {
        '[' => Some(']'),
        '(' => Some(')'),
        _ => None,
    }
}

fn find_close(chars: &[(usize, char)], open: usize, close: char) -> Option<usize> {
    chars
        .iter()
        .enumerate()
        .skip(open + 1)
        .take(MAX_BRACKET)
        .find(|(_, (_, c))| *c == close)
        .map(|(k, _)| k)
}

fn ellipsis(span: Range<usize>) -> Tok {
    Tok {
        span,
        kind: TokKind::Ellipsis,
        key: "...".to_owned(),
        clitic: false,
    }
}

fn punct(span: Range<usize>, c: char) -> Tok {
    let c = match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
        c => c,
    };
    Tok {
        span,
        kind: TokKind::Punct,
        key: c.to_string(),
        clitic: false,
    }
}

/// Cuts `text` into tokens for comparing it with another wording (see the
/// module docs). Linear in the length of `text`.
pub fn tokenize_for_diff(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    for t in tokenize(text) {
        if let Some(prev) = out.last_mut() {
            let glued = prev.span.end == t.span.start;
            if glued && t.kind == TokKind::Punct && prev.kind == TokKind::Punct {
                // "--" is one dash, '' and `` one double quote mark.
                let merged = match (prev.key.as_str(), t.key.as_str()) {
                    ("-", "-") => Some("-"),
                    ("'", "'") => Some("\""),
                    _ => None,
                };
                if let Some(k) = merged {
                    prev.span.end = t.span.end;
                    prev.key = k.to_owned();
                    continue;
                }
            }
            // "recon-\nstruction": a word hyphenated at a line break.
            if t.kind == TokKind::Word && prev.kind == TokKind::Punct && prev.key == "-" {
                let gap = &text[prev.span.end..t.span.start];
                let lower = text[t.span.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
                let n = out.len();
                if lower
                    && gap.contains('\n')
                    && gap.chars().all(char::is_whitespace)
                    && n >= 2
                    && out[n - 2].kind == TokKind::Word
                    && out[n - 2].span.end == out[n - 1].span.start
                {
                    out.pop();
                    let w = out.last_mut().expect("checked above");
                    let key = format!("{}{}", w.key, t.key);
                    w.key = key;
                    w.span.end = t.span.end;
                    continue;
                }
            }
        }
        if t.kind == TokKind::Word
            && let Some(c) = contraction(&t.key)
        {
            let word = &text[t.span.clone()];
            let cut = word
                .char_indices()
                .rev()
                .nth(c.clitic_chars - 1)
                .map_or(0, |(b, _)| b);
            if cut > 0 {
                let at = t.span.start + cut;
                out.push(Tok {
                    span: t.span.start..at,
                    kind: TokKind::Word,
                    key: c.host,
                    clitic: false,
                });
                out.push(Tok {
                    span: at..t.span.end,
                    kind: TokKind::Word,
                    key: c.clitic.to_owned(),
                    clitic: true,
                });
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// Lowercases, strips diacritics and invisible format characters (a soft
/// hyphen or a zero-width joiner that a web page put inside a word), and
/// folds apostrophes and hyphens.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if ('\u{0300}'..='\u{036F}').contains(&c)
            || matches!(
                c,
                '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        {
            continue;
        }
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A word's key: folded, and a number's value as `#value`.
fn word_key(printed: &str) -> String {
    let folded = fold(printed);
    match single_number(&folded) {
        Some(v) => number_key(v),
        None => folded,
    }
}

/// `#24`, `#3.5`: how a number's value appears in a key.
pub fn number_key(v: f64) -> String {
    format!("#{v}")
}

/// The value of a key made by [`tokenize`] if it is a number.
pub fn key_number(key: &str) -> Option<f64> {
    key.strip_prefix('#')?.parse().ok()
}

/// Reads one token as a number: digits ("1,200", "3.5") or number words
/// joined by hyphens ("twenty-four", "quatre-vingt-dix"). Scale words
/// standing alone ("hundred") are not numbers by themselves; runs of words
/// are read by [`numbers_in`].
fn single_number(folded: &str) -> Option<f64> {
    let first = folded.chars().next()?;
    if first.is_ascii_digit() {
        return digits(folded);
    }
    let parts: Vec<&str> = folded.split('-').collect();
    let mut words = Vec::with_capacity(parts.len());
    for p in &parts {
        match number_word(p) {
            Some(w) => words.push(w),
            None if *p == "et" && parts.len() > 1 => {}
            None => return None,
        }
    }
    if words.len() == 1 && matches!(words[0], NumberWord::Scale(_)) {
        return None;
    }
    read_run(&words)
}

/// Digits with `,` or `.` separators: a separator followed by exactly three
/// digits groups thousands, any other is the decimal mark ("1,200" and
/// "1.200" are 1200, "3,5" and "3.5" are 3.5).
fn digits(s: &str) -> Option<f64> {
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let groups: Vec<&str> = s.split([',', '.']).collect();
    let mut int = String::from(groups[0]);
    let mut frac = String::new();
    for g in &groups[1..] {
        if g.len() == 3 && frac.is_empty() {
            int.push_str(g);
        } else if frac.is_empty() {
            frac.push_str(g);
        } else {
            return None;
        }
    }
    let text = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    text.parse().ok().filter(|v: &f64| v.is_finite())
}

/// Adds values and applies scales the way numbers are spoken: "two hundred
/// and five thousand" is 205000. French "quatre-vingt(s)" is 80.
fn read_run(words: &[NumberWord]) -> Option<f64> {
    if words.is_empty() {
        return None;
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = None;
    for w in words {
        match *w {
            NumberWord::Value(v) => {
                if v == 20.0 && last == Some(4.0) {
                    current += 80.0 - 4.0;
                } else {
                    current += v;
                }
                last = Some(v);
            }
            NumberWord::Scale(s) if s == 100.0 => {
                current = current.max(1.0) * s;
                last = None;
            }
            NumberWord::Scale(s) => {
                total += current.max(1.0) * s;
                current = 0.0;
                last = None;
            }
        }
    }
    Some(total + current)
}

/// Every number in a run of keys, reading multi-word numbers ("two
/// hundred", "5 million") as one value.
pub fn numbers_in<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<f64> {
    let mut out = Vec::new();
    let mut run: Vec<NumberWord> = Vec::new();
    let flush = |run: &mut Vec<NumberWord>, out: &mut Vec<f64>| {
        if let Some(v) = read_run(run) {
            out.push(v);
        }
        run.clear();
    };
    for key in keys {
        if let Some(v) = key_number(key) {
            // A value continues the run only where speech would: "twenty
            // four", "two hundred five". Otherwise it starts a new number.
            let continues = match run.last() {
                Some(NumberWord::Scale(s)) => v < *s,
                Some(NumberWord::Value(t)) => {
                    *t >= 20.0 && *t < 100.0 && *t % 10.0 == 0.0 && (1.0..10.0).contains(&v)
                }
                None => true,
            };
            if !continues {
                flush(&mut run, &mut out);
            }
            run.push(NumberWord::Value(v));
        } else if let Some(w @ NumberWord::Scale(_)) = number_word(key) {
            if run.is_empty() {
                run.push(NumberWord::Value(1.0));
            }
            run.push(w);
        } else if (key == "and" || key == "et") && !run.is_empty() {
            continue;
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A stable 64-bit hash of a key (FNV-1a): stable across runs and builds,
/// unlike `std`'s hasher, so shingles made from it can be persisted.
pub fn stable_hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_keys(s: &str) -> Vec<(TokKind, String)> {
        tokenize(s).into_iter().map(|t| (t.kind, t.key)).collect()
    }

    #[test]
    fn words_keep_spans_and_fold_case_and_accents() {
        let s = "L\u{2019}arm\u{e9}e WILL don't";
        let toks = tokenize(s);
        let printed: Vec<&str> = toks.iter().map(|t| &s[t.span.clone()]).collect();
        assert_eq!(printed, ["L\u{2019}arm\u{e9}e", "WILL", "don't"]);
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["l'armee", "will", "don't"]);
    }

    #[test]
    fn words_are_the_extractors_words() {
        // One scanner for extraction and following: a dotted acronym, an
        // ampersand name and a date with a slash are one word each, and a
        // soft hyphen stays inside its word.
        let s = "the U.S. and AT&T on 9/11 said co\u{ad}operate";
        let toks = tokenize(s);
        let printed: Vec<&str> = toks.iter().map(|t| &s[t.span.clone()]).collect();
        assert_eq!(
            printed,
            [
                "the",
                "U.S",
                ".",
                "and",
                "AT&T",
                "on",
                "9/11",
                "said",
                "co\u{ad}operate"
            ]
        );
        let body = "the U.S. and AT&T on 9/11 said co\u{ad}operate";
        let extracted: Vec<&str> = crate::text::tokens(body, 0..body.len())
            .into_iter()
            .filter(|t| t.word)
            .map(|t| t.text.trim_end_matches('.'))
            .collect();
        let followed: Vec<&str> = printed.into_iter().filter(|w| *w != ".").collect();
        assert_eq!(extracted, followed);
        // An invisible soft hyphen changes no key.
        assert_eq!(toks.last().unwrap().key, "cooperate");
    }

    #[test]
    fn numbers_key_by_value() {
        let a = tokenize("24 twenty-four 1,200 3.5 quatre-vingt-dix");
        let keys: Vec<&str> = a.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["#24", "#24", "#1200", "#3.5", "#90"]);
        assert_eq!(
            numbers_in(["#2", "hundred", "and", "#5", "x", "#7"]),
            [205.0, 7.0]
        );
        assert_eq!(numbers_in(["#5", "million"]), [5_000_000.0]);
        assert_eq!(numbers_in(["#20", "#4"]), [24.0]);
    }

    #[test]
    fn editorial_marks_are_single_tokens() {
        let k = kinds_and_keys("we [the army] left ... and . . . then \u{2026} [...] (...)");
        let kinds: Vec<TokKind> = k.iter().map(|x| x.0).collect();
        use TokKind::*;
        assert_eq!(
            kinds,
            [
                Word, Bracket, Word, Ellipsis, Word, Ellipsis, Word, Ellipsis, Ellipsis, Ellipsis
            ]
        );
        assert_eq!(k[1].1, "[the army]");
    }

    #[test]
    fn diff_tokens_write_out_contractions_and_fold_marks() {
        let s = "I'm sure we won\u{2019}t stop -- they cannot, it's ''done''";
        let toks = tokenize_for_diff(s);
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "i", "am", "sure", "we", "will", "not", "stop", "-", "they", "can", "not", ",",
                "it", "is", "\"", "done", "\""
            ]
        );
        let printed: Vec<&str> = toks.iter().map(|t| &s[t.span.clone()]).collect();
        assert_eq!(&printed[..2], ["I", "'m"]);
        assert_eq!(&printed[4..6], ["wo", "n\u{2019}t"]);
        assert!(toks[5].clitic && !toks[4].clitic);
        // Possessives and names keep their apostrophe.
        let keys: Vec<String> = tokenize_for_diff("the mayor's O'Neil")
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(keys, ["the", "mayor's", "o'neil"]);
        let keys: Vec<String> = tokenize_for_diff("the recon-\nstruction and well-known")
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(keys, ["the", "reconstruction", "and", "well-known"]);
    }

    #[test]
    fn unclosed_bracket_is_punctuation() {
        let k = kinds_and_keys("a [b c");
        assert_eq!(k[1], (TokKind::Punct, "[".to_owned()));
    }
}
