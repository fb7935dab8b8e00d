//! Reading ahead for the matcher, on another thread.
//!
//! **Why.** Matching on ingest runs on one thread, and most of that
//! thread's time is reads: the candidate lists of each version's word
//! pairs, the ids and states of the groups it is verified against, and
//! whether it is already grouped (`perf` on a 30,000-article store: about
//! 40% of the thread). The other core is mostly idle meanwhile. A
//! [`Lookahead`] does those reads for the next batch while the matcher is
//! still matching (and committing) the one before.
//!
//! **Why it never changes a decision.** Each read ahead records how many
//! commits the matcher had published when it began ([`Lookahead::read`]'s
//! `seen`). The matcher remembers what its last few commits changed (the
//! candidate lists, the groups and their candidate keys, the appearances
//! placed) and, in [`StoreMatcher::adopt`], drops every value that a
//! commit after `seen` may have changed, and everything when it no longer
//! remembers all of those commits. What it keeps is what the store holds
//! now, and it never replaces what the matcher already holds (its own
//! changes of the pass included). So matching reads the same values as
//! without the read-ahead, only sooner; a test compares the groups.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet, VecDeque};

use quotetrail_store::{GroupBatch, GroupId, Id, PostingChange, Store};

use super::candidates::rank;
use super::state::GroupState;
use super::{Result, StoreMatcher, side_keys};
use crate::follow::Version;
use crate::follow::matching::{MatchConfig, match_keys, sampled_shingles};

/// How many commits the matcher remembers the changes of: a read-ahead
/// older than that is dropped whole.
const REMEMBERED: usize = 4;

/// Values read from the store for a batch of versions, before matching
/// them (see the module docs).
#[derive(Debug, Default)]
pub struct Lookahead {
    /// Commits the matcher had published when the reads began.
    seen: u64,
    /// Versions in no group when read.
    ungrouped: Vec<Id>,
    /// Candidate lists by hash.
    postings: Vec<(u64, Vec<u64>)>,
    /// Candidate keys that stood for exactly one group.
    ids: Vec<(u64, GroupId)>,
    /// States of the groups first in line to be verified.
    states: Vec<(GroupId, GroupState)>,
}

impl Lookahead {
    /// Reads what matching `versions` will read first: for each version
    /// not yet grouped, its candidate lists (word pairs and the weaker
    /// tiers' keys) and the ids and states of the candidates its word pairs
    /// rank first. `seen` is the matcher's published commit count
    /// ([`StoreMatcher::commits`]), loaded *before* this call.
    pub fn read(store: &Store, cfg: &MatchConfig, seen: u64, versions: &[Version]) -> Result<Self> {
        Self::read_checked(store, cfg, seen, versions, true)
    }

    /// [`Lookahead::read`] for versions the caller found in no group
    /// after commit `seen`.
    pub fn read_ungrouped(
        store: &Store,
        cfg: &MatchConfig,
        seen: u64,
        versions: &[Version],
    ) -> Result<Self> {
        Self::read_checked(store, cfg, seen, versions, false)
    }

    fn read_checked(
        store: &Store,
        cfg: &MatchConfig,
        seen: u64,
        versions: &[Version],
        check: bool,
    ) -> Result<Self> {
        let mut out = Lookahead {
            seen,
            ..Lookahead::default()
        };
        let mut lists: HashMap<u64, Vec<u64>> = HashMap::new();
        let mut resolved: HashSet<u64> = HashSet::new();
        for v in versions {
            if check && store.group_of(&v.id)?.is_some() {
                continue;
            }
            out.ungrouped.push(v.id);
            let keys = match_keys(&v.text);
            let sh = sampled_shingles(&keys);
            for h in sh.iter().copied().chain(side_keys(v)) {
                if let Entry::Vacant(e) = lists.entry(h) {
                    e.insert(store.candidate_keys(h)?);
                }
            }
            let ranked = rank(
                cfg,
                keys.len(),
                &sh.iter().map(|h| lists[h].as_slice()).collect::<Vec<_>>(),
            );
            for key in ranked {
                if !resolved.insert(key) {
                    continue;
                }
                if let [group] = store.groups_with_prefix(key)?.as_slice() {
                    out.ids.push((key, *group));
                    if let Some(st) = store
                        .group_state(group)?
                        .and_then(|v| GroupState::from_value(&v))
                    {
                        out.states.push((*group, st));
                    }
                }
            }
        }
        out.postings = lists.into_iter().collect();
        Ok(out)
    }
}

