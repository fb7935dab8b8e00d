//! The speaker of a quote set inside a sentence with no cue around it:
//! "A federal lawsuit was filed in 2012 alleging that police used … as a
//! “proxy for criminality”", "the Trump campaign has denied it, with …
//! “totally delusional”". PolNeAR's train split shows the last speaker is
//! the wrong guess for such quotes nearly three times in four, while the
//! sentence's own subject, a name or a description, is the source in most
//! of them. [`super::cue::sentence_subject`] takes only a capitalised name
//! or a personal pronoun; this rule also takes a description ("a lot of
//! people", "the American Bar Association") ended by the first word that
//! reads as a verb, and the name before a colon ("Ann Lee: “…”").

use std::ops::Range;

use super::cue::{in_list, is_lead_in, q};
use super::lang::Lang;
use super::lexicon::Lexicon;
use crate::text::{Doc, Tok};

/// Longest description taken, in words.
const MAX_WORDS: usize = 7;

/// The subject of the sentence a quote opens in at `at`, when the quote
/// stands inside the sentence (not at its start) and the sentence opens
/// with a noun phrase followed by a verb, or with a name and a colon.
pub fn embedded_subject(doc: &Doc<'_>, at: usize) -> Option<Range<usize>> {
    let s = &doc.sentences[doc.sentence_at(at)?];
    let mut end = at.min(s.range.start + 300);
    while !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    let toks = doc.tokens(s.range.start..end);
    if !toks.iter().any(|t| t.word) {
        return None;
    }
    if toks.last().is_some_and(|t| t.is(':')) {
        return before_colon(&toks[..toks.len() - 1]);
    }
    noun_phrase_subject(&toks)
}

/// "Ann Lee: “…”", "Lee and Park: “…”": up to five capitalised words (and
/// "and") after the last dash or sentence mark, and nothing else.
fn before_colon(toks: &[Tok<'_>]) -> Option<Range<usize>> {
    let from = toks
        .iter()
        .rposition(|t| !t.word && !matches!(t.text, "." | "'" | "\u{2019}"))
        .map_or(0, |k| k + 1);
    let part = &toks[from..];
    let named = (1..=5).contains(&part.len())
        && part.iter().all(|t| t.capitalised() || t.text == "and")
        && part.first().is_some_and(Tok::capitalised)
        && !part
            .iter()
            .all(|t| Lexicon::of(Lang::En).is_function_word(t.text));
    named.then(|| {
        part.first()
            .map(|a| a.range.start..part.last().map_or(a.range.end, |b| b.range.end))
    })?
}

/// The noun phrase that opens the clause, after a conjunction or an opening
/// phrase up to its comma, when a verb follows it.
fn noun_phrase_subject(toks: &[Tok<'_>]) -> Option<Range<usize>> {
    let lx = Lexicon::of(Lang::En);
    let mut i = usize::from(
        toks.first()
            .is_some_and(|t| t.word && in_list(&q().leads, t.text)),
    );
    let first = toks.get(i)?;
    let opener = first.word
        && ((lx.is_function_word(first.text)
            && !lx.is_pronoun(first.text)
            && !in_list(&q().determiners, first.text))
            || in_list(&q().openers, first.text)
            || (first.capitalised() && is_lead_in(toks, i)));
    if opener {
        let comma = toks[i..].iter().take(12).position(|t| t.is(','))?;
        i += comma + 1;
    }
    let start = i;
    let mut j = i;
    while j < toks.len() && j - start <= MAX_WORDS {
        let t = &toks[j];
        if !t.word {
            if matches!(t.text, "'" | "\u{2019}" | "-") {
                j += 1;
                continue;
            }
            return None;
        }
        if j > start && verbish(lx, toks, j) {
            break;
        }
        j += 1;
    }
    if j == start || j >= toks.len() || j - start > MAX_WORDS {
        return None;
    }
    let np = &toks[start..j];
    let head = np.first()?;
    if np.len() == 1 && in_list(&q().not_subjects, head.text) {
        return None;
    }
    let opens =
        head.capitalised() || in_list(&q().determiners, head.text) || lx.is_pronoun(head.text);
    let content = np.iter().any(|t| !lx.is_function_word(t.text)) || lx.is_pronoun(head.text);
    (opens && content).then(|| head.range.start..np[np.len() - 1].range.end)
}

/// Whether the word at `k` reads as the clause's verb: an auxiliary or
/// modal, a speech verb, a negated form ("didn't"), or a past form that
/// does not follow a determiner ("the retired judge" is a noun phrase).
fn verbish(lx: &Lexicon, toks: &[Tok<'_>], k: usize) -> bool {
    let t = &toks[k];
    if t.capitalised() {
        return false;
    }
    let w = t.text;
    if lx.clause_words.contains(w) || lx.is_speech_verb(w) {
        return true;
    }
    if w.ends_with("n't") || w.ends_with("n\u{2019}t") {
        return true;
    }
    let after_determiner = toks[k - 1].word && in_list(&q().determiners, toks[k - 1].text);
    w.len() > 4 && w.ends_with("ed") && !after_determiner
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Doc;

    fn subject(text: &str, quote: &str) -> Option<String> {
        let doc = Doc::new(text);
        let at = text.find(quote)?;
        embedded_subject(&doc, at).map(|r| text[r].to_owned())
    }

    #[test]
    fn a_description_before_its_verb() {
        assert_eq!(
            subject(
                "In late June, the Regional Bar Council finished its review and deemed him \u{201C}highly capable\u{201D}.",
                "\u{201C}"
            )
            .as_deref(),
            Some("the Regional Bar Council")
        );
        assert_eq!(
            subject(
                "A civil suit was filed in 2014 alleging the agency used a \u{201C}quiet quota\u{201D} for years.",
                "\u{201C}"
            )
            .as_deref(),
            Some("A civil suit")
        );
    }

    #[test]
    fn a_name_before_a_colon() {
        assert_eq!(
            subject(
                "POLLS CLOSE EARLY - Ana Ruiz and Ben Ode: \u{201C}Turnout was thin.\u{201D}",
                "\u{201C}"
            )
            .as_deref(),
            Some("Ana Ruiz and Ben Ode")
        );
    }

    #[test]
    fn no_verb_or_a_lone_it_names_no_one() {
        assert_eq!(
            subject(
                "It also wants to stop the \u{201C}waste\u{201D} in the budget.",
                "\u{201C}"
            ),
            None
        );
        assert_eq!(
            subject(
                "Over the rooftops and the \u{201C}quiet\u{201D} streets.",
                "\u{201C}"
            ),
            None
        );
    }
}
