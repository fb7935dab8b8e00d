//! Taking the article body out of a page.
//!
//! Two maintained extractors read the page:
//!
//! - `rs-trafilatura` (a trafilatura port) has the best recall on the page
//!   benchmark and keeps paragraphs and quotation marks, but it sometimes
//!   keeps furniture around the article: "related stories" link lists,
//!   tag clouds, a whole sidebar;
//! - `dom_smoothie` (a Readability port) is tighter on most pages but cuts
//!   too much on others.
//!
//! So trafilatura's text is the answer, with three general corrections:
//!
//! 1. runs of paragraphs that are nothing but link text at the start or end
//!    of the body are dropped, with a short heading line ("More on this")
//!    just before a trailing run; link lists are navigation, not article;
//! 2. paragraphs that are only the page title are dropped (the headline is
//!    metadata; a page trafilatura misreads comes back as title lines);
//! 3. when Readability's text is shorter and at least nine tenths of it
//!    (by word 4-grams) is also in trafilatura's, the two agree on the
//!    article and trafilatura's extra is boilerplate: Readability's text
//!    wins. When they disagree, trafilatura's recall is trusted.
//!
//! Both rules look only at structure and agreement, never at the words of a
//! particular site.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::Error;

/// Share of the shorter text's 4-grams that must be in the longer one for
/// the two extractors to count as agreeing.
const AGREEMENT: f64 = 0.9;

/// Heading lines above a trailing link list are at most this many words.
const HEADING_WORDS: usize = 4;

/// A body shorter than this is a title or a menu the extractors fell back
/// on, not an article (the shortest article on the page benchmark has 66).
const MIN_WORDS: usize = 10;

/// What the extractors found in one page.
pub(crate) struct Extracted {
    /// The article text, one paragraph a line, blank lines between.
    pub body: String,
    /// trafilatura's metadata (title, author, date, site name...).
    pub traf: Option<rs_trafilatura::Metadata>,
    /// Readability's metadata.
    pub readability: Option<ReadabilityMeta>,
}

/// The metadata fields Readability reads (from JSON-LD, Open Graph and
/// the page), as it found them.
pub(crate) struct ReadabilityMeta {
    pub title: String,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
}

/// Runs both extractors on `html` and picks the body as described in the
/// module docs. `url` (absolute) lets Readability resolve relative links.
pub(crate) fn extract(html: &str, url: Option<&str>) -> Result<Extracted, Error> {
    let traf = run_trafilatura(html, url);
    let smoothie = run_readability(html, url);

    let traf_body = traf
        .as_ref()
        .map(|r| {
            let paragraphs = paragraphs(&r.content_text);
            let links = r
                .content_html
                .as_deref()
                .map(link_texts)
                .unwrap_or_default();
            let mut kept = trim_link_edges(paragraphs, &links);
            drop_title_lines(&mut kept, &r.metadata);
            kept.join("\n\n")
        })
        .unwrap_or_default();
    let smoothie_body = smoothie
        .as_ref()
        .map(|a| paragraphs(&a.text_content).join("\n\n"))
        .unwrap_or_default();

    let body = choose(traf_body, smoothie_body);
    if words(&body).count() < MIN_WORDS {
        return Err(match (traf, smoothie) {
            (Err(e), Err(_)) => e,
            _ => Error::NoArticleBody,
        });
    }
    Ok(Extracted {
        body,
        traf: traf.ok().map(|r| r.metadata),
        readability: smoothie.ok().map(|a| ReadabilityMeta {
            title: a.title,
            byline: a.byline,
            site_name: a.site_name,
            published_time: a.published_time,
            lang: a.lang,
            url: a.url,
        }),
    })
}

/// trafilatura with links kept in its HTML output (for [`link_texts`]).
/// A panic inside the library becomes an error: one bad page must not take
/// down a whole ingest.
fn run_trafilatura(html: &str, url: Option<&str>) -> Result<rs_trafilatura::ExtractResult, Error> {
    // The URL is not passed: trafilatura would report it as the page's own
    // URL over the canonical one the page declares, and on the benchmark it
    // changes nothing in the body.
    let _ = url;
    // No cap on the text taken out (the library's default cuts it at
    // 1 MB without a word): the page itself is capped before parsing
    // (decode::MAX_HTML_BYTES) and its text is never longer than its markup.
    let options = rs_trafilatura::Options {
        include_links: true,
        max_extracted_len: usize::MAX,
        ..Default::default()
    };
    catch_unwind(AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(html, &options)
    }))
    .map_err(|_| Error::Extractor("rs-trafilatura panicked".into()))?
    .map_err(|e| Error::Extractor(e.to_string()))
}

/// Readability with text output that keeps paragraph breaks.
fn run_readability(html: &str, url: Option<&str>) -> Result<dom_smoothie::Article, Error> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    catch_unwind(AssertUnwindSafe(|| {
        // A relative or odd URL is only a hint: retry without it.
        let mut reader = dom_smoothie::Readability::new(html, url, Some(config.clone()))
            .or_else(|_| dom_smoothie::Readability::new(html, None, Some(config)))?;
        reader.parse()
    }))
    .map_err(|_| Error::Extractor("dom_smoothie panicked".into()))?
    .map_err(|e| Error::Extractor(e.to_string()))
}

