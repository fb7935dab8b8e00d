//! The extractor's version: which rules and word lists decided a store's
//! statements.
//!
//! Articles are the evidence; statements, appearances and groups are what
//! this extractor decided about them, and each improvement changes some
//! speakers, spans and ids. The store records on each article's
//! appearances the version of the extractor that made them
//! ([`quotetrail_store::ExtractorVersion`]), so `verify` can count records
//! an older extractor made and `reextract` can redo them.
//!
//! The version is a blake3 hash, computed once per run, of:
//!
//! - every file under `src/extract/` (word lists and rule code alike;
//!   not the `tests.rs` files, which hold a module's tests only),
//!   embedded with `include_str!` so the compiler rebuilds when one
//!   changes; a test fails when a file there is not listed in [`SOURCES`],
//!   so a new rule file can't be left out. Code is hashed without comment
//!   lines, blank lines, indentation and its trailing test module, so
//!   editing docs or tests does not make every store "old"; any other
//!   edit (reformatting included) does, which costs one `reextract` that
//!   changes nothing;
//! - `src/ingest/prepare.rs`, which turns what extraction found into the
//!   stored records, and `src/text.rs`, the sentence splitter and word
//!   scanner extraction shares with the follow engine;
//! - the ids of the rule catalogue ([`super::rules::CATALOGUE`]);
//! - [`CODE_REVISION`], bumped by hand for what the files above don't show.

use std::sync::OnceLock;

use quotetrail_store::ExtractorVersion;

/// Bump this when extraction changes in a way the hashed files don't show:
/// a dependency that decides extraction is upgraded (`whatlang` detects
/// languages), code outside `src/extract/` starts to change what is found
/// (text normalisation in `src/input`, say), or a change to a rule's code
/// must count as new even though only its comments changed. Whoever
/// changes what a rule finds from outside the hashed files bumps it.
pub const CODE_REVISION: u32 = 1;

/// A source file that decides extraction: its path under `src/extract/`
/// and its text.
macro_rules! source {
    ($path:literal) => {
        ($path, include_str!($path))
    };
}

/// Every file under `src/extract/` but this one, in path order.
pub const SOURCES: &[(&str, &str)] = &[
    source!("antecedent.rs"),
    source!("attribution.rs"),
    source!("boilerplate.rs"),
    source!("claims.rs"),
    source!("claims/headline.rs"),
    source!("claims/lexicon.rs"),
    source!("claims/nouns.rs"),
    source!("claims/passive.rs"),
    source!("claims/phrase.rs"),
    source!("claims/tokens.rs"),
    source!("claims/verb.rs"),
    source!("cue.rs"),
    source!("embedded.rs"),
    source!("lang.rs"),
    source!("lexicon/agencies.txt"),
    source!("lexicon/claims.rs"),
    source!("lexicon/description_ends.txt"),
    source!("lexicon/en/abbreviations.txt"),
    source!("lexicon/en/adjunct_starts.txt"),
    source!("lexicon/en/articles.txt"),
    source!("lexicon/en/aux.txt"),
    source!("lexicon/en/boundaries.txt"),
    source!("lexicon/en/claim_cues.txt"),
    source!("lexicon/en/claim_nouns.txt"),
    source!("lexicon/en/claim_participles.txt"),
    source!("lexicon/en/claim_particles.txt"),
    source!("lexicon/en/clause_words.txt"),
    source!("lexicon/en/determiners.txt"),
    source!("lexicon/en/evidence_nouns.txt"),
    source!("lexicon/en/function_words.txt"),
    source!("lexicon/en/headline_labels.txt"),
    source!("lexicon/en/hedges.txt"),
    source!("lexicon/en/lead_connectives.txt"),
    source!("lexicon/en/lead_openers.txt"),
    source!("lexicon/en/listeners.txt"),
    source!("lexicon/en/months.txt"),
    source!("lexicon/en/not_speakers.txt"),
    source!("lexicon/en/noun_prepositions.txt"),
    source!("lexicon/en/np_prepositions.txt"),
    source!("lexicon/en/persons.txt"),
    source!("lexicon/en/pronouns.txt"),
    source!("lexicon/en/quantities.txt"),
    source!("lexicon/en/question_openers.txt"),
    source!("lexicon/en/quote_aux.txt"),
    source!("lexicon/en/quote_circumstance_starts.txt"),
    source!("lexicon/en/quote_clause_starts.txt"),
    source!("lexicon/en/quote_determiners.txt"),
    source!("lexicon/en/quote_leads.txt"),
    source!("lexicon/en/quote_not_subjects.txt"),
    source!("lexicon/en/quote_noun_determiners.txt"),
    source!("lexicon/en/quote_openers.txt"),
    source!("lexicon/en/quote_particle_verbs.txt"),
    source!("lexicon/en/quote_roles.txt"),
    source!("lexicon/en/quote_speaker_ends.txt"),
    source!("lexicon/en/quote_time_ends.txt"),
    source!("lexicon/en/refusals.txt"),
    source!("lexicon/en/source_nouns.txt"),
    source!("lexicon/en/speech_nouns.txt"),
    source!("lexicon/en/speech_verbs.txt"),
    source!("lexicon/en/subject_pronouns.txt"),
    source!("lexicon/en/time_words.txt"),
    source!("lexicon/en/titles.txt"),
    source!("lexicon/en/weekdays.txt"),
    source!("lexicon/fr/abbreviations.txt"),
    source!("lexicon/fr/aux.txt"),
    source!("lexicon/fr/boundaries.txt"),
    source!("lexicon/fr/clause_words.txt"),
    source!("lexicon/fr/datives.txt"),
    source!("lexicon/fr/determiners.txt"),
    source!("lexicon/fr/elisions.txt"),
    source!("lexicon/fr/function_words.txt"),
    source!("lexicon/fr/infinitive_openers.txt"),
    source!("lexicon/fr/inverted_pronouns.txt"),
    source!("lexicon/fr/months.txt"),
    source!("lexicon/fr/name_particles.txt"),
    source!("lexicon/fr/not_speakers.txt"),
    source!("lexicon/fr/persons.txt"),
    source!("lexicon/fr/pronouns.txt"),
    source!("lexicon/fr/source_nouns.txt"),
    source!("lexicon/fr/speech_verbs.txt"),
    source!("lexicon/fr/titles.txt"),
    source!("lexicon/fr/weekdays.txt"),
    source!("lexicon/mod.rs"),
    source!("lexicon/name_connectors.txt"),
    source!("lexicon/newsroom_roles.txt"),
    source!("lexicon/phrases.rs"),
    source!("lexicon/quotes.rs"),
    source!("lexicon/words.rs"),
    source!("meta.rs"),
    source!("mod.rs"),
    source!("quotes.rs"),
    source!("rules/fr/claims.rs"),
    source!("rules/fr/mod.rs"),
    source!("rules/fr/phrase.rs"),
    source!("rules/fr/quotes.rs"),
    source!("rules/fr/words.rs"),
    source!("rules/mod.rs"),
    source!("speaker.rs"),
    source!("wire.rs"),
];

