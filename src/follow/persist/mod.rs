//! Matching against the store: the [`crate::follow::matching`] rules run
//! over groups kept on disk, so each ingest matches only its new
//! appearances and no command ever rebuilds the groups.
//!
//! The store keeps (see `quotetrail_store::groups`) each group's
//! [`GroupState`], its members with a small [`MemberSummary`], the group of
//! each appearance, and the word-pair candidate lists. A [`StoreMatcher`]
//! reads those lazily, keeps what it read and changed in memory for one
//! pass, and hands the changes back as one atomic
//! [`quotetrail_store::GroupBatch`]. The group id is the id of the founding
//! appearance, so it depends on the content and the order of ingest only.
//!
//! The state carries the reference's and the longest version's word keys,
//! so verifying a candidate reads one value, not the member texts.
//!
//! Each candidate list rewritten is a store write, the main cost of
//! matching on ingest, so a version indexes only a winnowed sample of its
//! word pairs ([`crate::follow::matching::sampled_shingles`]; short
//! versions index them all) and looks candidates up by the same sample.
//!
//! The work is split by job: `state` holds the stored group state and
//! its byte codec, `candidates` finds and verifies groups by word pairs,
//! `members` adds a version to its group, `tiers` runs the weaker
//! paraphrase and translation tiers, `merge` joins groups a version
//! bridges, `batch` drives matching over stored articles, and `lookahead`
//! reads ahead for the next batch on another thread.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use quotetrail_store::{GroupBatch, GroupId, Id, PostingChange, Store};
use serde::Serialize;

use crate::follow::matching::{MatchConfig, WordMatch, match_keys, sampled_shingles};
pub(crate) use crate::follow::names::is_named;
use crate::follow::names::{Evidence, NameInfo, Rule, same_speaker};
use crate::follow::translation::content_key;
use crate::follow::{Version, crosslang};

mod batch;
mod candidates;
mod lookahead;
mod members;
mod merge;
mod state;
mod tiers;

pub use batch::{MatchSummary, match_stored, match_unmatched, match_versions, versions_of};
pub use lookahead::Lookahead;
pub use state::{GroupState, MemberSummary};
pub(crate) use tiers::name_words;
use tiers::{MIN_SHARED_NAMES, name_hash};

/// At most this many speakers, outlets and wires are kept per group.
const MAX_NAMES: usize = 16;

/// At most this many proper-name words are kept per group.
const MAX_NAME_WORDS: usize = 48;

/// Where a version went.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placed {
    /// The group.
    pub group: GroupId,
    /// Whether the version founded it.
    pub created: bool,
    /// The word score against the group (1 for a founder).
    pub score: f32,
    /// Name evidence tying the speaker to the group's, when names differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_evidence: Option<Evidence>,
    /// Groups this version bridged to `group`, merged into it (their ids
    /// are gone).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<GroupId>,
}

/// Matches new versions against the groups in a store (see the module
/// docs). Reads are cached for the life of the matcher; [`StoreMatcher::commit`]
/// writes what changed.
pub struct StoreMatcher<'s> {
    store: &'s Store,
    cfg: MatchConfig,
    groups: HashMap<GroupId, GroupState>,
    dirty_groups: HashSet<GroupId>,
    /// Candidate lists as the store keeps them: groups by their
    /// [`GroupId::candidate_key`], which [`StoreMatcher::resolve`] turns
    /// into ids only for the candidates verified.
    postings: HashMap<u64, Vec<u64>>,
    /// Whole group ids by candidate key: each group this matcher made,
    /// listed or found, so a candidate is looked up in the store once.
    ids: HashMap<u64, GroupId>,
    /// Candidate-list changes of this pass, in order.
    posting_changes: Vec<PostingChange>,
    /// This pass's new memberships, by group: what the commit writes, and
    /// what a reference is chosen among beside the stored members.
    pending: HashMap<GroupId, Vec<(Id, MemberSummary)>>,
    removed_groups: Vec<GroupId>,
    removed_members: Vec<(GroupId, Id)>,
    assigned: HashMap<Id, GroupId>,
    names: HashMap<String, NameInfo>,
    compatible: HashMap<(String, String), Option<Evidence>>,
    /// Versions a [`Lookahead`] found in no group, for this pass.
    ungrouped: HashSet<Id>,
    /// What the last commits changed, to check read-ahead values against.
    recent: lookahead::Recent,
}

