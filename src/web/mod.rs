//! Reading articles from the web as it is saved: HTML pages and WARC archives.
//!
//! - [`html`] turns one page (`.html`, `.htm`, `.html.gz`) into its article
//!   body and the metadata the page declares ([`html::read`]);
//! - [`warc`] streams the HTML responses out of a `.warc` / `.warc.gz`
//!   archive, one [`html::Page`] per record ([`warc::Pages`]).
//!
//! Body extraction is done by two maintained extraction crates, not by tag
//! stripping: `rs-trafilatura` does the main work and `dom_smoothie`
//! (a Readability port) acts as a second opinion that trims boilerplate the
//! first one kept (see [`body`]). Syndication credits written in the article
//! text ("(AFP) —") are left to [`crate::extract::meta`].

use std::io;
use std::path::PathBuf;

mod body;
mod decode;
mod depth;
pub mod html;
pub mod limits;
mod meta;
pub mod warc;

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;

pub use html::{Page, PageMeta};

/// What can go wrong reading a page or an archive. Every variant prints as
/// one line a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The data starts like gzip but does not decompress to the end.
    #[error("gzip data is truncated or corrupt")]
    Gzip(#[source] io::Error),
    /// A brotli-encoded response body does not decompress to the end.
    #[error("brotli data is truncated or corrupt")]
    Brotli(#[source] io::Error),
    /// The bytes are not a text document (an image, a PDF, an archive...).
    #[error("not an HTML page: the data looks binary ({0})")]
    Binary(&'static str),
    /// Text without any markup at all.
    #[error("not an HTML page: no markup found")]
    NotHtml,
    /// The page nests its elements deeper than any article page does (see
    /// [`depth::MAX_DEPTH`]); it is refused before parsing, which would
    /// take minutes and could overflow the stack.
    #[error(
        "HTML nested more than {limit} elements deep (at byte {offset}); refused, not parsed \
         (--max-html-depth raises the limit)"
    )]
    TooDeep {
        /// The deepest nesting read.
        limit: usize,
        /// Byte offset (in the decoded page) of the tag past the limit.
        offset: usize,
    },
    /// The page (decompressed) is larger than
    /// [`MAX_HTML_BYTES`](decode::MAX_HTML_BYTES); it is refused rather
    /// than cut, so no article loses its end without a word.
    #[error(
        "page larger than {} MiB; refused rather than cut (--max-page-mib raises the cap)",
        limit / (1024 * 1024)
    )]
    TooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
    /// The page parsed but holds no article text (an index, a login wall,
    /// an empty shell filled by JavaScript).
    #[error("no article body found in the page")]
    NoArticleBody,
    /// One extraction library failed in a way it should not have; the
    /// message is its own.
    #[error("the HTML extractor failed: {0}")]
    Extractor(String),
    /// An archived HTTP response whose status line or headers don't parse.
    #[error("the archived HTTP response is malformed")]
    BadHttp,
    /// Reading the archive stream itself failed; iteration stops here.
    #[error("cannot read the WARC stream at byte {offset}")]
    WarcStream {
        /// Byte offset in the (decompressed) archive.
        offset: u64,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// One record of an archive is broken or its page unusable; iteration
    /// goes on with the next record.
    #[error("WARC record {number} at byte {offset}: {reason}")]
    WarcRecord {
        /// 1-based number of the record in the archive.
        number: u64,
        /// Byte offset where the record starts (decompressed).
        offset: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// A record read fine but its page could not be used (no article,
    /// binary body, bad compression); iteration goes on.
    #[error("WARC record {number} at byte {offset} ({uri})")]
    WarcPage {
        /// 1-based number of the record in the archive.
        number: u64,
        /// Byte offset where the record starts (decompressed).
        offset: u64,
        /// The record's WARC-Target-URI.
        uri: String,
        /// What is wrong with the page.
        #[source]
        source: Box<Error>,
    },
}
