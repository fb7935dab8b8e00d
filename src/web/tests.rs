//! Behaviour tests for the web readers, on pages and archives written for
//! these tests (`testdata/`), never on third-party text.

use std::io::Write;

use flate2::{Compression, write::GzEncoder};

use super::Error;
use super::html::{self, Page};
use super::warc::{Pages, Summary};
use crate::extract::{self, ArticleMeta};

const HARBOUR_HTML: &str = include_str!("testdata/harbour.html");
const HARBOUR_TXT: &str = include_str!("testdata/harbour.txt");
const ELECTION_HTML: &str = include_str!("testdata/election.html");
const ELECTION_TXT: &str = include_str!("testdata/election.txt");
const FESTIVAL_HTML: &str = include_str!("testdata/festival.html");
const FESTIVAL_TXT: &str = include_str!("testdata/festival.txt");

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn read(html: &str) -> Page {
    html::read(html.as_bytes(), None).unwrap_or_else(|e| panic!("page did not read: {e}"))
}

/// The statements a user would see: kind, words, speaker.
fn statements(body: &str, meta: &ArticleMeta) -> Vec<(String, String, Option<String>)> {
    extract::extract(body, meta)
        .statements
        .into_iter()
        .map(|s| (format!("{:?}", s.kind), s.text, s.speaker))
        .collect()
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn assert_same_article(html: &str, text: &str) {
    let page = read(html);
    // Every paragraph of the article, in order; at most a short furniture
    // line ("Advertisement") besides.
    let body = paragraphs(&page.body);
    let mut want = paragraphs(text).into_iter().peekable();
    for p in &body {
        if want.peek() == Some(p) {
            want.next();
        } else {
            assert!(
                p.split_whitespace().count() <= 3,
                "extra text {p:?} in\n{}",
                page.body
            );
        }
    }
    assert_eq!(want.next(), None, "paragraph missing from\n{}", page.body);
    let meta = page.meta.to_article_meta();
    let from_html = statements(&page.body, &meta);
    let from_text = statements(text, &meta);
    assert!(!from_text.is_empty(), "fixture has no statements");
    assert_eq!(from_html, from_text);
}

#[test]
fn harbour_page_gives_the_clean_article_and_its_statements() {
    assert_same_article(HARBOUR_HTML, HARBOUR_TXT);
}

#[test]
fn election_page_gives_the_clean_article_and_its_statements() {
    assert_same_article(ELECTION_HTML, ELECTION_TXT);
}

#[test]
fn festival_page_gives_the_clean_article_and_its_statements() {
    assert_same_article(FESTIVAL_HTML, FESTIVAL_TXT);
}

#[test]
fn quotation_marks_and_paragraph_breaks_survive() {
    let page = read(HARBOUR_HTML);
    assert!(
        page.body
            .contains("\u{201c}We are not abandoning the harbour,\u{201d} Varga said.")
    );
    // The quote that runs over two paragraphs keeps its opening marks on
    // both and its break between them.
    assert!(
        page.body
            .contains("go with them.\n\n\u{201c}I have been here")
    );
    assert!(!page.body.contains("More from the coast"));
    assert!(!page.body.contains("cookies"));
}

#[test]
fn page_metadata_is_read() {
    let m = read(HARBOUR_HTML).meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Council votes to close old harbour to cargo ships")
    );
    assert_eq!(m.outlet.as_deref(), Some("The Merren Courier"));
    assert!(
        m.published
            .as_deref()
            .unwrap_or("")
            .starts_with("2024-03-12"),
        "{m:?}"
    );
    assert_eq!(m.author.as_deref(), Some("Priya Lang"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://courier.example/news/2024/03/harbour-closure")
    );
    assert_eq!(m.language.as_deref(), Some("en"));

    let m = read(ELECTION_HTML).meta;
    assert_eq!(m.outlet.as_deref(), Some("Northern Ledger"));
    assert!(
        m.published
            .as_deref()
            .unwrap_or("")
            .starts_with("2024-06-07"),
        "{m:?}"
    );
    assert_eq!(m.author.as_deref(), Some("Sam Ortiz"));

    let m = read(FESTIVAL_HTML).meta;
    assert_eq!(m.language.as_deref(), Some("fr"));
    assert_eq!(m.outlet.as_deref(), Some("Rhône Matin"));
}

#[test]
fn article_meta_takes_the_author_as_byline() {
    let meta = read(HARBOUR_HTML).meta.to_article_meta();
    assert_eq!(meta.byline.as_deref(), Some("Priya Lang"));
    assert_eq!(meta.outlet.as_deref(), Some("The Merren Courier"));
    assert_eq!(meta.dateline, None);
}

#[test]
fn hint_url_is_the_url_when_the_page_names_none() {
    let page = html::read(FESTIVAL_HTML.as_bytes(), Some("https://rhone.example/a/1")).unwrap();
    assert_eq!(page.meta.url.as_deref(), Some("https://rhone.example/a/1"));
}

#[test]
fn gzipped_page_reads_like_the_plain_one() {
    let plain = read(ELECTION_HTML);
    let zipped = html::read(&gz(ELECTION_HTML.as_bytes()), None).unwrap();
    assert_eq!(plain, zipped);
}

#[test]
fn latin1_page_is_decoded_by_its_declared_charset() {
    let page = ELECTION_HTML.replace("charset=\"utf-8\"", "charset=\"iso-8859-1\"");
    let page = page.replace("Okafor told", "Okafor r\u{e9}pondit,");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let read = html::read(&bytes, None).unwrap();
    assert!(read.body.contains("Okafor répondit,"), "{}", read.body);
}

#[test]
fn page_without_an_article_is_a_typed_error() {
    let page = r#"<html><head><title>Index</title></head><body>
        <nav><a href="/a">Home</a> <a href="/b">News</a> <a href="/c">Sport</a></nav>
        <footer><a href="/d">Contact</a></footer></body></html>"#;
    let err = html::read(page.as_bytes(), None).unwrap_err();
    assert!(matches!(err, Error::NoArticleBody), "{err}");
    assert_eq!(err.to_string(), "no article body found in the page");
}

#[test]
fn empty_and_binary_inputs_are_typed_errors() {
    assert!(matches!(html::read(b"", None), Err(Error::NotHtml)));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    let err = html::read(png, Some("https://x.example/photo.html")).unwrap_err();
    assert!(matches!(err, Error::Binary(_)), "{err}");
    assert!(err.to_string().starts_with("not an HTML page"));
}

#[test]
fn truncated_gzip_page_is_a_typed_error() {
    let data = gz(HARBOUR_HTML.as_bytes());
    let err = html::read(&data[..data.len() - 20], None).unwrap_err();
    assert!(matches!(err, Error::Gzip(_)), "{err}");
}

#[test]
fn truncated_html_still_gives_the_text_before_the_cut() {
    let cut = &HARBOUR_HTML[..HARBOUR_HTML.find("Fishing boats").unwrap() + 40];
    let page = read(cut);
    assert!(
        page.body.contains("Nobody wanted to say it out loud."),
        "{}",
        page.body
    );
}

#[test]
fn malformed_html_is_read() {
    let broken = HARBOUR_HTML
        .replace("</p>", "")
        .replace("</div>", "</span></td>")
        .replace(
            "<article class=\"story\">",
            "<article class=\"story\"><b><i>",
        );
    let page = read(&broken);
    assert!(
        page.body.contains("Nobody wanted to say it out loud."),
        "{}",
        page.body
    );
}

#[test]
#[ignore = "slow in debug builds: run with --release -- --ignored"]
fn fifty_megabyte_page_is_capped_not_fatal() {
    let mut page = String::from(HARBOUR_HTML.split("</main>").next().unwrap());
    let filler = "<div class=\"list\"><a href=\"/x\">Another listing entry here</a></div>\n";
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(filler);
    }
    let read = html::read(page.as_bytes(), None).unwrap();
    assert!(read.body.contains("Varga said"));
}

