//! Where a claim's cue and its speaker stand: "according to X" and a
//! speech verb with the speaker before or after it. Each way a cue word is
//! turned away is a named rejection rule (`reject.claim.*`), so `extract
//! --explain` can say why a sentence with a speech verb gave no claim.

use std::ops::Range;

use super::lexicon::{self, Class, Cue};
use super::tokens::Kind;
use super::{Hit, REACH, Sentence, Shape};
use crate::extract::rules::{self, RuleId};

/// Why a cue word gave no claim: the rejection rule and a few words on
/// it, for `extract --explain`. Made without allocating: ingest pays for
/// every rejection, and only a trace keeps them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Rejection {
    /// The rule (`reject.claim.*`).
    pub(super) rule: RuleId,
    /// What the rule saw.
    pub(super) why: &'static str,
}

const CAPITALISED: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_CAPITALISED,
    why: "a capital: a name or the start of a sentence",
};
const REFUSAL: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_REFUSAL,
    why: "the refusal before it is the cue",
};
const NO_SUBJECT: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_NO_SUBJECT,
    why: "an infinitive or a passive, which names no speaker",
};
const NOUN: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_NOUN,
    why: "read as a noun or an adjective here",
};
const EVIDENCE: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_EVIDENCE,
    why: "a verb of evidence whose subject is no document or finding",
};
const NO_SPEAKER: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_NO_SPEAKER,
    why: "no noun phrase to say it and no speaker before",
};
const NO_CONTENT: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_NO_CONTENT,
    why: "nothing after it to be what was said",
};
const OTHER_SENSE: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_OTHER_SENSE,
    why: "\u{201C}add to\u{201D}: to increase, not to say",
};
const RELATIVE_OBJECT: Rejection = Rejection {
    rule: rules::REJECT_CLAIM_RELATIVE_OBJECT,
    why: "its object is a relative \u{201C}what\u{201D}",
};

