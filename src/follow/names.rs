//! Whether two speaker (or organisation) names denote the same one, and
//! why.
//!
//! Outlets spell one person several ways ("Mohamed"/"Mohammad",
//! "Tinalla"/"Tinallah"), cut a name to the surname, put a title or a role
//! around it, and write an organisation as its initials, sometimes the
//! initials of its name in another language, in another word order. Merging
//! too eagerly is worse than not merging: two people who share a given name,
//! or a common family name, would get each other's words. So every rule
//! here is conservative, every positive answer comes with [`Evidence`]
//! (which rule, which tokens, a score), and evidence is either
//! [`Strength::Strong`] (merge on its own) or [`Strength::Weak`] (a bare
//! surname or given name: merge only when something else agrees, such as
//! the name being the only one of its kind, a shared role or a matched
//! statement). [`Identities`] (`names/identities.rs`) builds identities
//! across a store's names from these pairwise rules.

use serde::{Deserialize, Serialize};

use crate::follow::lexicon::{
    is_acronym_skip, is_generic_role, is_name_filler, is_particle, is_title,
};
use crate::follow::tokens::fold;

mod acronym;
mod identities;

use acronym::{acronym_match, initials};

pub use identities::{Identities, Identity, IdentityMap, Merge};

/// A name cut into its parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameInfo {
    /// The name as given.
    pub raw: String,
    /// The name proper, as printed, titles and roles removed.
    pub printed: Vec<String>,
    /// The same tokens folded (lowercase, no diacritics).
    pub tokens: Vec<String>,
    /// Title and role words around the name, folded ("spokesman",
    /// "minister").
    pub roles: Vec<String>,
    /// Whether the name is written as initials ("UN", "AFP").
    pub acronym: bool,
    /// Whether this is a description that mentions a name rather than a
    /// name: it opens with a function word or determiner ("The Florida
    /// senator", "some Republican leaders"), goes on after the name ("Clinton
    /// aides") or ends in a possessive ("Trump's campaign"). It names its
    /// subject only loosely, so its evidence is weak: it merges only when
    /// something else agrees.
    #[serde(default)]
    pub description: bool,
}

impl NameInfo {
    /// Parses a name such as "Jane Doe, a spokeswoman for the group",
    /// "Prime Minister Jane Doe" or "AFP".
    pub fn parse(raw: &str) -> NameInfo {
        // No name runs past a few dozen words; reading only the start keeps
        // parsing linear whatever the input.
        let mut cut_at = raw.len().min(MAX_NAME_BYTES);
        while !raw.is_char_boundary(cut_at) {
            cut_at -= 1;
        }
        let mut segments: Vec<Vec<&str>> = Vec::new();
        for seg in raw[..cut_at].split([',', '(', ')', ';', '\u{2013}', '\u{2014}', '|']) {
            let words: Vec<&str> = seg
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
                .map(|w| w.trim_end_matches('.').trim_start_matches('.'))
                .filter(|w| !w.is_empty() && *w != "-")
                .collect();
            if !words.is_empty() {
                segments.push(words);
            }
        }
        let mut printed = Vec::new();
        let mut roles = Vec::new();
        let mut found = false;
        let mut description = false;
        for words in segments {
            if found {
                roles.extend(words.iter().map(|w| fold(w)));
                continue;
            }
            // Everything up to the last title word that has a capitalised
            // word after it is a role: "RUFT spokesman Jane Doe".
            let cut = words
                .iter()
                .enumerate()
                .rev()
                .find(|(i, w)| {
                    is_title(&fold(w)) && words[i + 1..].iter().any(|n| is_capitalised(n))
                })
                .map_or(0, |(i, _)| i + 1);
            let name: Vec<&str> = words[cut..]
                .iter()
                .copied()
                .filter(|w| is_capitalised(w) || is_particle(&fold(w)))
                .collect();
            let has_name = name
                .iter()
                .any(|w| is_capitalised(w) && !is_title(&fold(w)));
            if has_name {
                found = true;
                let span = &words[cut..];
                let is_filler = |w: &str| is_name_filler(&fold(w)) && !is_acronym_form(w);
                let first = span
                    .iter()
                    .position(|w| is_capitalised(w) && !is_filler(w) && !is_title(&fold(w)))
                    .unwrap_or(0);
                let last = span.iter().rposition(|w| is_capitalised(w)).unwrap_or(0);
                description = span[..first].iter().any(|w| is_filler(w))
                    || span[last + 1..].iter().any(|w| {
                        let f = fold(w);
                        !is_particle(&f) && !is_generic_role(&f)
                    });
                roles.extend(words[..cut].iter().map(|w| fold(w)));
                printed = name.iter().map(|w| (*w).to_owned()).collect();
                roles.extend(
                    words[cut..]
                        .iter()
                        .filter(|w| !name.contains(w))
                        .map(|w| fold(w)),
                );
            } else {
                roles.extend(words.iter().map(|w| fold(w)));
            }
        }
        // Drop particles at the edges: "of", "de" left over from a role.
        while printed.first().is_some_and(|w| !is_capitalised(w)) {
            printed.remove(0);
        }
        while printed.last().is_some_and(|w| !is_capitalised(w)) {
            printed.pop();
        }
        let tokens: Vec<String> = printed.iter().map(|w| fold(&w.replace('.', ""))).collect();
        let acronym = printed.len() == 1 && is_acronym_form(&printed[0]);
        roles.retain(|r| r.chars().count() > 2 && !is_acronym_skip(r));
        let description = description
            || tokens
                .last()
                .is_some_and(|t| t.ends_with("'s") || (t.len() > 1 && t.ends_with('\'')));
        NameInfo {
            raw: raw.to_owned(),
            printed,
            tokens,
            roles,
            acronym,
            description,
        }
    }

