//! `quotetrail reextract`: run the current extractor over stored articles
//! again.
//!
//! Articles are the evidence; their statements, appearances and groups
//! are what an extractor decided, and each improvement of it changes some
//! of those. The store replaces one article's derived records at a time in
//! one atomic batch ([`quotetrail_store::Store::replace_derived`]); this
//! command picks the articles, extracts each as ingest did
//! ([`crate::ingest::prepare_stored`]), says what moved, and groups again
//! what lost its group, as `delete` and `match` do.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;

use quotetrail_store::{Appearance, ExtractorVersion, Id, Replaced, Statement, Store};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::regroup::group_unmatched;
use crate::extract::version;
use crate::ingest::{Prepared, prepare_stored};

/// Run the current extractor again over the stored articles
///
/// Statements, appearances and groups are derived from the articles by the
/// extractor, and the store records which extractor version made each
/// article's (`verify` counts those an older one made). By default this
/// re-extracts the articles whose statements another version made or whose
/// version was not recorded; `--all` does every article.
///
/// Each article is extracted from its stored body and metadata as ingest
/// did, and its old appearances, their index entries, the statements no
/// other article prints and the groups they were in are replaced by the new
/// ones in one atomic write: after a crash each article has its old records
/// or its new ones, and `verify` stays clean (statements left without a
/// group are counted there, and `quotetrail match` groups them). What lost
/// its group is grouped again at the end, by the same rules as ingest.
///
/// Prints, per article whose statements moved, what was added, dropped and
/// re-attributed (same words and span, another speaker), then a summary;
/// `--json` prints one `reextracted` record per article done and a
/// `summary`. Progress goes to stderr.
///
/// Exit status: 0 when every article was done, 1 when some could not be
/// extracted (each is named and left as it was), 3 when the store is in
/// use.
#[derive(clap::Args, Debug)]
pub struct ReextractArgs {
    /// Re-extract every article, also those the current extractor made
    #[arg(long)]
    all: bool,
}

/// What moved in one article, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Moved {
    article: Id,
    /// The version recorded before (`null`: unrecorded).
    extractor_before: Option<ExtractorVersion>,
    /// Statements found at a span where none was before.
    added: usize,
    /// Statements no longer found.
    dropped: usize,
    /// Same words and span, another speaker.
    reattributed: usize,
    /// Same span, otherwise different (kind, wire, the speaker as
    /// mentioned).
    changed: usize,
    statements_new: usize,
    statements_removed: usize,
    groups_removed: usize,
}

impl Moved {
    fn any(&self) -> bool {
        self.added + self.dropped + self.reattributed + self.changed > 0
    }
}

/// The run's totals, `--json`'s `summary`.
#[derive(Debug, Default, Serialize)]
struct Summary {
    extractor: String,
    articles: usize,
    articles_changed: usize,
    added: usize,
    dropped: usize,
    reattributed: usize,
    changed: usize,
    groups_removed: usize,
    regrouped: usize,
    failed: usize,
}

/// Runs `reextract`.
pub fn run(args: &ReextractArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    super::build_word_index_if_missing(&store, &mut ctx.ui)?;
    let current = version::current();
    let todo = chosen(&store, (!args.all).then_some(current))?;
    let mut summary = Summary {
        extractor: current.to_hex(),
        ..Summary::default()
    };
    let mut to_group = false;
    let mut progress = ctx.ui.progress("articles");
    if let Some(total) = progress.total_setter() {
        total.set(todo.len() as u64);
    }
    let threads = crate::ingest::default_threads();
    let mut done = 0;
    for chunk in todo.chunks(CHUNK) {
        for (id, job) in chunk.iter().zip(extract_chunk(&store, chunk, threads)?) {
            progress.tick(
                done,
                &format!("re-extracted, {} moved", summary.articles_changed),
            );
            done += 1;
            to_group |= write(ctx, &store, id, job, &mut summary)?;
        }
    }
    progress.finish();
    if to_group {
        summary.regrouped = group_unmatched(&store, &mut ctx.ui)?.grouped;
    }
    store.flush()?;
    if ctx.ui.json() {
        ctx.ui.record("summary", &summary)?;
    }
    ctx.ui.status(&describe(&summary, args.all));
    Ok(Status::from_problems(ctx.ui.problems()))
}

/// Writes one article's new records and reports what moved; returns
/// whether something now waits for the matcher.
fn write(
    ctx: &mut Context,
    store: &Store,
    id: &Id,
    job: Job,
    summary: &mut Summary,
) -> Result<bool, CliError> {
    let Some((old, prepared)) = job else {
        return Ok(false); // no longer stored
    };
    let prepared = match prepared {
        Ok(p) => p,
        Err(why) => {
            ctx.ui
                .problem(&format!("article {}: {why}; left as it was", id.short(12)));
            summary.failed += 1;
            return Ok(false);
        }
    };
    let Ok(ids) = &prepared.ids else {
        return Ok(false); // extract_again checked it
    };
    let Some(replaced) = store.replace_derived(&prepared.article, &prepared.statements, ids)?
    else {
        return Ok(false);
    };
    let moved = compare(&old, &prepared.statements, &replaced);
    summary.articles += 1;
    summary.articles_changed += usize::from(moved.any());
    summary.added += moved.added;
    summary.dropped += moved.dropped;
    summary.reattributed += moved.reattributed;
    summary.changed += moved.changed;
    summary.groups_removed += moved.groups_removed;
    report(ctx, &moved)?;
    Ok(!replaced.appearances_added.is_empty() || !replaced.ungrouped.is_empty())
}