// ---- WARC ----

/// One WARC record with the given type, headers and block.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\n\
         WARC-Date: 2024-05-01T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len() ^ uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(content_type: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn html_response(uri: &str, html: &str) -> Vec<u8> {
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &http_response("text/html; charset=utf-8", "", html.as_bytes()),
    )
}

fn sample_archive() -> Vec<u8> {
    let mut warc = record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    );
    warc.extend(record(
        "request",
        "https://courier.example/h",
        "application/http; msgtype=request",
        b"GET /h HTTP/1.1\r\nHost: courier.example\r\n\r\n",
    ));
    warc.extend(html_response("https://courier.example/h", HARBOUR_HTML));
    warc.extend(record(
        "response",
        "https://courier.example/logo.png",
        "application/http; msgtype=response",
        &http_response("image/png", "", b"\x89PNG\r\n\x1a\n"),
    ));
    warc.extend(html_response("https://ledger.example/e", ELECTION_HTML));
    warc
}

#[test]
fn warc_html_responses_become_pages_and_the_rest_is_counted() {
    let archive = sample_archive();
    let mut pages = Pages::new(archive.as_slice());
    let got: Vec<_> = pages.by_ref().map(|p| p.unwrap()).collect();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].uri, "https://courier.example/h");
    assert_eq!(got[0].number, 3);
    assert_eq!(got[0].page, read(HARBOUR_HTML));
    // The election page names its canonical URL; its date comes from JSON-LD.
    assert_eq!(
        got[1].page.meta.url.as_deref(),
        Some("https://ledger.example/politics/boycott")
    );
    assert_eq!(
        pages.summary(),
        Summary {
            records: 5,
            pages: 2,
            skipped: 3,
            errors: 0
        }
    );
}

