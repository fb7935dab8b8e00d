//! The compact binary form records take as sled values.
//!
//! Ingest writes tens of thousands of records a second, so values are not
//! JSON but a plain field sequence: strings as a LEB128 length and UTF-8
//! bytes, optional strings as a `0`/`1` tag and the string, integers as
//! LEB128, ids as their 32 raw bytes, enums as one byte. Fields are written
//! in declaration order. The first byte is a format version so a later
//! change can be read side by side with this one.
//!
//! This form is *not* what ids hash (see [`crate::id`]): ids hash canonical
//! text, values keep the text exactly as given (an article body must keep
//! its bytes so appearance offsets stay true). A read decodes the value and
//! recomputes the id from the record, which catches damage to either.

use std::borrow::Cow;

use crate::extractor::ExtractorVersion;
use crate::id::Id;
use crate::record::{Appearance, Article, Kind, Statement, WireSource};

/// The value format version, the first byte of every value. Format 2
/// (schema 5) stores no appearance text: it is the article body at the
/// appearance's span. Format 1 is read only to migrate older stores.
const FORMAT: u8 = 2;

/// The first byte of an appearance list that records the extractor which
/// made it: the 16 bytes of its [`ExtractorVersion`] follow, then the list
/// as format 2 writes it. A list without a version is still written and
/// read as format 2 (unrecorded), so schema 5 stores written before
/// versions were recorded read as they are, without a migration.
const VERSIONED_LIST: u8 = 3;

/// The format of schema 3 and 4 values, whose appearances carry their text
/// and whose article bodies are plain strings.
const LEGACY_FORMAT: u8 = 1;

/// Bodies shorter than this are stored as they are: a zstd frame's fixed
/// cost would eat the saving.
const COMPRESS_FROM: usize = 256;

/// zstd's level: 3 is its default, fast to write and to read.
const ZSTD_LEVEL: i32 = 3;

/// A compressor and a decompressor per thread. Making a zstd context
/// costs about as much as unpacking a whole article: reading ten
/// statements' appearances spent a tenth of its time creating them.
struct Zstd {
    compressor: zstd::bulk::Compressor<'static>,
    decompressor: zstd::bulk::Decompressor<'static>,
}

impl Zstd {
    fn compress(&mut self, data: &[u8]) -> std::io::Result<Vec<u8>> {
        self.compressor.compress(data)
    }

    fn decompress(&mut self, data: &[u8], capacity: usize) -> std::io::Result<Vec<u8>> {
        self.decompressor.decompress(data, capacity)
    }
}

thread_local! {
    static ZSTD: std::cell::RefCell<Option<Zstd>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with this thread's zstd contexts, made on first use.
fn with_zstd<T>(f: impl FnOnce(&mut Zstd) -> std::io::Result<T>) -> std::io::Result<T> {
    ZSTD.with(|cell| {
        let mut slot = cell.borrow_mut();
        let z = match slot.as_mut() {
            Some(z) => z,
            None => slot.insert(Zstd {
                compressor: zstd::bulk::Compressor::new(ZSTD_LEVEL)?,
                decompressor: zstd::bulk::Decompressor::new()?,
            }),
        };
        f(z)
    })
}

/// No stored body is larger than this (ingest refuses pages past 8 MiB):
/// a damaged length can't make a read allocate more.
const MAX_BODY: usize = 256 << 20;

/// Why a value does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeError(pub(crate) &'static str);

type Decoded<T> = Result<T, DecodeError>;

/// Appends fields to a value.
struct Encoder(Vec<u8>);

impl Encoder {
    fn new(capacity: usize) -> Encoder {
        let mut buf = Vec::with_capacity(capacity + 16);
        buf.push(FORMAT);
        Encoder(buf)
    }

    fn uint(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            None => self.0.push(0),
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
        }
    }

    fn id(&mut self, id: &Id) {
        self.0.extend_from_slice(id.as_bytes());
    }

    /// An article body: a tag, then the text as it is (`0`) or its length
    /// and its zstd compression (`1`), whichever is smaller. News text
    /// compresses about threefold, and bodies are most of a store.
    fn body(&mut self, body: &str) {
        if body.len() >= COMPRESS_FROM {
            if let Ok(packed) = with_zstd(|z| z.compress(body.as_bytes())) {
                if packed.len() < body.len() {
                    self.0.push(1);
                    self.uint(body.len() as u64);
                    self.uint(packed.len() as u64);
                    self.0.extend_from_slice(&packed);
                    return;
                }
            }
        }
        self.0.push(0);
        self.str(body);
    }

    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
}

