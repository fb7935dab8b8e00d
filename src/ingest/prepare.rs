//! One article from read input to store records: the pure step of ingest.
//!
//! [`prepare`] runs extraction on one [`Input`] and builds the [`Article`],
//! [`Statement`]s and [`Appearance`]s the store keeps, with their ids. It
//! runs on the worker threads ([`super::workers`]), so everything costly
//! about an article (extraction, hashing) happens off the one writer thread.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

use quotetrail_store::{Appearance, Article, Checked, Id, Statement};

use super::workers::Outcome;
use crate::extract::{ArticleMeta, Extraction, extract};
use crate::input::{Input, InputError, Origin, overlay};

/// One article ready to be stored: the records and what extraction found.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// Where it came from.
    pub origin: Origin,
    /// The article record.
    pub article: Article,
    /// The article's id, hashed once here: printing it must not hash the
    /// body again.
    pub article_id: Id,
    /// What extraction returned (filled metadata and found statements).
    pub extraction: Extraction,
    /// Each found statement as a store record with its appearance, in body
    /// order; `statements[i]` belongs to `extraction.statements[i]`.
    pub statements: Vec<(Statement, Appearance)>,
    /// The records' ids, computed here on a worker thread so the store's
    /// one writer thread doesn't hash bodies; or why the records don't
    /// agree, which makes the article fail to store. Prepared for
    /// [`Purpose::Print`], always [`NOT_CHECKED`]: such an article is not
    /// stored.
    pub ids: Result<Checked, String>,
}

/// What an article is prepared for: what [`prepare_for`] computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Storing (ingest): every id, checked, with the index entries.
    Store,
    /// Printing (`extract`): the article's and statements' ids alone. The
    /// appearance ids, fingerprints and index entries the store needs
    /// cost about a sixth of `extract`'s time and it prints none of them.
    Print,
}

/// [`Prepared::ids`] of an article prepared for [`Purpose::Print`].
pub const NOT_CHECKED: &str = "prepared for printing, not for storing";

/// Extracts one article. `flags` is metadata given on the command line,
/// which beats what the input says.
pub fn prepare(input: Input, flags: &ArticleMeta) -> Prepared {
    prepare_for(input, flags, Purpose::Store)
}

/// [`prepare`], computing what `purpose` needs.
pub fn prepare_for(input: Input, flags: &ArticleMeta, purpose: Purpose) -> Prepared {
    let given = overlay(&input.meta, flags);
    let extraction = extract(&input.body, &given);
    let meta = &extraction.meta;
    let article = Article {
        outlet: meta.outlet.clone(),
        url: meta.url.clone(),
        published: meta.published.clone(),
        body: input.body,
        title: meta.title.clone(),
        byline: meta.byline.clone(),
        dateline: meta.dateline.clone(),
        origin: meta.origin.clone(),
        source: Some(input.origin.source_label()),
        lang: meta.lang.clone(),
    };
    records(input.origin, article, extraction, purpose)
}

/// Extracts a stored article again, with the current extractor: what
/// `reextract` does. The article stays exactly as stored (it is the
/// evidence, and its id must not move); extraction is given what ingest
/// gave it, the body and the stored metadata (outlet, URL, date, title,
/// byline, dateline, origin, language), which beat what the text says as
/// command-line flags do.
pub fn prepare_stored(article: Article) -> Prepared {
    let given = ArticleMeta {
        outlet: article.outlet.clone(),
        url: article.url.clone(),
        published: article.published.clone(),
        title: article.title.clone(),
        byline: article.byline.clone(),
        dateline: article.dateline.clone(),
        origin: article.origin.clone(),
        lang: article.lang.clone(),
    };
    let extraction = extract(&article.body, &given);
    let origin = Origin::File(PathBuf::from(
        article
            .source
            .clone()
            .unwrap_or_else(|| article.id().short(12)),
    ));
    records(origin, article, extraction, Purpose::Store)
}

