//! The per-outlet audit: how each outlet handles what it reports.
//!
//! A report over the whole store (or one outlet): it reads each group once,
//! so its cost grows with the store, linearly. Per outlet it counts the
//! statements that credit a wire in their own text (a wire inferred from the
//! article's origin line is counted apart: that credit is the outlet's
//! dateline, not the statement's), statements without a named speaker,
//! statements no other outlet printed, conflicts and claims the article
//! itself calls unconfirmed; across outlets it lists conflicting
//! attributions and the speakers named more than one way.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use quotetrail_store::{Article, GroupId, Id, Store, WireSource, fold_name};
use serde::Serialize;

use crate::follow::Version;
use crate::follow::diff::{FlagKind, diff_versions};
use crate::follow::lexicon::is_name_filler;
use crate::follow::names::{Identities, Merge, edit_distance};
use crate::follow::persist::{GroupState, Result, StoreMatcher};

mod unconfirmed;

pub use unconfirmed::called_unconfirmed;
use unconfirmed::unconfirmed;

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
    /// The outlets that printed the versions (of the other groups too).
    pub outlets: Vec<String>,
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
    /// How many credit an agency in their own text ("told AFP").
    pub crediting_wire: usize,
    /// Share crediting an agency in their own text, 0 to 1.
    pub wire_share: f32,
    /// Appearances per agency credited in the text.
    pub wires: BTreeMap<String, usize>,
    /// How many carry an agency inferred from the article's origin line
    /// (not counted in `crediting_wire`).
    pub inferred_wire: usize,
    /// Appearances per agency inferred from the origin line.
    pub inferred_wires: BTreeMap<String, usize>,
    /// Statements with no named speaker.
    pub no_speaker: usize,
    /// Statements only this outlet printed.
    pub only_this_outlet: usize,
    /// Statements the article itself calls unconfirmed.
    pub unconfirmed: Vec<Unconfirmed>,
    /// Groups where this outlet is party to a conflict.
    pub conflicts: usize,
    /// Speaker names this outlet uses that other outlets write another way,
    /// the names shared by the most outlets first.
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

impl NameVariants {
    /// The outlets printing any of the aliases.
    pub fn outlets(&self) -> BTreeSet<&str> {
        self.aliases
            .values()
            .flatten()
            .map(String::as_str)
            .collect()
    }
}

/// The whole audit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Audit {
    /// Per outlet, by name.
    pub outlets: Vec<OutletAudit>,
    /// Every conflict found: statements of five words or more first, then
    /// those printed by the most outlets.
    pub conflicts: Vec<Conflict>,
    /// Speakers named more than one way, those printed by the most outlets
    /// first.
    pub name_variants: Vec<NameVariants>,
}

/// Every outlet name the store's articles carry, sorted, without repeats
/// (compared case-insensitively).
pub fn known_outlets(store: &Store) -> Result<Vec<String>> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for article in store.articles() {
        let (_, art) = article?;
        if let Some(o) = art.outlet {
            names.entry(fold_name(&o)).or_insert(o);
        }
    }
    Ok(names.into_values().collect())
}

/// The known names closest to `want`, best first, at most `n`: names that
/// contain it, that it contains (case-insensitively) or that are its
/// initials ("nyt" for "New York Times"), then names with a word that
/// begins one of its words ("wash-post" for "Washington Post"), then names
/// within a few edits of it.
pub fn closest_names<'a>(want: &str, known: &'a [String], n: usize) -> Vec<&'a str> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !is_name_filler(w))
            .map(str::to_owned)
            .collect()
    };
    let w = fold_name(want);
    let w_words = words(&w);
    let initials: String = w_words.iter().filter_map(|x| x.chars().next()).collect();
    let mut scored: Vec<(usize, &str)> = known
        .iter()
        .filter_map(|k| {
            let f = fold_name(k);
            let f_words = words(&f);
            // How many words of `a` begin a word of `b`.
            let begins = |a: &[String], b: &[String]| {
                a.iter()
                    .filter(|x| {
                        x.chars().count() >= 3 && b.iter().any(|y| y.starts_with(x.as_str()))
                    })
                    .count()
            };
            let cap = (w.chars().count().max(f.chars().count()) / 3).clamp(1, 4);
            let score = if f.contains(&w)
                || w.contains(&f)
                || (initials.chars().count() >= 2 && f_words.concat() == initials)
            {
                0
            } else if let shared @ 1.. = begins(&f_words, &w_words).max(begins(&w_words, &f_words))
            {
                // More shared beginnings first.
                100 - shared.min(99)
            } else {
                let d = edit_distance(&w, &f, cap);
                if d > cap {
                    return None;
                }
                200 + d
            };
            Some((score, k.as_str()))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, k)| k).collect()
}

