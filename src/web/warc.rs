//! Streaming the HTML pages out of a WARC archive (`.warc`, `.warc.gz`).
//!
//! [`Pages`] reads one record at a time: the `warc` crate's parser reads
//! each record's header block, the block is read through a bounded buffer
//! and the rest skipped, so memory stays flat however large the archive or
//! its records. The framing (finding header ends, counting offsets,
//! resynchronising after damage) is done here rather than by the crate's
//! record iterators, which buffer whole records and panic on header values
//! that are not UTF-8.
//! Every HTML `response` (or `resource`) record becomes a [`WarcPage`];
//! other records are skipped and counted. A broken record yields an error
//! naming its number and byte offset, and reading resumes at the next line
//! that starts a record.
//!
//! ```no_run
//! let mut pages = quotetrail::web::warc::open(std::path::Path::new("crawl.warc.gz")).unwrap();
//! for item in pages.by_ref() {
//!     match item {
//!         Ok(p) => println!("{} {} bytes", p.uri, p.page.body.len()),
//!         Err(e) => eprintln!("{e}"),
//!     }
//! }
//! eprintln!("{:?}", pages.summary());
//! ```

use std::io::{self, BufRead, Read};
use std::path::Path;

use serde::Serialize;

use super::decode::{self, MAX_HTML_BYTES};
use super::{Error, html};

/// Room for the HTTP status line and headers in front of the page.
const MAX_HTTP_HEAD: usize = 64 * 1024;

/// One page found in an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarcPage {
    /// 1-based number of the record in the archive.
    pub number: u64,
    /// Byte offset of the record (in the decompressed stream).
    pub offset: u64,
    /// The record's WARC-Target-URI.
    pub uri: String,
    /// The record's WARC-Date (when it was captured), RFC 3339.
    pub captured: String,
    /// The page; its `meta.url` falls back to `uri` and `meta.published`
    /// to `captured`.
    pub page: html::Page,
}

/// What an iteration over an archive met so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records seen, whatever became of them.
    pub records: u64,
    /// Records that became pages.
    pub pages: u64,
    /// Records that are not HTML responses (requests, metadata, images,
    /// redirects, revisits...).
    pub skipped: u64,
    /// Broken records, and HTML responses that gave no page.
    pub errors: u64,
}

/// Opens an archive file for streaming; gzip (one member per record, as
/// WARC writers do, or one for all) is recognised by its magic bytes.
///
/// # Errors
///
/// [`Error::Io`] when the file can't be opened or read.
pub fn open(path: &Path) -> Result<Pages<Box<dyn Read + Send>>, Error> {
    let io_err = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = io::BufReader::new(crate::input::open_regular(path).map_err(io_err)?);
    let gz = decode::is_gzip(file.fill_buf().map_err(io_err)?);
    let inner: Box<dyn Read + Send> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Pages::new(inner))
}

