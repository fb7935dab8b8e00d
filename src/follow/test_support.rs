//! Helpers the follow tests share: a fresh store, articles printing one
//! quote, and ingest with matching, as production runs it.

use quotetrail_store::{Appearance, Article, GroupId, Id, Kind, Statement, Store};

use crate::follow::persist::{StoreMatcher, match_stored};

/// An article with its statements and appearances, as ingest stores it.
pub(crate) type Printed = (Article, Vec<(Statement, Appearance)>);

/// One article printing one quote, with its records.
pub(crate) fn article(
    outlet: &str,
    date: &str,
    speaker: &str,
    wire: Option<&str>,
    quote: &str,
) -> Printed {
    let body = format!("\u{201C}{quote}\u{201D} {speaker} said.");
    let a = Article {
        outlet: Some(outlet.into()),
        published: Some(date.into()),
        body,
        ..Article::default()
    };
    let s = Statement::new(Kind::Quote, quote, Some(speaker), Some(outlet), wire);
    let ap = Appearance {
        statement: s.id(),
        article: a.id(),
        start: 3,
        end: 3 + quote.len(),
        text: quote.into(),
        speaker_mention: Some(speaker.into()),
        wire_source: Default::default(),
    };
    (a, vec![(s, ap)])
}

/// An empty store in a temporary directory (kept alive by the first half).
pub(crate) fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

/// Stores the articles and matches their appearances in one pass, as
/// ingest does; returns how many were placed.
pub(crate) fn ingest(store: &Store, arts: &[Printed]) -> usize {
    for (a, f) in arts {
        store.put_article(a, f).unwrap();
    }
    let mut m = StoreMatcher::new(store);
    match_stored(&mut m, arts.iter().map(|(a, f)| (a, f.as_slice()))).unwrap()
}

/// The appearance id of an article's first (only) statement.
pub(crate) fn id_of(x: &Printed) -> Id {
    x.1[0].1.id()
}

/// The id of the group an article's first statement founds.
pub(crate) fn founded(x: &Printed) -> GroupId {
    GroupId::founded_by(&id_of(x))
}

/// The group of an article's first statement.
pub(crate) fn group_of(store: &Store, x: &Printed) -> Option<GroupId> {
    store.group_of(&id_of(x)).unwrap()
}
