//! JSON Lines: one article a line.
//!
//! Each line is an object with `text` and optionally `id`, `outlet` (or
//! `publisher`), `url`, `published`, `title`, `byline`, `dateline`, `origin`
//! (or `wire`); other keys (a gold file's `statements`, say) are ignored, so
//! annotated corpora can be read as they are. Blank lines are skipped. A bad
//! line is reported with its number and the rest of the file is read.

use std::io::BufRead;
use std::path::Path;

use serde::Deserialize;

use super::sidecar::MetaFields;
use super::{Input, InputError, Item, Origin, Reader};

/// Reads `.jsonl` files.
pub struct JsonlReader;

/// One record's fields: those of [`MetaFields`] spelled out rather than
/// `#[serde(flatten)]`ed, since flattening buffers every other key's value
/// (a gold file's `statements`, as long as the text) as a tree before
/// dropping it; unknown keys are now skipped as they are parsed.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    outlet: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    published: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    dateline: Option<String>,
    origin: Option<String>,
    wire: Option<String>,
    lang: Option<String>,
    language: Option<String>,
}

impl Record {
    /// The metadata fields, as [`MetaFields`] reads them.
    fn meta(&mut self) -> MetaFields {
        MetaFields {
            outlet: self.outlet.take(),
            publisher: self.publisher.take(),
            url: self.url.take(),
            published: self.published.take(),
            title: self.title.take(),
            byline: self.byline.take(),
            dateline: self.dateline.take(),
            origin: self.origin.take(),
            wire: self.wire.take(),
            lang: self.lang.take(),
            language: self.language.take(),
        }
    }
}

impl Reader for JsonlReader {
    fn name(&self) -> &'static str {
        "jsonl"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["jsonl"]
    }

    fn sniff(&self, bytes: &[u8]) -> bool {
        looks_like_jsonl(bytes)
    }

    fn read(&self, path: &Path, bytes: Vec<u8>, emit: &mut dyn FnMut(Item) -> bool) {
        if let Some(offset) = memchr::memchr(0, &bytes) {
            emit(Err(InputError::Binary {
                path: path.to_owned(),
                offset,
            }));
            return;
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            emit(Err(InputError::Empty {
                path: path.to_owned(),
            }));
            return;
        }
        let mut offset = 0;
        // Lines found with memchr: splitting with a closure looked at every
        // byte of the file one at a time.
        let lines = memchr::memchr_iter(b'\n', &bytes)
            .map(|at| at + 1)
            .chain((bytes.last() != Some(&b'\n')).then_some(bytes.len()))
            .scan(0, |from, to| {
                let line = &bytes[*from..to];
                *from = to;
                Some(line)
            });
        for (i, raw) in lines.enumerate() {
            let line_no = i + 1;
            let start = offset;
            offset += raw.len();
            let mut raw = raw;
            if i == 0 && raw.starts_with(b"\xEF\xBB\xBF") {
                raw = &raw[3..];
            }
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if !emit(read_line(path, line_no, start, raw)) {
                return;
            }
        }
    }
}

/// Reads JSONL from a stream line by line, emitting each record as soon as
/// its line has been read, so `tail -f feed.jsonl | quotetrail ingest -`
/// stores articles as they come rather than at the end of input.
pub fn read_stream(path: &Path, mut input: impl BufRead, emit: &mut dyn FnMut(Item) -> bool) {
    let mut raw = Vec::new();
    let mut offset = 0;
    let mut line_no = 0;
    loop {
        raw.clear();
        let n = match input.read_until(b'\n', &mut raw) {
            Ok(0) => return,
            Ok(n) => n,
            Err(source) => {
                emit(Err(InputError::Read {
                    path: path.to_owned(),
                    source,
                }));
                return;
            }
        };
        line_no += 1;
        let start = offset;
        offset += n;
        let mut line = raw.as_slice();
        if line_no == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line = &line[3..];
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let item = match memchr::memchr(0, line) {
            Some(at) => Err(InputError::Binary {
                path: path.to_owned(),
                offset: start + at,
            }),
            None => read_line(path, line_no, start, line),
        };
        if !emit(item) {
            return;
        }
    }
}

