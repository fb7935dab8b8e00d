//! Extraction spread over the cores, results handed back in input order.
//!
//! [`pipeline`] runs a whole batch: one thread reads inputs, worker threads
//! [`prepare`](super::prepare()) them, and the caller's thread receives the results *in input
//! order*, so a store is written from one thread in a deterministic order
//! whatever the scheduling, and an interrupted run has written a prefix of
//! the input. `extract` uses it on its own; [`super::run`] puts the one
//! writer behind it.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::prepare::{Prepared, Purpose, guarded_prepare};
use crate::extract::ArticleMeta;
use crate::input::{InputError, Item};

/// How long the pipeline waits for the next article before telling its sink
/// it is idle.
const IDLE: std::time::Duration = std::time::Duration::from_millis(250);

/// A result of the pipeline: a prepared article or the input error.
pub type Outcome = Result<Prepared, InputError>;

/// Runs `read` on a reader thread, [`prepare`](super::prepare())s every article it emits on
/// `threads` workers, and calls `sink` with each outcome in the order `read`
/// emitted them. When nothing has arrived for a moment (a slow stream on
/// stdin), `sink` gets `None`: a chance to flush what it holds. `sink`
/// returns `false` to stop early (a broken pipe, say); the threads then
/// wind down. Articles are prepared for printing ([`Purpose::Print`]):
/// they carry their ids but cannot be stored.
pub fn pipeline<R, S>(read: R, flags: &ArticleMeta, threads: usize, sink: S)
where
    R: FnOnce(&mut dyn FnMut(Item) -> bool) + Send,
    S: FnMut(Option<Outcome>) -> bool,
{
    run_pipeline(read, flags, threads, Purpose::Print, |_| {}, sink);
}

/// [`pipeline`] for storing ([`Purpose::Store`]), with `finish` run on
/// each prepared article on the worker
/// that prepared it: work that would otherwise fall to `sink`'s one thread
/// (ingest asks the store there which objects it already holds).
pub fn pipeline_with<R, F, S>(read: R, flags: &ArticleMeta, threads: usize, finish: F, sink: S)
where
    R: FnOnce(&mut dyn FnMut(Item) -> bool) + Send,
    F: Fn(&mut Prepared) + Sync,
    S: FnMut(Option<Outcome>) -> bool,
{
    run_pipeline(read, flags, threads, Purpose::Store, finish, sink);
}

/// The pipeline, preparing articles for `purpose`.
fn run_pipeline<R, F, S>(
    read: R,
    flags: &ArticleMeta,
    threads: usize,
    purpose: Purpose,
    finish: F,
    mut sink: S,
) where
    R: FnOnce(&mut dyn FnMut(Item) -> bool) + Send,
    F: Fn(&mut Prepared) + Sync,
    S: FnMut(Option<Outcome>) -> bool,
{
    let threads = threads.max(1);
    if threads == 1 {
        return prepare_here(read, flags, purpose, finish, sink);
    }
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
                    let outcome = item
                        .and_then(|input| guarded_prepare(input, flags, purpose))
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

/// The pipeline with one worker: the caller's thread prepares each article
/// and hands it to `sink` itself. On one core a worker thread of its own
/// only adds a hand-over and a switch between threads per article, which
/// cost `extract` about a twentieth of its time. The reader keeps its
/// thread, so a slow stream still gives `sink` its idle calls.
fn prepare_here<R, F, S>(read: R, flags: &ArticleMeta, purpose: Purpose, finish: F, mut sink: S)
where
    R: FnOnce(&mut dyn FnMut(Item) -> bool) + Send,
    F: Fn(&mut Prepared),
    S: FnMut(Option<Outcome>) -> bool,
{
    let (item_tx, item_rx) = mpsc::sync_channel::<Item>(16);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // A failed send means the caller stopped: stop reading.
            read(&mut |item| item_tx.send(item).is_ok());
        });
        loop {
            let item = match item_rx.recv_timeout(IDLE) {
                Ok(item) => item,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if sink(None) {
                        continue;
                    }
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            let outcome = item
                .and_then(|input| guarded_prepare(input, flags, purpose))
                .map(|mut prepared| {
                    finish(&mut prepared);
                    prepared
                });
            if !sink(Some(outcome)) {
                break;
            }
        }
        // Dropping the receiver makes the reader's sends fail, which ends it.
        drop(item_rx);
    });
}

/// The number of extraction threads to use: one per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::input::{Input, Origin};

    fn input(i: usize) -> Input {
        Input {
            origin: Origin::File(PathBuf::from(format!("{i}.txt"))),
            body: format!("Article number {i}. \"We are ready,\" said John Smith."),
            meta: ArticleMeta::default(),
        }
    }

    #[test]
    fn keeps_input_order() {
        for threads in [1, 4] {
            let mut seen = Vec::new();
            pipeline(
                |emit| {
                    for i in 0..200 {
                        emit(Ok(input(i)));
                    }
                },
                &ArticleMeta::default(),
                threads,
                |o| {
                    if let Some(o) = o {
                        seen.push(o.unwrap().origin);
                    }
                    true
                },
            );
            let want: Vec<_> = (0..200).map(|i| input(i).origin).collect();
            assert_eq!(seen, want, "{threads} threads");
        }
    }

    #[test]
    fn stops_early_and_so_does_the_reader() {
        for threads in [1, 2] {
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
                threads,
                |o| {
                    n += usize::from(o.is_some());
                    n < 3
                },
            );
            assert_eq!(n, 3, "{threads} threads");
            assert!(emitted < 10_000, "the reader went on to {emitted}");
        }
    }
}