/// Whether a file name is a WARC archive: `.warc` or `.warc.gz`.
pub fn is_warc_path(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// An iterator over the pages of an archive read from `R` (uncompressed
/// WARC; see [`open`] for files).
pub struct Pages<R> {
    input: Input<R>,
    summary: Summary,
    done: bool,
}

impl<R: Read> Pages<R> {
    /// Reads WARC records from `reader`.
    pub fn new(reader: R) -> Self {
        Pages {
            input: Input::new(reader),
            summary: Summary::default(),
            done: false,
        }
    }

    /// Counts so far (final once the iterator returned `None`).
    pub fn summary(&self) -> Summary {
        self.summary
    }

    /// Reads the next record: `Ok(None)` at the end, `Ok(Some(None))` for a
    /// skipped record.
    fn next_record(&mut self) -> Result<Option<Option<WarcPage>>, Error> {
        let offset = self.input.offset;
        let stream_err = |source| Error::WarcStream { offset, source };
        self.input.skip_blank_lines().map_err(stream_err)?;
        let offset = self.input.offset;
        let stream_err = |source| Error::WarcStream { offset, source };
        if self.input.peek(1).map_err(stream_err)?.is_empty() {
            return Ok(None);
        }
        self.summary.records += 1;
        let number = self.summary.records;
        let broken = |reason: String| Error::WarcRecord {
            number,
            offset,
            reason,
        };
        if !self
            .input
            .peek(5)
            .map_err(stream_err)?
            .starts_with(b"WARC/")
        {
            self.input.resync().map_err(stream_err)?;
            return Err(broken("no WARC/ version line where a record starts".into()));
        }

        let block = match self.input.header_block() {
            Ok(Some(block)) => block,
            Ok(None) => {
                self.done = true;
                return Err(broken(
                    "the archive ends inside this record's header".into(),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                self.input.resync().map_err(stream_err)?;
                return Err(broken(e.to_string()));
            }
            Err(source) => return Err(stream_err(source)),
        };
        let head = match RecordHead::parse(&block) {
            Ok(head) => head,
            Err(reason) => {
                self.input.resync().map_err(stream_err)?;
                return Err(broken(reason));
            }
        };
        let uri = head.get("WARC-Target-URI").map(str::to_owned);
        let captured = head.get("WARC-Date").unwrap_or_default().to_owned();
        let content_type = head
            .get("Content-Type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let http = content_type.contains("application/http");
        let wanted = match head
            .get("WARC-Type")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "response" => http,
            "resource" => content_type.contains("html"),
            _ => false,
        };
        let declared = head.content_length;
        let mut content = Vec::new();
        let cap = if wanted {
            MAX_HTML_BYTES + MAX_HTTP_HEAD
        } else {
            0
        };
        let mut block_reader = (&mut self.input).take(declared);
        let read = (&mut block_reader)
            .take(cap as u64)
            .read_to_end(&mut content)
            .and_then(|n| Ok(n as u64 + io::copy(&mut block_reader, &mut io::sink())?));
        match read {
            Ok(n) if n == declared => {}
            Ok(_) => {
                self.done = true;
                return Err(broken("the archive ends inside this record".into()));
            }
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                self.done = true;
                return Err(broken("the archive ends inside this record".into()));
            }
            Err(source) => return Err(stream_err(source)),
        }
        if !self.input.end_of_record().map_err(stream_err)? {
            self.input.resync().map_err(stream_err)?;
            return Err(broken(
                "the record does not end where its Content-Length says".into(),
            ));
        }
        if !wanted {
            return Ok(Some(None));
        }
        let uri = uri.unwrap_or_default();
        let page_err = |source: Error| Error::WarcPage {
            number,
            offset,
            uri: uri.clone(),
            source: Box::new(source),
        };
        let (payload, charset) = if http {
            match http_payload(&content) {
                Ok(Some(p)) => p,
                Ok(None) => return Ok(Some(None)),
                Err(e) => return Err(page_err(e)),
            }
        } else {
            (content, charset_of(&content_type))
        };
        let url = (!uri.is_empty()).then_some(uri.as_str());
        let mut page =
            html::read_with_charset(&payload, url, charset.as_deref()).map_err(page_err)?;
        page.meta.published.get_or_insert_with(|| captured.clone());
        Ok(Some(Some(WarcPage {
            number,
            offset,
            uri,
            captured,
            page,
        })))
    }
}

impl<R: Read> Iterator for Pages<R> {
    type Item = Result<WarcPage, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(None)) => self.summary.skipped += 1,
                Ok(Some(Some(page))) => {
                    self.summary.pages += 1;
                    return Some(Ok(page));
                }
                Err(e) => {
                    self.summary.errors += 1;
                    if matches!(e, Error::WarcStream { .. }) {
                        self.done = true;
                    }
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

/// The longest header block accepted; real ones are well under 2 KB, and
/// a record start in the middle of binary data must not swallow the rest.
const MAX_WARC_HEAD: usize = 64 * 1024;

/// A record's header block, parsed by the `warc` crate's parser.
struct RecordHead {
    fields: Vec<(String, String)>,
    content_length: u64,
}

impl RecordHead {
    /// Parses a header block (version line to blank line, inclusive).
    fn parse(block: &[u8]) -> Result<Self, String> {
        let (_, (_version, fields, length)) = warc::parser::headers(block)
            .map_err(|_| "the record header does not parse".to_owned())?;
        let fields: Vec<(String, String)> = fields
            .into_iter()
            .map(|(k, v)| (k.to_owned(), String::from_utf8_lossy(v).trim().to_owned()))
            .collect();
        if !fields
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        {
            return Err("the record has no Content-Length".into());
        }
        Ok(RecordHead {
            fields,
            content_length: length as u64,
        })
    }

    /// The first value of header `name` (case-insensitive), if any.
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTTP response's decoded body and its declared charset.
type Payload = (Vec<u8>, Option<String>);

/// The HTML inside an HTTP response: `Ok(None)` when the response is not a
/// successful HTML page (redirect, error, image...), which is skipped, not
/// an error. Chunked transfer and gzip, deflate and brotli content encodings
/// are undone.
/// The charset the response declares comes along.
fn http_payload(content: &[u8]) -> Result<Option<Payload>, Error> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let head = match response.parse(content) {
        Ok(httparse::Status::Complete(n)) => n,
        _ => return Err(Error::BadHttp),
    };
    if !response.code.is_some_and(|c| (200..300).contains(&c)) {
        return Ok(None);
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let body = &content[head..];
    let content_type = header("content-type");
    let is_html = match &content_type {
        Some(t) => t.contains("html"),
        None => body.trim_ascii_start().first() == Some(&b'<'),
    };
    let charset = content_type.as_deref().and_then(charset_of);
    if !is_html {
        return Ok(None);
    }
    let body = if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        dechunk(body)
    } else {
        body.to_vec()
    };
    let body = match header("content-encoding").as_deref().map(str::trim) {
        None | Some("" | "identity") => body,
        Some("gzip" | "x-gzip") => decode::gunzip_capped(&body, MAX_HTML_BYTES + 1)?,
        Some("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(body.as_slice())
                .take(MAX_HTML_BYTES as u64 + 1)
                .read_to_end(&mut out)
                .map_err(Error::Gzip)?;
            out
        }
        Some("br") => decode::unbrotli_capped(&body, MAX_HTML_BYTES + 1)?,
        // Others (zstd, compress): not readable here.
        Some(_) => return Ok(None),
    };
    Ok(Some((body, charset)))
}

/// The `charset` parameter of a Content-Type value, if any.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Undoes HTTP chunked transfer coding; a cut-off last chunk keeps what
/// arrived, since archives often store truncated captures.
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    while let Some(eol) = data.iter().position(|&b| b == b'\n') {
        let size_line = String::from_utf8_lossy(&data[..eol]);
        let size_hex = size_line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            break;
        };
        data = &data[eol + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(data.len());
        out.extend_from_slice(&data[..take]);
        data = &data[take..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
    out
}

/// A buffered reader that counts the bytes consumed (for error offsets) and
/// can look a few bytes ahead across buffer refills (to find record starts).
struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    offset: u64,
}

impl<R: Read> Input<R> {
    const CHUNK: usize = 64 * 1024;

    fn new(inner: R) -> Self {
        Input {
            inner,
            buf: Vec::new(),
            pos: 0,
            offset: 0,
        }
    }

    /// The next `n` bytes without consuming them (fewer at the end).
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.buf.len() - self.pos < n {
            if self.pos > 0 {
                self.buf.drain(..self.pos);
                self.pos = 0;
            }
            let have = self.buf.len();
            self.buf.resize(have + Self::CHUNK, 0);
            let got = loop {
                match self.inner.read(&mut self.buf[have..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            self.buf.truncate(have + *got.as_ref().unwrap_or(&0));
            if got? == 0 {
                break;
            }
        }
        let end = (self.pos + n).min(self.buf.len());
        Ok(&self.buf[self.pos..end])
    }

    /// Reads a record's header block up to and including its blank line:
    /// `Ok(None)` when the data ends first, an `InvalidData` error when it
    /// runs past [`MAX_WARC_HEAD`].
    fn header_block(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut block = Vec::new();
        loop {
            let start = block.len();
            if start > MAX_WARC_HEAD {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the record header has no end",
                ));
            }
            let n = (&mut *self)
                .take((MAX_WARC_HEAD + 1 - start) as u64)
                .read_until(b'\n', &mut block)?;
            if n == 0 {
                return Ok(None);
            }
            if !block.ends_with(b"\n") {
                if block.len() > MAX_WARC_HEAD {
                    continue;
                }
                return Ok(None);
            }
            let line = &block[start..];
            if line == b"\r\n" || line == b"\n" {
                return Ok(Some(block));
            }
        }
    }

    /// Skips empty lines between records (some writers add extra ones).
    fn skip_blank_lines(&mut self) -> io::Result<()> {
        loop {
            let head = self.peek(2)?;
            if head.starts_with(b"\r\n") {
                self.consume(2);
            } else if head.starts_with(b"\n") {
                self.consume(1);
            } else {
                return Ok(());
            }
        }
    }

    /// Consumes the blank lines that close a record; false when something
    /// else follows the body (a wrong Content-Length). The end of the data
    /// is accepted, so a last record missing its final newlines still counts.
    fn end_of_record(&mut self) -> io::Result<bool> {
        let head = self.peek(4)?;
        let ok = head.is_empty() || head.starts_with(b"\r\n") || head.starts_with(b"\n");
        if ok {
            self.skip_blank_lines()?;
        }
        Ok(ok)
    }

    /// Skips to the start of the next line that begins with `WARC/`, or to
    /// the end of the data.
    fn resync(&mut self) -> io::Result<()> {
        loop {
            // Finish the current line.
            loop {
                let buf = self.fill_buf()?;
                if buf.is_empty() {
                    return Ok(());
                }
                match buf.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        self.consume(i + 1);
                        break;
                    }
                    None => {
                        let n = buf.len();
                        self.consume(n);
                    }
                }
            }
            let head = self.peek(5)?;
            if head.is_empty() || head.starts_with(b"WARC/") {
                return Ok(());
            }
        }
    }
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.buf.len() {
            self.buf.clear();
            self.pos = 0;
            self.peek(1)?;
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.buf.len() - self.pos);
        self.pos += n;
        self.offset += n as u64;
    }
}
