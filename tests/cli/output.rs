use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::util::{Env, jsonl_line, output, s};

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_success() {
    let env = Env::new();
    let big: String = (0..3000).map(|i| jsonl_line(i) + "\n").collect();
    env.write("big.jsonl", big);
    // `quotetrail extract big.jsonl | head -1`
    let mut child = env
        .cmd(&["extract", "--format", "jsonl", "big.jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'));
    // The reader is gone now.
    let run = output(child.wait_with_output().unwrap());
    run.code(0);
    assert_eq!(run.stderr, "", "no message for a closed pipe");
}

#[test]
fn colour_follows_the_flag_then_no_color_then_the_terminal() {
    let env = Env::new();
    let corpus = env.corpus();
    let c = s(&corpus);
    let esc = |r: &crate::util::Run| r.stdout.contains("\x1b[");
    assert!(esc(env.run(&["--color", "always", "extract", c]).code(0)));
    assert!(
        !esc(env.run(&["extract", c]).code(0)),
        "a pipe is no terminal"
    );
    assert!(!esc(env.run(&["--color", "never", "extract", c]).code(0)));
    let no_color = [("NO_COLOR", "1")];
    assert!(!esc(env.run_with(&["extract", c], b"", &no_color).code(0)));
    assert!(
        esc(env
            .run_with(&["--color", "always", "extract", c], b"", &no_color)
            .code(0)),
        "the flag beats NO_COLOR"
    );
    // --json is never coloured.
    assert!(!esc(env
        .run(&["--color", "always", "--json", "extract", c])
        .code(0)));
}

#[test]
fn every_data_command_speaks_json_lines() {
    let env = Env::new();
    let corpus = env.corpus();
    let c = s(&corpus);
    let ingest = env.run(&["--json", "ingest", c]);
    ingest.code(0);
    assert_eq!(ingest.records().last().unwrap().0, "summary");
    let some_id = env
        .run(&["--json", "statements", "--limit", "1"])
        .of_type("statement")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    env.run(&["export", "-o", "dump.jsonl"]).code(0);
    for (args, kind) in [
        (vec!["extract", c], "article"),
        (vec!["statements"], "statement"),
        (vec!["show", &some_id], "statement_detail"),
        (vec!["speakers"], "speaker"),
        (vec!["outlets"], "outlet"),
        // The demo corpus credits agencies, but whether each credit is
        // found is extraction's business; the envelope is checked below.
        (vec!["wires"], ""),
        (vec!["verify"], "summary"),
        (vec!["import", "dump.jsonl"], "summary"),
        (vec!["keys"], "keys"),
        (vec!["demo"], "statement"),
    ] {
        let mut all = vec!["--json"];
        all.extend(args.iter().copied());
        let run = env.run(&all);
        run.code(0);
        let records = run.records();
        assert!(
            kind.is_empty() || records.iter().any(|(k, _)| k == kind),
            "{args:?} prints {kind} records:\n{}",
            run.stdout
        );
    }
}

#[test]
fn quiet_silences_status_but_not_problems() {
    let env = Env::new();
    let corpus = env.corpus();
    let run = env.run(&["-q", "ingest", s(&corpus)]);
    run.code(0);
    assert_eq!(run.stderr, "");
    let run = env.run(&["--quiet", "ingest", "missing.txt"]);
    run.code(1);
    assert!(run.stderr.contains("missing.txt"));
    assert_eq!(run.err_lines().len(), 1);
}

#[test]
fn usage_errors_exit_2_and_help_documents_exit_codes() {
    let env = Env::new();
    env.run(&["ingest"]).code(2);
    env.run(&["statements", "--kind", "rumour"]).code(2);
    env.run(&["frobnicate"]).code(2);
    let help = env.run(&["--help"]);
    help.code(0);
    assert!(help.stdout.contains("Exit status:"));
    assert!(help.stdout.contains("3  the store is in use"));
}

#[test]
fn reading_a_store_that_is_not_there_is_an_error() {
    let env = Env::new();
    let run = env.run(&["statements"]);
    run.code(3);
    assert!(run.stderr.contains("no store at"), "{}", run.stderr);
    assert!(!env.store().exists(), "reading does not create a store");
}

#[test]
fn the_store_comes_from_the_environment_when_no_flag_is_given() {
    let env = Env::new();
    env.write("a.txt", "\"Hello,\" said Ann Berg.");
    let other = env.path().join("elsewhere");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_quotetrail"));
    let out = cmd
        .env_clear()
        .env("QUOTETRAIL_STORE", &other)
        .current_dir(env.path())
        .args(["-q", "ingest", "a.txt"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(other.is_dir());
}

#[test]
fn terminal_escapes_from_article_text_never_reach_the_terminal() {
    let env = Env::new();
    let hostile = "The harbour master said: \"We will \u{1b}[2J\u{1b}]0;owned\u{7} reopen the \
                   quay on Monday,\" on the radio.\n";
    let file = env.write("hostile.txt", hostile);
    let f = s(&file);
    let plain = env.run(&["--color", "never", "extract", f]);
    plain.code(0);
    assert!(!plain.stdout.contains('\u{1b}'), "{}", plain.stdout);
    assert!(!plain.stdout.contains('\u{7}'), "{}", plain.stdout);
    assert!(
        plain.stdout.contains("\\x1b[2J"),
        "made visible: {}",
        plain.stdout
    );
    // With colour, only our own styles: no clear-screen, no title change.
    let coloured = env.run(&["--color", "always", "extract", f]);
    coloured.code(0);
    assert!(coloured.stdout.contains("\u{1b}["), "coloured");
    assert!(!coloured.stdout.contains("\u{1b}[2J"));
    assert!(!coloured.stdout.contains("\u{1b}]0;"));
    // Stored and shown again: the same.
    env.run(&["ingest", f]).code(0);
    let shown = env.run(&["--color", "never", "statements"]);
    shown.code(0);
    assert!(!shown.stdout.contains('\u{1b}'), "{}", shown.stdout);
}
