//! The command line: one module per subcommand, each with an `XxxArgs`
//! struct (its flags, help from doc comments) and a `run` function.
//!
//! [`Cli`] holds the global flags and the one [`Command`] enum; [`run`]
//! dispatches. Commands write through [`ui::Ui`] and return a
//! [`error::Status`] or a [`error::CliError`]; `main` turns those into the
//! exit codes in [`error::EXIT_CODES`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use quotetrail_store::Store;

use crate::extract::ArticleMeta;

pub mod audit;
pub mod compact;
pub mod compare;
mod counts;
pub mod dates;
pub mod delete;
pub mod demo;
pub mod error;
mod explain;
pub mod export;
mod export_csv;
pub mod extract;
#[cfg(feature = "parquet")]
mod extract_parquet;
pub mod filters;
pub mod groups;
pub mod import;
pub mod ingest;
pub mod keys;
pub mod merge;
pub mod migrate;
pub mod origin;
pub mod outlets;
mod progress;
pub mod reextract;
pub mod regroup;
pub mod repair;
pub mod report;
pub mod serve;
pub mod show;
pub mod speakers;
pub mod statements;
pub mod stats;
pub mod terminal;
pub mod ui;
pub mod verify;
pub mod wires;

use error::{CliError, EXIT_CODES, Status};
use ui::{ColorChoice, Ui};

/// Track quotes and claims across news outlets
///
/// quotetrail reads news articles, finds every direct quote and reported
/// claim, attributes each to its speaker, the outlet and the wire agency
/// credited, and keeps them in a content-addressed store.
///
/// Try `quotetrail demo` to see it on a built-in sample story.
#[derive(Parser, Debug)]
#[command(name = "quotetrail", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand takes.
#[derive(Args, Debug)]
pub struct GlobalArgs {
    /// The store directory
    #[arg(
        long,
        global = true,
        env = "QUOTETRAIL_STORE",
        default_value = ".quotetrail",
        value_name = "DIR"
    )]
    pub store: PathBuf,

    /// When to colour output [default: auto]
    ///
    /// `auto` colours when stdout is a terminal and the `NO_COLOR`
    /// environment variable is not set; `always` and `never` beat `NO_COLOR`.
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// Print data as JSON Lines, one `{"type": ..., "data": ...}` per line
    #[arg(long, global = true)]
    pub json: bool,

    /// Silence status messages and progress; errors are still printed
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Refuse an article holding more than N statements (0: no cap)
    ///
    /// A long news article has a few hundred; past the cap the article is
    /// reported and skipped rather than attributed at great cost.
    #[arg(
        long,
        global = true,
        value_name = "N",
        default_value_t = crate::extract::DEFAULT_MAX_STATEMENTS
    )]
    pub max_statements: usize,

    /// Refuse a web page larger than N MiB after decompression
    ///
    /// A page past the cap is refused whole, never cut.
    #[arg(long, global = true, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub max_page_mib: u16,

    /// Refuse a web page whose elements nest deeper than N (at most 4096)
    ///
    /// Checked before any parser runs; real pages nest a few dozen deep.
    #[arg(long, global = true, value_name = "N", default_value_t = 512,
          value_parser = clap::value_parser!(u16).range(1..=4096))]
    pub max_html_depth: u16,

    /// Memory for caches, in MiB: the store's page cache, and 128 groups
    /// per MiB kept by matching
    ///
    /// What a long ingest's memory grows to, whatever the store's size.
    #[arg(long, global = true, value_name = "N", default_value_t = 256,
          env = "QUOTETRAIL_CACHE_MIB",
          value_parser = clap::value_parser!(u32).range(16..=65_536))]
    pub cache_mib: u32,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    Ingest(ingest::IngestArgs),
    Extract(extract::ExtractArgs),
    Statements(statements::StatementsArgs),
    Show(show::ShowArgs),
    Speakers(speakers::SpeakersArgs),
    Outlets(outlets::OutletsArgs),
    Wires(wires::WiresArgs),
    Verify(verify::VerifyArgs),
    Export(export::ExportArgs),
    Import(import::ImportArgs),
    Merge(merge::MergeArgs),
    Keys(keys::KeysArgs),
    Demo(demo::DemoArgs),
    Origin(origin::OriginArgs),
    Compare(compare::CompareArgs),
    Audit(audit::AuditArgs),
    Groups(groups::GroupsArgs),
    Match(regroup::MatchArgs),
    Migrate(migrate::MigrateArgs),
    Compact(compact::CompactArgs),
    Repair(repair::RepairArgs),
    Report(report::ReportArgs),
    Serve(serve::ServeArgs),
    Delete(delete::DeleteArgs),
    Stats(stats::StatsArgs),
    Reextract(reextract::ReextractArgs),
}

