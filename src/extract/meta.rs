//! Article metadata the text itself gives: dateline, byline, syndication.
//!
//! Only gaps are filled: what the caller knows (`given`) wins. The rules
//! read the first paragraphs for a dateline ("BAMAKO, Oct 30:",
//! "OUAGADOUGOU:", "BAMAKO (Reuters) -") and a byline ("By Jane Doe"), and
//! the whole text for a syndication credit ("(AFP) -", "By arrangement with
//! the Guardian", "Copyright The Financial Times", "\u{a9} 2013 The
//! Associated Press", "This article originally appeared in X") and for
//! reporting credits ("Additional reporting by X").
//!
//! **Agency bylines.** "By Jane Doe, AFP", "By Jane Doe | Reuters", "By Ann
//! Lee and Bo Ek, The Associated Press" name the people who wrote the copy
//! and the agency it came from. The agency is the article's origin (so its
//! statements get the agency as an inferred wire); the byline keeps the
//! people. This holds for a byline in the text and for one given from
//! outside (a page's author metadata often reads "Jane Doe, AFP"): the
//! given byline's people are kept as written, only the agency moves. A
//! byline that names no agency gives no origin.
//!
//! **Reporting credits.** "Additional reporting by Ann Lee in Paris",
//! "(Reporting by Ann Lee; Editing by Bo Ek)" are furniture for statement
//! finding (see [`super::boilerplate`]) but they say who made the article,
//! so they are recorded:
//!
//! - an agency credited for reporting ("additional reporting by Reuters")
//!   is the article's origin when nothing else gave one: part of the copy
//!   is that agency's, which is what an origin records and what lets its
//!   statements carry the agency as an inferred wire;
//! - people credited are appended to the byline as the credit reads
//!   ("Jane Doe; Additional reporting by Ann Lee in Paris"), or make the
//!   byline when there is none. The byline is where a reader looks for who
//!   wrote an article, and the store's article record has no other field
//!   for people, so keeping the credit's own wording there loses nothing
//!   and invents no structure. A credit that names only agencies is not
//!   repeated in the byline, since the origin already holds it.

use super::ArticleMeta;
use super::lexicon::{Agency, agency_named};
use crate::text::Doc;

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
    if let Some(line) = meta.byline.take() {
        let (people, agency) = split_byline(&line);
        // A paper named in its own byline ("Jane Doe, The Guardian" on the
        // Guardian's site) is the outlet, not where the copy came from.
        let own = |a: &Agency| {
            !a.wire
                && meta
                    .outlet
                    .as_deref()
                    .and_then(agency_named)
                    .is_some_and(|o| o.canonical == a.canonical)
        };
        if meta.origin.is_none() {
            meta.origin = agency.filter(|a| !own(a)).map(|a| a.canonical.to_owned());
        }
        meta.byline = people;
    }
    // Credit lines are short; long paragraphs are prose.
    let short = || paras.iter().filter(|p| p.len() < 300);
    for credit in short().filter_map(|p| reporting_credit(p)).take(4) {
        if meta.origin.is_none() {
            meta.origin = credit.agency.map(|a| a.canonical.to_owned());
        }
        if let Some(note) = credit.note {
            meta.byline = Some(match meta.byline.take() {
                None => note,
                Some(b) if b.to_lowercase().contains(&note.to_lowercase()) => b,
                Some(b) => format!("{b}; {note}"),
            });
        }
    }
    if meta.origin.is_none() {
        meta.origin = short().find_map(|p| syndication(p));
    }
    meta
}

/// Whether `w` names a newsroom role, whatever its case
/// (`lexicon/newsroom_roles.txt`).
fn is_role(w: &str) -> bool {
    super::lexicon::newsroom_roles().contains_ascii(w)
}

/// The agency a byline segment names, role words aside: "Associated Press
/// Writer" and "the AFP" are agencies, "Jane Doe" is not.
fn agency_segment(segment: &str) -> Option<&'static Agency> {
    let mut words: Vec<&str> = segment
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ',')))
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| is_role(w)) {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    agency_named(&words.join(" "))
}

/// Splits a byline into the people who wrote it and the agency it credits:
/// "Jane Doe, AFP" is (`Jane Doe`, AFP), "Jane Doe | Reuters" and "Jane
/// Doe (AFP)" likewise, "By AFP" is (none, AFP) and "Jane Doe, Bamako" is
/// (`Jane Doe, Bamako`, none). A leading "By" is dropped.
pub fn split_byline(line: &str) -> (Option<String>, Option<&'static Agency>) {
    let line = line.trim();
    let line = strip_by(line).trim();
    let people = |s: &str| {
        let s = s
            .trim()
            .trim_end_matches([',', '|', '/', '-', '\u{2013}', '\u{2014}', '(', ';', ' ']);
        (!s.is_empty()).then(|| s.to_owned())
    };
    if line.is_empty() {
        return (None, None);
    }
    if let Some(a) = agency_segment(line) {
        return (None, Some(a));
    }
    // The agency is the last segment, after a comma, a bar, a slash, a dash
    // or an opening bracket.
    let cut = line
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, ',' | '|' | '/' | '(' | '\u{2013}' | '\u{2014}')
                || (c == '-' && line[..i].ends_with(' '))
        })
        .map(|(i, c)| (i, i + c.len_utf8()))
        .next_back();
    match cut {
        Some((at, after)) => match agency_segment(&line[after..]) {
            Some(a) => (people(&line[..at]), Some(a)),
            None => (people(line), None),
        },
        None => (people(line), None),
    }
}

