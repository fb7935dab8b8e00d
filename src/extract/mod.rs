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

use lang::Lang;
use lexicon::Lexicon;
use rules::{RuleId, Trace};

pub mod antecedent;
pub mod attribution;
pub mod boilerplate;
pub mod claims;
pub mod cue;
pub mod embedded;
pub mod lang;
pub mod lexicon;
pub mod meta;
pub mod quotes;
pub mod rules;
pub mod speaker;
pub mod version;
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
    /// The language, as a code ("en", "fr"): given, or detected from the
    /// text when extraction runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
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
    /// The rule that found it ([`rules::CATALOGUE`]).
    #[serde(skip_deserializing, default)]
    pub rule: RuleId,
    /// The rule that chose its speaker, where one did.
    #[serde(skip_deserializing, default, skip_serializing_if = "Option::is_none")]
    pub speaker_rule: Option<RuleId>,
}

/// The result of extracting one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    /// The given metadata, gaps filled from the text.
    pub meta: ArticleMeta,
    /// Statements in body order.
    pub statements: Vec<Found>,
    /// `Some(n)` when the text holds more statements than
    /// [`max_statements`] allows (`n` found before extraction stopped);
    /// `statements` is then empty and the article is refused, not cut.
    pub too_many: Option<usize>,
}

/// The most statements one article may yield unless raised
/// (`--max-statements`). A long news article has a few hundred; a text with
/// more is a transcript dump or an attack, and attributing every one of
/// them would cost time and memory out of all proportion.
pub const DEFAULT_MAX_STATEMENTS: usize = 10_000;

static MAX_STATEMENTS: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(DEFAULT_MAX_STATEMENTS);

/// Sets the cap on statements per article for this process (the
/// `--max-statements` flag); 0 means no cap.
pub fn set_max_statements(n: usize) {
    let n = if n == 0 { usize::MAX } else { n };
    MAX_STATEMENTS.store(n, std::sync::atomic::Ordering::Relaxed);
}

/// The cap on statements per article (see [`set_max_statements`]).
pub fn max_statements() -> usize {
    MAX_STATEMENTS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Finds every statement in `body`, with speaker and wire.
///
/// `given` is the metadata known from outside the text (sidecar, JSONL
/// fields, flags); it wins over what the text says. Never panics, and runs in
/// time linear in the length of `body`.
pub fn extract(body: &str, given: &ArticleMeta) -> Extraction {
    extract_traced(body, given, &mut Trace::default())
}

/// [`extract`], recording in `trace` what each rule took and rejected
/// (for `extract --explain`).
///
/// The language picks the rules: given in `given.lang`, else detected
/// from the text, else English. A language without rules gets its quotes
/// by their marks only, unattributed.
pub fn extract_traced(body: &str, given: &ArticleMeta, trace: &mut Trace) -> Extraction {
    let lang = given
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .or_else(|| Lang::detect(body))
        .unwrap_or(Lang::En);
    // The language first: its abbreviations decide where sentences end.
    let doc = crate::text::Doc::in_lang(body, lang);
    let mut meta = meta::fill(&doc, given);
    meta.lang = Some(lang.code().to_owned());
    let live = boilerplate::live_paragraphs(&doc);
    if trace.is_on() {
        for (p, _) in live.iter().enumerate().filter(|(_, l)| !**l) {
            trace.note(
                doc.paragraphs[p].clone(),
                false,
                rules::REJECT_BOILERPLATE,
                || "page furniture, not article text".into(),
            );
        }
    }
    let cap = max_statements();
    let refuse = |meta: ArticleMeta, n: usize| Extraction {
        meta,
        statements: Vec::new(),
        too_many: Some(n),
    };
    let mut statements = match lang {
        Lang::En => {
            let mut s = quotes::find(&doc, &live);
            if s.len() > cap {
                return refuse(meta, s.len());
            }
            let claims = claims::find(&doc, &live, &s, trace);
            s.extend(claims);
            s
        }
        Lang::Fr => rules::fr::find(&doc, &live, trace),
        Lang::Other(_) => {
            quotes::find_with(&doc, &live, false, &mut |_, _| attribution::Attributed {
                rule: None,
                ..Default::default()
            })
        }
    };
    if statements.len() > cap {
        return refuse(meta, statements.len());
    }
    statements.sort_by_key(|s| (s.start, s.end));
    let names = if lang.has_rules() {
        speaker::resolve_names_in(&doc, Lexicon::of(lang), &mut statements)
    } else {
        for s in &mut statements {
            s.rule = rules::UNATTRIBUTED;
        }
        speaker::Names::default()
    };
    wire::credit_keyed(&doc, &meta, &mut statements, &names);
    if trace.is_on() {
        rules::note_untaken(&doc, &live, Lexicon::of(lang), &statements, trace);
        for s in &statements {
            trace.note(s.start..s.end, true, s.rule, || {
                let who = s.speaker.as_deref().unwrap_or("no speaker");
                let by = s
                    .speaker_rule
                    .map(|r| format!(" (speaker by {r})"))
                    .unwrap_or_default();
                let wire = match (&s.wire, s.wire_source) {
                    (Some(w), WireSource::Inferred) => {
                        format!(", wire {w} inferred from the origin")
                    }
                    (Some(w), _) => format!(", wire {w} credited in the text"),
                    (None, _) => String::new(),
                };
                format!("{} by {who}{by}{wire}", s.kind.as_str())
            });
        }
    }
    Extraction {
        meta,
        statements,
        too_many: None,
    }
}
