//! How deep a page nests its elements, measured before any parser sees it.
//!
//! The HTML parser and the extractors walk the document tree recursively, so
//! a page nested tens of thousands of elements deep would take them minutes
//! and then overflow the stack, killing the whole batch. A single linear
//! pass over the markup counts the nesting first, the way a tree builder
//! would open and close elements, and a page deeper than [`MAX_DEPTH`] is
//! refused with [`Error::TooDeep`](super::Error::TooDeep).
//!
//! The count errs on the high side: end tags close the element they name
//! (when it is open near the top), void elements and self-closing tags open
//! nothing, `<p>`/`<li>`-like elements close a sibling of the same name, and
//! comments and the contents of `<script>`, `<style>` and the like are
//! skipped. Real pages nest a few dozen levels; browsers themselves stop
//! nesting at 512.

use super::Error;

/// The deepest nesting read unless `--max-html-depth` says otherwise
/// ([`super::limits`]). Chromium's parser stops nesting at this depth
/// too; article pages stay far below it.
pub const MAX_DEPTH: usize = 512;

/// How far down the open elements an end tag looks for its element: a
/// bound, so a stray end tag costs constant time.
const END_TAG_REACH: usize = 64;

/// How far down the open elements a `<li>`, `<p>` and the like look for an
/// open one of the same name to close.
const SIBLING_REACH: usize = 4;

const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"keygen",
    b"basefont",
    b"bgsound",
    b"frame",
];

const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"noembed",
    b"noframes",
    b"iframe",
    b"plaintext",
];

const SELF_SIBLING: &[&[u8]] = &[
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"option",
    b"optgroup",
    b"tr",
    b"td",
    b"th",
    b"rb",
    b"rt",
    b"rp",
];

/// Checks that `html` nests no deeper than the limit (see [`MAX_DEPTH`]).
///
/// # Errors
///
/// [`Error::TooDeep`] when it does.
pub(crate) fn check(html: &str) -> Result<(), Error> {
    let limit = super::limits::depth();
    match depth_over(html.as_bytes(), limit) {
        Some(at) => Err(Error::TooDeep { limit, offset: at }),
        None => Ok(()),
    }
}

/// The byte offset of the first start tag that takes the nesting past
/// `limit`, if any. Linear in the length of `b`.
fn depth_over(b: &[u8], limit: usize) -> Option<usize> {
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let at = i + off;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            i = match memchr::memmem::find(&rest[3..], b"-->") {
                Some(e) => at + 1 + 3 + e + 3,
                None => return None,
            };
            continue;
        }
        if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
            i = tag_end(b, at + 1)?;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_'))
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            // Not a tag: a lone "<" in text.
            i = at + 1;
            continue;
        }
        let name = b[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(b, name_start + name_len)?;
        i = end;
        if closing {
            let reach = open.len().saturating_sub(END_TAG_REACH);
            if let Some(k) = open[reach..].iter().rposition(|n| *n == name) {
                open.truncate(reach + k);
            }
            continue;
        }
        let self_closing = end >= 2 && b[end - 2] == b'/';
        if RAW_TEXT.contains(&name.as_slice()) {
            // Skip to the matching end tag; its contents are text.
            let mut needle = b"</".to_vec();
            needle.extend_from_slice(&name);
            match find_ci(&b[i..], &needle) {
                Some(e) => i += e,
                None => return None,
            }
            continue;
        }
        if self_closing || VOID.contains(&name.as_slice()) {
            continue;
        }
        if SELF_SIBLING.contains(&name.as_slice()) {
            // "<li>a<p>b<li>c": a new item closes the open one (and what
            // is open inside it), looked for among the top few elements.
            let reach = open.len().saturating_sub(SIBLING_REACH);
            if let Some(k) = open[reach..].iter().rposition(|n| *n == name) {
                open.truncate(reach + k);
            }
        }
        open.push(name);
        if open.len() > limit {
            return Some(at);
        }
    }
    None
}

/// The offset just past the `>` that ends the tag whose name ends at `from`,
/// skipping quoted attribute values (a quote opens one only after `=`, as
/// in the tokenizer, so a stray quote can't hide the tags after it);
/// `None` when the page ends first.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut k = from;
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    while k < b.len() {
        let c = b[k];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if after_equals && (c == b'"' || c == b'\'') => quote = Some(c),
            None if c == b'>' => return Some(k + 1),
            None => {}
        }
        if quote.is_none() && !c.is_ascii_whitespace() {
            after_equals = c == b'=';
        }
        k += 1;
    }
    None
}

/// The first offset of `needle` (lowercase ASCII) in `hay`, ignoring ASCII
/// case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let off = memchr::memchr(first, &hay[i..])?;
        let k = i + off;
        if k + needle.len() > hay.len() {
            return None;
        }
        if hay[k..k + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(k);
        }
        i = k + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        format!(
            "<html><body>{}<p>x</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    }

    #[test]
    fn ordinary_pages_pass() {
        assert_eq!(depth_over(nested(100).as_bytes(), MAX_DEPTH), None);
        let page = "<ul>".to_owned() + &"<li>one<li>two<p>a<p>b<br><img src='>'>".repeat(5000);
        assert_eq!(depth_over(page.as_bytes(), MAX_DEPTH), None);
        let script = format!("<script>{}</SCRIPT><p>x</p>", "<div>".repeat(5000));
        assert_eq!(depth_over(script.as_bytes(), MAX_DEPTH), None);
        let comment = format!("<!-- {} --><p>x</p>", "<div>".repeat(5000));
        assert_eq!(depth_over(comment.as_bytes(), MAX_DEPTH), None);
    }

    #[test]
    fn deep_pages_are_refused() {
        assert!(depth_over(nested(60_000).as_bytes(), MAX_DEPTH).is_some());
        let unclosed = "<span>".repeat(MAX_DEPTH + 1);
        assert!(depth_over(unclosed.as_bytes(), MAX_DEPTH).is_some());
        let stray_quotes = "<div x'><div y\">".repeat(MAX_DEPTH);
        assert!(depth_over(stray_quotes.as_bytes(), MAX_DEPTH).is_some());
        assert!(matches!(check(&nested(1000)), Err(Error::TooDeep { .. })));
    }
}
