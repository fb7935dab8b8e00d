//! Speaker resolution: mentions to the fullest name the article uses,
//! pronouns to the person meant.
//!
//! Three rules, applied to statements in body order:
//!
//! * a named mention is cut down to its name (titles, ranks and possessive
//!   lead-ins dropped: "Niger's Foreign Minister Mohammad Bazoum" is
//!   "Mohammad Bazoum"), then widened to the fullest form of that name in
//!   the article ("Hamaha" is "Oumar Ould Hamaha"); acronyms defined in the
//!   text ("Movement for Azawad (IMA)") stand for their long form;
//! * a description without a name ("a US official") stays as written;
//! * a pronoun is the speaker of the previous statement, unless a sentence
//!   between them opens with another name; a statement without any mention
//!   (a quote whose paragraph names nobody) continues the previous speaker.

use std::collections::HashMap;

use super::Found;
use super::antecedent::{person_named_before, subject_of};
use super::lang::Lang;
use super::lexicon::{Lexicon, description_ends, name_connectors, strip_possessive};
use super::rules;
use crate::text::{Doc, Tok, tokens_in};

/// Determiners that make a mention a description ("a US official").
const DESCRIPTIVE: &[&str] = &[
    "a", "an", "one", "another", "some", "two", "three", "four", "several", "many", "most",
    "other", "both", "his", "her", "their", "its", "our", "these", "those", "few", "all", "any",
    "no",
];

/// Names in an article: full forms by last word, and acronyms.
#[derive(Debug, Default)]
pub struct Names {
    /// Last word -> (name, how often it appears).
    by_last: HashMap<String, Vec<(String, u32)>>,
    /// Acronym -> long form, from "Long Form (LF)".
    acronyms: HashMap<String, String>,
}

impl Names {
    /// Indexes, for each of `wanted` (last words of speaker names and
    /// acronyms), the capitalised names in `doc` that end with it, and the
    /// long forms acronyms are defined with. Each word is found with a
    /// SIMD substring search and only a short window before each hit is
    /// read, so the cost stays linear and small.
    pub fn index(doc: &Doc<'_>, wanted: &[&str]) -> Names {
        Names::index_in(doc, Lexicon::of(Lang::En), wanted)
    }

    /// [`Names::index`] with the word lists of the article's language.
    pub fn index_in(doc: &Doc<'_>, lx: &Lexicon, wanted: &[&str]) -> Names {
        let mut names = Names::default();
        let text = doc.text;
        let mut seen: Vec<&str> = Vec::new();
        for &w in wanted {
            if w.is_empty() || seen.contains(&w) || seen.len() >= 64 {
                continue;
            }
            seen.push(w);
            let finder = memchr::memmem::Finder::new(w.as_bytes());
            for pos in finder.find_iter(text.as_bytes()).take(2_000) {
                let end = pos + w.len();
                let before_ok = text[..pos]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after = text[end..].chars().next();
                let after_ok = after.is_none_or(|c| !c.is_alphanumeric());
                if !before_ok || !after_ok {
                    continue;
                }
                let run = run_ending(lx, text, pos, end);
                if run.is_empty() {
                    continue;
                }
                if let Some(acr) = text[end..]
                    .strip_prefix(" (")
                    .and_then(|r| r.split_once(')'))
                    .map(|(a, _)| a)
                    .filter(|a| a.len() >= 2 && a.len() <= 8 && a.chars().all(|c| c.is_uppercase()))
                {
                    if run.len() >= 2 {
                        names
                            .acronyms
                            .entry(acr.to_owned())
                            .or_insert_with(|| run.join(" "));
                    }
                }
                if run.len() <= 5 {
                    let full = run.join(" ");
                    let list = names.by_last.entry(w.to_owned()).or_default();
                    match list.iter_mut().find(|(n, _)| *n == full) {
                        Some(e) => e.1 += 1,
                        None => list.push((full, 1)),
                    }
                }
            }
            // "Long Form (ACR)" for an acronym speaker.
            if w.len() >= 2 && w.len() <= 8 && w.chars().all(|c| c.is_uppercase()) {
                let pat = format!("({w})");
                if let Some(pos) = memchr::memmem::find(text.as_bytes(), pat.as_bytes()) {
                    let stop = text[..pos].trim_end().len();
                    // After the last character that can't be in a name,
                    // which may be more than one byte ("’").
                    let start = text[..stop]
                        .char_indices()
                        .rev()
                        .find(|&(_, c)| !(c.is_alphanumeric() || c.is_whitespace() || c == '-'))
                        .map_or(0, |(k, c)| k + c.len_utf8());
                    let toks = tokens_in(lx, text, start..stop);
                    let mut k = toks.len();
                    while k > 0
                        && (toks[k - 1].capitalised()
                            || name_connectors().contains_lower(toks[k - 1].text))
                    {
                        k -= 1;
                    }
                    if let Some((run, _)) = name_run(lx, &toks, k) {
                        if run.len() >= 2 {
                            let full: Vec<&str> = run.iter().map(|t| t.text).collect();
                            names
                                .acronyms
                                .entry(w.to_owned())
                                .or_insert_with(|| full.join(" "));
                        }
                    }
                }
            }
        }
        names
    }

