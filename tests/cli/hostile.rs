//! Hostile input: files written to hang, exhaust or crash a batch. Each case
//! checks the exit code, the error line naming the file, and that the good
//! file in the same batch is stored and the store verifies. No timings are
//! asserted; the inputs are generated here, in the test's temp dir.

use std::io::Write;

use crate::util::{Env, Run, s};

const GOOD: &str = "Harbour repairs to start in spring\n\n\
    \"The new quay will be ready by June,\" said harbour master Ines Varga.\n\n\
    Work crews arrived on Tuesday, officials said.\n";

/// Ingests `paths` beside `good.txt` (listed last) and checks the contract:
/// exit 1, one `quotetrail:` line naming each of `bad`, `good.txt` stored,
/// `verify` clean.
#[track_caller]
fn batch(env: &Env, paths: &[&str], bad: &[(&str, &str)]) -> Run {
    env.write("good.txt", GOOD);
    let mut args = vec!["--json", "ingest"];
    args.extend_from_slice(paths);
    args.push("good.txt");
    let run = env.run(&args);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {} (no crash):\n{}",
        run.code,
        run.stderr
    );
    let problems: Vec<&str> = run
        .err_lines()
        .into_iter()
        .filter(|l| l.starts_with("quotetrail: "))
        .collect();
    for (name, what) in bad {
        assert!(
            problems
                .iter()
                .any(|l| l.contains(name) && l.contains(what)),
            "no error line naming {name} with {what:?}:\n{}",
            run.stderr
        );
    }
    let stored = run.of_type("stored");
    assert!(
        stored.iter().any(|a| a["source"]
            .as_str()
            .is_some_and(|x| x.ends_with("good.txt"))),
        "the good file is stored:\n{}",
        run.stdout
    );
    let verify = env.run(&["verify"]);
    verify.code(0);
    run
}

fn run_on_said(bytes: usize) -> String {
    let phrases = [
        "the minister said",
        "officials said",
        "Jane Roe said",
        "the spokesman said that",
        "critics said, according to",
    ];
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(phrases[i % phrases.len()]);
        out.push_str(" the plan would work and ");
        i += 1;
    }
    out.push('\n');
    out
}

fn nested_html(depth: usize) -> String {
    format!(
        "<!doctype html><html><head><title>Deep</title></head><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(depth),
        GOOD.replace('\n', " "),
        "</div>".repeat(depth)
    )
}

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

#[test]
fn the_hostile_batch_finishes_and_stores_the_good_file() {
    let env = Env::new();
    env.write("runon.txt", run_on_said(3_000_000));
    env.write("deep.html", nested_html(60_000));
    let quote = "\u{201C}We will rebuild the harbour,\u{201D} Jane Roe said. ";
    let line = serde_json::json!({"id": "repeat", "text": quote.repeat(400_000)});
    env.write("repeat.jsonl", format!("{line}\n"));
    mkfifo(&env.path().join("pipe.txt"));
    std::os::unix::fs::symlink("/dev/zero", env.path().join("zero.txt")).unwrap();
    batch(
        &env,
        &[
            "runon.txt",
            "deep.html",
            "repeat.jsonl",
            "pipe.txt",
            "zero.txt",
        ],
        &[
            ("deep.html", "nested more than"),
            ("repeat.jsonl:1", "statements"),
            ("pipe.txt", "not a regular file (a FIFO)"),
            ("zero.txt", "not a regular file (a character device)"),
        ],
    );
}

#[test]
fn a_walked_directory_never_blocks_on_special_files() {
    let env = Env::new();
    let dir = env.path().join("inbox");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), GOOD).unwrap();
    mkfifo(&dir.join("b-pipe.txt"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("c-zero.txt")).unwrap();
    std::os::unix::fs::symlink(dir.join("a.txt"), dir.join("d-link.txt")).unwrap();
    let run = batch(
        &env,
        &[s(&dir)],
        &[
            ("b-pipe.txt", "not a regular file (a FIFO)"),
            ("c-zero.txt", "not a regular file (a character device)"),
        ],
    );
    let sources: Vec<String> = run
        .of_type("stored")
        .iter()
        .chain(run.of_type("duplicate").iter())
        .filter_map(|a| a["source"].as_str().map(str::to_owned))
        .collect();
    assert!(
        sources.iter().any(|x| x.ends_with("a.txt")),
        "a regular file in the walk is read: {sources:?}"
    );
}

#[test]
fn the_statement_cap_can_be_raised() {
    let env = Env::new();
    let quote = "\u{201C}We will rebuild,\u{201D} Jane Roe said. ";
    let line = serde_json::json!({"id": "many", "text": quote.repeat(30)});
    env.write("many.jsonl", format!("{line}\n"));
    let run = env.run(&[
        "--max-statements",
        "10",
        "extract",
        "--format",
        "jsonl",
        "many.jsonl",
    ]);
    run.code(1);
    assert!(
        run.stderr.contains("many.jsonl:1: more than 10 statements")
            && run.stderr.contains("--max-statements"),
        "{}",
        run.stderr
    );
    let run = env.run(&[
        "--max-statements",
        "100",
        "extract",
        "--format",
        "jsonl",
        "many.jsonl",
    ]);
    run.code(0);
}