/// Audits the store, or one outlet (`outlet` compared case-insensitively).
pub fn audit(store: &Store, outlet: Option<&str>) -> Result<Audit> {
    let want = outlet.map(fold_name);
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
    let mut articles = Articles::default();
    for gid in ids {
        let Some(view) = load(store, &gid, &mut articles)? else {
            continue;
        };
        let outlets: BTreeSet<String> = view
            .versions
            .iter()
            .filter_map(|p| p.version.outlet.clone())
            .collect();
        let outlet_list = || outlets.iter().cloned().collect::<Vec<_>>();
        let touches = |o: &Option<String>| {
            want.as_ref()
                .is_none_or(|w| o.as_deref().map(fold_name).as_ref() == Some(w))
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
                outlets: outlet_list(),
                other_groups: Vec::new(),
            });
        }
        // Same words, different speakers: other groups the words match
        // closely, kept apart by their speaker. Only a group with a named
        // speaker can be at odds with another one's, so only those ask the
        // matcher (the audit's costliest step).
        let reference = &view.versions[view.reference].version;
        if relevant
            && !view.state.speakers.is_empty()
            && reference.text.split_whitespace().count() >= 5
        {
            let mut others = Vec::new();
            let mut names: BTreeSet<String> = view.state.speakers.iter().cloned().collect();
            let mut printed_by = outlets.clone();
            for (other, score) in matcher.query(&reference.text)? {
                if other == gid || score < 0.85 {
                    continue;
                }
                let pair = if gid < other {
                    (gid, other)
                } else {
                    (other, gid)
                };
                if seen_conflict_pairs.contains(&pair) {
                    continue;
                }
                let Some(st) = store
                    .group_state(&other)?
                    .and_then(|v| GroupState::from_value(&v))
                else {
                    continue;
                };
                let near_in_time = match (view.state.day_min, st.day_min) {
                    (Some(a), Some(b)) => (a - b).abs() <= 31,
                    _ => true,
                };
                if near_in_time && !st.speakers.is_empty() && st.speakers != view.state.speakers {
                    seen_conflict_pairs.insert(pair);
                    others.push(other);
                    names.extend(st.speakers.iter().cloned());
                    printed_by.extend(st.outlets.iter().cloned());
                }
            }
            if !others.is_empty() {
                group_conflict = true;
                conflicts.push(Conflict {
                    kind: "different_speakers",
                    group: gid,
                    text: reference.text.clone(),
                    names: names.into_iter().collect(),
                    outlets: printed_by.into_iter().collect(),
                    other_groups: others,
                });
            }
        }
        // Within the group: a version given to someone else.
        if relevant && view.different_speaker() {
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
                    outlets: outlet_list(),
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
                if p.wire_source == WireSource::Inferred {
                    a.inferred_wire += 1;
                    *a.inferred_wires.entry(w.clone()).or_default() += 1;
                } else {
                    a.crediting_wire += 1;
                    *a.wires.entry(w.clone()).or_default() += 1;
                }
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
    for a in per.values_mut() {
        a.wire_share = if a.statements == 0 {
            0.0
        } else {
            ((a.crediting_wire as f32 / a.statements as f32) * 100.0).round() / 100.0
        };
    }
    // Unconfirmed claims: read each relevant article once.
    unconfirmed(store, &mut per, want.as_deref())?;
    let map = identities.resolve();
    let mut name_variants: Vec<NameVariants> = map
        .identities
        .into_iter()
        .filter(|i| i.aliases.len() > 1)
        .map(|ident| NameVariants {
            aliases: ident
                .aliases
                .iter()
                .map(|a| (a.clone(), alias_outlets.get(a).cloned().unwrap_or_default()))
                .collect(),
            canonical: ident.canonical,
            merges: ident.merges,
        })
        .collect();
    // With one outlet asked for, the speakers that outlet names.
    if let Some(w) = &want {
        name_variants.retain(|n| n.outlets().iter().any(|o| fold_name(o) == *w));
    }
    // The speakers most outlets name, and name most ways, first.
    name_variants.sort_by_key(|n| {
        (
            std::cmp::Reverse(n.outlets().len()),
            std::cmp::Reverse(n.aliases.len()),
        )
    });
    for n in &name_variants {
        for (alias, outlets) in &n.aliases {
            for o in outlets {
                if let Some(a) = per.get_mut(o)
                    && !a.name_variants.contains(alias)
                {
                    a.name_variants.push(alias.clone());
                }
            }
        }
    }
    // Statements of a few words first (a one-word "statement" is seldom
    // worth a reporter's time), then those the most outlets printed.
    conflicts.sort_by_key(|c| {
        (
            c.text.split_whitespace().count() < 5,
            std::cmp::Reverse(c.outlets.len()),
        )
    });
    Ok(Audit {
        outlets: per.into_values().collect(),
        conflicts,
        name_variants,
    })
}

