//! Finding groups by word pairs: the candidate lists looked up by a
//! version's sampled pairs, verified on words against each group's
//! reference and longest version.

use std::collections::HashMap;

use quotetrail_store::GroupId;

use super::{Result, StoreMatcher};
use crate::follow::matching::{
    FULL_INDEX_PAIRS, MatchConfig, WordMatch, match_keys, sampled_shingles, shingles, word_match,
};

impl StoreMatcher<'_> {
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
        let mut hits: HashMap<u64, u32> = HashMap::new();
        for h in shingles(keys) {
            let list = self.posting(h)?;
            if list.len() >= cap {
                continue;
            }
            for g in list.iter() {
                *hits.entry(*g).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u64, u32)> = hits.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        let mut out = Vec::with_capacity(ranked.len());
        for (key, shared) in ranked {
            out.extend(self.resolve(key)?.into_iter().map(|g| (g, shared)));
        }
        Ok(out)
    }

    /// Candidate groups from the word-pair lists, verified on words, best
    /// first (the rules of [`crate::follow::matching`]).
    pub(super) fn candidates(
        &mut self,
        keys: &[u64],
        sh: &[u64],
    ) -> Result<Vec<(GroupId, WordMatch)>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        for &h in sh {
            self.posting(h)?;
        }
        let lists: Vec<&[u64]> = sh.iter().map(|h| self.postings[h].as_slice()).collect();
        let ranked = rank(&self.cfg, keys.len(), &lists);
        let mut out = Vec::new();
        for g in self.resolve_all(ranked)? {
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
}

/// The candidate keys a text of `words` word keys is verified against,
/// best first, at most [`crate::follow::MatchConfig::max_candidates`]:
/// `lists` are the candidate lists of its sampled pairs, in order. Shared
/// by matching and by the read-ahead that fetches what matching will
/// verify ([`super::lookahead`]).
pub(super) fn rank(cfg: &MatchConfig, words: usize, lists: &[&[u64]]) -> Vec<u64> {
    // Per group: shared pairs, and their weight, a rare pair weighing
    // more than a common one ("of the", "he said"): among groups that
    // share as many pairs, the one sharing rarer ones is verified first.
    let mut hits: HashMap<u64, (u32, f32)> = HashMap::new();
    for list in lists {
        if list.len() >= cfg.posting_cap {
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
    let min_hits = if words > FULL_INDEX_PAIRS + 1 && lists.len() >= 4 {
        (lists.len() as u32).div_ceil(4).clamp(2, 6)
    } else {
        1
    };
    let mut ranked: Vec<(u64, (u32, f32))> =
        hits.into_iter().filter(|&(_, h)| h.0 >= min_hits).collect();
    ranked.sort_unstable_by(|a, b| {
        (b.1.0, b.1.1)
            .partial_cmp(&(a.1.0, a.1.1))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    ranked.truncate(cfg.max_candidates);
    ranked.into_iter().map(|(key, _)| key).collect()
}