/// What one commit changed, for [`StoreMatcher::adopt`] to drop.
#[derive(Debug, Default)]
pub(super) struct Changed {
    /// The commit's number (the matcher's count after it).
    seq: u64,
    hashes: HashSet<u64>,
    groups: HashSet<GroupId>,
    /// Candidate keys of those groups.
    keys: HashSet<u64>,
    appearances: HashSet<Id>,
}

impl Changed {
    pub(super) fn of(seq: u64, batch: &GroupBatch) -> Self {
        let mut c = Changed {
            seq,
            ..Changed::default()
        };
        for change in &batch.postings {
            let (PostingChange::Add(h, g) | PostingChange::Remove(h, g)) = change;
            c.hashes.insert(*h);
            c.groups.insert(*g);
        }
        c.groups.extend(batch.groups.iter().map(|(g, _)| *g));
        c.groups.extend(batch.removed_groups.iter().copied());
        for (g, a, _) in &batch.members {
            c.groups.insert(*g);
            c.appearances.insert(*a);
        }
        for (g, a) in &batch.removed_members {
            c.groups.insert(*g);
            c.appearances.insert(*a);
        }
        c.keys = c.groups.iter().map(GroupId::candidate_key).collect();
        c
    }
}

/// The last commits' changes, oldest first.
#[derive(Debug, Default)]
pub(super) struct Recent {
    commits: u64,
    changes: VecDeque<Changed>,
}

impl Recent {
    /// Records a commit's changes (call after it is applied).
    pub(super) fn committed(&mut self, batch: &GroupBatch) {
        self.commits += 1;
        self.changes.push_back(Changed::of(self.commits, batch));
        if self.changes.len() > REMEMBERED {
            self.changes.pop_front();
        }
    }

    pub(super) fn commits(&self) -> u64 {
        self.commits
    }

    /// The changes of every commit after `seen`, or `None` when some of
    /// them are no longer remembered.
    fn since(&self, seen: u64) -> Option<Vec<&Changed>> {
        let later: Vec<&Changed> = self.changes.iter().filter(|c| c.seq > seen).collect();
        (self.commits.saturating_sub(seen) == later.len() as u64).then_some(later)
    }
}

