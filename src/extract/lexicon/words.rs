//! Word lists kept as data: one text file a list, one entry a line, `#`
//! comments. Every list in `lexicon/<lang>/` is read the same way, so adding
//! a word or a language is an edit to a text file, not to code.

use std::collections::HashSet;

/// A closed list of lower-case words or phrases, looked up by hash: these
/// lookups run for nearly every capitalised word of every article.
#[derive(Debug, Default)]
pub struct WordList {
    set: HashSet<&'static str>,
    /// Length in bytes of the longest entry: longer words are not looked up.
    longest: usize,
}

impl WordList {
    /// Parses a list file: entries are trimmed; blank lines and lines
    /// starting with `#` are skipped. Entries must be lower case (checked in
    /// tests, so a mistake fails the build's tests, not a lookup).
    pub fn parse(data: &'static str) -> WordList {
        let set: HashSet<&'static str> = data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let longest = set.iter().map(|w| w.len()).max().unwrap_or(0);
        WordList { set, longest }
    }

    /// Whether `word`, lower-cased, is in the list. ASCII words are
    /// lower-cased on the stack; others (accented French) allocate once.
    pub fn contains(&self, word: &str) -> bool {
        if word.is_empty() || word.len() > self.longest.max(1) * 2 {
            return false;
        }
        if word.is_ascii() {
            let mut buf = [0u8; 32];
            if word.len() <= buf.len() {
                let lower = &mut buf[..word.len()];
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                // Safe: ASCII lower-casing keeps the bytes valid UTF-8.
                return std::str::from_utf8(lower).is_ok_and(|w| self.set.contains(w));
            }
        }
        self.set.contains(word.to_lowercase().as_str())
    }

    /// The entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.set.iter().copied()
    }

    /// How many entries the list has.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blanks_are_skipped_and_case_is_ignored() {
        let l = WordList::parse("# verbs\nsaid\n\n  told \n");
        assert_eq!(l.len(), 2);
        assert!(l.contains("Said") && l.contains("TOLD"));
        assert!(!l.contains("# verbs") && !l.contains(""));
    }

    #[test]
    fn accented_words_match_in_any_case() {
        let l = WordList::parse("déclaré\n");
        assert!(l.contains("Déclaré") && l.contains("DÉCLARÉ"));
        assert!(!l.contains("declare"));
    }
}
