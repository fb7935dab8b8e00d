//! Incremental `verify`: what was written since the last clean check.
//!
//! Checking a store of hundreds of thousands of articles takes minutes,
//! and most of it was checked last time. So every write that adds,
//! replaces or removes an article's records (put, which import, merge,
//! migrate and repair write through; `replace_derived`; delete) records
//! the article's id in keyspace `0x50`, and every group write records the
//! groups it touched, each in the same sled batch as the write itself: a
//! write that reached the disk is recorded, whatever crashed after it.
//!
//! | key | value |
//! |-----|-------|
//! | `0x50`, `0x01`, article id | empty |
//! | `0x50`, `0x02`, group id | empty |
//!
//! [`Store::verify_since_last_check`] checks those articles (body hash,
//! their statements' hashes, their appearances and every index entry they
//! imply) and those groups, with the groups the articles' appearances are
//! in (record, candidate entries, members), then removes what it checked
//! in one batch, only if all of it was clean. Until the store has been
//! found clean once (the meta key `verified`), it checks everything.
//!
//! What this does not find, and [`Store::verify_full`] does: damage to
//! records written before the last clean check (a flipped bit on disk),
//! index entries no recorded write implies (they are keyed by name or
//! hash, so finding them is a walk), and counters that drifted (they are
//! recomputed from every statement, O(store)).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::codec;
use crate::error::{ObjectKind, Result};
use crate::groups::{GroupId, member_key};
use crate::id::Id;
use crate::keys::{self, Keyspace, VERIFIED_KEY};
use crate::record::{Article, Statement};
use crate::store::Store;
use crate::verify::{Problem, ProblemKind, VerifyReport, Walk};

const ARTICLE: u8 = 0x01;
const GROUP: u8 = 0x02;

/// Entries removed per batch when a full check clears them all.
const CLEAR_BATCH: usize = 10_000;

fn key(kind: u8, id: &[u8; 32]) -> [u8; 34] {
    let mut key = [0u8; 34];
    key[0] = Keyspace::Unverified.tag();
    key[1] = kind;
    key[2..].copy_from_slice(id);
    key
}

/// Records in `batch` that article `id` was written.
pub(crate) fn stage_article(batch: &mut sled::Batch, id: &Id) {
    batch.insert(&key(ARTICLE, id.as_bytes())[..], &[]);
}

/// Records in `batch` that group `id` was written.
pub(crate) fn stage_group(batch: &mut sled::Batch, id: &GroupId) {
    batch.insert(&key(GROUP, id.as_bytes())[..], &[]);
}

impl Store {
    /// The groups of `batch` that need no entry of their own: those that
    /// gain a member whose article is still to be checked, and lose none.
    /// Checking that article checks the groups its appearances are in
    /// (record, candidate entries, members), so the group is checked
    /// either way. Matching on ingest runs right after the articles are
    /// put, so this is nearly every group it writes, and an entry per new
    /// statement was nearly one key written in ten. Called with writes
    /// serialized, so no check can clear the article's entry meanwhile.
    pub(crate) fn groups_checked_with_articles(
        &self,
        batch: &crate::GroupBatch,
    ) -> Result<BTreeSet<GroupId>> {
        let losing: BTreeSet<GroupId> = (batch.removed_groups.iter().copied())
            .chain(batch.removed_members.iter().map(|(g, _)| *g))
            .collect();
        let mut pending = std::collections::HashMap::new();
        let mut covered = BTreeSet::new();
        for (group, appearance, _) in &batch.members {
            if losing.contains(group) || covered.contains(group) {
                continue;
            }
            // An appearance id starts with its article's first 16 bytes.
            let mut prefix = [0u8; 18];
            prefix[0] = Keyspace::Unverified.tag();
            prefix[1] = ARTICLE;
            prefix[2..].copy_from_slice(&appearance.as_bytes()[..16]);
            let is_pending = match pending.get(&prefix) {
                Some(&p) => p,
                None => {
                    let found = self.tree.scan_prefix(prefix).next().transpose();
                    let p = self.db(found, || "read the unverified entries")?.is_some();
                    pending.insert(prefix, p);
                    p
                }
            };
            if is_pending {
                covered.insert(*group);
            }
        }
        Ok(covered)
    }
}