/// What the audit reads of one version.
struct Seen {
    version: Version,
    wire_source: WireSource,
}

/// A group as the audit reads it: [`crate::follow::view::load_group`]
/// without the diffs, which only one question here needs.
struct Loaded {
    state: GroupState,
    /// Earliest first (undated last), as `load_group` orders them.
    versions: Vec<Seen>,
    reference: usize,
}

impl Loaded {
    /// Whether a version is given to someone else than the reference (the
    /// diff engine's `different_speaker` flag). Versions that all name the
    /// same speaker can't differ, so only groups whose speakers differ are
    /// diffed.
    fn different_speaker(&self) -> bool {
        let Some(r) = self.versions.get(self.reference) else {
            return false;
        };
        self.versions
            .iter()
            .filter(|p| p.version.speaker != r.version.speaker)
            .any(|p| diff_versions(&r.version, &p.version).has(FlagKind::DifferentSpeaker))
    }
}

/// Articles read once each, without their bodies: many groups share an
/// article, and each read re-hashes the whole body.
#[derive(Default)]
struct Articles {
    seen: HashMap<Id, Option<Article>>,
}

impl Articles {
    fn get(&mut self, store: &Store, id: &Id) -> Result<Option<&Article>> {
        if !self.seen.contains_key(id) {
            let article = store.get_article(id)?.map(|mut a| {
                a.body = String::new();
                a
            });
            self.seen.insert(*id, article);
        }
        Ok(self.seen.get(id).and_then(Option::as_ref))
    }
}

/// Loads a group's versions for the audit: `None` when there is no such
/// group.
fn load(store: &Store, group: &GroupId, articles: &mut Articles) -> Result<Option<Loaded>> {
    let Some(state) = store
        .group_state(group)?
        .and_then(|v| GroupState::from_value(&v))
    else {
        return Ok(None);
    };
    let mut versions = Vec::new();
    for (id, _) in store.group_members(group)? {
        let Some(ap) = store.get_appearance(&id)? else {
            continue;
        };
        let Some(st) = store.get_statement(&ap.statement)? else {
            continue;
        };
        let Some(art) = articles.get(store, &ap.article)? else {
            continue;
        };
        versions.push(Seen {
            version: Version::from_records(&st, &ap, art),
            wire_source: ap.wire_source,
        });
    }
    versions.sort_by(|a, b| {
        let day = |p: &Seen| p.version.day().unwrap_or(i32::MAX);
        (day(a), &a.version.date, &a.version.outlet, a.version.id).cmp(&(
            day(b),
            &b.version.date,
            &b.version.outlet,
            b.version.id,
        ))
    });
    let reference = versions
        .iter()
        .position(|p| p.version.id == state.reference)
        .unwrap_or(0);
    if versions.is_empty() {
        return Ok(None);
    }
    Ok(Some(Loaded {
        state,
        versions,
        reference,
    }))
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
            if run.is_empty() && !acronym && is_name_filler(&w.to_lowercase()) {
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

#[cfg(test)]
mod tests;
