use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};

use serde_json::Value;

use crate::util::{Env, article, damage_article, jsonl_line, output, s};

#[test]
fn a_second_process_is_told_the_store_is_in_use() {
    let env = Env::new();
    // The first process holds the store open while it waits for stdin.
    let mut holder = env.spawn(&["ingest", "-"]);
    let mut refused = None;
    for _ in 0..1000 {
        let run = env.run(&["statements"]);
        if run.stderr.contains("in use") {
            refused = Some(run);
            break;
        }
        // A probe that opened the store just before the holder did makes
        // the holder the refused one: that is the same contract, so check
        // it and start another holder.
        if holder.try_wait().unwrap().is_some() {
            let gone = output(holder.wait_with_output().unwrap());
            gone.code(3);
            assert!(gone.stderr.contains("in use"), "{}", gone.stderr);
            holder = env.spawn(&["ingest", "-"]);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let refused = refused.expect("the second process was refused");
    refused.code(3);
    assert_eq!(refused.err_lines().len(), 1, "{}", refused.stderr);
    let ingest = env.run(&["ingest", "-"]);
    ingest.code(3);
    assert!(ingest.stderr.contains("in use"));

    // Once the first finishes, the store is free again.
    holder
        .stdin
        .take()
        .unwrap()
        .write_all(article(1).as_bytes())
        .unwrap();
    let first = output(holder.wait_with_output().unwrap());
    first.code(0);
    env.run(&["statements"]).code(0);
}

#[test]
fn kill_9_during_ingest_leaves_whole_articles_only() {
    let env = Env::new();
    let n = 4000;
    let big: String = (0..n).map(|i| jsonl_line(i) + "\n").collect();
    env.write("big.jsonl", big);
    // Statement counts per article id, as extraction finds them.
    let extract = env.run(&["extract", "--format", "jsonl", "big.jsonl"]);
    extract.code(0);
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for line in extract.stdout.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        expected.insert(
            row["article"].as_str().unwrap().to_owned(),
            row["statements"].as_array().unwrap().len(),
        );
    }
    assert!(expected.values().any(|&c| c > 0));

    // Kill the ingest at six points, each run going on from what the
    // last one stored. Every article a run reported stored must be there
    // afterwards: "stored" means on disk, not in sled's write cache.
    let mut reported: BTreeMap<String, ()> = BTreeMap::new();
    for stop_after in [100, 37, 300, 1, 250, 60] {
        let mut child = env.spawn(&["--json", "ingest", "big.jsonl"]);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Stored lines of this run, new or stored by an earlier one (the
        // process may be well ahead of what its pipe has delivered).
        let mut seen = 0;
        while seen < stop_after {
            let Some(Ok(line)) = lines.next() else { break };
            let v: Value = serde_json::from_str(&line).unwrap();
            if v["type"] == "stored" {
                reported.insert(v["data"]["id"].as_str().unwrap().to_owned(), ());
                seen += 1;
            }
        }
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(
            seen >= stop_after,
            "saw {seen} stored articles before the kill"
        );
    }
    let present = env.run(&["export"]);
    present.code(0);
    let ids: std::collections::BTreeSet<String> = present
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "article")
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect();
    let lost: Vec<_> = reported.keys().filter(|id| !ids.contains(*id)).collect();
    assert!(lost.is_empty(), "reported stored, then lost: {lost:?}");

    let verify = env.run(&["verify"]);
    verify.code(0);
    assert!(
        verify.stderr.contains("store is sound"),
        "{}",
        verify.stderr
    );

    // Every article present has all its statements' appearances.
    let export = env.run(&["export"]);
    export.code(0);
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for line in export.stdout.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        match v["type"].as_str().unwrap() {
            "article" => {
                got.entry(v["id"].as_str().unwrap().to_owned()).or_default();
            }
            "appearance" => {
                *got.entry(v["data"]["article"].as_str().unwrap().to_owned())
                    .or_default() += 1;
            }
            _ => {}
        }
    }
    assert!(got.len() >= 300 && got.len() <= n);
    for (article, count) in &got {
        assert_eq!(Some(count), expected.get(article), "article {article}");
    }
    // `show` agrees with the export for one of them.
    let (one, count) = got.iter().find(|(_, c)| **c > 0).unwrap();
    let show = env.run(&["--json", "show", one]);
    assert_eq!(
        show.of_type("article_detail")[0]["statements"]
            .as_array()
            .unwrap()
            .len(),
        *count
    );

    // Ingesting again completes the batch.
    let again = env.run(&["--json", "ingest", "big.jsonl"]);
    again.code(0);
    let summary = &again.of_type("summary")[0];
    assert_eq!(
        summary["articles_new"].as_u64().unwrap() as usize,
        n - got.len()
    );
    env.run(&["verify"]).code(0);

    // `quotetrail export | head -1` and `statements | head -1` on a large
    // store end quietly too.
    for args in [["export"], ["statements"]] {
        let mut child = env.spawn(&args);
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        let run = output(child.wait_with_output().unwrap());
        run.code(0);
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn export_then_import_round_trips_and_rejects_tampering() {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["ingest", s(&corpus)]).code(0);
    env.run(&["export", "--format", "jsonl", "-o", "dump.jsonl"])
        .code(0);
    let dump = std::fs::read_to_string(env.path().join("dump.jsonl")).unwrap();
    assert!(dump.lines().count() > 4);

    let other = env.path().join("other");
    let other = s(&other);
    let import = env.run(&["--json", "--store", other, "import", "dump.jsonl"]);
    import.code(0);
    assert_eq!(import.of_type("summary")[0]["articles_new"], 4);
    let back = env.run(&["--store", other, "export"]);
    back.code(0);
    assert_eq!(back.stdout, dump, "the same objects export the same bytes");
    env.run(&["--store", other, "verify"]).code(0);

    // Twice adds nothing; from stdin works too.
    let again = env.run_with(
        &["--json", "--store", other, "import", "-"],
        dump.as_bytes(),
        &[],
    );
    again.code(0);
    assert_eq!(again.of_type("summary")[0]["articles_new"], 0);
    assert_eq!(again.of_type("summary")[0]["statements_new"], 0);

    // A changed word no longer hashes to its id: rejected, with its line.
    let (n, line) = dump
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(r#""type":"statement""#))
        .unwrap();
    let mut v: Value = serde_json::from_str(line).unwrap();
    let text = v["data"]["text"].as_str().unwrap().to_owned();
    v["data"]["text"] = Value::String(format!("{text} (edited)"));
    let mut lines: Vec<String> = dump.lines().map(str::to_owned).collect();
    lines[n] = v.to_string();
    lines.push("not json at all".to_owned());
    env.write("tampered.jsonl", lines.join("\n") + "\n");
    let third = env.path().join("third");
    let run = env.run(&["--store", s(&third), "import", "tampered.jsonl"]);
    run.code(1);
    assert!(
        run.stderr
            .contains(&format!("tampered.jsonl: line {}:", n + 1)),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("line {}:", lines.len())),
        "{}",
        run.stderr
    );
    env.run(&["--store", s(&third), "verify"]).code(0);
}

/// An export whose appearance was edited to put other words or another
/// speaker in a writer's mouth is refused at that line, whatever id it
/// carries: the id covers the mention and the wire source, and the text
/// must be the article's own words at the span.
#[test]
fn a_forged_appearance_in_an_export_is_refused_at_its_line() {
    let env = Env::new();
    env.run(&["ingest", s(&env.corpus())]).code(0);
    let dump = env.run(&["export"]);
    dump.code(0);
    let lines: Vec<String> = dump.stdout.lines().map(str::to_owned).collect();
    let (n, line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains(r#""type":"appearance""#))
        .unwrap();
    let forgeries: [(&str, Value); 3] = [
        ("speaker_mention", Value::String("Barack Obama".into())),
        ("wire_source", Value::String("text".into())),
        ("text", Value::String("We surrender.".into())),
    ];
    for (field, forged) in forgeries {
        let mut v: Value = serde_json::from_str(line).unwrap();
        if v["data"][field] == forged {
            continue;
        }
        v["data"][field] = forged;
        let mut edited = lines.clone();
        edited[n] = v.to_string();
        env.write("forged.jsonl", edited.join("\n") + "\n");
        let target = env.path().join(format!("forged-{field}"));
        let run = env.run(&["--store", s(&target), "import", "forged.jsonl"]);
        run.code(1);
        assert!(
            run.stderr
                .contains(&format!("forged.jsonl: line {}:", n + 1)),
            "{field}: {}",
            run.stderr
        );
        let shown = env.run(&["--store", s(&target), "export"]);
        assert!(!shown.stdout.contains("Barack Obama"), "{field}");
        assert!(!shown.stdout.contains("We surrender."), "{field}");
        env.run(&["--store", s(&target), "verify"]).code(0);
    }
}

#[test]
fn verify_reports_a_sound_store() {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["ingest", s(&corpus)]).code(0);
    let run = env.run(&["--json", "verify"]);
    run.code(0);
    let summary = &run.of_type("summary")[0];
    assert_eq!(summary["problems"], 0);
    assert_eq!(summary["articles"], 4);
    assert_eq!(summary["ungrouped"], 0);
    assert!(run.of_type("problem").is_empty());
}

/// What an ingest left undone (here on purpose, with `--no-match`; after
/// a crash the same way) is reported by `verify` as work for `match`, not
/// as damage, and `match` finishes it.
#[test]
fn verify_names_ungrouped_appearances_and_match_finishes_them() {
    let env = Env::new();
    env.run(&["ingest", "--no-match", s(&env.corpus())]).code(0);
    let run = env.run(&["--json", "verify"]);
    run.code(0);
    let left = run.of_type("summary")[0]["ungrouped"].as_u64().unwrap();
    assert!(left > 0);
    assert_eq!(
        left,
        run.of_type("summary")[0]["appearances"].as_u64().unwrap()
    );
    assert!(
        run.stderr
            .contains(&format!("{left} appearances are in no group yet"))
            && run.stderr.contains("quotetrail match"),
        "{}",
        run.stderr
    );
    env.run(&["match"]).code(0);
    let after = env.run(&["--json", "verify"]);
    after.code(0);
    assert_eq!(after.of_type("summary")[0]["ungrouped"], 0);
    assert!(!after.stderr.contains("no group yet"), "{}", after.stderr);
}

#[test]
fn verify_prints_each_bad_object_and_exits_1() {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["ingest", s(&corpus)]).code(0);
    // Damage the store behind its back: overwrite one stored object with
    // bytes that are not its content, and add a key no layout has.
    {
        let db = sled::open(env.store()).unwrap();
        let (key, _) = db
            .iter()
            .map(Result::unwrap)
            .find(|(k, _)| k.len() == 33 && k[0] == 0x02)
            .expect("a statement object");
        db.insert(key, &b"not a statement"[..]).unwrap();
        db.insert(&b"\xffstray"[..], &b""[..]).unwrap();
        db.flush().unwrap();
    }
    let run = env.run(&["verify"]);
    run.code(1);
    let bad: Vec<&str> = run.stdout.lines().collect();
    assert!(bad.len() >= 2, "{}", run.stdout);
    assert!(
        bad.iter()
            .any(|l| l.contains("corrupt") && l.contains("statement")),
        "{}",
        run.stdout
    );
    assert!(
        bad.iter().any(|l| l.contains("unknown key")),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("problems found"), "{}", run.stderr);

    let json = env.run(&["--json", "verify"]);
    json.code(1);
    assert_eq!(json.of_type("problem").len(), bad.len());
}

/// `repair` on a store damaged behind its back keeps every article that
/// reads back whole, names the ones it lost, and leaves a sound store.
#[test]
fn repair_rebuilds_a_damaged_store_and_names_what_was_lost() {
    let env = Env::new();
    env.run(&["ingest", s(&env.corpus())]).code(0);
    let damaged = damage_article(&env, |_| true);
    env.run(&["verify"]).code(1);
    let run = env.run(&["--json", "repair"]);
    run.code(1);
    let summary = &run.of_type("summary")[0];
    assert_eq!(
        (summary["articles"].as_u64(), summary["lost"].as_u64()),
        (Some(3), Some(1))
    );
    assert!(run.stderr.contains(&damaged), "{}", run.stderr);
    env.run(&["verify"]).code(0);
    let again = env.run(&["repair"]);
    again.code(0);
    assert!(
        again.stderr.contains("nothing to rebuild"),
        "{}",
        again.stderr
    );
}
