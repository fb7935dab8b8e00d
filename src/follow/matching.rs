//! Grouping the versions that report one utterance, across articles.
//!
//! A new version must find its group without being compared with every
//! version seen so far, so matching is two steps:
//!
//! 1. **Candidates** come from an inverted index over word *shingles*
//!    (consecutive word pairs, keyed as in [`crate::follow::tokens`], so case,
//!    accents and number spelling don't matter, and editors' brackets and
//!    elision marks are left out). Each shingle lists the groups that contain
//!    it. A shingle listed by more than [`MatchConfig::posting_cap`] groups
//!    ("he said", "of the") tells nothing and is skipped, which bounds the
//!    work per version whatever the store's size: the cost of an insert
//!    grows with its own length, not with the number of versions.
//! 2. **Verification** diffs the version's words against each candidate
//!    group's reference (and its longest member) with `similar`, under a
//!    deadline. The score is the better of the diff ratio and the share of
//!    the shorter text found in the longer one, so a cut or partial quote, a
//!    bracketed insertion, an elision, changed words and a paraphrase of a
//!    quote still match. A group whose words match is still refused when the
//!    speakers are not the same person by [`crate::follow::names`], or when
//!    the dates are further apart than [`MatchConfig::max_days`]: the same
//!    words said by someone else, or months later, are another utterance.
//!    Refusals are reported, not silent.
//!
//! Each group keeps a *reference* version: the earliest complete one. A
//! version is complete when it is a quote (if the group has any quote) at
//! least 80% as long as the group's longest; among those the earliest date
//! wins, then the longest, then the first seen.
//!
//! # Persisting the index
//!
//! Everything the matcher keeps is derived from versions and can be stored
//! beside them; the in-memory maps here are the trees a sled store needs:
//!
//! | tree | key | value |
//! | --- | --- | --- |
//! | `follow_shingles` | shingle hash, `u64` big-endian | group ids, 32 bytes each, appended (capped at `posting_cap`) |
//! | `follow_groups` | group id (32 bytes) | reference appearance id, date range, speaker names, longest length |
//! | `follow_members` | group id ++ appearance id | () (scan by group prefix) |
//! | `follow_group_of` | appearance id | group id |
//!
//! Shingle hashes use a fixed FNV-1a ([`crate::follow::tokens::stable_hash`]),
//! never `std`'s randomly seeded hasher, so they are the same in every run.
//! A persisted group id should be content-derived (e.g. the id of the first
//! appearance that founded the group) rather than this matcher's dense
//! counter, so two stores agree.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use quotetrail_store::{Id, Kind};
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::follow::Version;
use crate::follow::diff::{VersionDiff, diff_versions};
use crate::follow::names::{Evidence, NameInfo, same_speaker};
use crate::follow::tokens::{TokKind, stable_hash, tokenize};

/// Knobs for a [`Matcher`].
#[derive(Clone, Debug)]
pub struct MatchConfig {
    /// Versions further apart than this many days (from the group's date
    /// range) are another utterance.
    pub max_days: i32,
    /// The word score a candidate needs to match, from 0 to 1.
    pub min_score: f32,
    /// How many candidate groups are verified per version, best first.
    pub max_candidates: usize,
    /// A shingle in more groups than this is too common to propose
    /// candidates and stops being indexed.
    pub posting_cap: usize,
    /// The deadline for one verification diff.
    pub diff_timeout: Duration,
    /// Containment (one text inside the other) counts only when the shorter
    /// text has at least this many words: three common words are inside
    /// many quotes.
    pub min_containment_words: usize,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            max_days: 31,
            min_score: 0.65,
            max_candidates: 8,
            posting_cap: 128,
            diff_timeout: Duration::from_millis(20),
            min_containment_words: 5,
        }
    }
}

/// A group of versions of one utterance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GroupId(pub u32);

