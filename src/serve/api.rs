//! JSON under `/api/`: the records the terminal prints with `--json`, one
//! `{"type": ..., "data": ...}` object a line, so a script can move between
//! the command line and the server without a second schema.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::{App, NameQuery, SearchQuery, data, respond};
use crate::cli::error::CliError;
use crate::cli::origin::{OriginOut, versions_out};
use crate::cli::show::{read_article, read_statement};
use crate::cli::statements::{StatementOut, appearance_refs};
use quotetrail_store::{ObjectKind, StatementFilter};

const JSONL: &str = "application/jsonl; charset=utf-8";

/// One search hit, as `/api/search` prints it.
#[derive(Serialize)]
struct HitOut<'a> {
    group: String,
    score: f32,
    holds: bool,
    text: &'a str,
    size: u32,
    speakers: &'a [String],
    outlets: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<&'a str>,
}

/// One statement in no group that matches, as `/api/search` prints it
/// when no group does.
#[derive(Serialize)]
struct UngroupedOut<'a> {
    statement: String,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    outlets: &'a [String],
    size: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<&'a str>,
}

/// Appends one `{"type", "data"}` line.
fn record<T: Serialize>(out: &mut String, kind: &str, data: &T) {
    let line = serde_json::json!({ "type": kind, "data": data });
    out.push_str(&line.to_string());
    out.push('\n');
}

fn error(status: StatusCode, message: &str) -> Response {
    let mut out = String::new();
    record(
        &mut out,
        "error",
        &serde_json::json!({ "message": message }),
    );
    respond(status, JSONL, out)
}

/// `GET /api/search?q=WORDS`: one `hit` record per matching group; when
/// none, one `ungrouped` record per matching statement in no group.
pub(super) async fn search(State(app): State<Arc<App>>, Query(q): Query<SearchQuery>) -> Response {
    match data::hits(&app.store, &q.q) {
        Ok(hits) => {
            let mut out = String::new();
            for h in &hits {
                record(
                    &mut out,
                    "hit",
                    &HitOut {
                        group: h.group.to_hex(),
                        score: h.score,
                        holds: h.holds,
                        text: &h.text,
                        size: h.size,
                        speakers: &h.speakers,
                        outlets: &h.outlets,
                        first: h.first.as_deref(),
                        last: h.last.as_deref(),
                    },
                );
            }
            if hits.is_empty() {
                match data::ungrouped_hits(&app.store, &q.q) {
                    Ok(found) => {
                        for h in &found {
                            record(
                                &mut out,
                                "ungrouped",
                                &UngroupedOut {
                                    statement: h.statement.to_hex(),
                                    text: &h.text,
                                    speaker: h.speaker.as_deref(),
                                    outlets: &h.outlets,
                                    size: h.size,
                                    first: h.first.as_deref(),
                                },
                            );
                        }
                    }
                    Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
                }
            }
            respond(StatusCode::OK, JSONL, out)
        }
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// `GET /api/group/ID`: the `origin` record `quotetrail origin ID --json`
/// prints, without near groups (a group asked by id has no query words).
pub(super) async fn group(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    match data::group_report(&app.store, &id) {
        Ok(Some(g)) => {
            let view = &g.view;
            let mut out = String::new();
            record(
                &mut out,
                "origin",
                &OriginOut {
                    grouped: true,
                    group: view.group,
                    score: 1.0,
                    size: view.versions.len(),
                    origin: g.origin.as_ref(),
                    versions: versions_out(view),
                    near: Vec::new(),
                },
            );
            respond(StatusCode::OK, JSONL, out)
        }
        Ok(None) => error(StatusCode::NOT_FOUND, "no group has this id"),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// Answers with `records`, or a JSON error record: 404 when the id names
/// nothing of the kind.
fn answer(r: Result<Option<String>, CliError>, what: &str) -> Response {
    match r {
        Ok(Some(out)) => respond(StatusCode::OK, JSONL, out),
        Ok(None) => error(StatusCode::NOT_FOUND, &format!("no {what} has this id")),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// `GET /api/statement/ID`: the `statement_detail` record of `show ID --json`.
pub(super) async fn statement(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let r = (|| {
        let Some(id) = data::resolve(&app.store, &id, ObjectKind::Statement)? else {
            return Ok(None);
        };
        let mut out = String::new();
        record(
            &mut out,
            "statement_detail",
            &read_statement(&app.store, &id)?.detail(),
        );
        Ok(Some(out))
    })();
    answer(r, "statement")
}

/// `GET /api/article/ID`: the `article_detail` record of `show ID --json`.
pub(super) async fn article(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let r = (|| {
        let Some(id) = data::resolve(&app.store, &id, ObjectKind::Article)? else {
            return Ok(None);
        };
        let records = read_article(&app.store, &id)?;
        let mut out = String::new();
        record(&mut out, "article_detail", &records.detail(&app.store)?);
        Ok(Some(out))
    })();
    answer(r, "article")
}

/// `GET /api/outlet?name=X` and `/api/speaker?name=X`: the `statement`
/// records `statements --outlet X --json` (or `--speaker`) prints, at most
/// 500.
fn named(app: &App, what: &str, name: &str) -> Response {
    let r = (|| {
        let mut filter = StatementFilter::default();
        match what {
            "outlet" => filter.outlet = Some(name.to_owned()),
            _ => filter.speaker = Some(name.to_owned()),
        }
        let mut out = String::new();
        for item in app.store.statements(&filter)?.take(data::MAX_NAMED) {
            let (id, statement) = item?;
            let row = StatementOut {
                id: id.to_hex(),
                statement: &statement,
                fingerprint: statement.fingerprint().to_hex(),
                appearances: appearance_refs(&app.store, &id)?,
            };
            record(&mut out, "statement", &row);
        }
        Ok(Some(out))
    })();
    answer(r, what)
}

pub(super) async fn outlet(State(app): State<Arc<App>>, Query(n): Query<NameQuery>) -> Response {
    named(&app, "outlet", &n.name)
}

pub(super) async fn speaker(State(app): State<Arc<App>>, Query(n): Query<NameQuery>) -> Response {
    named(&app, "speaker", &n.name)
}