    /// Whether token `i` identifies no one: a function word, determiner or
    /// number word ("The", "Les", "One", "Several"), unless it is printed as
    /// an acronym ("ONE", "IT").
    fn filler(&self, i: usize) -> bool {
        is_name_filler(&self.tokens[i]) && !self.printed.get(i).is_some_and(|w| is_acronym_form(w))
    }

    /// The content words: the tokens that are not fillers.
    fn content(&self) -> impl Iterator<Item = &str> {
        (0..self.tokens.len())
            .filter(|&i| !self.filler(i))
            .map(|i| self.tokens[i].as_str())
    }

    /// Tokens that can identify: the content words minus particles (the
    /// particles too when there is nothing else). Function words never
    /// count, so two names that share only "The" share nothing.
    fn significant(&self) -> Vec<&str> {
        let sig: Vec<&str> = self.content().filter(|t| !is_particle(t)).collect();
        if sig.is_empty() {
            self.content().collect()
        } else {
            sig
        }
    }

    /// Whether any word of the name can identify someone: "The campaign"
    /// or "One official" has none.
    pub fn has_content(&self) -> bool {
        self.content().next().is_some()
    }

    /// The name proper as printed, space-separated.
    pub fn display(&self) -> String {
        self.printed.join(" ")
    }
}

/// How much of a name string [`NameInfo::parse`] reads.
const MAX_NAME_BYTES: usize = 256;

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "AFP", "U.N.", "AQMI": two or more letters, none lowercase.
fn is_acronym_form(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.len() <= 12
        && letters.iter().all(|c| !c.is_lowercase())
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '&')
}

/// Which rule produced a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The same name tokens (titles, roles and particles aside).
    Exact,
    /// Same number of name tokens, each equal or a spelling variant.
    TokenVariant,
    /// One name is the other with tokens left out, surname kept.
    Subset,
    /// A surname alone against a full name.
    SurnameOnly,
    /// A given name alone against a full name.
    GivenNameOnly,
    /// An acronym against the initials of a full name, in order.
    AcronymInitials,
    /// Same letters in another order: an acronym in another language's
    /// word order, or against the full name's initials reordered.
    AcronymPermuted,
    /// Weak name evidence backed by a shared role word in apposition.
    RoleApposition,
    /// Weak name evidence backed by the only full name that fits.
    UniqueFullName,
    /// Weak name evidence backed by statements matched across articles.
    SharedStatement,
}

/// Whether evidence is enough on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Needs corroboration before two names are merged.
    Weak,
    /// Enough to merge.
    Strong,
}

