//! `quotetrail ingest`: read articles, extract, store.

use std::path::PathBuf;

use quotetrail_store::Store;
use serde::Serialize;

use super::error::{CliError, Status};
use super::ui::{Progress, Ui};
use super::{Context, MetaFlags};
use crate::ingest::{Prepared, default_threads, pipeline_with};
use crate::input::{known_extensions, read_paths};

/// Read articles, find their quotes and claims, and store them
///
/// Takes files, directories (walked recursively in sorted order, taking
/// `.txt`, `.md`, `.jsonl`, `.html`/`.htm` (maybe gzipped) and `.warc`/
/// `.warc.gz`) and `-` for standard input (JSONL when its first line is a
/// JSON object, an HTML page or WARC archive when it starts like one, else
/// one text article). A `.txt` or `.md`
/// file may have a sidecar `<name>.meta.json` with `outlet`, `url`,
/// `published`, `title`, `byline`, `dateline` and `origin`. A JSONL line
/// holds one article: `id`, `text` and the same metadata fields.
///
/// Metadata flags beat sidecars, which beat JSONL fields, which beat what
/// the text itself says. Ingesting the same input twice adds nothing. A bad
/// input is reported on stderr and skipped; the rest goes on and the exit
/// status is 1.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// Files or directories to read, or `-` for stdin
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    meta: MetaFlags,

    /// Extraction threads [default: one per core]
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Store without grouping statements across outlets; `quotetrail match`
    /// groups them later. For bulk loads: matching costs more than storing.
    #[arg(long)]
    no_match: bool,
}

/// What one ingest run did.
#[derive(Default, Serialize)]
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
}

/// One article as `ingest --json` reports it.
#[derive(Serialize)]
struct ArticleDone<'a> {
    id: String,
    source: &'a str,
    new: bool,
    statements: usize,
    statements_new: usize,
}

/// Articles stored per write. sled pays a fixed cost per batch, so bulk
/// ingest writes a few dozen articles at once (and whatever it holds when
/// input pauses); each batch is atomic, so an interrupted run still leaves
/// whole articles only.
const BATCH: usize = 64;

/// Runs `ingest`.
pub fn run(args: &IngestArgs, ctx: &mut Context) -> Result<Status, CliError> {
    // Open the store first: a store in use is reported before any input is
    // read (and before stdin is waited on).
    let store = ctx.open_store()?;
    let flags = args.meta.to_meta();
    let threads = args.threads.unwrap_or_else(default_threads);
    let ui = &mut ctx.ui;
    ui.stdin_hint(&args.paths);
    let (fatal, summary) = std::thread::scope(|scope| {
        // Matching runs beside the writer, on stored batches.
        let (grouping, matcher) = match args.no_match {
            true => (None, None),
            false => {
                let (g, m) = super::grouping::spawn(scope, &store);
                (Some(g), Some(m))
            }
        };
        let mut writer = Writer {
            store: &store,
            ui: &mut *ui,
            summary: Summary::default(),
            pending: Vec::with_capacity(BATCH),
            progress: None,
            grouping,
        };
        writer.progress = Some(writer.ui.progress("articles"));
        let mut fatal: Option<CliError> = None;
        pipeline_with(
            |emit| read_paths(&args.paths, emit),
            &flags,
            threads,
            // Which objects are stored already is asked here, on the
            // workers; a failed probe just leaves the question to the writer.
            |prepared| {
                if let Ok(ids) = prepared.ids.as_mut() {
                    let _ = store.probe(ids);
                }
            },
            |outcome| {
                let idle = outcome.is_none();
                match outcome {
                    Some(Ok(p)) => writer.pending.push(p),
                    Some(Err(e)) => {
                        writer.summary.failures += 1;
                        writer.ui.problem(&e.to_string());
                    }
                    // Idle: store what has come so far.
                    None => {}
                }
                let written = if idle {
                    writer
                        .write()
                        .and_then(|()| writer.ui.flush().map_err(CliError::from))
                } else if writer.pending.len() >= BATCH {
                    writer.write()
                } else {
                    Ok(())
                };
                if let Err(e) = written {
                    fatal = Some(e);
                    return false;
                }
                true
            },
        );
        if fatal.is_none() {
            fatal = writer.write().err();
        }
        // Let the matcher drain its queue; its own error explains a failed
        // hand-over, so it comes first.
        drop(writer.grouping.take());
        if let Some(Err(e)) = matcher.map(super::grouping::Matcher::finish) {
            fatal = Some(e);
        }
        if let Some(p) = writer.progress.as_mut() {
            p.finish();
        }
        (fatal, writer.summary)
    });
    store.flush()?;
    if let Some(e) = fatal {
        return Err(e);
    }
    if ctx.ui.json() {
        ctx.ui.record("summary", &summary)?;
    }
    ctx.ui.status(&describe(&summary));
    Ok(Status::from_problems(ctx.ui.problems()))
}

