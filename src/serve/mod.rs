//! `quotetrail serve`: a read-only web view over the store, for a browser
//! on the same machine.
//!
//! The pages are the report's ([`crate::render::html`]) with links between
//! them; the data comes through the same paths as the terminal commands
//! (`find_words` for search, `load_group` and the origin proposal for a
//! group). sled lets one process hold a store, so the server opens it once
//! and keeps it for its lifetime; it never writes.
//!
//! It runs on one tokio thread: a page is a few store reads and a
//! template, the reader is one person, and a single thread keeps the
//! server small. Every response carries a strict Content-Security-Policy
//! (no inline script or style, nothing from elsewhere): the pages link
//! their one stylesheet and one script from `/assets/`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use quotetrail_store::{Store, Totals};
use serde::Deserialize;

mod api;
mod data;

use crate::render::html::{self, pages};

/// The policy every response carries: only this server's stylesheet and
/// script, no frames, forms only to itself.
pub const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; \
                       img-src 'self' data:; form-action 'self'; base-uri 'none'; \
                       frame-ancestors 'none'";

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Binding the address or serving failed.
    #[error("serving on {addr}: {source}")]
    Io {
        /// The address asked for.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Reading the store's totals at start-up failed.
    #[error(transparent)]
    Store(#[from] quotetrail_store::Error),
}

/// What every handler shares.
pub(crate) struct App {
    pub store: Store,
    /// Counted once at start: the store does not change while served.
    pub totals: Totals,
    pub groups: u64,
    pub shared: u64,
}

type Shared = State<Arc<App>>;

/// Serves `store` on `addr` until the process is stopped. `listening` is
/// called once with the address bound (the port is chosen by the system
/// when `addr` has port 0).
pub fn run(
    store: Store,
    addr: SocketAddr,
    listening: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let io = |source| Error::Io { addr, source };
    let totals = store.totals()?;
    // Groups, and those printed in two articles or more: the ones worth a
    // trail.
    let (mut groups, mut shared) = (0, 0);
    for entry in store.groups() {
        let (_, value) = entry?;
        groups += 1;
        if crate::follow::GroupState::from_value(&value).is_some_and(|g| g.size > 1) {
            shared += 1;
        }
    }
    let app = Arc::new(App {
        store,
        totals,
        groups,
        shared,
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(io)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
        listening(listener.local_addr().map_err(io)?);
        let mut routes = router(app);
        if addr.ip().is_loopback() {
            routes = routes.layer(axum::middleware::from_fn(local_host_only));
        }
        axum::serve(listener, routes).await.map_err(io)
    })
}

/// The routes.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/group/{id}", get(group))
        .route("/statement/{id}", get(statement))
        .route("/article/{id}", get(article))
        .route("/outlet", get(outlet))
        .route("/speaker", get(speaker))
        .route("/assets/report.css", get(css))
        .route("/assets/report.js", get(js))
        .route("/api/search", get(api::search))
        .route("/api/group/{id}", get(api::group))
        .route("/api/statement/{id}", get(api::statement))
        .route("/api/article/{id}", get(api::article))
        .route("/api/outlet", get(api::outlet))
        .route("/api/speaker", get(api::speaker))
        .fallback(not_found)
        .with_state(app)
}

/// A response with the security headers every page carries.
pub(crate) fn respond(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

const HTML: &str = "text/html; charset=utf-8";

fn page(body: String) -> Response {
    respond(StatusCode::OK, HTML, body)
}

/// A page for a request that found nothing or failed.
pub(crate) fn problem(status: StatusCode, text: &str) -> Response {
    let title = if status == StatusCode::NOT_FOUND {
        "Not found"
    } else {
        "Something went wrong"
    };
    respond(status, HTML, pages::message(title, text))
}

/// On loopback, only requests addressed to this machine by name are
/// answered. A web page elsewhere can point a host name of its own at
/// 127.0.0.1 (DNS rebinding) and read the answers as same-origin; the
/// `Host` header it sends then names that host, not this one.
async fn local_host_only(req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if is_local_host(host) {
        next.run(req).await
    } else {
        problem(
            StatusCode::MISDIRECTED_REQUEST,
            "This server answers only requests to localhost or a loopback address.",
        )
    }
}

/// Whether a `Host` header names this machine: `localhost`, `127.x.x.x` or
/// `[::1]`, with or without a port.
fn is_local_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    name.eq_ignore_ascii_case("localhost")
        || name == "[::1]"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn home(State(app): Shared) -> Response {
    page(pages::home(&app.totals, app.groups, app.shared))
}

#[derive(Deserialize)]
pub(crate) struct SearchQuery {
    #[serde(default)]
    pub q: String,
}

async fn search(State(app): Shared, Query(q): Query<SearchQuery>) -> Response {
    if q.q.trim().is_empty() {
        return page(pages::home(&app.totals, app.groups, app.shared));
    }
    let found = data::hits(&app.store, &q.q).and_then(|hits| {
        let ungrouped = match hits.is_empty() {
            true => data::ungrouped_hits(&app.store, &q.q)?,
            false => Vec::new(),
        };
        Ok((hits, ungrouped))
    });
    match found {
        Ok((hits, ungrouped)) => page(pages::search(&q.q, &hits, &ungrouped)),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

#[derive(Deserialize)]
struct PairQuery {
    a: Option<usize>,
    b: Option<usize>,
}

async fn group(State(app): Shared, Path(id): Path<String>, Query(p): Query<PairQuery>) -> Response {
    match data::group_report(&app.store, &id) {
        Ok(Some(mut g)) => {
            if let (Some(a), Some(b)) = (p.a, p.b) {
                g.choose_pair(a.wrapping_sub(1), b.wrapping_sub(1));
            }
            let report = html::Report {
                title: "Statement trail".into(),
                query: String::new(),
                groups: vec![g],
            };
            page(html::report_page(&report, html::Mode::Served))
        }
        Ok(None) => problem(StatusCode::NOT_FOUND, "No group has this id."),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

async fn statement(State(app): Shared, Path(id): Path<String>) -> Response {
    match data::statement(&app.store, &id) {
        Ok(Some(body)) => page(body),
        Ok(None) => problem(StatusCode::NOT_FOUND, "No statement has this id."),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

async fn article(State(app): Shared, Path(id): Path<String>) -> Response {
    match data::article(&app.store, &id) {
        Ok(Some(body)) => page(body),
        Ok(None) => problem(StatusCode::NOT_FOUND, "No article has this id."),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

#[derive(Deserialize)]
pub(crate) struct NameQuery {
    #[serde(default)]
    pub name: String,
}

async fn outlet(State(app): Shared, Query(n): Query<NameQuery>) -> Response {
    named(&app, "outlet", &n.name)
}

async fn speaker(State(app): Shared, Query(n): Query<NameQuery>) -> Response {
    named(&app, "speaker", &n.name)
}

fn named(app: &App, what: &str, name: &str) -> Response {
    match data::named(&app.store, what, name) {
        Ok(body) => page(body),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

async fn css() -> Response {
    respond(StatusCode::OK, "text/css; charset=utf-8", html::CSS.into())
}

async fn js() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        html::JS.into(),
    )
}

async fn not_found() -> Response {
    problem(StatusCode::NOT_FOUND, "There is no page here.")
}

#[cfg(test)]
mod tests {
    use super::is_local_host;

    #[test]
    fn only_local_host_names_pass() {
        for ok in [
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:1",
            "[::1]:8080",
            "[::1]",
            "127.1.2.3",
        ] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "",
            "127.0.0.1.evil.example",
            "10.0.0.1:80",
            "localhost.evil:8080",
        ] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }
}
