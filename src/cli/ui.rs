//! Where output goes: data to stdout, messages and progress to stderr.
//!
//! Commands never print directly; they go through [`Ui`], which knows
//! whether to colour, whether `--json` asked for JSON Lines, and whether
//! `--quiet` silenced status messages (errors are always printed). Stdout is
//! line-buffered on a terminal and block-buffered otherwise, which keeps
//! large listings fast; a closed pipe surfaces as an `io::ErrorKind::BrokenPipe` error that
//! `main` turns into a silent success.

use std::io::{self, IsTerminal, Write};

use anstyle::{AnsiColor, Style};

pub use super::progress::Progress;
use super::terminal::{Safe, visible};
use serde::Serialize;

/// When to colour output, as `--color` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour, even into a pipe or with `NO_COLOR` set.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Decides for stdout: an explicit `always` or `never` beats
    /// `NO_COLOR` (<https://no-color.org>), which turns `auto` off; `auto`
    /// colours a terminal only.
    pub fn resolve(flag: Option<ColorChoice>, no_color_env: Option<&std::ffi::OsStr>) -> bool {
        match flag {
            Some(ColorChoice::Always) => true,
            Some(ColorChoice::Never) => false,
            Some(ColorChoice::Auto) | None => {
                no_color_env.is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
            }
        }
    }
}

/// Named styles, so commands say what a thing is rather than its colour.
#[derive(Clone, Copy, Debug)]
pub enum Paint {
    /// Object ids.
    Id,
    /// Speaker names.
    Speaker,
    /// Outlet names.
    Outlet,
    /// Wire agency names.
    Wire,
    /// Headings and labels.
    Label,
    /// Secondary detail (dates, URLs, counts).
    Dim,
    /// The quoted words themselves.
    Quote,
    /// Words a version lacks (word diffs).
    Deleted,
    /// Words a version adds (word diffs).
    Inserted,
}

impl Paint {
    /// Every escape sequence the styles write: what [`Safe`] lets through.
    fn sequences() -> Vec<Vec<u8>> {
        let all = [
            Paint::Id,
            Paint::Speaker,
            Paint::Outlet,
            Paint::Wire,
            Paint::Label,
            Paint::Dim,
            Paint::Quote,
            Paint::Deleted,
            Paint::Inserted,
        ];
        let mut out: Vec<Vec<u8>> = Vec::new();
        for p in all {
            let style = p.style();
            for seq in [format!("{style}"), format!("{style:#}")] {
                if !seq.is_empty() && !out.contains(&seq.as_bytes().to_vec()) {
                    out.push(seq.into_bytes());
                }
            }
        }
        // Longest first, so a longer style is not cut at a shorter one.
        out.sort_by_key(|s| std::cmp::Reverse(s.len()));
        out
    }

    fn style(self) -> Style {
        match self {
            Paint::Id => AnsiColor::Yellow.on_default(),
            Paint::Speaker => AnsiColor::Green.on_default().bold(),
            Paint::Outlet => AnsiColor::Blue.on_default(),
            Paint::Wire => AnsiColor::Magenta.on_default(),
            Paint::Label => Style::new().bold(),
            Paint::Dim => Style::new().dimmed(),
            Paint::Quote => AnsiColor::Cyan.on_default(),
            Paint::Deleted => AnsiColor::Red.on_default().strikethrough(),
            Paint::Inserted => AnsiColor::Green.on_default().underline(),
        }
    }
}

/// The output side of one run.
pub struct Ui {
    out: Box<dyn Write>,
    color: bool,
    json: bool,
    quiet: bool,
    stderr_tty: bool,
    errors: usize,
    /// The progress line being drawn, if any.
    bar: Option<indicatif::ProgressBar>,
    /// The line [`Ui::bare`] serializes into, kept to reuse.
    line: Vec<u8>,
}

