use crate::util::{Env, jsonl_line, s};

#[test]
fn ingesting_a_directory_twice_adds_nothing_the_second_time() {
    let env = Env::new();
    let corpus = env.corpus();
    let first = env.run(&["--json", "ingest", s(&corpus)]);
    first.code(0);
    let summary = &first.of_type("summary")[0];
    assert_eq!(summary["articles_new"], 4);
    assert_eq!(summary["failures"], 0);
    assert!(
        first
            .stderr
            .contains("4 articles (4 new, 0 already stored)"),
        "{}",
        first.stderr
    );
    assert_eq!(first.of_type("stored").len(), 4);

    let again = env.run(&["--json", "ingest", s(&corpus)]);
    again.code(0);
    let summary = &again.of_type("summary")[0];
    assert_eq!(summary["articles_new"], 0);
    assert_eq!(summary["articles_seen"], 4);
    assert_eq!(summary["statements_new"], 0);
    assert_eq!(summary["appearances_new"], 0);
    assert!(again.stderr.contains("nothing new"), "{}", again.stderr);

    // The store holds exactly what one ingest put there.
    let export = env.run(&["export"]);
    export.code(0);
    let articles = export
        .stdout
        .lines()
        .filter(|l| l.contains(r#""type":"article""#))
        .count();
    assert_eq!(articles, 4);
}

#[test]
fn stdin_takes_jsonl_or_one_text() {
    let env = Env::new();
    let lines = format!("{}\n{}\n", jsonl_line(1), jsonl_line(2));
    let run = env.run_with(&["--json", "ingest", "-"], lines.as_bytes(), &[]);
    run.code(0);
    let sources: Vec<_> = run
        .of_type("stored")
        .iter()
        .map(|a| a["source"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sources, ["art-1", "art-2"]);

    let text = "\"It will rain tomorrow,\" forecaster Ann Berg said on Sunday.\n";
    let run = env.run_with(&["--json", "ingest", "-"], text.as_bytes(), &[]);
    run.code(0);
    let articles = run.of_type("stored");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["source"], "-");
    assert_eq!(articles[0]["new"], true);
}

#[test]
fn metadata_flags_beat_sidecars_which_beat_jsonl_fields() {
    let env = Env::new();
    let body = "\"We are ready,\" said John Smith.\n";
    env.write("in/a.txt", body);
    env.write(
        "in/a.meta.json",
        r#"{"outlet": "Sidecar Times", "published": "2024-05-01", "surplus": true}"#,
    );
    env.write(
        "in/b.jsonl",
        r#"{"id": "j1", "text": "\"Fine,\" said Ann Berg.", "publisher": "Jsonl Post", "wire": "Reuters"}"#,
    );
    let run = env.run(&["extract", "--format", "jsonl", "in"]);
    run.code(0);
    let rows: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["outlet"], "Sidecar Times");
    assert_eq!(rows[0]["published"], "2024-05-01");
    assert_eq!(rows[1]["id"], "j1");
    assert_eq!(rows[1]["outlet"], "Jsonl Post");
    assert_eq!(rows[1]["origin"], "Reuters");

    let run = env.run(&[
        "extract",
        "--format",
        "jsonl",
        "--outlet",
        "Flag News",
        "in",
    ]);
    run.code(0);
    for line in run.stdout.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(row["outlet"], "Flag News");
    }
    // The flag only replaces what it names.
    assert!(run.stdout.contains("2024-05-01"));
}

#[test]
fn directories_are_walked_sorted_taking_only_articles() {
    let env = Env::new();
    env.write("d/b.txt", "Second article text.");
    env.write("d/a.md", "First article text.");
    env.write("d/a.meta.json", r#"{"outlet": "A"}"#);
    env.write("d/notes.pdf", "%PDF-1.4 not an article");
    env.write("d/sub/c.jsonl", format!("{}\n", jsonl_line(3)));
    env.write("d/.hidden/z.txt", "Hidden.");
    let run = env.run(&["extract", "--format", "jsonl", "d"]);
    run.code(0);
    let keys: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.get("path")
                .and_then(|p| p.as_str())
                .map(|p| p.rsplit('/').next().unwrap().to_owned())
                .unwrap_or_else(|| v["id"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(keys, ["a.md", "b.txt", "art-3"]);
    assert!(
        run.err_lines().iter().all(|l| !l.contains("quotetrail:")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_directory_without_articles_says_so() {
    let env = Env::new();
    env.write("empty/notes.pdf", "%PDF");
    let run = env.run(&["ingest", "empty"]);
    run.code(0);
    assert!(
        run.stderr
            .contains("no articles found (looked for .txt, .md, .jsonl"),
        "{}",
        run.stderr
    );
}

#[test]
fn jsonl_on_stdin_is_stored_as_it_arrives() {
    use std::io::{BufRead, BufReader, Write};
    let env = Env::new();
    let mut child = env.spawn(&["--json", "ingest", "-"]);
    // If records were held back, the reads below would wait forever: end
    // the child after a generous while so the test fails instead of hanging.
    let pid = child.id().to_string();
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(120));
        let _ = std::process::Command::new("kill")
            .args(["-9", &pid])
            .status();
    });
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for i in 0..3 {
        writeln!(stdin, "{}", jsonl_line(i)).unwrap();
        stdin.flush().unwrap();
        // The record for this article comes before the next is sent.
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["type"], "stored");
        assert_eq!(v["data"]["source"], format!("art-{i}"));
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    drop(watchdog);
}