/// Writes prepared articles to the store in batches, in input order.
struct Writer<'a> {
    store: &'a Store,
    ui: &'a mut Ui,
    summary: Summary,
    pending: Vec<Prepared>,
    progress: Option<Progress>,
    /// Hands each stored batch to the matcher thread; `None` with
    /// `--no-match`.
    grouping: Option<super::grouping::Grouping>,
}

impl Writer<'_> {
    /// Stores the pending articles. An article the store refuses is
    /// reported and skipped; a failing database stops the run.
    fn write(&mut self) -> Result<(), CliError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.pending);
        let outcomes = self.store.put_prechecked(batch.iter().filter_map(|p| {
            let ids = p.ids.as_ref().ok()?;
            Some((&p.article, p.statements.as_slice(), ids))
        }))?;
        // Records that disagree got no ids and fail with the reason.
        let mut outcomes = outcomes.into_iter();
        let outcomes: Vec<_> = batch
            .iter()
            .filter_map(|p| match &p.ids {
                Ok(_) => outcomes.next().map(|o| o.map_err(|e| e.to_string())),
                Err(why) => Some(Err(why.clone())),
            })
            .collect();
        let mut stored = Vec::with_capacity(batch.len());
        for (prepared, outcome) in batch.into_iter().zip(outcomes) {
            let put = match outcome {
                Ok(put) => put,
                Err(e) => {
                    self.summary.failures += 1;
                    self.ui.problem(&format!("{}: {e}", prepared.origin));
                    continue;
                }
            };
            let s = &mut self.summary;
            if put.article_new {
                s.articles_new += 1;
            } else {
                s.articles_seen += 1;
            }
            s.statements_new += put.statements_new;
            s.appearances_new += put.appearances_new;
            s.statements_found += prepared.statements.len();
            if self.ui.json() {
                let done = ArticleDone {
                    id: put.article.to_hex(),
                    source: prepared.article.source.as_deref().unwrap_or(""),
                    new: put.article_new,
                    statements: prepared.statements.len(),
                    statements_new: put.statements_new,
                };
                self.ui.record("stored", &done)?;
            }
            stored.push(prepared);
        }
        // Already-stored articles go too: the matcher skips what it grouped
        // before, and groups what an interrupted run left ungrouped.
        if let Some(grouping) = &self.grouping {
            grouping.send(stored)?;
        }
        let s = &self.summary;
        if let Some(p) = self.progress.as_mut() {
            p.tick(
                s.articles_new + s.articles_seen,
                &format!("stored, {} new", s.articles_new),
            );
        }
        Ok(())
    }
}

/// The closing line on stderr.
fn describe(s: &Summary) -> String {
    let read = s.articles_new + s.articles_seen;
    if read == 0 && s.failures == 0 {
        return format!(
            "no articles found (looked for {} files)",
            known_extensions()
        );
    }
    let failed = if s.failures > 0 {
        format!("; {} failed", s.failures)
    } else {
        String::new()
    };
    if read > 0 && s.articles_new == 0 && s.statements_new == 0 && s.appearances_new == 0 {
        return format!("nothing new: all {read} articles were already in the store{failed}");
    }
    format!(
        "{read} articles ({} new, {} already stored): {} new statements, {} new appearances{failed}",
        s.articles_new, s.articles_seen, s.statements_new, s.appearances_new
    )
}
