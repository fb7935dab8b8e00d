//! The weaker tiers, tried when a version's words matched no group: a
//! paraphrase that shares a group's proper-name words, a translation that
//! shares its content words and speaker, and a version in another language
//! that shares its speaker, days and anchors.

use std::collections::HashMap;

use quotetrail_store::GroupId;

use super::{Result, StoreMatcher, is_named};
use crate::extract::lang::Lang;
use crate::follow::names::{Evidence, Rule};
use crate::follow::{Version, crosslang};

/// Proper-name words a paraphrase must share with a group, and the share of
/// the smaller set they must be, to be taken for the same statement in
/// other words.
pub(super) const MIN_SHARED_NAMES: usize = 4;
const MIN_NAME_SHARE: f32 = 0.6;

/// The score a translation variant joins with: below any word match, so
/// it reads as the weaker link it is.
const TRANSLATION_SCORE: f32 = 0.4;

/// Paraphrases only match within this many days: other words need a
/// tighter window than the same words.
const PARAPHRASE_DAYS: i32 = 2;

impl StoreMatcher<'_> {
    /// The paraphrase tier: a version whose words matched no group may
    /// still report a statement in other words. It must share several
    /// proper-name words (people, places, organisations, fuzzily spelled)
    /// with a group dated within a couple of days, and its speaker must not
    /// be someone else.
    pub(super) fn paraphrase(
        &mut self,
        version: &Version,
        day: Option<i32>,
        names: &[String],
    ) -> Result<Option<(GroupId, f32, Option<Evidence>)>> {
        let cap = self.cfg.posting_cap;
        let mut hits: HashMap<u64, u32> = HashMap::new();
        for n in names {
            let list = self.posting(name_hash(n))?;
            if list.len() >= cap {
                continue;
            }
            for g in list.iter() {
                *hits.entry(*g).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u64, u32)> = hits
            .into_iter()
            .filter(|&(_, h)| h as usize >= MIN_SHARED_NAMES.saturating_sub(1))
            .collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.cfg.max_candidates);
        let mut best: Option<(GroupId, f32, Option<Evidence>)> = None;
        for g in self.resolve_all(ranked.into_iter().map(|(key, _)| key))? {
            let Some(st) = self.state(&g)? else {
                continue;
            };
            let near = match (day, st.day_min, st.day_max) {
                (Some(d), Some(lo), Some(hi)) => {
                    d >= lo - PARAPHRASE_DAYS && d <= hi + PARAPHRASE_DAYS
                }
                _ => false,
            };
            // Within one outlet, articles on one story name the same people
            // and places in statement after statement: there, shared names
            // are the story's, not evidence of one utterance.
            let same_outlet = version
                .outlet
                .as_ref()
                .is_some_and(|o| st.outlets.contains(o));
            if !near || same_outlet {
                continue;
            }
            let shared = names
                .iter()
                .filter(|n| st.names.iter().any(|m| same_word(n, m)))
                .count();
            let share = shared as f32 / names.len().min(st.names.len()).max(1) as f32;
            if shared < MIN_SHARED_NAMES || share < MIN_NAME_SHARE {
                continue;
            }
            let speakers: Vec<String> = st
                .speakers
                .iter()
                .filter(|o| is_named(o))
                .cloned()
                .collect();
            let mut evidence = None;
            if let Some(s) = version.speaker.as_deref().filter(|s| is_named(s))
                && !speakers.is_empty()
            {
                match speakers.iter().find_map(|o| self.speaker_evidence(s, o)) {
                    Some(ev) => evidence = (ev.rule != Rule::Exact).then_some(ev),
                    None => continue,
                }
            }
            let score = 0.5 * share;
            if best.as_ref().is_none_or(|b| score > b.1) {
                best = Some((g, score, evidence));
            }
        }
        Ok(best)
    }

    /// The translation tier (see [`crate::follow::translation`]): a
    /// version whose words matched no group joins one whose versions have
    /// the same content words, when both name the same speaker and are
    /// dated within a couple of days. Without a named speaker on both
    /// sides nothing joins: the content words alone are too little.
    pub(super) fn translation(
        &mut self,
        version: &Version,
        day: Option<i32>,
        key: u64,
    ) -> Result<Option<(GroupId, f32, Option<Evidence>)>> {
        let (Some(d), Some(speaker)) = (day, version.speaker.as_deref().filter(|s| is_named(s)))
        else {
            return Ok(None);
        };
        let candidates = self.posting(key)?.clone();
        for k in candidates.into_iter().take(self.cfg.max_candidates) {
            for g in self.resolve(k)? {
                if let Some(found) = self.translated(&g, d, speaker)? {
                    return Ok(Some(found));
                }
            }
        }
        Ok(None)
    }

    /// `g` as the translation of a version dated `d` said by `speaker`:
    /// a group dated near it whose named speaker agrees.
    fn translated(
        &mut self,
        g: &GroupId,
        d: i32,
        speaker: &str,
    ) -> Result<Option<(GroupId, f32, Option<Evidence>)>> {
        let Some(st) = self.state(g)? else {
            return Ok(None);
        };
        let near = matches!((st.day_min, st.day_max), (Some(lo), Some(hi))
            if d >= lo - PARAPHRASE_DAYS && d <= hi + PARAPHRASE_DAYS);
        if !near {
            return Ok(None);
        }
        Ok(self.named_speaker_evidence(g, speaker)?.map(|ev| {
            (
                *g,
                TRANSLATION_SCORE,
                (ev.rule != Rule::Exact).then_some(ev),
            )
        }))
    }

    /// The evidence that `speaker` is one of group `g`'s named speakers:
    /// the check the translation and cross-language tiers make, which rest
    /// on the speaker since their words can't.
    fn named_speaker_evidence(&mut self, g: &GroupId, speaker: &str) -> Result<Option<Evidence>> {
        let Some(st) = self.state(g)? else {
            return Ok(None);
        };
        let named: Vec<String> = st
            .speakers
            .iter()
            .filter(|o| is_named(o))
            .cloned()
            .collect();
        Ok(named.iter().find_map(|o| self.speaker_evidence(speaker, o)))
    }

    /// The cross-language tier (see [`crate::follow::crosslang`]): a
    /// version whose words matched nothing joins a group when its speaker
    /// is the group's, named, on a day within a couple of days, the
    /// group's longest version is in another language, and their anchors
    /// (numbers, names, long-word stems) agree.
    pub(super) fn cross_language(
        &mut self,
        version: &Version,
        day: Option<i32>,
    ) -> Result<Option<(GroupId, f32, Option<Evidence>)>> {
        let (Some(d), Some(speaker), Some(lang)) = (
            day,
            version.speaker.as_deref().filter(|s| is_named(s)),
            version.lang.as_deref(),
        ) else {
            return Ok(None);
        };
        let mine = crosslang::anchors(&version.text);
        if mine.len() < crosslang::MIN_SHARED {
            return Ok(None);
        }
        let mut seen: Vec<GroupId> = Vec::new();
        let mine_lang = Lang::from_code(lang);
        let others = Lang::WITH_RULES
            .into_iter()
            .filter(|l| Some(*l) != mine_lang);
        let keys: Vec<u64> = others
            .flat_map(|other| {
                (d - PARAPHRASE_DAYS..=d + PARAPHRASE_DAYS)
                    .filter_map(move |on| crosslang::speaker_day_key(speaker, on, other.code()))
            })
            .collect();
        for key in keys {
            let listed = self.posting(key)?.clone();
            let candidates = self.resolve_all(listed.into_iter().take(self.cfg.max_candidates))?;
            for g in candidates {
                if seen.contains(&g) {
                    continue;
                }
                seen.push(g);
                let Some(st) = self.state(&g)? else {
                    continue;
                };
                let longest = st.longest;
                let Some(ev) = self.named_speaker_evidence(&g, speaker)? else {
                    continue;
                };
                let Some(ap) = self.store.get_appearance(&longest)? else {
                    continue;
                };
                let Some(art) = self.store.get_article(&ap.article)? else {
                    continue;
                };
                if crosslang::languages_differ(Some(lang), art.lang.as_deref())
                    && crosslang::anchors_agree(&mine, &crosslang::anchors(&ap.text))
                {
                    let evidence = (ev.rule != Rule::Exact).then_some(ev);
                    return Ok(Some((g, crosslang::SCORE, evidence)));
                }
            }
        }
        Ok(None)
    }
}

