//! Finding a statement by its words, as a reader asks for it: "who printed
//! these words?"
//!
//! Ingest keeps for each group only its reference and longest version's
//! words, which is enough to place a new version but not to answer a
//! question: the words asked about may be one outlet's cut, or stand in a
//! version that is neither. So a query reads the members of the few groups
//! that share word pairs with it and ranks each group by the member that
//! best holds the words. The group whose versions *hold* the words comes
//! first, near groups after it.
//!
//! A version can also hold the words while it belongs to another group:
//! an outlet printed as one quote a passage that others printed as two
//! statements. Or the words hold it whole: an outlet printed only a cut of
//! them, too short to have joined the group. Such versions are listed
//! beside the group (with the group they are in), when they pass the same
//! occasion rule as ingest
//! ([`StoreMatcher::same_occasion`]): the same words printed months
//! apart, or by someone else as a stock phrase, are not listed.

use std::collections::HashMap;

use quotetrail_store::{Article, GroupId, Id, Store};
use serde::Serialize;

use crate::follow::Version;
use crate::follow::matching::{VERBATIM_WORDS, WordMatch, match_keys, word_match};
use crate::follow::persist::{GroupState, Result, StoreMatcher};

/// Candidate groups read per query, most shared word pairs first.
const MAX_GROUPS: usize = 16;

/// Members read per candidate group: a group larger than this is a stock
/// phrase, and its first members tell enough.
const MAX_MEMBERS: usize = 256;

/// Share of the asked words a version must hold, in order, to count as
/// holding them.
pub(crate) const HOLDS_SHARE: f32 = 0.9;

/// A group found by words.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// The group.
    pub group: GroupId,
    /// Its member that best holds the words (an appearance id).
    pub anchor: Id,
    /// How the words match that member.
    pub words: WordMatch,
    /// Whether that member holds the words ([`HOLDS_SHARE`] of them, in
    /// order).
    pub holds: bool,
}

/// What a query found.
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// Groups best first: those holding the words, then the closest.
    pub hits: Vec<Hit>,
    /// Versions of other groups that hold the words, or that the words
    /// hold whole, on the same occasion as the best hit's anchor:
    /// `(appearance, its group)`.
    pub also: Vec<(Id, GroupId)>,
}

/// Finds the groups whose versions match `text` (see the module docs).
pub fn find_words(store: &Store, text: &str) -> Result<Found> {
    let keys = match_keys(text);
    if keys.is_empty() {
        return Ok(Found::default());
    }
    let mut matcher = StoreMatcher::new(store);
    let cfg = matcher.config().clone();
    let asked = keys.len() as f32;
    let holds = |m: &WordMatch| m.matched as f32 >= HOLDS_SHARE * asked;
    // A version the words hold whole: an outlet's cut of them.
    let held = |m: &WordMatch| {
        m.shorter as usize >= cfg.min_containment_words
            && (m.shorter as f32) < asked
            && m.matched as f32 >= HOLDS_SHARE * m.shorter as f32
    };
    let mut reader = Reader::new(store);
    // Per group: every member read with its match, and the best one.
    let mut read: Vec<(GroupId, Vec<(Id, WordMatch)>)> = Vec::new();
    for (group, _) in matcher.groups_sharing(&keys, MAX_GROUPS)? {
        let mut members = Vec::new();
        for (id, _) in store.group_members(&group)?.into_iter().take(MAX_MEMBERS) {
            if let Some(words) = reader.text(&id)? {
                members.push((id, word_match(&cfg, &keys, &match_keys(&words))));
            }
        }
        read.push((group, members));
    }
    // Among the versions that hold the words, the one closest to them in
    // length is the statement asked about; a longer passage that also
    // holds them is listed beside it (`also`).
    let rank = |m: &WordMatch| (holds(m), m.ratio(), m.score);
    let mut hits: Vec<Hit> = read
        .iter()
        .filter_map(|(group, members)| {
            let (anchor, words) = members.iter().max_by(|a, b| {
                rank(&a.1)
                    .partial_cmp(&rank(&b.1))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })?;
            // A shared run of the same words is worth showing beside the
            // answer even when the rest differs: the line said on another
            // occasion.
            let shares_a_line = words.matched >= VERBATIM_WORDS;
            (words.score >= cfg.min_score || holds(words) || shares_a_line).then(|| Hit {
                group: *group,
                anchor: *anchor,
                words: *words,
                holds: holds(words),
            })
        })
        .collect();
    // Equal matches: the group printed first comes first (the question
    // is where the words came from), then the larger.
    let mut first_day: HashMap<GroupId, (i32, std::cmp::Reverse<u32>)> = HashMap::new();
    for h in &hits {
        let st = store
            .group_state(&h.group)?
            .and_then(|v| GroupState::from_value(&v));
        let key = st.map_or((i32::MAX, std::cmp::Reverse(0)), |st| {
            (st.day_min.unwrap_or(i32::MAX), std::cmp::Reverse(st.size))
        });
        first_day.insert(h.group, key);
    }
    hits.sort_by(|a, b| {
        rank(&b.words)
            .partial_cmp(&rank(&a.words))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(first_day.get(&a.group).cmp(&first_day.get(&b.group)))
            .then(a.group.cmp(&b.group))
    });
    let mut also = Vec::new();
    if let Some(best) = hits.first()
        && keys.len() >= cfg.min_containment_words
        && let Some(anchor) = reader.version(&best.anchor)?
    {
        for (group, members) in &read {
            if *group == best.group {
                continue;
            }
            for (id, words) in members {
                if !holds(words) && !held(words) {
                    continue;
                }
                let Some(v) = reader.version(id)? else {
                    continue;
                };
                if matcher.same_occasion(&anchor, &v, *words) {
                    also.push((*id, *group));
                }
            }
        }
    }
    Ok(Found { hits, also })
}

/// Reads appearances as versions, each article once per query.
struct Reader<'s> {
    store: &'s Store,
    articles: HashMap<Id, Article>,
}

impl<'s> Reader<'s> {
    fn new(store: &'s Store) -> Reader<'s> {
        Reader {
            store,
            articles: HashMap::new(),
        }
    }

    fn text(&self, appearance: &Id) -> Result<Option<String>> {
        Ok(self.store.get_appearance(appearance)?.map(|a| a.text))
    }

    fn version(&mut self, appearance: &Id) -> Result<Option<Version>> {
        let Some(ap) = self.store.get_appearance(appearance)? else {
            return Ok(None);
        };
        let Some(st) = self.store.get_statement(&ap.statement)? else {
            return Ok(None);
        };
        if !self.articles.contains_key(&ap.article) {
            let Some(art) = self.store.get_article(&ap.article)? else {
                return Ok(None);
            };
            self.articles.insert(ap.article, art);
        }
        Ok(self
            .articles
            .get(&ap.article)
            .map(|art| Version::from_records(&st, &ap, art)))
    }
}
