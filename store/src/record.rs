//! The records the store keeps, and what each one's id covers.
//!
//! The data model separates *what was said* from *where it was printed*:
//!
//! * an [`Article`] is one published text (outlet, URL, date, body and the
//!   metadata around it);
//! * a [`Statement`] is a quote or claim as attributed: its kind, canonical
//!   text, speaker, outlet and wire. Two articles of one outlet that print the
//!   same attributed words share one statement;
//! * an [`Appearance`] ties a statement to an article: where in the body it
//!   stands, the words exactly as printed, the speaker as mentioned, and
//!   whether the wire credit was read in the text or inferred from the
//!   article's origin.
//!
//! The statement's *fingerprint* hashes its canonical text alone, so the
//! same wording links across outlets, speakers and wires; following a
//! statement across outlets (groups, diffs) builds on fingerprints and
//! appearances and adds records of its own kinds beside these.

use serde::{Deserialize, Serialize};

use crate::canonical::canonical_text;
use crate::id::Id;

/// Quote or claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Words in quotation marks attributed to someone.
    Quote,
    /// Reported speech or an attributed assertion, without quotation marks.
    Claim,
}

impl Kind {
    /// The lowercase name used in ids, JSON and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Claim => "claim",
        }
    }
}

/// One published article.
///
/// The id covers outlet, URL, publication date and body, in that order.
/// The other fields describe the article but don't identify it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Who published it.
    pub outlet: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// When, as given (ISO 8601 date or date-time where known).
    pub published: Option<String>,
    /// The article text the statements' offsets point into.
    pub body: String,
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
    /// Where the input came from: a path, a JSONL record id, `-`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The language ("en", "fr"), given or detected. Stored last and read
    /// as absent from values written before it existed, so adding it
    /// changed no id and needed no new schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Article {
    /// The article's id: outlet, URL, date and body.
    pub fn id(&self) -> Id {
        Id::of_fields(
            "article",
            &[
                self.outlet.as_deref().unwrap_or(""),
                self.url.as_deref().unwrap_or(""),
                self.published.as_deref().unwrap_or(""),
                &self.body,
            ],
        )
    }
}

/// A quote or claim as attributed.
///
/// Its id covers kind, canonical text, speaker, outlet and wire, in that
/// order; the text is stored in canonical form so the id can be recomputed
/// from the record alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Quote or claim.
    pub kind: Kind,
    /// The words, in canonical form.
    pub text: String,
    /// Canonical speaker name within its article ("Oumar Ould Hamaha").
    pub speaker: Option<String>,
    /// The outlet that printed it.
    pub outlet: Option<String>,
    /// The agency credited for it ("AFP").
    pub wire: Option<String>,
}

impl Statement {
    /// Builds a statement, putting `text` in canonical form.
    pub fn new(
        kind: Kind,
        text: &str,
        speaker: Option<&str>,
        outlet: Option<&str>,
        wire: Option<&str>,
    ) -> Statement {
        let canon = |s: Option<&str>| s.map(canonical_text).filter(|s| !s.is_empty());
        Statement {
            kind,
            text: canonical_text(text),
            speaker: canon(speaker),
            outlet: canon(outlet),
            wire: canon(wire),
        }
    }

    /// The statement's id: kind, text, speaker, outlet, wire.
    pub fn id(&self) -> Id {
        Id::of_fields(
            "statement",
            &[
                self.kind.as_str(),
                &self.text,
                self.speaker.as_deref().unwrap_or(""),
                self.outlet.as_deref().unwrap_or(""),
                self.wire.as_deref().unwrap_or(""),
            ],
        )
    }

    /// The fingerprint: the canonical text alone.
    pub fn fingerprint(&self) -> Id {
        fingerprint(&self.text)
    }
}

/// The fingerprint of a text: its canonical form alone, so identical
/// wording links across outlets whoever it is attributed to.
pub fn fingerprint(text: &str) -> Id {
    Id::of_fields("fingerprint", &[text])
}

/// Where a wire credit came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum WireSource {
    /// No wire.
    #[default]
    None,
    /// The text credits the agency for this statement ("told AFP").
    Text,
    /// Taken from the article's origin or dateline credit.
    Inferred,
}

impl WireSource {
    /// The lowercase name used in ids and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WireSource::None => "none",
            WireSource::Text => "text",
            WireSource::Inferred => "inferred",
        }
    }
}

/// A statement as printed in one article.
///
/// Its id covers the statement id, the article id, the byte span, the
/// speaker as mentioned and where the wire credit came from, so the same
/// words printed twice in one article are two appearances, and no field a
/// reader is shown can change without changing the id. It starts with the
/// article's id (see [`Appearance::id`]).
///
/// The text is not stored: it is the article body at `start..end`, which
/// the article's id covers. The store fills it in on every read and
/// refuses an appearance whose text is not that slice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appearance {
    /// The statement.
    pub statement: Id,
    /// The article it appears in.
    pub article: Id,
    /// Byte offset of the first byte in the article body.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The words exactly as printed: the article body at `start..end`.
    pub text: String,
    /// The speaker as the text mentions them ("Hamaha", "he").
    pub speaker_mention: Option<String>,
    /// How the wire credit was found.
    #[serde(default)]
    pub wire_source: WireSource,
}

