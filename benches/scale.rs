//! Scale benchmark: a store that keeps growing. Streams generated articles
//! into one `quotetrail ingest -` and records, every `--every` articles,
//! the rate over the last stretch, the store's size on disk and the ingest
//! process's memory; then times the everyday queries on the full store and
//! `extract` on the same input, for the ratio the scale issue asks about.
//!
//! ```text
//! cargo bench --bench scale -- --articles 60000 --every 10000
//! cargo bench --bench scale -- --articles 1000000 --every 100000 --no-match --dir /big/disk
//! ```
//!
//! Options: `--articles N` (default 20,000), `--every K` (default N/6),
//! `--no-match` (ingest without grouping), `--dir DIR` (where the store
//! goes, default a temporary directory; kept when given), `--no-extract`
//! (skip timing `extract` on the same input), `--no-queries` (skip the
//! queries), `--write FILE` (only write the generated JSON Lines to FILE
//! and stop).
//!
//! The articles are PolNeAR train's texts (the generated news corpus when
//! the data isn't there) in *editions*: edition 0 is the corpus as it is;
//! in each later edition three in four lowercase words of three letters
//! or more are swapped for other words of the corpus, chosen by a hash, so
//! nearly every statement is new text, as over months of real coverage,
//! while names, quotation marks and the common speech verbs stay and
//! extraction finds about as much. One article in ten is
//! instead a reprint of the same text in the edition before, under another
//! outlet: syndication, so groups form, but stay small as they do in real
//! coverage. 250 outlets; 200 articles a day from 2020-01-01.
//!
//! Memory is the ingest process's resident set (VmRSS) and its peak
//! (VmHWM) from `/proc`; the store's size is the sum of its files.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use quotetrail::extract::{ArticleMeta, extract};

mod common;
use common::corpus;

struct Options {
    articles: usize,
    every: usize,
    no_match: bool,
    dir: Option<PathBuf>,
    extract: bool,
    queries: bool,
    write: Option<PathBuf>,
}

fn options() -> Options {
    let mut o = Options {
        articles: 20_000,
        every: 0,
        no_match: false,
        dir: None,
        extract: true,
        queries: true,
        write: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--articles" => o.articles = value().parse().expect("--articles N"),
            "--every" => o.every = value().parse().expect("--every K"),
            "--no-match" => o.no_match = true,
            "--no-extract" => o.extract = false,
            "--no-queries" => o.queries = false,
            "--dir" => o.dir = Some(PathBuf::from(value())),
            "--write" => o.write = Some(PathBuf::from(value())),
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    if o.every == 0 {
        o.every = (o.articles / 6).max(1);
    }
    o
}

/// Makes article `i` of the stream, deterministically.
struct Generator {
    texts: Vec<String>,
    vocabulary: Vec<String>,
}

impl Generator {
    fn new(texts: Vec<String>) -> Generator {
        let mut vocabulary: Vec<String> = texts
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic()))
            .filter(|w| swappable(w))
            .map(str::to_owned)
            .collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        Generator { texts, vocabulary }
    }

    fn edition_text(&self, base: usize, edition: usize) -> String {
        let text = &self.texts[base];
        if edition == 0 {
            return text.clone();
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut word_no = 0u64;
        for (is_word, piece) in pieces(text) {
            if is_word && swappable(piece) {
                word_no += 1;
                let h = mix(edition as u64, base as u64, word_no);
                if h % 4 != 0 {
                    out.push_str(&self.vocabulary[(h >> 8) as usize % self.vocabulary.len()]);
                    continue;
                }
            }
            out.push_str(piece);
        }
        out
    }

    /// Article `i` as one JSON line.
    fn line(&self, i: usize) -> String {
        let n = self.texts.len();
        let (base, edition) = (i % n, i / n);
        // One in ten is a reprint of the edition before, under another outlet.
        let reprint = edition > 0 && mix(7, i as u64, 0) % 10 == 0;
        let text = self.edition_text(base, if reprint { edition - 1 } else { edition });
        let day = i / 200;
        let (y, m, d) = civil(day as i64 + 18_262); // 2020-01-01
        let outlet = (i.wrapping_mul(7919) + usize::from(reprint)) % 250;
        serde_json::json!({
            "id": format!("scale-{i}"),
            "text": text,
            "outlet": format!("Scale Outlet {outlet}"),
            "published": format!("{y:04}-{m:02}-{d:02}"),
        })
        .to_string()
    }
}

/// Speech verbs and cue words the edition keeps, so that extraction finds
/// about as many statements in every edition.
const KEPT: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "according",
    "stated",
    "asked",
    "noted",
    "wrote",
    "explained",
    "announced",
    "argued",
    "claimed",
    "insisted",
    "warned",
    "that",
    "the",
];

fn swappable(w: &str) -> bool {
    w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()) && !KEPT.contains(&w)
}

/// The text cut into runs of ASCII letters and runs of anything else.
fn pieces(text: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let word = first.is_ascii_alphabetic();
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_ascii_alphabetic() != word)
            .map_or(rest.len(), |(k, _)| k);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some((word, piece))
    })
}

