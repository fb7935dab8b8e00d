//! Reading stored groups back for people: a group's versions in date order
//! with their diffs against one of them (the version asked about, else the
//! reference), and the proposed origin. Finding a group by words is
//! [`crate::follow::query`]; the per-outlet audit is
//! [`crate::follow::audit`].
//!
//! Everything here reads what ingest stored; nothing is recomputed across
//! the whole store.

use std::collections::BTreeSet;

use quotetrail_store::{GroupId, Id, Kind, Store, WireSource};
use serde::Serialize;

use crate::follow::diff::{Severity, VersionDiff, diff_versions};
use crate::follow::persist::{GroupState, Result};
use crate::follow::{Version, date};

/// One appearance of a grouped statement.
#[derive(Clone, Debug, Serialize)]
pub struct Printed {
    /// The appearance id.
    pub appearance: Id,
    /// The statement id.
    pub statement: Id,
    /// The article id.
    pub article: Id,
    /// Headline, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether the wire was credited in the text or inferred from the
    /// article's origin.
    pub wire_source: WireSource,
    /// The group this version is in, when it is not the group shown: a
    /// longer passage in another group that holds the words asked about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_group: Option<GroupId>,
    /// The version: outlet, date, speaker, wire, exact wording.
    #[serde(flatten)]
    pub version: Version,
}

/// A group read back.
#[derive(Clone, Debug, Serialize)]
pub struct GroupView {
    /// The group id.
    pub group: GroupId,
    /// The stored state.
    pub state: GroupState,
    /// Every appearance, earliest first (undated last).
    pub versions: Vec<Printed>,
    /// Index of the reference in `versions`.
    pub reference: usize,
    /// Index in `versions` of the version the others are diffed against:
    /// the one that holds the words asked about, else the reference.
    pub anchor: usize,
    /// Each version's diff against the anchor, same order.
    pub diffs: Vec<VersionDiff>,
}

/// Loads a group: `None` when there is no such group. Versions are diffed
/// against the reference.
pub fn load_group(store: &Store, group: &GroupId) -> Result<Option<GroupView>> {
    load_view(store, group, None, &[])
}

/// Loads a group with its versions diffed against `anchor` (one of its
/// members; the reference when `None` or not a member), and with `also`,
/// versions of other groups that hold the same words, as
/// `(appearance, its group)`.
pub fn load_view(
    store: &Store,
    group: &GroupId,
    anchor: Option<Id>,
    also: &[(Id, GroupId)],
) -> Result<Option<GroupView>> {
    let Some(state) = store
        .group_state(group)?
        .and_then(|v| GroupState::from_value(&v))
    else {
        return Ok(None);
    };
    let members = store
        .group_members(group)?
        .into_iter()
        .map(|(id, _)| (id, None));
    let others = also.iter().map(|(id, g)| (*id, Some(*g)));
    let mut versions = Vec::new();
    for (id, in_group) in members.chain(others) {
        if let Some(mut p) = load_printed(store, &id)? {
            p.in_group = in_group;
            versions.push(p);
        }
    }
    sort_by_date(&mut versions);
    let position = |id: &Id| versions.iter().position(|p| p.appearance == *id);
    let reference = position(&state.reference).unwrap_or(0);
    let anchor = anchor.and_then(|a| position(&a)).unwrap_or(reference);
    let diffs = diffs_against(&versions, anchor);
    Ok(Some(GroupView {
        group: *group,
        state,
        versions,
        reference,
        anchor,
        diffs,
    }))
}

/// Each version's diff against the one at `anchor` (none if out of
/// range).
pub(crate) fn diffs_against(versions: &[Printed], anchor: usize) -> Vec<VersionDiff> {
    match versions.get(anchor) {
        Some(a) => versions
            .iter()
            .map(|p| diff_versions(&a.version, &p.version))
            .collect(),
        None => Vec::new(),
    }
}

/// Puts versions earliest first, undated last; ties by outlet and id.
pub(crate) fn sort_by_date(versions: &mut [Printed]) {
    versions.sort_by(|a, b| {
        let day = |p: &Printed| p.version.day().unwrap_or(i32::MAX);
        (day(a), &a.version.date, &a.version.outlet, a.appearance).cmp(&(
            day(b),
            &b.version.date,
            &b.version.outlet,
            b.appearance,
        ))
    });
}

/// One appearance as printed, with its statement and article: `None`
/// when any of the three is missing.
pub fn load_printed(store: &Store, appearance: &Id) -> Result<Option<Printed>> {
    let Some(ap) = store.get_appearance(appearance)? else {
        return Ok(None);
    };
    let (Some(st), Some(art)) = (
        store.get_statement(&ap.statement)?,
        store.get_article(&ap.article)?,
    ) else {
        return Ok(None);
    };
    Ok(Some(Printed {
        appearance: *appearance,
        statement: ap.statement,
        article: ap.article,
        title: art.title.clone(),
        wire_source: ap.wire_source,
        in_group: None,
        version: Version::from_records(&st, &ap, &art),
    }))
}

