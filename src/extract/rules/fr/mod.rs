//! The French rules: quotes in guillemets and other marks attributed by
//! incises and lead-ins, and reported speech without marks. The grammar
//! is here; the words (speech verbs, titles, pronouns, function words)
//! are in `lexicon/fr/`.

pub mod claims;
pub mod phrase;
pub mod quotes;
pub mod words;

use super::Trace;
use crate::extract::Found;
use crate::text::Doc;

/// Every statement of a French article, in body order, speakers not yet
/// resolved.
pub fn find(doc: &Doc<'_>, live: &[bool], trace: &mut Trace) -> Vec<Found> {
    let mut out = crate::extract::quotes::find_with(doc, live, false, &mut |doc, r| {
        quotes::attribute(doc, r)
    });
    out.extend(quotes::dash_quotes(doc, live));
    let claims = claims::find(doc, live, &out, trace);
    out.extend(claims);
    out.sort_by_key(|f| (f.start, f.end));
    out
}