impl Sentence<'_> {
    /// "according to X": the content is the clause before it or, when it
    /// leads the sentence, the clause after.
    pub(super) fn according(&self, c: usize) -> Option<Hit> {
        let n = self.len();
        let speaker = self.np_forward(c + 2)?;
        let cue = c..speaker.end;
        let leads = (0..c).all(|j| {
            !self.is_word(j)
                || matches!(
                    self.lw(j),
                    "but" | "and" | "yet" | "however" | "still" | "so" | "also" | "now"
                )
        });
        let after = {
            let mut s = speaker.end;
            while s < n && matches!(self.kind(s), Some(Kind::Comma | Kind::Colon)) {
                s += 1;
            }
            s..self.content_end(s, n.min(s + REACH))
        };
        if leads {
            return Some(Hit {
                shape: Shape::After,
                content: after,
                speaker: Some(speaker),
                cue: 0..cue.end,
                also: None,
            });
        }
        let end = if c > 0 && self.kind(c - 1) == Some(Kind::Comma) {
            c - 1
        } else {
            c
        };
        let start = end.saturating_sub(REACH);
        let before = start..end;
        let words_before = (start..end).filter(|&j| self.is_word(j)).count();
        // Set between commas after a lead-in, "according to X" cuts the
        // speaker's sentence in two, as a verb does: "Since May, according
        // to X, C" reports both halves.
        let split = self.kind(speaker.end) == Some(Kind::Comma);
        let (shape, content, also) =
            if (words_before < 2 || self.is_lead_in(before.clone())) && after.end > after.start {
                (Shape::After, after, split.then_some(before))
            } else {
                (Shape::Before, before, None)
            };
        Some(Hit {
            shape,
            content,
            speaker: Some(speaker),
            cue,
            also,
        })
    }

    /// A cue verb at `c` (`len` tokens with its particle).
    pub(super) fn verb(
        &self,
        c: usize,
        len: usize,
        cue: Cue,
        later: &[(usize, usize, Option<Cue>)],
        last_speaker: Option<Range<usize>>,
    ) -> Result<Hit, Rejection> {
        let n = self.len();
        // A capital makes the word a name or a sentence start, except in
        // a Title Case headline.
        let lower_or_title = self.is_lower(c) || (self.title_case && c > 0);
        if !lower_or_title {
            return Err(CAPITALISED);
        }
        let v_end = c + len;
        // Step back over auxiliaries and adverbs: "has also said".
        let mut l = c;
        while l > 0 && c - l < 4 && lexicon::is_aux(self.lw(l - 1)) {
            l -= 1;
        }
        // "is saying", "has been pointing to": a form of "be" before a
        // participle makes the progressive, active and with a subject,
        // not a passive.
        if self.lw(c).ends_with("ing")
            && l > 0
            && matches!(
                self.lw(l - 1),
                "is" | "are" | "was" | "were" | "am" | "been" | "be"
            )
        {
            l -= 1;
            while l > 0 && c - l < 6 && lexicon::is_aux(self.lw(l - 1)) && self.lw(l - 1) != "to" {
                l -= 1;
            }
        }
        let before = if l > 0 { self.lw(l - 1) } else { "" };
        // "declined to say whether": the refusal is the cue (see the
        // lexicon), so "say" is no second one.
        if (l..c).any(|j| self.lw(j) == "to") && lexicon::is_refusal(before) {
            return Err(REFUSAL);
        }
        // Infinitives and passives name no speaker: "declined to say",
        // "was accused of", "was sharply criticized".
        let be = |w: &str| {
            matches!(
                w,
                "to" | "is" | "was" | "were" | "be" | "been" | "being" | "are" | "am"
            )
        };
        if be(before) || (before.ends_with("ly") && l >= 2 && be(self.lw(l - 2))) {
            return Err(NO_SUBJECT);
        }
        // An article before it makes the word a noun or an adjective ("his
        // claims"), and so does a preposition ("in alleged"), except before
        // a participle ("by saying that").
        let gerund = self.lw(c).ends_with("ing");
        let after_preposition = lexicon::is_noun_preposition(before);
        if lexicon::is_article(before) || (after_preposition && !gerund) {
            return Err(NOUN);
        }
        if cue.noun_too {
            let possessive = before.ends_with("'s") || before.ends_with("\u{2019}s");
            let pronoun = lexicon::is_pronoun(before);
            let that = self.lw(c + len) == "that";
            let evidence = lexicon::is_evidence_noun(before);
            if l == 0 || possessive || matches!(before, "and" | "or" | "new") {
                return Err(NOUN);
            }
            let plural = before.len() > 3 && before.ends_with('s') && !before.ends_with("ss");
            // Headlines drop the article before a name: "Mayor slams plan".
            let named = self.headline && self.is_cap(l - 1);
            if !(pronoun || that || evidence || plural || named) {
                return Err(NOUN);
            }
        }

        // "C, said X": the speaker follows the verb.
        if l == c
            && c > 0
            && cue.class == Class::Say
            && let Some(b) = self.boundary_before(c)
            && let Some(sp) = self.np_forward(v_end)
            && (self.is_cap(sp.start) || lexicon::is_determiner(self.lw(sp.start)))
            && (sp.end >= n
                || matches!(
                    self.kind(sp.end),
                    Some(Kind::Comma | Kind::Stop | Kind::Open)
                )
                || lexicon::is_time(self.lw(sp.end))
                || lexicon::is_adjunct_start(self.lw(sp.end)))
        {
            let content = b.saturating_sub(REACH)..b;
            return Ok(Hit {
                shape: Shape::Before,
                content,
                cue: c..sp.end,
                speaker: Some(sp),
                also: None,
            });
        }

        // The speaker before the verb.
        let inherits = (cue.participle && self.kind(l.wrapping_sub(1)) == Some(Kind::Comma))
            || matches!(before, "and" | "but" | "or")
            || (gerund && after_preposition);
        let subject = if inherits {
            None
        } else if self.kind(l.wrapping_sub(1)) == Some(Kind::Comma) {
            self.appositive_subject(l - 1)
        } else if before == "who" {
            let mut e = l - 1;
            if self.kind(e.wrapping_sub(1)) == Some(Kind::Comma) {
                e -= 1;
            }
            self.np_backward(e).or(Some(l - 1..l))
        } else {
            self.np_backward(l)
        };
        if cue.class == Class::Evidence {
            let head = subject.as_ref().map(|s| self.lw(s.end - 1)).unwrap_or("");
            if !lexicon::is_evidence_noun(head) {
                return Err(EVIDENCE);
            }
        }
        let speaker = if inherits {
            last_speaker.or_else(|| self.sentence_subject())
        } else {
            subject.clone()
        };
        let speaker = speaker.ok_or(NO_SPEAKER)?;

        // Content before: "C, X said." or "C, X said, D."
        let r = self.skip_adjuncts(v_end, cue.class);
        let right_empty = r >= n
            || (r..n).all(|j| !self.is_word(j))
            || self.kind(r) == Some(Kind::Comma)
            || matches!(
                self.lw(r),
                "after" | "before" | "while" | "when" | "as" | "during" | "in" | "at" | "of"
            );
        let long_subject = if right_empty && !inherits {
            self.subject_after_comma(l)
        } else {
            None
        };
        if let Some(sub) = long_subject.as_ref().or(subject.as_ref())
            && right_empty
            && let Some(b) = self.boundary_before(sub.start)
            && !inherits
        {
            let speaker = sub.clone();
            let content = b.saturating_sub(REACH)..b;
            let end = r.min(n);
            // "In both cases, X said, C": what follows the verb is the
            // main content; the lead-in phrase is the speaker's too (the
            // attribution cuts their sentence in two), so it stands as a
            // second claim when it holds words enough.
            if self.kind(r) == Some(Kind::Comma) && self.is_lead_in(content.clone()) {
                let s = r + 1;
                let e = self.content_end(s, n.min(s + REACH));
                return Ok(Hit {
                    shape: Shape::After,
                    content: s..e,
                    speaker: Some(speaker),
                    cue: b..r,
                    also: Some(content),
                });
            }
            return Ok(Hit {
                shape: Shape::Before,
                content,
                speaker: Some(speaker),
                cue: b..end,
                // "told Reuters from Kidal, the town where ...": after a
                // place or manner phrase the comma opens an aside on it.
                also: if (v_end..r).any(|j| lexicon::is_adjunct_start(self.lw(j))) {
                    None
                } else {
                    self.tail_after(r)
                },
            });
        }

        // Content after.
        let mut s = r;
        while s < n && matches!(self.kind(s), Some(Kind::Comma | Kind::Colon)) {
            s += 1;
        }
        if s >= n {
            return Err(NO_CONTENT);
        }
        // "adding to her lead", "will add to concerns": "add to" is to
        // increase, not to say.
        if self.lw(s) == "to" && matches!(self.lw(c), "add" | "adds" | "added" | "adding") {
            return Err(OTHER_SENSE);
        }
        // "what they say is": the verb's object is the relative pronoun.
        if matches!(self.lw(s), "is" | "was" | "are" | "were")
            && let Some(sub) = &subject
            && sub.start > 0
            && self.lw(sub.start - 1) == "what"
        {
            return Err(RELATIVE_OBJECT);
        }
        let limit = n.min(s + REACH);
        let mut end = self.content_end(s, limit);
        if cue.class == Class::Object {
            if let Some(comma) = (s..end).find(|&j| self.kind(j) == Some(Kind::Comma)) {
                end = comma;
            }
        }
        // Stop where a coordinated cue starts its own claim: "claimed that
        // A and warned that B", "said A, adding B".
        for &(c2, _, cue2) in later {
            if c2 >= end {
                break;
            }
            let Some(cue2) = cue2 else {
                continue;
            };
            let mut p = c2;
            while p > s && lexicon::is_aux(self.lw(p - 1)) {
                p -= 1;
            }
            let joined = p > s && matches!(self.lw(p - 1), "and" | "but");
            let participle = cue2.participle && p > s && self.kind(p - 1) == Some(Kind::Comma);
            if (joined && !cue2.participle && self.is_word(c2 + 1)) || participle {
                end = p - 1;
                if end > s && self.kind(end - 1) == Some(Kind::Comma) {
                    end -= 1;
                }
                break;
            }
        }
        let cue_start = self.clause_start(speaker.start.min(l));
        Ok(Hit {
            shape: Shape::After,
            content: s..end,
            speaker: Some(speaker),
            cue: cue_start..s,
            also: None,
        })
    }
}
