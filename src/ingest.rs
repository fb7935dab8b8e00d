//! From read articles to store records, extraction spread over the cores.
//!
//! [`prepare`] is the pure step: it runs extraction on one [`Input`] and
//! builds the [`Article`], [`Statement`]s and [`Appearance`]s the store
//! keeps. [`pipeline`] runs it over a whole batch: one thread reads inputs,
//! worker threads extract, and the caller's thread receives the results *in
//! input order*, so a store is written from one thread in a deterministic
//! order whatever the scheduling, and an interrupted run has written a
//! prefix of the input.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use quotetrail_store::{Appearance, Article, Checked, Id, Statement};

use crate::extract::{ArticleMeta, Extraction, extract};
use crate::input::{Input, InputError, Item, Origin, overlay};

/// One article ready to be stored: the records and what extraction found.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// Where it came from.
    pub origin: Origin,
    /// The article record.
    pub article: Article,
    /// What extraction returned (filled metadata and found statements).
    pub extraction: Extraction,
    /// Each found statement as a store record with its appearance, in body
    /// order; `statements[i]` belongs to `extraction.statements[i]`.
    pub statements: Vec<(Statement, Appearance)>,
    /// The records' ids, computed here on a worker thread so the store's
    /// one writer thread doesn't hash bodies; or why the records don't
    /// agree, which makes the article fail to store.
    pub ids: Result<Checked, String>,
}

/// Extracts one article. `flags` is metadata given on the command line,
/// which beats what the input says.
pub fn prepare(input: Input, flags: &ArticleMeta) -> Prepared {
    let given = overlay(&input.meta, flags);
    let extraction = extract(&input.body, &given);
    let meta = &extraction.meta;
    let article = Article {
        outlet: meta.outlet.clone(),
        url: meta.url.clone(),
        published: meta.published.clone(),
        body: input.body,
        title: meta.title.clone(),
        byline: meta.byline.clone(),
        dateline: meta.dateline.clone(),
        origin: meta.origin.clone(),
        source: Some(input.origin.source_label()),
    };
    // Ids are filled in by `Checked::assign` below, which hashes each
    // record once.
    let unset = Id::from_bytes([0; 32]);
    let mut statements = extraction
        .statements
        .iter()
        .map(|found| {
            let statement = Statement::new(
                found.kind,
                &found.text,
                found.speaker.as_deref(),
                meta.outlet.as_deref(),
                found.wire.as_deref(),
            );
            let appearance = Appearance {
                statement: unset,
                article: unset,
                start: found.start,
                end: found.end,
                text: found.text.clone(),
                speaker_mention: found.speaker_mention.clone(),
                wire_source: found.wire_source,
            };
            (statement, appearance)
        })
        .collect::<Vec<_>>();
    let ids = Checked::assign(&article, &mut statements).map_err(|e| e.to_string());
    Prepared {
        origin: input.origin,
        article,
        extraction,
        statements,
        ids,
    }
}

/// How long the pipeline waits for the next article before telling its sink
/// it is idle.
const IDLE: std::time::Duration = std::time::Duration::from_millis(250);

/// A result of the pipeline: a prepared article or the input error.
pub type Outcome = Result<Prepared, InputError>;

/// Runs `read` on a reader thread, [`prepare`]s every article it emits on
/// `threads` workers, and calls `sink` with each outcome in the order `read`
/// emitted them. When nothing has arrived for a moment (a slow stream on
/// stdin), `sink` gets `None`: a chance to flush what it holds. `sink`
/// returns `false` to stop early (a broken pipe, say); the threads then
/// wind down.
pub fn pipeline<R, S>(read: R, flags: &ArticleMeta, threads: usize, sink: S)
where
    R: FnOnce(&mut dyn FnMut(Item) -> bool) + Send,
    S: FnMut(Option<Outcome>) -> bool,
{
    pipeline_with(read, flags, threads, |_| {}, sink);
}

