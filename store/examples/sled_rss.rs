//! sled alone, written the way ingest writes the store: is the memory that
//! grows with the store sled's own? Writes `N` generated "articles" of 52
//! keys (one tree, one atomic batch of 64 articles, a flush every 200 ms,
//! values sized like the store's) and prints the resident set every K.
//!
//! ```text
//! cargo run --release -p quotetrail-store --example sled_rss -- DIR N K CACHE_MIB
//! DRAIN=128 cargo run --release -p quotetrail-store --example sled_rss -- DIR N K CACHE_MIB
//! ```
//!
//! `BATCH=n` sets the articles per batch (64, as ingest); `DRAIN=n` pins
//! and flushes crossbeam-epoch n times after each batch, as the store now
//! does (`src/reclaim.rs`). Without it, sled alone grew by about 250 KB
//! an article; with it, by about 1.4-2 KB an article, the same with a
//! 16 MiB and a 256 MiB cache: sled's per-node bookkeeping (README,
//! "Memory").

use std::time::{Duration, Instant};

/// The allocator the `quotetrail` binary uses: sled's churn of node copies
/// makes the allocator part of what is measured.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stops the run past this resident set: a shared machine.
const RSS_LIMIT_MB: f64 = 4_000.0;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = &args[0];
    let n: usize = args[1].parse().expect("N");
    let every: usize = args[2].parse().expect("K");
    let cache_mib: u64 = args[3].parse().expect("CACHE_MIB");
    let per_batch: usize = std::env::var("BATCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let drain: usize = std::env::var("DRAIN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let _ = std::fs::remove_dir_all(dir);
    // `SEGMENT_KIB=n`: sled's log segment size (512 KiB unless set).
    let segment_kib: usize = std::env::var("SEGMENT_KIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512);
    let db = sled::Config::new()
        .path(dir)
        .cache_capacity(cache_mib << 20)
        .segment_size(segment_kib << 10)
        .open()
        .expect("open");
    println!(
        "{:>9} {:>8} {:>8} {:>8}",
        "articles", "keys", "RSS MB", "disk MB"
    );
    let mut last_flush = Instant::now();
    let mut batch = sled::Batch::default();
    let mut keys = 0u64;
    let (mut drained, mut batches) = (Duration::ZERO, 0u32);
    for i in 0..n {
        for (k, size) in shape().enumerate() {
            let h = blake3::hash(format!("{i}/{k}").as_bytes());
            let mut key = vec![(k % 5) as u8 + 1];
            key.extend_from_slice(&h.as_bytes()[..32]);
            batch.insert(key, vec![(i % 251) as u8; size]);
            keys += 1;
        }
        if (i + 1) % per_batch == 0 {
            db.apply_batch(std::mem::take(&mut batch)).expect("write");
            let t = Instant::now();
            for _ in 0..drain {
                crossbeam_epoch::pin().flush();
            }
            drained += t.elapsed();
            batches += 1;
            if last_flush.elapsed() >= Duration::from_millis(200) {
                db.flush().expect("flush");
                last_flush = Instant::now();
            }
        }
        if (i + 1) % 1000 == 0 && rss_mb() > RSS_LIMIT_MB {
            println!("stopped at {} articles: RSS {:.0} MB", i + 1, rss_mb());
            return;
        }
        if (i + 1) % every == 0 {
            println!(
                "{:>9} {keys:>8} {:>8.0} {:>8.0}",
                i + 1,
                rss_mb(),
                db.size_on_disk().unwrap_or(0) as f64 / 1e6
            );
        }
    }
    // What draining costs: the writer's time in it, per batch.
    if batches > 0 {
        println!(
            "draining: {:.3} ms per batch, {:.1} s in all",
            drained.as_secs_f64() * 1e3 / f64::from(batches),
            drained.as_secs_f64()
        );
    }
}

/// Value sizes of one article's 52 keys: the article, 21 statements and
/// their fingerprint entries, the appearance list, name entries, unverified.
/// `KEYS_EVERY=n` keeps one key in n; `VALUE_TIMES=n` makes each value
/// n times larger: which of the two the growth follows.
fn shape() -> impl Iterator<Item = usize> {
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
    };
    let (every, times) = (env("KEYS_EVERY"), env("VALUE_TIMES"));
    std::iter::once(2_500)
        .chain(std::iter::repeat_n(250, 21))
        .chain(std::iter::repeat_n(8, 21))
        .chain(std::iter::once(800))
        .chain(std::iter::repeat_n(0, 8))
        .step_by(every)
        .map(move |size| size * times)
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