#[test]
fn warc_date_is_the_fallback_publication_date() {
    let undated = FESTIVAL_HTML.replace("article:published_time", "x-none");
    let warc = html_response("https://rhone.example/f", &undated);
    let page = Pages::new(warc.as_slice()).next().unwrap().unwrap();
    assert!(
        page.page
            .meta
            .published
            .unwrap()
            .starts_with("2024-05-01T08:00:00")
    );
}

#[test]
fn warc_gzip_per_record_and_chunked_gzip_http_bodies_read() {
    let mut body = Vec::new();
    let zipped = gz(HARBOUR_HTML.as_bytes());
    for chunk in zipped.chunks(1000) {
        body.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
        body.extend_from_slice(chunk);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"0\r\n\r\n");
    let mut head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n".to_vec();
    head.extend_from_slice(b"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n");
    head.extend(body);
    let rec = record(
        "response",
        "https://c.example/z",
        "application/http; msgtype=response",
        &head,
    );
    // Each record its own gzip member, as WARC writers do.
    let mut file = gz(&rec);
    file.extend(gz(&html_response(
        "https://ledger.example/e",
        ELECTION_HTML,
    )));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, &file).unwrap();
    let pages: Vec<_> = super::warc::open(&path)
        .unwrap()
        .map(|p| p.unwrap())
        .collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].page.body, read(HARBOUR_HTML).body);
}