/// Whether an entry of the keyspace has the documented shape.
pub(crate) fn well_formed(key: &[u8], value: &[u8]) -> bool {
    key.len() == 34 && matches!(key[1], ARTICLE | GROUP) && value.is_empty()
}

/// Which check [`Store::verify_since_last_check`] ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// What was written since the last clean check.
    SinceLastCheck,
    /// Everything: the store had no record of a clean check.
    Full,
}

impl Store {
    /// Checks what was written since the last clean check, or everything
    /// when there was none (see the module docs); a clean result is
    /// recorded, so the next call checks only what is written after it.
    /// Writers wait meanwhile, so nothing written during the check is
    /// taken as checked.
    pub fn verify_since_last_check(&self) -> Result<(Scope, VerifyReport)> {
        let writing = self.lock_writes();
        if !self.db(
            self.tree.contains_key(VERIFIED_KEY),
            || "read the verified flag",
        )? {
            drop(writing);
            return Ok((Scope::Full, self.verify_full()?));
        }
        let mut walk = Walk::default();
        walk.groups.look_up = true;
        let mut checked = Vec::new();
        let mut groups = BTreeSet::new();
        for entry in self.tree.scan_prefix([Keyspace::Unverified.tag()]) {
            let (k, v) = self.db(entry, || "scan the unverified entries")?;
            walk.report.bytes += (k.len() + v.len()) as u64;
            if !well_formed(&k, &v) {
                walk.report.problems.push(Problem {
                    kind: ProblemKind::UnknownKey,
                    object: None,
                    id: None,
                    keyspace: Keyspace::Unverified.name(),
                    detail: "malformed unverified entry".into(),
                });
                continue;
            }
            let Some(id) = Id::from_slice(&k[2..]) else {
                continue;
            };
            if k[1] == ARTICLE {
                self.check_article(&id, &mut walk, &mut groups)?;
            } else if let Some(group) = GroupId::from_slice(&k[2..]) {
                groups.insert(group);
            }
            checked.push(k);
        }
        for group in &groups {
            self.check_group(group, &mut walk)?;
        }
        walk.report.ungrouped = walk.report.appearances.saturating_sub(walk.grouped);
        if walk.report.is_clean() {
            let mut batch = sled::Batch::default();
            for k in checked {
                batch.remove(k);
            }
            self.db(self.tree.apply_batch(batch), || "record the check")?;
        }
        Ok((Scope::SinceLastCheck, walk.report))
    }

    /// Checks everything ([`Store::verify`]) and, when it is clean,
    /// records that: the `verified` key, and no article or group left to
    /// check. Counters are recomputed here only, since that is a walk of
    /// every statement.
    pub fn verify_full(&self) -> Result<VerifyReport> {
        let _writing = self.lock_writes();
        let report = self.verify()?;
        if report.is_clean() {
            let mut batch = sled::Batch::default();
            let mut n = 0;
            for entry in self.tree.scan_prefix([Keyspace::Unverified.tag()]) {
                let (k, _) = self.db(entry, || "scan the unverified entries")?;
                batch.remove(k);
                n += 1;
                if n % CLEAR_BATCH == 0 {
                    let full = std::mem::take(&mut batch);
                    self.db(self.tree.apply_batch(full), || "record the check")?;
                }
            }
            // Last: a crash before it leaves some entries to check again,
            // or a store that is checked in full again; both are safe.
            batch.insert(VERIFIED_KEY, &[1u8][..]);
            self.db(self.tree.apply_batch(batch), || "record the check")?;
        }
        Ok(report)
    }

