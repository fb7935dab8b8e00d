//! Opening sled's tree as the store does: the page cache setting, the
//! wait for a lock the same process still holds, and what a held lock
//! looks like. Kept apart from the store's reads and writes.

use std::path::Path;
use std::sync::atomic::Ordering;

use crate::error::{Error, Result};

/// sled's page cache, in bytes, for stores opened from now on (see
/// [`set_cache_bytes`]).
static CACHE_BYTES: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(DEFAULT_CACHE_BYTES);

/// The page cache a store gets unless told otherwise: sled's own default
/// is 1 GiB, and ingest reads little back, so a smaller one keeps memory
/// modest without slowing writes.
pub const DEFAULT_CACHE_BYTES: usize = 256 << 20;

/// Sets the page cache of stores opened from now on, in bytes: the part
/// of a process's memory that grows with the store until it is full.
/// The command line's `--cache-mib`.
pub fn set_cache_bytes(bytes: usize) {
    CACHE_BYTES.store(bytes.max(1 << 20), Ordering::Relaxed);
}

/// Opens the sled tree in `path` as the store does, mapping a held lock to
/// [`Error::InUse`].
pub(crate) fn open_tree(path: &Path) -> Result<sled::Db> {
    open_tree_with(path, CACHE_BYTES.load(Ordering::Relaxed) as u64)
}

/// [`open_tree`] with a page cache of at most `cache_bytes`, for a tree
/// read or written once in key order, which a larger cache does not help.
pub(crate) fn open_tree_with(path: &Path, cache_bytes: u64) -> Result<sled::Db> {
    let cache_bytes = cache_bytes.min(CACHE_BYTES.load(Ordering::Relaxed) as u64);
    let config = sled::Config::new().path(path).cache_capacity(cache_bytes);
    open_retrying(&config).map_err(|source| {
        if is_lock_error(&source) {
            Error::InUse {
                path: path.to_path_buf(),
            }
        } else {
            Error::Open {
                path: path.to_path_buf(),
                source,
            }
        }
    })
}

/// Opens sled, retrying for a moment while the lock is held.
///
/// sled releases its file lock only when its background threads let go of
/// the database, shortly *after* the last handle is dropped, so reopening a
/// store in the same process (tests, a long-running tool) can briefly see
/// its own lock. Another process holding the store still fails, after
/// about a second.
fn open_retrying(config: &sled::Config) -> sled::Result<sled::Db> {
    let mut attempt = 0;
    loop {
        match config.open() {
            Err(e) if is_lock_error(&e) && attempt < LOCK_RETRIES => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

const LOCK_RETRIES: u32 = 20;

/// Whether sled failed because another process holds the store's lock.
/// sled 0.34 reports this as an `Other` I/O error whose message starts with
/// "could not acquire lock"; `WouldBlock` is what the OS lock call returns.
fn is_lock_error(error: &sled::Error) -> bool {
    match error {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().contains("could not acquire lock")
        }
        _ => false,
    }
}
