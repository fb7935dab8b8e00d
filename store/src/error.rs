//! The store's one error type.
//!
//! Every variant carries what a user needs to act on it: the store path for
//! problems with the database itself, the object kind and id for problems
//! with one object, the line number for an import line. The CLI prints these
//! in one place and maps them to exit codes.

use std::fmt;
use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::id::Id;

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The kinds of object the store keeps. Each is hashed under its own domain
/// (see [`crate::id`]), so the name here is also the id's kind string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectKind {
    /// An [`crate::Article`].
    Article,
    /// A [`crate::Statement`].
    Statement,
    /// An [`crate::Appearance`].
    Appearance,
}

impl ObjectKind {
    /// The lowercase name used in ids, exports and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Article => "article",
            ObjectKind::Statement => "statement",
            ObjectKind::Appearance => "appearance",
        }
    }
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database could not be opened or created.
    #[error(
        "could not open store {} (if it is damaged, `quotetrail repair` recovers what can be recovered)",
        path.display()
    )]
    Open {
        /// The store directory.
        path: PathBuf,
        /// What sled reported.
        #[source]
        source: sled::Error,
    },
    /// Another process holds the store open. sled takes an exclusive file
    /// lock, so only one process at a time may use a store.
    #[error("store {} is in use by another process", path.display())]
    InUse {
        /// The store directory.
        path: PathBuf,
    },
    /// The store was written by a build with another on-disk layout.
    #[error(
        "store {} has schema version {found}, this build reads version {expected}{}",
        path.display(),
        if crate::migrate::MIGRATES_FROM.contains(found) {
            ": `quotetrail migrate` upgrades it in place"
        } else {
            ""
        }
    )]
    SchemaMismatch {
        /// The store directory.
        path: PathBuf,
        /// The version recorded in the store.
        found: u32,
        /// The version this build reads and writes.
        expected: u32,
    },
    /// [`crate::Store::compact`] stopped; `what` says why and where the
    /// store's data is (always whole in the store or its backup).
    #[error("store {}: compaction stopped: {what}", path.display())]
    Compaction {
        /// The store directory.
        path: PathBuf,
        /// Why.
        what: String,
    },
    /// A read or write of the database failed.
    #[error("store {}: could not {what}", path.display())]
    Db {
        /// The store directory.
        path: PathBuf,
        /// What was being done ("read statement 1a2b...").
        what: String,
        /// What sled reported.
        #[source]
        source: sled::Error,
    },
    /// A stored object does not decode, or its content no longer hashes to
    /// its id.
    #[error("{kind} {id} is corrupt: {what}")]
    Corrupt {
        /// The object's kind.
        kind: ObjectKind,
        /// The id it is stored under.
        id: Id,
        /// What is wrong.
        what: String,
    },
    /// A stored counter (statements per name, or the totals) does not
    /// decode. Counters are derived: `repair` rebuilds them.
    #[error("counter {key} is corrupt: {what} (`quotetrail repair` rebuilds the counters)")]
    CorruptCounter {
        /// The counter's key, after its keyspace tag, as text.
        key: String,
        /// What is wrong.
        what: String,
    },
    /// A statement group's stored value does not decode (see
    /// `Store::verify`). Groups are derived: deleting the store's groups
    /// and running `quotetrail match` forms them again.
    #[error("statement group {group} is corrupt: {what}")]
    CorruptGroup {
        /// The group's id, as hex.
        group: String,
        /// What is wrong.
        what: String,
    },
    /// A leaf of the candidate lists (see `postings.rs`) does not decode.
    /// They are derived: `quotetrail repair` rebuilds the store from its
    /// articles and forms the groups and their lists again.
    #[error("candidate list leaf {leaf} is corrupt: {what} (`quotetrail repair` rebuilds it)")]
    CorruptCandidates {
        /// The leaf's last hash, as hex.
        leaf: String,
        /// What is wrong.
        what: String,
    },
    /// The word index (see `crate::word_index`) can't be read: `repair`
    /// builds it again from the statements.
    #[error("the word index is corrupt: {what} (`quotetrail repair` rebuilds it)")]
    CorruptWordIndex {
        /// What is wrong.
        what: String,
    },
    /// A record given to [`crate::Store::put_article`] contradicts itself,
    /// so storing it would make the store inconsistent.
    #[error("{kind} {id} was not stored: {what}")]
    Invalid {
        /// The record's kind.
        kind: ObjectKind,
        /// The record's id.
        id: Id,
        /// What is wrong.
        what: String,
    },
    /// The text is not a hex id prefix.
    #[error("\"{prefix}\" is not an id or id prefix (expected 1 to 64 hex digits)")]
    BadPrefix {
        /// The text given.
        prefix: String,
    },
    /// No object's id starts with the prefix.
    #[error("no object with id {prefix}")]
    NotFound {
        /// The prefix given.
        prefix: String,
    },
    /// Several objects' ids start with the prefix.
    #[error("id prefix {prefix} is ambiguous: {candidates} objects match, give more digits")]
    Ambiguous {
        /// The prefix given.
        prefix: String,
        /// How many objects match.
        candidates: usize,
    },
    /// One line of an import was rejected; see [`crate::ImportReport`].
    #[error("line {line}: {problem}")]
    Import {
        /// The 1-based line number.
        line: u64,
        /// Why the line was rejected.
        #[source]
        problem: ImportProblem,
    },
    /// Reading an import or writing an export failed.
    #[error("could not {what}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// What the OS reported.
        #[source]
        source: io::Error,
    },
}

/// Why an import line was rejected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportProblem {
    /// The line is not a JSON export record.
    #[error("not an export record: {0}")]
    Json(#[from] serde_json::Error),
    /// The line's id is not the hash of its content.
    #[error("{kind} claims id {claimed} but its content hashes to {actual}")]
    IdMismatch {
        /// The record's kind.
        kind: ObjectKind,
        /// The id on the line.
        claimed: Id,
        /// The id the content hashes to.
        actual: Id,
    },
    /// A statement or appearance line came before any article line.
    #[error("{kind} before any article")]
    NoArticle {
        /// The record's kind.
        kind: ObjectKind,
    },
    /// An appearance names another article than the one it follows.
    #[error(
        "appearance {id} belongs to article {claimed}, not to the article {article} it follows"
    )]
    WrongArticle {
        /// The appearance.
        id: Id,
        /// The article it names.
        claimed: Id,
        /// The article line it follows.
        article: Id,
    },
    /// An appearance's text or statement is not the words of its
    /// article's body at its span: an edited export.
    #[error("appearance {id}: {why}")]
    NotItsWords {
        /// The appearance.
        id: Id,
        /// What does not match.
        why: String,
    },
    /// An appearance names a statement neither given before it nor stored.
    #[error("appearance {id} refers to unknown statement {statement}")]
    UnknownStatement {
        /// The appearance.
        id: Id,
        /// The statement it names.
        statement: Id,
    },
    /// Another line of the same article was rejected, so none of the
    /// article's lines were stored (an article is stored whole or not at all).
    #[error("not stored because line {bad_line} of the same article was rejected")]
    ArticleRejected {
        /// The first rejected line of the article.
        bad_line: u64,
    },
    /// The article's records were valid but storing them failed.
    #[error("{0}")]
    Store(Box<Error>),
}