/// Article metadata given on the command line, which beats sidecars,
/// JSONL fields and what the text says.
#[derive(Args, Debug, Default, Clone)]
pub struct MetaFlags {
    /// The outlet that published the articles
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// The articles' URL
    #[arg(long)]
    pub url: Option<String>,
    /// Publication date: YYYY-MM-DD, or an ISO 8601 date and time
    #[arg(long, value_name = "DATE", value_parser = dates::published)]
    pub published: Option<String>,
    /// Headline
    #[arg(long)]
    pub title: Option<String>,
    /// Where a syndicated article came from (an agency such as AFP)
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    /// The language of the input ("fr", "en"), instead of detecting it
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    pub lang: Option<String>,
}

/// Accepts a language code quotetrail knows ("fr", "en-GB", "deu").
pub(crate) fn parse_lang(code: &str) -> Result<String, String> {
    crate::extract::lang::Lang::from_code(code)
        .map(|l| l.code().to_owned())
        .ok_or_else(|| format!("unknown language code {code:?} (try en, fr, de, es...)"))
}

impl MetaFlags {
    /// The flags as metadata.
    pub fn to_meta(&self) -> ArticleMeta {
        ArticleMeta {
            outlet: self.outlet.clone(),
            url: self.url.clone(),
            published: self.published.clone(),
            title: self.title.clone(),
            origin: self.origin.clone(),
            lang: self.lang.clone(),
            ..ArticleMeta::default()
        }
    }
}

/// What a directory walk leaves out, beside hidden entries, sidecars and
/// README/CHANGELOG/LICENSE files (see [`crate::input::walk`]).
#[derive(Args, Debug, Default, Clone)]
pub struct WalkFlags {
    /// Leave out of directory walks what GLOB matches: a glob without `/`
    /// matches file and directory names anywhere (`drafts`, `*.bak.txt`),
    /// one with `/` the path below the directory given (`2024/*/wire-*`).
    /// Repeatable
    #[arg(long, value_name = "GLOB", value_parser = crate::input::walk::glob_arg)]
    pub exclude: Vec<String>,
}

impl WalkFlags {
    /// The globs, built.
    pub fn exclude(&self) -> Result<crate::input::walk::Exclude, CliError> {
        crate::input::walk::Exclude::new(&self.exclude)
            .map_err(|e| CliError::User(format!("bad --exclude glob: {e}")))
    }
}

/// What every command gets: the global flags and the output.
pub struct Context {
    /// The store directory (`--store`).
    pub store_path: PathBuf,
    /// Output.
    pub ui: Ui,
}

impl Context {
    /// Opens the store, creating it if needed (for commands that write).
    pub fn open_store(&mut self) -> Result<Store, CliError> {
        Store::open(&self.store_path).map_err(CliError::StoreOpen)
    }

    /// Opens a store that must already exist (for commands that read), so
    /// a mistyped `--store` is an error rather than an empty answer.
    pub fn open_existing_store(&mut self) -> Result<Store, CliError> {
        if !self.store_path.is_dir() {
            return Err(CliError::NoStore(self.store_path.clone()));
        }
        self.open_store()
    }

    /// Opens an existing store for a command that counts (names, totals),
    /// building the counters first, with progress, if the store was
    /// written before them: on a large store that is minutes of work,
    /// which a person should see rather than a silent wait inside the
    /// first count. Not for `verify` or `repair`, which must not write to
    /// a store they are judging.
    pub fn open_counted_store(&mut self) -> Result<Store, CliError> {
        let store = self.open_existing_store()?;
        if !store.counters_built()? {
            self.ui
                .status("building the counters of a store written before them (once)");
            let mut progress = self.ui.progress("statements");
            store.build_counters(|n| progress.tick(n as usize, "counted"))?;
            progress.finish();
        }
        Ok(store)
    }
}