/// The store records for what extraction found in `article`.
fn records(origin: Origin, article: Article, extraction: Extraction, purpose: Purpose) -> Prepared {
    // Ids are filled in by `Checked::assign` below, which hashes each
    // record once.
    let unset = Id::from_bytes([0; 32]);
    let mut statements = extraction
        .statements
        .iter()
        .map(|found| {
            let statement = Statement::new(
                found.kind,
                &found.text,
                found.speaker.as_deref(),
                article.outlet.as_deref(),
                found.wire.as_deref(),
            );
            let appearance = Appearance {
                statement: unset,
                article: unset,
                start: found.start,
                end: found.end,
                text: found.text.clone(),
                speaker_mention: found.speaker_mention.clone(),
                wire_source: found.wire_source,
            };
            (statement, appearance)
        })
        .collect::<Vec<_>>();
    let (article_id, ids) = match purpose {
        Purpose::Store => {
            let ids = Checked::assign(&article, &mut statements)
                .map(|ids| ids.by(Some(crate::extract::version::current())))
                .map_err(|e| e.to_string());
            let id = match &ids {
                Ok(ids) => ids.article(),
                Err(_) => article.id(),
            };
            (id, ids)
        }
        Purpose::Print => {
            let id = article.id();
            for (statement, appearance) in &mut statements {
                appearance.statement = statement.id();
                appearance.article = id;
            }
            (id, Err(NOT_CHECKED.to_owned()))
        }
    };
    Prepared {
        origin,
        article,
        article_id,
        extraction,
        statements,
        ids,
    }
}

/// [`prepare`], with a panic turned into an [`InputError::Extraction`] for
/// that one article.
pub(super) fn guarded_prepare(input: Input, flags: &ArticleMeta, purpose: Purpose) -> Outcome {
    let origin = input.origin.clone();
    let prepared =
        std::panic::catch_unwind(AssertUnwindSafe(|| prepare_for(input, flags, purpose))).map_err(
            |panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".to_owned());
                InputError::Extraction {
                    path: PathBuf::from(origin.to_string()),
                    what,
                }
            },
        )?;
    if let Some(found) = prepared.extraction.too_many {
        return Err(InputError::TooManyStatements {
            path: PathBuf::from(origin.to_string()),
            found,
            limit: crate::extract::max_statements(),
        });
    }
    Ok(prepared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_input_metadata() {
        let mut inp = Input {
            origin: Origin::File(PathBuf::from("1.txt")),
            body: "Article number 1. \"We are ready,\" said John Smith.".into(),
            meta: ArticleMeta::default(),
        };
        inp.meta.outlet = Some("Sidecar Daily".into());
        let flags = ArticleMeta {
            outlet: Some("Flag Post".into()),
            ..Default::default()
        };
        let p = prepare(inp, &flags);
        assert_eq!(p.article.outlet.as_deref(), Some("Flag Post"));
        assert_eq!(p.article.source.as_deref(), Some("1.txt"));
    }

    #[test]
    fn a_stored_article_extracts_again_to_the_records_ingest_made() {
        let meta = ArticleMeta {
            outlet: Some("Sidecar Daily".into()),
            published: Some("2024-05-01".into()),
            ..ArticleMeta::default()
        };
        let input = Input {
            origin: Origin::File(PathBuf::from("1.txt")),
            body: "\u{201C}We are ready,\u{201D} said John Smith. He said talks failed.".into(),
            meta,
        };
        let ingested = prepare(input, &ArticleMeta::default());
        assert!(!ingested.statements.is_empty());
        let again = prepare_stored(ingested.article.clone());
        assert_eq!(again.article, ingested.article);
        assert_eq!(again.statements, ingested.statements);
        assert_eq!(again.ids, ingested.ids);
        let ids = again.ids.unwrap();
        assert_eq!(ids.extractor(), Some(crate::extract::version::current()));
    }

    #[test]
    fn printing_gives_the_ids_storing_does() {
        let input = || Input {
            origin: Origin::File(PathBuf::from("1.txt")),
            body: "\u{201C}We are ready,\u{201D} said John Smith. He said talks failed.".into(),
            meta: ArticleMeta::default(),
        };
        let stored = prepare(input(), &ArticleMeta::default());
        let printed = prepare_for(input(), &ArticleMeta::default(), Purpose::Print);
        assert!(!stored.statements.is_empty());
        assert_eq!(printed.article_id, stored.article.id());
        assert_eq!(printed.article_id, stored.article_id);
        assert_eq!(printed.statements, stored.statements);
        assert_eq!(printed.ids, Err(NOT_CHECKED.to_owned()));
    }
}
