//! `compact`: the store rewritten into fresh files holds the same
//! statements, takes no more disk, and the old store is kept until asked.

use std::path::Path;

use crate::util::{Env, s};

/// The size of the files under `dir`.
fn disk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                disk(&e.path())
            } else {
                meta.len()
            }
        })
        .sum()
}

#[test]
fn compact_keeps_every_statement_and_gives_back_disk() {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["ingest", s(&corpus)]).code(0);
    // Garbage for sled to keep: articles written, then deleted.
    let statements = env.run(&["--json", "statements"]).of_type("statement");
    let mut articles: Vec<String> = statements
        .iter()
        .map(|st| st["appearances"][0]["article"].as_str().unwrap().to_owned())
        .collect();
    articles.sort();
    articles.dedup();
    assert!(articles.len() >= 3, "{articles:?}");
    for article in articles.iter().take(2) {
        env.run(&["delete", &article[..16]]).code(0);
    }
    let listing = |env: &Env| env.run(&["--json", "statements"]).code(0).stdout.clone();
    let before = listing(&env);
    let table = env.run(&["--color", "never", "statements"]).stdout;
    let size_before = disk(&env.store());

    let run = env.run(&["compact"]);
    run.code(0);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let line = run.err_lines().join("\n");
    assert!(
        line.contains("compacted") && line.contains("MB on disk"),
        "{line}"
    );
    assert!(line.contains("compact-backup"), "{line}");
    let backup = env.path().join("store.compact-backup");
    assert!(backup.is_dir());
    assert!(!env.path().join("store.compacting").exists());

    assert_eq!(listing(&env), before);
    assert_eq!(env.run(&["--color", "never", "statements"]).stdout, table);
    let size_after = disk(&env.store());
    assert!(size_after <= size_before, "{size_after} > {size_before}");
    env.run(&["verify", "--full"]).code(0);

    // With the backup still there it refuses, and says why.
    let refused = env.run(&["compact"]);
    refused.code(1);
    assert!(
        refused.stderr.contains("compact-backup"),
        "{}",
        refused.stderr
    );
    assert_eq!(listing(&env), before);

    // Without it, `--remove-backup` leaves no backup behind.
    std::fs::remove_dir_all(&backup).unwrap();
    let run = env.run(&["--json", "compact", "--remove-backup"]);
    run.code(0);
    let summary = &run.of_type("summary")[0];
    assert!(summary["backup"].is_null(), "{summary}");
    assert!(summary["keys"].as_u64().unwrap() > 0, "{summary}");
    assert!(summary["disk_after"].as_u64().unwrap() > 0, "{summary}");
    assert!(!backup.exists());
    assert_eq!(listing(&env), before);
}

#[test]
fn compact_without_a_store_is_exit_3_and_creates_nothing() {
    let env = Env::new();
    let run = env.run(&["compact"]);
    run.code(3);
    assert!(run.stderr.contains("no store"), "{}", run.stderr);
    assert!(!env.store().exists());
}
