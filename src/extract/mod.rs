//! Finding statements in article text.
//!
//! The pipeline, each step its own module:
//!
//! 1. [`text`] cuts the body into paragraphs and sentences (byte ranges, the
//!    body itself is never rewritten so offsets stay true);
//! 2. [`boilerplate`] marks paragraphs that can't hold statements (disclaimers,
//!    "Latest Stories" lists, copyright lines, teasers);
//! 3. [`quotes`] finds quotation-mark spans and attributes them;
//! 4. [`claims`] finds reported speech without quotation marks;
//! 5. [`speaker`] resolves each mention to the article's canonical name;
//! 6. [`wire`] finds the agency credited for each statement;
//! 7. [`meta`] reads article metadata the text gives (dateline, byline,
//!    syndication origin) when no better source supplied it.

use std::ops::Range;

use quotetrail_store::{Kind, WireSource};
use serde::{Deserialize, Serialize};

pub mod boilerplate;
pub mod claims;
pub mod cue;
pub mod lexicon;
pub mod meta;
pub mod quotes;
pub mod speaker;
pub mod text;
pub mod wire;

/// What is known about an article besides its text. Every field is optional;
/// extraction fills gaps from what the text says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date, ISO 8601 where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Author line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Place line ("BAMAKO").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Where a syndicated article came from ("AFP", "The Guardian").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// One statement found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// Quote or claim.
    pub kind: Kind,
    /// The words as printed (quotation marks stripped for quotes).
    pub text: String,
    /// Byte offset of `text` in the body.
    pub start: usize,
    /// Byte offset one past the end of `text`.
    pub end: usize,
    /// Canonical speaker name within the article, once resolved.
    pub speaker: Option<String>,
    /// The speaker as the text mentions them.
    pub speaker_mention: Option<String>,
    /// Byte range of the speaker mention in the body, where there is one.
    #[serde(skip)]
    pub mention_span: Option<Range<usize>>,
    /// Byte range of the attribution around the statement ("Hamaha told
    /// Reuters"), searched for wire credits.
    #[serde(skip)]
    pub cue_span: Option<Range<usize>>,
    /// The agency credited for it, canonical ("AFP").
    pub wire: Option<String>,
    /// Whether the wire was read in the text or inferred from the article.
    pub wire_source: WireSource,
}

/// The result of extracting one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    /// The given metadata, gaps filled from the text.
    pub meta: ArticleMeta,
    /// Statements in body order.
    pub statements: Vec<Found>,
}

/// Finds every statement in `body`, with speaker and wire.
///
/// `given` is the metadata known from outside the text (sidecar, JSONL
/// fields, flags); it wins over what the text says. Never panics, and runs in
/// time linear in the length of `body`.
pub fn extract(body: &str, given: &ArticleMeta) -> Extraction {
    let doc = text::Doc::new(body);
    let meta = meta::fill(&doc, given);
    let live = boilerplate::live_paragraphs(&doc);
    let mut statements = quotes::find(&doc, &live);
    statements.extend(claims::find(&doc, &live, &statements));
    statements.sort_by_key(|s| (s.start, s.end));
    let names = speaker::resolve_names(&doc, &mut statements);
    wire::credit_keyed(&doc, &meta, &mut statements, &names);
    Extraction { meta, statements }
}
