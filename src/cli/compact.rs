//! `quotetrail compact`: give back the disk sled has not reclaimed.

use quotetrail_store::{Backup, CompactStep, Error, Store};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};

/// Rewrite the store into fresh files, giving back the disk sled kept
///
/// sled keeps old copies of its pages long after they were replaced: after
/// a long ingest most of a store's size on disk can be garbage (`stats`
/// shows how much). This copies every key and value as it is, in key
/// order, into a new store beside it (`<store>.compacting`), reads the copy
/// back from disk and checks it holds the same keys and values (their
/// count and a blake3 digest over all of them), and only then puts it in
/// the store's place. The old store is kept as `<store>.compact-backup`
/// until you remove it (or pass `--remove-backup`): the disk comes back
/// once it is gone. While it is there, `compact` refuses to run again.
///
/// Needs free disk for the copy, about the store's live size (`stats`)
/// once or twice over. A run cut short leaves the store whole; running
/// `compact` again finishes the job or starts the copy again.
///
/// `--json` prints one summary record (keys, live_bytes, disk_before,
/// disk_after, backup, seconds).
#[derive(clap::Args, Debug)]
pub struct CompactArgs {
    /// Remove the old store once the copy is in its place and has been
    /// read back there unchanged, instead of keeping it as a backup
    #[arg(long)]
    remove_backup: bool,
}

/// `compact --json`'s record.
#[derive(Serialize)]
struct Summary {
    keys: u64,
    live_bytes: u64,
    disk_before: u64,
    disk_after: u64,
    /// Where the old store is kept; null once removed.
    backup: Option<String>,
    /// Whether this run only finished one cut short.
    finished_earlier: bool,
    seconds: f64,
}

/// Runs `compact`.
pub fn run(args: &CompactArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let path = ctx.store_path.clone();
    let building = quotetrail_store::compact::compacting_dir(&path);
    // A store whose swap was cut short is not in its place: let the
    // store finish it.
    if !path.is_dir() && !building.is_dir() {
        return Err(CliError::NoStore(path));
    }
    let backup = if args.remove_backup {
        Backup::Remove
    } else {
        Backup::Keep
    };
    let mut progress = ctx.ui.progress("keys");
    let done = Store::compact(&path, backup, |step, keys| {
        let detail = match step {
            CompactStep::Copied => "copied",
            CompactStep::Checked => "read back and checked",
        };
        progress.tick(keys as usize, detail);
    })
    .map_err(|e| match e {
        e @ (Error::InUse { .. } | Error::Open { .. } | Error::SchemaMismatch { .. }) => {
            CliError::StoreOpen(e)
        }
        e => CliError::Store(e),
    })?;
    progress.finish();

    let backup = done.backup.as_ref().map(|p| p.display().to_string());
    if ctx.ui.json() {
        ctx.ui.record(
            "summary",
            &Summary {
                keys: done.keys,
                live_bytes: done.live_bytes,
                disk_before: done.disk_before,
                disk_after: done.disk_after,
                backup: backup.clone(),
                finished_earlier: done.finished_earlier,
                seconds: done.elapsed.as_secs_f64(),
            },
        )?;
    }
    let store = path.display();
    let after = match &backup {
        Some(b) => format!("; the old store is kept at {b}: remove it to get the disk back"),
        None => "; the old store was removed".to_owned(),
    };
    if done.finished_earlier {
        ctx.ui.status(&format!(
            "finished a compaction of {store} cut short: {} MB on disk{after}",
            mb(done.disk_after),
        ));
        return Ok(Status::Success);
    }
    ctx.ui.status(&format!(
        "compacted {store}: {} MB -> {} MB on disk in {:.0} s (live data {} MB, {} keys){after}",
        mb(done.disk_before),
        mb(done.disk_after),
        done.elapsed.as_secs_f64(),
        mb(done.live_bytes),
        done.keys,
    ));
    Ok(Status::Success)
}

/// Bytes as whole megabytes (10^6), as `stats` counts them.
fn mb(bytes: u64) -> String {
    format!("{:.0}", bytes as f64 / 1e6)
}
