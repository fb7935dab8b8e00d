//! Plain-text articles (`.txt`, `.md`): one file, one article.
//!
//! The body is the file exactly as written, so statement offsets point into
//! what the user has on disk. Metadata comes from a sidecar (see
//! [`super::sidecar`]); standard input has none.

use std::path::Path;

use super::{Input, Item, Origin, Reader, decode, sidecar};

/// Reads `.txt` and `.md` files.
pub struct TextReader;

impl Reader for TextReader {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "md"]
    }

    fn read(&self, path: &Path, bytes: Vec<u8>, emit: &mut dyn FnMut(Item) -> bool) {
        emit(read_one(path, bytes));
    }
}

fn read_one(path: &Path, bytes: Vec<u8>) -> Item {
    let body = decode::text(path, bytes)?;
    let meta = if path == Path::new("-") {
        None
    } else {
        sidecar::read(path)?
    };
    Ok(Input {
        origin: Origin::File(path.to_owned()),
        body,
        meta: meta.unwrap_or_default(),
    })
}
