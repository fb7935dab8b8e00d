//! `quotetrail keys`: each statement's candidate keys, for joins outside
//! the store.

use std::path::PathBuf;

use quotetrail_store::{Appearance, Article, Statement, Store};
use serde::Serialize;

use super::error::{CliError, Status};
use super::ui::Ui;
use super::{Context, MetaFlags, WalkFlags};
use crate::follow::{Version, candidate_keys};
use crate::ingest::{default_threads, pipeline};
use crate::input::read_paths_excluding;

/// Print the matcher's candidate keys of every statement, one JSON line each
///
/// Two printed versions are compared, and so can be grouped, only when
/// they share a key: a word-pair hash of the sample the store indexes, or a
/// weaker tier's key (proper-name words, content words, the speaker on the
/// day). A join on these keys in Spark or any other engine proposes the
/// pairs `ingest` would verify, the way passim finds reprints, without a
/// store.
///
/// With PATHs, the articles are extracted as by `extract`; without, the
/// statements of the store (`--store`) are read. Each line: `statement`,
/// `appearance`, `article`, `fingerprint`, `kind`, `date`, `keys` (the
/// word-pair keys) and `side_keys`, keys as 16 hex digits. `--json` wraps
/// each in `{"type": "keys", "data": ...}`.
#[derive(clap::Args, Debug)]
pub struct KeysArgs {
    /// Files or directories to extract, or `-` for stdin; none: the store
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    meta: MetaFlags,

    #[command(flatten)]
    walk: WalkFlags,
}

/// One statement as printed in one article, with its keys.
#[derive(Serialize)]
pub struct KeysOut {
    /// The statement id.
    pub statement: String,
    /// The appearance id (this printing of it).
    pub appearance: String,
    /// The article id.
    pub article: String,
    /// The statement's fingerprint (its words alone).
    pub fingerprint: String,
    /// `quote` or `claim`.
    pub kind: &'static str,
    /// The article's publication date.
    pub date: Option<String>,
    /// Word-pair keys, sorted: what the matcher indexes and looks up.
    pub keys: Vec<String>,
    /// The paraphrase, translation and cross-language tiers' keys.
    pub side_keys: Vec<String>,
}

impl KeysOut {
    /// The keys of `statement` as printed in `article`.
    pub fn new(statement: &Statement, appearance: &Appearance, article: &Article) -> KeysOut {
        let version = Version::from_records(statement, appearance, article);
        let keys = candidate_keys(&version);
        let hex = |v: Vec<u64>| v.into_iter().map(|k| format!("{k:016x}")).collect();
        KeysOut {
            statement: statement.id().to_hex(),
            appearance: version.id.to_hex(),
            article: appearance.article.to_hex(),
            fingerprint: statement.fingerprint().to_hex(),
            kind: statement.kind.as_str(),
            date: version.date,
            keys: hex(keys.pairs),
            side_keys: hex(keys.side),
        }
    }
}

/// Writes one line.
fn emit(ui: &mut Ui, out: &KeysOut) -> std::io::Result<()> {
    if ui.json() {
        ui.record("keys", out)
    } else {
        ui.bare(out)
    }
}

/// Runs `keys`.
pub fn run(args: &KeysArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let count = if args.paths.is_empty() {
        let store = ctx.open_existing_store()?;
        from_store(&store, &mut ctx.ui)?
    } else {
        from_inputs(args, &mut ctx.ui)?
    };
    ctx.ui.flush()?;
    ctx.ui.status(&format!("{count} statements"));
    Ok(Status::from_problems(ctx.ui.problems()))
}

/// Every appearance in the store, articles in id order.
fn from_store(store: &Store, ui: &mut Ui) -> Result<usize, CliError> {
    let mut count = 0;
    for entry in store.articles() {
        let (id, article) = entry?;
        for (_, appearance) in store.appearances_in(&id)? {
            let Some(statement) = store.get_statement(&appearance.statement)? else {
                ui.problem(&format!(
                    "article {id}: statement {} is missing (run `quotetrail verify`)",
                    appearance.statement
                ));
                continue;
            };
            emit(ui, &KeysOut::new(&statement, &appearance, &article))?;
            count += 1;
        }
    }
    Ok(count)
}

/// Every statement extracted from the inputs, as `extract` finds them.
fn from_inputs(args: &KeysArgs, ui: &mut Ui) -> Result<usize, CliError> {
    let flags = args.meta.to_meta();
    let exclude = args.walk.exclude()?;
    ui.stdin_hint(&args.paths);
    let mut count = 0;
    let mut result = Ok(());
    pipeline(
        |emit_input| read_paths_excluding(&args.paths, &exclude, emit_input),
        &flags,
        default_threads(),
        |outcome| {
            let prepared = match outcome {
                None => return true,
                Some(Ok(p)) => p,
                Some(Err(e)) => {
                    ui.problem(&e.to_string());
                    return true;
                }
            };
            for (statement, appearance) in &prepared.statements {
                if let Err(e) = emit(ui, &KeysOut::new(statement, appearance, &prepared.article)) {
                    result = Err(e);
                    return false;
                }
                count += 1;
            }
            true
        },
    );
    result?;
    Ok(count)
}