impl Rule {
    /// The rule in plain words, for people ("spelling variant").
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Exact => "same name",
            Rule::TokenVariant => "spelling variant",
            Rule::Subset => "same name with words left out",
            Rule::SurnameOnly => "surname alone",
            Rule::GivenNameOnly => "given name alone",
            Rule::AcronymInitials => "initials of the full name",
            Rule::AcronymPermuted => "same initials in another order",
            Rule::RoleApposition => "same role beside the name",
            Rule::UniqueFullName => "only full name with that surname",
            Rule::SharedStatement => "same statement matched across articles",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

impl std::fmt::Display for Strength {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Strength::Weak => "weak",
            Strength::Strong => "strong",
        })
    }
}

/// Why two names are taken to be the same.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The rule that fired.
    pub rule: Rule,
    /// Whether it is enough on its own.
    pub strength: Strength,
    /// How sure, from 0 to 1.
    pub score: f32,
    /// The token pairs the rule matched (folded), `a` side first.
    pub tokens: Vec<(String, String)>,
}

impl Evidence {
    fn new(rule: Rule, strength: Strength, score: f32, tokens: Vec<(String, String)>) -> Self {
        Evidence {
            rule,
            strength,
            score,
            tokens,
        }
    }
}

/// Whether a speaker is a name rather than a description ("the group", "a
/// statement", "officials", "The Republican candidate") or a label taken
/// for one ("FULL TEXT", "UPDATE NOTE"): those say nothing about who
/// spoke, so they neither match nor refuse a group. A name starts with a
/// capital, and not with a function word; a run of several words all in
/// capitals is a heading, not a name (a one-word acronym, "AFP", is one).
pub fn is_named(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let first = words.next().unwrap_or("");
    let shouted = words.next().is_some() && !s.chars().any(char::is_lowercase);
    first.starts_with(|c: char| c.is_uppercase())
        && !crate::follow::lexicon::is_function_word(&first.to_lowercase())
        && !shouted
}

/// Whether `a` and `b` name the same speaker or organisation, with the
/// evidence; `None` when nothing says so (including two people who share
/// only a given name, or only a family name with different given names).
pub fn same_speaker(a: &NameInfo, b: &NameInfo) -> Option<Evidence> {
    if !a.has_content() || !b.has_content() {
        return None;
    }
    if (a.acronym || b.acronym)
        && let Some(ev) = acronym_match(a, b)
    {
        return Some(ev);
    }
    let mut ev = person_match(a, b)?;
    if a.description || b.description {
        ev.strength = Strength::Weak;
    }
    if ev.strength == Strength::Weak
        && let Some(role) = a
            .roles
            .iter()
            .find(|r| b.roles.contains(r) && !is_generic_role(r))
    {
        let mut tokens = ev.tokens;
        tokens.push((role.clone(), role.clone()));
        return Some(Evidence::new(
            Rule::RoleApposition,
            Strength::Strong,
            (ev.score + 0.2).min(0.9),
            tokens,
        ));
    }
    Some(ev)
}

/// Convenience: [`same_speaker`] on two raw names.
pub fn same_name(a: &str, b: &str) -> Option<Evidence> {
    same_speaker(&NameInfo::parse(a), &NameInfo::parse(b))
}

