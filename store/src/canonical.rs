//! Canonical text: the form text takes before it is hashed.
//!
//! Two outlets that print the same words with curly or straight quotation
//! marks, an en dash or a hyphen, one space or two, must produce the same
//! fingerprint; otherwise identical wording would not link across outlets.
//! So before hashing, text is put in Unicode NFC, every kind of quotation
//! mark is folded to its ASCII form, dashes to `-`, and every run of white
//! space (including no-break spaces) to one ASCII space, trimmed at both ends.
//! Case and all other characters are kept: "US" and "us" differ.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns the canonical form of `text` (see the module docs).
pub fn canonical_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    canonical_into(text, &mut out);
    out
}

/// Appends the canonical form of `text` to `out`: ids canonicalize every
/// field of every record, and reusing one buffer spares an allocation each.
pub(crate) fn canonical_into(text: &str, out: &mut String) {
    // Every id hashes canonical text, ids of appearances hash hex digits,
    // and most text is ASCII: skipping NFC there keeps ingest fast. ASCII is
    // already NFC and folds nothing but white space, so the result is the
    // same (a test below checks it).
    if text.is_ascii() {
        return fold_str(text, out);
    }
    // Most non-ASCII text (curly quotes, accented letters) is already NFC;
    // the quick check says so without building the composed form.
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return fold_str(text, out);
    }
    fold(text.nfc().map(fold_char), out)
}

/// [`fold`] of `text.chars().map(fold_char)` for text already in NFC, with
/// the same result: stretches that fold to themselves (printable ASCII
/// with single spaces, most letters) are copied whole rather than pushed a
/// character at a time, which made canonical text a tenth of `extract`'s
/// time (every article body is canonicalized for its id).
fn fold_str(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let start = out.len();
    let mut pending_space = false;
    // `text[kept..i]` is copied as it is once something else comes.
    let mut kept = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b > b' ' && b < 0x80 {
            i += 1;
            continue;
        }
        // One space between two kept characters stays in the stretch.
        if b == b' ' && i > kept && bytes.get(i + 1).is_some_and(|&n| n > b' ' && n < 0x80) {
            i += 2;
            continue;
        }
        let c = match b {
            0..0x80 => char::from(b),
            _ => text[i..].chars().next().unwrap_or_default(),
        };
        let f = fold_char(c);
        if f == c && !c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if kept < i {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&text[kept..i]);
        }
        i += c.len_utf8();
        kept = i;
        if f.is_whitespace() {
            pending_space = out.len() > start;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(f);
    }
    if kept < bytes.len() {
        if pending_space {
            out.push(' ');
        }
        out.push_str(&text[kept..]);
    }
}

/// Appends NFC characters, marks and dashes already folded, collapsing
/// white space and trimming it at both ends.
fn fold(chars: impl Iterator<Item = char>, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = out.len() > start;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
}

/// Folds one character: quotation marks, apostrophes and dashes to ASCII.
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{2039}' | '\u{203A}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{200B}' | '\u{FEFF}' => ' ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_text;

    #[test]
    fn folds_marks_dashes_and_spaces() {
        assert_eq!(
            canonical_text("  \u{201C}We\u{2019}re  ready\u{201D} \u{2014}\u{00A0}now "),
            "\"We're ready\" - now"
        );
    }

    #[test]
    fn applies_nfc() {
        // "e" + combining acute becomes the precomposed letter.
        assert_eq!(canonical_text("caf\u{0065}\u{0301}"), "caf\u{00E9}");
    }

    /// The general path, without the ASCII shortcut.
    fn canonical_general(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        super::fold(text.nfc().map(super::fold_char), &mut out);
        out
    }

    #[test]
    fn appending_trims_the_new_text_only() {
        let mut out = String::from("a ");
        super::canonical_into("  b  c ", &mut out);
        super::canonical_into(" \u{201C}d\u{201D}", &mut out);
        assert_eq!(out, "a b c\"d\"");
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_path() {
        let canonical_ascii = super::canonical_text;
        let samples = [
            "",
            " ",
            "\t\x0b\x0c\r\n",
            "  a  b\tc\n",
            "plain",
            "x\x1cy\x1fz",
            "\"quoted\" - it's",
        ];
        for s in samples {
            assert_eq!(canonical_ascii(s), canonical_general(s), "{s:?}");
        }
        let all: String = (0u8..128).map(char::from).collect();
        assert_eq!(canonical_ascii(&all), canonical_general(&all));
    }

    #[test]
    fn copying_stretches_agrees_with_folding_each_character() {
        let samples = [
            "  \u{201C}We\u{2019}re  ready\u{201D} \u{2014}\u{00A0}now ",
            "caf\u{00E9}\u{200B}\u{200B}x\u{FEFF}",
            "\u{00A0}\u{3000}a\u{2003}\u{2003}b\u{3000}",
            "\u{00AB} Bonjour \u{00BB}\u{2014}dit-il.\n\n",
            "\u{1F600} \u{2212}1",
            "a b  c \td\x0be\x1cf \x7f g\u{0085}h \u{00E9} i ",
            " x",
            "x ",
            "\u{2019} a",
            "a \u{2019}",
            "\u{00E9}t\u{00E9} \u{00E0} Paris",
        ];
        for s in samples {
            let mut fast = String::from("x");
            super::fold_str(s, &mut fast);
            let mut slow = String::from("x");
            super::fold(s.chars().map(super::fold_char), &mut slow);
            assert_eq!(fast, slow, "{s:?}");
            assert_eq!(canonical_text(s), canonical_general(s), "{s:?}");
        }
    }

    proptest::proptest! {
        /// Copying stretches gives what folding each character gives, on
        /// text mixing ASCII, white space, folded marks and other letters.
        #[test]
        fn stretches_agree_on_any_text(
            s in "[a-c \\t\\n\\x0b\\x1c\\x7f\u{85}\u{a0}\u{2019}\u{201C}\u{2014}\u{200B}\u{3000}\u{e9}\u{301}]{0,24}"
        ) {
            use unicode_normalization::UnicodeNormalization;
            let nfc: String = s.nfc().collect();
            let mut fast = String::from("p");
            super::fold_str(&nfc, &mut fast);
            let mut slow = String::from("p");
            super::fold(nfc.chars().map(super::fold_char), &mut slow);
            proptest::prop_assert_eq!(fast, slow);
            proptest::prop_assert_eq!(canonical_text(&s), canonical_general(&s));
        }
    }

    #[test]
    fn text_not_in_nfc_is_composed_even_next_to_folded_marks() {
        // "A" + combining ring (not NFC) inside curly quotes.
        assert_eq!(canonical_text("\u{201C}A\u{030A}\u{201D}"), "\"\u{00C5}\"");
        // Already NFC: same result through the quick path.
        assert_eq!(canonical_text("\u{201C}\u{00C5}\u{201D}"), "\"\u{00C5}\"");
    }

    #[test]
    fn keeps_case() {
        assert_ne!(canonical_text("US"), canonical_text("us"));
    }
}
