//! Saved web pages (`.html`, `.htm`, `.xhtml`, each maybe `.gz`): one page,
//! one article.
//!
//! [`crate::web::html`] finds the article body and the metadata the page
//! declares (publisher, date, headline, author, canonical URL). A sidecar
//! beside the page beats what the page says, since it is what the user
//! knows.

use std::path::Path;

use super::{Input, InputError, Item, Origin, Reader, overlay, sidecar};
use crate::web;

/// Reads HTML pages.
pub struct HtmlReader;

impl Reader for HtmlReader {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }

    fn claims(&self, path: &Path) -> bool {
        web::html::is_html_path(path)
    }

    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let head = head.trim_ascii_start();
        let head = &head[..head.len().min(256)];
        let lower = head.to_ascii_lowercase();
        lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
    }

    fn read(&self, path: &Path, bytes: Vec<u8>, emit: &mut dyn FnMut(Item) -> bool) {
        emit(read_one(path, &bytes));
    }
}

fn read_one(path: &Path, bytes: &[u8]) -> Item {
    let hint = path.to_str().filter(|p| *p != "-");
    let page = web::html::read(bytes, hint).map_err(|e| InputError::Page {
        path: path.to_owned(),
        record: None,
        message: e.to_string(),
    })?;
    let mut meta = page.meta.to_article_meta();
    if path != Path::new("-") {
        if let Some(side) = sidecar::read(path)? {
            meta = overlay(&meta, &side);
        }
    }
    Ok(Input {
        origin: Origin::File(path.to_owned()),
        body: page.body,
        meta,
    })
}
