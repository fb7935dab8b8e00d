//! [`run`] end to end on a real store, with a [`Progress`] that collects
//! what it is told. The texts are invented for these tests.

use std::io;
use std::path::Path;

use quotetrail_store::{Id, Store};

use super::*;

/// Everything a run reported, in order.
#[derive(Default)]
struct Collected {
    events: Vec<Event>,
    /// When set, the `stored` event for this source fails.
    fail_on: Option<&'static str>,
}

#[derive(Debug, PartialEq)]
enum Event {
    Stored { source: String, id: Id, new: bool },
    Failed(String),
    Written(usize),
    Matched(MatchedBatch),
    Finished(Summary),
}

impl Progress for Collected {
    fn stored(&mut self, article: &StoredArticle<'_>) -> io::Result<()> {
        let source = article.prepared.article.source.clone().unwrap_or_default();
        if self.fail_on.is_some_and(|f| source.ends_with(f)) {
            return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
        }
        self.events.push(Event::Stored {
            source,
            id: article.outcome.article,
            new: article.outcome.article_new,
        });
        Ok(())
    }

    fn failed(&mut self, message: &str) {
        self.events.push(Event::Failed(message.to_owned()));
    }

    fn written(&mut self, so_far: &Summary) {
        self.events
            .push(Event::Written(so_far.articles_new + so_far.articles_seen));
    }

    fn matched(&mut self, batch: &MatchedBatch) {
        self.events.push(Event::Matched(*batch));
    }

    fn finished(&mut self, summary: &Summary) {
        self.events.push(Event::Finished(summary.clone()));
    }
}

impl Collected {
    fn stored(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Stored { source, .. } => Some(source.as_str()),
                _ => None,
            })
            .collect()
    }

    fn failed(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Failed(m) => Some(m.as_str()),
                _ => None,
            })
            .collect()
    }

    fn grouped(&self) -> usize {
        self.events
            .iter()
            .map(|e| match e {
                Event::Matched(b) => b.appearances_grouped,
                _ => 0,
            })
            .sum()
    }
}

/// Two outlets printing the same quote, and a file that is not UTF-8
/// between them.
fn write_inputs(dir: &Path) -> Vec<PathBuf> {
    let quote = "\"The ferry will run again by the end of May,\" said Ilse Marten, \
                 the harbour director.";
    let files: [(&str, Vec<u8>, &str); 3] = [
        (
            "a.txt",
            format!("Repairs at the pier are nearly done. {quote}").into_bytes(),
            r#"{"outlet": "Harbour Gazette", "published": "2031-04-02"}"#,
        ),
        (
            "b.txt",
            b"Caf\xe9 owners on the quay said trade was slow.".to_vec(),
            "{}",
        ),
        (
            "c.txt",
            format!("{quote} Traders on the quay welcomed the news.").into_bytes(),
            r#"{"outlet": "Inland Post", "published": "2031-04-03"}"#,
        ),
    ];
    files
        .iter()
        .map(|(name, text, meta)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            std::fs::write(path.with_extension("meta.json"), meta).unwrap();
            path
        })
        .collect()
}

fn options(matching: bool) -> Options {
    Options {
        threads: 2,
        matching,
        ..Options::default()
    }
}

/// Every stored appearance, and whether it is in a group.
fn appearances(store: &Store) -> Vec<(Id, bool)> {
    let mut out = Vec::new();
    for entry in store.articles() {
        let (id, _) = entry.unwrap();
        for (appearance, _) in store.appearances_in(&id).unwrap() {
            out.push((appearance, store.group_of(&appearance).unwrap().is_some()));
        }
    }
    out
}

