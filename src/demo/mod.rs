//! The demo corpus: one invented story as four outlets cover it.
//!
//! A dock strike in the invented port city of Valmera, written for
//! quotetrail (every name, place and sentence is made up). The files live in
//! `src/demo/corpus/` as `.txt` articles with `.meta.json` sidecars and are
//! embedded in the binary, so `quotetrail demo` works anywhere. The tests use
//! the same files as fixtures, and so can work on following statements
//! across outlets:
//!
//! | file | outlet | what it exercises |
//! |---|---|---|
//! | 01 | AFP dispatch | wire credits in the text ("told AFP"), a split quote, a quote running over two paragraphs, reported claims |
//! | 02 | The Valmera Courier | a rewrite crediting AFP and Reuters: the split quote joined, a quote credited to another agency, a partial quote, "Mrs Vasquez" |
//! | 03 | Radio Coastline | its own interview, the spelling variants "Joakim Brandt" and "Teodora Vazquez", a quote cut short, a changed number (3,000 workers) |
//! | 04 | Northern Daily Ledger | AFP copy lightly edited (origin AFP in the sidecar): "We won't" for "We will not", 15 million euros for 12, "Minister Vasquez" |

use std::path::PathBuf;

use crate::input::sidecar::MetaFields;
use crate::input::{Input, Origin};

/// One embedded article: its file name, text and sidecar.
#[derive(Clone, Copy, Debug)]
pub struct DemoFile {
    /// The file name in `src/demo/corpus/`.
    pub name: &'static str,
    /// The article text.
    pub text: &'static str,
    /// The sidecar's JSON.
    pub meta_json: &'static str,
}

macro_rules! demo_file {
    ($name:literal) => {
        DemoFile {
            name: concat!($name, ".txt"),
            text: include_str!(concat!("corpus/", $name, ".txt")),
            meta_json: include_str!(concat!("corpus/", $name, ".meta.json")),
        }
    };
}

/// The corpus, in reading order.
pub const CORPUS: &[DemoFile] = &[
    demo_file!("01-afp-dispatch"),
    demo_file!("02-valmera-courier"),
    demo_file!("03-radio-coastline"),
    demo_file!("04-northern-ledger"),
];

/// The corpus as inputs, as if read from `demo/<name>`.
pub fn inputs() -> Vec<Input> {
    CORPUS
        .iter()
        .map(|f| {
            // The sidecars are ours and a unit test parses each of them, so
            // a broken one can't ship; default rather than panic regardless.
            let meta = serde_json::from_str::<MetaFields>(f.meta_json)
                .map(MetaFields::into_meta)
                .unwrap_or_default();
            Input {
                origin: Origin::File(PathBuf::from("demo").join(f.name)),
                body: f.text.to_owned(),
                meta,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sidecar_parses_and_names_an_outlet() {
        for f in CORPUS {
            let meta: MetaFields =
                serde_json::from_str(f.meta_json).unwrap_or_else(|e| panic!("{}: {e}", f.name));
            assert!(meta.into_meta().outlet.is_some(), "{}", f.name);
        }
        assert_eq!(inputs().len(), 4);
    }
}
