//! What the benches share: the text they run on.

use std::io::BufRead;
use std::path::{Path, PathBuf};

pub fn polnear_train() -> PathBuf {
    std::env::var_os("QUOTETRAIL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("eval/polnear/polnear-train.jsonl")
}

/// PolNeAR train texts, or a generated corpus when the data isn't there.
pub fn corpus() -> (String, Vec<String>) {
    let path = polnear_train();
    if let Ok(file) = std::fs::File::open(&path) {
        let texts = std::io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_owned))
            .collect();
        return (path.display().to_string(), texts);
    }
    ("generated".to_owned(), generated(800))
}

/// A news-like corpus: quotes, split quotes, claims and plain narrative.
pub fn generated(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let mut t = format!("CAPITAL CITY (Wire) - Officials met on day {i} of the talks.\n\n");
            for j in 0..12 {
                t.push_str(&format!(
                    "\u{201C}We will not accept delay number {j},\u{201D} said minister Jane Doe{i}. \
                     \u{201C}The talks must go on.\u{201D}\n\n\
                     Doe{i} told the agency that the government had offered {j} concessions, \
                     according to a statement seen by reporters.\n\n\
                     The committee met again in the afternoon and nothing was decided.\n\n"
                ));
            }
            t
        })
        .collect()
}