    /// The same entity for every form of its name: acronyms defined in the
    /// text stand for their long form. Used to group statements by speaker;
    /// the speaker shown keeps the form the text used, since an acronym is
    /// often what readers know ("MNLA").
    pub fn key(&self, name: &str) -> String {
        self.acronyms
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    /// The fullest form the article uses of `name`.
    pub fn canonical(&self, name: &str) -> String {
        let words: Vec<&str> = name.split(' ').collect();
        let Some(last) = words.last() else {
            return name.to_owned();
        };
        let Some(list) = self.by_last.get(*last) else {
            return name.to_owned();
        };
        let best = list
            .iter()
            .filter(|(full, _)| {
                let fw: Vec<&str> = full.split(' ').collect();
                fw.len() > words.len() && fw.ends_with(&words)
            })
            .max_by_key(|(full, n)| (*n, full.split(' ').count()));
        best.map_or_else(|| name.to_owned(), |(full, _)| full.clone())
    }
}

/// The name run that ends with the word at `pos..end`, read from a short
/// window before it within its line.
fn run_ending<'t>(lx: &Lexicon, text: &'t str, pos: usize, end: usize) -> Vec<&'t str> {
    let mut start = pos.saturating_sub(80);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if let Some(nl) = text[start..pos].rfind('\n') {
        start += nl + 1;
    }
    let toks = tokens_in(lx, text, start..end);
    let mut k = toks.len();
    while k > 0 && (toks[k - 1].capitalised() || name_connectors().contains_lower(toks[k - 1].text))
    {
        k -= 1;
    }
    if k == 0 && start > 0 && start == pos.saturating_sub(80) {
        // The window may have cut a word: skip the first token.
        k = usize::from(!toks.is_empty()).min(toks.len());
    }
    match name_run(lx, &toks, k) {
        Some((run, next)) if next == toks.len() && !run.is_empty() => {
            run.iter().map(|t| strip_possessive(t.text)).collect()
        }
        _ => Vec::new(),
    }
}

/// A run of capitalised words starting at `i`, titles and possessive lead-ins
/// dropped; returns it (perhaps empty) and the index after it, so callers
/// can skip the whole run and stay linear.
pub(super) fn name_run<'t, 'a>(
    lx: &Lexicon,
    toks: &'t [Tok<'a>],
    i: usize,
) -> Option<(Vec<&'t Tok<'a>>, usize)> {
    if !toks.get(i)?.capitalised() {
        return None;
    }
    let mut j = i;
    let mut run: Vec<&Tok<'a>> = Vec::new();
    while j < toks.len() {
        let t = &toks[j];
        if t.capitalised() {
            run.push(t);
            j += 1;
            let w = t.text;
            if strip_possessive(w) != w {
                // "Niger's Foreign Minister X": the possessive ends a run.
                break;
            }
        } else if t.word
            && name_connectors().contains_lower(t.text)
            && !run.is_empty()
            && (toks.get(j + 1).is_some_and(Tok::capitalised)
                || (toks
                    .get(j + 1)
                    .is_some_and(|n| n.word && name_connectors().contains_lower(n.text))
                    && toks.get(j + 2).is_some_and(Tok::capitalised)))
        {
            run.push(t);
            j += 1;
        } else {
            break;
        }
    }
    // Drop sentence-initial function words, titles, acronyms and
    // possessives in front of the name proper.
    let mut start = 0;
    while start < run.len() {
        let w = run[start].text;
        let possessive = strip_possessive(w) != w;
        let lead = lx.is_function_word(w)
            || lx.is_title(w)
            || name_connectors().contains_lower(w)
            || (possessive && start + 1 < run.len())
            || (w.len() <= 3
                && w.chars().all(|c| c.is_uppercase())
                && start + 1 < run.len()
                && run[start + 1]
                    .text
                    .chars()
                    .nth(1)
                    .is_some_and(char::is_lowercase));
        if !lead {
            break;
        }
        start += 1;
    }
    // A title further in ends the description before the name: "Energy
    // Minister Ada Bello", "Defense Secretary Jo Park". At least two words
    // must follow it, so a one-word name after a title stays whole.
    if let Some(k) = (start..run.len().saturating_sub(2))
        .rev()
        .find(|&k| lx.is_title(run[k].text) && run[k + 1..].iter().all(|t| !lx.is_title(t.text)))
    {
        start = k + 1;
    }
    let mut run = run.split_off(start);
    while run
        .last()
        .is_some_and(|t| name_connectors().contains_lower(t.text))
    {
        run.pop();
    }
    Some((run, j))
}