#[test]
fn broken_warc_record_is_reported_and_reading_goes_on() {
    let mut warc = html_response("https://courier.example/h", HARBOUR_HTML);
    let broken_at = warc.len();
    // A record whose Content-Length is wrong (says 10, has more).
    warc.extend(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:x:1>\r\n");
    warc.extend(b"WARC-Date: 2024-05-01T08:00:00Z\r\nContent-Length: 10\r\n\r\n");
    warc.extend(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n\r\n");
    // Then plain garbage.
    warc.extend(b"this line is not a record\r\n\r\n");
    warc.extend(html_response("https://ledger.example/e", ELECTION_HTML));

    let mut pages = Pages::new(warc.as_slice());
    let items: Vec<_> = pages.by_ref().collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[0].is_ok());
    let err = items[1].as_ref().unwrap_err();
    assert!(matches!(err, Error::WarcRecord { number: 2, .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("WARC record 2 at byte {broken_at}:")),
        "{err}"
    );
    assert_eq!(items[2].as_ref().unwrap().uri, "https://ledger.example/e");
    assert_eq!(pages.summary().errors, 1);
    assert_eq!(pages.summary().pages, 2);
}

#[test]
fn truncated_warc_gz_ends_with_an_error_not_a_panic() {
    let file = gz(&sample_archive());
    let cut = &file[..file.len() * 2 / 3];
    let mut pages = Pages::new(flate2::read::MultiGzDecoder::new(cut));
    let items: Vec<_> = pages.by_ref().collect();
    let last = items.last().unwrap();
    assert!(last.is_err(), "{items:?}");
    assert_eq!(pages.summary().errors, 1);
}

#[test]
fn warc_html_record_without_article_is_an_error_naming_the_record() {
    let empty = "<html><body><nav><a href='/'>Home</a></nav></body></html>";
    let warc = html_response("https://x.example/", empty);
    let err = Pages::new(warc.as_slice()).next().unwrap().unwrap_err();
    match &err {
        Error::WarcPage {
            number: 1, source, ..
        } => {
            assert!(matches!(**source, Error::NoArticleBody))
        }
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn file_names_tell_pages_from_archives() {
    use std::path::Path;
    for name in ["a.html", "b.HTM", "c.html.gz", "d.xhtml"] {
        assert!(html::is_html_path(Path::new(name)), "{name}");
    }
    assert!(!html::is_html_path(Path::new("e.txt")));
    assert!(super::warc::is_warc_path(Path::new("crawl.warc")));
    assert!(super::warc::is_warc_path(Path::new("crawl.warc.gz")));
    assert!(!super::warc::is_warc_path(Path::new("crawl.html")));
}

#[test]
fn read_path_reads_gzipped_files_and_names_missing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.html.gz");
    std::fs::write(&path, gz(ELECTION_HTML.as_bytes())).unwrap();
    assert_eq!(html::read_path(&path).unwrap(), read(ELECTION_HTML));
    let missing = dir.path().join("gone.html");
    let err = html::read_path(&missing).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("gone.html"), "{err}");
}

#[test]
fn warc_resource_records_with_html_are_pages() {
    let warc = record(
        "resource",
        "file:///saved/page.html",
        "text/html",
        FESTIVAL_HTML.as_bytes(),
    );
    let page = Pages::new(warc.as_slice()).next().unwrap().unwrap();
    assert_eq!(page.page.body, read(FESTIVAL_HTML).body);
}

#[test]
fn warc_redirects_and_errors_are_skipped_not_failed() {
    let mut warc = record(
        "response",
        "https://a.example/old",
        "application/http; msgtype=response",
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Type: text/html\r\n\r\n<a href=/new>moved</a>",
    );
    warc.extend(record(
        "response",
        "https://a.example/gone",
        "application/http; msgtype=response",
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<h1>Not found</h1>",
    ));
    let mut pages = Pages::new(warc.as_slice());
    assert!(pages.next().is_none());
    assert_eq!(pages.summary().skipped, 2);
    assert_eq!(pages.summary().errors, 0);
}

#[test]
fn warc_http_charset_decodes_a_page_that_declares_none() {
    let page = FESTIVAL_HTML.replace(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">",
        "",
    );
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let block = http_response("text/html; charset=ISO-8859-1", "", &latin1);
    let warc = record(
        "response",
        "https://r.example/f",
        "application/http; msgtype=response",
        &block,
    );
    let got = Pages::new(warc.as_slice()).next().unwrap().unwrap();
    assert!(got.page.body.contains("déjà vendus"), "{}", got.page.body);
}

// ---- relative canonical URLs ----

const HARBOUR_CANONICAL: &str = "https://courier.example/news/2024/03/harbour-closure";

#[test]
fn relative_canonical_url_resolves_against_the_warc_target_uri() {
    let html = HARBOUR_HTML.replace(HARBOUR_CANONICAL, "/news/2024/03/harbour-closure");
    let warc = html_response("https://courier.example/h?from=rss", &html);
    let page = Pages::new(warc.as_slice()).next().unwrap().unwrap();
    assert_eq!(page.page.meta.url.as_deref(), Some(HARBOUR_CANONICAL));
}

#[test]
fn relative_og_url_resolves_against_the_base_href() {
    let html = HARBOUR_HTML.replace(
        &format!("<link rel=\"canonical\" href=\"{HARBOUR_CANONICAL}\">"),
        "<base href=\"https://mirror.example/archive/\">\
             <meta property=\"og:url\" content=\"harbour.html\">",
    );
    let page = read(&html);
    assert_eq!(
        page.meta.url.as_deref(),
        Some("https://mirror.example/archive/harbour.html")
    );
}

#[test]
fn unresolvable_relative_canonical_url_is_dropped() {
    let html = HARBOUR_HTML.replace(HARBOUR_CANONICAL, "/news/2024/03/harbour-closure");
    assert_eq!(read(&html).meta.url, None);
    // A page file's path is not a URL to resolve against.
    let page = html::read(html.as_bytes(), Some("saved/harbour.html")).unwrap();
    assert_eq!(page.meta.url, None);
}

// ---- brotli ----

/// `data` as a brotli stream of stored (uncompressed) meta-blocks, which
/// RFC 7932 allows and every decoder reads; enough to test decoding without
/// an encoder.
fn brotli_stored(data: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        used: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, n: u32) {
            for i in 0..n {
                if self.used % 8 == 0 {
                    self.out.push(0);
                }
                let bit = ((value >> i) & 1) as u8;
                *self.out.last_mut().unwrap() |= bit << (self.used % 8);
                self.used += 1;
            }
        }
        fn align(&mut self) {
            self.used = self.used.div_ceil(8) * 8;
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        used: 0,
    };
    b.put(0, 1); // WBITS = 16
    for chunk in data.chunks(1 << 16) {
        b.put(0, 1); // ISLAST = 0
        b.put(0, 2); // MNIBBLES = 4
        b.put(chunk.len() as u32 - 1, 16); // MLEN - 1
        b.put(1, 1); // ISUNCOMPRESSED
        b.align();
        b.out.extend_from_slice(chunk);
        b.used += 8 * chunk.len() as u32;
    }
    b.put(1, 1); // ISLAST
    b.put(1, 1); // ISLASTEMPTY
    b.out
}

fn brotli_response(uri: &str, body: &[u8]) -> Vec<u8> {
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &http_response("text/html; charset=utf-8", "Content-Encoding: br\r\n", body),
    )
}

