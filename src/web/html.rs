//! One HTML page in, its article body and metadata out.
//!
//! ```no_run
//! let bytes = std::fs::read("story.html.gz").unwrap();
//! let page = quotetrail::web::html::read(&bytes, Some("https://example.org/story")).unwrap();
//! let found = quotetrail::extract::extract(&page.body, &page.meta.to_article_meta());
//! # let _ = found;
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Error, body, decode, depth, meta};
use crate::extract::ArticleMeta;

/// An article read from a web page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// The article text: one paragraph a line, a blank line between
    /// paragraphs, quotation marks as printed.
    pub body: String,
    /// What the page says about itself.
    pub meta: PageMeta,
}

/// What a page declares about its article. Every field is optional: pages
/// vary in what they carry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Headline (`og:title`, JSON-LD `headline`, `<title>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publisher (`og:site_name`, JSON-LD `publisher`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Publication date, ISO 8601 (`article:published_time`, JSON-LD
    /// `datePublished`, `<time datetime>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Author (JSON-LD `author`, `<meta name=author>`, byline markup),
    /// without a leading "By".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`), else the URL the
    /// page was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Primary language subtag ("en", "fr").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl PageMeta {
    /// The page metadata as extraction takes it: the author is the byline
    /// (an agency in it, "Jane Doe, AFP", becomes the origin when
    /// extraction reads the byline); dateline and origin are left for the
    /// text to tell.
    pub fn to_article_meta(&self) -> ArticleMeta {
        ArticleMeta {
            outlet: self.outlet.clone(),
            url: self.url.clone(),
            published: self.published.clone(),
            title: self.title.clone(),
            byline: self.author.clone(),
            dateline: None,
            origin: None,
            lang: self.language.clone(),
        }
    }
}

impl From<PageMeta> for ArticleMeta {
    fn from(m: PageMeta) -> Self {
        m.to_article_meta()
    }
}

/// Reads one page from its bytes.
///
/// The bytes may be gzipped (found by magic bytes, or by `hint_url` ending
/// in `.gz`) and in any charset the page declares. `hint_url` is where the
/// page came from: it helps the extractors and is the URL when the page
/// names no canonical one.
///
/// # Errors
///
/// [`Error::Gzip`] for broken compression, [`Error::Binary`] /
/// [`Error::NotHtml`] for data that is not a page, [`Error::NoArticleBody`]
/// when the page holds no article text, [`Error::Extractor`] when an
/// extraction library fails, [`Error::TooLarge`] for a page past
/// [`MAX_HTML_BYTES`](decode::MAX_HTML_BYTES) and [`Error::TooDeep`] for
/// one nested past [`MAX_DEPTH`](super::depth::MAX_DEPTH). Never panics.
pub fn read(bytes: &[u8], hint_url: Option<&str>) -> Result<Page, Error> {
    read_with_charset(bytes, hint_url, None)
}

/// [`read`] for a page whose charset the transport declared (an HTTP
/// `Content-Type` header), which wins over the page's own `<meta charset>`
/// as it does in browsers.
///
/// # Errors
///
/// As [`read`].
pub fn read_with_charset(
    bytes: &[u8],
    hint_url: Option<&str>,
    charset: Option<&str>,
) -> Result<Page, Error> {
    let gz_hint = hint_url.is_some_and(has_gz_suffix);
    let html = decode::html_text(bytes, gz_hint, charset)?;
    depth::check(&html)?;
    let url = hint_url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let found = body::extract(&html, url)?;
    let meta = meta::page_meta(&found, &html, url);
    Ok(Page {
        body: found.body,
        meta,
    })
}

/// Reads the page in file `path` (see [`read`]); the name tells gzip.
///
/// # Errors
///
/// [`Error::Io`] when the file can't be read, else as [`read`].
pub fn read_path(path: &Path) -> Result<Page, Error> {
    let bytes = crate::input::read_regular(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let gz_hint = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let html = decode::html_text(&bytes, gz_hint, None)?;
    depth::check(&html)?;
    let found = body::extract(&html, None)?;
    let meta = meta::page_meta(&found, &html, None);
    Ok(Page {
        body: found.body,
        meta,
    })
}

/// Whether a file name is an HTML page this module reads: `.html`, `.htm`,
/// `.xhtml`, each maybe followed by `.gz`.
pub fn is_html_path(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".html", ".htm", ".xhtml"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

fn has_gz_suffix(u: &str) -> bool {
    let path = u.split(['?', '#']).next().unwrap_or(u);
    path.to_ascii_lowercase().ends_with(".gz")
}
