use super::*;
use crate::record::{Appearance, Article, Kind, WireSource};
use crate::{ObjectKind, ProblemKind};

/// An article of `outlet` quoting each of `texts`.
fn article_saying(
    n: usize,
    outlet: &str,
    texts: &[&str],
) -> (Article, Vec<(Statement, Appearance)>) {
    let mut body = format!("Dispatch {n} from {outlet}.\n\n");
    let mut spans = Vec::new();
    for t in texts {
        body.push_str("The minister said: \u{201C}");
        let start = body.len();
        body.push_str(t);
        spans.push((start, body.len()));
        body.push_str("\u{201D}\n\n");
    }
    let article = Article {
        outlet: Some(outlet.into()),
        published: Some(format!("2024-03-{:02}", n % 28 + 1)),
        body,
        ..Article::default()
    };
    let found = spans
        .into_iter()
        .map(|(start, end)| {
            let text = &article.body[start..end];
            let s = Statement::new(Kind::Quote, text, Some("Awa Diallo"), Some(outlet), None);
            let a = Appearance {
                statement: s.id(),
                article: article.id(),
                start,
                end,
                text: text.into(),
                speaker_mention: Some("Awa Diallo".into()),
                wire_source: WireSource::None,
            };
            (s, a)
        })
        .collect();
    (article, found)
}

const BRIDGE: &str = "The bridge over the river will be rebuilt before the rainy season begins";
const GRAIN: &str = "Every family in the district will receive grain until the harvest";

