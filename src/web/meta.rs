//! Merging what the two extractors read from a page's metadata.
//!
//! Both read the usual sources (Open Graph and `article:` meta tags, JSON-LD
//! `NewsArticle` with `publisher` and `datePublished`, `<link
//! rel=canonical>`, `<time datetime>`, `<html lang>`); trafilatura reads
//! more of them, so it is asked first and Readability fills its gaps.

use super::body::{Extracted, ReadabilityMeta};
use super::html::PageMeta;

/// The page's metadata; `hint_url` (where the page was fetched from) is the
/// URL when the page names no canonical one.
pub(crate) fn page_meta(found: &Extracted, hint_url: Option<&str>) -> PageMeta {
    let traf = found.traf.as_ref();
    let read = found.readability.as_ref();
    let r = |f: fn(&ReadabilityMeta) -> Option<&str>| read.and_then(f).and_then(clean);
    PageMeta {
        title: traf
            .and_then(|m| m.title.as_deref())
            .and_then(clean)
            .or_else(|| r(|m| Some(m.title.as_str()))),
        outlet: traf
            .and_then(|m| m.sitename.as_deref())
            .and_then(clean)
            .or_else(|| r(|m| m.site_name.as_deref())),
        published: r(|m| m.published_time.as_deref())
            .filter(|d| looks_iso(d))
            .or_else(|| traf.and_then(|m| m.date).map(|d| d.to_rfc3339())),
        author: traf
            .and_then(|m| m.author.as_deref())
            .and_then(clean)
            .or_else(|| r(|m| m.byline.as_deref()))
            .map(strip_by),
        url: traf
            .and_then(|m| m.url.as_deref())
            .and_then(clean)
            .filter(|u| is_absolute(u))
            .or_else(|| r(|m| m.url.as_deref()).filter(|u| is_absolute(u)))
            .or_else(|| hint_url.and_then(clean)),
        language: traf
            .and_then(|m| m.language.as_deref())
            .and_then(clean)
            .or_else(|| r(|m| m.lang.as_deref()))
            .map(|l| primary_language(&l)),
    }
}

/// Trimmed, with inner whitespace collapsed; `None` when empty.
fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Whether a date string starts like ISO 8601 (`2024-05-01...`), so that a
/// free-text date ("May 1") does not win over a parsed one.
fn looks_iso(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

/// Whether `u` is an absolute http(s) URL.
fn is_absolute(u: &str) -> bool {
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// "By Jane Roe" is a byline; the author is "Jane Roe".
fn strip_by(author: String) -> String {
    match author.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("by ") => author[3..].trim_start().to_owned(),
        _ => author,
    }
}

/// "en-GB" and "en_GB" are English: the primary subtag, lowercase.
fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_prefix_is_removed() {
        assert_eq!(strip_by("By Jane Roe".into()), "Jane Roe");
        assert_eq!(strip_by("Byron Lee".into()), "Byron Lee");
    }

    #[test]
    fn language_is_the_primary_subtag() {
        assert_eq!(primary_language("en-GB"), "en");
        assert_eq!(primary_language("FR_fr"), "fr");
    }

    #[test]
    fn iso_dates_are_told_from_free_text() {
        assert!(looks_iso("2024-05-01T10:00:00+02:00"));
        assert!(!looks_iso("May 1, 2024"));
    }
}
