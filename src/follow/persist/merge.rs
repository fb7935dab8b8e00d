//! Merging groups that one version bridges: whether two groups may become
//! one, and moving members, state and candidate lists into the keeper.

use std::collections::HashMap;

use quotetrail_store::{GroupId, Id, PostingChange};

use super::tiers::{name_hash, name_words};
use super::{
    GroupState, MAX_NAME_WORDS, MAX_NAMES, MemberSummary, Result, StoreMatcher, is_named, side_keys,
};
use crate::follow::Version;
use crate::follow::matching::{match_keys, shingles, word_match};
use crate::follow::translation::content_key;

impl StoreMatcher<'_> {
    /// Whether two groups may become one when a version of `bridge_words`
    /// words matched both: the joining rules, between the groups. The
    /// bridge must be at least as long as the longest version of each (a
    /// fuller text that holds both, not a fragment that many quotes
    /// contain), their dates must be within
    /// [`MatchConfig::max_days`](crate::follow::matching::MatchConfig::max_days), and
    /// every named speaker of `other` must be the same person as a named
    /// speaker of `keeper`.
    pub(super) fn mergeable(
        &mut self,
        keeper: &GroupId,
        other: &GroupId,
        bridge_words: u32,
    ) -> Result<bool> {
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
    pub(super) fn merge(&mut self, keeper: GroupId, other: GroupId) -> Result<()> {
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
            let Some(ap) = self.store.get_appearance(id)? else {
                continue;
            };
            let mut hashes = shingles(&match_keys(&ap.text));
            let statement = self.store.get_statement(&ap.statement)?;
            let article = self.store.get_article(&ap.article)?;
            match (statement, article) {
                (Some(s), Some(a)) => hashes.extend(side_keys(&Version::from_records(&s, &ap, &a))),
                _ => {
                    hashes.extend(name_words(&ap.text).iter().map(|n| name_hash(n)));
                    hashes.extend(content_key(&ap.text));
                }
            }
            let (keeper_key, other_key) = (keeper.candidate_key(), other.candidate_key());
            self.ids.insert(keeper_key, keeper);
            for h in hashes {
                let list = self.posting(h)?;
                let Some(at) = list.iter().position(|k| *k == other_key) else {
                    continue;
                };
                if list.contains(&keeper_key) {
                    list.remove(at);
                } else {
                    list[at] = keeper_key;
                    self.posting_changes.push(PostingChange::Add(h, keeper));
                }
                self.posting_changes.push(PostingChange::Remove(h, other));
            }
        }
        Ok(())
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