/// Why a group whose words matched was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Refusal {
    /// The speakers are not the same person.
    Speaker {
        /// This version's speaker.
        speaker: String,
        /// The group's speakers.
        group_speakers: Vec<String>,
    },
    /// The dates are too far apart.
    Date {
        /// Days between this version and the group's nearest date.
        days_apart: i32,
    },
}

/// A candidate group that matched on words but was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    /// The group.
    pub group: GroupId,
    /// The word score it had.
    pub score: f32,
    /// Why it was refused.
    #[serde(flatten)]
    pub why: Refusal,
}

/// Where [`Matcher::insert`] put a version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupAssignment {
    /// The group.
    pub group: GroupId,
    /// Whether the version founded it.
    pub created: bool,
    /// The word score against the group (1 for a founder).
    pub score: f32,
    /// The group's reference version after the insert.
    pub reference: Id,
    /// Whether this insert changed the reference.
    pub reference_changed: bool,
    /// Name evidence tying this version's speaker to the group's, when the
    /// names differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_evidence: Option<Evidence>,
    /// Groups whose words matched but which were refused, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<Refused>,
}

struct Member {
    version: Version,
    keys: Vec<u64>,
    day: Option<i32>,
    speaker: Option<u32>,
    group: GroupId,
}

struct Group {
    members: Vec<u32>,
    reference: u32,
    longest: u32,
    speakers: Vec<u32>,
    day_min: Option<i32>,
    day_max: Option<i32>,
    has_quote: bool,
}

/// At most this many distinct speaker names are kept per group for the
/// speaker check; more names than that for one utterance is noise.
const MAX_GROUP_SPEAKERS: usize = 16;

/// Groups versions incrementally (see the module docs).
pub struct Matcher {
    cfg: MatchConfig,
    members: Vec<Member>,
    groups: Vec<Group>,
    postings: HashMap<u64, Vec<GroupId>>,
    by_id: HashMap<Id, u32>,
    speakers: Vec<NameInfo>,
    speaker_ids: HashMap<String, u32>,
    compatible: HashMap<(u32, u32), Option<Evidence>>,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher::new(MatchConfig::default())
    }
}

/// A scored candidate.
struct Candidate {
    group: GroupId,
    score: f32,
}

impl Matcher {
    /// An empty matcher.
    pub fn new(cfg: MatchConfig) -> Matcher {
        Matcher {
            cfg,
            members: Vec::new(),
            groups: Vec::new(),
            postings: HashMap::new(),
            by_id: HashMap::new(),
            speakers: Vec::new(),
            speaker_ids: HashMap::new(),
            compatible: HashMap::new(),
        }
    }

