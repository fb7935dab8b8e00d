//! Reading articles from files, directories and standard input.
//!
//! Every input format is one [`Reader`] module: it says which file
//! extensions it takes when a directory is walked and turns the bytes of one
//! file into articles ([`Input`]) or errors that name the file and the line
//! or byte offset. A new format (HTML, WARC) is one more module and one more
//! entry in [`READERS`]; nothing else changes.
//!
//! Errors are per file or per record, never fatal: a batch reads on past a
//! bad file, so one broken line in a large JSONL dump costs that line only.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::extract::ArticleMeta;

pub mod decode;
pub mod html;
pub mod jsonl;
pub mod sidecar;
pub mod text;
pub mod walk;
pub mod warc;

/// One article read from an input, not yet extracted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Where it came from.
    pub origin: Origin,
    /// The article text, exactly as read (a leading byte-order mark removed).
    pub body: String,
    /// Metadata known from outside the text (sidecar, JSONL fields).
    pub meta: ArticleMeta,
}

/// Where an article came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A whole file (or standard input, as the path `-`).
    File(PathBuf),
    /// One record of a file that holds many articles: a JSONL line, a WARC
    /// record.
    Record {
        /// The file (`-` for standard input).
        file: PathBuf,
        /// 1-based line number (record number in a WARC archive).
        line: usize,
        /// The record's `id` field as a string (a WARC page's URI), where
        /// it has one.
        id: Option<String>,
    },
}

impl Origin {
    /// The path of the file it was read from.
    pub fn path(&self) -> &Path {
        match self {
            Origin::File(p) => p,
            Origin::Record { file, .. } => file,
        }
    }

    /// A short label for the article's `source` field: the path, or the
    /// record's id (`path:line` when it has none).
    pub fn source_label(&self) -> String {
        match self {
            Origin::File(p) => p.display().to_string(),
            Origin::Record { id: Some(id), .. } => id.clone(),
            Origin::Record { file, line, .. } => format!("{}:{line}", file.display()),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(p) => write!(f, "{}", display_path(p)),
            Origin::Record { file, line, .. } => write!(f, "{}:{line}", display_path(file)),
        }
    }
}

/// Shows `-` as `<stdin>` in messages, other paths as they are.
pub fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Why an input (a file, a record, a sidecar) could not be read.
///
/// Each message names the file and, where it helps, the line or the byte
/// offset, so that one line on stderr is enough to find the problem.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path could not be opened or read (missing, permissions, a
    /// directory entry that vanished).
    #[error("{}: cannot read: {source}", display_path(path))]
    Read {
        /// The path.
        path: PathBuf,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// The file holds nothing but white space.
    #[error("{}: empty file", display_path(path))]
    Empty {
        /// The path.
        path: PathBuf,
    },
    /// The file holds NUL bytes, so it is no text at all.
    #[error(
        "{}: binary file (NUL byte at byte offset {offset})",
        display_path(path)
    )]
    Binary {
        /// The path.
        path: PathBuf,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The file is not valid UTF-8.
    #[error("{}{}: invalid UTF-8 at byte offset {offset}", display_path(path), line_suffix(*line))]
    NotUtf8 {
        /// The path.
        path: PathBuf,
        /// The line, for line-based formats.
        line: Option<usize>,
        /// Offset in the file of the first byte that is not UTF-8.
        offset: usize,
    },
    /// A JSONL line that is not a valid article record.
    #[error("{}:{line}: {message}", display_path(path))]
    BadRecord {
        /// The JSONL file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong (serde's message, with the column).
        message: String,
    },
    /// Extraction failed on this article. Extraction is written never to
    /// panic; this turns a bug into one reported input instead of a crash
    /// of the whole batch.
    #[error(
        "{}: extraction failed ({what}); please report this article",
        display_path(path)
    )]
    Extraction {
        /// The file (or `file:line` for a record).
        path: PathBuf,
        /// The panic message.
        what: String,
    },
    /// The article holds more statements than the cap allows; it is
    /// refused whole rather than stored cut.
    #[error(
        "{}: more than {limit} statements ({found} found); refused (raise the cap with --max-statements)",
        display_path(path)
    )]
    TooManyStatements {
        /// The file (or `file:line` for a record).
        path: PathBuf,
        /// How many were found when extraction stopped.
        found: usize,
        /// The cap.
        limit: usize,
    },
    /// A web page or archive record that gave no article (not HTML, no
    /// article body, a broken WARC record).
    #[error("{}{}: {message}", display_path(path), line_suffix(*record))]
    Page {
        /// The file.
        path: PathBuf,
        /// The record number in an archive.
        record: Option<usize>,
        /// What the web reader said.
        message: String,
    },
    /// A `.meta.json` sidecar that could not be used.
    #[error("{}: bad sidecar: {message}", display_path(path))]
    BadSidecar {
        /// The sidecar's path.
        path: PathBuf,
        /// What is wrong (serde's message with line and column, or the OS's).
        message: String,
    },
}

