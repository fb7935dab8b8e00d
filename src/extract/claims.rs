//! Claims: reported speech and attributed assertions without quotation marks.
//!
//! A claim hangs on a cue: a speech or belief verb ("said", "told",
//! "warned", "accused"), or "according to". Around each cue the module reads
//! three shapes of sentence, by looking at a few words on either side:
//!
//! - content after: "X said (that) C", "X told Reuters C", "X accused C";
//! - content before: "C, X said", "C, said X", "C, according to X";
//! - content after a lead-in: "According to X, C".
//!
//! Everything works on tokens with byte ranges into the body, so a claim's
//! text is always a slice of the body. Each cue looks at a bounded number of
//! tokens, which keeps the whole pass linear in the length of the text.

mod headline;
mod lexicon;
mod nouns;
mod passive;
mod phrase;
mod tokens;
mod verb;

use std::ops::Range;

use quotetrail_store::{Kind as StatementKind, WireSource};

use self::lexicon::{Class, Cue};
use self::tokens::{Kind, Tok};
use super::Found;
use super::lexicon::Lexicon;
use super::rules::{self, Trace};
use crate::text::Doc;

/// How far (in tokens) a cue looks for its content. Real claims are far
/// shorter; the bound keeps pathological sentences linear.
const REACH: usize = 160;

/// Finds the claims in live paragraphs. `quotes` are the quotes already
/// found, so a claim can tell its content apart from a direct quote.
/// Speech verbs turned away are noted in `trace` with their rejection
/// rule.
pub fn find(doc: &Doc<'_>, live: &[bool], quotes: &[Found], trace: &mut Trace) -> Vec<Found> {
    let body = doc.text;
    let abbreviations = &Lexicon::of(doc.lang).abbreviations;
    let lower = body.to_ascii_lowercase();
    let mut quoted: Vec<Range<usize>> = quotes
        .iter()
        .filter(|q| q.kind == StatementKind::Quote)
        .map(|q| q.start..q.end)
        .collect();
    quoted.sort_by_key(|r| (r.start, r.end));
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let mut sents = Vec::new();
    let mut inq = Vec::new();
    for (i, para) in doc.paragraphs.iter().enumerate() {
        if !live.get(i).copied().unwrap_or(true) {
            continue;
        }
        toks.clear();
        sents.clear();
        tokens::tokenize(abbreviations, body, para.clone(), &mut toks);
        tokens::sentences(body, &toks, doc.sentences_of(i), &mut sents);
        tokens::inside_quotes(&toks, &mut inq);
        // Only the article's first line can be its headline.
        let head = if i == 0 {
            headline::headline(body, &toks)
        } else {
            None
        };
        // The claim of the previous sentence in this paragraph, which a
        // sentence in two-apostrophe quotes goes on with.
        let mut prev: Option<usize> = None;
        for s in &sents {
            let (Some(t), Some(q)) = (toks.get(s.clone()), inq.get(s.clone())) else {
                continue;
            };
            let sent = Sentence {
                body,
                lower: &lower,
                t,
                inq: q,
                headline: head.is_some(),
                title_case: head == Some(true),
            };
            let before = out.len();
            sent.claims(&quoted, &mut out, trace);
            if out.len() > before {
                prev = Some(out.len() - 1);
            } else if let Some(p) = prev
                && let Some(f) = sent.continuation(&out[p], &quoted)
            {
                out.push(f);
                prev = Some(out.len() - 1);
            } else {
                prev = None;
            }
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    out
}

/// Where a claim's content stands relative to its cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// "X said C".
    After,
    /// "C, X said" or "C, according to X".
    Before,
}

/// A claim found in one sentence, as token index ranges.
#[derive(Debug, Clone)]
struct Hit {
    shape: Shape,
    content: Range<usize>,
    speaker: Option<Range<usize>>,
    cue: Range<usize>,
    /// A second content of the same speaker after the cue, when the cue
    /// stands between commas inside its content: "C, he said, D".
    also: Option<Range<usize>>,
}

impl Hit {
    /// Words after `cue` that nobody named says: "is expected to C",
    /// "Asked about C", "the allegation that C".
    fn unnamed(cue: Range<usize>, content: Range<usize>) -> Hit {
        Hit {
            shape: Shape::After,
            content,
            speaker: None,
            cue,
            also: None,
        }
    }
}

/// One sentence's tokens and the texts they index.
struct Sentence<'a> {
    body: &'a str,
    lower: &'a str,
    t: &'a [Tok],
    /// Per token: whether it stands inside quotation marks.
    inq: &'a [bool],
    /// Whether the sentence is in the article's headline.
    headline: bool,
    /// Whether that headline is in Title Case, cue verbs capitalized.
    title_case: bool,
}