#[test]
fn nul_bytes_are_refused_with_their_offset() {
    let env = Env::new();
    env.write("nul.txt", b"Officials said\0 the plan works.\n");
    batch(
        &env,
        &["nul.txt"],
        &[("nul.txt", "NUL byte at byte offset 14")],
    );
}

#[test]
fn bidi_and_zero_width_names_are_stored_as_written() {
    let env = Env::new();
    // A right-to-left override and zero-width joiners inside a speaker's
    // name and the outlet: stored and verified like any other text.
    let text = "\"The port reopens today,\" said Ana\u{202E}lis\u{202C} Mo\u{200D}ren\u{200B}o.\n";
    env.write("bidi.txt", text);
    env.write("bidi.meta.json", r#"{"outlet": "Daily\u202e Post\u200b"}"#);
    let run = batch(&env, &["bidi.txt"], &[]);
    assert!(run.of_type("stored").iter().any(|a| {
        a["source"]
            .as_str()
            .is_some_and(|x| x.ends_with("bidi.txt"))
    }));
}

#[test]
fn a_gzip_bomb_page_is_refused() {
    use flate2::{Compression, write::GzEncoder};
    let env = Env::new();
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    e.write_all(b"<html><body><p>").unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..12 {
        e.write_all(&zeros).unwrap();
    }
    env.write("bomb.html.gz", e.finish().unwrap());
    batch(
        &env,
        &["bomb.html.gz"],
        &[("bomb.html.gz", "larger than 8 MiB")],
    );
}

/// The page caps say how to raise them, and raising them lets a page
/// through that the defaults refuse (within a ceiling the parsers survive).
#[test]
fn the_page_caps_can_be_raised() {
    let env = Env::new();
    env.write("deep.html", nested_html(700));
    // A page of 1.5 MiB against a cap of 1 MiB stands for one of 9 MiB
    // against the default 8 (a debug build parses 9 MiB slowly).
    env.write("big.html", nested_html(3) + &" ".repeat(3 << 19));
    for (file, lower, flag, value) in [
        ("deep.html", [].as_slice(), "--max-html-depth", "1024"),
        (
            "big.html",
            ["--max-page-mib", "1"].as_slice(),
            "--max-page-mib",
            "2",
        ),
    ] {
        let refused = env.run(&[lower, &["extract", "--format", "jsonl", file]].concat());
        refused.code(1);
        assert!(
            refused.stderr.contains(file) && refused.stderr.contains(flag),
            "{}",
            refused.stderr
        );
        let taken = env.run(&[flag, value, "extract", "--format", "jsonl", file]);
        taken.code(0);
        assert!(
            taken.stdout.contains("The new quay"),
            "{file}: {}",
            taken.stdout
        );
    }
    let too_deep = env.run(&["--max-html-depth", "60000", "extract", "deep.html"]);
    too_deep.code(2);
}

/// One WARC response record for `html` at `uri`, its Content-Length
/// changed by `lie` bytes.
fn warc_record(n: usize, uri: &str, html: &str, lie: i64) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let said = http.len() as i64 + lie;
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:x:{n}>\r\n\
         WARC-Date: 2025-02-03T09:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {said}\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// Records whose Content-Length lies (too short, or past the end of the
/// file) are named with their number and offset; the honest records
/// before them and the good file are stored.
#[test]
fn warc_records_with_lying_lengths_are_named() {
    let env = Env::new();
    let page = nested_html(2);
    let mut short = warc_record(1, "https://a.example/1", &page, 0);
    short.extend(warc_record(2, "https://a.example/2", &page, -40));
    let mut long = warc_record(1, "https://b.example/1", &page, 0);
    long.extend(warc_record(2, "https://b.example/2", &page, 999_999));
    env.write("short.warc", short);
    env.write("long.warc", long);
    let run = batch(
        &env,
        &["short.warc", "long.warc"],
        &[
            ("short.warc", "record 2 at byte"),
            ("long.warc", "the archive ends inside this record"),
        ],
    );
    let sources: Vec<String> = run
        .of_type("stored")
        .iter()
        .map(|a| a["source"].as_str().unwrap_or("").to_owned())
        .collect();
    for first in ["a.example/1", "b.example/1"] {
        assert!(sources.iter().any(|s| s.contains(first)), "{sources:?}");
    }
}

/// A page that declares UTF-8 but carries Latin-1 bytes keeps the letters
/// of its names; a 100 MB line that never closes its JSON is one error
/// naming its line, and the good file is still stored.
#[test]
fn a_mislabelled_charset_and_a_100_mb_line() {
    let env = Env::new();
    let page = nested_html(1)
        .replace("<head>", "<head><meta charset=\"utf-8\">")
        .replace("Ines Varga", "In\u{e8}s Varga");
    let latin: Vec<u8> = page
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    env.write("latin.html", latin);
    let mut huge = br#"{"id":"huge","text":""#.to_vec();
    huge.resize(huge.len() + (100 << 20), b'a');
    huge.push(b'\n');
    env.write("huge.jsonl", huge);
    batch(
        &env,
        &["latin.html", "huge.jsonl"],
        &[("huge.jsonl:1", "EOF")],
    );
    let speakers = env.run(&["speakers"]);
    assert!(
        speakers.stdout.contains("In\u{e8}s Varga"),
        "{}",
        speakers.stdout
    );
}
