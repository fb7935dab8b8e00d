//! `quotetrail demo`: the whole flow on a built-in story, in a temporary
//! store that is removed afterwards.

use std::collections::BTreeMap;
use std::io::Write;

use quotetrail_store::{Id, NameField, Statement, StatementFilter, Store};

use super::Context;
use super::error::{CliError, Status};
use super::statements::{StatementOut, appearance_refs};
use super::ui::{Paint, truncate};
use crate::demo;
use crate::extract::ArticleMeta;
use crate::ingest::{default_threads, pipeline};

/// Run quotetrail on a built-in sample story and show what it found
///
/// Ingests four invented articles about one story (a wire dispatch, a
/// newspaper rewrite crediting the agency, a radio station's own interview
/// and an edited copy of the dispatch) into a temporary store, lists the
/// statements found per outlet with speakers and wires, then removes the
/// store. Your `--store` is not touched.
#[derive(clap::Args, Debug)]
pub struct DemoArgs {}

/// Runs `demo`.
pub fn run(_args: &DemoArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let dir = tempfile::Builder::new()
        .prefix("quotetrail-demo-")
        .tempdir()
        .map_err(|e| CliError::User(format!("could not create a temporary store: {e}")))?;
    let store = Store::open(dir.path()).map_err(CliError::StoreOpen)?;
    let ui = &mut ctx.ui;
    ui.status(&format!(
        "ingesting {} demo articles into a temporary store",
        demo::CORPUS.len()
    ));
    let mut fatal = None;
    pipeline(
        |emit| {
            for input in demo::inputs() {
                emit(Ok(input));
            }
        },
        &ArticleMeta::default(),
        default_threads(),
        |outcome| {
            let stored = match outcome {
                Ok(p) => store
                    .put_article(&p.article, &p.statements)
                    .map(|put| (p, put)),
                Err(e) => {
                    ui.problem(&e.to_string());
                    return true;
                }
            };
            match stored {
                Ok((p, put)) => {
                    ui.status(&format!(
                        "  {}: {} statements",
                        p.origin, put.statements_new
                    ));
                    true
                }
                Err(e) => {
                    fatal = Some(e);
                    false
                }
            }
        },
    );
    if let Some(e) = fatal {
        return Err(e.into());
    }

    let mut by_outlet: BTreeMap<String, Vec<(Id, Statement)>> = BTreeMap::new();
    for item in store.statements(&StatementFilter::default())? {
        let (id, s) = item?;
        let outlet = s.outlet.clone().unwrap_or_else(|| "(no outlet)".into());
        by_outlet.entry(outlet).or_default().push((id, s));
    }
    if ui.json() {
        for (id, s) in by_outlet.values().flatten() {
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
        for (outlet, list) in &mut by_outlet {
            list.sort_by(|a, b| {
                (&a.1.speaker, a.1.kind, &a.1.text).cmp(&(&b.1.speaker, b.1.kind, &b.1.text))
            });
            lines.push(String::new());
            lines.push(format!(
                "{} ({} statements)",
                ui.paint(Paint::Outlet, outlet),
                list.len()
            ));
            for (id, s) in list.iter() {
                lines.push(format!(
                    "  {}  {:<5}  {}{}",
                    ui.paint(Paint::Id, &id.short(8)),
                    s.kind.as_str(),
                    ui.paint(Paint::Speaker, s.speaker.as_deref().unwrap_or("?")),
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
        let speakers = store.counts(NameField::Speaker)?;
        lines.push(String::new());
        lines.push(ui.paint(Paint::Label, "speakers:"));
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
    drop(store);
    dir.close()
        .map_err(|e| CliError::User(format!("could not remove the temporary store: {e}")))?;
    Ok(Status::from_problems(ctx.ui.problems()))
}
