//! Direct quotes: spans in quotation marks, attributed to a speaker.

use super::Found;
use super::text::Doc;

/// Finds the quotes in live paragraphs.
pub fn find(_doc: &Doc<'_>, _live: &[bool]) -> Vec<Found> {
    Vec::new()
}