/// How ingest builds store records from what extraction found.
const PREPARE: &str = include_str!("../ingest/prepare.rs");

/// The sentence splitter and word scanner, which extraction shares with
/// the follow engine.
const TEXT: &str = include_str!("../text.rs");

/// The running extractor's version (see the module docs).
pub fn current() -> ExtractorVersion {
    static VERSION: OnceLock<ExtractorVersion> = OnceLock::new();
    *VERSION.get_or_init(compute)
}

fn compute() -> ExtractorVersion {
    let mut h = blake3::Hasher::new();
    h.update(b"quotetrail extractor\0");
    h.update(&CODE_REVISION.to_le_bytes());
    let mut field = |name: &str, text: &str| {
        for part in [name, text] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
    };
    for rule in super::rules::CATALOGUE {
        field("rule", rule.id.as_str());
    }
    let outside = [("../ingest/prepare.rs", PREPARE), ("../text.rs", TEXT)];
    for (path, text) in SOURCES.iter().chain(&outside) {
        if path.ends_with(".rs") {
            field(path, &code_only(text));
        } else {
            field(path, text);
        }
    }
    ExtractorVersion::from_digest(h.finalize().as_bytes())
}

/// Rust source without what does not change what it does: comment lines,
/// blank lines, indentation, and the test module that ends a file.
fn code_only(source: &str) -> String {
    let code = match source.find("\n#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    let mut out = String::with_capacity(code.len());
    for line in code.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under `src/extract/` decides extraction: one left out of
    /// [`SOURCES`] would change what is found without changing the version.
    #[test]
    fn every_extraction_file_is_hashed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract");
        let mut on_disk = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let rel = path
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    // A `tests.rs` holds a module's tests only (`mod
                    // tests;` ends the module), which decide nothing.
                    if rel != "version.rs" && !rel.ends_with("tests.rs") {
                        on_disk.push(rel);
                    }
                }
            }
        }
        on_disk.sort();
        let listed: Vec<&str> = SOURCES.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            listed, on_disk,
            "list every file under src/extract/ in SOURCES"
        );
    }

    #[test]
    fn comments_and_tests_do_not_change_the_version_but_code_does() {
        let code = "fn f() {\n    // why\n    g();\n}\n";
        let documented = "/// Does f.\nfn f() {\n\n    // why, at length\n    g();\n}\n#[cfg(test)]\nmod tests {}\n";
        assert_eq!(code_only(code), code_only(documented));
        assert_ne!(code_only(code), code_only(&code.replace("g()", "h()")));
        assert_eq!(current(), current());
        assert_eq!(current(), compute());
    }
}