/// Builds the store's word index if it was written before it (see
/// [`Store::build_word_index`]), with progress: minutes on a large store,
/// once, which a person should see. For the commands that search it or
/// write statements it should keep.
pub(crate) fn build_word_index_if_missing(store: &Store, ui: &mut Ui) -> Result<(), CliError> {
    if store.word_index_built()? {
        return Ok(());
    }
    ui.status("building the word index of a store written before it (once)");
    let mut progress = ui.progress("statements");
    store.build_word_index(|n| progress.tick(n as usize, "filed"))?;
    progress.finish();
    Ok(())
}

/// Statements written after which a command writes sled's snapshot before
/// it exits (see [`Store::close_with_snapshot`]): below this, replaying
/// the log on the next open costs less than the extra open.
const SNAPSHOT_AFTER_STATEMENTS: usize = 40_000;

/// A store this large on disk after a large write is told about `compact`:
/// sled 0.34 reclaims little during a long write (a 60,000-article ingest
/// left 7.2 GB on disk for 1.1 GB of live data; `compact` made it 1.9 GB).
const COMPACT_HINT_BYTES: u64 = 512 << 20;

/// Closes `store` after a command that wrote `statements` statements (or
/// grouped as many), writing sled's snapshot first when that is a lot, so
/// the next command does not replay the whole run's log on open.
pub(crate) fn close_after_writes(
    store: Store,
    statements: usize,
    ui: &mut Ui,
) -> Result<(), CliError> {
    if statements >= SNAPSHOT_AFTER_STATEMENTS {
        ui.status("writing the store's snapshot, so the next command opens it quickly");
        let disk = store.close_with_snapshot()?;
        if disk >= COMPACT_HINT_BYTES {
            ui.status(&format!(
                "the store takes {} MB on disk, much of it pages sled has not reclaimed yet: \
                 `quotetrail stats` shows how much, `quotetrail compact` gives it back",
                disk >> 20
            ));
        }
    }
    Ok(())
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Status, CliError> {
    crate::extract::set_max_statements(cli.global.max_statements);
    crate::web::limits::set(
        usize::from(cli.global.max_page_mib) << 20,
        usize::from(cli.global.max_html_depth),
    );
    let cache_mib = cli.global.cache_mib as usize;
    quotetrail_store::set_cache_bytes(cache_mib << 20);
    crate::follow::set_cache_entries(cache_mib * 128);
    let color = ColorChoice::resolve(cli.global.color, std::env::var_os("NO_COLOR").as_deref());
    let mut ctx = Context {
        store_path: cli.global.store,
        ui: Ui::new(color, cli.global.json, cli.global.quiet),
    };
    let status = match &cli.command {
        Command::Ingest(args) => ingest::run(args, &mut ctx)?,
        Command::Extract(args) => extract::run(args, &mut ctx)?,
        Command::Statements(args) => statements::run(args, &mut ctx)?,
        Command::Show(args) => show::run(args, &mut ctx)?,
        Command::Speakers(args) => speakers::run(args, &mut ctx)?,
        Command::Outlets(args) => outlets::run(args, &mut ctx)?,
        Command::Wires(args) => wires::run(args, &mut ctx)?,
        Command::Verify(args) => verify::run(args, &mut ctx)?,
        Command::Export(args) => export::run(args, &mut ctx)?,
        Command::Import(args) => import::run(args, &mut ctx)?,
        Command::Merge(args) => merge::run(args, &mut ctx)?,
        Command::Keys(args) => keys::run(args, &mut ctx)?,
        Command::Demo(args) => demo::run(args, &mut ctx)?,
        Command::Origin(args) => origin::run(args, &mut ctx)?,
        Command::Compare(args) => compare::run(args, &mut ctx)?,
        Command::Audit(args) => audit::run(args, &mut ctx)?,
        Command::Groups(args) => groups::run(args, &mut ctx)?,
        Command::Match(args) => regroup::run(args, &mut ctx)?,
        Command::Migrate(args) => migrate::run(args, &mut ctx)?,
        Command::Compact(args) => compact::run(args, &mut ctx)?,
        Command::Repair(args) => repair::run(args, &mut ctx)?,
        Command::Report(args) => report::run(args, &mut ctx)?,
        Command::Serve(args) => serve::run(args, &mut ctx)?,
        Command::Delete(args) => delete::run(args, &mut ctx)?,
        Command::Stats(args) => stats::run(args, &mut ctx)?,
        Command::Reextract(args) => reextract::run(args, &mut ctx)?,
    };
    ctx.ui.flush()?;
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