/// Reads fields back in the order they were written.
struct Decoder<'a>(&'a [u8]);

impl<'a> Decoder<'a> {
    fn new(value: &'a [u8]) -> Decoded<Decoder<'a>> {
        Decoder::of_format(value, FORMAT)
    }

    /// A decoder past an appearance list's header (its format byte and,
    /// when it has one, its extractor version), with that version.
    fn list(value: &'a [u8]) -> Decoded<(Option<ExtractorVersion>, Decoder<'a>)> {
        match value.split_first() {
            Some((&VERSIONED_LIST, rest)) => {
                let mut d = Decoder(rest);
                let bytes = d.take(ExtractorVersion::LEN)?;
                let version =
                    ExtractorVersion::from_slice(bytes).ok_or(DecodeError("value is truncated"))?;
                Ok((Some(version), d))
            }
            _ => Ok((None, Decoder::new(value)?)),
        }
    }

    fn of_format(value: &'a [u8], format: u8) -> Decoded<Decoder<'a>> {
        match value.split_first() {
            Some((&f, rest)) if f == format => Ok(Decoder(rest)),
            Some(_) => Err(DecodeError("unknown value format")),
            None => Err(DecodeError("empty value")),
        }
    }

    fn take(&mut self, n: usize) -> Decoded<&'a [u8]> {
        if n > self.0.len() {
            return Err(DecodeError("value is truncated"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn byte(&mut self) -> Decoded<u8> {
        Ok(self.take(1)?[0])
    }

    fn uint(&mut self) -> Decoded<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(DecodeError("integer is too long"))
    }

    fn usize(&mut self) -> Decoded<usize> {
        usize::try_from(self.uint()?).map_err(|_| DecodeError("integer is too large"))
    }

    fn str(&mut self) -> Decoded<String> {
        self.borrowed_str().map(str::to_owned)
    }

    fn borrowed_str(&mut self) -> Decoded<&'a str> {
        let len = self.usize()?;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes).map_err(|_| DecodeError("text is not UTF-8"))
    }

    /// Passes over one format 2 appearance's fields after its id.
    fn skip_appearance(&mut self) -> Decoded<()> {
        self.id()?;
        self.usize()?;
        self.usize()?;
        self.skip_opt()?;
        self.byte().map(drop)
    }

    /// Passes over a string without reading it out.
    fn skip_str(&mut self) -> Decoded<()> {
        let len = self.usize()?;
        self.take(len).map(drop)
    }

    fn skip_opt(&mut self) -> Decoded<()> {
        match self.byte()? {
            0 => Ok(()),
            1 => self.skip_str(),
            _ => Err(DecodeError("bad optional tag")),
        }
    }

    fn opt(&mut self) -> Decoded<Option<String>> {
        match self.byte()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err(DecodeError("bad optional tag")),
        }
    }

    fn id(&mut self) -> Decoded<Id> {
        Id::from_slice(self.take(32)?).ok_or(DecodeError("value is truncated"))
    }

    /// An article body as [`Encoder::body`] wrote it.
    fn body(&mut self) -> Decoded<Cow<'a, str>> {
        match self.byte()? {
            0 => self.borrowed_str().map(Cow::Borrowed),
            1 => {
                let len = self.usize()?;
                if len > MAX_BODY {
                    return Err(DecodeError("body length is implausible"));
                }
                let packed_len = self.usize()?;
                let packed = self.take(packed_len)?;
                let raw = with_zstd(|z| z.decompress(packed, len))
                    .map_err(|_| DecodeError("compressed body does not decompress"))?;
                if raw.len() != len {
                    return Err(DecodeError("compressed body has the wrong length"));
                }
                String::from_utf8(raw)
                    .map(Cow::Owned)
                    .map_err(|_| DecodeError("text is not UTF-8"))
            }
            _ => Err(DecodeError("unknown body encoding")),
        }
    }

