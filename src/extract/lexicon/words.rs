//! Word lists kept as data: one text file a list, one entry a line, `#`
//! comments. Every list in `lexicon/<lang>/` is read the same way, so adding
//! a word or a language is an edit to a text file, not to code.
//!
//! Two line formats, one loader: a word list holds one word or phrase a
//! line ([`WordList`]); a table holds `word value` pairs ([`pairs`]), and
//! whoever reads it turns the values into a [`WordMap`] of its own type.

use rustc_hash::FxHashMap;

/// The lines of a list file that hold entries: trimmed, without blank lines
/// and `#` comment lines.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The `word value` pairs of a table file, in file order. The data is
/// compiled in, so a line of another shape is a mistake the tests catch
/// when they load the lexicon: it panics with the line rather than being
/// skipped without a word.
pub fn pairs(data: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(data).map(|l| {
        let mut parts = l.split_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (Some(w), Some(v), None) => (w, v),
            _ => panic!("lexicon line {l:?}: expected `word value`"),
        }
    })
}

/// Bits in the shape filter: one for every (length up to 15, first byte,
/// last byte) shape, five bits a byte.
const SHAPES: usize = 16 << 10;

/// The shape bit of a word: its length (capped at 15) and the low five bits
/// of its first and last bytes. Most words of a text share no shape with
/// any entry of a small list, so one bit test turns them away before any
/// hashing.
fn shape(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let (first, last) = (*b.first()?, *b.last()?);
    Some((b.len().min(15) << 10) | (usize::from(first & 31) << 5) | usize::from(last & 31))
}

/// Lower-case words or phrases, each with a value, looked up by exact
/// match. These lookups run for nearly every word of every article, so a
/// lookup first checks the word's length and shape against the entries'
/// and only then hashes it, with a fast non-cryptographic hash: the keys
/// are fixed and short, so flood resistance buys nothing here.
#[derive(Debug)]
pub struct WordMap<V> {
    map: FxHashMap<&'static str, V>,
    /// One bit per entry shape (see [`shape`]).
    shapes: Box<[u64]>,
    /// Length in bytes of the shortest and the longest entry.
    shortest: usize,
    longest: usize,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: FxHashMap::default(),
            shapes: vec![0; SHAPES / 64].into_boxed_slice(),
            shortest: 0,
            longest: 0,
        }
    }
}

impl<V> WordMap<V> {
    /// A map of `entries`; when a word comes twice, its first value stays,
    /// so a file's order can say which reading wins.
    pub fn from_entries(entries: impl IntoIterator<Item = (&'static str, V)>) -> WordMap<V> {
        let mut m = WordMap::default();
        for (w, v) in entries {
            m.map.entry(w).or_insert(v);
        }
        m.shortest = m.map.keys().map(|w| w.len()).min().unwrap_or(0);
        m.longest = m.map.keys().map(|w| w.len()).max().unwrap_or(0);
        for w in m.map.keys() {
            if let Some(k) = shape(w) {
                m.shapes[k / 64] |= 1 << (k % 64);
            }
        }
        m
    }

    /// The value of `lower`, a word the caller has already lower-cased.
    #[inline]
    pub fn get(&self, lower: &str) -> Option<&V> {
        if lower.len() < self.shortest || lower.len() > self.longest {
            return None;
        }
        let k = shape(lower)?;
        if self.shapes[k / 64] & (1 << (k % 64)) == 0 {
            return None;
        }
        self.map.get(lower)
    }

    /// Whether `lower`, already lower-cased, is an entry.
    #[inline]
    pub fn contains_lower(&self, lower: &str) -> bool {
        self.get(lower).is_some()
    }

    /// The entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &V)> + '_ {
        self.map.iter().map(|(w, v)| (*w, v))
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A closed list of lower-case words or phrases: a [`WordMap`] without
/// values.
pub type WordList = WordMap<()>;

impl WordMap<()> {
    /// Parses a list file: entries are trimmed; blank lines and lines
    /// starting with `#` are skipped. Entries must be lower case (checked in
    /// tests, so a mistake fails the build's tests, not a lookup).
    pub fn parse(data: &'static str) -> WordList {
        WordMap::from_entries(entries(data).map(|w| (w, ())))
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
                return std::str::from_utf8(lower).is_ok_and(|w| self.contains_lower(w));
            }
        }
        self.contains_lower(word.to_lowercase().as_str())
    }

    /// Whether `word` is in the list, ignoring ASCII case only: a word with
    /// other letters never matches, as with `str::eq_ignore_ascii_case`
    /// against ASCII entries.
    pub fn contains_ascii(&self, word: &str) -> bool {
        word.is_ascii() && self.contains(word)
    }

    /// The words, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.map.keys().copied()
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
        assert!(l.contains_lower("said") && !l.contains_lower("Said"));
    }

    #[test]
    fn accented_words_match_in_any_case() {
        let l = WordList::parse("déclaré\n");
        assert!(l.contains("Déclaré") && l.contains("DÉCLARÉ"));
        assert!(!l.contains("declare"));
    }

    #[test]
    fn pairs_keep_file_order_and_the_first_value_wins() {
        let data = "# a table\nsaid say\nsaid tell\npointed out\n";
        let p: Vec<_> = pairs(data).collect();
        assert_eq!(p, [("said", "say"), ("said", "tell"), ("pointed", "out")]);
        let m = WordMap::from_entries(pairs(data));
        assert_eq!(m.get("said"), Some(&"say"));
        assert_eq!(m.get("pointed"), Some(&"out"));
        assert_eq!(m.get("points"), None);
        assert_eq!(m.get(""), None);
    }

    #[test]
    #[should_panic(expected = "expected `word value`")]
    fn a_table_line_without_a_value_is_a_mistake() {
        pairs("said\n").for_each(drop);
    }

    #[test]
    fn an_empty_map_finds_nothing() {
        let m: WordMap<u8> = WordMap::default();
        assert!(m.is_empty() && m.get("a").is_none() && m.get("").is_none());
    }
}
