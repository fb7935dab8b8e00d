//! Web archives (`.warc`, `.warc.gz`): one article per HTML page captured.
//!
//! [`crate::web::warc`] streams the records, so an archive of any size is
//! read with flat memory. Each page is keyed by its target URI; a broken
//! record is reported with its number and the rest of the archive is read.

use std::path::Path;

use super::{Input, InputError, Item, Origin, Reader};
use crate::web;

/// Reads WARC archives.
pub struct WarcReader;

impl Reader for WarcReader {
    fn name(&self) -> &'static str {
        "warc"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["warc", "warc.gz"]
    }

    fn claims(&self, path: &Path) -> bool {
        web::warc::is_warc_path(path)
    }

    fn sniff(&self, bytes: &[u8]) -> bool {
        bytes.starts_with(b"WARC/")
    }

    fn read(&self, path: &Path, bytes: Vec<u8>, emit: &mut dyn FnMut(Item) -> bool) {
        pages(
            path,
            web::warc::Pages::new(std::io::Cursor::new(bytes)),
            emit,
        );
    }

    fn read_path(&self, path: &Path, emit: &mut dyn FnMut(Item) -> bool) {
        match web::warc::open(path) {
            Ok(p) => pages(path, p, emit),
            Err(e) => {
                emit(Err(InputError::Page {
                    path: path.to_owned(),
                    record: None,
                    message: e.to_string(),
                }));
            }
        }
    }
}

fn pages<R: std::io::Read>(
    path: &Path,
    pages: web::warc::Pages<R>,
    emit: &mut dyn FnMut(Item) -> bool,
) {
    for item in pages {
        let more = emit(match item {
            Ok(p) => Ok(Input {
                origin: Origin::Record {
                    file: path.to_owned(),
                    line: usize::try_from(p.number).unwrap_or(usize::MAX),
                    id: Some(p.uri),
                },
                body: p.page.body,
                meta: p.page.meta.to_article_meta(),
            }),
            Err(e) => Err(InputError::Page {
                path: path.to_owned(),
                record: None,
                message: e.to_string(),
            }),
        });
        if !more {
            return;
        }
    }
}