fn mix(a: u64, b: u64, c: u64) -> u64 {
    let mut x = a
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
        .wrapping_add(c.wrapping_mul(0x1656_67B1_9E37_79F9));
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn main() {
    let o = options();
    let (source, texts) = corpus();
    let generator = Generator::new(texts);
    if let Some(path) = &o.write {
        let mut out = BufWriter::new(std::fs::File::create(path).expect("create --write file"));
        for i in 0..o.articles {
            writeln!(out, "{}", generator.line(i)).expect("write");
        }
        out.flush().expect("write");
        return;
    }
    let bin = release_binary();
    let tmp = tempfile::tempdir().expect("temporary directory");
    let dir = o.dir.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    let store = dir.join("store");
    let _ = std::fs::remove_dir_all(&store);
    println!(
        "corpus: {source}: {} texts; {} articles, {}",
        generator.texts.len(),
        o.articles,
        if o.no_match {
            "ingest --no-match"
        } else {
            "ingest (with matching)"
        }
    );

    let mut args = vec![
        "-q",
        "--store",
        store.to_str().expect("utf-8 path"),
        "ingest",
    ];
    if o.no_match {
        args.push("--no-match");
    }
    args.push("-");
    let mut child = Command::new(&bin)
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start ingest");
    let pid = child.id();
    println!(
        "{:>9} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "articles", "input MB", "elapsed s", "articles/s", "store MB", "RSS MB", "peak MB"
    );
    let start = Instant::now();
    let mut last = (0usize, Duration::ZERO);
    let mut input_bytes = 0u64;
    {
        let mut stdin = BufWriter::new(child.stdin.take().expect("stdin"));
        for i in 0..o.articles {
            let line = generator.line(i);
            input_bytes += line.len() as u64 + 1;
            writeln!(stdin, "{line}").expect("feed ingest");
            let done = i + 1;
            if done % o.every == 0 || done == o.articles {
                stdin.flush().expect("feed ingest");
                let now = start.elapsed();
                let rate = (done - last.0) as f64 / (now - last.1).as_secs_f64();
                let (rss, peak) = memory(pid);
                println!(
                    "{done:>9} {:>9.0} {:>10.1} {rate:>10.0} {:>10.0} {rss:>10.0} {peak:>10.0}",
                    input_bytes as f64 / 1e6,
                    now.as_secs_f64(),
                    dir_size(&store) as f64 / 1e6,
                );
                last = (done, now);
            }
        }
    }
    let (_, peak) = memory(pid);
    let status = child.wait().expect("wait for ingest");
    let took = start.elapsed();
    let size = dir_size(&store);
    println!(
        "ingest: {} articles in {:.1} s ({:.0}/s), exit {status}; store {:.0} MB = {:.2}x the input ({:.0} MB); peak RSS {peak:.0} MB",
        o.articles,
        took.as_secs_f64(),
        o.articles as f64 / took.as_secs_f64(),
        size as f64 / 1e6,
        size as f64 / input_bytes as f64,
        input_bytes as f64 / 1e6,
    );

    if o.extract {
        let t = Instant::now();
        let mut child = Command::new(&bin)
            .args(["-q", "extract", "--format", "jsonl", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start extract");
        {
            let mut stdin = BufWriter::new(child.stdin.take().expect("stdin"));
            for i in 0..o.articles {
                writeln!(stdin, "{}", generator.line(i)).expect("feed extract");
            }
        }
        child.wait().expect("wait for extract");
        let e = t.elapsed();
        println!(
            "extract --format jsonl on the same input: {:.1} s; ingest took {:.2}x that",
            e.as_secs_f64(),
            took.as_secs_f64() / e.as_secs_f64()
        );
    }

    if o.queries {
        queries(&bin, &store, &generator);
    }
    if o.dir.is_some() {
        println!("store kept in {}", store.display());
    }
}

/// Times the queries a user runs on the grown store: a speaker and words
/// of a quote from the first article, as a user would have them.
fn queries(bin: &Path, store: &Path, generator: &Generator) {
    let first = extract(&generator.texts[0], &ArticleMeta::default());
    let quote = first
        .statements
        .iter()
        .find(|s| s.speaker.is_some() && s.text.split_whitespace().count() >= 6);
    let speaker = quote.and_then(|s| s.speaker.clone()).unwrap_or_default();
    let words: String = quote
        .map(|s| {
            s.text
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let store_arg = store.to_str().expect("utf-8 path");
    let queries: Vec<(String, Vec<String>)> = vec![
        (
            format!("statements --speaker {speaker:?} --limit 10"),
            vec![
                "statements".into(),
                "--speaker".into(),
                speaker.clone(),
                "--limit".into(),
                "10".into(),
            ],
        ),
        (
            "statements --limit 10".into(),
            vec!["statements".into(), "--limit".into(), "10".into()],
        ),
        ("outlets".into(), vec!["outlets".into()]),
        ("speakers".into(), vec!["speakers".into()]),
        (
            format!("origin {words:?}"),
            vec!["origin".into(), words.clone()],
        ),
    ];
    for (label, q) in queries {
        let t = Instant::now();
        let out = Command::new(bin)
            .args(["--store", store_arg])
            .args(&q)
            .stderr(Stdio::null())
            .output()
            .expect("run query");
        let lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
        println!(
            "{:>8.3} s  {label} ({lines} lines, exit {})",
            t.elapsed().as_secs_f64(),
            out.status.code().unwrap_or(-1)
        );
    }
}

/// The release binary, built if needed (the bench profile builds the
/// library, not the binary).
fn release_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ok = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "quotetrail"])
        .current_dir(root)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "cargo build --release failed");
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), PathBuf::from)
        .join("release/quotetrail")
}

/// VmRSS and VmHWM of a process, in MB (0 where /proc can't say).
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb * 1024.0 / 1e6)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
