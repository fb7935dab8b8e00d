//! `import` of a JSON Lines export into a store: a line is imported or
//! rejected with its number; no panic. One store is opened for the whole
//! run (opening one per input would dominate the time).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use quotetrail_store::Store;

struct Held {
    _dir: tempfile::TempDir,
    store: Store,
}

fn store() -> &'static Store {
    static STORE: OnceLock<Held> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path().join("store")).unwrap();
            Held { _dir: dir, store }
        })
        .store
}

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = store().import(data) {
        assert!(report.rejected.len() as u64 <= report.lines);
    }
});
