//! One web page's bytes (maybe gzipped, any charset) to its article body
//! and metadata: no panic, no hang, no stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotetrail::web::html;

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = html::read(data, Some("https://fuzz.example/a/story.html")) {
        let _ = page.meta.to_article_meta();
    }
    let _ = html::read_with_charset(data, None, Some("windows-1252"));
});
