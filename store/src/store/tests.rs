//! Writing and reading articles back: idempotence, shared objects,
//! refused batches, threads, probes, schema checks.

use super::fixtures::article;
use super::*;

#[test]
fn put_is_idempotent_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a, found) = article(1, "RFI", 4);
    let first = store.put_article(&a, &found).unwrap();
    assert!(first.article_new);
    assert_eq!((first.statements_new, first.appearances_new), (4, 4));
    let again = store.put_article(&a, &found).unwrap();
    assert!(!again.changed());
    assert_eq!(store.get_article(&a.id()).unwrap(), Some(a.clone()));
    let (st, ap) = &found[2];
    assert_eq!(store.get_statement(&st.id()).unwrap().as_ref(), Some(st));
    assert_eq!(store.get_appearance(&ap.id()).unwrap().as_ref(), Some(ap));
}

#[test]
fn a_stored_article_gains_the_appearances_a_newer_extractor_finds() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a, found) = article(1, "RFI", 4);
    store.put_article(&a, &found[..2]).unwrap();
    let out = store.put_article(&a, &found).unwrap();
    assert_eq!(
        (out.article_new, out.statements_new, out.appearances_new),
        (false, 2, 2)
    );
    let listed: Vec<_> = store.appearances_in(&a.id()).unwrap();
    let expected: Vec<_> = found.iter().map(|(_, ap)| (ap.id(), ap.clone())).collect();
    assert_eq!(listed, expected, "all four, in text order");
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn the_same_article_twice_in_one_batch_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a, found) = article(1, "RFI", 3);
    let outs = store
        .put_articles([(&a, &found[..2]), (&a, &found[..])])
        .unwrap();
    let outs: Vec<_> = outs.into_iter().map(Result::unwrap).collect();
    assert_eq!(
        (
            outs[0].appearances_new,
            outs[1].article_new,
            outs[1].appearances_new
        ),
        (2, false, 1)
    );
    assert_eq!(store.appearances_in(&a.id()).unwrap().len(), 3);
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn assign_fills_in_the_ids_new_would_check() {
    let (a, found) = article(1, "RFI", 3);
    let mut blank = found.clone();
    for (_, ap) in &mut blank {
        ap.statement = Id::from_bytes([0; 32]);
        ap.article = Id::from_bytes([7; 32]);
    }
    assert!(Checked::new(&a, &blank).is_err());
    let assigned = Checked::assign(&a, &mut blank).unwrap();
    assert_eq!(blank, found);
    assert_eq!(assigned, Checked::new(&a, &found).unwrap());
}

#[test]
fn shared_statements_are_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    // Articles 0 and 3 print the same quotes from the same outlet.
    let (a0, f0) = article(0, "RFI", 2);
    let (a3, f3) = article(3, "RFI", 2);
    assert_eq!(store.put_article(&a0, &f0).unwrap().statements_new, 2);
    let out = store.put_article(&a3, &f3).unwrap();
    assert_eq!(
        (out.article_new, out.statements_new, out.appearances_new),
        (true, 0, 2)
    );
}

#[test]
fn inconsistent_pairs_are_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a, mut found) = article(1, "RFI", 3);
    found[1].1.end = a.body.len() + 1;
    let err = store.put_article(&a, &found).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Invalid {
                kind: ObjectKind::Appearance,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(store.get_article(&a.id()).unwrap(), None);
    let (_, other) = article(2, "RFI", 1);
    let err = store.put_article(&a, &other).unwrap_err();
    assert!(err.to_string().contains("names article"), "{err}");
}

