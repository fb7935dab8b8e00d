//! A WARC archive (maybe gzipped) streamed record by record: no panic, and
//! the iteration ends with counts that add up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotetrail::web::warc::Pages;

fuzz_target!(|data: &[u8]| {
    let mut pages = Pages::new(data);
    let mut items = 0u64;
    for _ in pages.by_ref() {
        items += 1;
        assert!(items <= data.len() as u64 + 1, "iteration does not end");
    }
    let s = pages.summary();
    assert_eq!(s.pages + s.errors, items);
    if data.starts_with(&[0x1f, 0x8b]) {
        // A .warc.gz archive: every gzip member decoded in turn.
        for _ in Pages::new(flate2::read::MultiGzDecoder::new(data)) {}
    }
});