impl Appearance {
    /// The appearance's id: the first 16 bytes of its article's id, then
    /// the first 16 bytes of the hash of statement, article, start, end,
    /// speaker mention and wire source.
    ///
    /// Appearances are kept in their article's value, not under keys of
    /// their own (ingest is bound by sled's cost per key), so the id leads
    /// with the article's: the store finds an appearance with one prefix
    /// lookup. The hash half still covers every identifying field; 128 bits
    /// among one article's appearances leave no room for collisions.
    pub fn id(&self) -> Id {
        let hash = Id::of_fields(
            "appearance",
            &[
                &self.statement.to_hex(),
                &self.article.to_hex(),
                &self.start.to_string(),
                &self.end.to_string(),
                self.speaker_mention.as_deref().unwrap_or(""),
                self.wire_source.as_str(),
            ],
        );
        let mut bytes = [0u8; 32];
        bytes[..ARTICLE_PART].copy_from_slice(&self.article.as_bytes()[..ARTICLE_PART]);
        bytes[ARTICLE_PART..].copy_from_slice(&hash.as_bytes()[..32 - ARTICLE_PART]);
        Id::from_bytes(bytes)
    }
}

impl Appearance {
    /// Why this appearance does not fit `body` and `statement`, if it
    /// does not: its text must be the body at its span, and the
    /// statement's text the canonical form of it. A forged or damaged
    /// record fails here whatever its id says.
    pub fn mismatch(&self, body: &str, statement: Option<&Statement>) -> Option<String> {
        let Some(slice) = body.get(self.start..self.end) else {
            return Some(format!(
                "its span {}..{} is not a span of the article body ({} bytes)",
                self.start,
                self.end,
                body.len()
            ));
        };
        if slice != self.text {
            return Some(format!(
                "its text is not the article body at {}..{}",
                self.start, self.end
            ));
        }
        match statement {
            Some(s) if s.text != canonical_text(slice) => Some(format!(
                "its statement's text is not the words at {}..{}",
                self.start, self.end
            )),
            _ => None,
        }
    }
}

/// How many leading bytes of an appearance id are its article's.
pub(crate) const ARTICLE_PART: usize = 16;

/// How many hex digits to show of an appearance id: its article's 32 and
/// 8 of its own. Fewer would name the article (see [`crate::Store::resolve`]).
pub const APPEARANCE_SHORT_DIGITS: usize = 2 * ARTICLE_PART + 8;

#[cfg(test)]
mod golden {
    //! Pins the ids of fixed sample objects. If one of these fails, the id
    //! encoding changed and every stored id with it: that is a schema
    //! change, not a test to update casually.
    use super::*;

    fn sample() -> (Article, Statement, Appearance) {
        let article = Article {
            outlet: Some("Example Daily".into()),
            url: Some("https://example.invalid/2024/03/bridge".into()),
            published: Some("2024-03-01".into()),
            body: "BAMAKO \u{2014} \u{201C}We will rebuild the bridge,\u{201D} the mayor said."
                .into(),
            title: Some("Not part of the id".into()),
            ..Article::default()
        };
        let statement = Statement::new(
            Kind::Quote,
            "We will rebuild the bridge,",
            Some("Awa  Diallo"),
            Some("Example Daily"),
            Some("AFP"),
        );
        let appearance = Appearance {
            statement: statement.id(),
            article: article.id(),
            start: 14,
            end: 41,
            text: "We will rebuild the bridge,".into(),
            speaker_mention: Some("the mayor".into()),
            wire_source: WireSource::Inferred,
        };
        (article, statement, appearance)
    }

    #[test]
    fn ids_are_pinned() {
        let (article, statement, appearance) = sample();
        assert_eq!(
            article.id().to_hex(),
            "646370f7b5ae8769e972475071c3e4b10c6a443a35baca8c4ddd11f99abafc9a"
        );
        assert_eq!(
            statement.id().to_hex(),
            "36535966f73aaee81c3abe82d1c1dc32de413bffe14335d8b428105d98c94c60"
        );
        assert_eq!(
            statement.fingerprint().to_hex(),
            "ddd25b59f57b80ec708d898be6d5d9a3359922a80deb1c4069850db7890fdc5b"
        );
        // The statement's hashed body, spelled out (see `crate::id`).
        let body = crate::id::encode_fields(&[
            "quote",
            &statement.text,
            "Awa Diallo",
            "Example Daily",
            "AFP",
        ]);
        assert_eq!(
            String::from_utf8(body.clone()).unwrap(),
            "5:quote\n27:We will rebuild the bridge,\n10:Awa Diallo\n13:Example Daily\n3:AFP\n"
        );
        assert_eq!(crate::id::Id::of_body("statement", &body), statement.id());
        // The article's first 16 bytes, then the first 16 of the hash.
        assert_eq!(
            appearance.id().to_hex(),
            "646370f7b5ae8769e972475071c3e4b1881e8af591d7458f0c4be433d1c87cb2"
        );
        assert_eq!(appearance.id().to_hex()[..32], article.id().to_hex()[..32]);
    }
}