fn line_suffix(line: Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

impl InputError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            InputError::Read { path, .. }
            | InputError::Empty { path }
            | InputError::Binary { path, .. }
            | InputError::NotUtf8 { path, .. }
            | InputError::BadRecord { path, .. }
            | InputError::BadSidecar { path, .. }
            | InputError::Extraction { path, .. }
            | InputError::TooManyStatements { path, .. }
            | InputError::Page { path, .. } => path,
        }
    }
}

/// One result of reading: an article or the reason one could not be read.
pub type Item = Result<Input, InputError>;

/// An input format.
///
/// A reader gets the whole input as bytes ([`Reader::read`]); a format
/// whose files can be too large to hold in memory (WARC archives) also
/// overrides [`Reader::read_path`] to stream from the file.
pub trait Reader: Sync {
    /// The format's name, for messages ("text", "jsonl").
    fn name(&self) -> &'static str;

    /// Lowercase file extensions (no dot) this reader takes, for
    /// [`Reader::claims`] and for messages.
    fn extensions(&self) -> &'static [&'static str];

    /// Whether this reader takes the file at `path` (when walking a
    /// directory or choosing a reader for a named file). By default, by
    /// [`Reader::extensions`]; formats with compound names (`.warc.gz`)
    /// override it.
    fn claims(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions().contains(&e.to_ascii_lowercase().as_str()))
    }

    /// Whether standard input holding `bytes` is in this format. Standard
    /// input has no name to go by; the first reader that claims it reads
    /// it, and plain text takes what nobody claims.
    fn sniff(&self, bytes: &[u8]) -> bool {
        let _ = bytes;
        false
    }

    /// Reads one input's bytes, calling `emit` once per article or error in
    /// input order, and stopping early when `emit` returns `false` (the
    /// consumer wants no more). `path` is `-` for standard input.
    fn read(&self, path: &Path, bytes: Vec<u8>, emit: &mut dyn FnMut(Item) -> bool);

    /// Reads the file at `path`. By default reads it whole and calls
    /// [`Reader::read`].
    fn read_path(&self, path: &Path, emit: &mut dyn FnMut(Item) -> bool) {
        match read_regular(path) {
            Ok(bytes) => self.read(path, bytes, emit),
            Err(source) => {
                emit(Err(InputError::Read {
                    path: path.to_owned(),
                    source,
                }));
            }
        }
    }
}

/// Opens `path` for reading only when it is (or a symbolic link leads to)
/// a regular file.
///
/// A FIFO, a device (`/dev/zero`), a socket or a directory is refused with
/// an error saying what it is, so a batch never blocks on a pipe nobody
/// writes to or reads a device that never ends. On Linux the file is opened
/// non-blocking and checked by `fstat` on the open descriptor, so a file
/// swapped for a FIFO between a check and the open can't block either.
///
/// # Errors
///
/// What the OS said, or [`std::io::ErrorKind::InvalidInput`] naming the
/// kind of file for anything that is not a regular file.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(target_os = "linux"))]
    {
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(not_regular(&meta.file_type()));
        }
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(not_regular(&kind));
    }
    Ok(file)
}

/// Reads a whole regular file (see [`open_regular`]).
///
/// # Errors
///
/// As [`open_regular`], or the OS's read error.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn not_regular(kind: &std::fs::FileType) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "not a regular file ({}); only regular files are read",
            kind_name(kind)
        ),
    )
}

/// What kind of file this is, for messages.
pub fn kind_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Every known format, in the order they are asked.
pub static READERS: &[&dyn Reader] = &[
    &text::TextReader,
    &jsonl::JsonlReader,
    &html::HtmlReader,
    &warc::WarcReader,
];

/// The extensions a directory walk takes, for messages: `.txt, .md, .jsonl`.
pub fn known_extensions() -> String {
    READERS
        .iter()
        .flat_map(|r| r.extensions())
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The reader for a file with this name, by extension.
pub fn reader_for(path: &Path) -> Option<&'static dyn Reader> {
    READERS.iter().copied().find(|r| r.claims(path))
}

/// Reads every article under `paths` in order, calling `emit` for each
/// article or error, until `emit` returns `false`.
///
/// Directories are walked recursively in sorted order, taking the files a
/// [`Reader`] claims by extension; a file named explicitly is read by its
/// extension's reader, or as text when no reader claims it. `-` reads
/// standard input: the first reader whose [`Reader::sniff`] claims it (JSONL
/// when its first line is a JSON object), else one text article.
pub fn read_paths(paths: &[PathBuf], emit: &mut dyn FnMut(Item) -> bool) {
    read_paths_excluding(paths, &walk::Exclude::default(), emit);
}