#[test]
fn warc_brotli_http_bodies_read() {
    let body = brotli_stored(HARBOUR_HTML.as_bytes());
    assert_eq!(
        super::decode::unbrotli_capped(&body, usize::MAX).unwrap(),
        HARBOUR_HTML.as_bytes()
    );
    let mut warc = brotli_response("https://courier.example/h", &body);
    warc.extend(html_response("https://ledger.example/e", ELECTION_HTML));
    let mut pages = Pages::new(warc.as_slice());
    let got: Vec<_> = pages.by_ref().map(|p| p.unwrap()).collect();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].page, read(HARBOUR_HTML));
    assert_eq!(pages.summary().skipped, 0);
}

#[test]
fn truncated_brotli_body_is_an_error_naming_the_record() {
    let body = brotli_stored(HARBOUR_HTML.as_bytes());
    let mut warc = brotli_response("https://courier.example/h", &body[..body.len() / 2]);
    warc.extend(html_response("https://ledger.example/e", ELECTION_HTML));
    let got: Vec<_> = Pages::new(warc.as_slice()).collect();
    assert_eq!(got.len(), 2);
    match &got[0] {
        Err(Error::WarcPage { uri, source, .. }) => {
            assert_eq!(uri, "https://courier.example/h");
            assert!(matches!(**source, Error::Brotli(_)), "{source}");
        }
        other => panic!("expected a page error, got {other:?}"),
    }
    assert!(got[1].is_ok());
}

#[test]
fn brotli_bomb_is_capped() {
    let body = brotli_stored(&vec![b' '; 300_000]);
    let out = super::decode::unbrotli_capped(&body, 100_000).unwrap();
    assert_eq!(out.len(), 100_000);
}
