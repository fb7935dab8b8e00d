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

use std::collections::{HashMap, HashSet};

use quotetrail_store::{GroupBatch, GroupId, Id, Kind, Store};
use serde::Serialize;

use crate::follow::Version;
use crate::follow::matching::{
    FULL_INDEX_PAIRS, MatchConfig, WordMatch, match_keys, sampled_shingles, shingles, word_match,
};
use crate::follow::names::{Evidence, NameInfo, Rule, same_speaker};
use crate::follow::translation::content_key;

/// At most this many speakers, outlets and wires are kept per group.
const MAX_NAMES: usize = 16;

/// At most this many proper-name words are kept per group.
const MAX_NAME_WORDS: usize = 48;

/// Proper-name words a paraphrase must share with a group, and the share of
/// the smaller set they must be, to be taken for the same statement in
/// other words.
const MIN_SHARED_NAMES: usize = 4;
const MIN_NAME_SHARE: f32 = 0.6;

/// The score a translation variant joins with: below any word match, so
/// it reads as the weaker link it is.
const TRANSLATION_SCORE: f32 = 0.4;

/// Paraphrases only match within this many days: other words need a
/// tighter window than the same words.
const PARAPHRASE_DAYS: i32 = 2;

/// A group as stored: enough to verify candidates, pick the reference and
/// list groups without reading members.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupState {
    /// The reference version: the earliest complete one.
    pub reference: Id,
    /// The longest eligible version (a quote when the group has one).
    pub longest: Id,
    /// How many versions are in.
    pub size: u32,
    /// Whether any version is a quote.
    pub has_quote: bool,
    /// Date range, days since 1970-01-01.
    pub day_min: Option<i32>,
    /// See `day_min`.
    pub day_max: Option<i32>,
    /// Speakers as named in the versions (first few).
    pub speakers: Vec<String>,
    /// Outlets that printed a version (first few).
    pub outlets: Vec<String>,
    /// Agencies credited (first few).
    pub wires: Vec<String>,
    /// Proper-name words in the versions, folded (first few dozen): what
    /// a paraphrase with other words still shares.
    #[serde(skip)]
    names: Vec<String>,
    #[serde(skip)]
    reference_summary: MemberSummary,
    #[serde(skip)]
    longest_summary: MemberSummary,
    #[serde(skip)]
    reference_keys: Vec<u64>,
    #[serde(skip)]
    longest_keys: Vec<u64>,
}

impl Default for GroupState {
    fn default() -> Self {
        let zero = Id::from_bytes([0; 32]);
        GroupState {
            reference: zero,
            longest: zero,
            size: 0,
            has_quote: false,
            day_min: None,
            day_max: None,
            speakers: Vec::new(),
            outlets: Vec::new(),
            wires: Vec::new(),
            names: Vec::new(),
            reference_summary: MemberSummary::default(),
            longest_summary: MemberSummary::default(),
            reference_keys: Vec::new(),
            longest_keys: Vec::new(),
        }
    }
}

/// What is kept per member to choose a reference without reading texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemberSummary {
    /// Whether it is a quote.
    pub quote: bool,
    /// Its date.
    pub day: Option<i32>,
    /// Its length in words.
    pub words: u32,
    /// Order of arrival in the group.
    pub seq: u32,
}

impl MemberSummary {
    fn rank(&self) -> (i32, std::cmp::Reverse<u32>, u32) {
        (
            self.day.unwrap_or(i32::MAX),
            std::cmp::Reverse(self.words),
            self.seq,
        )
    }

    fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u8(self.quote as u8);
        w.day(self.day);
        w.u32(self.words);
        w.u32(self.seq);
        w.0
    }

    /// Reads a summary back; `None` for bytes not written by `encode`.
    pub fn decode(bytes: &[u8]) -> Option<MemberSummary> {
        let mut r = Reader(bytes);
        Some(MemberSummary {
            quote: r.u8()? != 0,
            day: r.day()?,
            words: r.u32()?,
            seq: r.u32()?,
        })
    }
}

const STATE_FORMAT: u8 = 1;