/// The name in a mention, or the mention itself when it only describes
/// ("a US official"). `None` for a pronoun.
pub fn name_of(mention: &str) -> Option<String> {
    name_of_in(Lexicon::of(Lang::En), mention)
}

/// [`name_of`] with the word lists of the article's language.
pub fn name_of_in(lx: &Lexicon, mention: &str) -> Option<String> {
    let all = tokens_in(lx, mention, 0..mention.len());
    let words: Vec<&Tok<'_>> = all.iter().filter(|t| t.word).collect();
    let first = words.first()?;
    if words.len() == 1 && lx.is_pronoun(first.text) {
        return None;
    }
    // The core ends before a trailing place or clause ("Mark Doyle in
    // Mali", "reports from Timbuktu") and at an apposition's comma.
    let cut = all
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, t)| {
            t.is(',')
                || t.is('(')
                || (t.word
                    && (description_ends().contains_lower(t.text)
                        || (!t.capitalised() && lx.clause_words.contains(t.text))))
        })
        .map_or(all.len(), |(k, _)| k);
    let toks = &all[..cut];
    // "he was the only pollster to": a clause a cue took for its subject
    // is cut at its auxiliary; what is left may be a pronoun.
    if let [only] = toks
        && only.word
        && lx.is_pronoun(only.text)
    {
        return None;
    }
    let core = match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => &mention[a.range.start..b.range.end],
        _ => mention,
    };
    let head_lower = toks
        .iter()
        .rev()
        .find(|t| t.word)
        .is_some_and(|t| !t.capitalised());
    // A description ends on a common noun ("a US official", "the French
    // government"); a name ends on a capitalised word.
    if head_lower {
        return Some(
            core.trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_owned(),
        );
    }
    // The last name run is the head ("Trump's campaign manager Kellyanne
    // Conway"); a news outlet in possessive ("The BBC's Mark Doyle") is
    // skipped as any possessive is.
    let mut best: Option<Vec<&str>> = None;
    let mut i = 0;
    while i < toks.len() {
        match name_run(lx, toks, i) {
            Some((run, next)) if !run.is_empty() => {
                let words: Vec<&str> = run.iter().map(|t| strip_possessive(t.text)).collect();
                let possessive = run
                    .last()
                    .is_some_and(|t| strip_possessive(t.text) != t.text);
                if !possessive || best.is_none() {
                    best = Some(words);
                }
                i = next.max(i + 1);
            }
            Some((_, next)) => i = next.max(i + 1),
            None => i += 1,
        }
    }
    match best {
        Some(w) => Some(w.join(" ")),
        None => Some(
            core.trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_owned(),
        ),
    }
}