impl Sentence<'_> {
    fn len(&self) -> usize {
        self.t.len()
    }

    /// The lowercase text of token `i` if it is a word, else "".
    fn lw(&self, i: usize) -> &str {
        match self.t.get(i) {
            Some(t) if t.is_word() => self.lower.get(t.start..t.end).unwrap_or(""),
            _ => "",
        }
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    /// Whether word `i` starts with a capital (or a digit, as in "3M").
    fn is_cap(&self, i: usize) -> bool {
        match self.t.get(i) {
            Some(t) if t.is_word() => t
                .text(self.body)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase()),
            _ => false,
        }
    }

    fn is_lower(&self, i: usize) -> bool {
        match self.t.get(i) {
            Some(t) if t.is_word() => t
                .text(self.body)
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase()),
            _ => false,
        }
    }

    /// Every claim of the sentence, appended to `out`.
    fn claims(&self, quoted: &[Range<usize>], out: &mut Vec<Found>, trace: &mut Trace) {
        let n = self.len();
        let mut cues: Vec<(usize, usize, Option<Cue>)> = Vec::new();
        let mut hits: Vec<Hit> = Vec::new();
        // Speech nouns whose clause may already be part of a reported
        // claim ("X says the reports that C show D"): C is then the
        // report's, inside X's claim, and not a claim of its own.
        let mut nested: Vec<Hit> = Vec::new();
        let mut i = 0;
        while i < n {
            let w = self.lw(i);
            if w.is_empty() {
                i += 1;
                continue;
            }
            // The rarer shapes, each tried only where its marker word
            // stands, so common words cost one comparison.
            let next = self.lw(i + 1);
            let special = match w {
                "expected" | "said" => self.passive(i),
                "asked" => self.asked(i),
                _ => None,
            };
            if let Some(hit) =
                special.or_else(|| (next == "by").then(|| self.by_agent(i)).flatten())
            {
                hits.push(hit);
            }
            if next == "that"
                && let Some(hit) = self.noun_complement(i)
            {
                nested.push(hit);
            }
            if w == "according" && next == "to" {
                cues.push((i, 2, None));
                i += 2;
                continue;
            }
            if let Some(c) = lexicon::cue(w) {
                match c.particle {
                    Some(_) => {
                        let next = self.lw(i + 1);
                        if lexicon::particles(w).any(|p| p == next) {
                            cues.push((i, 2, Some(c)));
                        } else if let Some(c) = lexicon::cue_without_particle(w) {
                            cues.push((i, 1, Some(c)));
                        }
                    }
                    None => cues.push((i, 1, Some(c))),
                }
            }
            i += 1;
        }
        let mut last_speaker: Option<Range<usize>> = None;
        if self.headline
            && let Some(hit) = self.headline_colon()
        {
            hits.push(hit);
        }
        for (k, &(c, len, cue)) in cues.iter().enumerate() {
            if self.inq.get(c).copied().unwrap_or(false) {
                continue;
            }
            let later = &cues[k + 1..];
            let hit = match cue {
                None => self.according(c),
                Some(cue) => match self.verb(c, len, cue, later, last_speaker.clone()) {
                    Ok(hit) => Some(hit),
                    Err(rejection) => {
                        self.note_rejection(c..c + len, rejection, trace);
                        None
                    }
                },
            };
            let Some(hit) = hit else {
                continue;
            };
            if hit.speaker.is_some() {
                last_speaker.clone_from(&hit.speaker);
            }
            if let Some(also) = hit.also.clone() {
                hits.push(Hit {
                    shape: Shape::After,
                    content: also,
                    also: None,
                    ..hit.clone()
                });
            }
            hits.push(hit);
        }
        // "X said A, Y said.": A's content stops where the later
        // attribution starts.
        for i in 0..hits.len() {
            if hits[i].shape != Shape::After {
                continue;
            }
            let (s, e) = (hits[i].content.start, hits[i].content.end);
            let cut = hits
                .iter()
                .filter(|h| h.shape == Shape::Before && h.cue.start > s && h.cue.start < e)
                .map(|h| h.cue.start)
                .min();
            if let Some(cut) = cut {
                hits[i].content.end = cut;
            }
        }
        // "The ministry admitted that C, the agency said": the agency
        // reports the whole clause, the ministry's admission with it, so
        // C is part of that claim and not one of its own. The same holds
        // for a cue inside any other claim's content.
        if hits.len() > 1 {
            let nested_in = |h: &Hit, o: &Range<usize>| {
                *o != h.content
                    && o.contains(&h.content.start)
                    && h.speaker.as_ref().is_none_or(|sp| o.contains(&sp.start))
            };
            let keep: Vec<bool> = hits
                .iter()
                .enumerate()
                .map(|(me, h)| {
                    !hits
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != me && nested_in(h, &o.content))
                })
                .collect();
            let mut k = keep.iter();
            hits.retain(|_| k.next().copied().unwrap_or(true));
        }
        for hit in nested {
            if !hits.iter().any(|h| h.content.contains(&hit.cue.start)) {
                hits.push(hit);
            }
        }
        for hit in &hits {
            if let Some(f) = self.found(hit, quoted) {
                out.push(f);
            }
        }
    }

    /// Whether the content's first word stands outside quotation marks.
    fn opens_unquoted(&self, content: &Range<usize>) -> bool {
        content
            .clone()
            .find(|&j| self.is_word(j))
            .is_some_and(|j| !self.inq.get(j).copied().unwrap_or(false))
    }

    /// Whether the content is a direct quote and nothing else: most of
    /// its words stand inside quotation marks (which may have opened in an
    /// earlier sentence of the paragraph).
    fn is_pure_quote(&self, content: &Range<usize>) -> bool {
        // A sentence that opens in the writer's own words before quoting
        // ("he had not \"heard …\"") is reported speech with a quoted
        // fragment, not a direct quote.
        if self.opens_unquoted(content) {
            return false;
        }
        let mut words = 0;
        let mut inside = 0;
        for j in content.clone() {
            if self.is_word(j) {
                words += 1;
                if self.inq.get(j).copied().unwrap_or(false) {
                    inside += 1;
                }
            }
        }
        words > 0 && inside * 4 >= words * 3
    }

    /// A sentence wholly in two-apostrophe quotes (an archive style of
    /// quotation mark that quote finders may not take) right after a
    /// claim goes on with that claim's speaker: "''A,'' she said. ''B.''"
    fn continuation(&self, prev: &Found, quoted: &[Range<usize>]) -> Option<Found> {
        let first = self.t.first()?;
        if first.kind != Kind::DoubleApostrophe {
            return None;
        }
        let last = self
            .t
            .iter()
            .rposition(|t| t.kind == Kind::DoubleApostrophe)?;
        if last == 0 || self.t[last + 1..].iter().any(Tok::is_word) {
            return None;
        }
        let words = self.t.iter().filter(|t| t.is_word()).count();
        if words < 2 {
            return None;
        }
        let (start, end) = (first.start, self.t[last].end);
        if covered(quoted, start..end) {
            return None;
        }
        Some(Found {
            text: self.body.get(start..end)?.to_owned(),
            start,
            end,
            rule: rules::EN_CLAIM_CONTINUATION,
            ..prev.clone()
        })
    }

    /// Whether a one-word content is the object of a verb that takes one
    /// ("endorsed Okafor", "attacked him"): a name or an object pronoun
    /// right after the verb (or its particle) says who was endorsed or
    /// attacked, where a lone word elsewhere is a fragment.
    fn named_object(&self, content: &Range<usize>) -> bool {
        let Some(j) = content.clone().find(|&j| self.is_word(j)) else {
            return false;
        };
        if j == 0 || self.inq.get(j).copied().unwrap_or(false) {
            return false;
        }
        let w = self.lw(j);
        if !(self.is_cap(j) || matches!(w, "him" | "her" | "them" | "me" | "us")) {
            return false;
        }
        let prev = self.lw(j - 1);
        let verb = |c: Option<Cue>| c.is_some_and(|c| c.class == Class::Object);
        (lexicon::cue(prev).is_some_and(|c| c.particle.is_none()) && verb(lexicon::cue(prev)))
            || (j >= 2
                && lexicon::cue(self.lw(j - 2)).is_some_and(|c| {
                    c.particle.is_some() && lexicon::particles(self.lw(j - 2)).any(|p| p == prev)
                }))
    }

    /// Notes in `trace` that the cue at tokens `cue` was turned away.
    fn note_rejection(&self, cue: Range<usize>, rejection: verb::Rejection, trace: &mut Trace) {
        let (Some(first), Some(last)) = (self.t.get(cue.start), self.t.get(cue.end - 1)) else {
            return;
        };
        let span = first.start..last.end;
        trace.note(span.clone(), false, rejection.rule, || {
            let word = self.body.get(span).unwrap_or("");
            format!("\u{201C}{word}\u{201D}: {}", rejection.why)
        });
    }

    /// Turns a hit into a statement, unless its content is empty, a direct
    /// quote, or mostly covered by a quote already found.
    fn found(&self, hit: &Hit, quoted: &[Range<usize>]) -> Option<Found> {
        let content = trim(self, hit.content.clone());
        let words = content.clone().filter(|&j| self.is_word(j)).count();
        if (words < 2 && !(words == 1 && self.named_object(&content)))
            || self.is_pure_quote(&content)
        {
            return None;
        }
        let start = self.t.get(content.start)?.start;
        let end = self.t.get(content.end.checked_sub(1)?)?.end;
        // Reported words that open outside every quotation mark and every
        // quote found only carry a quoted fragment: keep them as a claim.
        let opens_free = self.opens_unquoted(&content) && !inside_quote(quoted, start);
        if !opens_free && covered(quoted, start..end) {
            return None;
        }
        let text = self.body.get(start..end)?.to_owned();
        let (speaker_mention, mention_span) = match &hit.speaker {
            Some(sp) if sp.end > sp.start => {
                let a = self.t.get(sp.start)?.start;
                let b = self.t.get(sp.end - 1)?.end;
                (self.body.get(a..b).map(str::to_owned), Some(a..b))
            }
            _ => (None, None),
        };
        let rule = match hit.shape {
            Shape::After => rules::EN_CLAIM_CUE_FIRST,
            Shape::Before => rules::EN_CLAIM_CONTENT_FIRST,
        };
        let cue_span = if hit.cue.end > hit.cue.start {
            let a = self.t.get(hit.cue.start)?.start;
            let b = self.t.get(hit.cue.end.min(self.len()) - 1)?.end;
            Some(a..b)
        } else {
            None
        };
        Some(Found {
            kind: StatementKind::Claim,
            text,
            start,
            end,
            speaker: None,
            cue_span,
            wire: None,
            wire_source: WireSource::default(),
            speaker_rule: mention_span.is_some().then_some(rule),
            speaker_mention,
            mention_span,
            rule,
        })
    }
}

