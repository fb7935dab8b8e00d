//! JSON Lines article records and `.meta.json` sidecars: every line gives
//! an article or an error naming it; no panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use quotetrail::input::Reader;
use quotetrail::input::jsonl::JsonlReader;
use quotetrail::input::sidecar::MetaFields;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut items = 0usize;
    JsonlReader.read(Path::new("fuzz.jsonl"), data.to_vec(), &mut |item| {
        items += 1;
        if let Err(e) = item {
            assert!(e.to_string().starts_with("fuzz.jsonl"));
        }
        true
    });
    assert!(items <= lines);
    if let Ok(fields) = serde_json::from_slice::<MetaFields>(data) {
        let _ = fields.into_meta();
    }
});
