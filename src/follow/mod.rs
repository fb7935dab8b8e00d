//! Following one statement across outlets.
//!
//! The same utterance is printed by many outlets: cut short, with an editor's
//! bracket, a number rewritten, the speaker's name spelled another way, a
//! quote turned into reported speech. This module holds the pure parts of
//! following it; [`persist`] runs the matching over groups kept in the
//! store:
//!
//! * [`matching`] holds the rules that decide when two versions report one
//!   utterance: word keys, word-pair candidates, a word diff to verify
//!   them, and the speaker and date checks that keep look-alike words by
//!   other people or from other months apart; [`persist`] runs them
//!   incrementally over the groups in the store, and [`query`] to find a
//!   statement by its words ([`ungrouped`] when it is in no group);
//! * [`diff`] compares one version against its group's reference and flags
//!   every difference with a severity, meaning changes above cosmetic ones;
//! * [`names`] decides, with evidence, whether two speaker names (or two
//!   organisation names) denote the same one;
//! * [`tokens`], [`lexicon`] and [`date`] are what those three share: how a
//!   text is cut into comparable words, the small closed word lists (negation,
//!   modality, number words) and the calendar arithmetic for date windows.
//!
//! Everything here takes untrusted text: no function panics on any input and
//! every diff runs under a deadline.

use quotetrail_store::{Appearance, Article, Id, Kind, Statement};
use serde::{Deserialize, Serialize};

pub mod audit;
pub mod crosslang;
pub mod date;
pub mod diff;
pub mod lexicon;
pub mod matching;
pub mod names;
pub mod persist;
pub mod query;
pub mod tokens;
pub mod translation;
pub mod ungrouped;
pub mod view;

#[cfg(test)]
pub(crate) mod test_support;

pub use diff::{Flag, FlagKind, Op, OpTag, Severity, VersionDiff, diff_versions};
pub use matching::{MatchConfig, WordMatch};
pub use names::{Evidence, Identities, NameInfo, Rule, Strength, same_speaker};
pub use persist::{
    CandidateKeys, DEFAULT_CACHE_ENTRIES, GroupState, Lookahead, MatchSummary, StoreMatcher,
    candidate_keys, match_stored, match_unmatched, match_versions, set_cache_entries, versions_of,
};

/// One printed version of a statement: what the diff engine compares and the
/// matcher groups.
///
/// A version belongs to one appearance (the date is the article's), so its
/// `id` is naturally the appearance id; the matcher treats it as an opaque
/// key and never recomputes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// The caller's key for this version (the appearance id).
    pub id: Id,
    /// Quote or claim (paraphrase).
    pub kind: Kind,
    /// The words as printed.
    pub text: String,
    /// Canonical speaker name, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker as the article mentions them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_mention: Option<String>,
    /// The outlet that printed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The agency credited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<String>,
    /// Publication date, ISO 8601 (only the `YYYY-MM-DD` prefix is read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The article's language ("en", "fr"), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Version {
    /// A version with only the words set, for tests and ad-hoc queries.
    pub fn new(id: Id, kind: Kind, text: &str) -> Version {
        Version {
            id,
            kind,
            text: text.to_owned(),
            speaker: None,
            speaker_mention: None,
            outlet: None,
            wire: None,
            date: None,
            lang: None,
        }
    }

    /// Builds the version of `statement` as it appears in `article`.
    ///
    /// This is the bridge the store integration uses: the id is the
    /// appearance id, the text is as printed, the date is the article's.
    pub fn from_records(
        statement: &Statement,
        appearance: &Appearance,
        article: &Article,
    ) -> Version {
        Version {
            id: appearance.id(),
            kind: statement.kind,
            text: appearance.text.clone(),
            speaker: statement.speaker.clone(),
            speaker_mention: appearance.speaker_mention.clone(),
            outlet: statement.outlet.clone().or_else(|| article.outlet.clone()),
            wire: statement.wire.clone(),
            date: article.published.clone(),
            lang: article.lang.clone(),
        }
    }

    /// Days since 1970-01-01 of [`Version::date`], if it parses.
    pub fn day(&self) -> Option<i32> {
        self.date.as_deref().and_then(date::parse_day)
    }
}
