//! Text from articles is untrusted: a page can carry terminal escapes
//! (`ESC[2J` clears the screen, an OSC sequence sets the window title or
//! a hyperlink, a carriage return overwrites a line). Everything the tool
//! prints as text goes through [`Safe`], which writes control characters
//! as visible escapes (`\u{1b}` becomes `\x1b`), whatever the colour
//! setting. The only escapes that pass are the tool's own colour styles,
//! and only when colour is on.
//!
//! JSON output needs nothing of this: serde_json escapes every control
//! character in strings.

use std::io::{self, Write};

/// A writer that makes control characters visible (see the module docs).
pub struct Safe<W: Write> {
    inner: W,
    /// The escape sequences let through: the colour styles in use, when
    /// colouring. Empty when colour is off.
    allowed: Vec<Vec<u8>>,
    /// The escaped bytes of one write, kept to spare an allocation each.
    escaped: Vec<u8>,
}

impl<W: Write> Safe<W> {
    /// Wraps `inner`, letting `allowed` sequences through as they are.
    pub fn new(inner: W, allowed: Vec<Vec<u8>>) -> Safe<W> {
        Safe {
            inner,
            allowed,
            escaped: Vec::new(),
        }
    }
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.escaped.clear();
        escape_into(buf, &self.allowed, &mut self.escaped);
        self.inner.write_all(&self.escaped)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Appends `buf` to `out` with every control character but newline and
/// tab written as a visible escape, except where one of `allowed` starts.
/// A write that splits one of our own sequences would escape its halves;
/// `Ui` writes each formatted line whole, so that does not happen.
pub fn escape_into(buf: &[u8], allowed: &[Vec<u8>], out: &mut Vec<u8>) {
    out.reserve(buf.len());
    // Bytes that need no escape are copied in stretches, not one by one:
    // all of `extract --format jsonl`'s output passes through here.
    let mut plain = 0;
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
        if !SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        out.extend_from_slice(&buf[plain..i]);
        if b == 0x1b
            && let Some(seq) = allowed.iter().find(|s| buf[i..].starts_with(s))
        {
            out.extend_from_slice(seq);
            i += seq.len();
        } else if b < 0x20 || b == 0x7f {
            out.extend_from_slice(format!("\\x{b:02x}").as_bytes());
            i += 1;
        } else if buf.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) {
            // C1 controls (U+0080..U+009F) are two bytes in UTF-8: C2
            // 80..9F. Written as `\u0085`, which is also what JSON reads
            // them as: serde_json leaves these characters raw in strings,
            // and a JSON line must stay valid JSON after this writer.
            out.extend_from_slice(format!("\\u{:04x}", buf[i + 1]).as_bytes());
            i += 2;
        } else {
            out.push(b);
            i += 1;
        }
        plain = i;
    }
    out.extend_from_slice(&buf[plain..]);
}

/// The bytes [`escape_into`] looks at: control characters but newline and
/// tab, DEL, and the first byte of a C1 control. A table, since every byte
/// printed is looked up.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t
};

/// `text` with its control characters made visible, for stderr messages.
pub fn visible(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    escape_into(text.as_bytes(), &[], &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible_and_our_own_styles_pass() {
        let hostile = "A \u{1b}[2J\u{1b}]0;owned\u{7}B\rC\u{9b}D\nE\tF";
        assert_eq!(
            visible(hostile),
            "A \\x1b[2J\\x1b]0;owned\\x07B\\x0dC\\u009bD\nE\tF"
        );
        let style = b"\x1b[36m".to_vec();
        let reset = b"\x1b[0m".to_vec();
        let mut out = Vec::new();
        let line = "\u{1b}[36mquoted \u{1b}[2J words\u{1b}[0m";
        escape_into(line.as_bytes(), &[style, reset], &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{1b}[36mquoted \\x1b[2J words\u{1b}[0m"
        );
        assert_eq!(visible("Ça va, «bien» — ok"), "Ça va, «bien» — ok");
        // A JSON line stays JSON: serde_json leaves C1 characters raw.
        let json = serde_json::to_string(&"a\u{85}b\u{1b}c").unwrap();
        let mut out = Vec::new();
        escape_into(json.as_bytes(), &[], &mut out);
        let back: String = serde_json::from_slice(&out).unwrap();
        assert_eq!(back, "a\u{85}b\u{1b}c");
    }
}
