//! `quotetrail ingest`: the arguments, and how a run of
//! [`crate::ingest::run`] is shown.

use std::io;
use std::path::PathBuf;

use serde::Serialize;

use super::error::{CliError, Status};
use super::ui::{Progress, Ui};
use super::{Context, MetaFlags, WalkFlags};
use crate::ingest::{self, Options, StoredArticle, Summary, default_threads};
use crate::input::{known_extensions, read_paths_excluding};

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
/// A directory walk skips hidden files and directories, `*.meta.json`
/// sidecars, and a corpus's own README*, CHANGELOG* and LICENSE* files;
/// `--exclude GLOB` leaves out more. A file named on the command line is
/// always read.
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

    #[command(flatten)]
    walk: WalkFlags,

    /// Extraction threads [default: one per core]
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Store without grouping statements across outlets; `quotetrail match`
    /// groups them later. For bulk loads: matching costs more than storing.
    #[arg(long)]
    no_match: bool,
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
    super::build_word_index_if_missing(&store, &mut ctx.ui)?;
    let options = Options {
        flags: args.meta.to_meta(),
        threads: args.threads.unwrap_or_else(default_threads),
        matching: !args.no_match,
    };
    let exclude = args.walk.exclude()?;
    ctx.ui.stdin_hint(&args.paths);
    let progress = ctx.ui.progress("articles");
    progress.count_beside(&args.paths, &exclude);
    let mut shown = Shown {
        progress,
        ui: &mut ctx.ui,
    };
    let read = |emit: &mut dyn FnMut(crate::input::Item) -> bool| {
        read_paths_excluding(&args.paths, &exclude, emit)
    };
    let summary = ingest::run(&store, read, &options, &mut shown)?;
    super::close_after_writes(store, summary.appearances_new, &mut ctx.ui)?;
    if ctx.ui.json() {
        ctx.ui.record("summary", &summary)?;
    }
    ctx.ui.status(&describe(&summary));
    Ok(Status::from_problems(ctx.ui.problems()))
}

/// How `ingest` shows a run: a `stored` record per article with `--json`,
/// a `quotetrail: ...` line per failed input, a progress line on stderr.
struct Shown<'a> {
    ui: &'a mut Ui,
    progress: Progress,
}

impl ingest::Progress for Shown<'_> {
    fn stored(&mut self, article: &StoredArticle<'_>) -> io::Result<()> {
        if !self.ui.json() {
            return Ok(());
        }
        let (prepared, put) = (article.prepared, article.outcome);
        self.ui.record(
            "stored",
            &ArticleDone {
                id: put.article.to_hex(),
                source: prepared.article.source.as_deref().unwrap_or(""),
                new: put.article_new,
                statements: prepared.statements.len(),
                statements_new: put.statements_new,
            },
        )
    }

    fn failed(&mut self, message: &str) {
        self.ui.problem(message);
    }

    fn written(&mut self, s: &Summary) {
        self.progress.tick(
            s.articles_new + s.articles_seen + s.failures,
            &format!("stored, {} new", s.articles_new),
        );
    }

    fn paused(&mut self) -> io::Result<()> {
        self.ui.flush()
    }

    fn finished(&mut self, _: &Summary) {
        self.progress.finish();
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