    /// How many versions are in.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no version is in.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// How many groups there are.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// Adds a version and says which group it joined. Inserting the same id
    /// twice returns its group again without adding anything.
    pub fn insert(&mut self, version: Version) -> GroupAssignment {
        if let Some(&m) = self.by_id.get(&version.id) {
            let g = self.members[m as usize].group;
            return GroupAssignment {
                group: g,
                created: false,
                score: 1.0,
                reference: self.reference_id(g),
                reference_changed: false,
                speaker_evidence: None,
                refused: Vec::new(),
            };
        }
        let keys = match_keys(&version.text);
        let shingles = shingles(&keys);
        let day = version.day();
        let speaker = version.speaker.as_deref().map(|s| self.intern_speaker(s));
        let mut refused = Vec::new();
        let mut best: Option<(Candidate, Option<Evidence>)> = None;
        for cand in self.verified_candidates(&keys, &shingles) {
            let group = &self.groups[cand.group.0 as usize];
            if let (Some(d), Some(lo), Some(hi)) = (day, group.day_min, group.day_max) {
                let apart = if d < lo {
                    lo - d
                } else {
                    d.saturating_sub(hi).max(0)
                };
                if apart > self.cfg.max_days {
                    refused.push(Refused {
                        group: cand.group,
                        score: cand.score,
                        why: Refusal::Date { days_apart: apart },
                    });
                    continue;
                }
            }
            let evidence = match speaker {
                Some(s) if !group.speakers.is_empty() => {
                    let speakers = group.speakers.clone();
                    let found = speakers.iter().find_map(|&o| self.speaker_evidence(s, o));
                    match found {
                        Some(ev) => (ev.rule != crate::follow::names::Rule::Exact).then_some(ev),
                        None => {
                            refused.push(Refused {
                                group: cand.group,
                                score: cand.score,
                                why: Refusal::Speaker {
                                    speaker: self.speakers[s as usize].raw.clone(),
                                    group_speakers: speakers
                                        .iter()
                                        .map(|&o| self.speakers[o as usize].raw.clone())
                                        .collect(),
                                },
                            });
                            continue;
                        }
                    }
                }
                _ => None,
            };
            if best.as_ref().is_none_or(|(b, _)| cand.score > b.score) {
                best = Some((cand, evidence));
            }
        }
        let idx = self.members.len() as u32;
        let (group, created, score, speaker_evidence) = match best {
            Some((c, ev)) => (c.group, false, c.score, ev),
            None => {
                let g = GroupId(self.groups.len() as u32);
                self.groups.push(Group {
                    members: Vec::new(),
                    reference: idx,
                    longest: idx,
                    speakers: Vec::new(),
                    day_min: None,
                    day_max: None,
                    has_quote: false,
                });
                (g, true, 1.0, None)
            }
        };
        for &sh in &shingles {
            let list = self.postings.entry(sh).or_default();
            if list.len() < self.cfg.posting_cap && list.last() != Some(&group) {
                list.push(group);
            }
        }
        self.by_id.insert(version.id, idx);
        self.members.push(Member {
            version,
            keys,
            day,
            speaker,
            group,
        });
        let reference_changed = self.add_to_group(group, idx) && !created;
        GroupAssignment {
            group,
            created,
            score,
            reference: self.reference_id(group),
            reference_changed,
            speaker_evidence,
            refused,
        }
    }

    /// Groups whose words match `text`, best first, with their scores.
    /// Speakers and dates are not checked: this answers "who printed words
    /// like these".
    pub fn query(&self, text: &str) -> Vec<(GroupId, f32)> {
        let keys = match_keys(text);
        let shingles = shingles(&keys);
        self.verified_candidates(&keys, &shingles)
            .into_iter()
            .map(|c| (c.group, c.score))
            .collect()
    }

    /// The group a version (by id) is in.
    pub fn group_of(&self, id: &Id) -> Option<GroupId> {
        self.by_id.get(id).map(|&m| self.members[m as usize].group)
    }

    /// A group's reference version.
    pub fn reference(&self, group: GroupId) -> Option<&Version> {
        let g = self.groups.get(group.0 as usize)?;
        Some(&self.members[g.reference as usize].version)
    }

    /// A group's versions, in insertion order.
    pub fn members(&self, group: GroupId) -> impl Iterator<Item = &Version> {
        self.groups
            .get(group.0 as usize)
            .map(|g| g.members.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&m| &self.members[m as usize].version)
    }

    /// The diff of a version against its group's reference.
    pub fn diff_to_reference(&self, id: &Id) -> Option<VersionDiff> {
        let m = &self.members[*self.by_id.get(id)? as usize];
        let reference = self.reference(m.group)?;
        Some(diff_versions(reference, &m.version))
    }

    /// Pairs of differently named speakers whose statements were matched
    /// into one group: the corroboration [`crate::follow::Identities::link_statement`]
    /// takes. Each group contributes its first speaker paired with each
    /// other one.
    pub fn speaker_links(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for g in &self.groups {
            if let Some((first, rest)) = g.speakers.split_first() {
                for other in rest {
                    out.push((
                        self.speakers[*first as usize].raw.clone(),
                        self.speakers[*other as usize].raw.clone(),
                    ));
                }
            }
        }
        out
    }

