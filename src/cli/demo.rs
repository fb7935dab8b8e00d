//! `quotetrail demo`: the whole flow on a built-in story, in a temporary
//! store that is removed afterwards (or kept with `--keep DIR`). It
//! ingests through [`crate::ingest::run`], as `ingest` does, and ends with
//! the story's most printed statement traced by the real `origin` and
//! `compare` commands, so what a user sees is what those commands print.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use quotetrail_store::{Appearance, Article, GroupId, Id, NameField, Statement, Store};

use super::Context;
use super::error::{CliError, Status};
use super::statements::{StatementOut, appearance_refs};
use super::ui::{Paint, truncate};
use crate::demo;
use crate::ingest::{self, Options, StoredArticle};

/// Run quotetrail on a built-in sample story and show what it found
///
/// Ingests four invented articles about one story (a wire dispatch, a
/// newspaper rewrite crediting the agency, a radio station's own interview
/// and an edited copy of the dispatch) into a temporary store, lists the
/// statements found per outlet with speakers and wires, then traces the
/// most printed statement with `origin`, and compares the first two
/// outlets that printed it with `compare --outlet A --outlet B`. The store is
/// removed afterwards unless `--keep DIR`. Your `--store` is not touched.
#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// Keep the demo's store in DIR (created if needed) to try the other
    /// commands on it: `quotetrail --store DIR statements`
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
}

/// A statement as it appears in one article.
type Row = (Id, Statement, Appearance);

/// How `demo` shows the ingest: a line per article on stderr, and the
/// stored articles kept for the listing.
struct Shown<'a> {
    ui: &'a mut super::ui::Ui,
    articles: Vec<(Id, Article)>,
}

impl ingest::Progress for Shown<'_> {
    fn stored(&mut self, article: &StoredArticle<'_>) -> io::Result<()> {
        let p = article.prepared;
        self.ui.status(&format!(
            "  {}: {} statements",
            p.origin,
            p.statements.len()
        ));
        self.articles
            .push((article.outcome.article, p.article.clone()));
        Ok(())
    }

    fn failed(&mut self, message: &str) {
        self.ui.problem(message);
    }
}

/// Where the demo's store lives: a temporary directory, removed at the
/// end, or the directory `--keep` names.
enum Place {
    Temporary(tempfile::TempDir),
    Kept(PathBuf),
}

impl Place {
    fn path(&self) -> &Path {
        match self {
            Place::Temporary(dir) => dir.path(),
            Place::Kept(dir) => dir,
        }
    }
}

/// Runs `demo`.
pub fn run(args: &DemoArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let place = match &args.keep {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| CliError::User(format!("could not create {}: {e}", dir.display())))?;
            Place::Kept(dir.clone())
        }
        None => Place::Temporary(
            tempfile::Builder::new()
                .prefix("quotetrail-demo-")
                .tempdir()
                .map_err(|e| CliError::User(format!("could not create a temporary store: {e}")))?,
        ),
    };
    let store = Store::open(place.path()).map_err(CliError::StoreOpen)?;
    ctx.ui.status(&format!(
        "ingesting {} demo articles into {}",
        demo::CORPUS.len(),
        match &place {
            Place::Temporary(_) => "a temporary store".to_owned(),
            Place::Kept(dir) => dir.display().to_string(),
        }
    ));
    let mut shown = Shown {
        ui: &mut ctx.ui,
        articles: Vec::new(),
    };
    ingest::run(
        &store,
        ingest::from_inputs(demo::inputs()),
        &Options::default(),
        &mut shown,
    )?;
    let Shown { ui, articles } = shown;

    // Each article's statements in text order.
    let mut listing: Vec<(&Article, Vec<Row>)> = Vec::new();
    for (id, article) in &articles {
        let mut rows = Vec::new();
        for (_, appearance) in store.appearances_in(id)? {
            let Some(statement) = store.get_statement(&appearance.statement)? else {
                continue;
            };
            rows.push((appearance.statement, statement, appearance));
        }
        listing.push((article, rows));
    }
    if ui.json() {
        for (id, s, _) in listing.iter().flat_map(|(_, rows)| rows) {
            let out = StatementOut {
                id: id.to_hex(),
                statement: s,
                fingerprint: s.fingerprint().to_hex(),
                appearances: appearance_refs(&store, id)?,
            };
            ui.record("statement", &out)?;
        }
    } else {
        let mut lines = Vec::new();
        for (article, rows) in &listing {
            lines.push(String::new());
            lines.push(format!(
                "{}{}  ({} statements)",
                ui.paint(
                    Paint::Outlet,
                    article.outlet.as_deref().unwrap_or("(no outlet)")
                ),
                article
                    .published
                    .as_deref()
                    .map(|p| format!(", {}", ui.paint(Paint::Dim, p)))
                    .unwrap_or_default(),
                rows.len()
            ));
            for (id, s, a) in rows {
                let mention = match (&a.speaker_mention, &s.speaker) {
                    (Some(m), Some(sp)) if m != sp => format!(" (as \u{201C}{m}\u{201D})"),
                    _ => String::new(),
                };
                lines.push(format!(
                    "  {}  {:<5}  {}{}{}",
                    ui.paint(Paint::Id, &id.short(8)),
                    s.kind.as_str(),
                    ui.paint(Paint::Speaker, s.speaker.as_deref().unwrap_or("?")),
                    mention,
                    s.wire
                        .as_deref()
                        .map(|w| format!("  [{}]", ui.paint(Paint::Wire, w)))
                        .unwrap_or_default(),
                ));
                lines.push(format!(
                    "      {}",
                    ui.paint(Paint::Quote, &truncate(&s.text, 100))
                ));
            }
        }

        // The same words printed by more than one outlet.
        let mut by_words: BTreeMap<Id, (String, Vec<String>)> = BTreeMap::new();
        for (article, rows) in &listing {
            for (_, s, _) in rows {
                let entry = by_words
                    .entry(s.fingerprint())
                    .or_insert_with(|| (s.text.clone(), Vec::new()));
                let outlet = article.outlet.clone().unwrap_or_default();
                if !entry.1.contains(&outlet) {
                    entry.1.push(outlet);
                }
            }
        }
        let shared: Vec<_> = by_words.values().filter(|(_, o)| o.len() > 1).collect();
        if !shared.is_empty() {
            lines.push(String::new());
            lines.push(ui.paint(Paint::Label, "the same words in several outlets:"));
            for (text, outlets) in shared {
                lines.push(format!("  {}", ui.paint(Paint::Quote, &truncate(text, 90))));
                let names: Vec<String> =
                    outlets.iter().map(|o| ui.paint(Paint::Outlet, o)).collect();
                lines.push(format!("      in {}", names.join(", ")));
            }
        }

        let speakers = store.counts(NameField::Speaker)?;
        lines.push(String::new());
        lines.push(ui.paint(Paint::Label, "statements per speaker:"));
        for c in &speakers {
            lines.push(format!(
                "  {:>3}  {}",
                c.statements,
                ui.paint(Paint::Speaker, &c.name)
            ));
        }
        let out = ui.out();
        for l in lines {
            writeln!(out, "{l}")?;
        }
    }
    let traced = most_printed(&store)?;
    drop(store);
    if let Some((group, outlets)) = traced {
        trace(ctx, place.path(), &group, &outlets)?;
    }
    match place {
        Place::Temporary(dir) => dir
            .close()
            .map_err(|e| CliError::User(format!("could not remove the temporary store: {e}")))?,
        Place::Kept(dir) => ctx.ui.status(&format!(
            "the demo store is kept in {0}; try `quotetrail --store {0} statements`",
            dir.display()
        )),
    }
    Ok(Status::from_problems(ctx.ui.problems()))
}

