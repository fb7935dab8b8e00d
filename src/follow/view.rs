//! Reading stored groups back for people: a group's versions in date order
//! with their diffs against the reference, the proposed origin, and the
//! per-outlet audit.
//!
//! Everything here reads what ingest stored; nothing is recomputed across
//! the whole store except by `audit`, which is a report over everything and
//! reads each group once (its cost grows with the store, linearly).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use quotetrail_store::{GroupId, Id, Kind, Store, WireSource};
use serde::Serialize;

use crate::follow::diff::{FlagKind, Severity, VersionDiff, diff_versions};
use crate::follow::names::{Identities, Merge};
use crate::follow::persist::{GroupState, Result, StoreMatcher};
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
        .and_then(|b| GroupState::decode(&b))
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
    versions.sort_by(|a, b| {
        let day = |p: &Printed| p.version.day().unwrap_or(i32::MAX);
        (day(a), &a.version.date, &a.version.outlet, a.appearance).cmp(&(
            day(b),
            &b.version.date,
            &b.version.outlet,
            b.appearance,
        ))
    });
    let position = |id: &Id| versions.iter().position(|p| p.appearance == *id);
    let reference = position(&state.reference).unwrap_or(0);
    let anchor = anchor.and_then(|a| position(&a)).unwrap_or(reference);
    let diffs = match versions.get(anchor) {
        Some(r) => versions
            .iter()
            .map(|p| diff_versions(&r.version, &p.version))
            .collect(),
        None => Vec::new(),
    };
    Ok(Some(GroupView {
        group: *group,
        state,
        versions,
        reference,
        anchor,
        diffs,
    }))
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

/// Proposes the origin of a group: its earliest appearance and the first
/// agency credited, with evidence and a confidence.
pub fn propose_origin(view: &GroupView) -> Option<Origin> {
    let first = view.versions.first()?;
    let mut evidence = Vec::new();
    let mut score: f32 = 0.3;
    let dated: Vec<&Printed> = view
        .versions
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
    let credited = view.versions.iter().find(|p| p.version.wire.is_some());
    let agency = credited.and_then(|p| p.version.wire.clone());
    if let (Some(p), Some(a)) = (credited, agency.as_deref()) {
        let same = view
            .versions
            .iter()
            .filter(|q| q.version.wire.as_deref() == Some(a))
            .count();
        let any = view
            .versions
            .iter()
            .filter(|q| q.version.wire.is_some())
            .count();
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
            let others: BTreeSet<&str> = view
                .versions
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
    if view.versions.len() == 1 {
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

/// Groups near `text`, best first, with scores.
pub fn find(store: &Store, text: &str) -> Result<Vec<(GroupId, f32)>> {
    StoreMatcher::new(store).query(text)
}

/// Phrases by which a text says a claim is unconfirmed. General newsroom
/// wording, not tied to any story.
const UNCONFIRMED: &[&str] = &[
    "not been independently confirmed",
    "not been independently verified",
    "not been confirmed independently",
    "not been verified independently",
    "could not be independently confirmed",
    "could not be independently verified",
    "could not be confirmed independently",
    "could not be verified independently",
    "could not independently confirm",
    "could not independently verify",
    "was unable to verify",
    "were unable to verify",
    "was unable to confirm",
    "were unable to confirm",
    "unable to independently",
    "cannot be independently",
    "can not be independently",
    "could not be verified",
    "could not be confirmed",
    "has not been verified",
    "have not been verified",
    "has not been confirmed",
    "have not been confirmed",
    "not possible to verify",
    "impossible to verify",
    "unverified",
    "unconfirmed",
];

/// Whether the article calls the statement at `start..end` unconfirmed: the
/// statement's own sentence or the next one carries one of the phrases.
pub fn called_unconfirmed(body: &str, start: usize, end: usize) -> Option<&'static str> {
    let start = floor(body, start);
    let end = floor(body, end.min(body.len())).max(start);
    let from = body[..start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |i| i + 1);
    // The rest of the statement's sentence and the whole next one.
    let mut to = end;
    for _ in 0..2 {
        match body[to..].find(['.', '!', '?', '\n']) {
            Some(i) => to += i + 1,
            None => {
                to = body.len();
                break;
            }
        }
        // Closing quotes and spaces after the stop belong to the sentence.
        while let Some(c) = body[to..].chars().next() {
            if !matches!(c, '.' | '"' | '\u{201D}' | ' ') {
                break;
            }
            to += c.len_utf8();
        }
    }
    let window = body[from..floor(body, to.min(body.len()).min(from + 2000))].to_lowercase();
    UNCONFIRMED.iter().copied().find(|p| window.contains(p))
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A conflict between versions.
#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    /// `different_speakers` or `different_wires`.
    pub kind: &'static str,
    /// The group.
    pub group: GroupId,
    /// The reference wording.
    pub text: String,
    /// The names involved (speakers or agencies).
    pub names: Vec<String>,
    /// Other groups with the same words (for different speakers).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_groups: Vec<GroupId>,
}

/// One outlet's audit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct OutletAudit {
    /// The outlet.
    pub outlet: String,
    /// Appearances of grouped statements.
    pub statements: usize,
    /// How many credit an agency.
    pub crediting_wire: usize,
    /// Share crediting an agency, 0 to 1.
    pub wire_share: f32,
    /// Appearances per agency.
    pub wires: BTreeMap<String, usize>,
    /// Statements with no named speaker.
    pub no_speaker: usize,
    /// Statements only this outlet printed.
    pub only_this_outlet: usize,
    /// Statements the article itself calls unconfirmed.
    pub unconfirmed: Vec<Unconfirmed>,
    /// Groups where this outlet is party to a conflict.
    pub conflicts: usize,
    /// Speaker names this outlet uses that other outlets write another way.
    pub name_variants: Vec<String>,
}

/// A claim its own article calls unconfirmed.
#[derive(Clone, Debug, Serialize)]
pub struct Unconfirmed {
    /// The appearance.
    pub appearance: Id,
    /// The wording.
    pub text: String,
    /// The phrase that says so.
    pub phrase: &'static str,
}

/// A set of names taken to be one speaker, with who uses which.
#[derive(Clone, Debug, Serialize)]
pub struct NameVariants {
    /// The fullest name.
    pub canonical: String,
    /// Each alias with the outlets printing it.
    pub aliases: BTreeMap<String, BTreeSet<String>>,
    /// The merges and their evidence.
    pub merges: Vec<Merge>,
}

/// The whole audit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Audit {
    /// Per outlet, by name.
    pub outlets: Vec<OutletAudit>,
    /// Every conflict found.
    pub conflicts: Vec<Conflict>,
    /// Speakers named more than one way.
    pub name_variants: Vec<NameVariants>,
}

