//! Each bad input gets one clear line on stderr naming the file and the line
//! or byte offset; the rest of the batch goes on; the exit status is 1; and
//! nothing is stored for the bad input.

use crate::util::{Env, Run, jsonl_line};

/// Ingests `bad` together with a good file and checks the contract.
#[track_caller]
fn ingest_with_good(env: &Env, bad: &str, want: &[&str]) -> Run {
    env.write("good.txt", "\"All is well,\" said Ann Berg.\n");
    let run = env.run(&["--json", "ingest", bad, "good.txt"]);
    run.code(1);
    let problems: Vec<&str> = run
        .err_lines()
        .into_iter()
        .filter(|l| l.starts_with("quotetrail: "))
        .collect();
    assert_eq!(problems.len(), 1, "one line per bad input:\n{}", run.stderr);
    for w in want {
        assert!(problems[0].contains(w), "{:?} lacks {w:?}", problems[0]);
    }
    let articles = run.of_type("stored");
    assert_eq!(articles.len(), 1, "the good file is stored");
    assert!(
        articles[0]["source"]
            .as_str()
            .unwrap()
            .ends_with("good.txt")
    );
    assert_eq!(run.of_type("summary")[0]["failures"], 1);
    run
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let env = Env::new();
    env.write("latin1.txt", b"Caf\xe9 owners said prices rose.\n");
    ingest_with_good(
        &env,
        "latin1.txt",
        &["latin1.txt", "invalid UTF-8 at byte offset 3"],
    );
}

#[test]
fn binary_files_are_refused() {
    let env = Env::new();
    env.write("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    ingest_with_good(
        &env,
        "image.txt",
        &["image.txt", "binary file", "byte offset 8"],
    );
}

#[test]
fn empty_files_are_refused() {
    let env = Env::new();
    env.write("empty.txt", "  \n\n");
    ingest_with_good(&env, "empty.txt", &["empty.txt", "empty file"]);
}

#[test]
fn missing_paths_are_reported() {
    let env = Env::new();
    ingest_with_good(&env, "nowhere.txt", &["nowhere.txt", "cannot read"]);
}

#[test]
fn bad_sidecars_name_line_and_column() {
    let env = Env::new();
    env.write("story.txt", "\"Maybe,\" said Ann Berg.\n");
    env.write(
        "story.meta.json",
        "{\n  \"outlet\": \"Daily\",\n  \"url\": 42\n}\n",
    );
    ingest_with_good(
        &env,
        "story.txt",
        &["story.meta.json", "bad sidecar", "line 3 column"],
    );
}

#[test]
fn bad_jsonl_lines_are_numbered_and_the_rest_is_stored() {
    let env = Env::new();
    let mut content = String::new();
    content.push_str(&jsonl_line(1));
    content.push('\n');
    content.push_str("{\"id\": \"x\", \"text\": \n");
    content.push_str(&jsonl_line(2));
    content.push('\n');
    content.push_str("{\"id\": \"y\"}\n");
    let mut bytes = content.into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"z\", \"text\": \"caf\xe9\"}\n");
    env.write("batch.jsonl", &bytes);
    let run = env.run(&["--json", "ingest", "batch.jsonl"]);
    run.code(1);
    let problems: Vec<&str> = run
        .err_lines()
        .into_iter()
        .filter(|l| l.starts_with("quotetrail: "))
        .collect();
    assert_eq!(problems.len(), 3, "{}", run.stderr);
    assert!(problems[0].contains("batch.jsonl:2: "), "{}", problems[0]);
    assert!(
        problems[1].contains("batch.jsonl:4: missing field `text`"),
        "{}",
        problems[1]
    );
    assert!(
        problems[2].contains("batch.jsonl:5: invalid UTF-8 at byte offset"),
        "{}",
        problems[2]
    );
    let sources: Vec<_> = run
        .of_type("stored")
        .iter()
        .map(|a| a["source"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sources, ["art-1", "art-2"]);
}

#[test]
fn a_batch_of_only_bad_inputs_stores_nothing() {
    let env = Env::new();
    env.write("a.txt", b"\xff\xfe");
    env.write("b.txt", "");
    let run = env.run(&["ingest", "a.txt", "b.txt", "c.txt"]);
    run.code(1);
    assert_eq!(
        run.err_lines()
            .iter()
            .filter(|l| l.starts_with("quotetrail: "))
            .count(),
        3
    );
    let export = env.run(&["export"]);
    export.code(0);
    assert_eq!(export.stdout, "");
}

#[test]
fn bad_input_in_extract_is_reported_the_same_way() {
    let env = Env::new();
    env.write("bad.md", b"ok\0");
    env.write("good.md", "\"Yes,\" said Ann Berg.");
    let run = env.run(&["extract", "--format", "jsonl", "bad.md", "good.md"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("bad.md: binary file (NUL byte at byte offset 2)"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout.lines().count(), 1);
}
