//! Beyond one machine: `keys` for joins outside the store, and `merge`,
//! which makes stores ingested apart into one. Fixtures: the four-outlet
//! story written for these tests (`tests/fixtures/follow/story/`).

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use serde_json::Value;

use crate::util::{Env, s};

fn story(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/follow/story")
        .join(name)
        .to_str()
        .expect("UTF-8 path")
        .to_owned()
}

const STORY: [&str; 4] = [
    "a_harbour_times.txt",
    "b_coastal_daily.txt",
    "c_evening_post.txt",
    "d_weekly_ledger.txt",
];

/// Stdout lines, sorted.
fn sorted(stdout: &str) -> Vec<String> {
    let mut lines: Vec<String> = stdout.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

#[test]
fn keys_from_articles_and_from_the_store_are_the_same_lines() {
    let env = Env::new();
    let dir = story("");
    let extracted = env.run(&["keys", &dir]);
    extracted.code(0);
    assert!(
        extracted.stderr.contains(" statements"),
        "{}",
        extracted.stderr
    );
    env.run(&["-q", "ingest", &dir]).code(0);
    let stored = env.run(&["keys"]);
    stored.code(0);
    assert_eq!(sorted(&extracted.stdout), sorted(&stored.stdout));

    let lines: Vec<Value> = stored
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object a line"))
        .collect();
    // One line per statement as printed: every stored statement is there.
    let statements: BTreeSet<String> = env
        .run(&["--json", "statements"])
        .of_type("statement")
        .iter()
        .map(|st| st["id"].as_str().unwrap().to_owned())
        .collect();
    let keyed: BTreeSet<String> = lines
        .iter()
        .map(|l| l["statement"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(statements, keyed);
    let hex16 = |v: &Value| v.as_str().is_some_and(|k| k.len() == 16);
    for l in &lines {
        for field in ["statement", "appearance", "article", "fingerprint"] {
            assert_eq!(l[field].as_str().map(str::len), Some(64), "{field}: {l}");
        }
        let keys = l["keys"].as_array().expect("keys");
        assert!(!keys.is_empty() && keys.iter().all(hex16), "{l}");
        assert!(l["side_keys"].as_array().unwrap().iter().all(hex16), "{l}");
    }
    // The same words printed by two outlets have the same keys, so a join
    // on keys finds the reprint across articles.
    let mut by_fingerprint: HashMap<&str, Vec<&Value>> = HashMap::new();
    for l in &lines {
        by_fingerprint
            .entry(l["fingerprint"].as_str().unwrap())
            .or_default()
            .push(l);
    }
    let reprinted: Vec<&Vec<&Value>> = by_fingerprint
        .values()
        .filter(|v| {
            v.iter()
                .map(|l| l["article"].as_str())
                .collect::<BTreeSet<_>>()
                .len()
                > 1
        })
        .collect();
    assert!(!reprinted.is_empty(), "the story has a reprinted statement");
    for versions in reprinted {
        assert!(versions.iter().all(|l| l["keys"] == versions[0]["keys"]));
    }
}

#[test]
fn keys_speak_json_lines_and_need_a_store_or_paths() {
    let env = Env::new();
    let run = env.run(&["--json", "keys", &story("a_harbour_times.txt")]);
    run.code(0);
    assert!(!run.of_type("keys").is_empty());
    let run = env.run(&["keys"]);
    run.code(3);
    assert!(run.stderr.contains("no store at"), "{}", run.stderr);
}

#[test]
fn two_halves_merged_are_the_store_ingested_whole() {
    let env = Env::new();
    let (half_a, half_b, whole) = (
        env.path().join("a"),
        env.path().join("b"),
        env.path().join("whole"),
    );
    let ingest = |store: &PathBuf, files: &[&str]| {
        let mut args = vec!["-q", "--store", s(store), "ingest", "--no-match"];
        let paths: Vec<String> = files.iter().map(|f| story(f)).collect();
        args.extend(paths.iter().map(String::as_str));
        env.run(&args).code(0);
    };
    ingest(&half_a, &[STORY[0], STORY[2]]);
    ingest(&half_b, &[STORY[1], STORY[3]]);
    ingest(&whole, &STORY);
    env.run(&["-q", "--store", s(&whole), "match"]).code(0);

    let merged = env.run(&["--json", "--store", s(&half_a), "merge", s(&half_b)]);
    merged.code(0);
    let summary = &merged.of_type("summary")[0];
    assert_eq!(summary["articles_new"], 2, "{summary}");
    assert!(summary["grouped"].as_u64().unwrap() > 0, "{summary}");

    for query in [&["statements"][..], &["groups", "--all"][..]] {
        let read = |store: &PathBuf| {
            let mut args = vec!["--json", "--store", s(store)];
            args.extend(query);
            let run = env.run(&args);
            run.code(0);
            sorted(&run.stdout)
        };
        assert_eq!(read(&half_a), read(&whole), "{query:?}");
    }
    env.run(&["--store", s(&half_a), "verify"]).code(0);

    // Merging again adds nothing; the source is only read.
    let again = env.run(&["--json", "--store", s(&half_a), "merge", s(&half_b)]);
    again.code(0);
    let summary = &again.of_type("summary")[0];
    assert_eq!(summary["articles_new"], 0, "{summary}");
    assert_eq!(summary["articles_seen"], 2, "{summary}");
    let run = env.run(&["--json", "--store", s(&half_b), "statements"]);
    assert!(
        run.of_type("statement").len()
            < env
                .run(&["--json", "--store", s(&whole), "statements"])
                .of_type("statement")
                .len()
    );
}

#[test]
fn merge_refuses_a_missing_source_and_the_store_itself() {
    let env = Env::new();
    env.run(&["-q", "ingest", &story(STORY[0])]).code(0);
    let run = env.run(&["merge", "nowhere"]);
    run.code(3);
    assert!(run.stderr.contains("no store at nowhere"), "{}", run.stderr);
    let store = env.store();
    let run = env.run(&["merge", s(&store)]);
    run.code(1);
    assert!(
        run.stderr.contains("is the store being written"),
        "{}",
        run.stderr
    );
}

#[test]
fn stores_grouped_on_ingest_merge_into_the_same_groups() {
    let env = Env::new();
    let (half_a, half_b, whole) = (
        env.path().join("a"),
        env.path().join("b"),
        env.path().join("whole"),
    );
    let ingest = |store: &PathBuf, files: &[&str]| {
        let mut args = vec!["-q", "--store", s(store), "ingest"];
        let paths: Vec<String> = files.iter().map(|f| story(f)).collect();
        args.extend(paths.iter().map(String::as_str));
        env.run(&args).code(0);
    };
    ingest(&half_a, &[STORY[0], STORY[2]]);
    ingest(&half_b, &[STORY[1], STORY[3]]);
    ingest(&whole, &STORY);
    env.run(&["-q", "--store", s(&half_a), "merge", s(&half_b)])
        .code(0);
    // Groups found in another order: the same groups with the same
    // versions, though a group may list its outlets in another order.
    let groups = |store: &PathBuf| -> BTreeSet<(String, u64, BTreeSet<String>)> {
        env.run(&["--json", "--store", s(store), "groups", "--all"])
            .of_type("group")
            .iter()
            .map(|g| {
                let outlets = g["outlets"].as_array().unwrap();
                (
                    g["group"].as_str().unwrap().to_owned(),
                    g["size"].as_u64().unwrap(),
                    outlets.iter().map(|o| o.to_string()).collect(),
                )
            })
            .collect()
    };
    let merged = groups(&half_a);
    assert!(merged.iter().any(|g| g.1 > 2), "{merged:?}");
    assert_eq!(merged, groups(&whole));
}
