//! Headlines: the first line of an article, when short, follows rules of
//! its own. "Mayor: The bridge will reopen" puts the speaker before a
//! colon and their words after it; Title Case headlines capitalize the cue
//! verb ("Senator Endorses Governor") and drop the article before a name,
//! so the body's checks for a lowercase verb and a noun-or-verb word would
//! turn them away.

use super::tokens::Tok;
use super::{Hit, Kind, REACH, Sentence, Shape, lexicon};

/// A first line longer than this is body text, not a headline.
const MAX_WORDS: usize = 30;

/// The longest speaker a headline puts before its colon.
const MAX_SPEAKER: usize = 4;

/// What a paragraph's tokens say about it being a headline: `Some(title
/// case)` when it is short enough to be one, `None` otherwise.
pub(super) fn headline(body: &str, toks: &[Tok]) -> Option<bool> {
    let mut words = 0;
    let mut long = 0;
    let mut capital = 0;
    for t in toks.iter().filter(|t| t.is_word()) {
        words += 1;
        if words > MAX_WORDS {
            return None;
        }
        let w = t.text(body);
        if w.chars().count() >= 4 {
            long += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                capital += 1;
            }
        }
    }
    (words > 0).then_some(long >= 3 && capital * 5 >= long * 4)
}

impl Sentence<'_> {
    /// "Name: words" at the start of a headline: the words are the name's.
    /// Datelines ("PARIS: ...") are all capitals and labels are listed, so
    /// neither is taken for a speaker.
    pub(super) fn headline_colon(&self) -> Option<Hit> {
        let k = (0..self.len().min(MAX_SPEAKER * 2 + 1))
            .find(|&j| self.kind(j) == Some(Kind::Colon))?;
        // "Mayor to Council: ..." names the listener too; at most four
        // words each side of "to".
        let named = |j: usize| self.is_word(j) && (self.is_cap(j) || (j > 0 && self.lw(j) == "to"));
        if k == 0 || !self.is_cap(0) || (0..k).any(|j| !named(j)) || k > MAX_SPEAKER + 3 {
            return None;
        }
        let first = self.t.first()?.start;
        let last = self.t.get(k - 1)?.end;
        let prefix = self.body.get(first..last)?;
        if !prefix.chars().any(char::is_lowercase) {
            return None;
        }
        let label = self.lower.get(first..last)?;
        if lexicon::is_headline_label(label) || (0..k).any(|j| lexicon::cue(self.lw(j)).is_some()) {
            return None;
        }
        let s = k + 1;
        let e = self.content_end(s, self.len().min(s + REACH));
        let speaker_end = (1..k).find(|&j| self.lw(j) == "to").unwrap_or(k);
        (e > s).then_some(Hit {
            shape: Shape::After,
            content: s..e,
            speaker: Some(0..speaker_end),
            cue: 0..s,
            also: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::claims::testing::{pair, pairs};

    #[test]
    fn a_name_before_a_headline_colon_speaks() {
        assert_eq!(
            pairs("Mayor Okafor: The bridge will reopen in May.\nThe council met on Monday."),
            vec![pair("The bridge will reopen in May", "Mayor Okafor")]
        );
        assert_eq!(
            pairs("Mayor Okafor to Farmers: Rain is coming soon.\nBody text."),
            vec![pair("Rain is coming soon", "Mayor Okafor")]
        );
    }

    #[test]
    fn datelines_labels_and_body_colons_are_no_speakers() {
        assert!(pairs("LAGOS: The bridge reopened on Monday after repairs.").is_empty());
        assert!(pairs("The Latest: Bridge reopens after long repairs.").is_empty());
        assert!(pairs("Rain fell.\nMayor Okafor: The bridge will reopen in May.").is_empty());
    }

    #[test]
    fn title_case_headlines_capitalize_their_cue() {
        assert_eq!(
            pairs("Farm Union Endorses Governor Diaz For Second Term.\nBody text here."),
            vec![pair("Governor Diaz For Second Term", "Farm Union")]
        );
        assert_eq!(
            pairs("Okafor slams council plan for the river.\nBody text here."),
            vec![pair("council plan for the river", "Okafor")]
        );
        // In the body, a capital makes it no verb.
        assert!(pairs("Rain fell.\nFarm Union Endorses Governor Diaz For Second Term.").is_empty());
    }
}
