//! Extracts the article body of every page in a directory, for scoring with
//! `body_score.py`, and reports throughput.
//!
//! ```text
//! cargo run --release --example eval_body -- DIR PRED.json [--urls GROUND_TRUTH.json] [--profile]
//! ```
//!
//! `DIR` holds pages named `<id>.html`, `<id>.htm` or `<id>.html.gz` (or has
//! them in `DIR/html/`). PRED.json maps each id to `{"articleBody": ...}`.
//! `--urls` reads each page's URL from a benchmark file's `url` fields and
//! passes it as the hint, as a crawler would. `--profile` also times an HTML
//! parse alone and each extraction library alone, to show where time goes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use quotetrail::web::html;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut urls_file = None;
    let mut profile = false;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--urls" => urls_file = it.next(),
            "--profile" => profile = true,
            _ => positional.push(a),
        }
    }
    let [dir, out] = positional.as_slice() else {
        eprintln!("usage: eval_body DIR PRED.json [--urls GROUND_TRUTH.json] [--profile]");
        return ExitCode::from(2);
    };
    match run(
        Path::new(dir),
        Path::new(out),
        urls_file.as_deref(),
        profile,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_body: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, out: &Path, urls_file: Option<&str>, profile: bool) -> Result<(), String> {
    let urls: BTreeMap<String, String> = match urls_file {
        Some(f) => {
            let text = std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"))?;
            let v: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{f}: {e}"))?;
            v.as_object()
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((k.clone(), v.get("url")?.as_str()?.to_owned())))
                .collect()
        }
        None => BTreeMap::new(),
    };
    let pages = list_pages(dir)?;
    let mut pred = serde_json::Map::new();
    let (mut bytes, mut html_bytes, mut failed) = (0usize, 0usize, 0usize);
    let mut total = Duration::ZERO;
    let mut parse = Duration::ZERO;
    let mut traf = Duration::ZERO;
    let mut readability = Duration::ZERO;
    for (id, path) in &pages {
        let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes += data.len();
        let hint = urls
            .get(id)
            .cloned()
            .or_else(|| Some(path.to_string_lossy().into_owned()));
        let start = Instant::now();
        let result = html::read(&data, hint.as_deref());
        total += start.elapsed();
        let body = match result {
            Ok(page) => page.body,
            Err(e) => {
                failed += 1;
                eprintln!("{id}: {e}");
                String::new()
            }
        };
        pred.insert(id.clone(), serde_json::json!({ "articleBody": body }));
        if profile {
            let text = plain_html(&data);
            html_bytes += text.len();
            let t = Instant::now();
            drop(dom_query::Document::from(text.as_str()));
            parse += t.elapsed();
            let t = Instant::now();
            let _ = rs_trafilatura::extract(&text);
            traf += t.elapsed();
            let t = Instant::now();
            if let Ok(mut r) = dom_smoothie::Readability::new(text.as_str(), None, None) {
                let _ = r.parse();
            }
            readability += t.elapsed();
        }
    }
    let json = serde_json::to_string_pretty(&pred).map_err(|e| e.to_string())?;
    std::fs::write(out, json).map_err(|e| format!("{}: {e}", out.display()))?;
    let secs = total.as_secs_f64();
    eprintln!(
        "{} pages ({} failed), {:.1} MB read: {:.3} s, {:.1} pages/s, {:.2} MB/s (input as stored)",
        pages.len(),
        failed,
        bytes as f64 / 1e6,
        secs,
        pages.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    if profile {
        eprintln!(
            "profile over {:.1} MB of HTML: {:.2} MB/s end to end; one html5ever parse {:.3} s, \
             rs-trafilatura alone {:.3} s, dom_smoothie alone {:.3} s",
            html_bytes as f64 / 1e6,
            html_bytes as f64 / 1e6 / secs,
            parse.as_secs_f64(),
            traf.as_secs_f64(),
            readability.as_secs_f64()
        );
    }
    Ok(())
}

/// The pages in `dir` (or `dir/html`), keyed by id (the name without its
/// page extensions), in id order.
fn list_pages(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let nested = dir.join("html");
    let dir = if nested.is_dir() {
        nested
    } else {
        dir.to_owned()
    };
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut pages = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !html::is_html_path(&path) {
            continue;
        }
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let id = [
            ".html.gz",
            ".htm.gz",
            ".xhtml.gz",
            ".html",
            ".htm",
            ".xhtml",
        ]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name)
        .to_owned();
        pages.push((id, path));
    }
    pages.sort();
    Ok(pages)
}

/// The page as text, for timing the libraries on their own.
fn plain_html(data: &[u8]) -> String {
    use std::io::Read;
    if data.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if flate2::read::MultiGzDecoder::new(data)
            .read_to_end(&mut out)
            .is_ok()
        {
            return String::from_utf8_lossy(&out).into_owned();
        }
    }
    String::from_utf8_lossy(data).into_owned()
}
