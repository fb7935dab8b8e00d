//! The store's value decoders (articles, statements, appearance lists,
//! and the older format `migrate` reads) on arbitrary bytes: decode or
//! fail, never panic. The first 64 bytes are the article body appearance
//! spans are read from.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    quotetrail_store::fuzz_decoders(data);
});
