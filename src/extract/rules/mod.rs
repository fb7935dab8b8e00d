//! Extraction as a set of named rules, in the spirit of CoreNLP's
//! quote-attribution sieves and spaCy's matchers: each rule has an id,
//! the words that trigger it come from the language's word lists
//! ([`super::lexicon`]), and every statement carries the id of the rule
//! that found it and of the rule that chose its speaker. A [`Trace`]
//! records what was taken and what was rejected, and why, for
//! `quotetrail extract --explain`.
//!
//! [`CATALOGUE`] lists every rule with what it does; a test checks that
//! each one has a fixture that fires it (the snapshots in `tests/`).

use std::fmt;
use std::ops::Range;

use serde::{Serialize, Serializer};

use super::Found;
use super::lexicon::Lexicon;
use crate::text::Doc;

pub mod fr;

/// A rule's stable id ("fr.quote.incise_after"): language, what it finds,
/// how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RuleId(pub &'static str);

impl RuleId {
    /// The id as text.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.0)
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// One rule: its id and what it does, in a line.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The id statements and traces carry.
    pub id: RuleId,
    /// What fires it, with an example.
    pub does: &'static str,
}

macro_rules! rules {
    ($($name:ident = $id:literal : $does:literal;)*) => {
        $(#[doc = $does] pub const $name: RuleId = RuleId($id);)*
        /// Every rule, in the order `--explain --rules` prints them.
        pub const CATALOGUE: &[Rule] = &[$(Rule { id: $name, does: $does }),*];
    };
}

rules! {
    QUOTE_MARKS = "quote.marks": "Words between a pair of quotation marks (\u{201C} \u{201D}, \" \", \u{AB} \u{BB}, \u{201E} \u{201C}) in a live paragraph.";
    QUOTE_TRANSCRIPT_LABEL = "quote.transcript_label": "A quote that opens with a transcript's speaker label: \u{201C}WALLACE: Let's start\u{2026}\u{201D}";
    QUOTE_DASH_CREDIT = "quote.dash_credit": "A dash and a name after the quote, ending its paragraph: \u{201C}\u{2026}\u{201D} \u{2015} Jorge Falcon";
    SPEAKER_PREVIOUS = "speaker.previous": "A statement whose sentence names no one goes on with the last speaker.";
    SPEAKER_PRONOUN = "speaker.pronoun": "A pronoun (he, she, il, elle) is the person last named as a speaker or as a sentence's subject.";
    UNATTRIBUTED = "lang.unattributed": "A language without rules: quotes by their marks only, no speaker guessed.";
    REJECT_BOILERPLATE = "reject.boilerplate": "A paragraph that is page furniture (disclaimers, 'Read more', copyright) holds no statements.";
    REJECT_NO_CUE = "reject.no_cue": "A sentence with a speech word but no speaker-and-verb pattern of the language's rules.";
    EN_QUOTE_CUE_AFTER = "en.quote.cue_after": "A quote followed by its attribution: \u{201C}\u{2026},\u{201D} said Ann Lee / she added.";
    EN_QUOTE_CUE_BEFORE = "en.quote.cue_before": "An attribution leading into the quote, in its sentence or in a paragraph ending with a colon: Ann Lee said: \u{201C}\u{2026}\u{201D}";
    EN_QUOTE_SUBJECT = "en.quote.sentence_subject": "A quote inside a sentence takes the sentence's subject: Lee called the plan \u{201C}a mess\u{201D}.";
    EN_QUOTE_EMBEDDED = "en.quote.embedded_subject": "A quote inside a sentence with no cue takes the sentence's opening noun phrase or the name before a colon: A federal suit was filed alleging a \u{201C}quiet quota\u{201D}.";
    EN_CLAIM_CUE_FIRST = "en.claim.cue_then_content": "Reported speech after its cue: Lee said the plan would fail / according to Lee, \u{2026}";
    EN_CLAIM_CONTENT_FIRST = "en.claim.content_then_cue": "Reported speech before its cue: The plan will fail, Lee said.";
    EN_CLAIM_CONTINUATION = "en.claim.continuation": "A sentence in two-apostrophe quotes right after a claim goes on with its speaker.";
    REJECT_CLAIM_CAPITALISED = "reject.claim.capitalised": "A speech verb with a capital, outside a Title Case headline, is a name or a sentence start: Says Who is a podcast.";
    REJECT_CLAIM_REFUSAL = "reject.claim.refusal": "After a refusal the verb is no cue of its own: declined to say whether \u{2026}";
    REJECT_CLAIM_NO_SUBJECT = "reject.claim.infinitive_or_passive": "An infinitive or a passive names no speaker: was accused of \u{2026}, is expected to say.";
    REJECT_CLAIM_NOUN = "reject.claim.noun": "An article, preposition or possessive before the word makes it a noun or an adjective: the alleged plot, the mayor's warnings.";
    REJECT_CLAIM_EVIDENCE = "reject.claim.evidence_subject": "A verb of evidence reports a claim only when a document or a finding is its subject: the mood shows \u{2026}";
    REJECT_CLAIM_NO_SPEAKER = "reject.claim.no_speaker": "No noun phrase before the verb says it, and no speaker before it goes on.";
    REJECT_CLAIM_NO_CONTENT = "reject.claim.no_content": "Nothing after the verb is what was said.";
    REJECT_CLAIM_OTHER_SENSE = "reject.claim.other_sense": "A speech verb in another sense: added to the pressure (increased).";
    REJECT_CLAIM_RELATIVE_OBJECT = "reject.claim.relative_object": "The verb's object is a relative what: what they said was true.";
    FR_QUOTE_INCISE_AFTER = "fr.quote.incise_after": "A quote followed by an incise: \u{AB} \u{2026} \u{BB}, a d\u{E9}clar\u{E9} le ministre / a-t-il ajout\u{E9} / selon lui.";
    FR_QUOTE_INCISE_INSIDE = "fr.quote.incise_inside": "An incise inside one pair of guillemets splits the quote in two: \u{AB} A, a indiqu\u{E9} X. B \u{BB}";
    FR_QUOTE_DASH = "fr.quote.dialogue_dash": "A paragraph opened with a dialogue dash is a quote up to its incise: \u{2014} Nous partirons, a-t-elle dit.";
    FR_QUOTE_LEAD_IN = "fr.quote.lead_in": "An attribution leading into the quote: X a d\u{E9}clar\u{E9} : \u{AB} \u{2026} \u{BB} / selon X, \u{AB} \u{2026} \u{BB}";
    FR_QUOTE_SUBJECT = "fr.quote.sentence_subject": "A quote inside a sentence with a speech verb takes its subject: Elle a estim\u{E9} que les habitants \u{AB} \u{2026} \u{BB}.";
    FR_CLAIM_QUE = "fr.claim.verb_que": "Reported speech: X a affirm\u{E9} / estime / a indiqu\u{E9} \u{E0} l'AFP que C.";
    FR_CLAIM_SELON = "fr.claim.selon": "Reported speech credited with selon, d'apr\u{E8}s or pour: Selon X, C / Pour le ministre, C / C, selon X.";
    FR_CLAIM_INCISE = "fr.claim.incise": "Reported speech before an incise, without marks: C, a affirm\u{E9} X.";
    FR_CLAIM_INFINITIVE = "fr.claim.infinitive": "An infinitive complement: X a affirm\u{E9} n'avoir \u{2026} / assure avoir \u{2026}";
}

/// What a rule decided about a stretch of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The byte range the decision is about (a sentence, a quote).
    #[serde(skip)]
    pub span: Range<usize>,
    /// Taken as a statement, or rejected.
    pub taken: bool,
    /// The rule that decided.
    pub rule: RuleId,
    /// A short why, in words: the verb or mark that fired, the reason for
    /// a rejection.
    pub why: String,
}

