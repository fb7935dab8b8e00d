//! How fast the store alone takes articles: the ceiling of `ingest`,
//! whatever extraction costs.
//!
//! ```text
//! cargo bench -p quotetrail-store --bench put
//! QUOTETRAIL_BENCH_SIZES=2000,8000 cargo bench -p quotetrail-store --bench put
//! ```
//!
//! Articles are generated, news-sized: a 4.5 KB body and 21 statements by
//! five speakers, every statement new (as in a fresh store). What is timed
//! is [`Store::put_prechecked`] in batches of 32 articles on one thread,
//! into a fresh store per run, best of two runs per size: exactly the work
//! of ingest's one writer thread. Ids, index entries and the "stored
//! already?" probe are computed before the clock starts, as ingest does on
//! its extraction threads. So `ingest` can't go faster than this, however
//! cheap extraction gets: sled applies one batch at a time.
//!
//! Keys per article, from the layout in `src/lib.rs`: the article, each
//! new statement and its fingerprint entry, the appearance list, one
//! name entry per speaker, outlet and wire, and its `unverified` entry
//! (until the next `verify`): 1 + 2 × 21 + 1 + 7 + 1 = 52.

use std::time::{Duration, Instant};

use quotetrail_store::{Appearance, Article, Checked, Statement, Store};

// The test generator's record building, shared.
#[allow(dead_code)]
#[path = "../tests/store/common.rs"]
mod common;

const STATEMENTS: usize = 21;
const BATCH: usize = 32;
const KEYS_PER_ARTICLE: usize = 1 + 2 * STATEMENTS + 1 + 7 + 1;

fn main() {
    let sizes: Vec<usize> = std::env::var("QUOTETRAIL_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 8_000, 32_000]);
    println!("{KEYS_PER_ARTICLE} keys per article; one writer thread");
    println!(
        "{:>9} {:>10} {:>14} {:>10}",
        "articles", "seconds", "articles/s", "µs/key"
    );
    for &n in &sizes {
        let articles: Vec<_> = (0..n).map(generated).collect();
        // The best of two runs: the first run of a process also pays for
        // sled's thread pool and the allocator's first pages.
        let best = (0..2).map(|_| time_store(&articles)).min();
        report(n, best.unwrap_or_default());
    }
}

fn report(n: usize, t: Duration) {
    let s = t.as_secs_f64();
    println!(
        "{n:>9} {s:>10.2} {:>14.0} {:>10.2}",
        n as f64 / s,
        s * 1e6 / (n * KEYS_PER_ARTICLE) as f64
    );
}

type Found = (Article, Vec<(Statement, Appearance)>);

/// Article `n`: its own words, so every statement is new; five speakers,
/// one outlet per hundred articles, an AFP credit on every third statement.
fn generated(n: usize) -> Found {
    common::council_article(
        n,
        &common::Council {
            statements: STATEMENTS,
            quote: |q, n| {
                format!(
                    "We will rebuild bridge {q} of district {n} before the rains, and the \
                     budget for it is already set aside in the plan for year {}",
                    2000 + q
                )
            },
            after: ", the official told reporters on the steps.",
            afp_every: 3,
            titled: true,
        },
    )
}

fn time_store(articles: &[Found]) -> Duration {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = Store::open(dir.path()).expect("open the store");
    let mut checked: Vec<Checked> = articles
        .iter()
        .map(|(a, found)| Checked::new(a, found).expect("generated records agree"))
        .collect();
    let mut elapsed = Duration::ZERO;
    for (batch, ids) in articles.chunks(BATCH).zip(checked.chunks_mut(BATCH)) {
        for c in ids.iter_mut() {
            store.probe(c).expect("probe");
        }
        let t = Instant::now();
        let outcomes = store
            .put_prechecked(
                batch
                    .iter()
                    .zip(ids.iter())
                    .map(|((a, f), c)| (a, &f[..], c)),
            )
            .expect("write");
        elapsed += t.elapsed();
        assert!(
            outcomes
                .iter()
                .all(|o| o.as_ref().is_ok_and(|o| o.article_new))
        );
    }
    let t = Instant::now();
    store.flush().expect("flush");
    elapsed + t.elapsed()
}