    /// Articles and groups written since the last clean check.
    pub fn unverified_count(&self) -> Result<u64> {
        self.count_prefix(&[Keyspace::Unverified.tag()])
    }

    /// Checks one article written since the last check, and collects the
    /// groups its appearances are in.
    fn check_article(
        &self,
        id: &Id,
        walk: &mut Walk,
        groups: &mut BTreeSet<GroupId>,
    ) -> Result<()> {
        let list_key = keys::appearances_key(id);
        let list = self.db(self.tree.get(list_key), || format!("read article {id}"))?;
        let article = self.db(
            self.tree.get(keys::object_key(ObjectKind::Article, id)),
            || format!("read article {id}"),
        )?;
        if let Some(value) = &article {
            walk.report.articles += 1;
            walk.report.bytes += value.len() as u64;
            match walk.object::<Article>(id, value, Keyspace::Article) {
                Some(article) => self.verify_article_day(id, &article, walk)?,
                None => {
                    walk.corrupt.insert(*id);
                }
            }
        }
        // A deleted article: nothing of it may remain (its list is what
        // would remain; `verify_appearances` reports it as dangling).
        let Some(list) = list else {
            return Ok(());
        };
        walk.report.bytes += list.len() as u64;
        // Statements are re-hashed here: the walk's later reads of them
        // trust what it has checked.
        let appearances = match &article {
            Some(value) => codec::decode_body(value)
                .ok()
                .and_then(|body| codec::decode_appearances(id, &body, &list).ok())
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let mut statements = BTreeSet::new();
        for (_, a) in &appearances {
            if !statements.insert(a.statement) {
                continue;
            }
            let key = keys::object_key(ObjectKind::Statement, &a.statement);
            if let Some(value) = self.db(self.tree.get(key), || "read a statement")? {
                walk.report.statements += 1;
                if walk
                    .object::<Statement>(&a.statement, &value, Keyspace::Statement)
                    .is_none()
                {
                    walk.corrupt.insert(a.statement);
                }
            }
        }
        self.verify_appearances(&list_key, &list, walk)?;
        for (aid, _) in &appearances {
            let of = keys::id_prefix(Keyspace::GroupOf, aid);
            let Some(value) = self.db(self.tree.get(of), || "read a group-of entry")? else {
                // The founder of its group has no entry: its group's
                // record, checked with the group, is its membership.
                if let Some(group) = self.founded_group(aid)? {
                    walk.grouped += 1;
                    groups.insert(group);
                }
                continue;
            };
            let problem = walk.groups.check(self, Keyspace::GroupOf, &of, &value)?;
            if problem.is_none() {
                walk.grouped += 1;
            }
            walk.report.problems.extend(problem);
            groups.extend(GroupId::from_slice(&value));
        }
        Ok(())
    }

    /// Checks one group: its record and candidate entries, and each
    /// member. A group removed since leaves no member behind.
    fn check_group(&self, group: &GroupId, walk: &mut Walk) -> Result<()> {
        let key = keys::id_prefix(Keyspace::Groups, group.as_id());
        let members = self.listed_members(group)?;
        let Some(value) = self.db(self.tree.get(key), || format!("read group {group}"))? else {
            if let Some((member, _)) = members.first() {
                walk.report.problems.push(Problem::stale_appearance_entry(
                    Keyspace::GroupMembers,
                    Some(*member),
                    "its group is not stored",
                ));
            }
            return Ok(());
        };
        walk.report.index_entries += 1;
        let problem = walk.groups.check(self, Keyspace::Groups, &key, &value)?;
        walk.report.problems.extend(problem);
        for (member, summary) in members {
            walk.report.index_entries += 1;
            let key = member_key(group, &member);
            let problem = walk
                .groups
                .check(self, Keyspace::GroupMembers, &key, &summary)?;
            walk.report.problems.extend(problem);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