/// Drops punctuation at both ends of a content range, keeping quotation
/// marks that belong to a quote inside it.
fn trim(s: &Sentence<'_>, mut r: Range<usize>) -> Range<usize> {
    while r.start < r.end
        && matches!(
            s.kind(r.start),
            Some(Kind::Comma | Kind::Colon | Kind::Dash | Kind::Stop | Kind::Other | Kind::Close)
        )
    {
        r.start += 1;
    }
    while r.end > r.start
        && matches!(
            s.kind(r.end - 1),
            Some(Kind::Comma | Kind::Colon | Kind::Dash | Kind::Stop | Kind::Other | Kind::Open)
        )
    {
        r.end -= 1;
    }
    r
}

/// Whether `at` lies inside one of the quotes already found. They are
/// disjoint and sorted, so this is a binary search: a document can hold
/// thousands of quotes.
fn inside_quote(quoted: &[Range<usize>], at: usize) -> bool {
    let first = quoted.partition_point(|q| q.end <= at);
    quoted.get(first).is_some_and(|q| q.start <= at)
}

/// Whether quotes already found cover most of `span`.
fn covered(quoted: &[Range<usize>], span: Range<usize>) -> bool {
    let len = span.end.saturating_sub(span.start);
    if len == 0 || quoted.is_empty() {
        return false;
    }
    let first = quoted.partition_point(|q| q.end <= span.start);
    let mut inside = 0;
    for q in &quoted[first..] {
        if q.start >= span.end {
            break;
        }
        inside += q.end.min(span.end).saturating_sub(q.start.max(span.start));
    }
    inside * 10 >= len * 6
}

/// What the tests of this module and its submodules find in a body.
#[cfg(test)]
mod testing {
    use super::{Found, find};
    use crate::text::Doc;

    /// The claims in `body`, every paragraph live.
    pub(super) fn claims(body: &str) -> Vec<Found> {
        let doc = Doc::new(body);
        let live = vec![true; doc.paragraphs.len()];
        find(
            &doc,
            &live,
            &[],
            &mut crate::extract::rules::Trace::default(),
        )
    }

    /// The claims' texts.
    pub(super) fn texts(body: &str) -> Vec<String> {
        claims(body).into_iter().map(|f| f.text).collect()
    }

    /// The (text, speaker mention) pairs found in `body`.
    pub(super) fn pairs(body: &str) -> Vec<(String, String)> {
        claims(body)
            .into_iter()
            .map(|f| (f.text, f.speaker_mention.unwrap_or_default()))
            .collect()
    }

    pub(super) fn pair(text: &str, speaker: &str) -> (String, String) {
        (text.to_owned(), speaker.to_owned())
    }
}

#[cfg(test)]
mod tests;