/// [`pipeline`], with `finish` run on each prepared article on the worker
/// that prepared it: work that would otherwise fall to `sink`'s one thread
/// (ingest asks the store there which objects it already holds).
pub fn pipeline_with<R, F, S>(read: R, flags: &ArticleMeta, threads: usize, finish: F, mut sink: S)
where
    R: FnOnce(&mut dyn FnMut(Item) -> bool) + Send,
    F: Fn(&mut Prepared) + Sync,
    S: FnMut(Option<Outcome>) -> bool,
{
    let threads = threads.max(1);
    // Bounded, so a fast reader can't pile a whole corpus up in memory.
    let (item_tx, item_rx) = mpsc::sync_channel::<(usize, Item)>(threads * 8);
    let (out_tx, out_rx) = mpsc::sync_channel::<(usize, Outcome)>(threads * 8);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut seq = 0;
            // A failed send means the workers are gone: stop reading.
            read(&mut |item| {
                let sent = item_tx.send((seq, item)).is_ok();
                seq += 1;
                sent
            });
        });
        // Only the workers hold the item receiver: once they are gone, the
        // reader's sends fail and it stops.
        let item_rx = Arc::new(Mutex::new(item_rx));
        for _ in 0..threads {
            let item_rx = Arc::clone(&item_rx);
            let out_tx = out_tx.clone();
            let finish = &finish;
            scope.spawn(move || {
                loop {
                    // The lock is held only while receiving, not while
                    // extracting.
                    let next = match item_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, item)) = next else { return };
                    let outcome =
                        item.and_then(|input| guarded_prepare(input, flags))
                            .map(|mut prepared| {
                                finish(&mut prepared);
                                prepared
                            });
                    if out_tx.send((seq, outcome)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(item_rx);
        drop(out_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        'receive: loop {
            let (seq, outcome) = match out_rx.recv_timeout(IDLE) {
                Ok(got) => got,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if sink(None) {
                        continue;
                    }
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            pending.insert(seq, outcome);
            while let Some(outcome) = pending.remove(&next) {
                next += 1;
                if !sink(Some(outcome)) {
                    break 'receive;
                }
            }
        }
        // Dropping the receiver makes the workers' sends fail, which ends
        // them and then the reader.
        drop(out_rx);
    });
}

/// [`prepare`], with a panic turned into an [`InputError::Extraction`] for
/// that one article.
fn guarded_prepare(input: Input, flags: &ArticleMeta) -> Outcome {
    let origin = input.origin.clone();
    std::panic::catch_unwind(AssertUnwindSafe(|| prepare(input, flags))).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        InputError::Extraction {
            path: PathBuf::from(origin.to_string()),
            what,
        }
    })
}

/// The number of extraction threads to use: one per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(i: usize) -> Input {
        Input {
            origin: Origin::File(PathBuf::from(format!("{i}.txt"))),
            body: format!("Article number {i}. \"We are ready,\" said John Smith."),
            meta: ArticleMeta::default(),
        }
    }

    #[test]
    fn keeps_input_order() {
        let mut seen = Vec::new();
        pipeline(
            |emit| {
                for i in 0..200 {
                    emit(Ok(input(i)));
                }
            },
            &ArticleMeta::default(),
            4,
            |o| {
                if let Some(o) = o {
                    seen.push(o.unwrap().origin);
                }
                true
            },
        );
        let want: Vec<_> = (0..200).map(|i| input(i).origin).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn stops_early_and_so_does_the_reader() {
        let mut n = 0;
        let mut emitted = 0;
        pipeline(
            |emit| {
                for i in 0..10_000 {
                    emitted += 1;
                    if !emit(Ok(input(i))) {
                        break;
                    }
                }
            },
            &ArticleMeta::default(),
            2,
            |o| {
                n += usize::from(o.is_some());
                n < 3
            },
        );
        assert_eq!(n, 3);
        assert!(emitted < 10_000, "the reader went on to {emitted}");
    }

    #[test]
    fn flags_beat_input_metadata() {
        let mut inp = input(1);
        inp.meta.outlet = Some("Sidecar Daily".into());
        let flags = ArticleMeta {
            outlet: Some("Flag Post".into()),
            ..Default::default()
        };
        let p = prepare(inp, &flags);
        assert_eq!(p.article.outlet.as_deref(), Some("Flag Post"));
        assert_eq!(p.article.source.as_deref(), Some("1.txt"));
    }
}
