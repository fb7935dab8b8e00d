use super::*;

fn filled() -> (tempfile::TempDir, Store, Vec<(Statement, Appearance)>) {
    crate::store::fixtures::filled(4)
}

fn only_problem(store: &Store) -> Problem {
    let report = store.verify().unwrap();
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    report.problems[0].clone()
}

#[test]
fn a_fresh_store_is_clean() {
    let (_dir, store, _) = filled();
    let report = store.verify().unwrap();
    assert!(report.is_clean(), "{:#?}", report.problems);
    assert_eq!(
        (report.articles, report.statements, report.appearances),
        (4, 12, 12)
    );
}

#[test]
fn a_changed_byte_names_the_object() {
    let (_dir, store, found) = filled();
    let id = found[0].0.id();
    let key = keys::object_key(ObjectKind::Statement, &id);
    let mut value = store.tree.get(key).unwrap().unwrap().to_vec();
    // Flip a letter of the text: still decodes, no longer hashes to id.
    let at = value.iter().position(|&b| b == b'W').unwrap();
    value[at] = b'w';
    store.tree.insert(key, value).unwrap();

    let problem = only_problem(&store);
    assert_eq!(problem.kind, ProblemKind::Corrupt);
    assert_eq!(
        (problem.object, problem.id),
        (Some(ObjectKind::Statement), Some(id))
    );
    assert!(problem.to_string().contains(&id.to_hex()), "{problem}");
    // Reads refuse it too.
    let err = store.get_statement(&id).unwrap_err();
    assert!(
        matches!(err, Error::Corrupt { id: bad, .. } if bad == id),
        "{err}"
    );
}

#[test]
fn truncated_values_are_corrupt() {
    let (_dir, store, found) = filled();
    let article = found[4].1.article;
    let key = keys::appearances_key(&article);
    let value = store.tree.get(key).unwrap().unwrap();
    store.tree.insert(key, &value[..value.len() - 3]).unwrap();
    // Reported once, for the article whose list it is, not again for
    // each index entry of the appearances it hides.
    let problem = only_problem(&store);
    assert_eq!(
        (problem.kind, problem.object, problem.id),
        (
            ProblemKind::Corrupt,
            Some(ObjectKind::Article),
            Some(article)
        )
    );
}

/// The stored index entries of `found[i]`'s appearance.
fn entries_of(found: &[(Statement, Appearance)], i: usize) -> Vec<keys::Entry> {
    let (st, ap) = &found[i];
    // The fixtures' articles are all of this day.
    let day = keys::day_key(Some("2024-03-01"));
    keys::appearance_entries(&ap.id(), ap, st, &day)
}

#[test]
fn a_missing_index_entry_names_its_object() {
    let (_dir, store, found) = filled();
    let (by_fingerprint, _) = &entries_of(&found, 1)[0];
    assert!(store.tree.remove(by_fingerprint).unwrap().is_some());
    let problem = only_problem(&store);
    assert_eq!(problem.kind, ProblemKind::MissingIndexEntry);
    assert_eq!(
        (problem.object, problem.id, problem.keyspace),
        (
            Some(ObjectKind::Appearance),
            Some(found[1].1.id()),
            "appearances-by-fingerprint"
        )
    );
}

#[test]
fn a_missing_name_entry_is_reported_once_for_its_article() {
    let (_dir, store, found) = filled();
    let (by_outlet, _) = &entries_of(&found, 0)[2];
    assert_eq!(keys::name_of(by_outlet), Some(b"rfi".as_slice()));
    assert!(store.tree.remove(by_outlet).unwrap().is_some());
    let problem = only_problem(&store);
    assert_eq!(
        (problem.kind, problem.keyspace),
        (ProblemKind::MissingIndexEntry, "articles-by-outlet")
    );
    // Named by an appearance of that article.
    let of_article: Vec<_> = found[..3].iter().map(|(_, ap)| Some(ap.id())).collect();
    assert!(of_article.contains(&problem.id), "{problem}");
}