fn person_match(a: &NameInfo, b: &NameInfo) -> Option<Evidence> {
    let (sa, sb) = (a.significant(), b.significant());
    if a.tokens == b.tokens || sa == sb {
        let tokens = sa
            .iter()
            .map(|t| ((*t).to_owned(), (*t).to_owned()))
            .collect();
        return Some(Evidence::new(Rule::Exact, Strength::Strong, 1.0, tokens));
    }
    if sa.len() == sb.len() {
        let mut pairs = Vec::new();
        let mut sum = 0.0;
        for (x, y) in sa.iter().zip(&sb) {
            let s = token_match(x, y)?;
            sum += s;
            pairs.push(((*x).to_owned(), (*y).to_owned()));
        }
        let score = sum / sa.len() as f32;
        // A lone initial ("J. Doe") can't make a full match strong, and a
        // single variant token is a bare name.
        let strong = sa.len() >= 2
            && sa
                .iter()
                .zip(&sb)
                .all(|(x, y)| x.chars().count() > 1 && y.chars().count() > 1);
        let strength = if strong {
            Strength::Strong
        } else {
            Strength::Weak
        };
        return Some(Evidence::new(Rule::TokenVariant, strength, score, pairs));
    }
    let a_short = sa.len() < sb.len();
    let (short, long) = if a_short { (&sa, &sb) } else { (&sb, &sa) };
    // Each short token must match a long token, in order.
    let mut at = 0;
    let mut matched = Vec::with_capacity(short.len());
    let mut sum = 0.0;
    for s in short.iter() {
        let (k, score) = long[at..]
            .iter()
            .enumerate()
            .find_map(|(k, l)| token_match(s, l).map(|sc| (at + k, sc)))?;
        matched.push(k);
        sum += score;
        at = k + 1;
    }
    let mean = sum / short.len() as f32;
    let pairs: Vec<(String, String)> = short
        .iter()
        .zip(&matched)
        .map(|(s, &k)| {
            let (s, l) = ((*s).to_owned(), long[k].to_owned());
            if a_short { (s, l) } else { (l, s) }
        })
        .collect();
    let last = long.len() - 1;
    let keeps_surname = matched.last() == Some(&last);
    if short.len() >= 2 && keeps_surname {
        Some(Evidence::new(
            Rule::Subset,
            Strength::Strong,
            0.9 * mean,
            pairs,
        ))
    } else if short.len() == 1 && keeps_surname {
        Some(Evidence::new(
            Rule::SurnameOnly,
            Strength::Weak,
            0.6 * mean,
            pairs,
        ))
    } else if short.len() == 1 && matched[0] == 0 {
        Some(Evidence::new(
            Rule::GivenNameOnly,
            Strength::Weak,
            0.4 * mean,
            pairs,
        ))
    } else {
        None
    }
}

/// Whether two name tokens are the same token spelled another way, with a
/// score. Equal tokens score 1; a lone initial matches a token it starts;
/// otherwise the spellings, with transliteration noise removed, must be one
/// edit apart (two for long tokens) *and* keep the same consonants, so
/// "Keita" and "Keira" stay apart while "Mohamed" and "Mohammad" meet.
fn token_match(x: &str, y: &str) -> Option<f32> {
    if x == y {
        return Some(1.0);
    }
    let (cx, cy) = (x.chars().count(), y.chars().count());
    if cx == 1 || cy == 1 {
        let (i, full) = if cx == 1 { (x, y) } else { (y, x) };
        return full.starts_with(i).then_some(0.5);
    }
    let (nx, ny) = (normalize(x), normalize(y));
    if nx.is_empty() || ny.is_empty() || nx.chars().next() != ny.chars().next() {
        return None;
    }
    if nx == ny {
        return Some(0.95);
    }
    let min = nx.chars().count().min(ny.chars().count());
    let max = nx.chars().count().max(ny.chars().count());
    let d = edit_distance(&nx, &ny, 3);
    let same_consonants = skeleton(&nx) == skeleton(&ny);
    let ok = (min >= 4 && d <= 1 && same_consonants)
        || (min >= 6 && d <= 2 && edit_distance(&skeleton(&nx), &skeleton(&ny), 2) <= 1 && d <= 1)
        || (min >= 6 && d <= 2 && same_consonants);
    ok.then(|| 1.0 - d as f32 / max as f32)
}

/// Removes transliteration noise: "ou" as "u", "ph" as "f", "h" after the
/// first letter, doubled letters, anything not a letter.
fn normalize(s: &str) -> String {
    let s: String = s.chars().filter(|c| c.is_alphabetic()).collect();
    let s = s.replace("ou", "u").replace("ph", "f");
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i > 0 && c == 'h' {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The first letter and the consonants after it, repeats collapsed.
fn skeleton(normalized: &str) -> String {
    let mut out = String::new();
    for (i, c) in normalized.chars().enumerate() {
        if i > 0 && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') {
            continue;
        }
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Optimal string alignment distance, capped: returns `cap + 1` as soon as
/// the distance must exceed `cap`, and never looks past 64 characters.
pub(crate) fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(cap + 1)
}

#[cfg(test)]
mod tests;