    fn finish(self) -> Decoded<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DecodeError("trailing bytes after the last field"))
        }
    }
}

pub(crate) fn encode_article(a: &Article) -> Vec<u8> {
    let mut e = Encoder::new(a.body.len() + 128);
    e.opt(a.outlet.as_deref());
    e.opt(a.url.as_deref());
    e.opt(a.published.as_deref());
    e.body(&a.body);
    e.opt(a.title.as_deref());
    e.opt(a.byline.as_deref());
    e.opt(a.dateline.as_deref());
    e.opt(a.origin.as_deref());
    e.opt(a.source.as_deref());
    e.opt(a.lang.as_deref());
    e.0
}

pub(crate) fn decode_article(value: &[u8]) -> Decoded<Article> {
    article_fields(Decoder::new(value)?, true)
}

/// An article of a schema 3 or 4 store (the fields are the same; the body
/// is a plain string).
pub(crate) fn decode_legacy_article(value: &[u8]) -> Decoded<Article> {
    article_fields(Decoder::of_format(value, LEGACY_FORMAT)?, false)
}

/// The body of a stored article, without reading out the other fields: an
/// appearance's text is a slice of it.
pub(crate) fn decode_body(value: &[u8]) -> Decoded<Cow<'_, str>> {
    let mut d = Decoder::new(value)?;
    d.skip_opt()?;
    d.skip_opt()?;
    d.skip_opt()?;
    d.body()
}

/// The publication date of a stored article, without unpacking its body:
/// what a listing in date order sorts by.
pub(crate) fn decode_published(value: &[u8]) -> Decoded<Option<String>> {
    let mut d = Decoder::new(value)?;
    d.skip_opt()?;
    d.skip_opt()?;
    d.opt()
}

fn article_fields(mut d: Decoder<'_>, packed_body: bool) -> Decoded<Article> {
    let a = Article {
        outlet: d.opt()?,
        url: d.opt()?,
        published: d.opt()?,
        body: if packed_body {
            d.body()?.into_owned()
        } else {
            d.str()?
        },
        title: d.opt()?,
        byline: d.opt()?,
        dateline: d.opt()?,
        origin: d.opt()?,
        source: d.opt()?,
        // Absent in values written before the field existed.
        lang: if d.0.is_empty() { None } else { d.opt()? },
    };
    d.finish()?;
    Ok(a)
}

pub(crate) fn encode_statement(s: &Statement) -> Vec<u8> {
    let mut e = Encoder::new(s.text.len() + 64);
    e.byte(match s.kind {
        Kind::Quote => 0,
        Kind::Claim => 1,
    });
    e.str(&s.text);
    e.opt(s.speaker.as_deref());
    e.opt(s.outlet.as_deref());
    e.opt(s.wire.as_deref());
    e.0
}

pub(crate) fn decode_statement(value: &[u8]) -> Decoded<Statement> {
    statement_fields(Decoder::new(value)?)
}

/// A statement of a schema 3 or 4 store (the fields are the same).
pub(crate) fn decode_legacy_statement(value: &[u8]) -> Decoded<Statement> {
    statement_fields(Decoder::of_format(value, LEGACY_FORMAT)?)
}

fn statement_fields(mut d: Decoder<'_>) -> Decoded<Statement> {
    let kind = match d.byte()? {
        0 => Kind::Quote,
        1 => Kind::Claim,
        _ => return Err(DecodeError("unknown statement kind")),
    };
    let s = Statement {
        kind,
        text: d.str()?,
        speaker: d.opt()?,
        outlet: d.opt()?,
        wire: d.opt()?,
    };
    d.finish()?;
    Ok(s)
}

