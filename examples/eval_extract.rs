//! Development aid: runs the extractor over a PolNeAR-style JSONL file or a
//! directory of `.txt` articles (with `.meta.json` sidecars) and prints the
//! predictions file that `../shared/eval/score.py` reads. The CLI's
//! `extract --format jsonl` is the user-facing equivalent.
//!
//! cargo run --release --example eval_extract -- ../shared/eval/polnear/polnear-dev.jsonl > /tmp/pred.jsonl
//!
//! With `--speed` it instead times extraction alone over the texts (JSONL
//! input, repeated until a few seconds have passed) and prints MB/s.

use std::io::{BufRead, Write};

use quotetrail::extract::{ArticleMeta, extract};

fn speed(path: &str) {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let texts: Vec<String> = file
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let meta = ArticleMeta::default();
    let start = std::time::Instant::now();
    let mut rounds = 0usize;
    let mut found = 0usize;
    while rounds == 0 || start.elapsed().as_secs_f64() < 3.0 {
        for t in &texts {
            found += extract(t, &meta).statements.len();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    eprintln!(
        "{rounds} rounds, {mb:.1} MB in {secs:.2} s: {:.1} MB/s ({found} statements)",
        mb / secs
    );
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--speed") {
        let path = std::env::args()
            .nth(2)
            .expect("usage: eval_extract --speed FILE.jsonl");
        speed(&path);
        return;
    }
    let path = std::env::args().nth(1).expect("usage: eval_extract PATH");
    let out = std::io::stdout();
    let mut out = out.lock();
    let p = std::path::Path::new(&path);
    if p.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let side = f.with_extension("meta.json");
            let meta: ArticleMeta = std::fs::read_to_string(&side)
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
            let ex = extract(&text, &meta);
            let rec = serde_json::json!({"path": f.file_name().unwrap().to_string_lossy(), "statements": ex.statements});
            writeln!(out, "{rec}").unwrap();
        }
    } else {
        let file = std::io::BufReader::new(std::fs::File::open(p).unwrap());
        for line in file.lines() {
            let line = line.unwrap();
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            let text = v["text"].as_str().unwrap_or("");
            let meta = ArticleMeta {
                outlet: v["publisher"].as_str().map(str::to_owned),
                published: v["published"].as_str().map(str::to_owned),
                title: v["title"].as_str().map(str::to_owned),
                ..Default::default()
            };
            let ex = extract(text, &meta);
            let rec = serde_json::json!({"id": v["id"], "statements": ex.statements});
            writeln!(out, "{rec}").unwrap();
        }
    }
}
