//! The page limits, settable for one run (`--max-page-mib`,
//! `--max-html-depth`): process-wide like `--max-statements`, since every
//! reader thread applies the same ones.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::decode::MAX_HTML_BYTES;
use super::depth::MAX_DEPTH;

static PAGE_BYTES: AtomicUsize = AtomicUsize::new(MAX_HTML_BYTES);
static DEPTH: AtomicUsize = AtomicUsize::new(MAX_DEPTH);

/// The deepest nesting `--max-html-depth` may allow: past a few thousand
/// the parsers' recursion takes minutes and then overflows the stack.
pub const DEPTH_CEILING: usize = 4096;

/// Sets the largest page (after gunzip) and the deepest nesting read.
/// The depth is held to [`DEPTH_CEILING`].
pub fn set(page_bytes: usize, depth: usize) {
    PAGE_BYTES.store(page_bytes.max(1), Ordering::Relaxed);
    DEPTH.store(depth.clamp(1, DEPTH_CEILING), Ordering::Relaxed);
}

/// The largest page read, in bytes (8 MiB unless set).
pub fn page_bytes() -> usize {
    PAGE_BYTES.load(Ordering::Relaxed)
}

/// The deepest nesting read (512 unless set).
pub fn depth() -> usize {
    DEPTH.load(Ordering::Relaxed)
}
