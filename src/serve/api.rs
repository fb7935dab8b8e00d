//! JSON under `/api/`: the records the terminal prints with `--json`, one
//! `{"type": ..., "data": ...}` object a line, so a script can move between
//! the command line and the server without a second schema.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::{App, SearchQuery, data, respond};
use crate::cli::origin::{OriginOut, versions_out};
use crate::follow::view::propose_origin;

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

/// `GET /api/search?q=WORDS`: one `hit` record per matching group.
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
            let origin = propose_origin(view);
            let mut out = String::new();
            record(
                &mut out,
                "origin",
                &OriginOut {
                    group: view.group,
                    score: 1.0,
                    size: view.versions.len(),
                    origin: origin.as_ref(),
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
