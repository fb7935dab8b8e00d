//! What a report page shows, read from the store once: the group view the
//! terminal commands use ([`GroupView`], the origin proposal), plus what
//! only a page has room for: each version's source URL and paragraph, the
//! speaker names grouped with their evidence, and one pair of versions set
//! side by side.
//!
//! Building this is the only place the HTML renderer touches the store, so
//! rendering itself is a pure function of these values (and the snapshot
//! tests pin it).

use std::collections::{BTreeMap, BTreeSet};

use quotetrail_store::{GroupId, Store};

use crate::follow::diff::{FlagKind, VersionDiff, diff_versions};
use crate::follow::names::{Identities, Merge};
use crate::follow::persist::Result;
use crate::follow::view::{GroupView, Origin, propose_origin};

/// A whole report: one group, or several (two outlets compared).
#[derive(Clone, Debug)]
pub struct Report {
    /// The page title and main heading when there are several groups.
    pub title: String,
    /// What was asked, as the reader typed it.
    pub query: String,
    /// The groups, most relevant first.
    pub groups: Vec<GroupReport>,
}

/// One group, ready to render.
#[derive(Clone, Debug)]
pub struct GroupReport {
    /// The versions, diffs, reference and anchor.
    pub view: GroupView,
    /// The proposed origin.
    pub origin: Option<Origin>,
    /// Per version (same order as `view.versions`): where it was printed.
    pub sources: Vec<Source>,
    /// Speakers named more than one way across the versions.
    pub names: Vec<NameVariant>,
    /// Other groups that share the words asked about.
    pub near: Vec<Near>,
    /// The two versions (indexes) shown side by side by default: the
    /// anchor and the version that drifts most from it.
    pub pair: (usize, usize),
    /// The second of `pair` diffed against the first.
    pub pair_diff: VersionDiff,
}

/// Where one version was printed.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// The article's URL as stored (untrusted: see
    /// [`super::safe_href`] before linking it).
    pub url: Option<String>,
    /// The paragraph around the words.
    pub paragraph: String,
}

/// One speaker printed under several names.
#[derive(Clone, Debug)]
pub struct NameVariant {
    /// The fullest name.
    pub canonical: String,
    /// Each name as printed, with the outlets that printed it.
    pub aliases: Vec<(String, BTreeSet<String>)>,
    /// Why the names are taken to be one speaker.
    pub merges: Vec<Merge>,
}

/// A near group: the same words, on another occasion or cut otherwise.
#[derive(Clone, Debug)]
pub struct Near {
    /// The group.
    pub group: GroupId,
    /// Its reference wording.
    pub text: String,
    /// How many versions it has.
    pub size: u32,
    /// How well it matched the words asked about, 0 to 1.
    pub score: f32,
    /// Every version predates the group shown: said before.
    pub said_before: bool,
}

impl GroupReport {
    /// Builds the report of `view`: the origin proposal, sources and name
    /// variants. `near` comes from the query that found the group.
    pub fn build(store: &Store, view: GroupView, near: Vec<Near>) -> Result<GroupReport> {
        let origin = propose_origin(&view.versions);
        let mut sources = Vec::with_capacity(view.versions.len());
        for p in &view.versions {
            let mut source = Source::default();
            if let (Some(ap), Some(art)) = (
                store.get_appearance(&p.appearance)?,
                store.get_article(&p.article)?,
            ) {
                source.paragraph = crate::cli::show::context(&art.body, ap.start, ap.end).into();
                source.url = art.url;
            }
            sources.push(source);
        }
        let names = name_variants(&view);
        let pair = default_pair(&view);
        let pair_diff = pair_diff(&view, pair);
        Ok(GroupReport {
            view,
            origin,
            sources,
            names,
            near,
            pair,
            pair_diff,
        })
    }

    /// Chooses the pair shown side by side (indexes into the versions);
    /// ignored when either is out of range.
    pub fn choose_pair(&mut self, a: usize, b: usize) {
        let n = self.view.versions.len();
        if a < n && b < n {
            self.pair = (a, b);
            self.pair_diff = pair_diff(&self.view, self.pair);
        }
    }

    /// The outlets that printed the statement, in order of first printing.
    pub fn outlets(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.view
            .versions
            .iter()
            .filter_map(|p| p.version.outlet.as_deref())
            .filter(|o| seen.insert(*o))
            .collect()
    }

    /// The agencies credited, in order of first credit: the timeline's
    /// colours are given in this order.
    pub fn wires(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.view
            .versions
            .iter()
            .filter_map(|p| p.version.wire.as_deref())
            .filter(|w| seen.insert(*w))
            .collect()
    }

    /// Whether version `i` is a translation variant of the anchor.
    pub fn is_translation(&self, i: usize) -> bool {
        self.view
            .diffs
            .get(i)
            .is_some_and(|d| d.has(FlagKind::TranslationVariant))
    }
}

/// The anchor and the version whose diff against it is most severe (the
/// latest when none differs), so the default pair shows what changed most.
fn default_pair(view: &GroupView) -> (usize, usize) {
    let other = view
        .diffs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != view.anchor)
        .max_by_key(|(i, d)| (d.max_severity(), d.flags.len(), *i))
        .map_or(view.anchor, |(i, _)| i);
    (view.anchor, other)
}

fn pair_diff(view: &GroupView, (a, b): (usize, usize)) -> VersionDiff {
    match (view.versions.get(a), view.versions.get(b)) {
        (Some(x), Some(y)) => diff_versions(&x.version, &y.version),
        _ => VersionDiff {
            ops: Vec::new(),
            flags: Vec::new(),
            similarity: 1.0,
        },
    }
}

/// Speakers printed under more than one name in this group, with the
/// evidence that ties the names together ([`Identities`], the same rules
/// `audit` uses). Every version here reports one utterance, so each pair
/// of names is also linked as a shared statement: that is what lets a bare
/// surname join the full name.
fn name_variants(view: &GroupView) -> Vec<NameVariant> {
    let mut ids = Identities::new();
    let mut outlets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut names: Vec<String> = Vec::new();
    for p in &view.versions {
        let v = &p.version;
        for name in [v.speaker_mention.as_deref(), v.speaker.as_deref()]
            .into_iter()
            .flatten()
        {
            let name = name.trim();
            if name.is_empty() || ids.add(name).is_none() {
                continue;
            }
            let entry = outlets.entry(name.to_owned()).or_default();
            entry.insert(v.outlet.clone().unwrap_or_else(|| "unknown outlet".into()));
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            ids.link_statement(a, b);
        }
    }
    ids.resolve()
        .identities
        .into_iter()
        .filter(|id| id.aliases.len() > 1)
        .map(|id| NameVariant {
            aliases: id
                .aliases
                .iter()
                .map(|a| (a.clone(), outlets.get(a).cloned().unwrap_or_default()))
                .collect(),
            canonical: id.canonical,
            merges: id.merges,
        })
        .collect()
}
