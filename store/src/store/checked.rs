//! The ids a write is checked against: an article's, its statements' and
//! its appearances', computed and cross-checked before the writer's lock
//! is taken, so the hashing runs on the caller's threads.

use crate::error::{Error, ObjectKind, Result};
use crate::extractor::ExtractorVersion;
use crate::id::Id;
use crate::keys;
use crate::record::{Appearance, Article, Statement};

/// The ids of an article and of its statements and appearances, computed
/// and cross-checked by [`Checked::new`]: each appearance names its paired
/// statement and the article, and its span lies inside the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub(crate) article: Id,
    /// A plain blake3 of the article's raw fields: binds these ids to the
    /// record they were computed from at a fraction of the id's cost (no
    /// canonical form).
    raw: [u8; 32],
    /// Statement and appearance id of each pair, in order.
    pub(crate) pairs: Vec<(Id, Id)>,
    /// The index entries of each pair's appearance, made here rather than
    /// on the writer's thread (they hash the text and fold names).
    pub(crate) entries: Vec<Vec<keys::Entry>>,
    /// The article's day, which its day-index entry and name entries carry.
    pub(crate) day: keys::Day,
    /// The extractor that found the pairs, when the caller says
    /// ([`Checked::by`]).
    pub(crate) extractor: Option<ExtractorVersion>,
    /// What [`Store::probe`] found stored, if it was asked.
    pub(super) probe: Option<Probe>,
}

/// Which of an article's objects were stored when [`Store::probe`] looked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Probe {
    /// The store's epoch when the probe began.
    pub(super) epoch: u64,
    pub(super) article: bool,
    pub(super) statements: Vec<bool>,
}

impl Checked {
    /// Hashes the records and checks they agree; fails with
    /// [`Error::Invalid`] naming the first appearance that does not.
    pub fn new(article: &Article, found: &[(Statement, Appearance)]) -> Result<Checked> {
        let statement_ids = found.iter().map(|(s, _)| s.id()).collect();
        Checked::from_ids(article, article.id(), found, statement_ids, false)
    }

    /// Sets each appearance's statement and article to the ids of the
    /// records it is paired with, then checks the rest like
    /// [`Checked::new`]. For callers that build the records themselves
    /// (ingest): every id is hashed once, where building appearances with
    /// their ids and checking them would hash the body and each statement
    /// twice.
    pub fn assign(article: &Article, found: &mut [(Statement, Appearance)]) -> Result<Checked> {
        let article_id = article.id();
        let statement_ids = found
            .iter_mut()
            .map(|(statement, appearance)| {
                let id = statement.id();
                appearance.statement = id;
                appearance.article = article_id;
                id
            })
            .collect();
        Checked::from_ids(article, article_id, found, statement_ids, true)
    }

    /// [`Checked::new`] given the article's and statements' ids;
    /// `built_here` when the statements were just made from the
    /// appearances' own text, which need not be canonicalized again.
    fn from_ids(
        article: &Article,
        article_id: Id,
        found: &[(Statement, Appearance)],
        statement_ids: Vec<Id>,
        built_here: bool,
    ) -> Result<Checked> {
        let mut pairs = Vec::with_capacity(found.len());
        let mut entries = Vec::with_capacity(found.len());
        let day = keys::day_key(article.published.as_deref());
        for ((statement, appearance), statement_id) in found.iter().zip(statement_ids) {
            let appearance_id = appearance.id();
            let invalid = |what: String| Error::Invalid {
                kind: ObjectKind::Appearance,
                id: appearance_id,
                what,
            };
            if appearance.statement != statement_id {
                return Err(invalid(format!(
                    "it names statement {} but is paired with statement {statement_id}",
                    appearance.statement
                )));
            }
            if appearance.article != article_id {
                return Err(invalid(format!(
                    "it names article {} but is stored with article {article_id}",
                    appearance.article
                )));
            }
            // Ingest builds statements from the very words (`assign`);
            // anything else (import, a library caller) is checked whole.
            let given = (!built_here).then_some(statement);
            if let Some(why) = appearance.mismatch(&article.body, given) {
                return Err(invalid(why));
            }
            pairs.push((statement_id, appearance_id));
            entries.push(keys::appearance_entries(
                &appearance_id,
                appearance,
                statement,
                &day,
            ));
        }
        Ok(Checked {
            article: article_id,
            raw: raw_digest(article),
            pairs,
            entries,
            day,
            extractor: None,
            probe: None,
        })
    }

    /// Records that `extractor` found these statements: the article's
    /// appearance list is written with it. Without it the list's extractor
    /// is unrecorded.
    pub fn by(mut self, extractor: Option<ExtractorVersion>) -> Checked {
        self.extractor = extractor;
        self
    }

    /// The extractor given with [`Checked::by`].
    pub fn extractor(&self) -> Option<ExtractorVersion> {
        self.extractor
    }

    /// The article's id.
    pub fn article(&self) -> Id {
        self.article
    }

    /// Whether these ids are those of `article` and `found`: the same raw
    /// article, as many pairs, each appearance naming this article and its
    /// paired statement. Statements are not re-hashed: a statement changed
    /// after [`Checked::new`] is the caller's bug, and reads and `verify`
    /// would report it.
    pub(crate) fn fits(&self, article: &Article, found: &[(Statement, Appearance)]) -> bool {
        self.raw == raw_digest(article)
            && self.pairs.len() == found.len()
            && found
                .iter()
                .zip(&self.pairs)
                .all(|((_, a), (s, _))| a.article == self.article && a.statement == *s)
    }
}

/// A plain blake3 over an article's fields as they are, length-prefixed.
fn raw_digest(article: &Article) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    for field in [
        article.outlet.as_deref(),
        article.url.as_deref(),
        article.published.as_deref(),
        Some(article.body.as_str()),
        article.title.as_deref(),
        article.byline.as_deref(),
        article.dateline.as_deref(),
        article.origin.as_deref(),
        article.source.as_deref(),
    ] {
        match field {
            Some(f) => {
                h.update(&(f.len() as u64 + 1).to_le_bytes());
                h.update(f.as_bytes());
            }
            None => {
                h.update(&0u64.to_le_bytes());
            }
        }
    }
    *h.finalize().as_bytes()
}
