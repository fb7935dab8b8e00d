//! Claims an article itself calls unconfirmed: the statement's sentence
//! or the next one carries one of the language's phrases for it
//! (`follow/lexicon`), found by reading each article once.

use std::collections::BTreeMap;

use quotetrail_store::Store;

use super::{OutletAudit, Unconfirmed};
use crate::extract::lang::Lang;
use crate::follow::persist::Result;
use crate::text::Doc;

/// Fills each outlet's unconfirmed claims, reading each article once.
pub(super) fn unconfirmed(
    store: &Store,
    per: &mut BTreeMap<String, OutletAudit>,
    want: Option<&str>,
) -> Result<()> {
    for article in store.articles() {
        let (aid, art) = article?;
        let name = art.outlet.clone().unwrap_or_else(|| "(no outlet)".into());
        if want.is_some_and(|w| quotetrail_store::fold_name(&name) != w) {
            continue;
        }
        let Some(a) = per.get_mut(&name) else {
            continue;
        };
        let lang = art.lang.as_deref().and_then(Lang::from_code);
        let doc = Doc::in_lang(&art.body, lang.unwrap_or(Lang::En));
        for (id, ap) in store.appearances_in(&aid)? {
            if let Some(phrase) = called_unconfirmed(&doc, ap.start, ap.end) {
                a.unconfirmed.push(Unconfirmed {
                    appearance: id,
                    text: ap.text.clone(),
                    phrase,
                });
            }
        }
    }
    Ok(())
}

/// Whether the article calls the statement at `start..end` unconfirmed: the
/// statement's own sentence or the next one carries one of the phrases.
/// Sentences are the extractor's ([`Doc`]), so "U.S." or "Gen." ends none.
pub fn called_unconfirmed(doc: &Doc, start: usize, end: usize) -> Option<&'static str> {
    let body = doc.text;
    let start = floor(body, start);
    let end = floor(body, end.min(body.len())).max(start);
    let from = doc
        .sentence_at(start)
        .map_or(start, |i| doc.sentences[i].range.start.min(start));
    // The rest of the statement's sentence and the whole next one.
    let to = doc
        .sentence_at(end.saturating_sub(1).max(start))
        .map_or(end, |i| {
            doc.sentences[i..]
                .iter()
                .take(2)
                .map(|s| s.range.end)
                .max()
                .unwrap_or(end)
                .max(end)
        });
    let window = body[from..floor(body, to.min(from + 2000))].to_lowercase();
    crate::follow::lexicon::unconfirmed_phrases()
        .iter()
        .copied()
        .find(|p| window.contains(p))
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
