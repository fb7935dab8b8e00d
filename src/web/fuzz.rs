//! Property tests: no input makes the readers panic or loop.
//!
//! Panics inside the extraction libraries are caught and turned into
//! [`Error::Extractor`](super::Error::Extractor); these tests check that
//! everything else (decoding, gzip, WARC framing, HTTP parsing) holds up on
//! random bytes and on cut or damaged versions of real-looking input.

use std::io::Write;

use flate2::{Compression, write::GzEncoder};
use proptest::prelude::*;

use super::html;
use super::warc::Pages;

const PAGE: &str = include_str!("testdata/election.html");

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn archive() -> Vec<u8> {
    let body = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{PAGE}",
        PAGE.len()
    );
    let mut out = Vec::new();
    for (i, block) in ["software: t\r\n", body.as_str(), body.as_str()]
        .iter()
        .enumerate()
    {
        let kind = if i == 0 { "warcinfo" } else { "response" };
        let ct = if i == 0 {
            "application/warc-fields"
        } else {
            "application/http; msgtype=response"
        };
        out.extend(
            format!(
                "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:x:{i}>\r\n\
                 WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: https://t.example/{i}\r\n\
                 Content-Type: {ct}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
                block.len()
            )
            .into_bytes(),
        );
    }
    out
}

/// Drains the iterator, checking it ends within a bound set by the input
/// and that its counts add up.
fn drain(data: &[u8]) {
    let mut pages = Pages::new(data);
    let mut items = 0u64;
    for _ in pages.by_ref() {
        items += 1;
        assert!(items <= data.len() as u64 + 1, "iteration does not end");
    }
    let s = pages.summary();
    assert_eq!(s.pages + s.errors, items);
    assert!(s.pages + s.skipped <= s.records);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = html::read(&data, None);
        let _ = html::read(&data, Some("https://x.example/a.html.gz"));
        drain(&data);
    }

    #[test]
    fn cut_pages_never_panic(cut in 0..PAGE.len()) {
        let bytes = &PAGE.as_bytes()[..cut];
        let _ = html::read(bytes, None);
        let zipped = gz(PAGE.as_bytes());
        let _ = html::read(&zipped[..cut.min(zipped.len())], None);
    }

    #[test]
    fn cut_or_damaged_archives_never_panic(
        cut in 0usize..10_000,
        flips in proptest::collection::vec((0usize..10_000, any::<u8>()), 0..8),
    ) {
        let mut data = archive();
        for (at, byte) in flips {
            let i = at % data.len();
            data[i] = byte;
        }
        data.truncate(cut.min(data.len()));
        drain(&data);
        let zipped = gz(&data);
        let half = &zipped[..zipped.len() / 2];
        for _ in Pages::new(flate2::read::MultiGzDecoder::new(half)) {}
    }
}