/// The words a byline opens with, in the languages quotetrail reads.
const BYLINE_OPENERS: &[&str] = &["by ", "par "];

/// `line` without a leading "By " or "Par " (any case).
fn strip_by(line: &str) -> &str {
    BYLINE_OPENERS
        .iter()
        .find_map(|o| {
            line.get(..o.len())
                .filter(|p| p.eq_ignore_ascii_case(o))
                .map(|_| &line[o.len()..])
        })
        .unwrap_or(line)
}

/// "By Jane Doe", "By Jane Doe, AFP", "By Jane Doe | Reuters", "By AFP":
/// a short line of capitalised words, separators and role words.
fn byline(p: &str) -> Option<String> {
    let rest = strip_by(p);
    // The opener must be written as a byline writes it: "By", "BY", "Par".
    if rest.len() == p.len() || p.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    let rest = rest.trim();
    if agency_segment(rest).is_some() {
        return Some(rest.to_owned());
    }
    let n = rest.split_whitespace().count();
    let names = rest.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c == '(')
            || w.chars().all(|c| !c.is_alphanumeric())
            || is_role(w)
            || matches!(w, "and" | "&" | "de" | "van" | "the")
    });
    ((2..=10).contains(&n) && names && !rest.to_ascii_lowercase().starts_with("arrangement"))
        .then(|| rest.trim_end_matches(['.', ',']).to_owned())
}

/// A reporting credit line, read.
#[derive(Debug, PartialEq, Eq)]
struct Credit {
    /// An agency credited for reporting, if any.
    agency: Option<&'static Agency>,
    /// The credit as printed (brackets and dashes around it dropped), when
    /// it names anyone besides agencies.
    note: Option<String>,
}

/// The openings of the parts of a credit line, lowercase, and whether the
/// people they name did reporting (as opposed to editing the copy).
const CREDIT_PARTS: &[(&str, bool)] = &[
    ("additional reporting by ", true),
    ("additional reporting from ", true),
    ("reporting by ", true),
    ("writing by ", true),
    ("compiled by ", true),
    ("editing by ", false),
    // French credits: "Avec AFP", "(avec Reuters)".
    ("avec ", true),
];

/// "Additional reporting by Ann Lee in Paris", "(Reporting by Ann Lee;
/// Editing by Bo Ek)", "-- Additional reporting by Reuters".
fn reporting_credit(p: &str) -> Option<Credit> {
    let line = p
        .trim()
        .trim_start_matches(['-', '\u{2013}', '\u{2014}', '(', '[', '*', ' '])
        .trim_end_matches([')', ']', '.', ' ']);
    let mut agency = None;
    let mut people = false;
    let mut first = true;
    for part in line.split(';') {
        let part = part.trim();
        let lower = part.to_lowercase();
        let found = CREDIT_PARTS
            .iter()
            .find(|(open, _)| lower.starts_with(open));
        let Some(&(open, reporting)) = found else {
            if first {
                return None;
            }
            continue;
        };
        let names: Vec<&str> = credited_names(&part[open.len()..]).collect();
        if first && !names.iter().all(|n| looks_like_name(n)) {
            // "Reporting by the ministry shows ..." is prose.
            return None;
        }
        first = false;
        for name in names {
            match agency_segment(name) {
                Some(a) if reporting => {
                    agency.get_or_insert(a);
                }
                Some(_) => {}
                None => people = true,
            }
        }
    }
    if first {
        return None;
    }
    let note = people.then(|| line.split_whitespace().collect::<Vec<_>>().join(" "));
    Some(Credit { agency, note })
}

/// Whether a credited name reads as one: a few words, the first
/// capitalised ("the" aside).
fn looks_like_name(name: &str) -> bool {
    let bare = name.strip_prefix("the ").unwrap_or(name);
    bare.starts_with(|c: char| c.is_uppercase()) && bare.split_whitespace().count() <= 5
}

