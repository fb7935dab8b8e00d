//! Progress on stderr for long runs (`ingest`, `extract`, `match`,
//! `import`), drawn by indicatif.
//!
//! A person waiting wants to know how far along it is and how long is
//! left, so when the total is known the line shows `done/total`, a bar and
//! an ETA; when it is not (standard input, web archives) it shows the count
//! and the time so far. Nothing is drawn when stderr is not a terminal
//! (logs get no carriage returns or escape codes) or with `-q`, and nothing
//! for the first second, so quick runs stay quiet.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::count_articles;
use crate::input::walk::Exclude;

/// How long a run goes before its progress is drawn.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// The text after the count ("stored, 12 new"). It is read by the style
/// when the line is drawn rather than set as indicatif's message: setting
/// the message and the position are two draws, and one of them would show
/// a count with the previous detail.
type Detail = Arc<Mutex<String>>;

/// A progress line for one long run; see the module docs.
pub struct Progress {
    /// `None` when nothing is to be drawn (not a terminal, or `-q`).
    bar: Option<ProgressBar>,
    what: &'static str,
    detail: Detail,
    start: Instant,
    shown: bool,
}

impl Progress {
    /// A progress line counting `what` ("articles"); `enabled` is false
    /// when stderr is not a terminal or `-q` was given.
    pub fn new(what: &'static str, enabled: bool) -> Progress {
        let detail = Detail::default();
        let bar = enabled.then(|| {
            // Hidden until the first second has passed (see `tick`).
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(style(what, false, &detail));
            bar
        });
        Progress {
            bar,
            what,
            detail,
            start: Instant::now(),
            shown: false,
        }
    }

    /// A handle that can set the total from another thread (a count made
    /// beside the run); `None` when nothing is drawn.
    pub fn total_setter(&self) -> Option<TotalSetter> {
        self.bar.clone().map(|bar| TotalSetter {
            bar,
            what: self.what,
            detail: self.detail.clone(),
        })
    }

    /// Counts the articles under `paths` on another thread and sets the
    /// total when known, so a large input starts at once (see
    /// [`crate::input::count_articles`]).
    pub fn count_beside(&self, paths: &[PathBuf], exclude: &Exclude) {
        if let Some(total) = self.total_setter() {
            let (paths, exclude) = (paths.to_vec(), exclude.clone());
            std::thread::spawn(move || {
                if let Some(n) = count_articles(&paths, &exclude) {
                    total.set(n as u64);
                }
            });
        }
    }

    /// Reports that `done` items are done; `detail` follows the count
    /// ("stored, 12 new").
    pub fn tick(&mut self, done: usize, detail: &str) {
        let Some(bar) = &self.bar else {
            return;
        };
        *self.detail.lock().unwrap_or_else(PoisonError::into_inner) =
            super::terminal::visible(detail);
        if !self.shown && self.start.elapsed() >= QUIET_FOR {
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
            self.shown = true;
        }
        bar.set_position(done as u64);
    }

    /// Clears the line, if one was drawn.
    pub fn finish(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// The bar, for printing messages above it without garbling it.
    pub(super) fn bar(&self) -> Option<ProgressBar> {
        self.bar.clone()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Sets a [`Progress`]'s total, from any thread.
#[derive(Clone)]
pub struct TotalSetter {
    bar: ProgressBar,
    what: &'static str,
    detail: Detail,
}

impl TotalSetter {
    /// Sets the total.
    pub fn set(&self, total: u64) {
        self.bar.set_length(total);
        self.bar.set_style(style(self.what, true, &self.detail));
    }
}

/// The line's look: with a total, `120/400 articles [====>   ] 30%, ETA
/// 12s  stored, 80 new`; without, `120 articles (8s)  stored, 80 new`.
fn style(what: &'static str, total: bool, detail: &Detail) -> ProgressStyle {
    let template = if total {
        format!("{{pos}}/{{len}} {what} [{{bar:24}}] {{percent}}%, ETA {{eta}}  {{detail}}")
    } else {
        format!("{{pos}} {what} ({{elapsed}})  {{detail}}")
    };
    let detail = detail.clone();
    ProgressStyle::with_template(&template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
        .with_key(
            "detail",
            move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let text = detail.lock().unwrap_or_else(PoisonError::into_inner);
                let _ = w.write_str(&text);
            },
        )
}