impl GroupState {
    fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u8(STATE_FORMAT);
        w.id(&self.reference);
        w.id(&self.longest);
        w.u32(self.size);
        w.u8(self.has_quote as u8);
        w.day(self.day_min);
        w.day(self.day_max);
        for list in [&self.speakers, &self.outlets, &self.wires, &self.names] {
            w.u32(list.len() as u32);
            for s in list {
                w.str(s);
            }
        }
        for s in [&self.reference_summary, &self.longest_summary] {
            w.bytes(&s.encode());
        }
        for keys in [&self.reference_keys, &self.longest_keys] {
            w.u32(keys.len() as u32);
            for k in keys {
                w.0.extend_from_slice(&k.to_le_bytes());
            }
        }
        w.0
    }

    /// Reads a state back; `None` for bytes not written by this version.
    pub fn decode(bytes: &[u8]) -> Option<GroupState> {
        let mut r = Reader(bytes);
        if r.u8()? != STATE_FORMAT {
            return None;
        }
        let mut st = GroupState {
            reference: r.id()?,
            longest: r.id()?,
            size: r.u32()?,
            has_quote: r.u8()? != 0,
            day_min: r.day()?,
            day_max: r.day()?,
            ..GroupState::default()
        };
        for list in [
            &mut st.speakers,
            &mut st.outlets,
            &mut st.wires,
            &mut st.names,
        ] {
            let n = r.u32()? as usize;
            for _ in 0..n.min(MAX_NAME_WORDS) {
                list.push(r.str()?);
            }
        }
        st.reference_summary = MemberSummary::decode(r.bytes()?)?;
        st.longest_summary = MemberSummary::decode(r.bytes()?)?;
        for keys in [&mut st.reference_keys, &mut st.longest_keys] {
            let n = r.u32()? as usize;
            if n > r.0.len() / 8 {
                return None;
            }
            for _ in 0..n {
                keys.push(u64::from_le_bytes(r.take(8)?.try_into().ok()?));
            }
        }
        Some(st)
    }
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn id(&mut self, id: &Id) {
        self.0.extend_from_slice(id.as_bytes());
    }
    fn day(&mut self, d: Option<i32>) {
        match d {
            Some(d) => {
                self.0.push(1);
                self.0.extend_from_slice(&d.to_le_bytes());
            }
            None => self.0.push(0),
        }
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn id(&mut self) -> Option<Id> {
        Id::from_slice(self.take(32)?)
    }
    fn day(&mut self) -> Option<Option<i32>> {
        match self.u8()? {
            0 => Some(None),
            _ => Some(Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))),
        }
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn str(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }
}

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
    postings: HashMap<u64, Vec<GroupId>>,
    dirty_postings: HashSet<u64>,
    /// This pass's new memberships, by group: what the commit writes, and
    /// what a reference is chosen among beside the stored members.
    pending: HashMap<GroupId, Vec<(Id, MemberSummary)>>,
    removed_groups: Vec<GroupId>,
    removed_members: Vec<(GroupId, Id)>,
    assigned: HashMap<Id, GroupId>,
    names: HashMap<String, NameInfo>,
    compatible: HashMap<(String, String), Option<Evidence>>,
}

