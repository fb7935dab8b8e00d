//! `quotetrail merge`: the union of two stores.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::mpsc;

use quotetrail_store::{ImportReport, Store, Totals};

use super::Context;
use super::error::{CliError, Status};
use crate::input::display_path;

/// Add every article, statement and appearance of another store to this one
///
/// Objects are content-addressed, so the union is exact: what both stores
/// hold is stored once, and merging twice adds nothing. This is how stores
/// ingested apart (on several machines, or from halves of a corpus) become
/// one. The objects travel as `export` writes them and `import` reads them,
/// streamed from one store to the other through a pipe without a file, so
/// every id is checked again on the way in.
///
/// Statement groups are not copied: the added statements are grouped with
/// what the store held, articles in date order, as `quotetrail match`
/// does. SOURCE_STORE's objects are only read (it is opened as any command
/// opens a store, so it must not be in use).
#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The store to read from (the one written is `--store`)
    #[arg(value_name = "SOURCE_STORE")]
    source: PathBuf,
}

/// Runs `merge`.
pub fn run(args: &MergeArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let name = display_path(&args.source);
    if !args.source.is_dir() {
        return Err(CliError::NoStore(args.source.clone()));
    }
    if same_dir(&args.source, &ctx.store_path) {
        return Err(CliError::User(format!(
            "{name} is the store being written (--store); merge another store into it"
        )));
    }
    let source = Store::open(&args.source).map_err(CliError::StoreOpen)?;
    let store = ctx.open_store()?;
    super::build_word_index_if_missing(&store, &mut ctx.ui)?;
    let report = stream(&source, &store)?;
    drop(source);
    super::import::finish(ctx, &store, &name, &format!("merged {name}"), &report, None)
}

/// Exports `from` into a pipe on one thread while `into` imports from the
/// other end: the public export/import path, with nothing on disk between
/// them and memory bounded by the pipe.
fn stream(from: &Store, into: &Store) -> Result<ImportReport, CliError> {
    let (writer, reader) = pipe();
    std::thread::scope(|scope| {
        let exporter = scope.spawn(move || -> Result<Totals, CliError> {
            let mut out = BufWriter::with_capacity(CHUNK, writer);
            let totals = from.export(&mut out)?;
            out.flush()?;
            // Dropping the writer here ends the importer's input.
            Ok(totals)
        });
        let imported = into.import(BufReader::with_capacity(CHUNK, reader));
        let exported = exporter
            .join()
            .map_err(|_| CliError::User("the export thread panicked".into()))?;
        // An import that stopped early closes the pipe, so the exporter's
        // broken pipe is a consequence: report the import's error first.
        let report = imported?;
        exported?;
        Ok(report)
    })
}

/// The size of the chunks that cross the pipe.
const CHUNK: usize = 64 * 1024;

/// An in-process pipe of chunks holding at most 16 of them. (`std::io::pipe`
/// would do, but needs Rust 1.87, newer than this crate's MSRV.)
fn pipe() -> (PipeWriter, PipeReader) {
    let (tx, rx) = mpsc::sync_channel(16);
    (
        PipeWriter(tx),
        PipeReader {
            rx,
            chunk: Vec::new(),
            pos: 0,
        },
    )
}

/// The sending end: each write is one chunk (whole, thanks to the
/// `BufWriter` in front); a closed reader is a broken pipe.
struct PipeWriter(mpsc::SyncSender<Vec<u8>>);

impl Write for PipeWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .send(buf.to_vec())
            .map_err(|_| std::io::ErrorKind::BrokenPipe)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The receiving end: end of input once the writer is dropped.
struct PipeReader {
    rx: mpsc::Receiver<Vec<u8>>,
    chunk: Vec<u8>,
    pos: usize,
}

impl Read for PipeReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.chunk.len() {
            match self.rx.recv() {
                Ok(chunk) => (self.chunk, self.pos) = (chunk, 0),
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.chunk.len() - self.pos);
        out[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Whether two paths name the same directory.
fn same_dir(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
