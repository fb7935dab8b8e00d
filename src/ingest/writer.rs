//! The one writer: prepared articles into the store, in batches, in input
//! order.
//!
//! It runs on the caller's thread, behind the workers, so the store is
//! written in a deterministic order and progress is reported where the
//! caller can print it. Each batch is one atomic store write; every
//! [`FLUSH_EVERY`] (and when input pauses, and at the end) the store is
//! flushed to disk, and only then are the articles written since reported
//! stored: what the output calls stored survives `kill -9`, and an
//! interrupted run has stored whole articles, a prefix of its input.

use std::time::{Duration, Instant};

use quotetrail_store::{PutOutcome, Store};

use super::matcher::Grouping;
use super::prepare::Prepared;
use super::workers::Outcome;
use super::{Error, Progress, StoredArticle, Summary};

/// Articles stored per write. sled pays a fixed cost per batch (and the
/// flush that makes it durable, an fsync), so bulk ingest writes a few
/// dozen articles at once (and whatever it holds when input pauses); each
/// batch is atomic, so an interrupted run still leaves whole articles
/// only.
pub(super) const BATCH: usize = 64;

/// How often a bulk ingest flushes: each flush is an fsync, and articles
/// are reported stored only after one, so this bounds both the cost of
/// durability and how long a report can trail the write.
const FLUSH_EVERY: Duration = Duration::from_millis(200);

/// Writes prepared articles to the store and reports each one.
pub(super) struct Writer<'a> {
    store: &'a Store,
    pub(super) progress: &'a mut dyn Progress,
    pub(super) summary: Summary,
    pending: Vec<Prepared>,
    /// Stored, not yet flushed, so not yet reported.
    unflushed: Vec<(Prepared, PutOutcome)>,
    /// When the store was last flushed.
    last_flush: Instant,
    /// Hands each stored batch to the matcher thread; `None` when not
    /// matching.
    pub(super) grouping: Option<Grouping>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        store: &'a Store,
        progress: &'a mut dyn Progress,
        grouping: Option<Grouping>,
    ) -> Writer<'a> {
        Writer {
            store,
            progress,
            summary: Summary::default(),
            pending: Vec::with_capacity(BATCH),
            unflushed: Vec::new(),
            last_flush: Instant::now(),
            grouping,
        }
    }

    /// Takes the pipeline's next outcome: an article joins the batch (and
    /// a full batch is written), a failed input is reported, and `None`
    /// (input paused) writes what is held so the caller can show it.
    pub(super) fn take(&mut self, outcome: Option<Outcome>) -> Result<(), Error> {
        match outcome {
            Some(Ok(prepared)) => {
                self.pending.push(prepared);
                if self.pending.len() >= BATCH {
                    self.write_due()?;
                }
            }
            Some(Err(e)) => {
                self.summary.failures += 1;
                self.progress.failed(&e.to_string());
            }
            None => {
                self.write()?;
                self.progress.paused()?;
            }
        }
        Ok(())
    }

    /// Stores the pending articles and reports everything stored so far,
    /// after a flush: for input that paused and for the end of the run.
    pub(super) fn write(&mut self) -> Result<(), Error> {
        self.store_pending()?;
        self.release()
    }

    /// Stores the pending articles, and reports what is stored once the
    /// last flush is [`FLUSH_EVERY`] old: an fsync per batch would cost
    /// more than the batch.
    fn write_due(&mut self) -> Result<(), Error> {
        self.store_pending()?;
        if self.last_flush.elapsed() >= FLUSH_EVERY {
            self.release()?;
        }
        Ok(())
    }

    /// Writes the pending articles in one atomic batch. An article the
    /// store refuses is reported and skipped; a failing database stops the
    /// run. The stored ones wait in `unflushed` for [`Writer::release`].
    fn store_pending(&mut self) -> Result<(), Error> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.pending);
        let outcomes = self.store.put_prechecked(batch.iter().filter_map(|p| {
            let ids = p.ids.as_ref().ok()?;
            Some((&p.article, p.statements.as_slice(), ids))
        }))?;
        // Records that disagree got no ids and fail with the reason.
        let mut outcomes = outcomes.into_iter();
        let outcomes: Vec<_> = batch
            .iter()
            .filter_map(|p| match &p.ids {
                Ok(_) => outcomes.next().map(|o| o.map_err(|e| e.to_string())),
                Err(why) => Some(Err(why.clone())),
            })
            .collect();
        for (prepared, outcome) in batch.into_iter().zip(outcomes) {
            match outcome {
                Ok(put) => self.unflushed.push((prepared, put)),
                Err(e) => {
                    self.summary.failures += 1;
                    self.progress.failed(&format!("{}: {e}", prepared.origin));
                }
            }
        }
        Ok(())
    }

    /// Flushes the store, then reports every article stored since the last
    /// flush and hands them to the matcher. sled keeps writes in memory
    /// for up to half a second: nothing is reported stored before the
    /// disk has it.
    fn release(&mut self) -> Result<(), Error> {
        if self.unflushed.is_empty() {
            self.report_matched();
            return Ok(());
        }
        self.store.flush()?;
        self.last_flush = Instant::now();
        let unflushed = std::mem::take(&mut self.unflushed);
        let mut stored = Vec::with_capacity(unflushed.len());
        for (prepared, put) in unflushed {
            let s = &mut self.summary;
            if put.article_new {
                s.articles_new += 1;
            } else {
                s.articles_seen += 1;
            }
            s.statements_new += put.statements_new;
            s.appearances_new += put.appearances_new;
            s.statements_found += prepared.statements.len();
            self.progress.stored(&StoredArticle {
                prepared: &prepared,
                outcome: &put,
            })?;
            stored.push(prepared);
        }
        // Already-stored articles go too: the matcher skips what it grouped
        // before, and groups what an interrupted run left ungrouped.
        if let Some(grouping) = &self.grouping {
            grouping.send(stored)?;
        }
        self.progress.written(&self.summary);
        self.report_matched();
        Ok(())
    }

    /// Passes on what the matcher has finished since last asked.
    pub(super) fn report_matched(&mut self) {
        let Some(grouping) = &self.grouping else {
            return;
        };
        for batch in grouping.matched() {
            self.summary.appearances_grouped += batch.appearances_grouped;
            self.progress.matched(&batch);
        }
    }
}
