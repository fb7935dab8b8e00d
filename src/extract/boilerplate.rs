//! Paragraphs that can't hold statements: site furniture around the article.

use super::text::Doc;

/// One flag per paragraph: `true` where statements may be found.
pub fn live_paragraphs(doc: &Doc<'_>) -> Vec<bool> {
    vec![true; doc.paragraphs.len()]
}
