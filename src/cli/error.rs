//! The CLI's errors and the exit-code contract.
//!
//! A command either finishes (possibly having reported problems with some
//! inputs or objects along the way, see [`Status`]) or stops with one
//! [`CliError`], printed once by `main`.

use std::io;

/// The exit codes, as `--help` shows them.
pub const EXIT_CODES: &str = "\
Exit status:
  0  success (also when a reader closes the pipe early, as `| head` does)
  1  some input or object failed and the rest went on, `verify` found
     problems, an id was unknown or ambiguous, an outlet or speaker given
     as a filter is unknown, or the command failed
  2  usage error (bad flag or argument, a date that is not a real day)
  3  the store is in use by another process or can't be opened";

/// How a command that ran to the end went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Everything went well.
    Success,
    /// Some inputs or objects had problems, each already reported on stderr.
    Problems,
}

impl Status {
    /// `Problems` when `count` problems were reported, else `Success`.
    pub fn from_problems(count: usize) -> Status {
        if count == 0 {
            Status::Success
        } else {
            Status::Problems
        }
    }

    /// The exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Problems => 1,
        }
    }
}

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Writing output or reading input failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The store could not be opened: in use, damaged or of another schema.
    #[error(transparent)]
    StoreOpen(quotetrail_store::Error),
    /// A store operation failed.
    #[error(transparent)]
    Store(#[from] quotetrail_store::Error),
    /// There is no store where `--store` points.
    #[error("no store at {} (ingest something first, or pass --store DIR)", .0.display())]
    NoStore(std::path::PathBuf),
    /// Something the user asked for can't be done.
    #[error("{0}")]
    User(String),
}

impl CliError {
    /// Whether this is a closed stdout, which is not an error for a CLI.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            CliError::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
            CliError::Store(quotetrail_store::Error::Io { source, .. }) => {
                source.kind() == io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }

    /// The exit code (see [`EXIT_CODES`]).
    pub fn code(&self) -> u8 {
        match self {
            CliError::StoreOpen(_) | CliError::NoStore(_) => 3,
            _ => 1,
        }
    }
}

impl From<crate::ingest::Error> for CliError {
    /// Each kind of stop keeps the message and exit code it had when the
    /// pipeline lived in the CLI.
    fn from(e: crate::ingest::Error) -> CliError {
        match e {
            crate::ingest::Error::Store(e) => CliError::Store(e),
            crate::ingest::Error::Io(e) => CliError::Io(e),
            crate::ingest::Error::Matching(why) => CliError::User(why.into()),
        }
    }
}