/// The decisions of one extraction, kept only when asked for: tracing
/// costs allocations the ingest path must not pay.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    on: bool,
    /// What was decided, in the order the rules ran.
    pub decisions: Vec<Decision>,
}

impl Trace {
    /// A trace that records.
    pub fn recording() -> Trace {
        Trace {
            on: true,
            decisions: Vec::new(),
        }
    }

    /// Whether decisions are being kept.
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Records a decision (a no-op unless recording). `why` is built only
    /// when recording.
    pub fn note(
        &mut self,
        span: Range<usize>,
        taken: bool,
        rule: RuleId,
        why: impl FnOnce() -> String,
    ) {
        if self.on {
            self.decisions.push(Decision {
                span,
                taken,
                rule,
                why: why(),
            });
        }
    }
}

/// Records, for `--explain`, each live sentence that holds a quotation
/// mark or a speech verb but gave no statement and no rule spoke of it:
/// the rejections no rule names itself.
pub fn note_untaken(
    doc: &Doc<'_>,
    live: &[bool],
    lx: &Lexicon,
    found: &[Found],
    trace: &mut Trace,
) {
    let mut decided: Vec<Range<usize>> = trace.decisions.iter().map(|d| d.span.clone()).collect();
    decided.extend(found.iter().map(|f| f.start..f.end));
    for s in &doc.sentences {
        if !live.get(s.paragraph).copied().unwrap_or(true)
            || decided
                .iter()
                .any(|d| d.start < s.range.end && s.range.start < d.end)
        {
            continue;
        }
        let text = doc.slice(&s.range);
        let mark = text.chars().find(|&c| is_quote_mark(c));
        let verb = doc
            .tokens(s.range.clone())
            .into_iter()
            .find(|t| t.word && lx.is_speech_verb(t.text));
        let why = match (mark, verb) {
            (_, Some(v)) => format!(
                "speech verb \u{201C}{}\u{201D}, but no rule found its speaker and words",
                v.text
            ),
            (Some(m), None) => format!("quotation mark {m} without a pair or an attribution"),
            (None, None) => continue,
        };
        trace.note(s.range.clone(), false, REJECT_NO_CUE, || why);
    }
}

/// Quotation marks of every family the quote finder pairs.
fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{AB}' | '\u{BB}' | '\u{201E}' | '\u{2039}' | '\u{203A}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_namespaced() {
        let mut ids: Vec<&str> = CATALOGUE.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "a rule id is used twice");
        for id in ids {
            assert!(id.contains('.'), "{id} has no namespace");
        }
    }
}