/// An article's appearances, the value under `0x03 ++ article id`: the
/// version of the extractor that made them when it is known
/// ([`VERSIONED_LIST`]), their count, then for each its id, then its fields
/// in declaration order except the article, which the key gives. The
/// stored id lets a lookup find one appearance without hashing the others,
/// and lets a read check each against it.
pub(crate) fn encode_appearances<'a>(
    extractor: Option<&ExtractorVersion>,
    list: impl ExactSizeIterator<Item = (&'a Id, &'a Appearance)>,
) -> Vec<u8> {
    let mut e = Encoder::new(list.len() * 160 + ExtractorVersion::LEN);
    if let Some(version) = extractor {
        e.0[0] = VERSIONED_LIST;
        e.0.extend_from_slice(version.as_bytes());
    }
    e.uint(list.len() as u64);
    for (id, a) in list {
        e.id(id);
        e.id(&a.statement);
        e.uint(a.start as u64);
        e.uint(a.end as u64);
        e.opt(a.speaker_mention.as_deref());
        e.byte(match a.wire_source {
            WireSource::None => 0,
            WireSource::Text => 1,
            WireSource::Inferred => 2,
        });
    }
    e.0
}

/// Decodes the appearances of `article`, whose body is `body`, with the
/// ids they are stored under (not re-hashed here). Each one's text is its
/// span of the body; a span that is not one fails.
pub(crate) fn decode_appearances(
    article: &Id,
    body: &str,
    value: &[u8],
) -> Decoded<Vec<(Id, Appearance)>> {
    appearance_list(Decoder::list(value)?.1, value.len(), |d| {
        appearance_fields(d, article, Text::Body(body))
    })
}

/// The version of the extractor that made an appearance list, reading only
/// its header; `None` when it was not recorded.
pub(crate) fn list_extractor(value: &[u8]) -> Decoded<Option<ExtractorVersion>> {
    Decoder::list(value).map(|(version, _)| version)
}

/// The appearances of a schema 3 or 4 store, which carry their text, with
/// the ids they were stored under then.
pub(crate) fn decode_legacy_appearances(
    article: &Id,
    value: &[u8],
) -> Decoded<Vec<(Id, Appearance)>> {
    let d = Decoder::of_format(value, LEGACY_FORMAT)?;
    appearance_list(d, value.len(), |d| {
        appearance_fields(d, article, Text::Stored)
    })
}