impl StoreMatcher<'_> {
    /// How many commits this matcher has applied: what a [`Lookahead`]
    /// for it must be told it has seen.
    pub fn commits(&self) -> u64 {
        self.recent.commits()
    }

    /// Takes what `ahead` read that no later commit may have changed,
    /// where this matcher holds nothing yet (see the module docs), and
    /// says how many values it took.
    pub fn adopt(&mut self, ahead: Lookahead) -> usize {
        let Some(later) = self.recent.since(ahead.seen) else {
            return 0;
        };
        let before =
            self.ungrouped.len() + self.postings.len() + self.ids.len() + self.groups.len();
        let changed = |f: &dyn Fn(&Changed) -> bool| later.iter().any(|c| f(c));
        for id in ahead.ungrouped {
            if !changed(&|c| c.appearances.contains(&id)) {
                self.ungrouped.insert(id);
            }
        }
        for (h, list) in ahead.postings {
            if !self.postings.contains_key(&h) && !changed(&|c| c.hashes.contains(&h)) {
                self.postings.insert(h, list);
            }
        }
        for (key, group) in ahead.ids {
            if !self.ids.contains_key(&key) && !changed(&|c| c.keys.contains(&key)) {
                self.ids.insert(key, group);
            }
        }
        for (group, st) in ahead.states {
            if !self.groups.contains_key(&group) && !changed(&|c| c.groups.contains(&group)) {
                self.groups.insert(group, st);
            }
        }
        self.ungrouped.len() + self.postings.len() + self.ids.len() + self.groups.len() - before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow::test_support::{Printed, article, fresh, id_of};

    const FIRST: &str = "The ministry will pay the teachers their March salaries on Friday";
    const LATER: &str = "The ministry will pay the teachers their March salaries on Friday, \
         and every school in the region reopens in April";

    fn version(x: &Printed) -> Version {
        Version::from_records(&x.1[0].0, &x.1[0].1, &x.0)
    }

    /// A group's id, stored state and members.
    type Stored = (GroupId, Vec<u8>, Vec<Id>);

    /// Each group's state and members, by group.
    fn groups_of(store: &Store) -> Vec<Stored> {
        let mut out = Vec::new();
        for found in store.groups() {
            let (g, value) = found.unwrap();
            let members = store.group_members(&g).unwrap();
            out.push((
                g,
                value.state,
                members.into_iter().map(|(id, _)| id).collect(),
            ));
        }
        out
    }

    /// Stores `first`, then matches `second` and `third` in two commits,
    /// reading ahead for `third` before the first commit when `ahead`.
    fn run(ahead: bool) -> (Vec<Stored>, usize) {
        let (_dir, store) = fresh();
        let first = article("Daily A", "2024-03-02", "Awa Diallo", Some("AFP"), FIRST);
        let second = article("Daily B", "2024-03-03", "Awa Diallo", None, FIRST);
        let third = article(
            "Daily C",
            "2024-03-04",
            "Awa Diallo",
            Some("Reuters"),
            LATER,
        );
        for (a, f) in [&first, &second, &third] {
            store.put_article(a, f).unwrap();
        }
        let mut m = StoreMatcher::new(&store);
        m.insert(&version(&first)).unwrap();
        m.commit().unwrap();
        let read = Lookahead::read(&store, m.config(), m.commits(), &[version(&third)]).unwrap();
        // This commit changes the group `third` will join: its state
        // and member count as read ahead are stale.
        m.insert(&version(&second)).unwrap();
        m.commit().unwrap();
        // As after a commit that found the caches full: the stale values
        // are not shadowed by what the matcher holds.
        m.trim_caches(0);
        let taken = if ahead { m.adopt(read) } else { 0 };
        m.insert(&version(&third)).unwrap();
        m.commit().unwrap();
        assert_eq!(
            store.group_of(&id_of(&third)).unwrap(),
            store.group_of(&id_of(&first)).unwrap()
        );
        (groups_of(&store), taken)
    }

    #[test]
    fn values_a_later_commit_changed_are_dropped_and_the_groups_are_the_same() {
        let (plain, _) = run(false);
        let (ahead, taken) = run(true);
        assert_eq!(ahead, plain);
        assert!(taken > 0, "what no commit changed is taken");
    }

    #[test]
    fn a_read_ahead_older_than_the_remembered_commits_is_dropped_whole() {
        let (_dir, store) = fresh();
        let x = article("Daily A", "2024-03-02", "Awa Diallo", None, FIRST);
        store.put_article(&x.0, &x.1).unwrap();
        let mut m = StoreMatcher::new(&store);
        let read = || Lookahead::read(&store, &MatchConfig::default(), 0, &[version(&x)]).unwrap();
        let mut fresh_matcher = StoreMatcher::new(&store);
        assert!(fresh_matcher.adopt(read()) > 0);
        for _ in 0..=REMEMBERED {
            m.commit().unwrap();
        }
        assert_eq!(m.adopt(read()), 0);
    }
}
