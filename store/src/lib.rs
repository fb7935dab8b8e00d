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
//! # Canonical encoding
//!
//! See [`id`] for the exact byte layout that ids are computed over and
//! [`canonical`] for how text is folded before hashing.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod canonical;
mod codec;
mod error;
mod exchange;
pub mod id;
mod keys;
mod query;
pub mod record;
mod store;
mod verify;

pub use error::{Error, ImportProblem, ObjectKind, Result};
pub use exchange::ImportReport;
pub use id::Id;
pub use keys::fold_name;
pub use query::{NameCount, NameField, ObjectRef, StatementFilter, Statements, Totals};
pub use record::{Appearance, Article, Kind, Statement, WireSource, fingerprint};
pub use store::{PutOutcome, SCHEMA_VERSION, Store};
pub use verify::{Problem, ProblemKind, VerifyReport};
