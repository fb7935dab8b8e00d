//! `reextract` after a rule change, and `verify` counting what an older
//! extractor made.
//!
//! A rule change is simulated honestly: the store is filled by the real
//! ingest, then one article's records are replaced, through the store's
//! public `replace_derived`, by what an older extractor could have made of
//! it (another version, a statement given to the wrong speaker), and
//! another's are rewritten with no version recorded, as a store written
//! before versions were recorded holds them.

use std::collections::BTreeSet;

use quotetrail_store::{Appearance, Checked, ExtractorVersion, Id, Statement, Store};
use serde_json::Value;

use crate::util::{Env, article, s};

/// (statement id, start, end, speaker) of each statement, as `extract`
/// or `show` prints them.
type Found = BTreeSet<(String, u64, u64, String)>;

fn extracted(env: &Env, path: &str) -> (String, Found) {
    let run = env.run(&["--json", "extract", path]);
    run.code(0);
    let data = &run.of_type("article")[0];
    let found = data["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| {
            (
                st["id"].as_str().unwrap().to_owned(),
                st["start"].as_u64().unwrap(),
                st["end"].as_u64().unwrap(),
                st["speaker"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    (data["article"].as_str().unwrap().to_owned(), found)
}

fn stored(env: &Env, article: &str) -> (Value, Found) {
    let run = env.run(&["--json", "show", article]);
    run.code(0);
    let data = run.of_type("article_detail")[0].clone();
    let found = data["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| {
            (
                st["statement"]["id"].as_str().unwrap().to_owned(),
                st["start"].as_u64().unwrap(),
                st["end"].as_u64().unwrap(),
                st["statement"]["speaker"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    (data, found)
}

/// Rewrites the records of `article` as `by` would have made them: when
/// `wrong` is given, the first statement is given to that speaker.
fn as_made_by(env: &Env, article: &str, by: Option<ExtractorVersion>, wrong: Option<&str>) {
    let store = Store::open(env.store()).unwrap();
    let id: Id = article.parse().unwrap();
    let record = store.get_article(&id).unwrap().unwrap();
    let mut found: Vec<(Statement, Appearance)> = store
        .appearances_in(&id)
        .unwrap()
        .into_iter()
        .map(|(_, a)| (store.get_statement(&a.statement).unwrap().unwrap(), a))
        .collect();
    if let Some(speaker) = wrong {
        let (st, ap) = &mut found[0];
        *st = Statement::new(
            st.kind,
            &st.text,
            Some(speaker),
            st.outlet.as_deref(),
            st.wire.as_deref(),
        );
        ap.statement = st.id();
        ap.speaker_mention = Some(speaker.to_owned());
    }
    let ids = Checked::new(&record, &found).unwrap().by(by);
    let done = store.replace_derived(&record, &found, &ids).unwrap();
    assert!(done.unwrap().written);
    store.flush().unwrap();
}

#[test]
fn reextract_after_a_rule_change_updates_the_statements() {
    let env = Env::new();
    let a = env.write("a.txt", article(1));
    let b = env.write("b.txt", article(2));
    env.run(&["ingest", s(&a), s(&b)]).code(0);
    let (a_id, a_found) = extracted(&env, s(&a));
    let (b_id, b_found) = extracted(&env, s(&b));
    assert_eq!(a_found.len(), 2, "{a_found:?}");
    assert_eq!(
        stored(&env, &a_id).1,
        a_found,
        "ingest stores what extract finds"
    );

    // An older extractor gave Maria Olsen1's words to Peter Lund1; b's
    // records were written before versions were recorded.
    let older = ExtractorVersion::from_bytes([1; 16]);
    as_made_by(&env, &a_id, Some(older), Some("Peter Lund1"));
    as_made_by(&env, &b_id, None, None);
    let (detail, before) = stored(&env, &a_id);
    assert_ne!(before, a_found, "the store holds the old attribution");
    assert!(before.iter().any(|(_, _, _, who)| who == "Peter Lund1"));
    assert_eq!(detail["extractor"], older.to_hex());
    assert_eq!(detail["extractor_current"], false);
    let show = env.run(&["show", &a_id]);
    assert!(
        show.stdout.contains("another version than this one"),
        "{}",
        show.stdout
    );

    // verify: sound, and counting both, with a pointer to reextract.
    let verify = env.run(&["--json", "verify"]);
    verify.code(0);
    let summary = &verify.of_type("summary")[0];
    assert_eq!(summary["problems"], 0);
    assert_eq!(summary["older_extractor"], 2);
    assert_eq!(summary["unrecorded_extractor"], 1);
    assert!(
        verify
            .stderr
            .contains("2 articles have statements made by another extractor")
            && verify.stderr.contains("1 of them by one not recorded")
            && verify.stderr.contains("`quotetrail reextract`"),
        "{}",
        verify.stderr
    );

    let run = env.run(&["--json", "reextract"]);
    run.code(0);
    let done = run.of_type("reextracted");
    assert_eq!(done.len(), 2);
    let for_a = done.iter().find(|d| d["article"] == a_id.as_str()).unwrap();
    assert_eq!(for_a["extractor_before"], older.to_hex());
    assert_eq!(
        (
            &for_a["reattributed"],
            &for_a["added"],
            &for_a["dropped"],
            &for_a["statements_removed"]
        ),
        (
            &Value::from(1),
            &Value::from(0),
            &Value::from(0),
            &Value::from(1)
        )
    );
    let for_b = done.iter().find(|d| d["article"] == b_id.as_str()).unwrap();
    assert_eq!(for_b["extractor_before"], Value::Null);
    assert_eq!(for_b["reattributed"], 0);
    let summary = &run.of_type("summary")[0];
    assert_eq!(
        (&summary["articles"], &summary["reattributed"]),
        (&Value::from(2), &Value::from(1))
    );

    // The statements are now what extract finds, made by this extractor.
    let (detail, after) = stored(&env, &a_id);
    assert_eq!(after, a_found);
    assert_eq!(detail["extractor_current"], true);
    assert_eq!(stored(&env, &b_id).1, b_found);
    let verify = env.run(&["--json", "verify"]);
    verify.code(0);
    let summary = &verify.of_type("summary")[0];
    assert_eq!(
        (
            &summary["problems"],
            &summary["older_extractor"],
            &summary["ungrouped"]
        ),
        (&Value::from(0), &Value::from(0), &Value::from(0))
    );
    assert!(!verify.stderr.contains("reextract"), "{}", verify.stderr);
    // The wrong attribution is gone from the name index too.
    let wrong = env.run(&["--json", "statements", "--speaker", "Peter Lund1"]);
    let texts: Vec<String> = wrong
        .of_type("statement")
        .iter()
        .map(|st| st["text"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !texts.iter().any(|t| t.contains("done everything")),
        "{texts:?}"
    );

    // Nothing is left to do; --all redoes both and changes nothing.
    let again = env.run(&["reextract"]);
    again.code(0);
    assert!(
        again.stderr.contains("nothing to re-extract"),
        "{}",
        again.stderr
    );
    let all = env.run(&["--json", "reextract", "--all"]);
    all.code(0);
    let summary = &all.of_type("summary")[0];
    assert_eq!(
        (&summary["articles"], &summary["articles_changed"]),
        (&Value::from(2), &Value::from(0))
    );
}
