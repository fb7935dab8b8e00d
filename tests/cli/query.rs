use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{Env, s};

/// A store with the demo corpus in it.
fn corpus_store() -> Env {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["ingest", s(&corpus)]).code(0);
    env
}

/// The statement records `statements --json ARGS` prints (exit 0).
pub(crate) fn statements(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json", "statements"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    run.code(0);
    run.of_type("statement")
}

#[test]
fn statements_lists_full_records_and_filters_them() {
    let env = corpus_store();
    let all = statements(&env, &[]);
    assert!(!all.is_empty());
    for st in &all {
        for key in [
            "id",
            "kind",
            "text",
            "speaker",
            "outlet",
            "wire",
            "fingerprint",
        ] {
            assert!(st.get(key).is_some(), "{key} missing in {st}");
        }
        let apps = st["appearances"].as_array().unwrap();
        assert!(!apps.is_empty(), "every statement appears somewhere");
        assert!(
            apps.iter()
                .all(|a| a["article"].as_str().unwrap().len() == 64)
        );
    }
    let outlets: BTreeSet<&str> = all.iter().filter_map(|s| s["outlet"].as_str()).collect();
    assert!(outlets.contains("Radio Coastline"), "{outlets:?}");

    let radio = statements(&env, &["--outlet", "radio coastline"]);
    assert!(!radio.is_empty() && radio.len() < all.len());
    assert!(radio.iter().all(|s| s["outlet"] == "Radio Coastline"));

    for kind in ["quote", "claim"] {
        let some = statements(&env, &["--kind", kind]);
        assert!(some.iter().all(|s| s["kind"] == kind));
    }
    let quotes = statements(&env, &["--kind", "quote"]).len();
    let claims = statements(&env, &["--kind", "claim"]).len();
    assert_eq!(quotes + claims, all.len());

    assert_eq!(statements(&env, &["--limit", "2"]).len(), 2);
    let none = env.run(&["statements", "--text", "zeppelin"]);
    none.code(0);
    assert_eq!(none.stdout, "");
    assert!(none.stderr.contains("no statements match"));

    let human = env.run(&["statements", "--limit", "3"]);
    human.code(0);
    assert_eq!(human.stdout.lines().count(), 4, "a header and three rows");
    let first = &all[0]["id"].as_str().unwrap()[..10];
    let listed = env.run(&["statements"]);
    assert!(listed.stdout.contains(first), "short ids are listed");
}

#[test]
fn show_gives_a_statements_full_provenance() {
    let env = corpus_store();
    let all = statements(&env, &["--outlet", "AFP"]);
    let st = all
        .iter()
        .find(|s| s["speaker"].is_string())
        .expect("an attributed AFP statement");
    let id = st["id"].as_str().unwrap();

    let run = env.run(&["show", &id[..12]]);
    run.code(0);
    assert!(run.stdout.contains(id), "full id shown");
    assert!(run.stdout.contains("appearances (1):"), "{}", run.stdout);
    assert!(run.stdout.contains("2025-03-11"));
    assert!(run.stdout.contains("https://wire.example/afp/"));
    assert!(run.stdout.contains("context:"));
    if let Some(wire) = st["wire"].as_str() {
        let credited = format!("wire: {wire} (credited in the text)");
        let inferred = format!("wire: {wire} (inferred from the article's origin)");
        assert!(
            run.stdout.contains(&credited) || run.stdout.contains(&inferred),
            "how the wire was found is shown:\n{}",
            run.stdout
        );
    }

    let json = env.run(&["--json", "show", &id[..12]]);
    json.code(0);
    let data = &json.of_type("statement_detail")[0];
    assert_eq!(data["id"], id);
    let app = &data["appearances"][0];
    assert_eq!(app["article"]["outlet"], "AFP");
    assert_eq!(
        app["article"]["title"],
        "Valmera dock strike enters second week as talks stall"
    );
    let context = app["context"].as_str().unwrap();
    let text = app["text"].as_str().unwrap();
    assert!(
        context.contains(text),
        "the context holds the words: {context:?} / {text:?}"
    );
    assert!(app.get("speaker_mention").is_some() && app.get("wire_source").is_some());
}

#[test]
fn show_an_article_lists_its_statements() {
    let env = corpus_store();
    let extract = env.run(&[
        "extract",
        "--format",
        "jsonl",
        "corpus/03-radio-coastline.txt",
    ]);
    let row: Value = serde_json::from_str(extract.stdout.lines().next().unwrap()).unwrap();
    let article = row["article"].as_str().unwrap();

    let run = env.run(&["--json", "show", &article[..10]]);
    run.code(0);
    let data = &run.of_type("article_detail")[0];
    assert_eq!(data["id"], article);
    assert_eq!(data["outlet"], "Radio Coastline");
    assert_eq!(
        data["statements"].as_array().unwrap().len(),
        row["statements"].as_array().unwrap().len()
    );

    let human = env.run(&["show", article]);
    human.code(0);
    assert!(human.stdout.contains("Radio Coastline"));
    assert!(human.stdout.contains("statements ("));
}

#[test]
fn unknown_ambiguous_and_malformed_ids_are_errors() {
    let env = corpus_store();
    // With dozens of objects, some one-digit prefix is shared by several.
    let export = env.run(&["export"]);
    let mut firsts = std::collections::BTreeMap::new();
    for line in export.stdout.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        // A short prefix of an appearance id names its article instead.
        if v["type"] == "appearance" {
            continue;
        }
        let c = v["id"].as_str().unwrap().chars().next().unwrap();
        *firsts.entry(c).or_insert(0) += 1;
    }
    let (shared, _) = firsts
        .iter()
        .find(|(_, n)| **n > 1)
        .expect("a shared digit");
    let run = env.run(&["show", &shared.to_string()]);
    run.code(1);
    assert!(run.stderr.contains("ambiguous"), "{}", run.stderr);

    let unknown = (0..16u8)
        .map(|d| format!("{d:x}{d:x}{d:x}{d:x}{d:x}{d:x}{d:x}{d:x}"))
        .find(|p| !export.stdout.contains(&format!("\"id\":\"{p}")))
        .unwrap();
    let run = env.run(&["show", &unknown]);
    run.code(1);
    assert!(run.stderr.contains("no object"), "{}", run.stderr);

    let run = env.run(&["show", "not-hex"]);
    run.code(1);
    assert!(run.stderr.contains("not an id"), "{}", run.stderr);
}

#[test]
fn speakers_outlets_and_wires_count_statements() {
    let env = corpus_store();
    let total = statements(&env, &[]).len() as u64;
    let run = env.run(&["--json", "outlets"]);
    run.code(0);
    let outlets = run.of_type("outlet");
    let names: BTreeSet<&str> = outlets
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    let known: BTreeSet<&str> = [
        "AFP",
        "The Valmera Courier",
        "Radio Coastline",
        "Northern Daily Ledger",
    ]
    .into();
    assert!(names.is_subset(&known), "{names:?}");
    let sum: u64 = outlets
        .iter()
        .map(|o| o["statements"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, total, "every demo statement has an outlet");

    for (cmd, kind) in [("speakers", "speaker"), ("wires", "wire")] {
        let run = env.run(&["--json", cmd]);
        run.code(0);
        for rec in run.of_type(kind) {
            assert!(rec["statements"].as_u64().unwrap() >= 1);
            assert!(rec["appearances"].as_u64().unwrap() >= rec["statements"].as_u64().unwrap());
        }
    }
    let human = env.run(&["outlets"]);
    human.code(0);
    assert!(human.stdout.starts_with("statements  appearances  name"));
    assert!(human.stdout.contains("Radio Coastline"));
}
