//! Text extraction on any UTF-8 text: no panic, offsets inside the body
//! and on character boundaries, each statement's text taken from the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotetrail::extract::{ArticleMeta, extract};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    for lang in [None, Some("fr")] {
        let given = ArticleMeta {
            lang: lang.map(str::to_owned),
            ..Default::default()
        };
        let found = extract(body, &given);
        for s in &found.statements {
            assert!(s.start <= s.end && s.end <= body.len());
            assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
        }
    }
});
