//! What each served page reads from the store, through the same functions
//! the terminal commands use. Ids in URLs are hex, whole or a unique
//! prefix, as on the command line; anything that names nothing is `None`
//! (a 404), never an error.

use quotetrail_store::{Error as StoreError, GroupId, Id, ObjectKind, StatementFilter, Store};

use crate::follow::persist::{GroupState, Result};
use crate::follow::query::find_words;
use crate::follow::ungrouped::find_ungrouped;
use crate::follow::view::load_group;
use crate::render::html::GroupReport;
use crate::render::html::pages::{self, Hit, InArticle, Printing, UngroupedHit};

/// Hits shown per search, best first.
const MAX_HITS: usize = 20;
/// Statements listed on an outlet or speaker page.
pub(super) const MAX_NAMED: usize = 500;

/// Whether `id` could be an id prefix at all: hex digits, 4 to 64.
fn hexlike(id: &str) -> bool {
    (4..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `Ok(None)` for ids that name nothing (or several things).
fn absent<T>(r: std::result::Result<T, StoreError>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(
            StoreError::NotFound { .. }
            | StoreError::Ambiguous { .. }
            | StoreError::BadPrefix { .. },
        ) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The groups matching `query`, as `origin` ranks them.
pub(super) fn hits(store: &Store, query: &str) -> Result<Vec<Hit>> {
    let found = find_words(store, query)?;
    let mut out = Vec::new();
    for h in found.hits.into_iter().take(MAX_HITS) {
        let Some(state) = store
            .group_state(&h.group)?
            .and_then(|v| GroupState::from_value(&v))
        else {
            continue;
        };
        let text = store
            .get_appearance(&state.reference)?
            .map(|a| a.text)
            .unwrap_or_default();
        out.push(Hit {
            group: h.group,
            text,
            speakers: state.speakers.clone(),
            outlets: state.outlets.clone(),
            size: state.size,
            first: state.day_min.map(crate::follow::date::iso),
            last: state.day_max.map(crate::follow::date::iso),
            score: (h.words.score * 100.0).round() / 100.0,
            holds: h.holds,
        });
    }
    Ok(out)
}

/// The statements in no group whose words match `query` (see
/// [`find_ungrouped`]), one hit each, earliest first.
pub(super) fn ungrouped_hits(store: &Store, query: &str) -> Result<Vec<UngroupedHit>> {
    let Some(found) = find_ungrouped(store, query)? else {
        return Ok(Vec::new());
    };
    let mut out: Vec<UngroupedHit> = Vec::new();
    for p in &found.versions {
        let v = &p.version;
        if let Some(h) = out.iter_mut().find(|h| h.statement == p.statement) {
            h.size += 1;
            if let Some(o) = &v.outlet
                && !h.outlets.contains(o)
            {
                h.outlets.push(o.clone());
            }
        } else if out.len() < MAX_HITS {
            out.push(UngroupedHit {
                statement: p.statement,
                text: v.text.clone(),
                speaker: v.speaker.clone(),
                outlets: v.outlet.iter().cloned().collect(),
                size: 1,
                first: v.date.clone(),
            });
        }
    }
    Ok(out)
}

/// The group `id` names, ready for the report template.
pub(super) fn group_report(store: &Store, id: &str) -> Result<Option<GroupReport>> {
    if !hexlike(id) {
        return Ok(None);
    }
    let Some(gid) = absent(store.resolve_group(id))? else {
        return Ok(None);
    };
    match load_group(store, &gid)? {
        Some(view) => GroupReport::build(store, view, Vec::new()).map(Some),
        None => Ok(None),
    }
}

/// The object of `kind` that `id` names.
pub(super) fn resolve(store: &Store, id: &str, kind: ObjectKind) -> Result<Option<Id>> {
    if !hexlike(id) {
        return Ok(None);
    }
    Ok(absent(store.resolve(id))?
        .filter(|o| o.kind == kind)
        .map(|o| o.id))
}

/// The statement page.
pub(super) fn statement(store: &Store, id: &str) -> Result<Option<String>> {
    let Some(id) = resolve(store, id, ObjectKind::Statement)? else {
        return Ok(None);
    };
    let Some(s) = store.get_statement(&id)? else {
        return Ok(None);
    };
    let mut printings = Vec::new();
    for (aid, record) in store.appearances_of(&id)? {
        let Some(article) = store.get_article(&record.article)? else {
            continue;
        };
        printings.push(Printing {
            appearance: aid,
            article_id: record.article,
            group: store.group_of(&aid)?,
            record,
            article,
        });
    }
    Ok(Some(pages::statement(&id, &s, &printings)))
}

/// The article page.
pub(super) fn article(store: &Store, id: &str) -> Result<Option<String>> {
    let Some(id) = resolve(store, id, ObjectKind::Article)? else {
        return Ok(None);
    };
    let Some(a) = store.get_article(&id)? else {
        return Ok(None);
    };
    let mut rows = Vec::new();
    for (aid, ap) in store.appearances_in(&id)? {
        let Some(statement) = store.get_statement(&ap.statement)? else {
            continue;
        };
        let group: Option<GroupId> = store.group_of(&aid)?;
        rows.push(InArticle {
            appearance: aid,
            statement_id: ap.statement,
            statement,
            text: ap.text,
            group,
        });
    }
    Ok(Some(pages::article(&id, &a, &rows)))
}

/// An outlet's or a speaker's page (`what` is `outlet` or `speaker`).
pub(super) fn named(store: &Store, what: &str, name: &str) -> Result<String> {
    let mut filter = StatementFilter::default();
    match what {
        "outlet" => filter.outlet = Some(name.to_owned()),
        _ => filter.speaker = Some(name.to_owned()),
    }
    let mut rows = Vec::new();
    let mut truncated = false;
    if !name.trim().is_empty() {
        for r in store.statements(&filter)? {
            if rows.len() == MAX_NAMED {
                truncated = true;
                break;
            }
            rows.push(r?);
        }
    }
    Ok(pages::named(what, name, &rows, truncated))
}