/// Audits the store, or one outlet (`outlet` compared case-insensitively).
pub fn audit(store: &Store, outlet: Option<&str>) -> Result<Audit> {
    let want = outlet.map(quotetrail_store::fold_name);
    let mut per: BTreeMap<String, OutletAudit> = BTreeMap::new();
    let mut conflicts = Vec::new();
    let mut identities = Identities::new();
    let mut alias_outlets: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut matcher = StoreMatcher::new(store);
    let mut seen_conflict_pairs = BTreeSet::new();
    let ids: Vec<GroupId> = store
        .groups()
        .map(|r| r.map(|(id, _)| id))
        .collect::<Result<_>>()?;
    for gid in ids {
        let Some(view) = load_group(store, &gid)? else {
            continue;
        };
        let outlets: BTreeSet<String> = view
            .versions
            .iter()
            .filter_map(|p| p.version.outlet.clone())
            .collect();
        let touches = |o: &Option<String>| {
            want.as_ref()
                .is_none_or(|w| o.as_deref().map(quotetrail_store::fold_name).as_ref() == Some(w))
        };
        let relevant = view.versions.iter().any(|p| touches(&p.version.outlet));
        let mut group_conflict = false;
        // Same statement, different agencies.
        let wires: BTreeSet<String> = view
            .versions
            .iter()
            .filter_map(|p| p.version.wire.clone())
            .collect();
        if wires.len() > 1 && relevant {
            group_conflict = true;
            conflicts.push(Conflict {
                kind: "different_wires",
                group: gid,
                text: view.versions[view.reference].version.text.clone(),
                names: wires.iter().cloned().collect(),
                other_groups: Vec::new(),
            });
        }
        // Same words, different speakers: other groups the words match
        // closely, kept apart by their speaker.
        let reference = &view.versions[view.reference].version;
        if relevant && reference.text.split_whitespace().count() >= 5 {
            let mut others = Vec::new();
            let mut names: BTreeSet<String> = view.state.speakers.iter().cloned().collect();
            for (other, score) in matcher.query(&reference.text)? {
                if other == gid || score < 0.85 {
                    continue;
                }
                let Some(st) = store
                    .group_state(&other)?
                    .and_then(|b| GroupState::decode(&b))
                else {
                    continue;
                };
                let near_in_time = match (view.state.day_min, st.day_min) {
                    (Some(a), Some(b)) => (a - b).abs() <= 31,
                    _ => true,
                };
                if near_in_time
                    && !st.speakers.is_empty()
                    && !view.state.speakers.is_empty()
                    && st.speakers != view.state.speakers
                {
                    let pair = if gid < other {
                        (gid, other)
                    } else {
                        (other, gid)
                    };
                    if seen_conflict_pairs.insert(pair) {
                        others.push(other);
                        names.extend(st.speakers.iter().cloned());
                    }
                }
            }
            if !others.is_empty() {
                group_conflict = true;
                conflicts.push(Conflict {
                    kind: "different_speakers",
                    group: gid,
                    text: reference.text.clone(),
                    names: names.into_iter().collect(),
                    other_groups: others,
                });
            }
        }
        // Within the group: a version given to someone else.
        if relevant && view.diffs.iter().any(|d| d.has(FlagKind::DifferentSpeaker)) {
            let names: BTreeSet<String> = view
                .versions
                .iter()
                .map(|p| {
                    p.version
                        .speaker
                        .clone()
                        .unwrap_or_else(|| "(no speaker)".into())
                })
                .collect();
            if names.len() > 1 {
                group_conflict = true;
                conflicts.push(Conflict {
                    kind: "different_speakers",
                    group: gid,
                    text: reference.text.clone(),
                    names: names.into_iter().collect(),
                    other_groups: Vec::new(),
                });
            }
        }
        let speakers: Vec<&str> = view
            .versions
            .iter()
            .filter_map(|p| p.version.speaker.as_deref())
            .collect();
        for s in &speakers {
            identities.add(s);
        }
        if let Some((first, rest)) = speakers.split_first() {
            for o in rest {
                if o != first {
                    identities.link_statement(first, o);
                }
            }
        }
        for p in &view.versions {
            if let (Some(s), Some(o)) = (&p.version.speaker, &p.version.outlet) {
                alias_outlets
                    .entry(s.trim().to_owned())
                    .or_default()
                    .insert(o.clone());
            }
            // Names the words themselves carry ("led by Alghabass Ag
            // Intallah", "the Islamic Movement for Azawad (MIA)"), in
            // statements more than one outlet printed: the variants the
            // outlets use for one another's names.
            if outlets.len() > 1 {
                for name in name_phrases(&p.version.text) {
                    identities.add(&name);
                    if let Some(o) = &p.version.outlet {
                        alias_outlets.entry(name).or_default().insert(o.clone());
                    }
                }
            }
        }
        for p in &view.versions {
            if !touches(&p.version.outlet) {
                continue;
            }
            let name = p
                .version
                .outlet
                .clone()
                .unwrap_or_else(|| "(no outlet)".into());
            let a = per.entry(name.clone()).or_insert_with(|| OutletAudit {
                outlet: name,
                ..OutletAudit::default()
            });
            a.statements += 1;
            if let Some(w) = &p.version.wire {
                a.crediting_wire += 1;
                *a.wires.entry(w.clone()).or_default() += 1;
            }
            if p.version.speaker.is_none() {
                a.no_speaker += 1;
            }
            if outlets.len() <= 1 {
                a.only_this_outlet += 1;
            }
            if group_conflict {
                a.conflicts += 1;
            }
        }
    }
    // Unconfirmed claims: read each relevant article once.
    for a in per.values_mut() {
        a.wire_share = if a.statements == 0 {
            0.0
        } else {
            ((a.crediting_wire as f32 / a.statements as f32) * 100.0).round() / 100.0
        };
    }
    unconfirmed(store, &mut per, want.as_deref())?;
    let map = identities.resolve();
    let mut name_variants = Vec::new();
    for ident in map.identities.into_iter().filter(|i| i.aliases.len() > 1) {
        let aliases: BTreeMap<String, BTreeSet<String>> = ident
            .aliases
            .iter()
            .map(|a| (a.clone(), alias_outlets.get(a).cloned().unwrap_or_default()))
            .collect();
        for (alias, outlets) in &aliases {
            for o in outlets {
                if let Some(a) = per.get_mut(o)
                    && !a.name_variants.contains(alias)
                {
                    a.name_variants.push(alias.clone());
                }
            }
        }
        name_variants.push(NameVariants {
            canonical: ident.canonical,
            aliases,
            merges: ident.merges,
        });
    }
    Ok(Audit {
        outlets: per.into_values().collect(),
        conflicts,
        name_variants,
    })
}