#[test]
fn a_batch_skips_invalid_articles_and_counts_shared_objects_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a0, f0) = article(0, "RFI", 2);
    let (a3, f3) = article(3, "RFI", 2);
    let (bad, mut fbad) = article(7, "RFI", 1);
    fbad[0].1.start = fbad[0].1.end + 1;
    let out = store
        .put_articles([
            (&a0, f0.as_slice()),
            (&bad, fbad.as_slice()),
            (&a3, f3.as_slice()),
            (&a0, f0.as_slice()),
        ])
        .unwrap();
    let summary: Vec<_> = out
        .iter()
        .map(|r| {
            r.as_ref()
                .map(|o| (o.article_new, o.statements_new, o.appearances_new))
        })
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    assert_eq!(summary[0], Ok((true, 2, 2)));
    assert!(
        summary[1]
            .as_ref()
            .is_err_and(|e| e.contains("not a span of the article body"))
    );
    assert_eq!(summary[2], Ok((true, 0, 2)));
    assert_eq!(summary[3], Ok((false, 0, 0)));
    assert_eq!(store.get_article(&bad.id()).unwrap(), None);
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn threads_putting_overlapping_articles_count_each_object_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let outcomes: Vec<PutOutcome> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|t| {
                let store = &store;
                scope.spawn(move || {
                    // Every thread puts articles 0..6, from a different start.
                    (0..6)
                        .map(|i| {
                            let (a, found) = article((i + t) % 6, "RFI", 3);
                            store.put_article(&a, &found).unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let totals = store.totals().unwrap();
    let new_articles = outcomes.iter().filter(|o| o.article_new).count() as u64;
    let new_statements: usize = outcomes.iter().map(|o| o.statements_new).sum();
    let new_appearances: usize = outcomes.iter().map(|o| o.appearances_new).sum();
    assert_eq!(new_articles, 6);
    assert_eq!(
        (new_statements as u64, new_appearances as u64),
        (totals.statements, totals.appearances)
    );
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn prechecked_ids_must_fit_their_article() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a1, f1) = fixtures::article(1, "RFI", 2);
    let (a2, f2) = fixtures::article(2, "RFI", 2);
    let ids1 = Checked::new(&a1, &f1).unwrap();
    let ids2 = Checked::new(&a2, &f2).unwrap();
    let out = store
        .put_prechecked([(&a1, f1.as_slice(), &ids2), (&a2, f2.as_slice(), &ids2)])
        .unwrap();
    assert!(matches!(out[0], Err(Error::Invalid { .. })), "{:?}", out[0]);
    assert!(out[1].as_ref().unwrap().article_new);
    // Another article record with the right statements is refused too.
    let mut other = a1.clone();
    other.title = Some("Changed after the ids were computed".into());
    let out = store
        .put_prechecked([(&other, f1.as_slice(), &ids1)])
        .unwrap();
    assert!(matches!(out[0], Err(Error::Invalid { .. })), "{:?}", out[0]);
    assert_eq!(store.get_article(&a1.id()).unwrap(), None);
    let out = store.put_prechecked([(&a1, f1.as_slice(), &ids1)]).unwrap();
    assert_eq!(out[0].as_ref().unwrap().statements_new, 2);
    assert!(store.verify().unwrap().is_clean());
}

/// The same statements in another article of the same outlet.
fn reprint(
    article: &Article,
    found: &[(Statement, Appearance)],
) -> (Article, Vec<(Statement, Appearance)>) {
    let mut copy = article.clone();
    copy.body.push_str("\n\nReprinted.");
    let id = copy.id();
    let found = found
        .iter()
        .map(|(s, a)| {
            let mut a = a.clone();
            a.article = id;
            (s.clone(), a)
        })
        .collect();
    (copy, found)
}

#[test]
fn a_stale_probe_still_counts_each_statement_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a1, f1) = fixtures::article(1, "RFI", 3);
    let (a2, f2) = reprint(&a1, &f1);
    // Both probed before anything is written: each sees nothing stored.
    let mut ids1 = Checked::new(&a1, &f1).unwrap();
    let mut ids2 = Checked::new(&a2, &f2).unwrap();
    store.probe(&mut ids1).unwrap();
    store.probe(&mut ids2).unwrap();
    let first = store.put_prechecked([(&a1, f1.as_slice(), &ids1)]).unwrap();
    assert_eq!(first[0].as_ref().unwrap().statements_new, 3);
    // The second probe is out of date: the writer knows better.
    let second = store.put_prechecked([(&a2, f2.as_slice(), &ids2)]).unwrap();
    let second = second[0].as_ref().unwrap();
    assert!(second.article_new);
    assert_eq!((second.statements_new, second.appearances_new), (0, 3));
    // A probe too old to bring up to date falls back to lookups.
    let (a3, f3) = fixtures::article(3, "Reuters", 2);
    let mut ids3 = Checked::new(&a3, &f3).unwrap();
    store.probe(&mut ids3).unwrap();
    let (early, early_found) = reprint(&a3, &f3);
    store.put_article(&early, &early_found).unwrap();
    for n in 0..RECENT_BATCHES {
        let (a, f) = fixtures::article(100 + n, "AP", 1);
        store.put_article(&a, &f).unwrap();
    }
    let before = store.totals().unwrap().statements;
    let out = store.put_prechecked([(&a3, f3.as_slice(), &ids3)]).unwrap();
    assert_eq!(out[0].as_ref().unwrap().statements_new, 0);
    assert_eq!(store.totals().unwrap().statements, before);
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn schema_version_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        let newer = SCHEMA_VERSION + 1;
        store.tree.insert(SCHEMA_KEY, &newer.to_be_bytes()).unwrap();
    }
    match Store::open(dir.path()) {
        Err(Error::SchemaMismatch {
            found,
            expected: SCHEMA_VERSION,
            ..
        }) if found == SCHEMA_VERSION + 1 => {}
        other => panic!("expected a schema mismatch, got {:?}", other.err()),
    }
}

#[test]
fn reopen_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let (a, found) = article(5, "Reuters", 2);
    {
        let store = Store::open(dir.path()).unwrap();
        store.put_article(&a, &found).unwrap();
        store.flush().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.get_article(&a.id()).unwrap(), Some(a));
}

#[test]
fn a_store_closed_with_its_snapshot_reopens_at_once_without_replaying_the_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, found) = article(6, "AFP", 3);
    let store = Store::open(dir.path()).unwrap();
    store.put_article(&a, &found).unwrap();
    store.close_with_snapshot().unwrap();
    // The snapshot sled wrote on that last open covers every write: the
    // newest snapshot file names the log position the writes ended at,
    // and opening again finds nothing newer to replay, so names the same.
    let newest = |dir: &Path| {
        let mut snaps: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("snap."))
            .collect();
        snaps.sort();
        snaps.pop().unwrap()
    };
    let sealed = newest(dir.path());
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.get_article(&a.id()).unwrap(), Some(a));
    assert_eq!(newest(dir.path()), sealed);
}
