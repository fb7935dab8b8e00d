//! Article metadata the text itself gives: dateline, byline, syndication.
//!
//! Only gaps are filled: what the caller knows (`given`) wins. The rules
//! read the first paragraphs for a dateline ("BAMAKO, Oct 30:",
//! "OUAGADOUGOU:", "BAMAKO (Reuters) -") and a byline ("By Jane Doe"), and
//! the whole text for a syndication credit ("(AFP) -", "By arrangement with
//! the Guardian", "Copyright The Financial Times", "\u{a9} 2013 The
//! Associated Press", "This article originally appeared in X").

use super::ArticleMeta;
use super::lexicon::agency_named;
use super::text::Doc;

/// Returns `given` with gaps filled from what the text says.
pub fn fill(doc: &Doc<'_>, given: &ArticleMeta) -> ArticleMeta {
    let mut meta = given.clone();
    let paras: Vec<&str> = doc.paragraphs.iter().map(|r| doc.slice(r)).collect();
    for p in paras.iter().take(3) {
        if meta.byline.is_none() {
            meta.byline = byline(p);
        }
        if let Some((place, credit)) = dateline(p) {
            if meta.dateline.is_none() {
                meta.dateline = Some(place);
            }
            if meta.origin.is_none() {
                meta.origin = credit;
            }
            break;
        }
    }
    if meta.origin.is_none() {
        // Credit lines are short; long paragraphs are prose.
        meta.origin = paras
            .iter()
            .filter(|p| p.len() < 300)
            .find_map(|p| syndication(p));
    }
    meta
}

/// "By Jane Doe" (a short line of capitalised words).
fn byline(p: &str) -> Option<String> {
    let rest = p.strip_prefix("By ").or_else(|| p.strip_prefix("BY "))?;
    let rest = rest.trim();
    let n = rest.split_whitespace().count();
    let names = rest.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase()) || matches!(w, "and" | "&" | "de" | "van")
    });
    ((2..=8).contains(&n) && names && !rest.to_ascii_lowercase().starts_with("arrangement"))
        .then(|| rest.trim_end_matches(['.', ',']).to_owned())
}

/// "BAMAKO, Oct 30:", "OUAGADOUGOU:", "BAMAKO (Reuters) -": the place and
/// any agency credit.
fn dateline(p: &str) -> Option<(String, Option<String>)> {
    let head: String = p.chars().take(80).collect();
    let place_end = head
        .char_indices()
        .find(|&(_, c)| !(c.is_uppercase() || c == ' ' || c == '-' || c == '.' || c == '\''))
        .map_or(head.len(), |(i, _)| i);
    let place = head[..place_end].trim();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let rest = &head[place_end..];
    // An agency in brackets right after the place.
    let credit = rest.trim_start().strip_prefix('(').and_then(|r| {
        let close = r.find(')')?;
        agency_named(&r[..close]).map(|a| a.canonical.to_owned())
    });
    let tail = rest.trim_start();
    let ok = tail.starts_with(':')
        || credit.is_some()
        || tail.starts_with('\u{2014}')
        || tail.starts_with("- ")
        || (tail.starts_with(',') && tail[1..].find(':').is_some_and(|k| k < 20));
    ok.then(|| (place.trim_end_matches([',', ' ']).to_owned(), credit))
}

/// A syndication credit line.
fn syndication(p: &str) -> Option<String> {
    let lower = p.to_ascii_lowercase();
    let name = if let Some(r) = strip_ci(p, &lower, "by arrangement with ") {
        r
    } else if let Some(r) = strip_ci(p, &lower, "this article originally appeared in ")
        .or_else(|| strip_ci(p, &lower, "this article originally appeared on "))
    {
        r
    } else if let Some(r) =
        strip_ci(p, &lower, "copyright ").or_else(|| strip_ci(p, &lower, "\u{a9} "))
    {
        // "Copyright 2013 The Associated Press", "Copyright The Financial
        // Times Limited 2019. All rights reserved."
        let r = r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '\u{a9}');
        r.split(['.', ','])
            .next()?
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
            .trim_end_matches(" Limited")
            .trim_end_matches(" Ltd")
    } else if let Some(k) = p
        .find("(AFP)")
        .or_else(|| p.find("(Reuters)"))
        .or_else(|| p.find("(AP)"))
    {
        let r = &p[k + 1..];
        &r[..r.find(')')?]
    } else {
        return None;
    };
    let name = name.trim().trim_end_matches('.').trim();
    if name.is_empty() || name.split_whitespace().count() > 6 {
        return None;
    }
    Some(match agency_named(name) {
        Some(a) => a.canonical.to_owned(),
        None => {
            let bare = name.strip_prefix("the ").unwrap_or(name);
            if bare.starts_with(|c: char| c.is_lowercase()) {
                return None;
            }
            bare.to_owned()
        }
    })
}

fn strip_ci<'a>(p: &'a str, lower: &str, prefix: &str) -> Option<&'a str> {
    lower.starts_with(prefix).then(|| &p[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> ArticleMeta {
        fill(&Doc::new(text), &ArticleMeta::default())
    }

    #[test]
    fn datelines() {
        assert_eq!(
            meta("LEEDS, Oct 30: Rain fell.").dateline.as_deref(),
            Some("LEEDS")
        );
        assert_eq!(meta("LEEDS: Rain fell.").dateline.as_deref(), Some("LEEDS"));
        let m = meta("LEEDS (Reuters) - Rain fell.");
        assert_eq!(m.dateline.as_deref(), Some("LEEDS"));
        assert_eq!(m.origin.as_deref(), Some("Reuters"));
        assert_eq!(meta("Rain fell in LEEDS.").dateline, None);
    }

    #[test]
    fn bylines_and_syndication() {
        assert_eq!(
            meta("By Jane Doe\nRain fell.").byline.as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            meta("Rain fell.\nBy arrangement with the Guardian")
                .origin
                .as_deref(),
            Some("The Guardian")
        );
        assert_eq!(
            meta("Rain.\nCopyright The Financial Times Limited 2019. All rights reserved.")
                .origin
                .as_deref(),
            Some("Financial Times")
        );
        assert_eq!(
            meta("Rain.\n\u{a9} 2013 The Associated Press")
                .origin
                .as_deref(),
            Some("AP")
        );
    }

    #[test]
    fn given_metadata_wins() {
        let given = ArticleMeta {
            dateline: Some("PARIS".into()),
            ..Default::default()
        };
        assert_eq!(
            fill(&Doc::new("LEEDS: Rain."), &given).dateline.as_deref(),
            Some("PARIS")
        );
    }
}
