//! Speech nouns with a content clause: "the claim that the vote was
//! rigged", "her warning that rates will rise". The clause after "that" is
//! what was claimed or warned, though no verb reports it.

use super::lexicon;
use super::{Hit, REACH, Sentence};

/// Nouns of saying and believing that take a "that" clause.
fn is_speech_noun(w: &str) -> bool {
    lexicon::is_speech_noun(w)
}

impl Sentence<'_> {
    /// The content clause of a speech noun at token `i`. "that" must open
    /// a clause with its own subject (a determiner, pronoun, name or
    /// number): in "a statement that sought to calm", "that" is a relative
    /// pronoun and what follows says nothing anyone claimed.
    pub(super) fn noun_complement(&self, i: usize) -> Option<Hit> {
        if self.lw(i + 1) != "that" || !is_speech_noun(self.lw(i)) {
            return None;
        }
        if self.inq.get(i).copied().unwrap_or(false) {
            return None;
        }
        let j = i + 2;
        let w = self.lw(j);
        let subject = lexicon::is_determiner(w)
            || lexicon::is_pronoun(w)
            || matches!(
                w,
                "there" | "his" | "her" | "their" | "its" | "our" | "my" | "your"
            )
            || (self.is_cap(j) && w != "i")
            || w.bytes().next().is_some_and(|b| b.is_ascii_digit());
        if !subject {
            return None;
        }
        let s = i + 1;
        let e = self.content_end(s, self.len().min(s + REACH));
        (e > j).then(|| Hit::unnamed(i..s, s..e))
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::claims::testing::texts;

    #[test]
    fn a_speech_noun_reports_its_that_clause() {
        assert_eq!(
            texts("The court heard the allegation that the count was rigged."),
            vec!["that the count was rigged"]
        );
    }

    #[test]
    fn a_speech_noun_inside_a_reported_claim_stays_inside() {
        assert_eq!(
            texts("The envoy says the reports that the dam broke are false."),
            vec!["the reports that the dam broke are false"]
        );
    }

    #[test]
    fn a_relative_that_is_no_content() {
        assert!(texts("The board issued a statement that praised the staff.").is_empty());
    }
}