/// [`read_paths`], leaving out of directory walks what `exclude` matches
/// (`--exclude GLOB`).
pub fn read_paths_excluding(
    paths: &[PathBuf],
    exclude: &walk::Exclude,
    emit: &mut dyn FnMut(Item) -> bool,
) {
    // Whether the consumer still wants items, remembered across readers.
    let open = std::cell::Cell::new(true);
    let mut emit = |item: Item| {
        open.set(open.get() && emit(item));
        open.get()
    };
    for path in paths {
        if path == Path::new("-") {
            read_stdin(&mut emit);
        } else {
            match walk::files(path, exclude) {
                Ok(files) => {
                    for file in files {
                        match file {
                            Ok(file) => read_file(&file, &mut emit),
                            Err(e) => {
                                emit(Err(e));
                            }
                        }
                        if !open.get() {
                            return;
                        }
                    }
                }
                Err(e) => {
                    emit(Err(e));
                }
            }
        }
        if !open.get() {
            return;
        }
    }
}

/// How many articles `paths` hold, when that is known without reading
/// them as articles: a text, Markdown or HTML file is one, a JSONL file
/// one per non-blank line (counted with a fast newline search). `None`
/// when any input can't be counted so (standard input, web archives), so
/// a progress line never shows a total it will overrun.
pub fn count_articles(paths: &[PathBuf], exclude: &walk::Exclude) -> Option<usize> {
    let mut total = 0;
    for path in paths {
        if path == Path::new("-") {
            return None;
        }
        for file in walk::files(path, exclude).ok()? {
            let Ok(file) = file else {
                total += 1;
                continue;
            };
            total += match reader_for(&file).map(|r| r.name()) {
                Some("warc") => return None,
                Some("jsonl") => {
                    let bytes = std::fs::read(&file).ok()?;
                    bytes
                        .split(|&b| b == b'\n')
                        .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
                        .count()
                }
                _ => 1,
            };
        }
    }
    Some(total)
}

/// Reads one file with the reader its extension names (text by default).
pub fn read_file(path: &Path, emit: &mut dyn FnMut(Item) -> bool) {
    let reader = reader_for(path).unwrap_or(&text::TextReader);
    reader.read_path(path, emit);
}

/// Reads standard input. Its first non-blank line decides: JSONL is read
/// line by line as it arrives; anything else is read to the end and given
/// to the first reader that [sniffs](Reader::sniff) it, else taken as text.
fn read_stdin(emit: &mut dyn FnMut(Item) -> bool) {
    use std::io::{BufRead, Read};
    let path = Path::new("-");
    let mut input = std::io::stdin().lock();
    let mut bytes = Vec::new();
    let failed = |source| InputError::Read {
        path: path.to_owned(),
        source,
    };
    loop {
        let before = bytes.len();
        match input.read_until(b'\n', &mut bytes) {
            Ok(0) => break,
            Ok(_) if bytes[before..].iter().all(u8::is_ascii_whitespace) => {}
            Ok(_) => break,
            Err(source) => {
                emit(Err(failed(source)));
                return;
            }
        }
    }
    if jsonl::looks_like_jsonl(&bytes) {
        jsonl::read_stream(path, std::io::Cursor::new(bytes).chain(input), emit);
        return;
    }
    if let Err(source) = input.read_to_end(&mut bytes) {
        emit(Err(failed(source)));
        return;
    }
    let reader = READERS
        .iter()
        .copied()
        .find(|r| r.sniff(&bytes))
        .unwrap_or(&text::TextReader);
    reader.read(path, bytes, emit);
}

/// Metadata given on the command line, which beats every other source.
pub fn overlay(base: &ArticleMeta, over: &ArticleMeta) -> ArticleMeta {
    let pick = |o: &Option<String>, b: &Option<String>| o.clone().or_else(|| b.clone());
    ArticleMeta {
        outlet: pick(&over.outlet, &base.outlet),
        url: pick(&over.url, &base.url),
        published: pick(&over.published, &base.published),
        title: pick(&over.title, &base.title),
        byline: pick(&over.byline, &base.byline),
        dateline: pick(&over.dateline, &base.dateline),
        origin: pick(&over.origin, &base.origin),
        lang: pick(&over.lang, &base.lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_by_extension() {
        assert_eq!(reader_for(Path::new("a/b.TXT")).unwrap().name(), "text");
        assert_eq!(reader_for(Path::new("b.md")).unwrap().name(), "text");
        assert_eq!(reader_for(Path::new("b.jsonl")).unwrap().name(), "jsonl");
        assert!(reader_for(Path::new("b.meta.json")).is_none());
        assert!(reader_for(Path::new("noext")).is_none());
        assert_eq!(reader_for(Path::new("a.HTML")).unwrap().name(), "html");
        assert_eq!(reader_for(Path::new("a.html.gz")).unwrap().name(), "html");
        assert_eq!(reader_for(Path::new("a.warc.gz")).unwrap().name(), "warc");
        assert!(reader_for(Path::new("a.tar.gz")).is_none());
    }

    #[test]
    fn overlay_prefers_the_top_layer() {
        let base = ArticleMeta {
            outlet: Some("A".into()),
            url: Some("u".into()),
            ..Default::default()
        };
        let top = ArticleMeta {
            outlet: Some("B".into()),
            ..Default::default()
        };
        let m = overlay(&base, &top);
        assert_eq!(m.outlet.as_deref(), Some("B"));
        assert_eq!(m.url.as_deref(), Some("u"));
    }
}