fn appearance_list(
    mut d: Decoder<'_>,
    size: usize,
    mut fields: impl FnMut(&mut Decoder<'_>) -> Decoded<Appearance>,
) -> Decoded<Vec<(Id, Appearance)>> {
    let count = d.usize()?;
    // Each record takes at least 67 bytes: no count can make this allocate
    // more than the value's size.
    let mut out = Vec::with_capacity(count.min(size / 67));
    for _ in 0..count {
        let id = d.id()?;
        out.push((id, fields(&mut d)?));
    }
    d.finish()?;
    Ok(out)
}

/// The appearance stored under `id` in the list of `article`, reading out
/// only that one: a lookup by id (matching does many) need not allocate
/// the others' text. The whole list is still walked, so a damaged list
/// fails whatever is looked up.
pub(crate) fn find_appearance(
    article: &Id,
    body: &str,
    value: &[u8],
    id: &Id,
) -> Decoded<Option<Appearance>> {
    let (_, mut d) = Decoder::list(value)?;
    let count = d.usize()?;
    let mut found = None;
    for _ in 0..count {
        let stored = d.id()?;
        if found.is_none() && stored == *id {
            found = Some(appearance_fields(&mut d, article, Text::Body(body))?);
            continue;
        }
        d.skip_appearance()?;
    }
    d.finish()?;
    Ok(found)
}

/// The ids in an article's appearance list, without their records (to
/// resolve an id prefix, which needs no text).
pub(crate) fn appearance_ids(value: &[u8]) -> Decoded<Vec<Id>> {
    let (_, mut d) = Decoder::list(value)?;
    let count = d.usize()?;
    let mut out = Vec::with_capacity(count.min(value.len() / 67));
    for _ in 0..count {
        out.push(d.id()?);
        d.skip_appearance()?;
    }
    d.finish()?;
    Ok(out)
}

/// A format 1 article, as schema 3 and 4 wrote it (for tests of the
/// migration).
#[cfg(test)]
pub(crate) fn encode_legacy_article(a: &Article) -> Vec<u8> {
    let mut e = Encoder(vec![LEGACY_FORMAT]);
    e.opt(a.outlet.as_deref());
    e.opt(a.url.as_deref());
    e.opt(a.published.as_deref());
    e.str(&a.body);
    for f in [
        &a.title,
        &a.byline,
        &a.dateline,
        &a.origin,
        &a.source,
        &a.lang,
    ] {
        e.opt(f.as_deref());
    }
    e.0
}

/// A format 1 appearance list, as schema 3 and 4 wrote it (for tests of
/// the migration).
#[cfg(test)]
pub(crate) fn encode_legacy_appearances(list: &[(Id, Appearance)]) -> Vec<u8> {
    let mut e = Encoder(vec![LEGACY_FORMAT]);
    e.uint(list.len() as u64);
    for (id, a) in list {
        e.id(id);
        e.id(&a.statement);
        e.uint(a.start as u64);
        e.uint(a.end as u64);
        e.str(&a.text);
        e.opt(a.speaker_mention.as_deref());
        e.byte(a.wire_source as u8);
    }
    e.0
}

/// Where an appearance's text comes from as it is decoded.
enum Text<'b> {
    /// The article body at the appearance's span (format 2).
    Body(&'b str),
    /// A string stored after the span (format 1).
    Stored,
}

/// An appearance's fields after its id.
fn appearance_fields(d: &mut Decoder<'_>, article: &Id, text: Text<'_>) -> Decoded<Appearance> {
    let statement = d.id()?;
    let start = d.usize()?;
    let end = d.usize()?;
    let text = match text {
        Text::Body(body) => body
            .get(start..end)
            .ok_or(DecodeError(
                "an appearance's span is not a span of its article's body",
            ))?
            .to_owned(),
        Text::Stored => d.str()?,
    };
    Ok(Appearance {
        statement,
        article: *article,
        start,
        end,
        text,
        speaker_mention: d.opt()?,
        wire_source: match d.byte()? {
            0 => WireSource::None,
            1 => WireSource::Text,
            2 => WireSource::Inferred,
            _ => return Err(DecodeError("unknown wire source")),
        },
    })
}

/// Every value decoder run over the same bytes, for the fuzz target
/// `store_values`: stored bytes are input too (a damaged disk), so each
/// must fail cleanly or decode, never panic or allocate past the input.
#[doc(hidden)]
pub fn fuzz_decoders(bytes: &[u8]) {
    let article = Id::of_fields("article", &["fuzz"]);
    let (body, rest) = bytes.split_at(bytes.len().min(64));
    let body = String::from_utf8_lossy(body);
    let _ = decode_article(rest);
    let _ = decode_body(rest);
    let _ = decode_statement(rest);
    let _ = decode_appearances(&article, &body, rest);
    let _ = find_appearance(&article, &body, rest, &article);
    let _ = appearance_ids(rest);
    let _ = list_extractor(rest);
    let _ = decode_legacy_article(rest);
    let _ = decode_legacy_statement(rest);
    let _ = decode_legacy_appearances(&article, rest);
    // The word index's values, and the words it hashes.
    let _ = crate::word_index::Manifest::decode(rest);
    let _ = crate::word_index::decode_chunk(rest);
    let _ = crate::words::query(&body);
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
