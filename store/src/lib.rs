//! The content-addressed store behind quotetrail.
//!
//! Every object (an article, a statement, a statement's appearance in an
//! article) is identified by a blake3 hash over a domain-separated canonical
//! encoding, so the same content always gets the same id and a second write
//! of it is a no-op. The store keeps objects and their indexes in one sled
//! database and writes an article, its statements and their index entries in
//! one atomic batch: after a crash the store holds whole articles or none.
//!
//! This crate knows nothing about language or the command line: it is given
//! records and keeps them honest.
//!
//! ```
//! use quotetrail_store::{Appearance, Article, Kind, Statement, StatementFilter, Store};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let store = Store::open(dir.path())?;
//! let article = Article {
//!     outlet: Some("Example Daily".into()),
//!     body: "\u{201C}We are ready,\u{201D} Awa Diallo said.".into(),
//!     ..Article::default()
//! };
//! let statement = Statement::new(Kind::Quote, "We are ready,", Some("Awa Diallo"),
//!                                Some("Example Daily"), None);
//! let appearance = Appearance {
//!     statement: statement.id(),
//!     article: article.id(),
//!     start: 3,
//!     end: 16,
//!     text: "We are ready,".into(),
//!     speaker_mention: Some("Awa Diallo".into()),
//!     wire_source: Default::default(),
//! };
//! let outcome = store.put_article(&article, &[(statement, appearance)])?;
//! assert_eq!(outcome.statements_new, 1);
//! // Names match case- and spacing-insensitively.
//! let filter = StatementFilter { speaker: Some("awa  DIALLO".into()), ..Default::default() };
//! assert_eq!(store.statements(&filter)?.count(), 1);
//! assert!(store.verify()?.is_clean());
//! store.flush()?;
//! # Ok(()) }
//! ```
//!
//! # Ids
//!
//! An id is `blake3("<kind> <len>\0" ++ body)` where `kind` is `article`,
//! `statement`, `fingerprint` or `appearance` and `body` is the identifying
//! fields in a fixed order, each as `<byte length>:<canonical text>\n`
//! (absent fields are empty). See [`id`] for the exact layout,
//! [`canonical`] for how text is folded first, and [`record`] for which
//! fields each kind's id covers. A golden test pins the ids of sample
//! objects, so an accidental change of the encoding fails the build.
//!
//! # On disk
//!
//! One sled tree. Every key starts with a one-byte keyspace tag:
//!
//! | tag    | keyspace                   | rest of the key                            | value              |
//! |--------|----------------------------|--------------------------------------------|--------------------|
//! | `0x00` | meta                       | `schema`; `counters` (present once the counters are complete); `verified` (present once a check found the store clean); `words` (the word index's manifest) | u32 big-endian; `1`; `1`; its runs |
//! | `0x01` | articles                   | article id                                 | encoded article    |
//! | `0x02` | statements                 | statement id                               | encoded statement  |
//! | `0x03` | appearances                | article id                                 | the article's appearances: the extractor that made them (when recorded), count, then each with its id, in text order |
//! | `0x10` | articles by speaker        | folded speaker, `0x00`, day, article id    | empty              |
//! | `0x11` | articles by outlet         | folded outlet, `0x00`, day, article id     | empty              |
//! | `0x12` | articles by wire           | folded wire, `0x00`, day, article id       | empty              |
//! | `0x13` | appearances by fingerprint | fingerprint, statement id, appearance id   | empty              |
//! | `0x14` | articles by day            | day (`YYYYMMDD`, or `0xFF` x 8 undated), article id | empty      |
//! | `0x30`-`0x33` | statement groups    | see [`groups`]                             |                    |
//! | `0x34` | word index                 | run number, last entry (u64 each)          | up to 512 sorted entries: a word-pair hash and a statement id's first 4 bytes (see `word_index`) |
//! | `0x40` | counters                   | `0x00` (totals), or a field byte and a folded name | totals, or counts per spelling (see `counters`) |
//! | `0x50` | unverified                 | `0x01` and an article id, or `0x02` and a group id: written since the last clean check | empty (see `unverified`) |
//!
//! Ids are the raw 32 bytes, integers big-endian, so a prefix scan returns
//! a statement's appearances (under `fingerprint ++ statement id`) and all
//! statements with the same words (under the fingerprint). Every index
//! entry is implied by one appearance and its statement, which is what
//! [`Store::verify`] checks in both directions.
//!
//! An article's appearances are one value under the article's id, not one
//! key each: ingest is bound by sled's cost per key (7 to 12 µs here), an
//! article's appearances are always written together, and twenty keys per
//! article became one. So that an appearance is still found by its id
//! alone, its id starts with its article's first 16 bytes
//! ([`Appearance::id`]): [`Store::get_appearance`] is one prefix lookup.
//!
//! The name indexes list *articles*, not statements: "this article has a
//! statement by this speaker". Ingest is bound by sled's cost per key, and an
//! article of twenty statements has one outlet, a few speakers and a wire or
//! two, so this writes a handful of name entries per article instead of
//! sixty. A lookup by name reads the statements of the listed articles (from
//! their appearance lists) and keeps the matching ones. Names are folded ([`fold_name`]: canonical, lowercased)
//! so lookups ignore case and spacing.
//!
//! Values are a compact binary encoding (not the hashed form: an article
//! body keeps its exact bytes so offsets stay true); every read decodes and
//! re-hashes, and a mismatch is [`Error::Corrupt`]. [`SCHEMA_VERSION`] is
//! checked on open.
//!
//! # Derived records and the extractor that made them
//!
//! Articles are the evidence; statements, appearances and groups are
//! derived from them by an extractor that keeps improving. Each article's
//! appearance list records the version of the extractor that made it, an
//! opaque value its caller passes in ([`Checked::by`],
//! [`Store::put_articles_by`]); lists written without one read back as
//! unrecorded. [`VerifyReport::extractors`] counts articles by version,
//! and [`Store::replace_derived`] swaps an article's derived records for a
//! newer extractor's in one atomic batch.
//!
//! Only one process may open a store at a time ([`Error::InUse`]).
//! Writes are not flushed one by one (sled flushes every 500 ms); call
//! [`Store::flush`] at the end of an ingest. A batch is atomic either way.
//!
//! # Adding an object kind or an index
//!
//! The layout is defined in one place, the private `keys` module:
//!
//! 1. add a `Keyspace` variant with a fresh tag (objects `0x0_`, indexes
//!    `0x1_` and `0x2_`; a new family such as statement groups takes `0x3_`)
//!    and give it a name and a `Role` (objects of a kind, an index owned by
//!    one object whose id ends the key, or an article-level name index);
//! 2. for a new kind, add an [`ObjectKind`] variant, its id in [`record`],
//!    its value encoding in `codec`, and implement the `Record` trait;
//! 3. for a new index, emit its entries where its owner's are emitted
//!    (`keys::appearance_entries` for appearance indexes, or a sibling
//!    function for a new owner kind, called from `Store::put_articles`).
//!
//! The compiler then points at each `match` over roles and kinds that needs
//! an arm, notably in [`Store::verify`]. Bump [`SCHEMA_VERSION`] if
//! existing stores would lack the new entries, unless they can be built on
//! first use as the counters are (the meta key `counters` says whether a
//! store has them; see the private `counters` module).
//!
//! # Counters
//!
//! Statements and appearances per speaker, outlet and wire name, and the
//! store's totals, are counters in keyspace `0x40`, changed in the same
//! batch as every put and delete, so [`Store::counts`] and
//! [`Store::totals`] read one value per name. A store written before them
//! has them built, once, by the first read; `verify` recomputes them.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod canonical;
mod codec;
pub mod compact;
mod counters;
#[doc(hidden)]
pub use codec::fuzz_decoders;
mod counts;
mod dated;
mod delete;
mod error;
mod exchange;
mod extractor;
mod group_record;
mod group_walk;
pub mod groups;
pub mod id;
mod keys;
pub mod migrate;
mod mix;
mod postings;
mod query;
mod reclaim;
pub mod record;
mod repair;
mod replace;
mod stats;
mod store;
mod unverified;
mod verify;
mod word_index;
mod words;

pub use compact::{Backup, CompactStep, Compaction};
pub use counts::{NameCount, Totals};
pub use dated::{ArticleDays, DatedArticles};
pub use delete::Deleted;
pub use error::{Error, ImportProblem, ObjectKind, Result};
pub use exchange::ImportReport;
pub use extractor::{ExtractorVersion, ParseVersionError};
pub use groups::{GroupBatch, GroupId, GroupValue, PostingChange};
pub use id::Id;
pub use keys::{Day, NameField, UNDATED, day_key, fold_name};
pub use migrate::{MIGRATES_FROM, Migration};
pub use query::{ObjectRef, Objects, StatementFilter, Statements};
pub use record::{
    APPEARANCE_SHORT_DIGITS, Appearance, Article, Kind, Statement, WireSource, fingerprint,
};
pub use repair::Repair;
pub use replace::Replaced;
pub use stats::{KeyspaceUsage, StoreStats};
pub use store::{Checked, DEFAULT_CACHE_BYTES, PutOutcome, SCHEMA_VERSION, Store, set_cache_bytes};
pub use unverified::Scope;
pub use verify::{Problem, ProblemKind, VerifyReport};
pub use word_index::WordHit;