    fn reference_id(&self, g: GroupId) -> Id {
        let r = self.groups[g.0 as usize].reference;
        self.members[r as usize].version.id
    }

    fn intern_speaker(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.speaker_ids.get(name) {
            return i;
        }
        let i = self.speakers.len() as u32;
        self.speakers.push(NameInfo::parse(name));
        self.speaker_ids.insert(name.to_owned(), i);
        i
    }

    /// Name evidence between two interned speakers, cached.
    fn speaker_evidence(&mut self, a: u32, b: u32) -> Option<Evidence> {
        if a == b {
            return Some(Evidence {
                rule: crate::follow::names::Rule::Exact,
                strength: crate::follow::names::Strength::Strong,
                score: 1.0,
                tokens: Vec::new(),
            });
        }
        let key = (a.min(b), a.max(b));
        if let Some(ev) = self.compatible.get(&key) {
            return ev.clone();
        }
        let ev = same_speaker(&self.speakers[a as usize], &self.speakers[b as usize]);
        self.compatible.insert(key, ev.clone());
        ev
    }

    /// Candidate groups from the shingle index, verified on words, best
    /// first.
    fn verified_candidates(&self, keys: &[u64], shingles: &[u64]) -> Vec<Candidate> {
        if keys.is_empty() {
            return Vec::new();
        }
        let mut hits: HashMap<GroupId, u32> = HashMap::new();
        for sh in shingles {
            let Some(list) = self.postings.get(sh) else {
                continue;
            };
            if list.len() >= self.cfg.posting_cap {
                continue;
            }
            let mut last = None;
            for &g in list {
                // A group appears at most once per shingle except when
                // interleaved; count it once.
                if last == Some(g) {
                    continue;
                }
                last = Some(g);
                *hits.entry(g).or_default() += 1;
            }
        }
        // A version of the same utterance shares a good part of its word
        // pairs with the group (a cut one nearly all of its own, a reworded
        // one most); one or two common pairs in a long text is chance. Six
        // shared pairs (seven words in a row) always earn a verification, so
        // a short excerpt seen first still draws the full quote in.
        let min_hits = if shingles.len() >= 4 {
            (shingles.len() as u32).div_ceil(4).clamp(2, 6)
        } else {
            1
        };
        let mut ranked: Vec<(GroupId, u32)> =
            hits.into_iter().filter(|&(_, h)| h >= min_hits).collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.cfg.max_candidates);
        let mut out: Vec<Candidate> = ranked
            .into_iter()
            .filter_map(|(group, _)| {
                let g = &self.groups[group.0 as usize];
                let mut score = self.text_score(keys, &self.members[g.reference as usize].keys);
                if score < self.cfg.min_score && g.longest != g.reference {
                    score =
                        score.max(self.text_score(keys, &self.members[g.longest as usize].keys));
                }
                (score >= self.cfg.min_score).then_some(Candidate { group, score })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.group.cmp(&b.group)));
        out
    }

    /// Word score of two key sequences: the diff ratio, or the share of the
    /// shorter found in the longer when that is long enough to mean
    /// something.
    fn text_score(&self, a: &[u64], b: &[u64]) -> f32 {
        text_score(&self.cfg, a, b)
    }
    /// Adds member `m` to group `g`; returns whether the reference changed.
    fn add_to_group(&mut self, g: GroupId, m: u32) -> bool {
        let (kind, day, speaker, words) = {
            let mem = &self.members[m as usize];
            (mem.version.kind, mem.day, mem.speaker, mem.keys.len())
        };
        let group = &mut self.groups[g.0 as usize];
        group.members.push(m);
        if let Some(d) = day {
            group.day_min = Some(group.day_min.map_or(d, |x| x.min(d)));
            group.day_max = Some(group.day_max.map_or(d, |x| x.max(d)));
        }
        if let Some(s) = speaker
            && !group.speakers.contains(&s)
            && group.speakers.len() < MAX_GROUP_SPEAKERS
        {
            group.speakers.push(s);
        }
        if group.members.len() == 1 {
            group.reference = m;
            group.longest = m;
            group.has_quote = kind == Kind::Quote;
            return true;
        }
        let old_ref = group.reference;
        let quote_arrived = kind == Kind::Quote && !group.has_quote;
        group.has_quote |= kind == Kind::Quote;
        let eligible = |k: Kind, has_quote: bool| !has_quote || k == Kind::Quote;
        let longest = &self.members[group.longest as usize];
        let longest_eligible = eligible(longest.version.kind, group.has_quote);
        if eligible(kind, group.has_quote)
            && (!longest_eligible || words > longest.keys.len() || quote_arrived)
        {
            group.longest = m;
        }
        let max_len = self.members[group.longest as usize].keys.len();
        let complete = |mem: &Member, has_quote: bool| {
            eligible(mem.version.kind, has_quote) && mem.keys.len() as f32 >= 0.8 * max_len as f32
        };
        let has_quote = group.has_quote;
        let current = &self.members[group.reference as usize];
        if !complete(current, has_quote) {
            // The reference is no longer complete: rescan the group.
            let best = group
                .members
                .iter()
                .copied()
                .filter(|&x| complete(&self.members[x as usize], has_quote))
                .min_by(|&x, &y| {
                    rank(&self.members[x as usize], x).cmp(&rank(&self.members[y as usize], y))
                });
            if let Some(b) = best {
                group.reference = b;
            }
        } else if complete(&self.members[m as usize], has_quote)
            && rank(&self.members[m as usize], m) < rank(current, group.reference)
        {
            group.reference = m;
        }
        group.reference != old_ref
    }
}

