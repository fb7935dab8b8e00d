//! The ingest pipeline: readers -> workers -> one writer -> matcher.
//!
//! [`run`] is the whole of it, for every caller (`quotetrail ingest`,
//! `quotetrail demo`, tests): a reader thread emits [`Item`]s, worker
//! threads [`prepare`] them (`workers.rs`), the caller's thread writes them
//! to the store in input order and in atomic batches (`writer.rs`), and a
//! matcher thread groups each stored batch across outlets (`matcher.rs`).
//! It returns a [`Summary`] and reports what happens through a
//! [`Progress`], so the library prints nothing and a command only chooses
//! how to show it.
//!
//! Durable points are explicit: each written batch
//! ([`Progress::written`]), a pause in the input (everything read so far
//! is stored, [`Progress::paused`]), and the end of [`run`], which flushes
//! the store. Grouping trails storing; what a cut-short run stored but did
//! not group is grouped by the next ingest or by `quotetrail match`.

use std::io;
use std::path::PathBuf;

use quotetrail_store::{PutOutcome, Store};
use serde::Serialize;

use crate::extract::ArticleMeta;
use crate::input::{Input, Item, read_paths};

mod matcher;
mod prepare;
mod workers;
mod writer;

#[cfg(test)]
mod tests;

pub use prepare::{NOT_CHECKED, Prepared, Purpose, prepare, prepare_for, prepare_stored};
pub use workers::{Outcome, default_threads, pipeline, pipeline_with};

/// How to run the pipeline.
#[derive(Clone, Debug)]
pub struct Options {
    /// Metadata given by the caller (command-line flags), which beats what
    /// the inputs say.
    pub flags: ArticleMeta,
    /// Extraction threads.
    pub threads: usize,
    /// Whether to group stored statements across outlets as they are
    /// stored; without it `quotetrail match` groups them later (matching
    /// costs more than storing, so bulk loads may skip it).
    pub matching: bool,
}

impl Default for Options {
    /// No flags, one extraction thread per core, matching on.
    fn default() -> Options {
        Options {
            flags: ArticleMeta::default(),
            threads: default_threads(),
            matching: true,
        }
    }
}

/// What one run did.
///
/// Serialized as `ingest --json`'s `summary` record, whose fields are
/// pinned; what that record does not show is skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Articles stored for the first time.
    pub articles_new: usize,
    /// Articles that were already stored.
    pub articles_seen: usize,
    /// Statements stored for the first time.
    pub statements_new: usize,
    /// Statements found in all articles read (new or not).
    pub statements_found: usize,
    /// Appearances stored for the first time.
    pub appearances_new: usize,
    /// Inputs that could not be read or stored.
    pub failures: usize,
    /// Appearances the matcher placed in a group (0 without matching).
    #[serde(skip)]
    pub appearances_grouped: usize,
}

/// One article the writer has stored (or found already stored).
#[derive(Clone, Copy, Debug)]
pub struct StoredArticle<'a> {
    /// What was prepared: origin, records, extraction.
    pub prepared: &'a Prepared,
    /// What the store did with it: its id and what was new.
    pub outcome: &'a PutOutcome,
}

/// One batch the matcher has grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatchedBatch {
    /// Articles in the batch.
    pub articles: usize,
    /// Appearances placed in a group (already grouped ones are not
    /// counted).
    pub appearances_grouped: usize,
}

/// Where [`run`] reports what happens, on the caller's thread, in order.
///
/// The CLI shows these as `--json` records, error lines and a progress
/// line; a test collects them. Events that return an error stop the run
/// with [`Error::Io`] (a closed stdout, say).
pub trait Progress {
    /// An article was stored, or found already stored. Called in input
    /// order, before the batch it belongs to is handed to the matcher.
    fn stored(&mut self, article: &StoredArticle<'_>) -> io::Result<()>;

    /// An input could not be read, extracted or stored; the run goes on.
    /// `message` is one line that names the input (path, line, offset).
    fn failed(&mut self, message: &str);

    /// A batch is written: everything reported so far is durable.
    /// `so_far` counts the whole run up to here.
    fn written(&mut self, so_far: &Summary) {
        let _ = so_far;
    }

    /// The input paused (a slow stream): what was read so far is written.
    /// A chance to flush output, so a reader of it sees the articles.
    fn paused(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// The matcher grouped a batch. Reported when the writer next looks
    /// (after a later batch, or at the end), since matching trails it.
    fn matched(&mut self, batch: &MatchedBatch) {
        let _ = batch;
    }

    /// The run is over, also when it stops with an error; `summary` is
    /// what it did. The store is flushed after this.
    fn finished(&mut self, summary: &Summary) {
        let _ = summary;
    }
}

/// Why a run stopped. Bad inputs don't stop it (see [`Progress::failed`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store failed (not one article refused: the database).
    #[error(transparent)]
    Store(#[from] quotetrail_store::Error),
    /// A [`Progress`] event failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The matcher thread stopped without a store error to explain it.
    #[error("{0}")]
    Matching(&'static str),
}

/// Reads `paths` as `quotetrail ingest` does (files, directories, `-` for
/// stdin), for [`run`].
pub fn from_paths(paths: &[PathBuf]) -> impl FnOnce(&mut dyn FnMut(Item) -> bool) + Send + '_ {
    move |emit| read_paths(paths, emit)
}

/// Emits `inputs` already read (the demo corpus, a test's texts), for
/// [`run`].
pub fn from_inputs(inputs: Vec<Input>) -> impl FnOnce(&mut dyn FnMut(Item) -> bool) + Send {
    move |emit| {
        for input in inputs {
            if !emit(Ok(input)) {
                break;
            }
        }
    }
}

/// Ingests what `read` emits into `store`: extracts on
/// `options.threads` workers, stores in input order, groups each stored
/// batch unless `options.matching` is off, and flushes the store.
///
/// A bad input is reported to `progress` and counted in
/// [`Summary::failures`]; the rest goes on. The run stops early only on an
/// [`Error`]: then it has stored a prefix of the input, in whole articles.
pub fn run<R>(
    store: &Store,
    read: R,
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Summary, Error>
where
    R: FnOnce(&mut dyn FnMut(Item) -> bool) + Send,
{
    let (fatal, summary) = std::thread::scope(|scope| {
        // Matching runs beside the writer, on stored batches.
        let (grouping, matcher) = match options.matching {
            true => {
                let (g, m) = matcher::spawn(scope, store);
                (Some(g), Some(m))
            }
            false => (None, None),
        };
        let mut writer = writer::Writer::new(store, progress, grouping);
        let mut fatal: Option<Error> = None;
        pipeline_with(
            read,
            &options.flags,
            options.threads,
            // Which objects are stored already is asked here, on the
            // workers; a failed probe just leaves the question to the writer.
            |prepared| {
                if let Ok(ids) = prepared.ids.as_mut() {
                    let _ = store.probe(ids);
                }
            },
            |outcome| match writer.take(outcome) {
                Ok(()) => true,
                Err(e) => {
                    fatal = Some(e);
                    false
                }
            },
        );
        if fatal.is_none() {
            fatal = writer.write().err();
        }
        // Let the matcher drain its queue; its own error explains a failed
        // hand-over, so it comes first.
        if let Some(grouping) = writer.grouping.as_mut() {
            grouping.close();
        }
        if let Some(Err(e)) = matcher.map(matcher::Matcher::finish) {
            fatal = Some(e);
        }
        writer.report_matched();
        writer.progress.finished(&writer.summary);
        (fatal, writer.summary)
    });
    store.flush()?;
    match fatal {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}
