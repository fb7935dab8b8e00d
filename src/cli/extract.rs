//! `quotetrail extract`: find statements without touching the store.

use std::path::PathBuf;

use quotetrail_store::{Appearance, Id, Statement, WireSource};
use serde::Serialize;

use super::error::{CliError, Status};
use super::ui::{Paint, Ui, truncate};
use super::{Context, MetaFlags, WalkFlags};
use crate::extract::rules::RuleId;
use crate::ingest::{Prepared, default_threads, pipeline};
use crate::input::{Origin, known_extensions, read_paths_excluding};

/// Find quotes and claims in articles and print them, storing nothing
///
/// Reads the same inputs as `ingest` (files, directories, `-` for stdin)
/// and prints, for each article, its metadata and every statement with its
/// speaker and wire. `--format jsonl` prints one JSON object per article,
/// the format evaluation scripts read.
#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files or directories to read, or `-` for stdin
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// For every sentence with a quotation mark or a speech word, print
    /// what was taken or rejected and by which rule, instead of the
    /// statements
    #[arg(long)]
    explain: bool,

    #[command(flatten)]
    meta: MetaFlags,

    #[command(flatten)]
    walk: WalkFlags,
}

/// How `extract` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people.
    Human,
    /// One bare JSON object per article.
    Jsonl,
    /// One JSON object mapping each article (its JSONL id, or its file
    /// name without extensions) to `{"articleBody": ...}`: the extracted
    /// body, in the form the article-extraction benchmark's scorer reads.
    BodyJson,
    /// Parquet on stdout, one row per statement (see the README for the
    /// columns).
    #[cfg(feature = "parquet")]
    Parquet,
}

impl Format {
    /// Whether the output is binary (Parquet), where no JSON record may go.
    fn is_binary(self) -> bool {
        #[cfg(feature = "parquet")]
        if self == Format::Parquet {
            return true;
        }
        false
    }
}

/// One article as `extract --format jsonl` prints it.
#[derive(Serialize)]
pub struct ArticleOut<'a> {
    /// The JSONL record's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    /// The file it came from (for records without an id, `file:line`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The store id the article would get.
    pub article: Id,
    /// Publisher.
    pub outlet: Option<&'a str>,
    /// URL.
    pub url: Option<&'a str>,
    /// Publication date.
    pub published: Option<&'a str>,
    /// Headline.
    pub title: Option<&'a str>,
    /// Author line.
    pub byline: Option<&'a str>,
    /// Place line.
    pub dateline: Option<&'a str>,
    /// Syndication origin.
    pub origin: Option<&'a str>,
    /// Language code ("en", "fr"), given or detected.
    pub lang: Option<&'a str>,
    /// What was found, in body order.
    pub statements: Vec<StatementOut<'a>>,
}

/// One statement as `extract` prints it.
#[derive(Serialize)]
pub struct StatementOut<'a> {
    /// The store's statement id.
    pub id: Id,
    /// `quote` or `claim`.
    pub kind: &'static str,
    /// The words as printed.
    pub text: &'a str,
    /// Byte offset in the body.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Canonical speaker name.
    pub speaker: Option<&'a str>,
    /// The speaker as mentioned.
    pub speaker_mention: Option<&'a str>,
    /// Credited agency.
    pub wire: Option<&'a str>,
    /// Where the wire credit came from.
    pub wire_source: WireSource,
    /// The outlet that printed it.
    pub outlet: Option<&'a str>,
    /// The rule that found it (see `extract --explain`).
    pub rule: RuleId,
    /// The rule that chose its speaker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_rule: Option<RuleId>,
}

