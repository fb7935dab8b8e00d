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

mod lexicon;
mod tokens;

use std::ops::Range;

use quotetrail_store::{Kind as StatementKind, WireSource};

use self::lexicon::{Class, Cue};
use self::tokens::{Kind, Tok};
use super::Found;
use super::text::Doc;

/// How far (in tokens) a cue looks for its content. Real claims are far
/// shorter; the bound keeps pathological sentences linear.
const REACH: usize = 160;

/// Finds the claims in live paragraphs. `quotes` are the quotes already
/// found, so a claim can tell its content apart from a direct quote.
pub fn find(doc: &Doc<'_>, live: &[bool], quotes: &[Found]) -> Vec<Found> {
    let body = doc.text;
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
    for (i, para) in doc.paragraphs.iter().enumerate() {
        if !live.get(i).copied().unwrap_or(true) {
            continue;
        }
        toks.clear();
        sents.clear();
        tokens::tokenize(body, para.clone(), &mut toks);
        tokens::sentences(body, &toks, &mut sents);
        for s in &sents {
            let Some(t) = toks.get(s.clone()) else {
                continue;
            };
            let sent = Sentence {
                body,
                lower: &lower,
                t,
            };
            sent.claims(&quoted, &mut out);
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    out
}

/// A claim found in one sentence, as token index ranges.
#[derive(Debug, Clone)]
struct Hit {
    content: Range<usize>,
    speaker: Option<Range<usize>>,
    cue: Range<usize>,
}

/// One sentence's tokens and the texts they index.
struct Sentence<'a> {
    body: &'a str,
    lower: &'a str,
    t: &'a [Tok],
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

    fn is_quote_mark(&self, i: usize) -> bool {
        matches!(
            self.kind(i),
            Some(Kind::OpenQuote | Kind::CloseQuote | Kind::Quote)
        )
    }

    /// Every claim of the sentence, appended to `out`.
    fn claims(&self, quoted: &[Range<usize>], out: &mut Vec<Found>) {
        let n = self.len();
        let mut cues: Vec<(usize, usize, Option<Cue>)> = Vec::new();
        let mut i = 0;
        while i < n {
            let w = self.lw(i);
            if w.is_empty() {
                i += 1;
                continue;
            }
            if w == "according" && self.lw(i + 1) == "to" {
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
        for (k, &(c, len, cue)) in cues.iter().enumerate() {
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
            if let Some(f) = self.found(&hit, quoted) {
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
                content: after,
                speaker: Some(speaker),
                cue: 0..cue.end,
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
        let content = if words_before < 2 && after.end > after.start {
            after
        } else {
            before
        };
        Some(Hit {
            content,
            speaker: Some(speaker),
            cue,
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
        if !self.is_lower(c) {
            return None;
        }
        let v_end = c + len;
        // Step back over auxiliaries and adverbs: "has also said".
        let mut l = c;
        while l > 0 && c - l < 4 && lexicon::is_aux(self.lw(l - 1)) {
            l -= 1;
        }
        let before = if l > 0 { self.lw(l - 1) } else { "" };
        // Infinitives and passives name no speaker: "declined to say",
        // "was accused of".
        if matches!(
            before,
            "to" | "is" | "was" | "were" | "be" | "been" | "being" | "are" | "am"
        ) {
            return None;
        }
        if cue.noun_too
            && (l == 0
                || lexicon::is_determiner(before)
                || before.ends_with("'s")
                || before.ends_with("\u{2019}s")
                || matches!(
                    before,
                    "of" | "for"
                        | "in"
                        | "to"
                        | "with"
                        | "about"
                        | "on"
                        | "by"
                        | "from"
                        | "and"
                        | "or"
                        | "new"
                        | "these"
                        | "those"
                ))
        {
            return None;
        }

        // "C, said X": the speaker follows the verb.
        if l == c && c > 0 && cue.class == Class::Say && self.boundary_before(c).is_some() {
            if let Some(sp) = self.np_forward(v_end)
                && (self.is_cap(sp.start) || lexicon::is_determiner(self.lw(sp.start)))
            {
                let b = self.boundary_before(c)?;
                let content = b.saturating_sub(REACH)..b;
                return Some(Hit {
                    content,
                    cue: c..sp.end,
                    speaker: Some(sp),
                });
            }
        }

        // The speaker before the verb.
        let inherits = (cue.participle && self.kind(l.wrapping_sub(1)) == Some(Kind::Comma))
            || matches!(before, "and" | "but" | "or");
        let subject = if inherits {
            None
        } else if self.kind(l.wrapping_sub(1)) == Some(Kind::Comma) {
            self.appositive_subject(l - 1)
        } else if before == "who" {
            let mut e = l - 1;
            if self.kind(e.wrapping_sub(1)) == Some(Kind::Comma) {
                e -= 1;
            }
            self.np_backward(e)
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
            || (self.kind(r) == Some(Kind::Comma) && r > v_end);
        if let Some(sub) = &subject
            && right_empty
            && let Some(b) = self.boundary_before(sub.start)
            && !inherits
        {
            let content = b.saturating_sub(REACH)..b;
            let end = r.min(n);
            return Some(Hit {
                content,
                speaker: Some(speaker),
                cue: b..end,
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
            if (joined && (self.lw(c2 + 1) == "that" || cue2.class == Class::Object)) || participle
            {
                end = p - 1;
                break;
            }
        }
        let cue_start = self.clause_start(speaker.start.min(l));
        Some(Hit {
            content: s..end,
            speaker: Some(speaker),
            cue: cue_start..s,
        })
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
        let mut e = limit;
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
    fn np_backward(&self, e: usize) -> Option<Range<usize>> {
        if e == 0 || !self.is_word(e - 1) {
            return None;
        }
        let last = self.lw(e - 1);
        if lexicon::is_pronoun(last) && last != "who" {
            return Some(e - 1..e);
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

    /// The subject of a verb preceded by an aside: "X, a spokesman for Y,
    /// said" or "X, who ..., said". `comma` is the comma before the verb.
    fn appositive_subject(&self, comma: usize) -> Option<Range<usize>> {
        let mut j = comma;
        let lowest = comma.saturating_sub(24);
        while j > lowest {
            j -= 1;
            match self.kind(j)? {
                Kind::Comma => return self.np_backward(j),
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

    /// Whether the content is a direct quote and nothing else: it opens
    /// with a quotation mark that closes only at its end, or it is the
    /// tail of a quote begun in an earlier sentence.
    fn is_pure_quote(&self, content: &Range<usize>) -> bool {
        let marks: Vec<usize> = content
            .clone()
            .filter(|&j| self.is_quote_mark(j))
            .take(3)
            .collect();
        let first_word = content.clone().find(|&j| self.is_word(j));
        let last_word = content.clone().rev().find(|&j| self.is_word(j));
        match (marks.first(), first_word, last_word) {
            (Some(&m), Some(fw), Some(lw)) => {
                if m < fw {
                    // Opens with a mark: pure unless it closes before the end.
                    !content
                        .clone()
                        .skip_while(|&j| j <= m)
                        .any(|j| self.is_quote_mark(j) && j < lw)
                } else {
                    // A lone closing mark at the end: the tail of a quote.
                    marks.len() == 1 && m > lw && self.kind(m) != Some(Kind::OpenQuote)
                }
            }
            _ => false,
        }
    }

    /// Turns a hit into a statement, unless its content is empty, a direct
    /// quote, or mostly covered by a quote already found.
    fn found(&self, hit: &Hit, quoted: &[Range<usize>]) -> Option<Found> {
        let content = trim(self, hit.content.clone());
        let words = content.clone().filter(|&j| self.is_word(j)).count();
        if words < 2 || self.is_pure_quote(&content) {
            return None;
        }
        let start = self.t.get(content.start)?.start;
        let end = self.t.get(content.end.checked_sub(1)?)?.end;
        if covered(quoted, start..end) {
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
            speaker_mention,
            mention_span,
            cue_span,
            wire: None,
            wire_source: WireSource::default(),
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
