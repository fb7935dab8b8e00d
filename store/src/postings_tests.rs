use super::*;
use crate::groups::GroupBatch;
use crate::store::fixtures::filled;

fn group(n: u8) -> GroupId {
    GroupId::from_slice(&[n; 32]).unwrap()
}

/// Stores `groups` under keys of their own, which is all a lookup reads.
fn store_groups(store: &Store, groups: impl IntoIterator<Item = GroupId>) {
    for g in groups {
        let key = crate::keys::id_prefix(Keyspace::Groups, g.as_id());
        store.tree.insert(key, &b"state"[..]).unwrap();
    }
}

fn leaves(store: &Store) -> Vec<(u64, Vec<Entry>)> {
    store
        .tree
        .scan_prefix([Keyspace::GroupPostings.tag()])
        .map(|e| {
            let (k, v) = e.unwrap();
            (leaf_last(&k).unwrap(), decode(&v).unwrap())
        })
        .collect()
}

#[test]
fn lists_split_into_bounded_leaves_and_read_back_whole() {
    let (_dir, store, _) = filled(1);
    store_groups(&store, [group(1), group(2)]);
    // 200 hashes spread over the whole range, each listing two groups.
    let hashes: Vec<u64> = (0..200u64)
        .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .collect();
    for chunk in hashes.chunks(37) {
        let changes: Vec<PostingChange> = chunk
            .iter()
            .flat_map(|&h| {
                [
                    PostingChange::Add(h, group(1)),
                    PostingChange::Add(h, group(2)),
                ]
            })
            .collect();
        store.damage_listing_all(&changes);
    }
    let all = leaves(&store);
    assert!(all.len() > 400 / MAX_ENTRIES, "split: {} leaves", all.len());
    assert!(all.iter().all(|(_, e)| e.len() <= MAX_ENTRIES));
    assert_eq!(
        all.last().unwrap().0,
        u64::MAX,
        "the last leaf ends the range"
    );
    // Each leaf holds only hashes above the one before it, up to its key.
    let mut after = None;
    for (last, entries) in &all {
        assert!(entries.iter().all(|(h, _)| h <= last && after < Some(*h)));
        after = Some(*last);
    }
    for &h in &hashes {
        assert_eq!(store.group_candidates(h).unwrap(), vec![group(1), group(2)]);
        assert!(store.is_listed(h, &group(2)).unwrap());
    }
    assert!(store.group_candidates(12345).unwrap().is_empty());
    // Unlisting everything removes every leaf.
    let changes: Vec<PostingChange> = hashes
        .iter()
        .flat_map(|&h| {
            [
                PostingChange::Remove(h, group(1)),
                PostingChange::Remove(h, group(2)),
            ]
        })
        .collect();
    store.damage_listing_all(&changes);
    assert!(leaves(&store).is_empty());
    assert!(store.group_candidates(hashes[3]).unwrap().is_empty());
}

#[test]
fn one_hash_is_never_split_across_leaves() {
    let (_dir, store, _) = filled(1);
    store_groups(&store, (1..=40).map(group));
    let many: Vec<PostingChange> = (1..=40u8)
        .map(|g| PostingChange::Add(7, group(g)))
        .chain((0..10).map(|h| PostingChange::Add(100 + h, group(1))))
        .collect();
    store.damage_listing_all(&many);
    let all = leaves(&store);
    let with_7: Vec<_> = all
        .iter()
        .filter(|(_, e)| e.iter().any(|x| x.0 == 7))
        .collect();
    assert_eq!(with_7.len(), 1, "{all:?}");
    assert_eq!(store.group_candidates(7).unwrap().len(), 40);
}

#[test]
fn verify_finds_a_leaf_out_of_order_or_undecodable() {
    let (_dir, store, found) = filled(1);
    let g = GroupId::founded_by(&found[0].1.id());
    store
        .apply_groups(&GroupBatch {
            groups: vec![(g, vec![])],
            members: vec![(g, found[0].1.id(), vec![])],
            postings: vec![PostingChange::Add(5, g), PostingChange::Add(9, g)],
            ..GroupBatch::default()
        })
        .unwrap();
    assert!(store.verify().unwrap().is_clean());
    // The leaf ending at u64::MAX rewritten under a key below its hashes.
    let value = store.tree.remove(leaf_key(u64::MAX)).unwrap().unwrap();
    store.tree.insert(leaf_key(6), value).unwrap();
    let report = store.verify().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.detail.contains("outside its range")),
        "{:#?}",
        report.problems
    );
    store.tree.insert(leaf_key(6), &[1u8, 2, 3][..]).unwrap();
    let report = store.verify().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.detail.contains("not whole entries")),
        "{:#?}",
        report.problems
    );
    assert!(matches!(
        store.group_candidates(5),
        Err(crate::Error::CorruptCandidates { .. })
    ));
}

#[test]
fn groups_sharing_an_id_prefix_are_both_found_and_unlisted_one_at_a_time() {
    let (_dir, store, _) = filled(1);
    let mut twin = [1u8; 32];
    twin[31] = 9;
    let (a, b) = (group(1), GroupId::from_slice(&twin).unwrap());
    store_groups(&store, [a, b]);
    store.damage_listing_all(&[PostingChange::Add(5, a), PostingChange::Add(5, b)]);
    assert_eq!(store.group_candidates(5).unwrap(), vec![a, b]);
    store.damage_listing(PostingChange::Remove(5, a));
    // b's entry is still there, so both are still proposed.
    assert_eq!(store.group_candidates(5).unwrap(), vec![a, b]);
    store.damage_listing(PostingChange::Remove(5, b));
    assert!(store.group_candidates(5).unwrap().is_empty());
}