/// The names in a credit's list: "Ann Lee in Paris, Bo Ek and Reuters" is
/// `Ann Lee`, `Bo Ek`, `Reuters` (places after "in" dropped).
fn credited_names(list: &str) -> impl Iterator<Item = &str> {
    list.split([',', '&'])
        .flat_map(|s| s.split(" and "))
        .map(|s| s.split(" in ").next().unwrap_or(s).trim())
        .filter(|s| !s.is_empty())
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

    fn byline_and_origin(m: &ArticleMeta) -> (Option<&str>, Option<&str>) {
        (m.byline.as_deref(), m.origin.as_deref())
    }

    #[test]
    fn agency_bylines_give_the_origin_and_keep_the_people() {
        let body = "\nThe ferry was late again on Friday.";
        for (line, people, agency) in [
            ("By Jane Doe, AFP", Some("Jane Doe"), "AFP"),
            ("By Jane Doe, Reuters", Some("Jane Doe"), "Reuters"),
            (
                "By Ann Lee and Bo Ek, Associated Press",
                Some("Ann Lee and Bo Ek"),
                "AP",
            ),
            ("By Jane Doe | AFP", Some("Jane Doe"), "AFP"),
            (
                "BY JANE DOE, Associated Press Writer",
                Some("JANE DOE"),
                "AP",
            ),
            (
                "By Jane Doe (Agence France-Presse)",
                Some("Jane Doe"),
                "AFP",
            ),
            ("By AFP", None, "AFP"),
        ] {
            let m = meta(&format!("{line}{body}"));
            assert_eq!(byline_and_origin(&m), (people, Some(agency)), "{line}");
        }
    }

    #[test]
    fn person_only_bylines_give_no_origin() {
        for line in ["By Jane Doe", "By Jane Doe, Bamako", "By Ann Lee and Bo Ek"] {
            let m = meta(&format!("{line}\nThe ferry was late again on Friday."));
            assert_eq!(m.origin, None, "{line}");
            assert!(m.byline.is_some(), "{line}");
        }
    }

    #[test]
    fn given_bylines_are_split_too_but_a_given_origin_wins() {
        let doc = Doc::new("The ferry was late again on Friday.");
        let given = ArticleMeta {
            byline: Some("Jane Doe, AFP".into()),
            ..Default::default()
        };
        let m = fill(&doc, &given);
        assert_eq!(byline_and_origin(&m), (Some("Jane Doe"), Some("AFP")));
        let given = ArticleMeta {
            origin: Some("The Guardian".into()),
            ..given
        };
        let m = fill(&doc, &given);
        assert_eq!(
            byline_and_origin(&m),
            (Some("Jane Doe"), Some("The Guardian"))
        );
    }

    #[test]
    fn a_paper_in_its_own_byline_is_not_an_origin() {
        let given = ArticleMeta {
            outlet: Some("The Guardian".into()),
            byline: Some("Jane Doe, The Guardian".into()),
            ..Default::default()
        };
        let m = fill(&Doc::new("The ferry was late."), &given);
        assert_eq!(byline_and_origin(&m), (Some("Jane Doe"), None));
    }

    #[test]
    fn reporting_credits_go_to_the_byline_or_the_origin() {
        let m = meta(
            "By Jane Doe\nThe ferry was late again on Friday.\n\
             Additional reporting by Ann Lee in Paris",
        );
        assert_eq!(
            byline_and_origin(&m),
            (
                Some("Jane Doe; Additional reporting by Ann Lee in Paris"),
                None
            )
        );
        let m = meta("The ferry was late again.\n(Reporting by Ann Lee; Editing by Bo Ek)");
        assert_eq!(
            byline_and_origin(&m),
            (Some("Reporting by Ann Lee; Editing by Bo Ek"), None)
        );
        let m = meta("By Jane Doe\nThe ferry was late.\nAdditional reporting by Reuters.");
        assert_eq!(byline_and_origin(&m), (Some("Jane Doe"), Some("Reuters")));
        let m = meta(
            "The ferry was late.\n-- Additional reporting by Ann Lee and the Associated Press",
        );
        assert_eq!(
            byline_and_origin(&m),
            (
                Some("Additional reporting by Ann Lee and the Associated Press"),
                Some("AP")
            )
        );
    }

    #[test]
    fn editors_are_not_an_origin_and_prose_is_not_a_credit() {
        let m = meta("The ferry was late.\nReporting by Ann Lee; Editing by Reuters staff");
        assert_eq!(m.origin, None);
        let m = meta("Reporting by the port authority shows the ferry is always late.");
        assert_eq!(byline_and_origin(&m), (None, None));
    }

    #[test]
    fn credit_lines_hold_no_statements() {
        let text = "The ferry was late again, the captain said on Friday.\n\
                    Additional reporting by Ann Lee in Paris, said to be the best.\n\
                    (Reporting by Bo Ek; Editing by Cy Dunn, who said nothing)";
        let live = super::super::boilerplate::live_paragraphs(&Doc::new(text));
        assert_eq!(live, [true, false, false]);
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
