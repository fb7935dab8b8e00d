//! `quotetrail export`: the store as JSON Lines.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::Context;
use super::error::{CliError, Status};

/// Write the whole store as JSON Lines, for backup or other tools
///
/// One object a line, `{"type": "article"|"statement"|"appearance", "id":
/// ..., "data": ...}`, in an order `import` replays article by article. The
/// same content always exports the same bytes.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Output format (JSON Lines is the only one)
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,

    /// Write to FILE instead of stdout (replaced only once complete)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// JSON Lines.
    Jsonl,
}

/// Runs `export`.
pub fn run(args: &ExportArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let totals = match &args.output {
        None => {
            let totals = store.export(ctx.ui.out())?;
            ctx.ui.flush()?;
            totals
        }
        Some(path) => {
            // Write beside the target and rename, so an interrupted export
            // never leaves a truncated file under the final name.
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let cannot = |e: std::io::Error| {
                CliError::User(format!("could not write {}: {e}", path.display()))
            };
            let tmp = tempfile::NamedTempFile::new_in(&dir).map_err(cannot)?;
            let mut out = BufWriter::new(tmp);
            let totals = store.export(&mut out)?;
            out.flush().map_err(cannot)?;
            let tmp = out.into_inner().map_err(|e| cannot(e.into_error()))?;
            tmp.persist(path).map_err(|e| cannot(e.error))?;
            totals
        }
    };
    ctx.ui.status(&format!(
        "exported {} articles, {} statements, {} appearances",
        totals.articles, totals.statements, totals.appearances
    ));
    Ok(Status::Success)
}