fn read_line(path: &Path, line: usize, start: usize, raw: &[u8]) -> Item {
    let text = std::str::from_utf8(raw).map_err(|e| InputError::NotUtf8 {
        path: path.to_owned(),
        line: Some(line),
        offset: start + e.valid_up_to(),
    })?;
    let bad = |message: String| InputError::BadRecord {
        path: path.to_owned(),
        line,
        message,
    };
    let mut record: Record = serde_json::from_str(text.trim_end())
        .map_err(|e| bad(e.to_string().replace(" at line 1 column ", " at column ")))?;
    if record.text.trim().is_empty() {
        return Err(bad("empty \"text\"".to_owned()));
    }
    let id = match record.id.take() {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    };
    let meta = record.meta().into_meta();
    Ok(Input {
        origin: Origin::Record {
            file: path.to_owned(),
            line,
            id,
        },
        body: record.text,
        meta,
    })
}

/// Whether standard input looks like JSONL: its first non-blank line is a
/// JSON object.
pub fn looks_like_jsonl(bytes: &[u8]) -> bool {
    let Some(first) = bytes
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
    else {
        return false;
    };
    let first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    first.trim_ascii_start().starts_with(b"{")
        && serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(first).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Vec<Item> {
        let mut out = Vec::new();
        JsonlReader.read(Path::new("x.jsonl"), bytes.to_vec(), &mut |i| {
            out.push(i);
            true
        });
        out
    }

    #[test]
    fn reads_records_with_aliases() {
        let items = read_all(
            b"{\"id\": \"a\", \"text\": \"Hi.\", \"publisher\": \"p\", \"wire\": \"AP\", \"statements\": []}\n\n{\"id\": 7, \"text\": \"Yo.\"}\n",
        );
        assert_eq!(items.len(), 2);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.meta.outlet.as_deref(), Some("p"));
        assert_eq!(a.meta.origin.as_deref(), Some("AP"));
        let b = items[1].as_ref().unwrap();
        assert_eq!(
            b.origin,
            Origin::Record {
                file: "x.jsonl".into(),
                line: 3,
                id: Some("7".into())
            }
        );
    }

    #[test]
    fn bad_lines_are_numbered_and_the_rest_is_read() {
        let items = read_all(
            b"{\"text\": \"ok\"}\n{\"text\": \nnot json\n{\"x\":1}\n{\"text\":\"a\xFF\"}\n",
        );
        let msgs: Vec<String> = items
            .iter()
            .map(|i| match i {
                Ok(_) => "ok".into(),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(msgs[0], "ok");
        assert!(msgs[1].starts_with("x.jsonl:2: "), "{}", msgs[1]);
        assert!(msgs[2].starts_with("x.jsonl:3: "), "{}", msgs[2]);
        assert!(msgs[3].contains("missing field `text`"), "{}", msgs[3]);
        assert_eq!(msgs[4], "x.jsonl:5: invalid UTF-8 at byte offset 52");
    }

    #[test]
    fn streams_give_the_same_records() {
        let bytes =
            b"{\"id\": \"a\", \"text\": \"Hi.\"}\n\nnot json\n{\"id\": \"b\", \"text\": \"Yo.\"}";
        let mut streamed = Vec::new();
        read_stream(Path::new("x.jsonl"), &bytes[..], &mut |i| {
            streamed.push(i.map_err(|e| e.to_string()));
            true
        });
        let whole: Vec<_> = read_all(bytes)
            .into_iter()
            .map(|i| i.map_err(|e| e.to_string()))
            .collect();
        assert_eq!(streamed.len(), 3);
        assert_eq!(format!("{streamed:?}"), format!("{whole:?}"));
    }

    #[test]
    fn sniffs_stdin() {
        assert!(looks_like_jsonl(b"\n{\"text\": \"x\"}\n"));
        assert!(!looks_like_jsonl(b"{Not json} at all"));
        assert!(!looks_like_jsonl(b"Plain text."));
    }
}
