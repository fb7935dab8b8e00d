//! Measures how fast the store ingests: puts generated articles of 20
//! statements each into a fresh store, flushes once, and prints the rate.
//!
//! ```text
//! cargo run --release -p quotetrail-store --example put_rate [ARTICLES] [PER_BATCH]
//! ```
//!
//! `PER_BATCH` (default 1) puts that many articles per
//! [`Store::put_articles`] call. CPU time is printed beside wall time
//! because the machine this runs on is often shared.
//!
//! The articles are built before the clock starts, so this measures the
//! store (id hashing, encoding, index keys, sled), not text generation.

use std::time::Instant;

use quotetrail_store::{Appearance, Article, Kind, Statement, Store, WireSource};

const SPEAKERS: [&str; 7] = [
    "Awa Diallo",
    "Karim Sow",
    "Mariam Traore",
    "Ibrahim Keita",
    "Fatou Ndiaye",
    "Oumar Ba",
    "Aminata Cisse",
];
const OUTLETS: [&str; 4] = [
    "Daily Example",
    "River Post",
    "Sahel Evening",
    "Coast Herald",
];
const WIRES: [Option<&str>; 3] = [Some("AFP"), Some("Reuters"), None];

/// Article `n`: a body of about 4 KB holding 20 statements.
fn article(n: usize) -> (Article, Vec<(Statement, Appearance)>) {
    let outlet = OUTLETS[n % OUTLETS.len()];
    let mut body = format!("CITY {n} - A long report on the season and its politics.\n\n");
    let mut spans = Vec::new();
    for q in 0..20 {
        let speaker = SPEAKERS[(n + q) % SPEAKERS.len()];
        body.push_str(&format!(
            "In a statement on Monday, {speaker} told reporters in the capital that \u{201C}"
        ));
        let start = body.len();
        body.push_str(&format!(
            "the harvest in district {} will be late this year and the roads number {} are closed",
            (n * 7 + q) % 5000,
            q
        ));
        let end = body.len();
        body.push_str("\u{201D}, adding that more would follow.\n\n");
        let kind = if q % 4 == 3 { Kind::Claim } else { Kind::Quote };
        spans.push((speaker, kind, start, end, WIRES[(n + q) % 3]));
    }
    let article = Article {
        outlet: Some(outlet.into()),
        url: Some(format!("https://example.invalid/{n}")),
        published: Some("2024-05-01".into()),
        body,
        title: Some(format!("Report {n}")),
        ..Article::default()
    };
    let id = article.id();
    let found = spans
        .into_iter()
        .map(|(speaker, kind, start, end, wire)| {
            let text = &article.body[start..end];
            let st = Statement::new(kind, text, Some(speaker), Some(outlet), wire);
            let ap = Appearance {
                statement: st.id(),
                article: id,
                start,
                end,
                text: text.into(),
                speaker_mention: Some(speaker.into()),
                wire_source: WireSource::Text,
            };
            (st, ap)
        })
        .collect();
    (article, found)
}

/// User plus system CPU time of this process (all threads), from
/// `/proc/self/stat`; 0 where that is unavailable.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesized command name; utime and stime are the
    // 12th and 13th of those, in clock ticks (100 per second on Linux).
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = match std::env::args().nth(1) {
        Some(arg) => arg.parse()?,
        None => 20_000,
    };
    let per_batch: usize = match std::env::args().nth(2) {
        Some(arg) => arg.parse()?,
        None => 1,
    };
    let articles: Vec<_> = (0..count).map(article).collect();
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;

    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut statements = 0;
    for chunk in articles.chunks(per_batch.max(1)) {
        let items = chunk.iter().map(|(a, found)| (a, found.as_slice()));
        for outcome in store.put_articles(items)? {
            statements += outcome?.statements_new;
        }
    }
    let put = start.elapsed();
    store.flush()?;
    let total = start.elapsed();
    let cpu = cpu_seconds() - cpu_start;

    let secs = total.as_secs_f64();
    println!(
        "{count} articles, {statements} new statements in {secs:.2}s (puts {:.2}s, flush {:.2}s)",
        put.as_secs_f64(),
        (total - put).as_secs_f64()
    );
    println!(
        "{:.0} articles/s, {:.0} statements/s (wall); {:.0} articles per CPU-second",
        count as f64 / secs,
        statements as f64 / secs,
        count as f64 / cpu
    );

    let start = Instant::now();
    let report = store.verify()?;
    println!(
        "verify: {} problems, {} index entries in {:.2}s",
        report.problems.len(),
        report.index_entries,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