/// Words in order that make two versions the *same words*: enough of
/// them that a shared run is not a stock phrase ("president of the United
/// States", "make America great again" are six and five).
pub const VERBATIM_WORDS: u32 = 8;

/// The share of the shorter version that must stand in the longer, in
/// order, for the two to be the same words.
pub const VERBATIM_SHARE: f32 = 0.8;

/// How two word sequences match: the score the candidate test uses, and
/// the counts behind it, which decide how much else must agree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct WordMatch {
    /// The better of the diff ratio and the (discounted) share of the
    /// shorter text found in the longer, from 0 to 1.
    pub score: f32,
    /// Words found in both, in order.
    pub matched: u32,
    /// Words in the shorter text.
    pub shorter: u32,
    /// Words in the longer text.
    pub longer: u32,
}

impl WordMatch {
    /// Whether the two are the same words: at least [`VERBATIM_WORDS`] in
    /// order, covering [`VERBATIM_SHARE`] of the shorter. A cut, a split
    /// quote, an excerpt of eight words or more or a version with an
    /// editor's bracket is verbatim; a stock phrase inside another quote is
    /// not. Same words never need the speakers to agree: the speaker is the
    /// extractor's guess and often wrong, so a difference there is a flag
    /// on the version, not a reason to split.
    pub fn is_verbatim(&self) -> bool {
        self.matched >= VERBATIM_WORDS
            && self.matched as f32 >= VERBATIM_SHARE * self.shorter as f32
    }

    /// The diff ratio: words in common over the two lengths, 1 when the
    /// texts are the same words and less the more either has of its own.
    pub fn ratio(&self) -> f32 {
        if self.longer == 0 {
            return 0.0;
        }
        2.0 * self.matched as f32 / (self.shorter + self.longer) as f32
    }

    /// Whether the two are the same words from end to end, neither
    /// carrying a passage the other lacks: a statement quoted again, which
    /// may be months after it was made. A line repeated inside another
    /// speech has words around it that the first lacks, and is not one.
    pub fn is_requote(&self) -> bool {
        self.is_verbatim() && self.ratio() >= REQUOTE_SHARE
    }
}