/// The group an appearance or statement is in.
pub fn group_of_statement(store: &Store, statement: &Id) -> Result<Option<GroupId>> {
    for (id, _) in store.appearances_of(statement)? {
        if let Some(g) = store.group_of(&id)? {
            return Ok(Some(g));
        }
    }
    Ok(None)
}

/// How sure the origin proposal is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Dates and credits agree.
    High,
    /// One of them is missing or disputed.
    Medium,
    /// Little to go on.
    Low,
}

/// The proposed origin of a statement.
#[derive(Clone, Debug, Serialize)]
pub struct Origin {
    /// The earliest appearance (dated, else the first stored).
    pub earliest: Id,
    /// Its outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Its date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The first agency credited, in date order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// The appearance that credits it first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_appearance: Option<Id>,
    /// Why, one sentence each.
    pub evidence: Vec<String>,
    /// A score from 0 to 1.
    pub score: f32,
    /// The score as a word.
    pub confidence: Confidence,
}

/// Proposes the origin of a statement from its versions (a group's, or
/// the copies of an ungrouped statement), earliest first: the earliest
/// appearance and the first agency credited, with evidence and a
/// confidence.
pub fn propose_origin(versions: &[Printed]) -> Option<Origin> {
    let first = versions.first()?;
    let mut evidence = Vec::new();
    let mut score: f32 = 0.3;
    let dated: Vec<&Printed> = versions
        .iter()
        .filter(|p| p.version.day().is_some())
        .collect();
    match dated.as_slice() {
        [] => evidence.push("no appearance is dated: the first stored is shown".to_string()),
        [one, rest @ ..] => {
            let day = one.version.day();
            let ties = rest.iter().filter(|p| p.version.day() == day).count();
            evidence.push(format!(
                "earliest dated appearance: {} on {}",
                one.version.outlet.as_deref().unwrap_or("an unknown outlet"),
                one.version.date.as_deref().unwrap_or("?"),
            ));
            if ties == 0 {
                score += 0.3;
                if !rest.is_empty() {
                    evidence.push(format!("{} later appearance(s)", rest.len()));
                }
            } else {
                score += 0.1;
                evidence.push(format!(
                    "{ties} other appearance(s) carry the same date: the order among them is not known"
                ));
            }
        }
    }
    let credited = versions.iter().find(|p| p.version.wire.is_some());
    let agency = credited.and_then(|p| p.version.wire.clone());
    if let (Some(p), Some(a)) = (credited, agency.as_deref()) {
        let same = versions
            .iter()
            .filter(|q| q.version.wire.as_deref() == Some(a))
            .count();
        let any = versions.iter().filter(|q| q.version.wire.is_some()).count();
        evidence.push(format!(
            "first credit: {} credits {a}{}; {same} of {any} crediting version(s) name {a}",
            p.version.outlet.as_deref().unwrap_or("an unknown outlet"),
            if p.wire_source == WireSource::Inferred {
                " (from the article's origin line)"
            } else {
                ""
            },
        ));
        if same == any {
            score += 0.3;
        } else {
            score += 0.1;
            let others: BTreeSet<&str> = versions
                .iter()
                .filter_map(|q| q.version.wire.as_deref())
                .filter(|w| *w != a)
                .collect();
            evidence.push(format!(
                "other versions credit {}",
                others.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    } else {
        evidence.push("no version credits an agency".to_string());
    }
    if versions.len() == 1 {
        score = score.min(0.5);
        evidence.push("only one appearance is stored".to_string());
    }
    let confidence = if score >= 0.8 {
        Confidence::High
    } else if score >= 0.5 {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    Some(Origin {
        earliest: first.appearance,
        outlet: first.version.outlet.clone(),
        date: first.version.date.clone(),
        agency,
        agency_appearance: credited.map(|p| p.appearance),
        evidence,
        score: (score * 100.0).round() / 100.0,
        confidence,
    })
}

/// A short label for a severity, for human output.
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Cosmetic => "cosmetic",
        Severity::Minor => "minor",
        Severity::Major => "major",
        Severity::Critical => "critical",
    }
}

/// Whether the kind is a quote, for display.
pub fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Quote => "quote",
        Kind::Claim => "claim",
    }
}

/// Days between two ISO dates, if both parse.
pub fn days_between(a: &str, b: &str) -> Option<i32> {
    Some(date::parse_day(b)? - date::parse_day(a)?)
}
