//! Throughput benchmark: extraction MB/s on one core, and `ingest`
//! articles/s into a fresh store, each at several input sizes so the growth
//! with input is visible.
//!
//! ```text
//! cargo bench --bench throughput
//! QUOTETRAIL_SHARED=/path/to/shared cargo bench --bench throughput
//! ```
//!
//! The text is PolNeAR train (`$QUOTETRAIL_SHARED/eval/polnear/`, default
//! `../shared`) when it is there, else a generated news-like corpus, so the
//! bench runs anywhere. Ingest is timed end to end through the release
//! binary (`quotetrail ingest FILE.jsonl` into a new temporary store), the
//! way a user runs it: reading, extraction on both cores, store writes and
//! the final flush. It runs twice: `ingest --no-match` (extraction and the
//! content-addressed store with all its indexes) and plain `ingest`, which
//! also groups every statement with those already stored.
//!
//! Each copy of the corpus gets its own outlet, so every statement is new,
//! as in real coverage (a statement's id covers its outlet): a repeated
//! corpus would only add appearances and flatter the store.
//!
//! `QUOTETRAIL_BENCH_SIZES=2000,8000` picks the article counts (default
//! 2,000, 8,000 and 32,000).
//!
//! Extraction is also timed as a user runs it, whole process: the release
//! binary's `extract --format jsonl` on PolNeAR train repeated four times
//! (or the generated corpus as JSON Lines), pinned to one core with
//! `taskset -c 1` when there is one, output thrown away. That figure counts
//! what the in-process passes leave out: reading and parsing JSON, ids,
//! writing JSON, threads.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use quotetrail::extract::{ArticleMeta, extract};

mod common;
use common::{corpus, polnear_train};

fn main() {
    // `cargo bench` passes `--bench`; there are no options of our own.
    let (source, texts) = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "corpus: {source}: {} articles, {:.2} MB",
        texts.len(),
        bytes as f64 / 1e6
    );

    println!("\n# extraction, one core");
    println!("{:>12} {:>10} {:>10} {:>12}", "input", "MB", "ms", "MB/s");
    let meta = ArticleMeta::default();
    for frac in [4, 2, 1] {
        let part = &texts[..texts.len() / frac];
        let mb = part.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        let t = best_of(3, || {
            let mut n = 0;
            for t in part {
                n += extract(t, &meta).statements.len();
            }
            std::hint::black_box(n);
        });
        row(&format!("1/{frac} corpus"), mb, t);
    }
    // One long document: the extractor must stay linear in its length.
    let joined = texts.join("\n\n");
    for mb_target in [1usize, 4, 16] {
        let doc = repeat_to(&joined, mb_target * 1_000_000);
        let t = best_of(3, || {
            std::hint::black_box(extract(&doc, &meta).statements.len());
        });
        row(&format!("{mb_target} MB doc"), doc.len() as f64 / 1e6, t);
    }

    let bin = PathBuf::from(env!("CARGO_BIN_EXE_quotetrail"));
    let dir = tempfile::tempdir().expect("temporary directory");
    whole_process(&bin, dir.path(), &texts);

    let sizes: Vec<usize> = std::env::var("QUOTETRAIL_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 8_000, 32_000]);
    for (label, flags) in [
        ("ingest --no-match", &["--no-match"][..]),
        ("ingest (with matching)", &[][..]),
    ] {
        println!("\n# {label} into a fresh store (release binary, all cores)");
        println!(
            "{:>10} {:>12} {:>10} {:>12} {:>14}",
            "articles", "statements", "s", "articles/s", "statements/s"
        );
        for &n in &sizes {
            let input = dir.path().join(format!("articles-{n}.jsonl"));
            if !input.exists() {
                write_jsonl(&input, &texts, n);
            }
            let store = dir.path().join(format!("store-{n}-{}", flags.len()));
            let start = Instant::now();
            let out = Command::new(&bin)
                .arg("--store")
                .arg(&store)
                .args(["--json", "--quiet", "ingest"])
                .args(flags)
                .arg(&input)
                .output()
                .expect("run quotetrail ingest");
            let took = start.elapsed();
            assert!(
                out.status.success(),
                "ingest failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let statements = summary_statements(&out.stdout);
            println!(
                "{n:>10} {statements:>12} {:>10.2} {:>12.0} {:>14.0}",
                took.as_secs_f64(),
                n as f64 / took.as_secs_f64(),
                statements as f64 / took.as_secs_f64()
            );
            let _ = std::fs::remove_dir_all(&store);
        }
    }
}

/// `quotetrail extract --format jsonl` on one core, whole process: best of
/// three runs of the release binary on PolNeAR train repeated four times
/// (the generated corpus when PolNeAR isn't there).
fn whole_process(bin: &Path, dir: &Path, texts: &[String]) {
    let input = dir.join("extract-input.jsonl");
    let source = match std::fs::read(polnear_train()) {
        Ok(bytes) => {
            std::fs::write(&input, bytes.repeat(4)).expect("write input");
            "PolNeAR train x4"
        }
        Err(_) => {
            write_jsonl(&input, texts, texts.len() * 4);
            "generated x4"
        }
    };
    let mb = std::fs::metadata(&input).map_or(0, |m| m.len()) as f64 / 1e6;
    // One core when taskset can pin the process, as the issue measures.
    let pinned = Command::new("taskset")
        .args(["-c", "1", "true"])
        .status()
        .is_ok_and(|s| s.success());
    println!(
        "\n# extract --format jsonl, whole process ({}): {source}, {mb:.2} MB",
        if pinned {
            "taskset -c 1"
        } else {
            "not pinned: no taskset"
        }
    );
    let t = best_of(3, || {
        let mut cmd = if pinned {
            let mut c = Command::new("taskset");
            c.args(["-c", "1"]).arg(bin);
            c
        } else {
            Command::new(bin)
        };
        let status = cmd
            .args(["--quiet", "extract", "--format", "jsonl"])
            .arg(&input)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run quotetrail extract");
        assert!(status.success(), "extract failed");
    });
    println!("{:>12} {:>10} {:>10} {:>12}", "input", "MB", "ms", "MB/s");
    row("whole file", mb, t);
}

/// Where PolNeAR train is: `$QUOTETRAIL_SHARED`, by default `../shared`.
/// `n` JSONL articles cycling through `texts`, each made unique.
fn write_jsonl(path: &Path, texts: &[String], n: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create input"));
    for i in 0..n {
        let text = format!("{}\n\nBench copy {i}.", texts[i % texts.len()]);
        let outlet = format!("Bench Outlet {}", i / texts.len());
        let rec = serde_json::json!({"id": format!("bench-{i}"), "text": text, "outlet": outlet});
        writeln!(out, "{rec}").expect("write input");
    }
    out.flush().expect("write input");
}

/// The `statements_found` of the `--json` summary, if printed.
fn summary_statements(stdout: &[u8]) -> u64 {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["type"] == "summary")
        .and_then(|v| v["data"]["statements_found"].as_u64())
        .unwrap_or(0)
}

fn repeat_to(s: &str, len: usize) -> String {
    let mut out = String::with_capacity(len + s.len());
    while out.len() < len {
        out.push_str(s);
        out.push_str("\n\n");
    }
    out
}

fn best_of(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn row(label: &str, mb: f64, t: Duration) {
    println!(
        "{label:>12} {mb:>10.2} {:>10.1} {:>12.1}",
        t.as_secs_f64() * 1e3,
        mb / t.as_secs_f64()
    );
}
