//! Counters after puts, re-puts, deletes and shared statements; verify
//! against tampering; the value encoding.

use super::*;
use crate::store::fixtures::{article, filled};
use crate::verify::ProblemKind;
use crate::{NameCount, Totals};

/// The stored counters are what a walk over the objects counts.
fn assert_true(store: &Store) {
    let recount = store.recount().unwrap();
    let mut stored = BTreeMap::new();
    for field in FIELDS {
        for (folded, spellings) in store.stored_counters(field).unwrap() {
            stored.insert(name_key(field, &folded), spellings);
        }
    }
    assert_eq!(stored, recount.names);
    assert_eq!(store.stored_totals().unwrap().unwrap(), recount.totals);
    assert!(store.verify().unwrap().is_clean());
}

fn speakers(store: &Store) -> Vec<(String, u64, u64)> {
    let counts = store.counts(NameField::Speaker).unwrap();
    counts
        .into_iter()
        .map(
            |NameCount {
                 name,
                 statements,
                 appearances,
             }| (name, statements, appearances),
        )
        .collect()
}

#[test]
fn counters_follow_puts_and_a_second_put_adds_nothing() {
    let (_dir, store, _) = filled(5);
    assert_true(&store);
    let before = (speakers(&store), store.totals().unwrap());
    assert_eq!(
        before.0,
        [("Awa Diallo".into(), 10, 10), ("Karim Sow".into(), 5, 5)]
    );
    let (a, found) = article(2, "RFI", 3);
    let outcome = store.put_article(&a, &found).unwrap();
    assert!(!outcome.changed());
    // In one batch with itself, too.
    store
        .put_articles([(&a, &found[..]), (&a, &found[..])])
        .unwrap();
    assert_eq!((speakers(&store), store.totals().unwrap()), before);
    assert_true(&store);
}

#[test]
fn a_statement_two_articles_print_is_counted_once_with_two_appearances() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    // Articles 0 and 3 of one outlet print the same three statements.
    let (a, found_a) = article(0, "RFI", 3);
    let (b, found_b) = article(3, "RFI", 3);
    store
        .put_articles([(&a, &found_a[..]), (&b, &found_b[..])])
        .unwrap();
    let totals = Totals {
        articles: 2,
        statements: 3,
        appearances: 6,
    };
    assert_eq!(store.totals().unwrap(), totals);
    assert_eq!(
        speakers(&store),
        [("Awa Diallo".into(), 2, 4), ("Karim Sow".into(), 1, 2)]
    );
    assert_true(&store);

    store.delete_article(&b.id()).unwrap().unwrap();
    let totals = Totals {
        articles: 1,
        statements: 3,
        appearances: 3,
    };
    assert_eq!(store.totals().unwrap(), totals);
    assert_eq!(
        speakers(&store),
        [("Awa Diallo".into(), 2, 2), ("Karim Sow".into(), 1, 1)]
    );
    assert_true(&store);

    store.delete_article(&a.id()).unwrap().unwrap();
    assert_eq!(store.totals().unwrap(), Totals::default());
    assert_eq!(speakers(&store), []);
    assert_eq!(
        store.count_prefix(&[Keyspace::Counter.tag(), 1]).unwrap(),
        0
    );
    assert_true(&store);
}

#[test]
fn spellings_of_one_name_are_one_counter_shown_as_the_commonest() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a, mut found) = article(0, "RFI", 5);
    // Awa Diallo's third statement with her name in capitals: a
    // statement of its own, under the same folded name.
    let (st, ap) = &mut found[4];
    *st = Statement::new(
        st.kind,
        &st.text,
        Some("AWA DIALLO"),
        Some("RFI"),
        Some("AFP"),
    );
    ap.statement = st.id();
    store.put_article(&a, &found).unwrap();
    assert_eq!(speakers(&store)[0], ("Awa Diallo".into(), 3, 3));
    assert_true(&store);
    let outcome = store.delete_article(&a.id()).unwrap().unwrap();
    assert_eq!(outcome.statements.len(), 5);
    assert_true(&store);
}

#[test]
fn a_store_written_before_counters_builds_them_on_first_read() {
    let (_dir, store, _) = filled(4);
    let expected = (speakers(&store), store.totals().unwrap());
    // As an earlier build left it: no counters, no flag.
    let mut batch = sled::Batch::default();
    for entry in store.tree.scan_prefix([Keyspace::Counter.tag()]) {
        batch.remove(entry.unwrap().0);
    }
    batch.remove(COUNTERS_KEY);
    store.tree.apply_batch(batch).unwrap();
    assert!(
        store.verify().unwrap().is_clean(),
        "no counters yet is not damage"
    );
    // Writes before the counters exist leave them alone.
    let (a, found) = article(10, "Reuters", 3);
    store.put_article(&a, &found).unwrap();
    assert_eq!(store.count_prefix(&[Keyspace::Counter.tag()]).unwrap(), 0);

    // Article 10 prints the statements of article 1 again.
    let mut after = expected.clone();
    after.0[0].2 += 2;
    after.0[1].2 += 1;
    after.1.articles += 1;
    after.1.appearances += 3;
    assert_eq!((speakers(&store), store.totals().unwrap()), after);
    assert!(store.counters_complete().unwrap());
    assert_true(&store);
}