/// Caches larger than this are dropped after a commit, which bounds memory
/// on a very large ingest (what was dropped is read again when needed).
const CACHE_LIMIT: usize = 500_000;

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
            dirty_postings: HashSet::new(),
            removed_groups: Vec::new(),
            removed_members: Vec::new(),
            pending: HashMap::new(),
            assigned: HashMap::new(),
            names: HashMap::new(),
            compatible: HashMap::new(),
        }
    }

    /// Places a version, unless it already has a group (stored or from
    /// this pass): then `None`. Re-ingesting is therefore a no-op.
    pub fn insert(&mut self, version: &Version) -> Result<Option<Placed>> {
        if self.assigned.contains_key(&version.id) || self.store.group_of(&version.id)?.is_some() {
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
        let content = content_key(&version.text);
        if best.is_none()
            && let Some(key) = content
        {
            best = self.translation(version, day, key)?;
        }
        let (group, created, score, speaker_evidence) = match best {
            Some((g, s, ev)) => (g, false, s, ev),
            None => (GroupId::founded_by(&version.id), true, 1.0, None),
        };
        for &h in &sh {
            let list = self.posting(h)?;
            if list.len() < cap && !list.contains(&group) {
                list.push(group);
                self.dirty_postings.insert(h);
            }
        }
        for n in &names {
            let h = name_hash(n);
            let list = self.posting(h)?;
            if list.len() < cap && !list.contains(&group) {
                list.push(group);
                self.dirty_postings.insert(h);
            }
        }
        if let Some(h) = content {
            let list = self.posting(h)?;
            if list.len() < cap && !list.contains(&group) {
                list.push(group);
                self.dirty_postings.insert(h);
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

    /// The paraphrase tier: a version whose words matched no group may
    /// still report a statement in other words. It must share several
    /// proper-name words (people, places, organisations, fuzzily spelled)
    /// with a group dated within a couple of days, and its speaker must not
    /// be someone else.
    fn paraphrase(
        &mut self,
        version: &Version,
        day: Option<i32>,
        names: &[String],
    ) -> Result<Option<(GroupId, f32, Option<Evidence>)>> {
        let cap = self.cfg.posting_cap;
        let mut hits: HashMap<GroupId, u32> = HashMap::new();
        for n in names {
            let list = self.posting(name_hash(n))?;
            if list.len() >= cap {
                continue;
            }
            for g in list.iter() {
                *hits.entry(*g).or_default() += 1;
            }
        }
        let mut ranked: Vec<(GroupId, u32)> = hits
            .into_iter()
            .filter(|&(_, h)| h as usize >= MIN_SHARED_NAMES.saturating_sub(1))
            .collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.cfg.max_candidates);
        let mut best: Option<(GroupId, f32, Option<Evidence>)> = None;
        for (g, _) in ranked {
            let Some(st) = self.state(&g)? else {
                continue;
            };
            let near = match (day, st.day_min, st.day_max) {
                (Some(d), Some(lo), Some(hi)) => {
                    d >= lo - PARAPHRASE_DAYS && d <= hi + PARAPHRASE_DAYS
                }
                _ => false,
            };
            // Within one outlet, articles on one story name the same people
            // and places in statement after statement: there, shared names
            // are the story's, not evidence of one utterance.
            let same_outlet = version
                .outlet
                .as_ref()
                .is_some_and(|o| st.outlets.contains(o));
            if !near || same_outlet {
                continue;
            }
            let shared = names
                .iter()
                .filter(|n| st.names.iter().any(|m| same_word(n, m)))
                .count();
            let share = shared as f32 / names.len().min(st.names.len()).max(1) as f32;
            if shared < MIN_SHARED_NAMES || share < MIN_NAME_SHARE {
                continue;
            }
            let speakers: Vec<String> = st
                .speakers
                .iter()
                .filter(|o| is_named(o))
                .cloned()
                .collect();
            let mut evidence = None;
            if let Some(s) = version.speaker.as_deref().filter(|s| is_named(s))
                && !speakers.is_empty()
            {
                match speakers.iter().find_map(|o| self.speaker_evidence(s, o)) {
                    Some(ev) => evidence = (ev.rule != Rule::Exact).then_some(ev),
                    None => continue,
                }
            }
            let score = 0.5 * share;
            if best.as_ref().is_none_or(|b| score > b.1) {
                best = Some((g, score, evidence));
            }
        }
        Ok(best)
    }

    /// The translation tier (see [`crate::follow::translation`]): a
    /// version whose words matched no group joins one whose versions have
    /// the same content words, when both name the same speaker and are
    /// dated within a couple of days. Without a named speaker on both
    /// sides nothing joins: the content words alone are too little.
    fn translation(
        &mut self,
        version: &Version,
        day: Option<i32>,
        key: u64,
    ) -> Result<Option<(GroupId, f32, Option<Evidence>)>> {
        let (Some(d), Some(speaker)) = (day, version.speaker.as_deref().filter(|s| is_named(s)))
        else {
            return Ok(None);
        };
        let candidates = self.posting(key)?.clone();
        for g in candidates.into_iter().take(self.cfg.max_candidates) {
            let Some(st) = self.state(&g)? else {
                continue;
            };
            let near = matches!((st.day_min, st.day_max), (Some(lo), Some(hi))
                if d >= lo - PARAPHRASE_DAYS && d <= hi + PARAPHRASE_DAYS);
            if !near {
                continue;
            }
            let named: Vec<String> = st
                .speakers
                .iter()
                .filter(|o| is_named(o))
                .cloned()
                .collect();
            if let Some(ev) = named.iter().find_map(|o| self.speaker_evidence(speaker, o)) {
                return Ok(Some((
                    g,
                    TRANSLATION_SCORE,
                    (ev.rule != Rule::Exact).then_some(ev),
                )));
            }
        }
        Ok(None)
    }

    /// Groups whose words match `text`, best first, with their scores;
    /// speakers and dates are not checked.
    pub fn query(&mut self, text: &str) -> Result<Vec<(GroupId, f32)>> {
        let keys = match_keys(text);
        let sh = sampled_shingles(&keys);
        Ok(self
            .candidates(&keys, &sh)?
            .into_iter()
            .map(|(g, m)| (g, m.score))
            .collect())
    }

    /// Groups that share at least one word pair with `keys`, with how many
    /// of the text's pairs (all of them, not a sample) each shares, most
    /// first, at most `limit`. Pairs too common to index are skipped.
    pub(crate) fn groups_sharing(
        &mut self,
        keys: &[u64],
        limit: usize,
    ) -> Result<Vec<(GroupId, u32)>> {
        let cap = self.cfg.posting_cap;
        let mut hits: HashMap<GroupId, u32> = HashMap::new();
        for h in shingles(keys) {
            let list = self.posting(h)?;
            if list.len() >= cap {
                continue;
            }
            for g in list.iter() {
                *hits.entry(*g).or_default() += 1;
            }
        }
        let mut ranked: Vec<(GroupId, u32)> = hits.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        Ok(ranked)
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
                batch.groups.push((id, st.encode()));
            }
        }
        for h in self.dirty_postings.drain() {
            if let Some(list) = self.postings.get(&h) {
                batch.postings.push((h, list.clone()));
            }
        }
        for (group, list) in &self.pending {
            for (id, summary) in list {
                batch.members.push((*group, *id, summary.encode()));
            }
        }
        batch.removed_groups = std::mem::take(&mut self.removed_groups);
        batch.removed_members = std::mem::take(&mut self.removed_members);
        self.store.apply_groups(&batch)?;
        self.pending.clear();
        self.assigned.clear();
        if self.groups.len() > CACHE_LIMIT {
            self.groups.clear();
        }
        if self.postings.len() > CACHE_LIMIT {
            self.postings.clear();
        }
        if self.compatible.len() > CACHE_LIMIT {
            self.compatible.clear();
            self.names.clear();
        }
        Ok(())
    }

    fn posting(&mut self, h: u64) -> Result<&mut Vec<GroupId>> {
        if !self.postings.contains_key(&h) {
            let list = self.store.group_candidates(h)?;
            self.postings.insert(h, list);
        }
        Ok(self.postings.entry(h).or_default())
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
                .and_then(|b| GroupState::decode(&b))
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

    /// Candidate groups from the word-pair lists, verified on words, best
    /// first (the rules of [`crate::follow::matching`]).
    fn candidates(&mut self, keys: &[u64], sh: &[u64]) -> Result<Vec<(GroupId, WordMatch)>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let cap = self.cfg.posting_cap;
        // Per group: shared pairs, and their weight, a rare pair weighing
        // more than a common one ("of the", "he said"): among groups that
        // share as many pairs, the one sharing rarer ones is verified first.
        let mut hits: HashMap<GroupId, (u32, f32)> = HashMap::new();
        for &h in sh {
            let list = self.posting(h)?;
            if list.len() >= cap {
                continue;
            }
            let weight = 1.0 / list.len() as f32;
            for g in list.iter() {
                let e = hits.entry(*g).or_default();
                e.0 += 1;
                e.1 += weight;
            }
        }
        // A text short enough to be indexed whole may share only one
        // sampled pair with the longer version it was cut from; a sampled
        // text shares its sample wherever the words are the same.
        let min_hits = if keys.len() > FULL_INDEX_PAIRS + 1 && sh.len() >= 4 {
            (sh.len() as u32).div_ceil(4).clamp(2, 6)
        } else {
            1
        };
        let mut ranked: Vec<(GroupId, (u32, f32))> =
            hits.into_iter().filter(|&(_, h)| h.0 >= min_hits).collect();
        ranked.sort_unstable_by(|a, b| {
            (b.1.0, b.1.1)
                .partial_cmp(&(a.1.0, a.1.1))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.0.cmp(&b.0))
        });
        ranked.truncate(self.cfg.max_candidates);
        let mut out = Vec::new();
        for (g, _) in ranked {
            let cfg = self.cfg.clone();
            let Some(st) = self.state(&g)? else {
                continue;
            };
            let mut m = word_match(&cfg, keys, &st.reference_keys);
            if !st.longest_keys.is_empty() && (m.score < cfg.min_score || !m.is_verbatim()) {
                let l = word_match(&cfg, keys, &st.longest_keys);
                if (l.is_verbatim(), l.score) > (m.is_verbatim(), m.score) {
                    m = l;
                }
            }
            if m.score >= cfg.min_score {
                out.push((g, m));
            }
        }
        out.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
        Ok(out)
    }

    /// Adds a version to its group, keeping the reference the earliest
    /// complete version (see [`crate::follow::matching`]).
    fn add_member(
        &mut self,
        group: GroupId,
        created: bool,
        v: &Version,
        keys: Vec<u64>,
        day: Option<i32>,
    ) -> Result<()> {
        let quote = v.kind == Kind::Quote;
        let words = keys.len() as u32;
        if created {
            let summary = MemberSummary {
                quote,
                day,
                words,
                seq: 0,
            };
            let mut st = GroupState {
                reference: v.id,
                longest: v.id,
                size: 0,
                has_quote: quote,
                reference_summary: summary,
                longest_summary: summary,
                reference_keys: keys,
                ..GroupState::default()
            };
            note(&mut st, v, day);
            self.finish_member(group, v.id, summary, st);
            return Ok(());
        }
        if self.state(&group)?.is_none() {
            return Ok(());
        }
        // Taken out and put back by `finish_member`: no copy of the keys.
        let Some(mut st) = self.groups.remove(&group) else {
            return Ok(());
        };
        let summary = MemberSummary {
            quote,
            day,
            words,
            seq: st.size,
        };
        note(&mut st, v, day);
        let quote_arrived = quote && !st.has_quote;
        st.has_quote |= quote;
        let has_quote = st.has_quote;
        let eligible = |q: bool| !has_quote || q;
        let mut my_keys = Some(keys);
        if eligible(quote)
            && (!eligible(st.longest_summary.quote)
                || words > st.longest_summary.words
                || quote_arrived)
        {
            st.longest = v.id;
            st.longest_summary = summary;
            st.longest_keys = my_keys.clone().unwrap_or_default();
        }
        let max_len = st.longest_summary.words as f32;
        let complete = |s: &MemberSummary| eligible(s.quote) && s.words as f32 >= 0.8 * max_len;
        if !complete(&st.reference_summary) {
            // The reference is no longer complete: choose again among the
            // members (stored and from this pass, and this one).
            let mut all = self.store_members(&group)?;
            all.extend(self.pending.get(&group).cloned().unwrap_or_default());
            all.push((v.id, summary));
            if let Some((id, s)) = all
                .into_iter()
                .filter(|(_, s)| complete(s))
                .min_by_key(|(_, s)| s.rank())
            {
                st.reference_keys = if id == v.id {
                    my_keys.take().unwrap_or_default()
                } else {
                    self.keys_of(&id)?
                };
                st.reference = id;
                st.reference_summary = s;
            }
        } else if complete(&summary) && summary.rank() < st.reference_summary.rank() {
            st.reference = v.id;
            st.reference_summary = summary;
            st.reference_keys = my_keys.take().unwrap_or_default();
        }
        if st.longest == st.reference {
            st.longest_keys.clear();
        } else if st.longest_keys.is_empty() {
            st.longest_keys = self.keys_of(&st.longest)?;
        }
        self.finish_member(group, v.id, summary, st);
        Ok(())
    }

    fn finish_member(
        &mut self,
        group: GroupId,
        id: Id,
        summary: MemberSummary,
        mut st: GroupState,
    ) {
        st.size += 1;
        self.groups.insert(group, st);
        self.dirty_groups.insert(group);
        self.pending.entry(group).or_default().push((id, summary));
        self.assigned.insert(id, group);
    }

    /// Whether two groups may become one when a version of `bridge_words`
    /// words matched both: the joining rules, between the groups. The
    /// bridge must be at least as long as the longest version of each (a
    /// fuller text that holds both, not a fragment that many quotes
    /// contain), their dates must be within [`MatchConfig::max_days`], and
    /// every named speaker of `other` must be the same person as a named
    /// speaker of `keeper`.
    fn mergeable(&mut self, keeper: &GroupId, other: &GroupId, bridge_words: u32) -> Result<bool> {
        let Some(k) = self.state(keeper)? else {
            return Ok(false);
        };
        if k.longest_summary.words > bridge_words {
            return Ok(false);
        }
        let (k_days, k_speakers) = ((k.day_min, k.day_max), k.speakers.clone());
        let Some(o) = self.state(other)? else {
            return Ok(false);
        };
        if o.longest_summary.words > bridge_words {
            return Ok(false);
        }
        let (o_days, o_speakers) = ((o.day_min, o.day_max), o.speakers.clone());
        // Two pieces of one passage (an outlet printed as one quote what
        // others printed as two) are two statements: the passage is linked
        // to each, but they stay apart. Groups merge only when their own
        // words overlap (half of the shorter, in order), as two cuts of
        // one sentence do.
        let (Some(k), Some(o)) = (self.groups.get(keeper), self.groups.get(other)) else {
            return Ok(false);
        };
        let overlap = word_match(&self.cfg, longest_keys(k), longest_keys(o));
        if overlap.matched * 2 < overlap.shorter.max(1) {
            return Ok(false);
        }
        if let ((Some(klo), Some(khi)), (Some(olo), Some(ohi))) = (k_days, o_days) {
            let apart = (olo - khi).max(klo - ohi).max(0);
            if apart > self.cfg.max_days {
                return Ok(false);
            }
        }
        let k_named: Vec<&String> = k_speakers.iter().filter(|s| is_named(s)).collect();
        if k_named.is_empty() {
            return Ok(true);
        }
        for s in o_speakers.iter().filter(|s| is_named(s)) {
            if !k_named
                .iter()
                .any(|k| self.speaker_evidence(s, k).is_some())
            {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Moves every member of `other` into `keeper`, merges the states
    /// (choosing the reference again among all members), points the
    /// candidate lists that named `other` at `keeper`, and deletes `other`;
    /// all of it lands in the next commit's one batch.
    fn merge(&mut self, keeper: GroupId, other: GroupId) -> Result<()> {
        if self.state(&keeper)?.is_none() || self.state(&other)?.is_none() {
            return Ok(());
        }
        let (Some(mut st), Some(ot)) = (self.groups.remove(&keeper), self.groups.remove(&other))
        else {
            return Ok(());
        };
        self.dirty_groups.remove(&other);
        self.removed_groups.push(other);
        // Members: the stored ones are deleted under `other`; all are
        // written under `keeper`, arriving after its own.
        let stored = self.store_members(&other)?;
        for (id, _) in &stored {
            self.removed_members.push((other, *id));
        }
        let mut moved = stored;
        moved.extend(self.pending.remove(&other).unwrap_or_default());
        let base = st.size;
        let list = self.pending.entry(keeper).or_default();
        for (id, summary) in &moved {
            let mut s = *summary;
            s.seq = s.seq.saturating_add(base);
            list.push((*id, s));
            self.assigned.insert(*id, keeper);
        }
        // The state.
        st.size = st.size.saturating_add(ot.size);
        st.has_quote |= ot.has_quote;
        for d in [ot.day_min, ot.day_max].into_iter().flatten() {
            st.day_min = Some(st.day_min.map_or(d, |x| x.min(d)));
            st.day_max = Some(st.day_max.map_or(d, |x| x.max(d)));
        }
        for (list, more, cap) in [
            (&mut st.speakers, &ot.speakers, MAX_NAMES),
            (&mut st.outlets, &ot.outlets, MAX_NAMES),
            (&mut st.wires, &ot.wires, MAX_NAMES),
            (&mut st.names, &ot.names, MAX_NAME_WORDS),
        ] {
            for n in more {
                if list.len() < cap && !list.contains(n) {
                    list.push(n.clone());
                }
            }
        }
        let known = |g: &GroupState| {
            let longest = if g.longest_keys.is_empty() {
                g.reference_keys.clone()
            } else {
                g.longest_keys.clone()
            };
            [
                (g.reference, g.reference_keys.clone()),
                (g.longest, longest),
            ]
        };
        let mut keys: HashMap<Id, Vec<u64>> = known(&st).into_iter().chain(known(&ot)).collect();
        let has_quote = st.has_quote;
        let eligible = |q: bool| !has_quote || q;
        if eligible(ot.longest_summary.quote)
            && (!eligible(st.longest_summary.quote)
                || ot.longest_summary.words > st.longest_summary.words)
        {
            st.longest = ot.longest;
            st.longest_summary = ot.longest_summary;
        }
        let max_len = st.longest_summary.words as f32;
        let complete = |s: &MemberSummary| eligible(s.quote) && s.words as f32 >= 0.8 * max_len;
        let mut all = self.store_members(&keeper)?;
        all.extend(self.pending.get(&keeper).cloned().unwrap_or_default());
        if let Some((id, s)) = all
            .into_iter()
            .filter(|(_, s)| complete(s))
            .min_by_key(|(_, s)| s.rank())
        {
            st.reference = id;
            st.reference_summary = s;
        }
        st.reference_keys = match keys.remove(&st.reference) {
            Some(k) => k,
            None => self.keys_of(&st.reference)?,
        };
        st.longest_keys = if st.longest == st.reference {
            Vec::new()
        } else {
            match keys.remove(&st.longest) {
                Some(k) => k,
                None => self.keys_of(&st.longest)?,
            }
        };
        self.groups.insert(keeper, st);
        self.dirty_groups.insert(keeper);
        // Candidate lists: a member listed `other` under its word pairs
        // (all of them, for stores indexed before pairs were sampled), its
        // name words and its content words.
        for (id, _) in &moved {
            let Some(text) = self.store.get_appearance(id)?.map(|a| a.text) else {
                continue;
            };
            let mut hashes = shingles(&match_keys(&text));
            hashes.extend(name_words(&text).iter().map(|n| name_hash(n)));
            hashes.extend(content_key(&text));
            for h in hashes {
                let list = self.posting(h)?;
                let Some(at) = list.iter().position(|g| *g == other) else {
                    continue;
                };
                if list.contains(&keeper) {
                    list.remove(at);
                } else {
                    list[at] = keeper;
                }
                self.dirty_postings.insert(h);
            }
        }
        Ok(())
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

/// The longest version's word keys (kept only when it isn't the
/// reference).
fn longest_keys(st: &GroupState) -> &[u64] {
    if st.longest_keys.is_empty() {
        &st.reference_keys
    } else {
        &st.longest_keys
    }
}

/// Whether a speaker is a name rather than a description ("the group", "a
/// statement", "officials", "The Republican candidate"): descriptions say
/// nothing about who spoke, so they neither match nor refuse a group. A
/// name starts with a capital, and not with a function word.
fn is_named(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    first.starts_with(|c: char| c.is_uppercase())
        && !crate::follow::lexicon::is_function_word(&first.to_lowercase())
}

/// The proper-name words of a text: capitalised words that do not start a
/// sentence, plus all-capital acronyms, folded, without repeats.
pub(crate) fn name_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace().take(400) {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let upper = w.starts_with(|c: char| c.is_uppercase());
        let acronym = w.len() >= 2 && w.chars().all(|c| c.is_uppercase());
        if !w.is_empty()
            && (acronym || (upper && !sentence_start))
            && w.chars().count() >= 2
            && !crate::follow::lexicon::is_function_word(&w.to_lowercase())
            && !crate::extract::lexicon::is_calendar_word(w)
        {
            let f = crate::follow::tokens::fold(w);
            if !out.contains(&f) {
                out.push(f);
            }
        }
        sentence_start = raw
            .trim_end_matches(['"', '\u{201D}', '\'', ')'])
            .ends_with(['.', '!', '?', ':']);
    }
    out
}

/// The candidate-list key of a proper-name word (its own hash domain, so
/// it never collides with a word pair's on purpose).
fn name_hash(word: &str) -> u64 {
    crate::follow::tokens::stable_hash(word).rotate_left(7) ^ 0x6e61_6d65_7761_7264
}

/// Whether two folded name words are one, allowing one letter's
/// difference in longer words ("intalla"/"intallah").
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < 5 || la.abs_diff(lb) > 1 {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix + suffix + 1 >= la.max(lb)
}

/// Adds a version's names and date to a group state.
fn note(st: &mut GroupState, v: &Version, day: Option<i32>) {
    if let Some(d) = day {
        st.day_min = Some(st.day_min.map_or(d, |x| x.min(d)));
        st.day_max = Some(st.day_max.map_or(d, |x| x.max(d)));
    }
    for (list, name) in [
        (&mut st.speakers, &v.speaker),
        (&mut st.outlets, &v.outlet),
        (&mut st.wires, &v.wire),
    ] {
        if let Some(n) = name
            && list.len() < MAX_NAMES
            && !list.contains(n)
        {
            list.push(n.clone());
        }
    }
}

/// Matches every appearance of freshly stored articles that has no group
/// yet, and commits. This is what ingest calls after each stored batch.
pub fn match_stored<'a>(
    matcher: &mut StoreMatcher<'_>,
    articles: impl IntoIterator<
        Item = (
            &'a quotetrail_store::Article,
            &'a [(quotetrail_store::Statement, quotetrail_store::Appearance)],
        ),
    >,
) -> Result<usize> {
    let mut placed = 0;
    for (article, found) in articles {
        for (statement, appearance) in found {
            let v = Version::from_records(statement, appearance, article);
            if matcher.insert(&v)?.is_some() {
                placed += 1;
            }
        }
    }
    matcher.commit()?;
    Ok(placed)
}

/// What [`match_unmatched`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MatchSummary {
    /// Articles read.
    pub articles: usize,
    /// Appearances in them.
    pub appearances: usize,
    /// Appearances that were already in a group, left alone.
    pub already_grouped: usize,
    /// Appearances grouped now.
    pub grouped: usize,
    /// Groups founded by those.
    pub groups_new: usize,
    /// Groups merged into another because a version bridged them.
    pub groups_merged: usize,
}

/// Articles matched per commit by [`match_unmatched`]: the same batch size
/// ingest matches at, so memory stays bounded and an interruption loses
/// little.
const MATCH_BATCH: usize = 64;

/// Matches every stored appearance that has no group yet, articles in
/// date order (undated last), as ingest would have; what `import` and
/// `quotetrail match` run after a load that did not match (an import, an
/// `ingest --no-match`, or one cut short). Appearances already grouped are
/// left as they are, so running it twice changes nothing the second time.
/// `progress` is called after each committed batch.
pub fn match_unmatched(
    store: &Store,
    mut progress: impl FnMut(&MatchSummary),
) -> Result<MatchSummary> {
    // Dates first, then one article at a time: the bodies are not all held.
    let mut order: Vec<(bool, String, Id)> = Vec::new();
    for entry in store.articles() {
        let (id, article) = entry?;
        let date = article.published.unwrap_or_default();
        order.push((date.is_empty(), date, id));
    }
    order.sort_unstable();
    let mut summary = MatchSummary::default();
    let mut matcher = StoreMatcher::new(store);
    for chunk in order.chunks(MATCH_BATCH) {
        for (_, _, id) in chunk {
            let Some(article) = store.get_article(id)? else {
                continue;
            };
            summary.articles += 1;
            for (appearance_id, appearance) in store.appearances_in(id)? {
                summary.appearances += 1;
                if store.group_of(&appearance_id)?.is_some() {
                    summary.already_grouped += 1;
                    continue;
                }
                let Some(statement) = store.get_statement(&appearance.statement)? else {
                    continue;
                };
                let v = Version::from_records(&statement, &appearance, &article);
                if let Some(placed) = matcher.insert(&v)? {
                    summary.grouped += 1;
                    summary.groups_new += usize::from(placed.created);
                    summary.groups_merged += placed.merged.len();
                }
            }
        }
        matcher.commit()?;
        progress(&summary);
    }
    Ok(summary)
}

#[cfg(test)]
#[path = "persist_tests.rs"]
mod tests;