/// The proper-name words of a text: capitalised words that do not start a
/// sentence, plus all-capital acronyms, folded, without repeats.
pub(crate) fn name_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace().take(400) {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let upper = w.starts_with(|c: char| c.is_uppercase());
        let acronym = w.len() >= 2 && w.chars().all(|c| c.is_uppercase());
        if !w.is_empty()
            && (acronym || (upper && !sentence_start))
            && w.chars().count() >= 2
            && !crate::follow::lexicon::is_function_word(&w.to_lowercase())
            && !crate::extract::lexicon::is_calendar_word(w)
        {
            let f = crate::follow::tokens::fold(w);
            if !out.contains(&f) {
                out.push(f);
            }
        }
        sentence_start = raw
            .trim_end_matches(['"', '\u{201D}', '\'', ')'])
            .ends_with(['.', '!', '?', ':']);
    }
    out
}

/// The candidate-list key of a proper-name word (its own hash domain, so
/// it never collides with a word pair's on purpose).
pub(super) fn name_hash(word: &str) -> u64 {
    crate::follow::tokens::stable_hash(word).rotate_left(7) ^ 0x6e61_6d65_7761_7264
}

/// Whether two folded name words are one, allowing one letter's
/// difference in longer words ("intalla"/"intallah").
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < 5 || la.abs_diff(lb) > 1 {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix + suffix + 1 >= la.max(lb)
}