fn store_with(articles: &[(Article, Vec<(Statement, Appearance)>)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    for (a, found) in articles {
        store.put_article(a, found).unwrap();
    }
    (dir, store)
}

fn found_ids(store: &Store, words: &str) -> Vec<Id> {
    (store.statements_by_words(words, 10).unwrap().into_iter())
        .map(|h| h.statement)
        .collect()
}

#[test]
fn a_statement_is_found_by_any_five_of_its_words_and_only_by_its_own() {
    let a = article_saying(1, "Daily One", &[BRIDGE, GRAIN]);
    let bridge = a.1[0].0.id();
    let grain = a.1[1].0.id();
    let (_dir, store) = store_with(&[a]);
    assert!(store.word_index_built().unwrap());
    let words: Vec<&str> = BRIDGE.split(' ').collect();
    for run in words.windows(5) {
        assert_eq!(
            found_ids(&store, &run.join(" ")).first(),
            Some(&bridge),
            "{run:?}"
        );
    }
    // Other punctuation and case find it too; the best match comes first.
    assert_eq!(
        found_ids(&store, "every FAMILY in the district, will receive grain")[0],
        grain
    );
    assert!(found_ids(&store, "nothing of the sort was ever said here").is_empty());
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn runs_are_merged_as_levels_fill_and_everything_stays_found() {
    let texts: Vec<String> = (0..40)
        .map(|i| format!("Shipment {i} of seed reached the northern villages on day {i}"))
        .collect();
    let articles: Vec<_> = (0..40)
        .map(|i| article_saying(i, "Daily One", &[texts[i].as_str()]))
        .collect();
    let (_dir, store) = store_with(&articles);
    let manifest = store.word_manifest().unwrap().unwrap();
    // One run per write, merged by eights.
    assert!(manifest.runs.len() < 8, "{} runs", manifest.runs.len());
    assert_eq!(manifest.next_seq, 40 + 5);
    for (i, (_, found)) in articles.iter().enumerate() {
        // Found among those that share its words: which of these look-alikes
        // is meant is for the caller to tell by the words.
        let hits = store.statements_by_words(&texts[i], 64).unwrap();
        assert!(
            hits.iter().any(|h| h.statement == found[0].0.id()),
            "shipment {i}"
        );
    }
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn a_deleted_statement_is_no_longer_found_and_the_index_still_verifies() {
    let a = article_saying(1, "Daily One", &[BRIDGE]);
    let b = article_saying(2, "Daily Two", &[GRAIN]);
    let gone = a.0.id();
    let (_dir, store) = store_with(&[a, b]);
    store.delete_article(&gone).unwrap().unwrap();
    assert!(found_ids(&store, BRIDGE).is_empty());
    assert_eq!(found_ids(&store, GRAIN).len(), 1);
    let manifest = store.word_manifest().unwrap().unwrap();
    assert_eq!(manifest.removed.count, words::sampled(BRIDGE).len() as u64);
    assert!(
        store.verify().unwrap().is_clean(),
        "{:?}",
        store.verify().unwrap()
    );
    // Printed again, it is filed again.
    let again = article_saying(1, "Daily One", &[BRIDGE]);
    store.put_article(&again.0, &again.1).unwrap();
    assert_eq!(found_ids(&store, BRIDGE), vec![again.1[0].0.id()]);
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn verify_names_a_lost_chunk_and_a_statement_missing_from_the_index() {
    let (_dir, store) = store_with(&[article_saying(1, "Daily One", &[BRIDGE, GRAIN])]);
    let (key, value) = store
        .tree
        .scan_prefix([Keyspace::WordRuns.tag()])
        .next()
        .unwrap()
        .unwrap();
    store.tree.remove(&key).unwrap();
    let report = store.verify().unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(report.problems[0].kind, ProblemKind::Corrupt);
    assert!(report.problems[0].detail.contains("repair"));
    store.tree.insert(&key, value).unwrap();
    assert!(store.verify().unwrap().is_clean());

    // A statement written around the index.
    let s = Statement::new(Kind::Claim, "A third thing was said", None, None, None);
    store
        .tree
        .insert(
            crate::keys::object_key(ObjectKind::Statement, &s.id()),
            crate::keys::Record::encode(&s),
        )
        .unwrap();
    let problems = store.verify().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.kind == ProblemKind::MissingIndexEntry
                && p.keyspace == Keyspace::WordRuns.name()),
        "{problems:?}"
    );
}

#[test]
fn a_store_written_before_the_index_builds_it_whole() {
    let (_dir, store) = store_with(&[
        article_saying(1, "Daily One", &[BRIDGE]),
        article_saying(2, "Daily Two", &[GRAIN, BRIDGE]),
    ]);
    store.clear_word_index().unwrap();
    assert!(!store.word_index_built().unwrap());
    assert!(found_ids(&store, BRIDGE).is_empty());
    // Writes made meanwhile do not touch an index that is not there.
    let c = article_saying(
        3,
        "Daily Three",
        &["The road north reopened on Monday morning"],
    );
    store.put_article(&c.0, &c.1).unwrap();
    assert!(store.verify().unwrap().is_clean());

    let mut seen = 0;
    store.build_word_index(|n| seen = n).unwrap();
    assert_eq!(seen, 4);
    assert_eq!(
        found_ids(&store, BRIDGE).len(),
        2,
        "both outlets' statements"
    );
    assert_eq!(found_ids(&store, "the road north reopened").len(), 1);
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn a_quote_printed_by_more_outlets_than_a_run_is_read_for_is_still_found() {
    // Twelve outlets print the grain quote word for word, twelve others
    // something else. Each pair is read for 4 statements a run, so every
    // pair of the quote is read in part.
    let mut articles = Vec::new();
    for n in 0..12 {
        articles.push(article_saying(n, &format!("Outlet {n}"), &[GRAIN]));
        let other = format!("Road {n} north of town gets new signs soon");
        articles.push(article_saying(n, &format!("Other {n}"), &[other.as_str()]));
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let puts: Vec<_> = articles.iter().map(|(a, f)| (a, f.as_slice())).collect();
    store.put_articles(puts).unwrap();
    let copies: Vec<Id> = (articles.iter().step_by(2))
        .map(|(_, f)| f[0].0.id())
        .collect();
    let hits = store.statements_by_words_reading(GRAIN, 4, 4).unwrap();
    assert_eq!(hits.len(), 4);
    assert!(
        hits.iter().all(|h| copies.contains(&h.statement)),
        "{hits:?}"
    );
}

#[test]
fn an_index_of_other_rules_is_not_used_or_judged_and_a_build_replaces_it() {
    let (_dir, store) = store_with(&[article_saying(1, "Daily One", &[BRIDGE])]);
    let mut m = store.word_manifest().unwrap().unwrap();
    m.format = words::FORMAT + 1;
    store.tree.insert(MANIFEST_KEY, m.encode()).unwrap();
    assert!(!store.word_index_built().unwrap());
    assert!(found_ids(&store, BRIDGE).is_empty());
    assert!(store.verify().unwrap().is_clean());
    store.build_word_index(|_| {}).unwrap();
    assert_eq!(found_ids(&store, BRIDGE).len(), 1);
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn a_statement_deleted_and_stored_again_still_verifies_once_its_runs_are_merged() {
    // Its entries are then in the runs twice, once as removed: a merge
    // must keep both, or the tally no longer adds up.
    let a = article_saying(1, "Daily One", &[BRIDGE]);
    let (_dir, store) = store_with(std::slice::from_ref(&a));
    store.delete_article(&a.0.id()).unwrap().unwrap();
    store.put_article(&a.0, &a.1).unwrap();
    for n in 0..20 {
        let text = format!("Convoy {n} left the depot at dawn for the northern towns");
        let b = article_saying(n + 2, "Daily Two", &[text.as_str()]);
        store.put_article(&b.0, &b.1).unwrap();
    }
    let m = store.word_manifest().unwrap().unwrap();
    assert!(m.runs.len() < 8, "merged: {} runs", m.runs.len());
    let report = store.verify().unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!(found_ids(&store, BRIDGE), vec![a.1[0].0.id()]);
}

#[test]
fn equal_entries_are_never_cut_apart_so_chunk_keys_stay_distinct() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut entries = vec![7u64; CHUNK + 1];
    entries.extend([8, 9]);
    let mut batch = sled::Batch::default();
    stage_run(3, &entries, &mut batch);
    store.tree.apply_batch(batch).unwrap();
    let chunks = store.run_chunks(3).unwrap();
    let sizes: Vec<usize> = chunks.iter().map(|(_, e)| e.len()).collect();
    assert_eq!(sizes, [CHUNK + 1, 2], "every copy of 7 in one chunk");
    assert_eq!(
        chunks.iter().map(|(_, e)| e.len()).sum::<usize>(),
        entries.len()
    );
}
