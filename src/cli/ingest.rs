//! `quotetrail ingest`: read articles, extract, store.

use std::path::PathBuf;

use quotetrail_store::Error as StoreError;
use serde::Serialize;

use super::error::{CliError, Status};
use super::{Context, MetaFlags};
use crate::ingest::{default_threads, pipeline};
use crate::input::read_paths;

/// Read articles, find their quotes and claims, and store them
///
/// Takes files, directories (walked recursively in sorted order, taking
/// `.txt`, `.md` and `.jsonl`) and `-` for standard input (JSONL when its
/// first line is a JSON object, else one text article). A `.txt` or `.md`
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

/// Runs `ingest`.
pub fn run(args: &IngestArgs, ctx: &mut Context) -> Result<Status, CliError> {
    // Open the store first: a store in use is reported before any input is
    // read (and before stdin is waited on).
    let store = ctx.open_store()?;
    let flags = args.meta.to_meta();
    let threads = args.threads.unwrap_or_else(default_threads);
    let ui = &mut ctx.ui;
    ui.stdin_hint(&args.paths);
    let json = ui.json();
    let mut summary = Summary::default();
    let mut fatal: Option<CliError> = None;
    let mut progress = ui.progress("articles");
    pipeline(
        |emit| read_paths(&args.paths, emit),
        &flags,
        threads,
        |outcome| {
            let prepared = match outcome {
                Ok(p) => p,
                Err(e) => {
                    summary.failures += 1;
                    ui.problem(&e.to_string());
                    return true;
                }
            };
            match store.put_article(&prepared.article, &prepared.statements) {
                Ok(put) => {
                    if put.article_new {
                        summary.articles_new += 1;
                    } else {
                        summary.articles_seen += 1;
                    }
                    summary.statements_new += put.statements_new;
                    summary.appearances_new += put.appearances_new;
                    summary.statements_found += prepared.statements.len();
                    if json {
                        let source = prepared.article.source.as_deref().unwrap_or("");
                        let done = ArticleDone {
                            id: put.article.to_hex(),
                            source,
                            new: put.article_new,
                            statements: prepared.statements.len(),
                            statements_new: put.statements_new,
                        };
                        if let Err(e) = ui.record("article", &done) {
                            fatal = Some(e.into());
                            return false;
                        }
                    }
                }
                // One article's records contradict each other: skip it.
                Err(e @ StoreError::Invalid { .. }) => {
                    summary.failures += 1;
                    ui.problem(&format!("{}: {e}", prepared.origin));
                }
                // The database itself failed: stop, what is stored stays.
                Err(e) => {
                    fatal = Some(e.into());
                    return false;
                }
            }
            let done = summary.articles_new + summary.articles_seen;
            progress.tick(done, &format!("stored, {} new", summary.articles_new));
            true
        },
    );
    progress.finish();
    store.flush()?;
    if let Some(e) = fatal {
        return Err(e);
    }
    if json {
        ctx.ui.record("summary", &summary)?;
    }
    ctx.ui.status(&describe(&summary));
    Ok(Status::from_problems(ctx.ui.problems()))
}

/// The closing line on stderr.
fn describe(s: &Summary) -> String {
    let read = s.articles_new + s.articles_seen;
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
