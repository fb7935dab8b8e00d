//! `.meta.json` sidecars: what a user knows about a `.txt`/`.md` article.
//!
//! For `story.txt` the sidecar is `story.meta.json` (or `story.txt.meta.json`).
//! It is a JSON object with any of `outlet`, `url`, `published`, `title`,
//! `byline`, `dateline`, `origin`; unknown keys are ignored so that sidecars
//! written for other tools still work. `publisher` and `wire` are read as
//! aliases of `outlet` and `origin`, as in the PolNeAR records.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::InputError;
use crate::extract::ArticleMeta;

/// Metadata fields as they may appear in a sidecar or a JSONL record.
#[derive(Debug, Default, Deserialize)]
pub struct MetaFields {
    /// Who published it.
    pub outlet: Option<String>,
    /// Alias of `outlet` (PolNeAR).
    pub publisher: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// When.
    pub published: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Place line.
    pub dateline: Option<String>,
    /// Where a syndicated article came from.
    pub origin: Option<String>,
    /// Alias of `origin` (PolNeAR).
    pub wire: Option<String>,
    /// The language ("fr", "en-GB").
    pub lang: Option<String>,
    /// Alias of `lang`.
    pub language: Option<String>,
}

impl MetaFields {
    /// The metadata, aliases folded in and blank values dropped.
    pub fn into_meta(self) -> ArticleMeta {
        let keep = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        ArticleMeta {
            outlet: keep(self.outlet).or_else(|| keep(self.publisher)),
            url: keep(self.url),
            published: keep(self.published),
            title: keep(self.title),
            byline: keep(self.byline),
            dateline: keep(self.dateline),
            origin: keep(self.origin).or_else(|| keep(self.wire)),
            lang: keep(self.lang).or_else(|| keep(self.language)),
        }
    }
}

/// The sidecar paths looked for beside `article`, in order.
pub fn candidates(article: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(stem) = article.file_stem() {
        let mut name = stem.to_os_string();
        name.push(".meta.json");
        out.push(article.with_file_name(name));
    }
    if let Some(file) = article.file_name() {
        let mut name = file.to_os_string();
        name.push(".meta.json");
        out.push(article.with_file_name(name));
    }
    out
}

/// Reads the sidecar of `article`, if it has one.
pub fn read(article: &Path) -> Result<Option<ArticleMeta>, InputError> {
    let Some(path) = candidates(article).into_iter().find(|p| p.is_file()) else {
        return Ok(None);
    };
    let bad = |message: String| InputError::BadSidecar {
        path: path.clone(),
        message,
    };
    let bytes = super::read_regular(&path).map_err(|e| bad(e.to_string()))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| bad(format!("invalid UTF-8 at byte offset {}", e.valid_up_to())))?;
    let fields: MetaFields = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    Ok(Some(fields.into_meta()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stem_sidecar_and_ignores_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let art = dir.path().join("a.txt");
        std::fs::write(&art, "x").unwrap();
        std::fs::write(
            dir.path().join("a.meta.json"),
            r#"{"outlet": "Daily", "extra": [1], "wire": "AFP"}"#,
        )
        .unwrap();
        let meta = read(&art).unwrap().unwrap();
        assert_eq!(meta.outlet.as_deref(), Some("Daily"));
        assert_eq!(meta.origin.as_deref(), Some("AFP"));
    }

    #[test]
    fn bad_sidecar_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let art = dir.path().join("a.txt");
        std::fs::write(dir.path().join("a.meta.json"), "{\n \"outlet\": 5\n}").unwrap();
        let err = read(&art).unwrap_err().to_string();
        assert!(err.contains("a.meta.json: bad sidecar"), "{err}");
        assert!(err.contains("line 2 column"), "{err}");
    }

    #[test]
    fn no_sidecar_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(&dir.path().join("a.txt")).unwrap(), None);
    }
}