/// Proper names in a text: runs of capitalised words (with the small
/// linking words names contain, "for", "of", "al", "ag"), at least two words
/// long, and acronyms of two or more capitals.
pub fn name_phrases(text: &str) -> Vec<String> {
    const LINKS: &[&str] = &[
        "for", "of", "al", "ag", "de", "du", "la", "el", "bin", "ibn",
    ];
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        while run.last().is_some_and(|w| LINKS.contains(w)) {
            run.pop();
        }
        if run.len() >= 2 {
            let name = run.join(" ");
            if !out.contains(&name) {
                out.push(name);
            }
        }
        run.clear();
    };
    for raw in text.split_whitespace().take(400) {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let capital = w.starts_with(|c: char| c.is_uppercase());
        let acronym = w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
        if acronym && raw.starts_with('(') {
            flush(&mut run, &mut out);
            if !out.iter().any(|x| x == w) {
                out.push(w.to_owned());
            }
            continue;
        }
        if capital || (!run.is_empty() && LINKS.contains(&w)) {
            if run.is_empty() && crate::follow::lexicon::is_function_word(&w.to_lowercase()) {
                continue;
            }
            run.push(w);
        } else {
            flush(&mut run, &mut out);
        }
        if raw.ends_with([',', '.', ';', ':', ')', '!', '?']) {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Fills each outlet's unconfirmed claims, reading each article once.
fn unconfirmed(
    store: &Store,
    per: &mut BTreeMap<String, OutletAudit>,
    want: Option<&str>,
) -> Result<()> {
    for article in store.articles() {
        let (aid, art) = article?;
        let name = art.outlet.clone().unwrap_or_else(|| "(no outlet)".into());
        if want.is_some_and(|w| quotetrail_store::fold_name(&name) != w) {
            continue;
        }
        let Some(a) = per.get_mut(&name) else {
            continue;
        };
        for (id, ap) in store.appearances_in(&aid)? {
            if let Some(phrase) = called_unconfirmed(&art.body, ap.start, ap.end) {
                a.unconfirmed.push(Unconfirmed {
                    appearance: id,
                    text: ap.text.clone(),
                    phrase,
                });
            }
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unconfirmed_is_read_in_the_statement_sentence_or_the_next() {
        let body = "Intro. \u{201C}We hold 40 towns,\u{201D} he said. The claim could not be independently verified. Later news.";
        let start = body.find("We hold").unwrap();
        let end = start + "We hold 40 towns,".len();
        assert_eq!(
            called_unconfirmed(body, start, end),
            Some("could not be independently verified")
        );
        let far = "A said \u{201C}x y z\u{201D}. Then B spoke. Then C. It was unverified.";
        let s = far.find('x').unwrap();
        assert_eq!(called_unconfirmed(far, s, s + 5), None);
        // Odd offsets and multibyte text don't panic or loop.
        for i in 0..body.len() {
            let _ = called_unconfirmed(body, i, body.len() + 3);
        }
    }

    #[test]
    fn name_phrases_keep_names_and_bracketed_acronyms() {
        let names = name_phrases(
            "it was called the Coastal Union for Renewal (CUR) and would be led by Ingrid Dahl Solberg.",
        );
        assert_eq!(
            names,
            ["Coastal Union for Renewal", "CUR", "Ingrid Dahl Solberg"]
        );
    }
}
