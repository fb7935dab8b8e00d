//! `quotetrail export`: the store as JSON Lines, or as CSV for reading.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use quotetrail_store::{Store, Totals};

use super::error::{CliError, Status};
use super::{Context, export_csv};

/// Write the whole store as JSON Lines (for backup or other tools) or CSV
///
/// JSON Lines: one object a line, `{"type": "article"|"statement"|
/// "appearance", "id": ..., "data": ...}`, in an order `import` replays
/// article by article. The same content always exports the same bytes.
///
/// CSV: one row per appearance (each time a statement was printed), in
/// article date order, under the header row published, outlet, speaker,
/// speaker_mention, kind, text, wire, wire_source, origin, url, title,
/// statement_id, appearance_id, article_id, group_id. For reading, not for
/// `import`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,

    /// Write to FILE instead of stdout (replaced only once complete)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// JSON Lines, which `import` reads back.
    Jsonl,
    /// CSV, one row per appearance, with a header row.
    Csv,
}

/// Writes the store in `format` to `out`.
fn write(store: &Store, format: ExportFormat, out: &mut dyn Write) -> Result<Totals, CliError> {
    match format {
        ExportFormat::Jsonl => Ok(store.export(&mut &mut *out)?),
        ExportFormat::Csv => export_csv::write(store, out),
    }
}

/// Runs `export`.
pub fn run(args: &ExportArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let totals = match &args.output {
        None => {
            let totals = write(&store, args.format, ctx.ui.out())?;
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
            let totals = write(&store, args.format, &mut out)?;
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
