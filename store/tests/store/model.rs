//! The store against an in-memory model: random puts of generated articles
//! and reopens, then every read compared with what the model says.

use std::collections::BTreeMap;

use proptest::prelude::*;
use quotetrail_store::{
    Appearance, Article, Id, Kind, NameField, Statement, StatementFilter, Store, Totals, fold_name,
};

use crate::common;

#[derive(Clone, Debug)]
enum Op {
    /// Put generated article `n` with `count` statements.
    Put { n: u64, count: usize },
    /// Drop the store and open it again.
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..16u64, 0..6usize).prop_map(|(n, count)| Op::Put { n, count }),
        1 => Just(Op::Reopen),
    ]
}

#[derive(Default)]
struct Model {
    articles: BTreeMap<Id, Article>,
    statements: BTreeMap<Id, Statement>,
    appearances: BTreeMap<Id, Appearance>,
}

fn check_against(store: &Store, model: &Model) {
    assert_eq!(
        store.totals().unwrap(),
        Totals {
            articles: model.articles.len() as u64,
            statements: model.statements.len() as u64,
            appearances: model.appearances.len() as u64,
        }
    );
    for (id, article) in &model.articles {
        assert_eq!(store.get_article(id).unwrap().as_ref(), Some(article));
        let mut expected: Vec<_> = model
            .appearances
            .iter()
            .filter(|(_, a)| a.article == *id)
            .map(|(aid, a)| (a.start, *aid))
            .collect();
        expected.sort();
        let got: Vec<_> = store
            .appearances_in(id)
            .unwrap()
            .into_iter()
            .map(|(aid, a)| (a.start, aid))
            .collect();
        assert_eq!(got, expected);
    }
    for (id, appearance) in &model.appearances {
        assert_eq!(store.get_appearance(id).unwrap().as_ref(), Some(appearance));
    }
    let all: BTreeMap<Id, Statement> = store
        .statements(&StatementFilter::default())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(all, model.statements);
    // Every speaker lookup returns exactly the model's statements.
    for count in store.counts(NameField::Speaker).unwrap() {
        let filter = StatementFilter {
            speaker: Some(count.name.to_uppercase()),
            ..StatementFilter::default()
        };
        // Name lookups go article by article: compared in id order, each
        // statement once.
        let mut got: Vec<Id> = store
            .statements(&filter)
            .unwrap()
            .map(|r| r.unwrap().0)
            .collect();
        got.sort();
        let want: Vec<Id> = model
            .statements
            .iter()
            .filter(|(_, s)| s.speaker.as_deref().map(fold_name) == Some(fold_name(&count.name)))
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(got, want, "speaker {}", count.name);
        assert_eq!(count.statements, want.len() as u64);
    }
    // Combined filters over the article-level name indexes, and the
    // fingerprint index, agree with a plain filter over the model.
    for outlet in ["daily example", "RIVER POST"] {
        for wire in [None, Some("afp")] {
            let filter = StatementFilter {
                outlet: Some(outlet.to_string()),
                wire: wire.map(str::to_string),
                kind: Some(Kind::Quote),
                ..StatementFilter::default()
            };
            let mut got: Vec<Id> = store
                .statements(&filter)
                .unwrap()
                .map(|r| r.unwrap().0)
                .collect();
            got.sort();
            let same = |have: &Option<String>, want: &str| {
                have.as_deref().map(fold_name) == Some(fold_name(want))
            };
            let want: Vec<Id> = model
                .statements
                .iter()
                .filter(|(_, s)| s.kind == Kind::Quote && same(&s.outlet, outlet))
                .filter(|(_, s)| wire.is_none_or(|w| same(&s.wire, w)))
                .map(|(id, _)| *id)
                .collect();
            assert_eq!(got, want, "outlet {outlet} wire {wire:?}");
        }
    }
    for (id, statement) in &model.statements {
        let filter = StatementFilter {
            fingerprint: Some(statement.fingerprint()),
            ..StatementFilter::default()
        };
        let same_words: Vec<Id> = store
            .statements(&filter)
            .unwrap()
            .map(|r| r.unwrap().0)
            .collect();
        assert!(same_words.contains(id));
        let want: Vec<Id> = model
            .appearances
            .iter()
            .filter(|(_, a)| a.statement == *id)
            .map(|(aid, _)| *aid)
            .collect();
        let got: Vec<Id> = store
            .appearances_of(id)
            .unwrap()
            .into_iter()
            .map(|(aid, _)| aid)
            .collect();
        assert_eq!(got, want);
    }
    let report = store.verify().unwrap();
    assert!(report.is_clean(), "{:#?}", report.problems);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn store_matches_model(ops in prop::collection::vec(op(), 1..24)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Some(Store::open(dir.path()).unwrap());
        let mut model = Model::default();
        for op in ops {
            match op {
                Op::Put { n, count } => {
                    let (article, found) = common::article(n, count);
                    let s = store.as_ref().unwrap();
                    let outcome = s.put_article(&article, &found).unwrap();
                    let article_new = model.articles.insert(article.id(), article).is_none();
                    let mut statements_new = 0;
                    let mut appearances_new = 0;
                    for (statement, appearance) in found {
                        statements_new +=
                            usize::from(model.statements.insert(statement.id(), statement).is_none());
                        appearances_new +=
                            usize::from(model.appearances.insert(appearance.id(), appearance).is_none());
                    }
                    prop_assert_eq!(outcome.article_new, article_new);
                    prop_assert_eq!(outcome.statements_new, statements_new);
                    prop_assert_eq!(outcome.appearances_new, appearances_new);
                }
                Op::Reopen => {
                    drop(store.take());
                    store = Some(Store::open(dir.path()).unwrap());
                }
            }
        }
        check_against(store.as_ref().unwrap(), &model);
    }
}
