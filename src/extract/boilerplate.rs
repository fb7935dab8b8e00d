//! Paragraphs that can't hold statements: site furniture around the article.
//!
//! Three structural rules, no site-specific patterns:
//!
//! * **Furniture lines**: a paragraph that opens with a web-furniture phrase
//!   ("Copyright", "DISCLAIMER:", "Tags:", "Reuse this content", "Article
//!   continues after advertisement", "More from X:", "Get alerts on") is dead.
//! * **Headings and list items**: a short paragraph (under eight words)
//!   without sentence punctuation is a heading, a tag or a teaser link, not
//!   prose that reports speech.
//! * **Trailing furniture**: once an end-of-article line is seen past the
//!   opening paragraphs (a
//!   copyright, a disclaimer, a syndication credit, a "Latest Stories"
//!   heading) and what follows is mostly short lines, the rest is other
//!   stories' teasers and is dead too.

use crate::text::Doc;

/// Openings of furniture lines, compared case-insensitively.
const FURNITURE: &[&str] = &[
    "copyright",
    "\u{a9}",
    "(c) ",
    "all rights reserved",
    "disclaimer",
    "tags:",
    "related:",
    "related stories",
    "related articles",
    "latest stories",
    "more from",
    "read more",
    "read the rest",
    "get alerts",
    "sign up",
    "subscribe",
    "reuse this content",
    "follow the topics",
    "follow us",
    "share this",
    "click here",
    "article continues",
    "advertisement",
    "story continues",
    "by arrangement with",
    "this article originally appeared",
    "this article was originally published",
    // Reporting credits ("(Reporting by X; Editing by Y)"), recorded as
    // metadata by `meta`.
    "additional reporting",
    "(additional reporting",
    "reporting by ",
    "(reporting by ",
    "writing by ",
    "(writing by ",
    "editing by ",
    "(editing by ",
    "recommended",
    "you may also like",
    "most read",
    "most popular",
];

/// Furniture that marks the end of the article proper.
const END_MARKERS: &[&str] = &[
    "copyright",
    "\u{a9}",
    "all rights reserved",
    "disclaimer",
    "tags:",
    "latest stories",
    "related stories",
    "get alerts",
    "reuse this content",
    "by arrangement with",
    "this article originally appeared",
    "you may also like",
    "most read",
];

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// Whether `s` has fewer than `n` words. Counting stops at `n`, so long
/// paragraphs cost no more than short ones.
fn fewer_words_than(s: &str, n: usize) -> bool {
    s.split_whitespace().take(n).count() < n
}

/// Whether a paragraph reads as a heading or list item.
fn is_short_line(p: &str) -> bool {
    let trimmed = p.trim_end_matches(['"', '\u{201D}', '\u{2019}', '\'', ')', ' ']);
    let punct = trimmed.ends_with(['.', '!', '?', ':', ',', ';', '\u{2026}']);
    !punct && fewer_words_than(p, 8)
}

/// One flag per paragraph: `true` where statements may be found.
pub fn live_paragraphs(doc: &Doc<'_>) -> Vec<bool> {
    let paras: Vec<&str> = doc.paragraphs.iter().map(|r| doc.slice(r)).collect();
    let mut live: Vec<bool> = paras
        .iter()
        .map(|p| !FURNITURE.iter().any(|f| starts_with_ci(p, f)) && !is_short_line(p))
        .collect();
    // Trailing furniture after an end marker past the article's opening.
    let from = paras.len().min(3);
    if let Some(end) =
        (from..paras.len()).find(|&i| END_MARKERS.iter().any(|f| starts_with_ci(paras[i], f)))
    {
        let rest = &paras[end + 1..];
        let short = rest.iter().filter(|p| fewer_words_than(p, 12)).count();
        if short * 2 >= rest.len() {
            for l in &mut live[end..] {
                *l = false;
            }
        }
    }
    live
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live(text: &str) -> Vec<bool> {
        live_paragraphs(&Doc::new(text))
    }

    #[test]
    fn prose_is_live() {
        assert_eq!(
            live("The mayor said the bridge would reopen in May."),
            [true]
        );
    }

    #[test]
    fn furniture_lines_are_dead() {
        let got = live(
            "The mayor said the bridge would reopen in May after repairs.\n\
             Article continues after advertisement\n\
             Copyright Example Media 2020. All rights reserved.",
        );
        assert_eq!(got, [true, false, false]);
    }

    #[test]
    fn headings_are_dead_but_lead_ins_live() {
        let got = live("Storm warning\nThe mayor said:\n\u{201C}Stay home tonight.\u{201D}");
        assert_eq!(got, [false, true, true]);
    }

    #[test]
    fn teasers_after_the_end_are_dead() {
        let got = live(
            "The mayor said the bridge would reopen in May after repairs.\n\
             The council said the cost would be met from reserves this year.\n\
             Tags:\n\
             Latest Stories\n\
             Council leader says budget is fine and everyone should relax now.\n\
             2 hours\n\
             Roads closed\n\
             5 hours",
        );
        assert_eq!(got, [true, true, false, false, false, false, false, false]);
    }
}
