//! Tests that need a second process: the store lock and crash recovery.
//!
//! The child is this same test binary, started on the ignored
//! [`child_entry`] test with `QUOTETRAIL_STORE_CHILD` saying what to do.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

use quotetrail_store::{Error, Store};

use crate::common;

const CHILD_ENV: &str = "QUOTETRAIL_STORE_CHILD";
const DIR_ENV: &str = "QUOTETRAIL_STORE_CHILD_DIR";
const START_ENV: &str = "QUOTETRAIL_STORE_CHILD_START";
/// The writing child flushes once after this many articles.
const FLUSHED_AFTER: u64 = 40;

/// What a child does, by `QUOTETRAIL_STORE_CHILD`:
/// * `hold`: open the store, print `open`, keep it open until stdin closes;
/// * `write`: put generated articles from number `START` on, printing
///   `put <n>` after each, until killed; it flushes once, after
///   [`FLUSHED_AFTER`] articles, and otherwise leaves flushing to sled.
#[test]
#[ignore = "entry point for the child processes of the process tests"]
fn child_entry() {
    let Ok(mode) = std::env::var(CHILD_ENV) else {
        return;
    };
    let dir = std::env::var(DIR_ENV).unwrap();
    let store = Store::open(&dir).unwrap();
    let mut out = std::io::stdout();
    match mode.as_str() {
        "hold" => {
            writeln!(out, "open").unwrap();
            out.flush().unwrap();
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
        }
        "write" => {
            let start: u64 = std::env::var(START_ENV).unwrap().parse().unwrap();
            for n in start.. {
                let (article, found) = common::article(n, 1 + (n % 23) as usize);
                store.put_article(&article, &found).unwrap();
                if n == start + FLUSHED_AFTER {
                    // A known durable floor for the parent to check.
                    store.flush().unwrap();
                }
                writeln!(out, "put {n}").unwrap();
                out.flush().unwrap();
            }
        }
        other => panic!("unknown child mode {other}"),
    }
}

fn spawn(mode: &str, dir: &std::path::Path, start: u64) -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "process::child_entry",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_ENV, mode)
        .env(DIR_ENV, dir)
        .env(START_ENV, start.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (child, stdout)
}

/// Reads the child's stdout until a line satisfies `done`.
fn wait_for(stdout: &mut BufReader<ChildStdout>, done: impl Fn(&str) -> bool) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = stdout.read_line(&mut line).unwrap();
        assert!(n > 0, "child exited early");
        if done(line.trim_end()) {
            return;
        }
    }
}

#[test]
fn a_second_process_gets_store_in_use() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let (mut child, mut stdout) = spawn("hold", dir.path(), 0);
    wait_for(&mut stdout, |l| l == "open");

    let err = Store::open(dir.path())
        .err()
        .expect("the store is held by the child");
    assert!(
        matches!(&err, Error::InUse { path } if path == dir.path()),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("in use by another process"),
        "{err}"
    );

    drop(child.stdin.take()); // lets the child exit
    assert!(child.wait().unwrap().success());
    Store::open(dir.path()).expect("free again once the child is gone");
}

/// Kills a writing child with SIGKILL at arbitrary points, three times over
/// the same store, and checks each time that the store is consistent and
/// holds whole articles only.
#[test]
fn sigkill_leaves_whole_articles_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected_at_least = 0;
    for round in 0..3u64 {
        let (mut child, mut stdout) = spawn("write", dir.path(), round * 100_000);
        // Let it write for a while (sled flushes every half second on its
        // own, so the kill lands between, during and after flushes).
        let target = round * 100_000 + 120 + round * 60;
        wait_for(&mut stdout, |l| l == format!("put {target}"));
        child.kill().unwrap();
        child.wait().unwrap();

        let store = Store::open(dir.path()).unwrap();
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "round {round}: {:#?}", report.problems);
        expected_at_least += FLUSHED_AFTER + 1;
        assert!(
            report.articles >= expected_at_least,
            "round {round}: flushed articles went missing ({} stored)",
            report.articles
        );
        expected_at_least = report.articles;
        for item in store.articles() {
            let (id, article) = item.unwrap();
            let source = article.source.as_deref().unwrap();
            let (rebuilt, found) = common::from_source(source).unwrap();
            assert_eq!(rebuilt.id(), id);
            for (statement, appearance) in &found {
                assert!(
                    store.get_statement(&statement.id()).unwrap().is_some(),
                    "{source}"
                );
                assert!(
                    store.get_appearance(&appearance.id()).unwrap().is_some(),
                    "{source}"
                );
            }
            assert_eq!(
                store.appearances_in(&id).unwrap().len(),
                found.len(),
                "{source}"
            );
        }
    }
}
