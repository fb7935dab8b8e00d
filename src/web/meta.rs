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
    let head = HeadUrls::read(html);
    PageMeta {
        title: traf
            .and_then(|m| m.title.as_deref())
            .and_then(clean)
            .or_else(|| r(|m| Some(m.title.as_str()))),
        outlet: outlet(
            &head,
            html,
            traf.and_then(|m| m.sitename.as_deref()),
            read.and_then(|m| m.site_name.as_deref()),
        ),
        published: r(|m| m.published_time.as_deref())
            .filter(|d| looks_iso(d))
            .or_else(|| traf.and_then(|m| m.date).map(|d| d.to_rfc3339())),
        author: traf
            .and_then(|m| m.author.as_deref())
            .and_then(clean)
            .or_else(|| r(|m| m.byline.as_deref()))
            .map(strip_by),
        url: page_url(found, &head, hint_url),
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
fn page_url(found: &Extracted, head: &HeadUrls, hint_url: Option<&str>) -> Option<String> {
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

/// The outlet's name, from what the page says about itself, most
/// deliberate first: `og:site_name` (the name a site gives for sharing),
/// the JSON-LD publisher's name, then what trafilatura and Readability
/// found (which may be a web app's `application-name`, "NewsApp", rather
/// than the outlet). A social-media handle ("@ap") or a URL is not a name.
/// An `og:site_name` that is a lowercase slug ("detroitnews",
/// "livescience.com") comes last: the others then spell the name.
fn outlet(
    head: &HeadUrls,
    html: &str,
    traf: Option<&str>,
    readability: Option<&str>,
) -> Option<String> {
    let named = |n: Option<&str>| {
        n.and_then(clean)
            .filter(|n| !n.starts_with('@') && !n.contains("://"))
    };
    let site = named(head.site_name.as_deref());
    let (site, slug) = match site {
        Some(s) if is_slug(&s) => (None, Some(s)),
        other => (other, None),
    };
    site.or_else(|| named(jsonld_publisher(html).as_deref()))
        .or_else(|| named(traf))
        .or_else(|| named(readability))
        .or(slug)
}

/// A URL, or one word with no capital letter: an identifier, not a name
/// as the outlet writes it.
fn is_slug(name: &str) -> bool {
    name.contains("://") || (!name.contains(' ') && !name.chars().any(char::is_uppercase))
}

/// The publisher's name in the page's JSON-LD: of an article object
/// (`NewsArticle`, `Article`, ...) first, else of any object. The scripts
/// are found by a substring search, so no second parse of the page.
fn jsonld_publisher(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut any = None;
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&lower.as_bytes()[at..], b"application/ld+json") {
        let open = at + i;
        let start = open + lower[open..].find('>')? + 1;
        let end = start + lower[start..].find("</script")?;
        at = end;
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&html[start..end]) else {
            continue;
        };
        let mut objects = Vec::new();
        flatten(&json, &mut objects);
        for o in objects {
            let name = match o.get("publisher") {
                Some(serde_json::Value::String(s)) => Some(s.as_str()),
                Some(p) => first_object(p)
                    .and_then(|p| p.get("name"))
                    .and_then(|n| n.as_str()),
                None => None,
            };
            let Some(name) = name.and_then(clean) else {
                continue;
            };
            let is_article = o
                .get("@type")
                .map(|t| t.to_string().contains("Article"))
                .unwrap_or(false);
            if is_article {
                return Some(name);
            }
            any.get_or_insert(name);
        }
    }
    any
}

/// Every object in a JSON-LD value: the value itself, list items and
/// `@graph` members.
fn flatten<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Array(items) => items.iter().for_each(|i| flatten(i, out)),
        serde_json::Value::Object(map) => {
            out.push(v);
            if let Some(graph) = map.get("@graph") {
                flatten(graph, out);
            }
        }
        _ => {}
    }
}

/// `v` if it is an object, or the first object of a list.
fn first_object(v: &serde_json::Value) -> Option<&serde_json::Value> {
    match v {
        serde_json::Value::Array(items) => items.iter().find(|i| i.is_object()),
        serde_json::Value::Object(_) => Some(v),
        _ => None,
    }
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

/// What a page's head declares about the page: its URLs and the site's
/// name for sharing.
#[derive(Debug, Default, PartialEq, Eq)]
struct HeadUrls {
    canonical: Option<String>,
    og_url: Option<String>,
    base: Option<String>,
    site_name: Option<String>,
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
            site_name: attr("meta[property=\"og:site_name\"]", "content"),
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
                site_name: None,
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
    fn the_outlet_is_the_site_name_before_an_app_name_and_never_a_handle() {
        let html = r#"<html><head><meta name="application-name" content="NewsApp">
            <meta property="og:site_name" content=" The Harbour  Times ">
            <meta name="twitter:site" content="@harbour"></head><body>x</body></html>"#;
        let head = HeadUrls::read(html);
        assert_eq!(
            outlet(&head, html, Some("NewsApp"), Some("NewsApp")).as_deref(),
            Some("The Harbour Times")
        );
        let jsonld = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","publisher":{"name":"Site Owner Inc"}},
              {"@type":"NewsArticle","publisher":[{"@type":"Organization","name":"Lakeside Post"}]}
            ]}</script></head><body>x</body></html>"#;
        let head = HeadUrls::read(jsonld);
        assert_eq!(
            outlet(&head, jsonld, Some("NewsApp"), None).as_deref(),
            Some("Lakeside Post")
        );
        let bare = "<html><head></head><body>x</body></html>";
        let head = HeadUrls::read(bare);
        assert_eq!(
            outlet(&head, bare, Some("@ap"), Some("AP")).as_deref(),
            Some("AP")
        );
        assert_eq!(outlet(&head, bare, Some("@ap"), None), None);
        assert_eq!(
            outlet(&head, bare, Some("https://news.example"), None),
            None
        );
        let slug = r#"<html><head><meta property="og:site_name" content="harbourtimes">
            </head><body>x</body></html>"#;
        let head = HeadUrls::read(slug);
        assert_eq!(
            outlet(&head, slug, Some("The Harbour Times"), None).as_deref(),
            Some("The Harbour Times")
        );
        assert_eq!(
            outlet(&head, slug, None, None).as_deref(),
            Some("harbourtimes")
        );
    }

    #[test]
    fn iso_dates_are_told_from_free_text() {
        assert!(looks_iso("2024-05-01T10:00:00+02:00"));
        assert!(!looks_iso("May 1, 2024"));
    }
}
