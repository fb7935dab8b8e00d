//! `export --format csv`: one row per appearance, for spreadsheets.
//!
//! JSON Lines is the store's exchange format (it round-trips through
//! `import`); CSV is for reading: one row per time a statement was printed,
//! with the article's date, outlet and URL beside the words, so a sheet can
//! be sorted and filtered without joining anything. Rows come in article
//! date order (undated last), then in text order within an article. The
//! header is [`HEADER`], documented in the README; the `csv` crate quotes
//! every field that needs it (commas, quotes, line breaks).

use std::io::Write;

use quotetrail_store::{Store, Totals, WireSource};

use super::error::CliError;

/// The columns, in order. Changing them changes a documented format.
pub const HEADER: [&str; 15] = [
    "published",
    "outlet",
    "speaker",
    "speaker_mention",
    "kind",
    "text",
    "wire",
    "wire_source",
    "origin",
    "url",
    "title",
    "statement_id",
    "appearance_id",
    "article_id",
    "group_id",
];

/// Writes every appearance in the store as a CSV row under [`HEADER`].
pub fn write(store: &Store, out: &mut dyn Write) -> Result<Totals, CliError> {
    // Dates first, then one article at a time: bodies are not all held.
    let order = store.article_ids_by_date()?;

    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HEADER).map_err(csv_error)?;
    let mut totals = Totals::default();
    let mut statements = std::collections::HashSet::new();
    for article_id in order {
        let Some(article) = store.get_article(&article_id)? else {
            continue;
        };
        totals.articles += 1;
        for (id, appearance) in store.appearances_in(&article_id)? {
            let Some(statement) = store.get_statement(&appearance.statement)? else {
                continue;
            };
            if statements.insert(appearance.statement) {
                totals.statements += 1;
            }
            totals.appearances += 1;
            let group = store.group_of(&id)?.map(|g| g.to_hex());
            let wire_source = match appearance.wire_source {
                WireSource::None => "",
                WireSource::Text => "text",
                WireSource::Inferred => "inferred",
            };
            let opt = |o: &Option<String>| o.clone().unwrap_or_default();
            csv.write_record([
                opt(&article.published),
                opt(&statement.outlet),
                opt(&statement.speaker),
                opt(&appearance.speaker_mention),
                statement.kind.as_str().to_owned(),
                appearance.text.clone(),
                opt(&statement.wire),
                wire_source.to_owned(),
                opt(&article.origin),
                opt(&article.url),
                opt(&article.title),
                appearance.statement.to_hex(),
                id.to_hex(),
                article_id.to_hex(),
                group.unwrap_or_default(),
            ])
            .map_err(csv_error)?;
        }
    }
    csv.flush()?;
    Ok(totals)
}

/// A CSV write error is an I/O error underneath (a closed pipe stays one).
fn csv_error(e: csv::Error) -> CliError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => CliError::Io(e),
        other => CliError::User(format!("could not write CSV: {other:?}")),
    }
}