impl Ui {
    /// A UI for one run.
    pub fn new(color: bool, json: bool, quiet: bool) -> Ui {
        Ui {
            // Line by line on a terminal, so a person sees results as they
            // come; in blocks into a pipe or file, which is much faster.
            // Control characters from article text are made visible; only
            // our own colour styles pass, and only when colouring.
            out: {
                let allowed = if color {
                    Paint::sequences()
                } else {
                    Vec::new()
                };
                if io::stdout().is_terminal() {
                    Box::new(Safe::new(io::LineWriter::new(io::stdout()), allowed))
                } else {
                    Box::new(Safe::new(
                        io::BufWriter::with_capacity(64 * 1024, io::stdout()),
                        allowed,
                    ))
                }
            },
            color,
            json,
            quiet,
            stderr_tty: io::stderr().is_terminal(),
            errors: 0,
            bar: None,
            line: Vec::new(),
        }
    }

    /// Whether `--json` was given.
    pub fn json(&self) -> bool {
        self.json
    }

    /// Whether `--quiet` was given.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// Stdout, for data.
    pub fn out(&mut self) -> &mut impl Write {
        &mut self.out
    }

    /// `text` in the style for `what`, when colouring.
    pub fn paint(&self, what: Paint, text: &str) -> String {
        if self.color && !text.is_empty() {
            let style = what.style();
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    /// Writes one JSON Lines record `{"type": kind, "data": data}`.
    pub fn record<T: Serialize>(&mut self, kind: &str, data: &T) -> io::Result<()> {
        #[derive(Serialize)]
        struct Envelope<'a, T> {
            #[serde(rename = "type")]
            kind: &'a str,
            data: &'a T,
        }
        let line = serde_json::to_string(&Envelope { kind, data }).map_err(io::Error::other)?;
        writeln!(self.out, "{line}")
    }

    /// Writes one bare JSON object on its own line.
    ///
    /// Serialized into a buffer kept from line to line and written with its
    /// newline in one call: `extract --format jsonl` writes a line per
    /// article, and a fresh string and two writes for each cost time.
    pub fn bare<T: Serialize>(&mut self, data: &T) -> io::Result<()> {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        let written = serde_json::to_writer(&mut line, data)
            .map_err(io::Error::other)
            .and_then(|()| {
                line.push(b'\n');
                self.out.write_all(&line)
            });
        self.line = line;
        written
    }

    /// A status message on stderr, unless `--quiet`.
    pub fn status(&mut self, msg: &str) {
        if !self.quiet {
            self.eprint_line(&visible(msg));
        }
    }

    /// When `-` is among `paths` and stdin is a terminal, says that input is
    /// awaited; otherwise a person sees a command that seems to hang.
    pub fn stdin_hint(&mut self, paths: &[std::path::PathBuf]) {
        if paths.iter().any(|p| p.as_os_str() == "-") && io::stdin().is_terminal() {
            self.status("reading articles from stdin (end with Ctrl-D)");
        }
    }

    /// A problem with one input or object: always printed, and counted so
    /// the run ends with exit status 1.
    pub fn problem(&mut self, msg: &str) {
        self.errors += 1;
        self.eprint_line(&format!("quotetrail: {}", visible(msg)));
    }

    /// How many problems were reported.
    pub fn problems(&self) -> usize {
        self.errors
    }

    /// Flushes stdout.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// A progress line for a long run (see [`Progress`]); messages this
    /// `Ui` prints meanwhile go above it.
    pub fn progress(&mut self, what: &'static str) -> Progress {
        let progress = Progress::new(what, self.stderr_tty && !self.quiet);
        self.bar = progress.bar();
        progress
    }

    /// Prints one line on stderr, above the progress line if one is drawn.
    fn eprint_line(&self, line: &str) {
        match &self.bar {
            Some(bar) if !bar.is_finished() => bar.suspend(|| eprintln!("{line}")),
            _ => eprintln!("{line}"),
        }
    }
}

/// Cuts `text` to at most `max` characters, marking the cut with `…`.
pub fn truncate(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out: String = flat.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_no_color() {
        let set = Some(std::ffi::OsStr::new("1"));
        assert!(ColorChoice::resolve(Some(ColorChoice::Always), set));
        assert!(!ColorChoice::resolve(None, set));
        assert!(!ColorChoice::resolve(Some(ColorChoice::Auto), set));
        assert!(!ColorChoice::resolve(Some(ColorChoice::Never), None));
    }

    #[test]
    fn truncates_on_chars() {
        assert_eq!(truncate("héllo  wörld", 20), "héllo wörld");
        assert_eq!(truncate("héllo wörld", 6), "héllo…");
    }
}