impl<'a> ArticleOut<'a> {
    /// The printable form of a prepared article.
    pub fn new(p: &'a Prepared) -> ArticleOut<'a> {
        let (id, path) = match &p.origin {
            Origin::File(path) => (None, Some(path.display().to_string())),
            Origin::Record { id: Some(id), .. } => (Some(id.as_str()), None),
            Origin::Record { .. } => (None, Some(p.origin.to_string())),
        };
        let meta = &p.extraction.meta;
        let statements = p
            .extraction
            .statements
            .iter()
            .zip(&p.statements)
            .map(|(f, (_, a)): (_, &(Statement, Appearance))| StatementOut {
                // Hashed once by `prepare`, as `Statement::id` would.
                id: a.statement,
                kind: f.kind.as_str(),
                text: &f.text,
                start: f.start,
                end: f.end,
                speaker: f.speaker.as_deref(),
                speaker_mention: f.speaker_mention.as_deref(),
                wire: f.wire.as_deref(),
                wire_source: f.wire_source,
                outlet: meta.outlet.as_deref(),
                rule: f.rule,
                speaker_rule: f.speaker_rule,
            })
            .collect();
        ArticleOut {
            id,
            path,
            article: p.article_id,
            outlet: meta.outlet.as_deref(),
            url: meta.url.as_deref(),
            published: meta.published.as_deref(),
            title: meta.title.as_deref(),
            byline: meta.byline.as_deref(),
            dateline: meta.dateline.as_deref(),
            origin: meta.origin.as_deref(),
            lang: meta.lang.as_deref(),
            statements,
        }
    }
}

/// Totals for the closing summary.
#[derive(Default, Serialize)]
struct Summary {
    articles: usize,
    statements: usize,
    quotes: usize,
    claims: usize,
    failures: usize,
}

/// Runs `extract`.
pub fn run(args: &ExtractArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let flags = args.meta.to_meta();
    let exclude = args.walk.exclude()?;
    if args.explain {
        return super::explain::run(&args.paths, &exclude, &flags, &mut ctx.ui);
    }
    let ui = &mut ctx.ui;
    ui.stdin_hint(&args.paths);
    let json = ui.json();
    let format = args.format;
    let mut summary = Summary::default();
    let mut result = Ok(());
    let mut progress = ui.progress("articles");
    progress.count_beside(&args.paths, &exclude);
    let mut bodies = serde_json::Map::new();
    #[cfg(feature = "parquet")]
    let mut parquet = if format == Format::Parquet {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            return Err(CliError::User(
                "Parquet is binary: send stdout to a file (`> out.parquet`)".into(),
            ));
        }
        Some(super::extract_parquet::ParquetOut::new(
            std::io::BufWriter::new(std::io::stdout()),
        )?)
    } else {
        None
    };
    #[cfg(feature = "parquet")]
    let mut parquet_result = Ok(());
    pipeline(
        |emit| read_paths_excluding(&args.paths, &exclude, emit),
        &flags,
        default_threads(),
        |outcome| {
            let Some(outcome) = outcome else {
                // Idle: show what is done so far.
                if let Err(e) = ui.flush() {
                    result = Err(e);
                    return false;
                }
                return true;
            };
            let prepared = match outcome {
                Ok(p) => p,
                Err(e) => {
                    summary.failures += 1;
                    ui.problem(&e.to_string());
                    return true;
                }
            };
            summary.articles += 1;
            summary.statements += prepared.statements.len();
            for (s, _) in &prepared.statements {
                match s.kind {
                    quotetrail_store::Kind::Quote => summary.quotes += 1,
                    quotetrail_store::Kind::Claim => summary.claims += 1,
                }
            }
            let out = ArticleOut::new(&prepared);
            #[cfg(feature = "parquet")]
            if let Some(writer) = parquet.as_mut() {
                progress.tick(summary.articles, "read");
                if let Err(e) = writer.push(&out) {
                    parquet_result = Err(e);
                    return false;
                }
                return true;
            }
            let written = if format == Format::BodyJson {
                let body = serde_json::json!({ "articleBody": prepared.article.body });
                bodies.insert(body_key(&prepared.origin), body);
                Ok(())
            } else if json {
                ui.record("article", &out)
            } else if format == Format::Jsonl {
                ui.bare(&out)
            } else {
                print_human(ui, &out)
            };
            progress.tick(summary.articles, "read");
            if let Err(e) = written {
                result = Err(e);
                return false;
            }
            true
        },
    );
    progress.finish();
    result?;
    #[cfg(feature = "parquet")]
    {
        parquet_result?;
        if let Some(writer) = parquet {
            writer.finish()?;
        }
    }
    if format == Format::BodyJson {
        ctx.ui.bare(&bodies)?;
    } else if json && !format.is_binary() {
        ctx.ui.record("summary", &summary)?;
    }
    if summary.articles == 0 && summary.failures == 0 {
        ctx.ui.status(&format!(
            "no articles found (looked for {} files)",
            known_extensions()
        ));
        return Ok(Status::Success);
    }
    ctx.ui.status(&format!(
        "{} articles: {} statements ({} quotes, {} claims){}",
        summary.articles,
        summary.statements,
        summary.quotes,
        summary.claims,
        if summary.failures > 0 {
            format!(", {} failed", summary.failures)
        } else {
            String::new()
        }
    ));
    Ok(Status::from_problems(ctx.ui.problems()))
}

/// The key an article's body is filed under in `--format body-json`: the
/// record id, or the file name less every extension (`abc.html.gz` is
/// `abc`), which is how benchmark pages are named.
fn body_key(origin: &Origin) -> String {
    match origin {
        Origin::Record { id: Some(id), .. } => id.clone(),
        Origin::File(path) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            name.split('.').next().unwrap_or_default().to_owned()
        }
        other => other.to_string(),
    }
}

fn print_human(ui: &mut Ui, a: &ArticleOut<'_>) -> std::io::Result<()> {
    use std::io::Write;
    let name =
        a.id.map(str::to_owned)
            .or(a.path.clone())
            .unwrap_or_default();
    let mut head = ui.paint(Paint::Label, &name);
    let details: Vec<String> = [
        a.outlet.map(|o| ui.paint(Paint::Outlet, o)),
        a.published.map(|p| ui.paint(Paint::Dim, p)),
        a.origin
            .map(|o| format!("via {}", ui.paint(Paint::Wire, o))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        head.push_str(&format!("  ({})", details.join(", ")));
    }
    let lines: Vec<String> = a
        .statements
        .iter()
        .map(|s| {
            format!(
                "  {}  {:<5}  {}  {}{}",
                ui.paint(Paint::Id, &s.id.short(8)),
                s.kind,
                ui.paint(Paint::Speaker, s.speaker.unwrap_or("?")),
                s.wire
                    .map(|w| format!("[{}] ", ui.paint(Paint::Wire, w)))
                    .unwrap_or_default(),
                ui.paint(Paint::Quote, &truncate(s.text, 90)),
            )
        })
        .collect();
    let out = ui.out();
    writeln!(out, "{head}: {} statements", a.statements.len())?;
    for l in lines {
        writeln!(out, "{l}")?;
    }
    Ok(())
}
