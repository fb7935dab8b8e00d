//! Development aid: runs the extractor over a PolNeAR-style JSONL file or a
//! directory of `.txt` articles (with `.meta.json` sidecars) and prints the
//! predictions file that `../shared/eval/score.py` reads. The CLI's
//! `extract --format jsonl` is the user-facing equivalent.
//!
//! cargo run --release --example eval_extract -- ../shared/eval/polnear/polnear-dev.jsonl > /tmp/pred.jsonl

use std::io::{BufRead, Write};

use quotetrail::extract::{ArticleMeta, extract};

fn main() {
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
