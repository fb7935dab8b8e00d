//! Merging what the two extractors read from a page's metadata.
//!
//! Both read the usual sources (Open Graph and `article:` meta tags, JSON-LD
//! `NewsArticle` with `publisher` and `datePublished`, `<link
//! rel=canonical>`, `<time datetime>`, `<html lang>`); trafilatura reads
//! more of them, so it is asked first and Readability fills its gaps.
//!
//! Neither resolves a relative canonical URL (`<link rel=canonical
//! href="/2024/a.html">`, a relative `og:url`): trafilatura drops it and
//! Readability reads only JSON-LD. So the page's head is read here for those
//! and for `<base href>`, and relative URLs are resolved against the base,
//! itself resolved against the URL the page was read from (a WARC record's
//! target URI). A relative URL with nothing to resolve it against is
//! dropped: stored as-is it would look like a URL but lead nowhere, and two
//! sites' "/news/a.html" would look like one page.

use url::Url;

use super::body::{Extracted, ReadabilityMeta};
use super::html::PageMeta;

/// How far into a page its head is looked for: heads are a few kilobytes,
/// and past this the rest is body.
const MAX_HEAD_BYTES: usize = 256 * 1024;

/// The page's metadata; `hint_url` (where the page was fetched from, an
/// absolute http(s) URL) is the URL when the page names no canonical one.
/// `html` is the page, for the URLs of its head.
pub(crate) fn page_meta(found: &Extracted, html: &str, hint_url: Option<&str>) -> PageMeta {
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
        url: page_url(found, html, hint_url),
        language: traf
            .and_then(|m| m.language.as_deref())
            .and_then(clean)
            .or_else(|| r(|m| m.lang.as_deref()))
            .map(|l| primary_language(&l)),
    }
}

/// The page's canonical URL: what the extractors read (Open Graph, an
/// absolute canonical link, JSON-LD), else the head's canonical link or
/// `og:url`, each resolved against the page's base; else `hint_url`.
fn page_url(found: &Extracted, html: &str, hint_url: Option<&str>) -> Option<String> {
    let head = HeadUrls::read(html);
    let base = base_url(head.base.as_deref(), hint_url);
    let traf = found.traf.as_ref().and_then(|m| m.url.as_deref());
    let read = found.readability.as_ref().and_then(|m| m.url.as_deref());
    [
        traf,
        head.canonical.as_deref(),
        head.og_url.as_deref(),
        read,
    ]
    .into_iter()
    .flatten()
    .filter_map(clean)
    .find_map(|u| resolve(&u, base.as_ref()))
    .or_else(|| hint_url.and_then(clean))
}

/// The URL relative links of the page resolve against: `<base href>`
/// (itself resolved against the page's URL), else the page's URL.
fn base_url(base_href: Option<&str>, page: Option<&str>) -> Option<Url> {
    let page = page.and_then(|p| Url::parse(p).ok());
    let base = match (base_href, &page) {
        (Some(b), Some(p)) => p.join(b).ok(),
        (Some(b), None) => Url::parse(b).ok(),
        (None, _) => None,
    };
    base.or(page)
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// `u` as an absolute http(s) URL: kept as written when it already is one
/// (the URL is part of an article's id, so it is not rewritten), joined to
/// `base` when relative, `None` when it can't be made absolute.
fn resolve(u: &str, base: Option<&Url>) -> Option<String> {
    if is_absolute(u) {
        return Some(u.to_owned());
    }
    let joined = base?.join(u).ok()?;
    matches!(joined.scheme(), "http" | "https").then(|| joined.to_string())
}

/// The URLs a page's head declares about the page.
#[derive(Debug, Default, PartialEq, Eq)]
struct HeadUrls {
    canonical: Option<String>,
    og_url: Option<String>,
    base: Option<String>,
}

impl HeadUrls {
    /// Reads them from the head alone (up to `<body`, at most
    /// [`MAX_HEAD_BYTES`]), parsed by `dom_query` like the rest of the page,
    /// so a huge page costs no second full parse.
    fn read(html: &str) -> HeadUrls {
        let mut end = html.len().min(MAX_HEAD_BYTES);
        while !html.is_char_boundary(end) {
            end -= 1;
        }
        let head = &html[..end];
        let head = match memchr::memmem::find(head.to_ascii_lowercase().as_bytes(), b"<body") {
            Some(i) => &head[..i],
            None => head,
        };
        let doc = dom_query::Document::from(head);
        let attr = |selector: &str, name: &str| {
            doc.select(selector)
                .iter()
                .find_map(|s| s.attr(name).map(|v| v.trim().to_owned()))
                .filter(|v| !v.is_empty())
        };
        HeadUrls {
            canonical: attr("link[rel~=canonical]", "href"),
            og_url: attr("meta[property=\"og:url\"]", "content"),
            base: attr("base[href]", "href"),
        }
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
    fn head_urls_are_read_from_the_head() {
        let html = r#"<html><head><base href="/en/"><link rel="Canonical alternate" href=" a.html ">
            <meta property="og:url" content="/x"></head><body><link rel="canonical" href="/no"></body></html>"#;
        assert_eq!(
            HeadUrls::read(html),
            HeadUrls {
                canonical: Some("a.html".into()),
                og_url: Some("/x".into()),
                base: Some("/en/".into()),
            }
        );
    }

    #[test]
    fn relative_urls_resolve_against_the_base_or_are_dropped() {
        let page = Some("https://news.example/2024/05/story?x=1");
        let base = base_url(None, page);
        assert_eq!(
            resolve("/2024/a.html", base.as_ref()).as_deref(),
            Some("https://news.example/2024/a.html")
        );
        assert_eq!(
            resolve("a.html", base.as_ref()).as_deref(),
            Some("https://news.example/2024/05/a.html")
        );
        assert_eq!(
            resolve("//cdn.example/b", base.as_ref()).as_deref(),
            Some("https://cdn.example/b")
        );
        let base = base_url(Some("/en/"), page);
        assert_eq!(
            resolve("a.html", base.as_ref()).as_deref(),
            Some("https://news.example/en/a.html")
        );
        let base = base_url(Some("https://mirror.example/d/"), None);
        assert_eq!(
            resolve("a.html", base.as_ref()).as_deref(),
            Some("https://mirror.example/d/a.html")
        );
        assert_eq!(resolve("/2024/a.html", None), None);
        assert_eq!(resolve("mailto:x@news.example", base.as_ref()), None);
        assert_eq!(
            resolve("https://News.example/A b", None).as_deref(),
            Some("https://News.example/A b"),
            "absolute URLs are kept as written"
        );
    }

    #[test]
    fn iso_dates_are_told_from_free_text() {
        assert!(looks_iso("2024-05-01T10:00:00+02:00"));
        assert!(!looks_iso("May 1, 2024"));
    }
}