/// The non-blank lines of an extractor's text, trimmed, with no-break and
/// other odd spaces made plain and runs of spaces collapsed, so that one
/// paragraph is one line as [`crate::text`] expects.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

/// The texts of all links in an extractor's HTML output, normalised to
/// lowercase words.
fn link_texts(html: &str) -> Vec<String> {
    let doc = dom_query::Document::from(html);
    doc.select("a")
        .iter()
        .map(|a| norm(&a.text()))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Drops leading and trailing runs of link-only paragraphs, and the short
/// heading just above a trailing run. Link paragraphs inside the article
/// stay: lists of sources or products there are the author's.
fn trim_link_edges(paragraphs: Vec<String>, links: &[String]) -> Vec<String> {
    if links.is_empty() {
        return paragraphs;
    }
    let is_link = |p: &String| {
        let n = norm(p);
        !n.is_empty() && links.iter().any(|l| l.contains(&n))
    };
    let is_heading = |p: &String| {
        let t = p.trim_end();
        words(p).count() <= HEADING_WORDS && !t.ends_with(['.', '!', '?', '"', '”', '»'])
    };
    let flags: Vec<bool> = paragraphs.iter().map(is_link).collect();
    let mut end = paragraphs.len();
    loop {
        let before = end;
        while end > 0 && flags[end - 1] {
            end -= 1;
        }
        if end < before {
            while end > 0 && !flags[end - 1] && is_heading(&paragraphs[end - 1]) {
                end -= 1;
            }
        }
        if end == before {
            break;
        }
    }
    let start = flags[..end].iter().take_while(|&&f| f).count();
    // All links is a navigation page: nothing is left.
    paragraphs[start.min(end)..end].to_vec()
}

/// Removes paragraphs that are only the page title (maybe with the site
/// name): the headline is metadata, and a page trafilatura misreads comes
/// back as nothing but title lines, which must not pass for an article.
fn drop_title_lines(paragraphs: &mut Vec<String>, meta: &rs_trafilatura::Metadata) {
    let Some(title) = meta.title.as_deref().map(norm).filter(|t| !t.is_empty()) else {
        return;
    };
    let site = meta.sitename.as_deref().map(norm).unwrap_or_default();
    paragraphs.retain(|p| {
        let n = norm(p);
        let rest = n.strip_prefix(&title).or_else(|| n.strip_suffix(&title));
        match rest.map(str::trim) {
            Some("") => false,
            Some(r) => site.is_empty() || r != site,
            None => true,
        }
    });
}

/// Picks Readability's body when it is shorter and agrees with
/// trafilatura's; otherwise trafilatura's (or whichever is not empty).
fn choose(traf: String, readability: String) -> String {
    let t = words(&traf).count();
    let r = words(&readability).count();
    if t == 0 {
        return readability;
    }
    if r > 0 && r < t && containment(&readability, &traf) >= AGREEMENT {
        return readability;
    }
    traf
}

/// The share of `part`'s word 4-grams (with multiplicity) found in `whole`.
fn containment(part: &str, whole: &str) -> f64 {
    let part = shingles(part);
    let mut whole = shingles(whole);
    let total: usize = part.values().sum();
    if total == 0 {
        return 0.0;
    }
    let mut shared = 0;
    for (gram, n) in part {
        if let Some(m) = whole.get_mut(&gram) {
            let k = n.min(*m);
            shared += k;
            *m -= k;
        }
    }
    shared as f64 / total as f64
}

/// Word 4-grams with counts; texts under four words count as one gram.
fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let w: Vec<String> = words(text).map(str::to_lowercase).collect();
    let mut out = HashMap::new();
    if w.len() < 4 {
        if !w.is_empty() {
            out.insert(w, 1);
        }
        return out;
    }
    for gram in w.windows(4) {
        *out.entry(gram.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Runs of letters and digits: words as the benchmark counts them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Lowercase words joined by single spaces, for comparing texts whatever
/// their spacing and punctuation.
fn norm(text: &str) -> String {
    words(text)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn trailing_link_list_and_its_heading_are_dropped() {
        let paras = strings(&[
            "The council met on Monday.",
            "\"We will decide soon,\" the mayor said.",
            "Read more",
            "Storm closes the harbour",
            "Bridge works start in May",
        ]);
        let links = strings(&["storm closes the harbour", "bridge works start in may"]);
        let kept = trim_link_edges(paras, &links);
        assert_eq!(kept.len(), 2);
        assert!(kept[1].contains("mayor"));
    }

    #[test]
    fn link_paragraphs_inside_the_article_stay() {
        let paras = strings(&["First paragraph.", "Buy it here", "Last paragraph."]);
        let links = strings(&["buy it here"]);
        assert_eq!(trim_link_edges(paras, &links).len(), 3);
    }

    #[test]
    fn agreeing_shorter_text_wins() {
        let core = "one two three four five six seven eight nine ten eleven twelve";
        let traf = format!("{core}\n\nTags: alpha beta gamma delta epsilon zeta eta theta");
        assert_eq!(choose(traf, core.to_string()), core);
    }

    #[test]
    fn disagreeing_shorter_text_loses() {
        let traf = "one two three four five six seven eight nine ten".to_string();
        let other = "entirely different words from another part of it".to_string();
        assert_eq!(choose(traf.clone(), other), traf);
    }
}