/// Articles extracted side by side before their writes, which stay on
/// this thread, one atomic batch per article.
const CHUNK: usize = 64;

/// One article read and extracted again: its stored records and what the
/// current extractor makes of it; `None` when it is no longer stored.
type Job = Option<(Vec<(Statement, Appearance)>, Result<Prepared, String>)>;

/// Reads and extracts the articles of `chunk` on up to `threads` threads,
/// in order. Extraction is most of a run's time; the writes that follow
/// are one batch per article.
fn extract_chunk(store: &Store, chunk: &[Id], threads: usize) -> Result<Vec<Job>, CliError> {
    let one = |id: &Id| -> Result<Job, CliError> {
        let Some(article) = store.get_article(id)? else {
            return Ok(None);
        };
        let old = stored_records(store, id)?;
        Ok(Some((old, extract_again(article))))
    };
    let per_thread = chunk.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunk
            .chunks(per_thread)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Result<Vec<_>, _>>()))
            .collect();
        let mut out = Vec::with_capacity(chunk.len());
        for worker in workers {
            let part = worker
                .join()
                .map_err(|_| CliError::User("a re-extraction thread panicked".into()))??;
            out.extend(part);
        }
        Ok(out)
    })
}

/// The articles to do, in id order: every one, or those whose records
/// `current` did not make.
fn chosen(store: &Store, current: Option<ExtractorVersion>) -> Result<Vec<Id>, CliError> {
    let mut ids = Vec::new();
    for item in store.articles() {
        let (id, _) = item?;
        match current {
            Some(v) if store.extractor_of(&id)? == Some(v) => {}
            _ => ids.push(id),
        }
    }
    Ok(ids)
}

/// An article's stored statements with their appearances.
fn stored_records(store: &Store, id: &Id) -> Result<Vec<(Statement, Appearance)>, CliError> {
    let mut out = Vec::new();
    for (_, appearance) in store.appearances_in(id)? {
        if let Some(statement) = store.get_statement(&appearance.statement)? {
            out.push((statement, appearance));
        }
    }
    Ok(out)
}

/// Extracts a stored article with the current extractor; why not, when
/// extraction panics, finds too many statements, or its records disagree.
fn extract_again(article: quotetrail_store::Article) -> Result<Prepared, String> {
    let prepared = std::panic::catch_unwind(AssertUnwindSafe(|| prepare_stored(article)))
        .map_err(|_| "extraction panicked".to_owned())?;
    if let Some(found) = prepared.extraction.too_many {
        return Err(format!(
            "{found} statements, past the cap of {} (--max-statements)",
            crate::extract::max_statements()
        ));
    }
    if let Err(why) = &prepared.ids {
        return Err(why.clone());
    }
    Ok(prepared)
}

/// What moved between the old and new records of one article, matched by
/// span.
fn compare(
    old: &[(Statement, Appearance)],
    new: &[(Statement, Appearance)],
    replaced: &Replaced,
) -> Moved {
    let span = |a: &Appearance| (a.start, a.end);
    let before: HashMap<(usize, usize), (&Statement, &Appearance)> =
        old.iter().map(|(s, a)| (span(a), (s, a))).collect();
    let mut moved = Moved {
        article: replaced.article,
        extractor_before: replaced.extractor_before,
        statements_new: replaced.statements_new.len(),
        statements_removed: replaced.statements_removed.len(),
        groups_removed: replaced.groups_removed.len(),
        added: 0,
        dropped: 0,
        reattributed: 0,
        changed: 0,
    };
    let mut found = std::collections::HashSet::new();
    for (s, a) in new {
        found.insert(span(a));
        match before.get(&span(a)) {
            None => moved.added += 1,
            Some((old_s, old_a)) => {
                if old_s.speaker != s.speaker {
                    moved.reattributed += 1;
                } else if *old_s != s || old_a.id() != a.id() {
                    moved.changed += 1;
                }
            }
        }
    }
    moved.dropped = before.keys().filter(|k| !found.contains(*k)).count();
    moved
}

/// One article's line or record.
fn report(ctx: &mut Context, moved: &Moved) -> Result<(), CliError> {
    if ctx.ui.json() {
        ctx.ui.record("reextracted", moved)?;
    } else if moved.any() {
        let line = format!(
            "article {}: {} added, {} dropped, {} re-attributed, {} changed",
            moved.article.short(12),
            moved.added,
            moved.dropped,
            moved.reattributed,
            moved.changed
        );
        writeln_out(ctx, &line)?;
    }
    Ok(())
}

fn writeln_out(ctx: &mut Context, line: &str) -> Result<(), CliError> {
    use std::io::Write;
    writeln!(ctx.ui.out(), "{line}")?;
    Ok(())
}

/// The closing line on stderr.
fn describe(s: &Summary, all: bool) -> String {
    let which = if all {
        "articles"
    } else {
        "articles made by another extractor"
    };
    if s.articles == 0 && s.failed == 0 {
        return format!(
            "nothing to re-extract: no {which} (extractor {})",
            &s.extractor[..12]
        );
    }
    format!(
        "re-extracted {} {which} with extractor {}: {} changed; statements {} added, {} dropped, \
         {} re-attributed, {} otherwise changed; {} groups redone, {} appearances grouped again",
        s.articles,
        &s.extractor[..12],
        s.articles_changed,
        s.added,
        s.dropped,
        s.reattributed,
        s.changed,
        s.groups_removed,
        s.regrouped
    )
}