/// The group printed in the most versions (the first found among equals),
/// which is what the demo traces, with its outlets in the order they first
/// printed it (by date, then name: a group's own list follows the order
/// versions were matched in, which depends on ingest batching).
fn most_printed(store: &Store) -> Result<Option<(GroupId, Vec<String>)>, CliError> {
    let mut best: Option<(u32, GroupId)> = None;
    for entry in store.groups() {
        let (id, value) = entry?;
        let Some(state) = crate::follow::persist::GroupState::from_value(&value) else {
            continue;
        };
        if best.is_none_or(|(size, _)| state.size > size) {
            best = Some((state.size, id));
        }
    }
    let Some((_, id)) = best else {
        return Ok(None);
    };
    let Some(view) = crate::follow::view::load_group(store, &id)? else {
        return Ok(None);
    };
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    for p in &view.versions {
        if let Some(outlet) = &p.version.outlet {
            let date = p.version.date.clone().unwrap_or_else(|| "~".to_owned());
            let seen = first.entry(outlet.clone()).or_insert_with(|| date.clone());
            if date < *seen {
                *seen = date;
            }
        }
    }
    let mut outlets: Vec<(String, String)> = first.into_iter().map(|(o, d)| (d, o)).collect();
    outlets.sort();
    Ok(Some((id, outlets.into_iter().map(|(_, o)| o).collect())))
}

/// A name as a shell would need it on a command line.
fn shell_word(s: &str) -> String {
    if s.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) {
        s.to_owned()
    } else {
        format!("\"{s}\"")
    }
}

/// Runs the real `origin` on `group`, then `compare` on its first two
/// outlets (every statement both printed, side by side), in the demo's
/// store, each under the command line that prints it.
fn trace(
    ctx: &mut Context,
    dir: &Path,
    group: &GroupId,
    outlets: &[String],
) -> Result<(), CliError> {
    let saved = std::mem::replace(&mut ctx.store_path, dir.to_path_buf());
    let result = (|| {
        let id = group.short(12);
        heading(ctx, &format!("origin {id}"))?;
        let args = super::origin::OriginArgs {
            query: id,
            text: false,
        };
        super::origin::run(&args, ctx)?;
        if let [a, b, ..] = outlets {
            heading(
                ctx,
                &format!(
                    "compare --outlet {} --outlet {}",
                    shell_word(a),
                    shell_word(b)
                ),
            )?;
            let args = super::compare::CompareArgs {
                target: Vec::new(),
                outlet: vec![a.clone(), b.clone()],
            };
            super::compare::run(&args, ctx)?;
        }
        Ok(())
    })();
    ctx.store_path = saved;
    result
}

/// `$ quotetrail ARGS` above what the command prints (not with `--json`).
fn heading(ctx: &mut Context, args: &str) -> Result<(), CliError> {
    if !ctx.ui.json() {
        let line = ctx.ui.paint(Paint::Label, &format!("$ quotetrail {args}"));
        writeln!(ctx.ui.out(), "\n{line}")?;
    }
    Ok(())
}