#[test]
fn verify_reports_a_tampered_missing_or_extra_counter() {
    let (_dir, store, _) = filled(3);
    let only = |store: &Store| {
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        let p = report.problems[0].clone();
        assert_eq!(p.keyspace, "counters");
        (p.kind, p.detail)
    };
    let key = name_key(NameField::Speaker, "awa diallo");
    let good = store.tree.get(&key).unwrap().unwrap();
    let mut spellings = decode_spellings(&good).unwrap();
    spellings.get_mut("Awa Diallo").unwrap().appearances += 1;
    store
        .tree
        .insert(&key, encode_spellings(&spellings))
        .unwrap();
    let (kind, detail) = only(&store);
    assert_eq!(kind, ProblemKind::StaleIndexEntry);
    assert!(detail.contains("awa diallo"), "{detail}");

    store.tree.remove(&key).unwrap();
    assert_eq!(only(&store).0, ProblemKind::MissingIndexEntry);
    store.tree.insert(&key, good).unwrap();

    let ghost = name_key(NameField::Wire, "reuters");
    store
        .tree
        .insert(&ghost, encode_spellings(&spellings))
        .unwrap();
    assert_eq!(only(&store).0, ProblemKind::StaleIndexEntry);
    store.tree.remove(&ghost).unwrap();

    let totals = Totals {
        articles: 4,
        statements: 9,
        appearances: 9,
    };
    store
        .tree
        .insert(TOTALS_KEY, encode_totals(&totals))
        .unwrap();
    assert_eq!(only(&store).0, ProblemKind::StaleIndexEntry);
    store.tree.insert(TOTALS_KEY, &b"short"[..]).unwrap();
    assert_eq!(only(&store).0, ProblemKind::Corrupt);
    assert!(matches!(store.totals(), Err(Error::CorruptCounter { .. })));

    store.rebuild_counters().unwrap();
    assert_true(&store);
}

#[test]
fn spellings_round_trip_and_refuse_truncation() {
    let mut s = Spellings::new();
    s.insert(
        "Awa Diallo".into(),
        Tally {
            statements: 2,
            appearances: 5,
        },
    );
    s.insert(
        "AWA DIALLO".into(),
        Tally {
            statements: 2,
            appearances: 7,
        },
    );
    let bytes = encode_spellings(&s);
    assert_eq!(decode_spellings(&bytes), Some(s.clone()));
    assert_eq!(decode_spellings(&bytes[..bytes.len() - 1]), None);
    assert_eq!(shown(&s), Some("AWA DIALLO"), "more appearances");
    s.get_mut("AWA DIALLO").unwrap().appearances = 5;
    assert_eq!(shown(&s), Some("AWA DIALLO"), "then byte order");
}

#[test]
fn a_build_cut_short_is_not_taken_as_complete_and_is_redone_from_zero() {
    let (_dir, store, _) = filled(6);
    assert_true(&store);
    // A build that dies after its first batch of two statements.
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        store
            .build_counters_by(2, |n| assert!(n < 2, "killed after a batch"))
            .unwrap();
    }));
    assert!(crashed.is_err());
    assert!(
        !store.counters_complete().unwrap(),
        "the key is written last"
    );
    assert!(
        store.count_prefix(&[Keyspace::Counter.tag()]).unwrap() > 0,
        "half the counts are there"
    );
    // Writes meanwhile leave incomplete counters alone.
    let (a, found) = article(11, "Reuters", 2);
    store.put_article(&a, &found).unwrap();
    // The next count builds them again, from zero, in batches.
    let mut seen = Vec::new();
    store.build_counters_by(2, |n| seen.push(n)).unwrap();
    assert!(seen.len() > 3, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(store.counters_complete().unwrap());
    assert_true(&store);
}

#[test]
fn building_again_replaces_the_counters_rather_than_adding_to_them() {
    let (_dir, store, _) = filled(4);
    let before = (speakers(&store), store.totals().unwrap());
    store.build_counters_by(3, |_| {}).unwrap();
    store.rebuild_counters().unwrap();
    assert_eq!((speakers(&store), store.totals().unwrap()), before);
    assert_true(&store);
}
