//! Incremental checks: what they check, what they record, what they miss.

use super::*;
use crate::groups::{GroupBatch, PostingChange};
use crate::store::fixtures::{article, filled};

fn since(store: &Store) -> (Scope, VerifyReport) {
    store.verify_since_last_check().unwrap()
}

#[test]
fn the_first_check_is_full_and_the_next_checks_only_new_writes() {
    let (_dir, store, _) = filled(4);
    assert_eq!(store.unverified_count().unwrap(), 4);
    let (scope, report) = since(&store);
    assert_eq!((scope, report.articles), (Scope::Full, 4));
    assert!(report.is_clean(), "{:#?}", report.problems);
    assert_eq!(store.unverified_count().unwrap(), 0);

    let (scope, report) = since(&store);
    assert_eq!((scope, report.articles), (Scope::SinceLastCheck, 0));

    let (a, found) = article(9, "AP", 3);
    store.put_article(&a, &found).unwrap();
    let (scope, report) = since(&store);
    assert_eq!(scope, Scope::SinceLastCheck);
    assert_eq!(
        (report.articles, report.statements, report.appearances),
        (1, 3, 3)
    );
    assert!(report.is_clean(), "{:#?}", report.problems);
    assert_eq!(since(&store).1.articles, 0);
    assert!(
        store.verify().unwrap().is_clean(),
        "the full walk knows 0x50"
    );
}

#[test]
fn damage_to_a_new_article_is_found_and_kept_for_the_next_check() {
    let (_dir, store, found) = filled(3);
    since(&store);
    // Damage to an article checked before: only a full check finds it.
    let old = found[0].0.id();
    let key = keys::object_key(ObjectKind::Statement, &old);
    let good = store.tree.get(key).unwrap().unwrap();
    let mut bad = good.to_vec();
    let at = bad.iter().position(|&b| b == b'W').unwrap();
    bad[at] = b'w';
    store.tree.insert(key, bad).unwrap();
    assert!(since(&store).1.is_clean());
    assert!(!store.verify_full().unwrap().is_clean());
    store.tree.insert(key, good).unwrap();
    assert!(store.verify_full().unwrap().is_clean());

    // A new article with an index entry gone.
    let (a, more) = article(7, "AP", 2);
    store.put_article(&a, &more).unwrap();
    let (st, ap) = &more[1];
    let (by_fingerprint, _) = &keys::appearance_entries(&ap.id(), ap, st, &keys::UNDATED)[0];
    store.tree.remove(by_fingerprint).unwrap();
    let (_, report) = since(&store);
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    assert_eq!(report.problems[0].kind, ProblemKind::MissingIndexEntry);
    // Not clean: still to check next time.
    assert_eq!(store.unverified_count().unwrap(), 1);
    assert_eq!(since(&store).1.problems.len(), 1);
}

#[test]
fn groups_written_since_are_checked_and_a_delete_leaves_nothing_behind() {
    let (_dir, store, found) = filled(2);
    since(&store);
    let (first, second) = (found[0].1.id(), found[3].1.id());
    let g = GroupId::founded_by(&first);
    store
        .apply_groups(&GroupBatch {
            groups: vec![(g, vec![])],
            members: vec![(g, first, vec![]), (g, second, vec![])],
            postings: vec![PostingChange::Add(5, g)],
            ..GroupBatch::default()
        })
        .unwrap();
    assert_eq!(store.unverified_count().unwrap(), 1, "the group");
    // Its candidate entry lost: found through the group alone.
    store.damage_listing(PostingChange::Remove(5, g));
    let (_, report) = since(&store);
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    store.damage_listing(PostingChange::Add(5, g));
    let (_, report) = since(&store);
    assert!(report.is_clean(), "{:#?}", report.problems);

    let gone = store.delete_article(&found[0].1.article).unwrap().unwrap();
    assert_eq!(gone.groups, vec![g]);
    let (_, report) = since(&store);
    assert!(report.is_clean(), "{:#?}", report.problems);
    assert_eq!(report.articles, 0, "the article is gone");
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn a_malformed_entry_is_reported() {
    let (_dir, store, _) = filled(1);
    since(&store);
    store
        .tree
        .insert([Keyspace::Unverified.tag(), 9, 9], &[][..])
        .unwrap();
    assert_eq!(since(&store).1.problems.len(), 1);
    assert_eq!(store.verify().unwrap().problems.len(), 1);
}

#[test]
fn a_group_gaining_a_member_of_an_article_to_check_is_checked_with_it() {
    let (_dir, store, found) = filled(2);
    let (first, second) = (found[0].1.id(), found[3].1.id());
    let g = GroupId::founded_by(&first);
    store
        .apply_groups(&GroupBatch {
            groups: vec![(g, vec![])],
            members: vec![(g, first, vec![])],
            postings: vec![PostingChange::Add(5, g)],
            ..GroupBatch::default()
        })
        .unwrap();
    assert_eq!(store.unverified_count().unwrap(), 2, "the articles alone");
    // Its founder's article is still to check: a lost candidate entry is
    // found through it.
    let (scope, report) = since(&store);
    assert_eq!(scope, Scope::Full);
    assert!(report.is_clean(), "{:#?}", report.problems);
    let (a, more) = article(7, "AP", 1);
    store.put_article(&a, &more).unwrap();
    let h = GroupId::founded_by(&more[0].1.id());
    store
        .apply_groups(&GroupBatch {
            groups: vec![(h, vec![])],
            members: vec![(h, more[0].1.id(), vec![])],
            postings: vec![PostingChange::Add(6, h)],
            ..GroupBatch::default()
        })
        .unwrap();
    assert_eq!(store.unverified_count().unwrap(), 1, "the article alone");
    store.damage_listing(PostingChange::Remove(6, h));
    let (_, report) = since(&store);
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    assert_eq!(store.unverified_count().unwrap(), 1, "kept for next time");
    store.damage_listing(PostingChange::Add(6, h));
    assert!(since(&store).1.is_clean());

    // A member of an article checked before: the group has its own entry.
    store
        .apply_groups(&GroupBatch {
            groups: vec![(g, vec![1])],
            members: vec![(g, second, vec![])],
            ..GroupBatch::default()
        })
        .unwrap();
    assert_eq!(store.unverified_count().unwrap(), 1, "the group");
    assert!(since(&store).1.is_clean());
}