/// How many groups (and as many candidate lists and names) a matcher keeps
/// in memory between commits; past it a cache is dropped after a commit
/// (what was dropped is read again when needed). This is what bounds a
/// long ingest's memory beside the store's page cache: see
/// [`set_cache_entries`].
static CACHE_LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_CACHE_ENTRIES);

/// The matcher's cache unless told otherwise (`--cache-mib 256`).
pub const DEFAULT_CACHE_ENTRIES: usize = 32_768;

/// Sets how many groups matchers made from now on keep in memory (the
/// command line's `--cache-mib` gives 128 per MiB).
pub fn set_cache_entries(n: usize) {
    CACHE_LIMIT.store(n.max(1_024), Ordering::Relaxed);
}

/// The store failed while matching.
pub type Result<T> = std::result::Result<T, quotetrail_store::Error>;

impl<'s> StoreMatcher<'s> {
    /// A matcher over `store` with the default knobs.
    pub fn new(store: &'s Store) -> StoreMatcher<'s> {
        StoreMatcher::with_config(store, MatchConfig::default())
    }

    /// A matcher with given knobs.
    pub fn with_config(store: &'s Store, cfg: MatchConfig) -> StoreMatcher<'s> {
        StoreMatcher {
            store,
            cfg,
            groups: HashMap::new(),
            dirty_groups: HashSet::new(),
            postings: HashMap::new(),
            ids: HashMap::new(),
            posting_changes: Vec::new(),
            removed_groups: Vec::new(),
            removed_members: Vec::new(),
            pending: HashMap::new(),
            assigned: HashMap::new(),
            names: HashMap::new(),
            compatible: HashMap::new(),
            ungrouped: HashSet::new(),
            recent: lookahead::Recent::default(),
        }
    }

    /// Places a version, unless it already has a group (stored or from
    /// this pass): then `None`. Re-ingesting is therefore a no-op.
    pub fn insert(&mut self, version: &Version) -> Result<Option<Placed>> {
        if self.assigned.contains_key(&version.id)
            || (!self.ungrouped.contains(&version.id)
                && self.store.group_of(&version.id)?.is_some())
        {
            return Ok(None);
        }
        let keys = match_keys(&version.text);
        let sh = sampled_shingles(&keys);
        let day = version.day();
        let (max_days, cap) = (self.cfg.max_days, self.cfg.posting_cap);
        let mut accepted: Vec<(GroupId, f32, Option<Evidence>)> = Vec::new();
        for (group, words) in self.candidates(&keys, &sh)? {
            let score = words.score;
            let Some(state) = self.state(&group)? else {
                continue;
            };
            if let (Some(d), Some(lo), Some(hi)) = (day, state.day_min, state.day_max) {
                let apart = if d < lo { lo - d } else { (d - hi).max(0) };
                // Months apart is another occasion, unless the statement
                // is quoted again word for word.
                if apart > max_days && !words.is_requote() {
                    continue;
                }
            }
            let speakers = state.speakers.clone();
            let evidence = match version.speaker.as_deref().filter(|s| is_named(s)) {
                // The same words: the speaker may differ only as a guess,
                // and that is flagged on the version, not a reason to split.
                Some(_) if words.is_verbatim() => None,
                Some(s) if speakers.iter().any(|o| is_named(o)) => {
                    let named = speakers.iter().filter(|o| is_named(o));
                    match named.clone().find_map(|o| self.speaker_evidence(s, o)) {
                        Some(ev) => (ev.rule != Rule::Exact).then_some(ev),
                        None => continue,
                    }
                }
                _ => None,
            };
            accepted.push((group, score, evidence));
        }
        // Candidates come best first.
        let mut best = accepted.first().cloned();
        let mut merged = Vec::new();
        if accepted.len() > 1 {
            // The version bridges groups that each accept it: they report
            // one utterance, so they become one, under the earliest group's
            // id, if the groups also pass the joining rules between them.
            let mut order = Vec::with_capacity(accepted.len());
            for (i, (g, _, _)) in accepted.iter().enumerate() {
                if let Some(st) = self.state(g)? {
                    order.push((
                        st.day_min.unwrap_or(i32::MAX),
                        std::cmp::Reverse(st.size),
                        *g,
                        i,
                    ));
                }
            }
            order.sort_unstable();
            if let Some(&(_, _, keeper, at)) = order.first() {
                for &(_, _, other, _) in &order[1..] {
                    if self.mergeable(&keeper, &other, keys.len() as u32)? {
                        self.merge(keeper, other)?;
                        merged.push(other);
                    }
                }
                if !merged.is_empty() {
                    best = Some(accepted[at].clone());
                }
            }
        }
        let names = name_words(&version.text);
        if best.is_none() && day.is_some() && names.len() >= MIN_SHARED_NAMES {
            best = self.paraphrase(version, day, &names)?;
        }
        if best.is_none()
            && let Some(key) = content_key(&version.text)
        {
            best = self.translation(version, day, key)?;
        }
        if best.is_none() {
            best = self.cross_language(version, day)?;
        }
        let (group, created, score, speaker_evidence) = match best {
            Some((g, s, ev)) => (g, false, s, ev),
            None => (GroupId::founded_by(&version.id), true, 1.0, None),
        };
        let key = group.candidate_key();
        self.ids.insert(key, group);
        for h in sh.iter().copied().chain(side_keys(version)) {
            let list = self.posting(h)?;
            if list.len() < cap && !list.contains(&key) {
                list.push(key);
                self.posting_changes.push(PostingChange::Add(h, group));
            }
        }
        self.add_member(group, created, version, keys, day)?;
        if let Some(st) = self.groups.get_mut(&group) {
            for n in names {
                if st.names.len() < MAX_NAME_WORDS && !st.names.contains(&n) {
                    st.names.push(n);
                }
            }
        }
        Ok(Some(Placed {
            group,
            created,
            score,
            speaker_evidence,
            merged,
        }))
    }

    /// The knobs.
    pub fn config(&self) -> &MatchConfig {
        &self.cfg
    }

    /// The occasion rule between two versions whose words match as
    /// `words`: dated within [`MatchConfig::max_days`] of each other (or
    /// quoted again word for word, [`WordMatch::is_requote`]), and,
    /// unless the words are the same ([`WordMatch::is_verbatim`]), not
    /// said by two people known to be different. The rule ingest applies
    /// between a version and a group, applied to one pair.
    pub fn same_occasion(&mut self, a: &Version, b: &Version, words: WordMatch) -> bool {
        if let (Some(x), Some(y)) = (a.day(), b.day())
            && (x - y).abs() > self.cfg.max_days
            && !words.is_requote()
        {
            return false;
        }
        if words.is_verbatim() {
            return true;
        }
        match (
            a.speaker.as_deref().filter(|s| is_named(s)),
            b.speaker.as_deref().filter(|s| is_named(s)),
        ) {
            (Some(x), Some(y)) => self.speaker_evidence(x, y).is_some(),
            _ => true,
        }
    }

    /// Writes everything this matcher changed, atomically.
    pub fn commit(&mut self) -> Result<()> {
        let mut batch = GroupBatch::default();
        for id in self.dirty_groups.drain() {
            if let Some(st) = self.groups.get(&id) {
                batch.groups.push((id, st.encode(&id)));
            }
        }
        batch.postings = std::mem::take(&mut self.posting_changes);
        for (group, list) in &self.pending {
            for (id, summary) in list {
                batch.members.push((*group, *id, summary.encode()));
            }
        }
        batch.removed_groups = std::mem::take(&mut self.removed_groups);
        batch.removed_members = std::mem::take(&mut self.removed_members);
        self.store.apply_groups(&batch)?;
        self.recent.committed(&batch);
        self.pending.clear();
        self.assigned.clear();
        self.ungrouped.clear();
        self.trim_caches(CACHE_LIMIT.load(Ordering::Relaxed));
        Ok(())
    }

    /// Drops each cache that holds more than `limit` entries (what was
    /// dropped is read again when needed). Called between passes only: a
    /// pass's changes live in the caches until its commit.
    fn trim_caches(&mut self, limit: usize) {
        if self.groups.len() > limit {
            self.groups.clear();
        }
        if self.postings.len() > limit {
            self.postings.clear();
        }
        // Ids are small: four times as many as groups.
        if self.ids.len() > 4 * limit {
            self.ids.clear();
        }
        if self.compatible.len() > limit {
            self.compatible.clear();
            self.names.clear();
        }
    }

    fn posting(&mut self, h: u64) -> Result<&mut Vec<u64>> {
        if !self.postings.contains_key(&h) {
            let list = self.store.candidate_keys(h)?;
            self.postings.insert(h, list);
        }
        Ok(self.postings.entry(h).or_default())
    }

    /// The groups a candidate key stands for: the one this matcher knows,
    /// else those the store holds (one, but for a chance of 2^-64 per
    /// pair of groups; a group made in this pass is known, not yet stored).
    fn resolve(&mut self, key: u64) -> Result<Vec<GroupId>> {
        if let Some(g) = self.ids.get(&key) {
            return Ok(vec![*g]);
        }
        let found = self.store.groups_with_prefix(key)?;
        if let [one] = found.as_slice() {
            self.ids.insert(key, *one);
        }
        Ok(found)
    }

    /// [`StoreMatcher::resolve`] of each key, in order.
    fn resolve_all(&mut self, keys: impl IntoIterator<Item = u64>) -> Result<Vec<GroupId>> {
        let mut out = Vec::new();
        for key in keys {
            out.extend(self.resolve(key)?);
        }
        Ok(out)
    }

    fn state(&mut self, id: &GroupId) -> Result<Option<&GroupState>> {
        if !self.groups.contains_key(id) {
            // Merged away in this pass, still on disk until the commit.
            if self.removed_groups.contains(id) {
                return Ok(None);
            }
            match self
                .store
                .group_state(id)?
                .and_then(|v| GroupState::from_value(&v))
            {
                Some(st) => {
                    self.groups.insert(*id, st);
                }
                None => return Ok(None),
            }
        }
        Ok(self.groups.get(id))
    }

    fn speaker_evidence(&mut self, a: &str, b: &str) -> Option<Evidence> {
        if a == b {
            return Some(Evidence {
                rule: Rule::Exact,
                strength: crate::follow::names::Strength::Strong,
                score: 1.0,
                tokens: Vec::new(),
            });
        }
        let key = if a < b {
            (a.to_owned(), b.to_owned())
        } else {
            (b.to_owned(), a.to_owned())
        };
        if let Some(ev) = self.compatible.get(&key) {
            return ev.clone();
        }
        for n in [a, b] {
            if !self.names.contains_key(n) {
                self.names.insert(n.to_owned(), NameInfo::parse(n));
            }
        }
        let ev = match (self.names.get(a), self.names.get(b)) {
            (Some(x), Some(y)) => same_speaker(x, y),
            _ => None,
        };
        self.compatible.insert(key, ev.clone());
        ev
    }

    fn store_members(&self, group: &GroupId) -> Result<Vec<(Id, MemberSummary)>> {
        Ok(self
            .store
            .group_members(group)?
            .into_iter()
            .filter_map(|(id, b)| MemberSummary::decode(&b).map(|s| (id, s)))
            .collect())
    }

    fn keys_of(&self, appearance: &Id) -> Result<Vec<u64>> {
        Ok(self
            .store
            .get_appearance(appearance)?
            .map(|a| match_keys(&a.text))
            .unwrap_or_default())
    }
}

/// The keys [`StoreMatcher::insert`] files a version under in the
/// candidate lists, and looks its candidates up by: two versions can only
/// be compared (and so grouped) when they share one. `quotetrail keys`
/// prints them so that a join on keys outside this process (Spark, as
/// passim does for reprints) proposes the same pairs the store would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CandidateKeys {
    /// The winnowed sample of word-pair hashes
    /// ([`crate::follow::matching::sampled_shingles`]), sorted.
    pub pairs: Vec<u64>,
    /// The weaker tiers' keys ([`side_keys`]): proper-name words, the
    /// content-word key, the speaker on the day.
    pub side: Vec<u64>,
}

/// The candidate keys of `version` (see [`CandidateKeys`]).
pub fn candidate_keys(version: &Version) -> CandidateKeys {
    CandidateKeys {
        pairs: sampled_shingles(&match_keys(&version.text)),
        side: side_keys(version),
    }
}

/// The candidate-list keys a version is filed under besides its word
/// pairs: its proper-name words (the paraphrase tier), its content words
/// (the translation tier) and its speaker on its day (the cross-language
/// tier). Insert files a version under them; merge re-points them.
pub(super) fn side_keys(version: &Version) -> Vec<u64> {
    let mut out: Vec<u64> = name_words(&version.text)
        .iter()
        .map(|n| name_hash(n))
        .collect();
    out.extend(content_key(&version.text));
    let speaker = version.speaker.as_deref().filter(|s| is_named(s));
    if let (Some(s), Some(d), Some(lang)) = (speaker, version.day(), version.lang.as_deref()) {
        out.extend(crosslang::speaker_day_key(s, d, lang));
    }
    out
}

#[cfg(test)]
#[path = "../persist_tests.rs"]
mod tests;
