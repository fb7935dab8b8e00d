//! Passive attributions: "the senator is expected to vote no", "he was
//! said to be furious". Someone expects or says it, unnamed; the words
//! from "to" on are what is expected or said. The subject of "is" is who
//! the claim is about, not who makes it, so the claim has no speaker.
//! "Asked about C, ..." is a passive too: the question is C.

use super::lexicon::{self, Class};
use super::{Hit, Kind, REACH, Sentence, Shape};

/// Words that may stand between the form of "be" and the participle:
/// "is not widely expected to".
fn is_hedge(w: &str) -> bool {
    lexicon::is_hedge(w)
}

fn is_be(w: &str) -> bool {
    matches!(
        w,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "’s"
    )
}

impl Sentence<'_> {
    /// The claim of a passive attribution whose participle is token `i`,
    /// if "expected to" or "said to" stands there after a form of "be".
    pub(super) fn passive(&self, i: usize) -> Option<Hit> {
        if !matches!(self.lw(i), "expected" | "said") || self.lw(i + 1) != "to" {
            return None;
        }
        if self.inq.get(i).copied().unwrap_or(false) {
            return None;
        }
        let mut j = i;
        while j > 0 && i - j < 3 && is_hedge(self.lw(j - 1)) {
            j -= 1;
        }
        if j == 0 || !is_be(self.lw(j - 1)) {
            return None;
        }
        let s = i + 1;
        let e = self.content_end(s, self.len().min(s + REACH));
        // "to" and a verb at least.
        if e < s + 2 || self.kind(s + 1) != Some(Kind::Word) {
            return None;
        }
        Some(Hit::unnamed(j - 1..s, s..e))
    }
}

impl Sentence<'_> {
    /// "The plan was criticized by the mayor": the agent after "by" is the
    /// speaker, and what was criticized, the subject, is the claim. Token
    /// `i` is the participle.
    pub(super) fn by_agent(&self, i: usize) -> Option<Hit> {
        if self.lw(i + 1) != "by" || self.inq.get(i).copied().unwrap_or(false) {
            return None;
        }
        let cue = lexicon::cue(self.lw(i))?;
        if cue.class != Class::Object || cue.particle.is_some() || !self.lw(i).ends_with("ed") {
            return None;
        }
        let mut j = i;
        while j > 0 && i - j < 3 && (is_hedge(self.lw(j - 1)) || self.lw(j - 1).ends_with("ly")) {
            j -= 1;
        }
        if j == 0 || !is_be(self.lw(j - 1)) {
            return None;
        }
        let mut b = j - 1;
        while b > 0 && lexicon::is_aux(self.lw(b - 1)) && self.lw(b - 1) != "to" {
            b -= 1;
        }
        let content = self.np_backward(b)?;
        let speaker = self.np_forward(i + 2)?;
        Some(Hit {
            shape: Shape::After,
            content,
            cue: i..speaker.end,
            speaker: Some(speaker),
            also: None,
        })
    }
}

/// Words that open the question in "Asked whether ...": the question
/// starts there.
fn opens_question(w: &str) -> bool {
    lexicon::opens_question(w)
}

impl Sentence<'_> {
    /// "Asked about C, he said ..." or "he said when asked whether C": the
    /// question put to the speaker is attributed too. Token `i` is "asked";
    /// it must open the sentence or a clause, or follow "when", where it is
    /// a reduced passive and not "she asked him".
    pub(super) fn asked(&self, i: usize) -> Option<Hit> {
        if self.lw(i) != "asked" || self.inq.get(i).copied().unwrap_or(false) {
            return None;
        }
        let opens = |j: usize| {
            (0..j).all(|k| !self.is_word(k)) || self.kind(j.wrapping_sub(1)) == Some(Kind::Comma)
        };
        let reduced = opens(i) || (i > 0 && self.lw(i - 1) == "when");
        if !reduced {
            return None;
        }
        let n = self.len();
        let mut s = i + 1;
        if let Some(q) = (s..n.min(s + 8))
            .take_while(|&j| self.kind(j) == Some(Kind::Word))
            .find(|&j| self.lw(j) == "about" || opens_question(self.lw(j)))
        {
            s = if self.lw(q) == "about" { q + 1 } else { q };
        }
        let end = (s..n)
            .find(|&j| self.kind(j) == Some(Kind::Comma))
            .unwrap_or(n);
        let e = self.content_end(s, end.min(s + REACH));
        (e > s).then(|| Hit::unnamed(i..s, s..e))
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::claims::testing::{claims, texts};

    #[test]
    fn expected_to_is_an_unnamed_attribution() {
        assert_eq!(
            texts("The mayor is widely expected to sign the budget next week."),
            vec!["to sign the budget next week"]
        );
        assert_eq!(
            texts("The old ferry was said to carry twice its load."),
            vec!["to carry twice its load"]
        );
    }

    #[test]
    fn the_question_asked_is_attributed() {
        let found = texts("Asked about the closed schools, the mayor said repairs were due.");
        assert!(found.contains(&"the closed schools".to_owned()));
        let found = texts("The mayor smiled when asked whether the schools would reopen.");
        assert_eq!(found, vec!["whether the schools would reopen"]);
        // Not a reduced passive: her question is no claim of its own.
        let found = texts("She asked him about the closed schools.");
        assert!(!found.contains(&"the closed schools".to_owned()));
    }

    #[test]
    fn a_passive_with_an_agent_names_the_speaker() {
        let found = claims("The new budget was sharply criticized by the council.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "The new budget");
        assert_eq!(found[0].speaker_mention.as_deref(), Some("the council"));
        // Without an agent, no one speaks.
        assert!(texts("The new budget was criticized.").is_empty());
    }

    #[test]
    fn expected_without_be_or_to_is_no_claim() {
        assert!(texts("Nobody expected to see snow in May.").is_empty());
        assert!(texts("The expected rain never came to the valley.").is_empty());
        assert!(texts("Turnout was expected.").is_empty());
    }
}