/// A mention that names no one: a lone function word, title, weekday or
/// lower-case word, or a phrase opening with an adverb or participle (what a
/// cue mistook for a subject). Such statements continue the last speaker.
fn is_junk(lx: &Lexicon, name: &str) -> bool {
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else {
        return true;
    };
    let lone = words.next().is_none();
    let lower = first.starts_with(|c: char| c.is_lowercase());
    // "l'association": an elided article and a noun, a description.
    if let Some(k) = first.find(['\'', '\u{2019}'])
        && k > 0
        && lx.is_function_word(&first[..k + first[k..].chars().next().map_or(1, char::len_utf8)])
        && first.len() > k + 3
    {
        return false;
    }
    let verbal =
        lower && (first.ends_with("ly") || first.ends_with("ing") || first.ends_with("ed"));
    // "a series of tweets", "this month", "On Tuesday's episode": a time,
    // an occasion or a medium, not a speaker.
    let occasion = name
        .split_whitespace()
        .map(|w| strip_possessive(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .any(|w| lx.not_speakers.contains(w) || lx.is_calendar_word(w));
    // "a warning to": a phrase cut before its object.
    let dangling = !lone && name.ends_with(" to");
    verbal
        || occasion
        || dangling
        || (lone
            && (lx.is_function_word(first)
                || lx.is_title(first)
                || (lower && !lx.source_nouns.contains(first))))
}

/// Sets `speaker` on every statement from its mention and its context.
/// `statements` must be in body order.
pub fn resolve(doc: &Doc<'_>, statements: &mut [Found]) {
    resolve_names(doc, statements);
}

/// [`resolve`], returning the article's name index for later passes.
pub fn resolve_names(doc: &Doc<'_>, statements: &mut [Found]) -> Names {
    resolve_names_in(doc, Lexicon::of(Lang::En), statements)
}

/// [`resolve_names`] with the word lists of the article's language.
pub fn resolve_names_in(doc: &Doc<'_>, lx: &Lexicon, statements: &mut [Found]) -> Names {
    if statements.is_empty() {
        return Names::default();
    }
    // Each mention's name, read once: `None` without a mention,
    // `Some(None)` for a pronoun.
    let mut mention_names: Vec<Option<Option<String>>> = statements
        .iter()
        .map(|s| s.speaker_mention.as_deref().map(|m| name_of_in(lx, m)))
        .collect();
    let wanted: Vec<&str> = mention_names
        .iter()
        .flatten()
        .flatten()
        .filter(|n| n.starts_with(|c: char| c.is_uppercase()))
        .filter_map(|n| n.split(' ').next_back())
        .collect();
    let names = Names::index_in(doc, lx, &wanted);
    // The last named speaker and where their statement starts.
    let mut last: Option<(String, usize)> = None;
    for (s, mention) in statements.iter_mut().zip(mention_names.iter_mut()) {
        if s.speaker.is_some() {
            if let Some(sp) = &s.speaker {
                last = Some((sp.clone(), s.start));
            }
            continue;
        }
        let mention = mention.take().filter(|n| match n {
            Some(name) => !is_junk(lx, name),
            None => true,
        });
        let resolved = match mention {
            Some(Some(name)) => {
                let canon = if name.starts_with(|c: char| c.is_uppercase())
                    && !DESCRIPTIVE.iter().any(|d| name.starts_with(d))
                {
                    names.canonical(&name)
                } else {
                    name
                };
                Some(canon)
            }
            Some(None) => {
                // A pronoun: a sentence that opens with a name between the
                // last statement and this one wins over the last speaker.
                let here = s.mention_span.as_ref().map_or(s.start, |m| m.start);
                let sent = doc.sentence_at(here.min(s.start));
                let mut found = None;
                if let Some(si) = sent {
                    let floor = last.as_ref().map_or(0, |l| l.1);
                    for k in (si.saturating_sub(3)..si).rev() {
                        if doc.sentences[k].range.end <= floor {
                            break;
                        }
                        if let Some(n) = subject_of(doc, lx, k) {
                            let n = names.canonical(&n);
                            // "he"/"she" mean a person, named in two words
                            // or more; "it"/"they" may be a group or place.
                            let person = s
                                .speaker_mention
                                .as_deref()
                                .is_some_and(|m| lx.persons.contains(m));
                            if !person || n.contains(' ') {
                                found = Some(n);
                            }
                            break;
                        }
                    }
                }
                let person = found
                    .or_else(|| {
                        let floor = last.as_ref().map_or(0, |l| l.1);
                        person_named_before(doc, lx, here.min(s.start), floor)
                            .map(|n| names.canonical(&n))
                    })
                    .or_else(|| last.as_ref().map(|l| l.0.clone()));
                if person.is_some() {
                    s.speaker_rule = Some(rules::SPEAKER_PRONOUN);
                }
                person
            }
            None => {
                let previous = last.as_ref().map(|l| l.0.clone());
                if previous.is_some() {
                    s.speaker_rule = Some(rules::SPEAKER_PREVIOUS);
                }
                previous
            }
        };
        if let Some(r) = &resolved {
            last = Some((r.clone(), s.start));
        }
        s.speaker = resolved;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_speaker_after_curly_punctuation_gets_its_long_form() {
        // The long form's run starts after "’", three bytes wide: looking
        // for it used to cut the text inside that character and panic. The
        // speaker keeps the form the text used.
        let text = "The farmers\u{2019} Union Of Growers (UOG) met on Monday.\n\n\
                    \u{201C}We will strike,\u{201D} UOG said.";
        let found = crate::extract::extract(text, &crate::extract::ArticleMeta::default());
        let quote = found.statements.iter().find(|s| s.text.contains("strike"));
        assert_eq!(quote.and_then(|s| s.speaker.as_deref()), Some("UOG"));
    }

    #[test]
    fn names_lose_titles_and_possessive_lead_ins() {
        assert_eq!(
            name_of("Niger's Foreign Minister Ada Bello").as_deref(),
            Some("Ada Bello")
        );
        assert_eq!(
            name_of("Top US General Carl Hamm").as_deref(),
            Some("Carl Hamm")
        );
        assert_eq!(name_of("Sen. Jo Park").as_deref(), Some("Jo Park"));
        assert_eq!(
            name_of("the party's campaign manager Kim Ode").as_deref(),
            Some("Kim Ode")
        );
        assert_eq!(name_of("The BBC's Tom Hale").as_deref(), Some("Tom Hale"));
    }

    #[test]
    fn descriptions_stay_as_written() {
        assert_eq!(name_of("a US official").as_deref(), Some("a US official"));
        assert_eq!(
            name_of("one local official").as_deref(),
            Some("one local official")
        );
        assert_eq!(
            name_of("Human rights groups").as_deref(),
            Some("Human rights groups")
        );
        assert_eq!(
            name_of("The Tom Hale in Paris").as_deref(),
            Some("Tom Hale")
        );
        assert_eq!(name_of("reports from Leeds").as_deref(), Some("reports"));
        assert_eq!(name_of("he"), None);
    }

    #[test]
    fn a_clause_taken_for_a_subject_is_cut_at_its_auxiliary() {
        // A pronoun is left: it is resolved like any "he".
        assert_eq!(name_of("he was the only forecaster to"), None);
        assert_eq!(
            name_of("the city residents are asking a leader to").as_deref(),
            Some("the city residents")
        );
        // A capitalised word is a name, not a modal.
        assert_eq!(name_of("George Will").as_deref(), Some("George Will"));
        let lx = Lexicon::of(Lang::En);
        assert!(is_junk(lx, "a warning to"));
        assert!(!is_junk(lx, "the ambassador to France"));
    }

    #[test]
    fn fullest_form_and_acronyms() {
        let doc =
            Doc::new("Omar Ould Hama spoke. Later Hama left.\nThe Free Valley Front (FVF) met.");
        let names = Names::index(&doc, &["Hama", "FVF"]);
        assert_eq!(names.canonical("Hama"), "Omar Ould Hama");
        assert_eq!(names.key("FVF"), "Free Valley Front");
        assert_eq!(names.canonical("FVF"), "FVF");
        assert_eq!(names.canonical("Nobody"), "Nobody");
    }

    #[test]
    fn pronouns_and_continuations_take_the_last_speaker() {
        let text = "\u{201C}One,\u{201D} said Ann Lee.\n\u{201C}Two,\u{201D} she said.\n\u{201C}Three.\u{201D}";
        let ex = super::super::extract(text, &Default::default());
        let speakers: Vec<_> = ex.statements.iter().map(|s| s.speaker.as_deref()).collect();
        assert_eq!(
            speakers,
            [Some("Ann Lee"), Some("Ann Lee"), Some("Ann Lee")]
        );
    }

    #[test]
    fn a_pronoun_takes_the_person_named_in_its_paragraph_after_the_last_speaker() {
        let text = "In one old song, Ray Moss sings, \u{201C}Stay as you are.\u{201D}                     With the veteran Ann Lee, there is little chance of change. Just ask her.                     \u{201C}You think I will change?\u{201D} she said last month.";
        let ex = super::super::extract(text, &Default::default());
        let speakers: Vec<_> = ex.statements.iter().map(|s| s.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Ray Moss"), Some("Ann Lee")]);
    }
}
