//! Finding a statement by its words when it is in no group: a store
//! ingested with `--no-match`, or the appearances a run left for
//! `quotetrail match`.
//!
//! Groups are found through the matcher's candidate lists, which only
//! grouped statements are in. The store also files every statement in its
//! own word index ([`Store::statements_by_words`]), which `--no-match`
//! ingest keeps at little cost. That index proposes statements; here
//! each is judged by the matcher's word rules against the words asked
//! for, as [`crate::follow::query`] judges a group's members. What passes
//! is shown with every appearance of it and of every statement with the
//! same words (the copies printed word for word by several outlets are
//! one statement each). What grouping adds (the speaker and date checks,
//! paraphrases, translations) is not done here. A version that is in a
//! group after all (one the group search ranked too low) says which.

use std::collections::BTreeSet;

use quotetrail_store::{Id, StatementFilter, Store};

use crate::follow::diff::VersionDiff;
use crate::follow::matching::{MatchConfig, WordMatch, match_keys, word_match};
use crate::follow::persist::Result;
use crate::follow::query::HOLDS_SHARE;
use crate::follow::view::{Printed, diffs_against, load_printed, sort_by_date};

/// Statements the word index proposes per query.
const PROPOSED: usize = 64;

/// Ungrouped versions that match a query's words.
#[derive(Clone, Debug)]
pub struct Ungrouped {
    /// Every appearance of the matching statements, earliest first
    /// (undated last).
    pub versions: Vec<Printed>,
    /// Index in `versions` of the version that best matches the words:
    /// the others are diffed against it.
    pub anchor: usize,
    /// How the words match it.
    pub words: WordMatch,
    /// Each version's diff against the anchor, same order.
    pub diffs: Vec<VersionDiff>,
}

/// The ungrouped statements whose words match `text` (see the module
/// docs); `None` when none does.
pub fn find_ungrouped(store: &Store, text: &str) -> Result<Option<Ungrouped>> {
    let keys = match_keys(text);
    if keys.is_empty() {
        return Ok(None);
    }
    let cfg = MatchConfig::default();
    let asked = keys.len() as f32;
    let holds = |m: &WordMatch| m.matched as f32 >= HOLDS_SHARE * asked;
    // Each statement that passes, with its fingerprint.
    let mut matched: Vec<(Id, Id, WordMatch)> = Vec::new();
    for hit in store.statements_by_words(text, PROPOSED)? {
        let Some(statement) = store.get_statement(&hit.statement)? else {
            continue;
        };
        let m = word_match(&cfg, &keys, &match_keys(&statement.text));
        if holds(&m) || m.score >= cfg.min_score {
            matched.push((hit.statement, statement.fingerprint(), m));
        }
    }
    // As for groups: the statements that hold the words, the one closest
    // to them in length first.
    let rank = |m: &WordMatch| (holds(m), m.ratio(), m.score);
    matched.sort_by(|a, b| {
        rank(&b.2)
            .partial_cmp(&rank(&a.2))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    let Some(&(best, _, words)) = matched.first() else {
        return Ok(None);
    };
    // Every statement with the same words as one that matched: the index
    // proposes a bounded number, and a quote printed word for word by
    // more outlets than that is still shown whole.
    let fingerprints: BTreeSet<Id> = matched.iter().map(|m| m.1).collect();
    let mut versions = Vec::new();
    for fingerprint in fingerprints {
        let filter = StatementFilter {
            fingerprint: Some(fingerprint),
            ..StatementFilter::default()
        };
        for item in store.statements(&filter)? {
            let (statement, _) = item?;
            for (appearance, _) in store.appearances_of(&statement)? {
                if let Some(mut p) = load_printed(store, &appearance)? {
                    p.in_group = store.group_of(&appearance)?;
                    versions.push(p);
                }
            }
        }
    }
    sort_by_date(&mut versions);
    // The anchor is the best statement's earliest appearance.
    let anchor = versions
        .iter()
        .position(|p| p.statement == best)
        .unwrap_or(0);
    let diffs = diffs_against(&versions, anchor);
    Ok(Some(Ungrouped {
        versions,
        anchor,
        words,
        diffs,
    }))
}