/// The diff ratio two versions need to be [`WordMatch::is_requote`].
pub const REQUOTE_SHARE: f32 = 0.85;

/// Word score of two key sequences: the diff ratio, or the share of the
/// shorter found in the longer when that is long enough to mean something.
pub(crate) fn text_score(cfg: &MatchConfig, a: &[u64], b: &[u64]) -> f32 {
    word_match(cfg, a, b).score
}

/// How two key sequences match (see [`WordMatch`]).
pub(crate) fn word_match(cfg: &MatchConfig, a: &[u64], b: &[u64]) -> WordMatch {
    if a.is_empty() || b.is_empty() {
        return WordMatch::default();
    }
    let deadline = Instant::now() + cfg.diff_timeout;
    let ops = capture_diff_slices_deadline(Algorithm::Myers, a, b, Some(deadline));
    let matched: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    let shorter = a.len().min(b.len());
    let ratio = 2.0 * matched as f32 / (a.len() + b.len()) as f32;
    let score = if shorter >= cfg.min_containment_words {
        ratio.max(0.95 * matched as f32 / shorter as f32)
    } else {
        ratio
    };
    WordMatch {
        score,
        matched: matched as u32,
        shorter: shorter as u32,
        longer: a.len().max(b.len()) as u32,
    }
}

/// Reference order among complete versions: earliest date (undated last),
/// then longest, then first seen.
fn rank(m: &Member, idx: u32) -> (i32, std::cmp::Reverse<usize>, u32) {
    (
        m.day.unwrap_or(i32::MAX),
        std::cmp::Reverse(m.keys.len()),
        idx,
    )
}

/// The words of a text as stable hashes of their keys; punctuation,
/// brackets and elision marks are left out.
pub(crate) fn match_keys(text: &str) -> Vec<u64> {
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| stable_hash(&t.key))
        .collect()
}

/// Consecutive word pairs, hashed; a one-word text is its own shingle.
pub(crate) fn shingles(keys: &[u64]) -> Vec<u64> {
    let mut out = pair_hashes(keys);
    out.sort_unstable();
    out.dedup();
    out
}

/// The word-pair hashes in text order.
fn pair_hashes(keys: &[u64]) -> Vec<u64> {
    if keys.len() == 1 {
        vec![keys[0].rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15]
    } else {
        keys.windows(2)
            .map(|w| w[0].rotate_left(17) ^ w[1].wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect()
    }
}

/// Window of the shingle sample, in word pairs: any run of
/// `WINNOW_WINDOW + 1` words two texts share gives them a sampled pair in
/// common.
pub(crate) const WINNOW_WINDOW: usize = 4;

/// Texts with at most this many word pairs are indexed whole: a sample of
/// a short quote would leave too few pairs to tell candidates apart.
pub(crate) const FULL_INDEX_PAIRS: usize = 12;

/// A sample of [`shingles`] (sorted, without repeats) chosen by
/// *winnowing*: the smallest hash in every window of [`WINNOW_WINDOW`]
/// consecutive pairs.
///
/// Why a sample: every indexed pair is one candidate list rewritten on
/// disk, and that write is most of the cost of matching on ingest; about
/// two pairs in five are kept. Why winnowing rather than, say, every
/// fifth pair: the choice depends only on the words around a pair, never
/// on where the text starts, so a version cut at either end samples a
/// subset of what the full version samples (every window of the cut is a
/// window of the full text), and any shared run of `WINNOW_WINDOW + 1`
/// words is found whatever else changed around it.
pub(crate) fn sampled_shingles(keys: &[u64]) -> Vec<u64> {
    let pairs = pair_hashes(keys);
    if pairs.len() <= FULL_INDEX_PAIRS {
        let mut out = pairs;
        out.sort_unstable();
        out.dedup();
        return out;
    }
    let mut out: Vec<u64> = pairs
        .windows(WINNOW_WINDOW)
        .filter_map(|w| w.iter().copied().min())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;
