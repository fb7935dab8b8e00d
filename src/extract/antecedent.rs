//! Who a statement without a name of its own means: the person a pronoun
//! stands for, or the subject a continuing quote goes on with. These read
//! the sentences before the statement, never after, and stop at the last
//! speaker's statement, so each looks at a bounded stretch of text.

use super::lexicon::{Lexicon, agency_at, strip_possessive};
use super::speaker::name_run;
use crate::text::{Doc, Tok, tokens};

/// How far back, in bytes, a pronoun's paragraph is read for a name.
const WINDOW: usize = 600;

/// The last full name (two words or more, not a possessive) written in the
/// pronoun's paragraph before it and after the last speaker's statement:
/// "With the veteran Ann Lee, little will change. “You think I'll
/// change?” she said." No sentence there opens with a name, and the last
/// speaker, quoted before Lee was named, is the worse guess.
pub(super) fn person_named_before(
    doc: &Doc<'_>,
    lx: &Lexicon,
    at: usize,
    floor: usize,
) -> Option<String> {
    let si = doc.sentence_at(at)?;
    let paragraph = doc.sentences[si].paragraph;
    // A bounded window, so an article of one huge paragraph full of
    // pronouns still costs linear time.
    let mut start = doc
        .paragraphs
        .get(paragraph)?
        .start
        .max(floor)
        .max(at.saturating_sub(WINDOW));
    while !doc.text.is_char_boundary(start) {
        start += 1;
    }
    if start >= at {
        return None;
    }
    let toks = tokens(doc.text, start..at);
    let mut best = None;
    let mut i = 0;
    while i < toks.len() {
        match name_run(lx, &toks, i) {
            Some((run, next)) => {
                let possessive = run
                    .last()
                    .is_some_and(|t| strip_possessive(t.text) != t.text);
                // "the Jewish Holocaust", "this Star of David": a
                // determiner before the run makes it a thing, not a person.
                let article = i
                    .checked_sub(1)
                    .is_some_and(|p| lx.claims.articles.contains(toks[p].text));
                if run.len() >= 2 && !possessive && !article && agency_at(&[run[0].text]).is_none()
                {
                    best = Some(run.iter().map(|t| t.text).collect::<Vec<_>>().join(" "));
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    best
}

/// The name that opens a sentence, if it opens with one ("Niger's Foreign
/// Minister Mohammad Bazoum accused …").
pub(super) fn subject_of(doc: &Doc<'_>, lx: &Lexicon, sentence: usize) -> Option<String> {
    let s = doc.sentences.get(sentence)?;
    let end = (s.range.start + 200).min(s.range.end);
    let end = (end..=s.range.end).find(|&e| doc.text.is_char_boundary(e))?;
    let toks = tokens(doc.text, s.range.start..end);
    let (run, _) = name_run(lx, &toks, 0)
        .filter(|(run, _)| !run.is_empty())
        .or_else(|| {
            // Allow one function word first ("But Smith …").
            toks.first().filter(|t| lx.is_function_word(t.text))?;
            name_run(lx, &toks, 1)
        })
        .filter(|(run, _)| !run.is_empty())
        .or_else(|| apposition(lx, &toks))?;
    if run.is_empty() || agency_at(&[run[0].text]).is_some() {
        return None;
    }
    Some(
        run.iter()
            .map(|t| strip_possessive(t.text))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The name set off by commas after a sentence's opening description:
/// "The group's leader, Ann Lee, said …", "La maire, Mme Claire Dubosc,
/// s'est montrée …".
fn apposition<'t, 'a>(lx: &Lexicon, toks: &'t [Tok<'a>]) -> Option<(Vec<&'t Tok<'a>>, usize)> {
    let comma = toks.iter().take(12).position(|t| t.is(','))?;
    let (run, next) = name_run(lx, toks, comma + 1)?;
    (!run.is_empty() && toks.get(next).is_some_and(|t| t.is(','))).then_some((run, next))
}

#[cfg(test)]
mod tests {
    /// A name run after a determiner ("the Harbour Museum") is a thing,
    /// so the pronoun keeps the person named before it.
    #[test]
    fn a_name_after_a_determiner_is_no_antecedent() {
        let text = "In one old song, Ray Moss sings, \u{201C}Stay as you are.\u{201D}                     With the veteran Ann Lee, there is little talk of the Harbour Museum. Just ask her.                     \u{201C}You think I will change?\u{201D} she said last month.";
        let ex = super::super::extract(text, &Default::default());
        let speakers: Vec<_> = ex.statements.iter().map(|s| s.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Ray Moss"), Some("Ann Lee")]);
    }
}