#[test]
fn a_stale_name_entry_names_the_article() {
    let (_dir, store, found) = filled();
    let article = found[0].1.article;
    let key = keys::name_prefix(
        Keyspace::ArticleBySpeaker,
        &keys::fold_name("Somebody Else"),
    );
    let day = keys::day_key(Some("2024-03-01"));
    store
        .tree
        .insert([key.as_slice(), &day, article.as_bytes()].concat(), &[][..])
        .unwrap();
    let problem = only_problem(&store);
    assert_eq!(
        (problem.kind, problem.object, problem.id),
        (
            ProblemKind::StaleIndexEntry,
            Some(ObjectKind::Article),
            Some(article)
        )
    );
    assert!(problem.detail.contains("somebody else"), "{problem}");
}

/// Rewrites the appearances of `article` through `edit`.
fn edit_list(store: &Store, article: &Id, edit: impl FnOnce(&mut Vec<(Id, Appearance)>)) {
    let key = keys::appearances_key(article);
    let value = store.tree.get(key).unwrap().unwrap();
    let body = store.body_value(article).unwrap();
    let body = codec::decode_body(&body).unwrap();
    let mut list = codec::decode_appearances(article, &body, &value).unwrap();
    edit(&mut list);
    let value = codec::encode_appearances(None, list.iter().map(|(id, a)| (id, a)));
    store.tree.insert(key, value).unwrap();
}

#[test]
fn an_appearance_dropped_from_its_article_leaves_its_entries_stale() {
    let (_dir, store, found) = filled();
    let (_, ap) = &found[2];
    edit_list(&store, &ap.article, |list| {
        list.retain(|(id, _)| *id != ap.id())
    });
    let problem = only_problem(&store);
    assert_eq!(
        (problem.kind, problem.id, problem.keyspace),
        (
            ProblemKind::StaleIndexEntry,
            Some(ap.id()),
            "appearances-by-fingerprint"
        )
    );
    assert_eq!(store.get_appearance(&ap.id()).unwrap(), None);
}

#[test]
fn a_changed_appearance_no_longer_hashes_to_its_id() {
    let (_dir, store, found) = filled();
    let (_, ap) = &found[2];
    edit_list(&store, &ap.article, |list| {
        let (_, a) = list.iter_mut().find(|(id, _)| *id == ap.id()).unwrap();
        a.start += 1;
    });
    let problem = only_problem(&store);
    assert_eq!(
        (problem.kind, problem.object, problem.id),
        (
            ProblemKind::Corrupt,
            Some(ObjectKind::Appearance),
            Some(ap.id())
        )
    );
    // Reads refuse it too.
    assert!(matches!(
        store.get_appearance(&ap.id()),
        Err(Error::Corrupt { id, .. }) if id == ap.id()
    ));
}

#[test]
fn a_list_that_does_not_decode_is_corrupt() {
    let (_dir, store, found) = filled();
    let article = found[0].1.article;
    store
        .tree
        .insert(keys::appearances_key(&article), &[1u8; 5][..])
        .unwrap();
    let report = store.verify().unwrap();
    assert_eq!(report.problems[0].kind, ProblemKind::Corrupt);
    assert_eq!(report.problems[0].id, Some(article));
    // Reads refuse it too.
    assert!(matches!(
        store.appearances_in(&article),
        Err(Error::Corrupt { .. })
    ));
}

#[test]
fn a_removed_statement_leaves_dangling_appearances() {
    let (_dir, store, found) = filled();
    let id = found[2].0.id();
    store
        .tree
        .remove(keys::object_key(ObjectKind::Statement, &id))
        .unwrap();
    let problem = only_problem(&store);
    assert_eq!(
        (problem.kind, problem.id),
        (ProblemKind::DanglingReference, Some(found[2].1.id()))
    );
    assert!(problem.detail.contains(&id.to_hex()), "{problem}");
}

#[test]
fn foreign_keys_are_reported() {
    let (_dir, store, _) = filled();
    store.tree.insert(b"\xeejunk", &b"x"[..]).unwrap();
    assert_eq!(only_problem(&store).kind, ProblemKind::UnknownKey);
}