#[test]
fn a_bad_input_is_reported_by_path_and_the_rest_is_stored_and_matched() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_inputs(dir.path());
    let store = Store::open(dir.path().join("store")).unwrap();
    let mut seen = Collected::default();

    let summary = run(&store, from_paths(&paths), &options(true), &mut seen).unwrap();

    let failed = seen.failed();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0].contains("b.txt"), "{}", failed[0]);
    assert!(failed[0].contains("invalid UTF-8"), "{}", failed[0]);
    let stored = seen.stored();
    assert_eq!(stored.len(), 2, "{stored:?}");
    assert!(stored[0].ends_with("a.txt") && stored[1].ends_with("c.txt"));
    assert_eq!(seen.events.last(), Some(&Event::Finished(summary.clone())));

    // The summary agrees with the store.
    let totals = store.totals().unwrap();
    assert_eq!(summary.failures, 1);
    assert_eq!(summary.articles_new, 2);
    assert_eq!(summary.articles_seen, 0);
    assert_eq!(totals.articles, 2);
    assert_eq!(summary.statements_new as u64, totals.statements);
    assert_eq!(summary.appearances_new as u64, totals.appearances);
    assert!(summary.statements_found >= 2, "{summary:?}");

    // Every appearance was grouped, and the matched events add up.
    let appearances = appearances(&store);
    assert_eq!(appearances.len() as u64, totals.appearances);
    assert!(appearances.iter().all(|(_, grouped)| *grouped));
    assert_eq!(summary.appearances_grouped, appearances.len());
    assert_eq!(seen.grouped(), summary.appearances_grouped);
    // And the quote both outlets printed is one group.
    let groups_of = |source: &str| -> Vec<_> {
        let id = seen
            .events
            .iter()
            .find_map(|e| match e {
                Event::Stored { source: s, id, .. } if s.ends_with(source) => Some(*id),
                _ => None,
            })
            .unwrap();
        store
            .appearances_in(&id)
            .unwrap()
            .iter()
            .filter_map(|(a, _)| store.group_of(a).unwrap())
            .collect()
    };
    let (a, c) = (groups_of("a.txt"), groups_of("c.txt"));
    assert!(a.iter().any(|g| c.contains(g)), "{a:?} / {c:?}");
}

#[test]
fn without_matching_nothing_is_grouped_and_a_second_run_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_inputs(dir.path());
    let store = Store::open(dir.path().join("store")).unwrap();

    let mut first = Collected::default();
    let summary = run(&store, from_paths(&paths), &options(false), &mut first).unwrap();
    assert_eq!(summary.articles_new, 2);
    assert_eq!(summary.appearances_grouped, 0);
    assert!(!first.events.iter().any(|e| matches!(e, Event::Matched(_))));
    assert!(appearances(&store).iter().all(|(_, grouped)| !grouped));

    // The same input again: nothing new, but now it is grouped.
    let mut second = Collected::default();
    let again = run(&store, from_paths(&paths), &options(true), &mut second).unwrap();
    assert_eq!(again.articles_new, 0);
    assert_eq!(again.articles_seen, 2);
    assert_eq!((again.statements_new, again.appearances_new), (0, 0));
    assert_eq!(again.statements_found, summary.statements_found);
    assert_eq!(again.failures, 1);
    assert!(
        second
            .events
            .iter()
            .any(|e| matches!(e, Event::Stored { new: false, .. }))
    );
    assert!(appearances(&store).iter().all(|(_, grouped)| *grouped));
}

#[test]
fn a_failing_progress_stops_the_run_with_whole_articles_stored() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_inputs(dir.path());
    let store = Store::open(dir.path().join("store")).unwrap();
    let mut seen = Collected {
        fail_on: Some("c.txt"),
        ..Collected::default()
    };

    let err = run(&store, from_paths(&paths), &options(true), &mut seen).unwrap_err();
    assert!(matches!(&err, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe));
    // The batch was written before it was reported: both articles are
    // whole in the store, and the run still finished its progress.
    assert_eq!(store.totals().unwrap().articles, 2);
    assert!(matches!(seen.events.last(), Some(Event::Finished(_))));
}

#[test]
fn given_inputs_go_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("store")).unwrap();
    let mut seen = Collected::default();
    let summary = run(
        &store,
        from_inputs(crate::demo::inputs()),
        &options(true),
        &mut seen,
    )
    .unwrap();
    assert_eq!(summary.articles_new, crate::demo::CORPUS.len());
    assert_eq!(seen.stored().len(), crate::demo::CORPUS.len());
    assert!(seen.failed().is_empty());
    assert_eq!(
        summary.appearances_grouped as u64,
        store.totals().unwrap().appearances
    );
    assert!(seen.events.iter().any(|e| matches!(e, Event::Written(4))));
}
