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
mod tokens;

use std::ops::Range;

use quotetrail_store::{Kind as StatementKind, WireSource};

use self::lexicon::{Class, Cue};
use self::tokens::{Kind, Tok};
use super::Found;
use super::lexicon::Lexicon;
use super::rules;
use crate::text::Doc;

/// How far (in tokens) a cue looks for its content. Real claims are far
/// shorter; the bound keeps pathological sentences linear.
const REACH: usize = 160;

/// Finds the claims in live paragraphs. `quotes` are the quotes already
/// found, so a claim can tell its content apart from a direct quote.
pub fn find(doc: &Doc<'_>, live: &[bool], quotes: &[Found]) -> Vec<Found> {
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
            sent.claims(&quoted, &mut out);
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
    fn claims(&self, quoted: &[Range<usize>], out: &mut Vec<Found>) {
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
                Some(cue) => self.verb(c, len, cue, later, last_speaker.clone()),
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

    /// "according to X": the content is the clause before it or, when it
    /// leads the sentence, the clause after.
    fn according(&self, c: usize) -> Option<Hit> {
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
    fn verb(
        &self,
        c: usize,
        len: usize,
        cue: Cue,
        later: &[(usize, usize, Option<Cue>)],
        last_speaker: Option<Range<usize>>,
    ) -> Option<Hit> {
        let n = self.len();
        // A capital makes the word a name or a sentence start, except in
        // a Title Case headline.
        let lower_or_title = self.is_lower(c) || (self.title_case && c > 0);
        if !lower_or_title {
            return None;
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
            return None;
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
            return None;
        }
        // An article before it makes the word a noun or an adjective ("his
        // claims"), and so does a preposition ("in alleged"), except before
        // a participle ("by saying that").
        let gerund = self.lw(c).ends_with("ing");
        let after_preposition = lexicon::is_noun_preposition(before);
        if lexicon::is_article(before) || (after_preposition && !gerund) {
            return None;
        }
        if cue.noun_too {
            let possessive = before.ends_with("'s") || before.ends_with("\u{2019}s");
            let pronoun = lexicon::is_pronoun(before);
            let that = self.lw(c + len) == "that";
            let evidence = lexicon::is_evidence_noun(before);
            if l == 0 || possessive || matches!(before, "and" | "or" | "new") {
                return None;
            }
            let plural = before.len() > 3 && before.ends_with('s') && !before.ends_with("ss");
            // Headlines drop the article before a name: "Mayor slams plan".
            let named = self.headline && self.is_cap(l - 1);
            if !(pronoun || that || evidence || plural || named) {
                return None;
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
            return Some(Hit {
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
                return None;
            }
        }
        let speaker = if inherits {
            last_speaker.or_else(|| self.sentence_subject())
        } else {
            subject.clone()
        };
        let speaker = speaker?;

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
                return Some(Hit {
                    shape: Shape::After,
                    content: s..e,
                    speaker: Some(speaker),
                    cue: b..r,
                    also: Some(content),
                });
            }
            return Some(Hit {
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
            return None;
        }
        // "adding to her lead", "will add to concerns": "add to" is to
        // increase, not to say.
        if self.lw(s) == "to" && matches!(self.lw(c), "add" | "adds" | "added" | "adding") {
            return None;
        }
        // "what they say is": the verb's object is the relative pronoun.
        if matches!(self.lw(s), "is" | "was" | "are" | "were")
            && let Some(sub) = &subject
            && sub.start > 0
            && self.lw(sub.start - 1) == "what"
        {
            return None;
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
        Some(Hit {
            shape: Shape::After,
            content: s..end,
            speaker: Some(speaker),
            cue: cue_start..s,
            also: None,
        })
    }

    /// The rest of a claim that an attribution set between commas cuts in
    /// two: in "C, he said, D" both C and D are what he said. `r` is the
    /// token after the attribution. A participle ("adding that") starts a
    /// claim of its own, and a relative clause speaks of the speaker, so
    /// neither is a tail.
    fn tail_after(&self, r: usize) -> Option<Range<usize>> {
        if self.kind(r) != Some(Kind::Comma) {
            return None;
        }
        let s = r + 1;
        let w = self.lw(s);
        if w.is_empty()
            || matches!(w, "who" | "which" | "according" | "whose" | "where")
            || lexicon::cue(w).is_some_and(|c| c.participle)
        {
            return None;
        }
        let e = self.content_end(s, self.len().min(s + REACH));
        (e > s).then_some(s..e)
    }

    /// The token index of the comma (or of the comma and closing mark)
    /// right before `i`, if the clause before `i` ends there. The returned
    /// index is where the content before ends.
    fn boundary_before(&self, i: usize) -> Option<usize> {
        if i == 0 {
            return None;
        }
        match self.kind(i - 1)? {
            Kind::Comma => Some(i - 1),
            Kind::CloseQuote | Kind::Quote | Kind::DoubleApostrophe => {
                // “C,” he said. / “C?” she asked.
                match self.kind(i.checked_sub(2)?)? {
                    Kind::Comma => Some(i - 2),
                    Kind::Stop => Some(i - 1),
                    _ => None,
                }
            }
            Kind::Dash => Some(i - 1),
            _ => None,
        }
    }

    /// Where the clause holding token `i` starts: the sentence start.
    fn clause_start(&self, _i: usize) -> usize {
        0
    }

    /// The end of content starting at `s`: the sentence end (before the
    /// final stop), at most `limit`.
    fn content_end(&self, s: usize, limit: usize) -> usize {
        // A semicolon starts another sentence in all but name, and so does
        // a comma before a contrast, a relative pronoun or a new clause:
        // "said the bridge would reopen, but critics doubt it" reports
        // only what comes before it.
        let mut e = (s..limit)
            .find(|&j| {
                (self.kind(j) == Some(Kind::Colon) && self.t[j].text(self.body) == ";")
                    || (self.kind(j) == Some(Kind::Comma)
                        && !self.inq.get(j).copied().unwrap_or(false)
                        && matches!(
                            self.lw(j + 1),
                            "but"
                                | "while"
                                | "whereas"
                                | "although"
                                | "though"
                                | "who"
                                | "which"
                                | "compared"
                                | "and"
                        ))
            })
            .unwrap_or(limit);
        while e > s
            && matches!(
                self.kind(e - 1),
                Some(Kind::Stop | Kind::Comma | Kind::Colon | Kind::Dash | Kind::Other)
            )
        {
            e -= 1;
        }
        e
    }

    /// Skips what stands between a cue verb and its content: a listener
    /// after "told", times ("on Tuesday"), and phrases like "in a
    /// statement" when "that" or a comma follows them.
    fn skip_adjuncts(&self, mut r: usize, class: Class) -> usize {
        let n = self.len();
        if class == Class::Tell && r < n && self.is_word(r) {
            let w = self.lw(r);
            if self.is_cap(r) || lexicon::is_listener(w) || lexicon::is_pronoun(w) {
                let det = lexicon::is_determiner(w);
                r += 1;
                let mut count = 0;
                while r < n && self.is_word(r) && count < 4 {
                    let w = self.lw(r);
                    if w == "that" || lexicon::is_boundary(w) || lexicon::is_time(w) {
                        break;
                    }
                    if self.is_cap(r) || (det && !lexicon::is_determiner(w)) {
                        r += 1;
                        count += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        for _ in 0..4 {
            if r >= n {
                break;
            }
            let w = self.lw(r);
            if lexicon::is_time(w) {
                r += 1;
                continue;
            }
            if matches!(
                w,
                "on" | "last" | "this" | "next" | "late" | "early" | "earlier"
            ) && lexicon::is_time(self.lw(r + 1))
            {
                r += 2;
                continue;
            }
            if lexicon::is_adjunct_start(w) {
                // A short phrase ending at "that", a comma or the end.
                let stop = (r + 1..n.min(r + 10)).find(|&j| {
                    self.lw(j) == "that"
                        || matches!(self.kind(j), Some(Kind::Comma | Kind::Colon | Kind::Stop))
                });
                if let Some(j) = stop {
                    if self.lw(j) == "that"
                        || (self.kind(j) == Some(Kind::Stop)
                            && (j + 1..n).all(|k| !self.is_word(k)))
                        || self.kind(j) == Some(Kind::Colon)
                    {
                        r = j;
                        continue;
                    }
                    if self.kind(j) == Some(Kind::Comma) {
                        r = j;
                        break;
                    }
                } else if (r..n).all(|k| k - r < 10) {
                    // A phrase running to the sentence end.
                    r = n;
                }
            }
            break;
        }
        r
    }

    /// The noun phrase ending right before token `e`: a pronoun, or words
    /// back to a determiner or clause boundary.
    fn np_backward(&self, mut e: usize) -> Option<Range<usize>> {
        // Skip a parenthesis right before the verb: "the Movement (Mujao)
        // said".
        if e > 0 && self.kind(e - 1) == Some(Kind::Close) {
            let open = (e.saturating_sub(12)..e - 1)
                .rev()
                .find(|&j| self.kind(j) == Some(Kind::Open))?;
            e = open;
        }
        if e == 0 || !self.is_word(e - 1) {
            return None;
        }
        let last = self.lw(e - 1);
        if lexicon::is_pronoun(last) && last != "who" {
            return Some(e - 1..e);
        }
        // A quantity standing for people: "two said", "one in four say",
        // "another says".
        if lexicon::is_quantity(last) || last.bytes().all(|b| b.is_ascii_digit()) {
            let mut s = e - 1;
            if s >= 2
                && matches!(self.lw(s - 1), "in" | "of" | "out")
                && (lexicon::is_quantity(self.lw(s - 2)) || self.lw(s - 2).ends_with('%'))
            {
                s -= 2;
            }
            return Some(s..e);
        }
        if lexicon::is_boundary(last) || lexicon::is_determiner(last) {
            return None;
        }
        let mut s = e;
        while s > 0 && e - s < 10 {
            let j = s - 1;
            if !self.is_word(j) {
                break;
            }
            let w = self.lw(j);
            if lexicon::is_determiner(w) {
                s = j;
                // "the head of the delegation": go on over "of".
                if j >= 2
                    && matches!(self.lw(j - 1), "of" | "for")
                    && self.is_word(j - 2)
                    && !lexicon::is_boundary(self.lw(j - 2))
                    && e - s < 8
                {
                    continue;
                }
                break;
            }
            if lexicon::is_boundary(w) || (lexicon::is_pronoun(w) && self.is_lower(j)) {
                break;
            }
            s = j;
        }
        while s < e && lexicon::is_np_preposition(self.lw(s)) {
            s += 1;
        }
        (s < e).then_some(s..e)
    }

    /// Whether a clause before a cue is only a lead-in phrase ("In both
    /// cases", "In 2008"): short and opening with a preposition.
    fn is_lead_in(&self, r: Range<usize>) -> bool {
        let mut ws = r
            .filter(|&j| self.is_word(j))
            .map(|j| self.lw(j))
            .peekable();
        while ws.peek().is_some_and(|w| lexicon::is_lead_connective(w)) {
            ws.next();
        }
        let first = ws.peek().copied();
        let words = ws.count();
        words <= 3 || (words <= 8 && first.is_some_and(lexicon::opens_lead_in))
    }

    /// For "C, a statement seen by the agency says.": the whole run of
    /// words between the last comma and the verb at `l`, when it is short
    /// and holds no clause of its own.
    fn subject_after_comma(&self, l: usize) -> Option<Range<usize>> {
        let mut j = l;
        while j > 0 && l - j < 12 {
            let k = j - 1;
            match self.kind(k)? {
                Kind::Word => {
                    if matches!(
                        self.lw(k),
                        "that" | "which" | "who" | "is" | "was" | "are" | "were" | "and" | "but"
                    ) || lexicon::cue(self.lw(k)).is_some_and(|c| !c.noun_too)
                    {
                        return None;
                    }
                }
                Kind::Comma => return (j < l).then_some(j..l),
                Kind::Close | Kind::Open => {}
                _ => return None,
            }
            j = k;
        }
        None
    }

    /// The subject of a verb preceded by an aside: "X, a spokesman for Y,
    /// said" or "X, who ..., said". `comma` is the comma before the verb.
    fn appositive_subject(&self, comma: usize) -> Option<Range<usize>> {
        let mut j = comma;
        let lowest = comma.saturating_sub(24);
        while j > lowest {
            j -= 1;
            match self.kind(j)? {
                Kind::Comma => {
                    let np = self.np_backward(j)?;
                    // "Jo Carr, 31, a harbour pilot, said": an age is one
                    // more aside.
                    if np.len() == 1 && self.lw(np.start).bytes().all(|b| b.is_ascii_digit()) {
                        continue;
                    }
                    return Some(np);
                }
                Kind::Word | Kind::Other | Kind::Open | Kind::Close | Kind::Dash => {}
                _ => return None,
            }
        }
        None
    }

    /// The noun phrase starting at `s`: words up to a comma, a clause
    /// boundary, a time word or an adjunct.
    fn np_forward(&self, s: usize) -> Option<Range<usize>> {
        let n = self.len();
        let mut e = s;
        while e < n && e - s < 12 {
            if !self.is_word(e) {
                break;
            }
            let w = self.lw(e);
            if e > s
                && ((lexicon::is_boundary(w) && !lexicon::is_np_preposition(w))
                    || lexicon::is_time(w)
                    || (lexicon::is_adjunct_start(w) && !lexicon::is_np_preposition(w)))
            {
                break;
            }
            if e == s && (lexicon::is_boundary(w) || lexicon::is_time(w)) {
                return None;
            }
            e += 1;
        }
        while e > s && lexicon::is_np_preposition(self.lw(e - 1)) {
            e -= 1;
        }
        (e > s).then_some(s..e)
    }

    /// The sentence's own subject, when it opens with a name or pronoun.
    fn sentence_subject(&self) -> Option<Range<usize>> {
        let s = (0..self.len().min(3)).find(|&i| self.is_word(i))?;
        if lexicon::is_pronoun(self.lw(s)) {
            return Some(s..s + 1);
        }
        if !self.is_cap(s) {
            return None;
        }
        let mut e = s + 1;
        while e < self.len() && self.is_cap(e) && e - s < 6 {
            e += 1;
        }
        Some(s..e)
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
        find(&doc, &live, &[])
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn inside_quote_finds_the_quote_holding_an_offset() {
        let quoted = [3..8, 10..20, 30..31];
        let inside: Vec<usize> = (0..35).filter(|&at| inside_quote(&quoted, at)).collect();
        let expected: Vec<usize> = (3..8).chain(10..20).chain(30..31).collect();
        assert_eq!(inside, expected);
        assert!(!inside_quote(&[], 0));
    }

    use super::testing::{claims, pair, pairs};

    #[test]
    fn reported_speech_with_a_quoted_fragment_is_a_claim() {
        assert_eq!(
            pairs("The mayor said he had not \"seen the bridge plans at all.\""),
            vec![pair(
                "he had not \"seen the bridge plans at all.\"",
                "The mayor"
            )]
        );
    }

    #[test]
    fn said_that_takes_the_clause_after() {
        assert_eq!(
            pairs("The mayor said that the bridge would reopen in May."),
            vec![pair("that the bridge would reopen in May", "The mayor")]
        );
        assert_eq!(
            pairs("Officials said on Tuesday the harvest had failed."),
            vec![pair("the harvest had failed", "Officials")]
        );
    }

    #[test]
    fn content_before_the_attribution() {
        assert_eq!(
            pairs("The dam is safe for now, the engineer said."),
            vec![pair("The dam is safe for now", "the engineer")]
        );
        assert_eq!(
            pairs("Prices will rise again next year, said Anna Berg, a trader in Oslo."),
            vec![pair("Prices will rise again next year", "Anna Berg")]
        );
        assert_eq!(
            pairs("Turnout was low, Mr. Okafor told reporters."),
            vec![pair("Turnout was low", "Mr. Okafor")]
        );
    }

    #[test]
    fn attribution_between_commas_splits_the_claim() {
        assert_eq!(
            pairs("Most of the flooded farms, the engineer said, will be dry by May."),
            vec![
                pair("Most of the flooded farms", "the engineer"),
                pair("will be dry by May", "the engineer"),
            ]
        );
        // A participle after the comma is a claim of its own, and an aside
        // on a place is no claim at all.
        assert_eq!(
            pairs("The dam will hold, she said, adding that the river is falling."),
            vec![
                pair("The dam will hold", "she"),
                pair("that the river is falling", "she"),
            ]
        );
        assert_eq!(
            pairs("The dam will hold, he told reporters in Lyon, a city on the river."),
            vec![pair("The dam will hold", "he")]
        );
    }

    #[test]
    fn progressive_cues_keep_their_subject() {
        assert_eq!(
            pairs("The governor is saying that the levee will hold."),
            vec![pair("that the levee will hold", "The governor")]
        );
        assert_eq!(
            pairs("Both unions have been talking about a longer strike."),
            vec![pair("a longer strike", "Both unions")]
        );
        // A passive still names no speaker.
        assert!(claims("The plan was rejected.").is_empty());
    }

    #[test]
    fn referring_to_goes_on_with_the_speaker() {
        let found = pairs("The river is rising, the engineer said, referring to the spring melt.");
        assert_eq!(found.last(), Some(&pair("the spring melt", "the engineer")));
    }

    #[test]
    fn a_lead_in_before_the_attribution_is_said_too() {
        assert_eq!(
            pairs("In the north, the farmer said, the wells have dried up."),
            vec![
                pair("In the north", "the farmer"),
                pair("the wells have dried up", "the farmer"),
            ]
        );
        // One word is not a claim.
        assert_eq!(
            pairs("But, she said, the wells have dried up."),
            vec![pair("the wells have dried up", "she")]
        );
    }

    #[test]
    fn content_ends_before_a_contrast_or_an_aside() {
        assert_eq!(
            pairs("The mayor said the bridge would reopen, but critics doubt it."),
            vec![pair("the bridge would reopen", "The mayor")]
        );
        assert_eq!(
            pairs("She said the fund had grown, which surprised the board."),
            vec![pair("the fund had grown", "She")]
        );
        // Inside a quoted fragment the comma is the speaker's.
        assert_eq!(
            pairs("He said the deal was \"fair, but late\" for the town."),
            vec![pair("the deal was \"fair, but late\" for the town", "He")]
        );
    }

    #[test]
    fn attacks_and_mentions_take_their_object() {
        assert_eq!(
            pairs("The senator attacked the governor's water plan."),
            vec![pair("the governor's water plan", "The senator")]
        );
        assert_eq!(
            pairs("She never mentioned the missing ledgers."),
            vec![pair("the missing ledgers", "She")]
        );
        assert!(claims("The attacks on the depot went on for days.").is_empty());
        assert!(claims("There was no mention of the ledgers at all.").is_empty());
    }

    #[test]
    fn characterizing_verbs_take_their_object() {
        assert_eq!(
            pairs("The mayor portrayed the strike as a plot."),
            vec![pair("the strike as a plot", "The mayor")]
        );
        assert_eq!(
            pairs("The board expressed doubts about the merger."),
            vec![pair("doubts about the merger", "The board")]
        );
        assert_eq!(
            pairs("Inspectors learned that the valves were rusted."),
            vec![pair("that the valves were rusted", "Inspectors")]
        );
    }

    #[test]
    fn a_named_object_alone_is_a_claim() {
        assert_eq!(
            pairs("The farm union endorsed Okafor."),
            vec![pair("Okafor", "The farm union")]
        );
        assert_eq!(pairs("Then she attacked him."), vec![pair("him", "she")]);
        // A lone common word is a fragment, not a claim.
        assert!(claims("The union endorsed early.").is_empty());
    }

    #[test]
    fn more_speech_verbs_are_cues() {
        assert_eq!(
            pairs("The coach bemoaned the state of the pitch."),
            vec![pair("the state of the pitch", "The coach")]
        );
        assert_eq!(
            pairs("The council is hoping to finish the road by June."),
            vec![pair("finish the road by June", "The council")]
        );
    }

    #[test]
    fn add_to_is_no_speech() {
        assert!(claims("The win added to her lead in the south.").is_empty());
        assert!(claims("Floods will add to concerns that the dam is weak.").is_empty());
        assert_eq!(
            pairs("He added that the dam was weak."),
            vec![pair("that the dam was weak", "He")]
        );
    }

    #[test]
    fn a_claim_reported_inside_another_is_one_claim() {
        assert_eq!(
            pairs("The ministry admitted that the dam had cracked, the agency said."),
            vec![pair(
                "The ministry admitted that the dam had cracked",
                "the agency"
            )]
        );
        assert_eq!(
            pairs("The mayor said the union claimed that wages fell."),
            vec![pair("the union claimed that wages fell", "The mayor")]
        );
    }

    #[test]
    fn refusals_and_appearances_take_what_follows_to() {
        assert_eq!(
            pairs("She declined to say whether she would run."),
            vec![pair("say whether she would run", "She")]
        );
        assert_eq!(
            pairs("The minister seemed to doubt the figures."),
            vec![pair("doubt the figures", "The minister")]
        );
    }

    #[test]
    fn according_to_before_and_after() {
        assert_eq!(
            pairs("The talks collapsed late on Friday, according to two diplomats."),
            vec![pair("The talks collapsed late on Friday", "two diplomats")]
        );
        assert_eq!(
            pairs("According to the ministry, the convoy reached the border."),
            vec![pair("the convoy reached the border", "the ministry")]
        );
        assert_eq!(
            pairs("Since early May, according to the ministry, two convoys crossed."),
            vec![
                pair("Since early May", "the ministry"),
                pair("two convoys crossed", "the ministry"),
            ]
        );
    }

    #[test]
    fn told_skips_the_listener() {
        let found = claims("The colonel told Reuters his troops would hold the town.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "his troops would hold the town");
        let body = "The colonel told Reuters his troops would hold the town.";
        let cue = found[0].cue_span.clone().map(|r| &body[r]);
        assert_eq!(cue, Some("The colonel told Reuters"));
    }

    #[test]
    fn accused_takes_the_object() {
        assert_eq!(
            pairs("Rights groups have accused the army of burning villages."),
            vec![pair("the army of burning villages", "Rights groups")]
        );
    }

    #[test]
    fn statement_lead_in_is_the_cue() {
        let body = "In a statement to the radio, the group announced that it would disarm.";
        let found = claims(body);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "that it would disarm");
        assert_eq!(found[0].speaker_mention.as_deref(), Some("the group"));
        let cue = found[0].cue_span.clone().map(|r| &body[r]);
        assert_eq!(
            cue,
            Some("In a statement to the radio, the group announced")
        );
    }

    #[test]
    fn coordinated_claims_split() {
        assert_eq!(
            pairs("The envoy claimed that the rebels had grown and warned that war was near."),
            vec![
                pair("that the rebels had grown", "The envoy"),
                pair("that war was near", "The envoy"),
            ]
        );
    }

    #[test]
    fn mixed_attribution_keeps_its_quote() {
        assert_eq!(
            pairs("She said the plan was \u{201C}dead on arrival\u{201D} in the senate."),
            vec![pair(
                "the plan was \u{201C}dead on arrival\u{201D} in the senate",
                "She"
            )]
        );
    }

    #[test]
    fn two_apostrophe_quotes_go_on_with_the_speaker() {
        let found = pairs("''Rates will fall,'' said Ana Ruiz. ''Not this year, though.''");
        assert_eq!(found.len(), 2);
        assert_eq!(found[1], pair("''Not this year, though.''", "Ana Ruiz"));
    }

    #[test]
    fn direct_quotes_are_not_claims() {
        assert!(claims("\u{201C}We will win,\u{201D} he said.").is_empty());
        assert!(claims("He said: \u{201C}We will win in the end.\u{201D}").is_empty());
        assert!(claims("\u{201C}We will win. They know it,\u{201D} she added.").is_empty());
    }

    #[test]
    fn quotes_found_elsewhere_suppress_claims() {
        let body = "He said the 'deal is done and sealed' today.";
        let doc = Doc::new(body);
        let start = body.find("the").unwrap_or(0);
        let quote = Found {
            kind: StatementKind::Quote,
            text: body[start..body.len() - 1].to_owned(),
            start,
            end: body.len() - 1,
            speaker: None,
            speaker_mention: None,
            mention_span: None,
            cue_span: None,
            wire: None,
            wire_source: WireSource::default(),
            rule: rules::QUOTE_MARKS,
            speaker_rule: None,
        };
        assert!(find(&doc, &[true], &[quote]).is_empty());
        assert_eq!(find(&doc, &[true], &[]).len(), 1);
    }

    #[test]
    fn dead_paragraphs_are_skipped() {
        let body = "Officials said the road was closed.\nOfficials said the road was open.";
        let doc = Doc::new(body);
        let found = find(&doc, &[false, true], &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "the road was open");
    }

    #[test]
    fn nouns_and_plain_sentences_are_not_cues() {
        assert!(claims("His claims were heard in court.").is_empty());
        assert!(claims("The report on the flood runs to 40 pages.").is_empty());
        assert!(claims("Farmers in the north planted maize this year.").is_empty());
    }

    fn check_offsets(body: &str) {
        let doc = Doc::new(body);
        let live = vec![true; doc.paragraphs.len()];
        for f in find(&doc, &live, &[]) {
            assert!(f.start <= f.end && f.end <= body.len());
            assert!(body.is_char_boundary(f.start) && body.is_char_boundary(f.end));
            assert_eq!(&body[f.start..f.end], f.text);
            if let Some(m) = &f.mention_span {
                assert_eq!(body.get(m.clone()), f.speaker_mention.as_deref());
            }
            if let Some(c) = &f.cue_span {
                assert!(body.get(c.clone()).is_some());
            }
        }
    }

    #[test]
    fn huge_inputs_do_not_break_it() {
        let one_line =
            "the minister said that it was, according to him, \u{201C}fine ".repeat(20_000);
        check_offsets(&one_line);
        let quotes = "\u{201C} '' \" said ".repeat(50_000);
        check_offsets(&quotes);
    }

    #[test]
    fn run_on_sentences_are_cut_into_bounded_pieces() {
        let body = "officials said the plan would work and ".repeat(2_000);
        let doc = Doc::new(&body);
        let abbreviations = &Lexicon::of(doc.lang).abbreviations;
        let mut toks = Vec::new();
        let mut sents = Vec::new();
        tokens::tokenize(abbreviations, &body, 0..body.len(), &mut toks);
        tokens::sentences(&body, &toks, doc.sentences_of(0), &mut sents);
        assert!(sents.len() >= toks.len() / tokens::MAX_SENTENCE_TOKENS);
        assert!(sents.iter().all(|s| s.len() <= tokens::MAX_SENTENCE_TOKENS));
        assert_eq!(sents.iter().map(|s| s.len()).sum::<usize>(), toks.len());
    }

    proptest! {
        #[test]
        fn random_text_gives_valid_slices(body in "(\\PC|[\\n ,.:;\"'\u{201C}\u{201D}\u{2019}()]| said| told| according to| that| Mr.| He){0,200}") {
            check_offsets(&body);
        }

        #[test]
        fn any_string_gives_valid_slices(body in any::<String>()) {
            check_offsets(&body);
        }
    }
}
