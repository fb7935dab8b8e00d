//! `extract --format parquet` (the `parquet` feature): one row per
//! statement, the article's fields repeated on each, so Spark, DuckDB or
//! pandas read the output as a flat table without parsing JSON.
//!
//! The columns and their order are [`COLUMNS`]; the README documents them.
//! Values are the strings `--format jsonl` prints (the same serde names for
//! `kind`, `wire_source` and the rules), so the two outputs can be compared
//! field by field.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::errors::ParquetError;
use serde::Serialize;

use super::error::CliError;
use super::extract::ArticleOut;

/// Column names and whether each may be null. `start` and `end` are
/// signed 64-bit integers (Spark reads an unsigned one as a decimal);
/// every other column is UTF-8 text.
pub const COLUMNS: &[(&str, bool)] = &[
    ("article", false),
    ("record_id", true),
    ("path", true),
    ("outlet", true),
    ("url", true),
    ("published", true),
    ("title", true),
    ("byline", true),
    ("dateline", true),
    ("origin", true),
    ("lang", true),
    ("statement", false),
    ("kind", false),
    ("text", false),
    ("start", false),
    ("end", false),
    ("speaker", true),
    ("speaker_mention", true),
    ("wire", true),
    ("wire_source", false),
    ("rule", false),
    ("speaker_rule", true),
];

/// Rows held before a row group is handed to the writer.
const BATCH_ROWS: usize = 8192;

/// Writes statements as Parquet, a batch of rows at a time.
pub struct ParquetOut<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: Arc<Schema>,
    text: Vec<StringBuilder>,
    start: Int64Builder,
    end: Int64Builder,
    rows: usize,
}

/// A write error, or a closed stdout, which is not an error for a CLI
/// (`| head`) and so has to stay an I/O error of its kind.
fn failed(e: ParquetError) -> CliError {
    if let ParquetError::External(inner) = &e
        && let Some(io) = inner.downcast_ref::<std::io::Error>()
        && io.kind() == std::io::ErrorKind::BrokenPipe
    {
        return CliError::Io(std::io::ErrorKind::BrokenPipe.into());
    }
    CliError::User(format!("could not write Parquet: {e}"))
}

/// The serde name of a unit enum value, as `--format jsonl` prints it.
fn tag<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
}

impl<W: Write + Send> ParquetOut<W> {
    /// A writer onto `out`.
    pub fn new(out: W) -> Result<Self, CliError> {
        let fields: Vec<Field> = COLUMNS
            .iter()
            .map(|&(name, nullable)| {
                let ty = if name == "start" || name == "end" {
                    DataType::Int64
                } else {
                    DataType::Utf8
                };
                Field::new(name, ty, nullable)
            })
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let writer = ArrowWriter::try_new(out, schema.clone(), None).map_err(failed)?;
        Ok(ParquetOut {
            writer,
            schema,
            text: (0..COLUMNS.len() - 2)
                .map(|_| StringBuilder::new())
                .collect(),
            start: Int64Builder::new(),
            end: Int64Builder::new(),
            rows: 0,
        })
    }

    /// Adds a row per statement of `a`.
    pub fn push(&mut self, a: &ArticleOut<'_>) -> Result<(), CliError> {
        for s in &a.statements {
            let values: [Option<String>; 20] = [
                Some(a.article.to_hex()),
                a.id.map(str::to_owned),
                a.path.clone(),
                a.outlet.map(str::to_owned),
                a.url.map(str::to_owned),
                a.published.map(str::to_owned),
                a.title.map(str::to_owned),
                a.byline.map(str::to_owned),
                a.dateline.map(str::to_owned),
                a.origin.map(str::to_owned),
                a.lang.map(str::to_owned),
                Some(s.id.to_hex()),
                Some(s.kind.to_owned()),
                Some(s.text.to_owned()),
                s.speaker.map(str::to_owned),
                s.speaker_mention.map(str::to_owned),
                s.wire.map(str::to_owned),
                tag(&s.wire_source),
                tag(&s.rule),
                s.speaker_rule.as_ref().and_then(tag),
            ];
            for (builder, value) in self.text.iter_mut().zip(values) {
                builder.append_option(value);
            }
            self.start.append_value(s.start as i64);
            self.end.append_value(s.end as i64);
            self.rows += 1;
            if self.rows >= BATCH_ROWS {
                self.write_batch()?;
            }
        }
        Ok(())
    }

    /// Hands the rows held to the writer.
    fn write_batch(&mut self) -> Result<(), CliError> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut text = self
            .text
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef);
        // The text builders are in column order with start and end left
        // out; put those two back after `text`.
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(COLUMNS.len());
        for &(name, _) in COLUMNS {
            match name {
                "start" => columns.push(Arc::new(self.start.finish())),
                "end" => columns.push(Arc::new(self.end.finish())),
                _ => columns.push(text.next().expect("a builder per text column")),
            }
        }
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .map_err(|e| CliError::User(format!("could not build a Parquet batch: {e}")))?;
        self.writer.write(&batch).map_err(failed)?;
        self.rows = 0;
        Ok(())
    }

    /// Writes what is held and the file footer.
    pub fn finish(mut self) -> Result<(), CliError> {
        self.write_batch()?;
        self.writer.close().map_err(failed)?;
        Ok(())
    }
}
