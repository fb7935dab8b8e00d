//! The phrases around a claim's cue: the speaker's noun phrase before or
//! after the verb, the clause boundary before the content, where the
//! content ends, and the adjuncts between the verb and its content.

use std::ops::Range;

use super::lexicon::{self, Class};
use super::tokens::Kind;
use super::{REACH, Sentence};

impl Sentence<'_> {
    /// The rest of a claim that an attribution set between commas cuts in
    /// two: in "C, he said, D" both C and D are what he said. `r` is the
    /// token after the attribution. A participle ("adding that") starts a
    /// claim of its own, and a relative clause speaks of the speaker, so
    /// neither is a tail.
    pub(super) fn tail_after(&self, r: usize) -> Option<Range<usize>> {
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
    pub(super) fn boundary_before(&self, i: usize) -> Option<usize> {
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
    pub(super) fn clause_start(&self, _i: usize) -> usize {
        0
    }

    /// The end of content starting at `s`: the sentence end (before the
    /// final stop), at most `limit`.
    pub(super) fn content_end(&self, s: usize, limit: usize) -> usize {
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
    pub(super) fn skip_adjuncts(&self, mut r: usize, class: Class) -> usize {
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
    pub(super) fn np_backward(&self, mut e: usize) -> Option<Range<usize>> {
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
    pub(super) fn is_lead_in(&self, r: Range<usize>) -> bool {
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
    pub(super) fn subject_after_comma(&self, l: usize) -> Option<Range<usize>> {
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
    pub(super) fn appositive_subject(&self, comma: usize) -> Option<Range<usize>> {
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
    pub(super) fn np_forward(&self, s: usize) -> Option<Range<usize>> {
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
    pub(super) fn sentence_subject(&self) -> Option<Range<usize>> {
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
}
