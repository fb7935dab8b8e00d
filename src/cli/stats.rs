//! `quotetrail stats`: where the store's bytes go.

use std::io::Write;

use quotetrail_store::{KeyspaceUsage, Totals};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::ui::Paint;

/// Show the store's size by keyspace
///
/// Walks every key and prints, per keyspace, how many keys it holds and
/// their bytes (key and value), then the live total, the size of the store
/// directory on disk, and the difference: space sled has not reclaimed
/// yet, and its own overhead. Reads the whole store, so it takes as long
/// as `verify` takes to walk it, without re-hashing. With `--json`, one
/// `keyspace` record per keyspace and a `stats` record.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {}

/// The `stats` record of `--json`.
#[derive(Serialize)]
struct Summary {
    /// Key and value bytes of every key.
    live_bytes: u64,
    /// Bytes of the files in the store directory.
    disk_bytes: u64,
    /// `disk_bytes - live_bytes` (0 if the files are smaller).
    unreclaimed_bytes: u64,
    /// Objects the store holds, from its counters.
    #[serde(flatten)]
    totals: Totals,
}

/// Runs `stats`.
pub fn run(_args: &StatsArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_counted_store()?;
    // Flushed first, so the files hold what the walk sees.
    store.flush()?;
    let stats = store.stats()?;
    let summary = Summary {
        live_bytes: stats.live_bytes,
        disk_bytes: stats.disk_bytes,
        unreclaimed_bytes: stats.disk_bytes.saturating_sub(stats.live_bytes),
        totals: store.totals()?,
    };
    let ui = &mut ctx.ui;
    if ui.json() {
        for space in &stats.keyspaces {
            ui.record("keyspace", space)?;
        }
        ui.record("stats", &summary)?;
        return Ok(Status::Success);
    }
    let head = format!(
        "{:<28}  {:>4}  {:>10}  {:>10}  {:>7}",
        "KEYSPACE", "TAG", "KEYS", "MB", "OF LIVE"
    );
    let head = ui.paint(Paint::Label, &head);
    writeln!(ui.out(), "{head}")?;
    let share = |bytes: u64| {
        if stats.live_bytes == 0 {
            0.0
        } else {
            bytes as f64 * 100.0 / stats.live_bytes as f64
        }
    };
    for KeyspaceUsage {
        keyspace,
        tag,
        keys,
        bytes,
    } in &stats.keyspaces
    {
        let line = format!(
            "{keyspace:<28}  {tag:>#04x}  {keys:>10}  {:>10}  {:>6.1}%",
            mb(*bytes),
            share(*bytes)
        );
        writeln!(ui.out(), "{line}")?;
    }
    let keys: u64 = stats.keyspaces.iter().map(|s| s.keys).sum();
    let rows = [
        ("live", Some(keys), summary.live_bytes),
        ("on disk", None, summary.disk_bytes),
        ("on disk, not live", None, summary.unreclaimed_bytes),
    ];
    for (label, keys, bytes) in rows {
        let keys = keys.map(|k| k.to_string()).unwrap_or_default();
        let line = format!("{label:<28}  {:>4}  {keys:>10}  {:>10}", "", mb(bytes));
        let line = ui.paint(Paint::Label, &line);
        writeln!(ui.out(), "{line}")?;
    }
    let t = summary.totals;
    writeln!(
        ui.out(),
        "{} articles, {} statements, {} appearances",
        t.articles,
        t.statements,
        t.appearances
    )?;
    Ok(Status::Success)
}

/// Bytes as megabytes (10^6) with one decimal; `--json` has the bytes.
fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}
