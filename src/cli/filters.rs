//! The name filters several commands share.
//!
//! `--speaker`, `--outlet` and `--wire` must mean the same thing in
//! `statements`, `groups` and `audit`, and an unknown name must get the same
//! answer everywhere, so each rule lives here once:
//!
//! - a speaker matches by **part of the name**: "Hamaha" finds "Oumar Ould
//!   Hamaha" ([`speaker_matches`]);
//! - a wire is given by **any name of the agency**: "Agence France-Presse"
//!   is AFP ([`wire_name`], from the extractor's own agency list);
//! - an outlet or speaker the store has never seen is an error with the
//!   closest names ([`unknown_name`]), exit 1, so a typo is not mistaken
//!   for "no results".

use quotetrail_store::{NameField, Store, fold_name};

use super::error::CliError;
use crate::extract::lexicon::agency_named;
use crate::follow::audit::closest_names;
use crate::follow::names::edit_distance;
use crate::follow::tokens::fold;

/// The words of a name as matching compares them: lowercase, accents
/// stripped, split wherever a character is not a letter or digit ("Jean-
/// Marc N'Diaye" is `jean marc n diaye`).
fn words(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `want` names the speaker `name` in part: every word of `want`
/// is a whole word of `name`, in the same order, whatever the case and
/// accents. "Hamaha", "ould hamaha" and "Oumar Hamaha" all find "Oumar Ould
/// Hamaha"; "Ham" does not (a word part would find "Hamid" too), and
/// neither does an empty `want`.
pub fn speaker_matches(want: &str, name: &str) -> bool {
    let want = words(want);
    if want.is_empty() {
        return false;
    }
    let mut have = words(name).into_iter();
    want.iter().all(|w| have.any(|h| h == *w))
}

/// Whether `text` holds every word of `words` as a whole word, in any
/// order, whatever the case and accents: what `statements --text` keeps.
/// No words at all match everything.
pub fn has_words(text: &str, words_wanted: &str) -> bool {
    let have = words(text);
    words(words_wanted).iter().all(|w| have.contains(w))
}

/// The canonical name of the agency `want` names ("Agence France-Presse"
/// and "afp" give "AFP"), from the same list the extractor credits wires
/// with; any other name is returned as given.
pub fn wire_name(want: &str) -> String {
    agency_named(want.trim()).map_or_else(|| want.trim().to_owned(), |a| a.canonical.to_owned())
}

/// The error for a name the store does not hold: `unknown outlet "X"`,
/// then a line with the closest known names, or with a few known names
/// and the command that lists them all. `kind` is `outlet` or `speaker`.
pub fn unknown_name(kind: &str, want: &str, known: &[String]) -> CliError {
    let mut near = closest_names(want, known, 5);
    if near.is_empty() {
        near = word_typos(want, known, 5);
    }
    let hint = if !near.is_empty() {
        format!("did you mean: {}", near.join(", "))
    } else if known.is_empty() {
        format!("the store has no {kind}s")
    } else {
        format!(
            "known {kind}s: {}{} (`quotetrail {kind}s` lists them)",
            known.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
            if known.len() > 5 { ", …" } else { "" }
        )
    };
    CliError::User(format!("unknown {kind} \"{want}\"\n{hint}"))
}

/// Names in which every word of `want` is a word a letter or two away
/// ("Brant" for "Joachim Brandt"): a typo in a part of a name, which
/// [`closest_names`] (comparing whole names) does not see.
fn word_typos<'a>(want: &str, known: &'a [String], n: usize) -> Vec<&'a str> {
    let want = words(want);
    if want.is_empty() {
        return Vec::new();
    }
    known
        .iter()
        .filter(|k| {
            let have = words(k);
            want.iter().all(|w| {
                let cap = (w.chars().count() / 4).max(1);
                have.iter().any(|h| edit_distance(w, h, cap) <= cap)
            })
        })
        .take(n)
        .map(String::as_str)
        .collect()
}

/// The stored speaker names (folded) that `want` names in part, or the
/// "did you mean" error when none does.
pub fn speakers_named(store: &Store, want: &str) -> Result<Vec<String>, CliError> {
    let names = store.names(NameField::Speaker)?;
    let found: Vec<String> = names
        .iter()
        .filter(|n| speaker_matches(want, n))
        .cloned()
        .collect();
    if found.is_empty() {
        return Err(unknown_name(
            "speaker",
            want,
            &display_names(store, NameField::Speaker)?,
        ));
    }
    Ok(found)
}

/// Checks that the store holds the outlet `want` (case-insensitively), or
/// returns the "did you mean" error.
pub fn require_outlet(store: &Store, want: &str) -> Result<(), CliError> {
    let folded = fold_name(want);
    if store.names(NameField::Outlet)?.contains(&folded) {
        return Ok(());
    }
    Err(unknown_name(
        "outlet",
        want,
        &display_names(store, NameField::Outlet)?,
    ))
}

/// The names of `field` as first printed (not folded), for suggestions:
/// only read on the error path, since it reads every statement.
fn display_names(store: &Store, field: NameField) -> Result<Vec<String>, CliError> {
    Ok(store.counts(field)?.into_iter().map(|c| c.name).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_a_name_matches_whole_words_in_order() {
        let name = "Oumar Ould Hamaha";
        for want in ["Hamaha", "hamaha", "Ould Hamaha", "oumar hamaha", name] {
            assert!(speaker_matches(want, name), "{want}");
        }
        for want in ["Ham", "Hamaha Oumar", "", "Moussa"] {
            assert!(!speaker_matches(want, name), "{want}");
        }
        assert!(speaker_matches("Jose", "José Álvarez"));
        assert!(speaker_matches("ALVAREZ", "José Álvarez"));
        assert!(speaker_matches("N'Diaye", "Awa N\u{2019}Diaye"));
    }

    #[test]
    fn text_search_finds_whole_words_in_any_order() {
        let text = "Nous ne céderons pas, a déclaré le ministre.";
        assert!(has_words(text, "CEDERONS nous"));
        assert!(has_words(text, "ministre"));
        assert!(!has_words(text, "minis"));
        assert!(!has_words(text, "ministre absent"));
    }

    #[test]
    fn wires_are_named_by_any_of_their_names() {
        assert_eq!(wire_name("Agence France-Presse"), "AFP");
        assert_eq!(wire_name("afp"), "AFP");
        assert_eq!(wire_name("Associated Press"), "AP");
        assert_eq!(wire_name("Thomson Reuters"), "Reuters");
        assert_eq!(wire_name(" Daily Planet "), "Daily Planet");
    }

    #[test]
    fn unknown_names_say_what_is_close() {
        let known = vec!["Radio Coastline".to_owned(), "AFP".to_owned()];
        let e = unknown_name("outlet", "Radio Coastlin", &known).to_string();
        assert_eq!(
            e,
            "unknown outlet \"Radio Coastlin\"\ndid you mean: Radio Coastline"
        );
        let speakers = vec!["Joachim Brandt".to_owned(), "Teodora Vasquez".to_owned()];
        let e = unknown_name("speaker", "Brant", &speakers).to_string();
        assert!(e.ends_with("did you mean: Joachim Brandt"), "{e}");
        let e = unknown_name("speaker", "x", &[]).to_string();
        assert!(e.ends_with("the store has no speakers"), "{e}");
    }
}
