//! Snapshot tests of the extraction rules on fixture articles written for
//! this repository (`tests/fixtures/fr`, `tests/fixtures/rules`): every
//! statement with its speaker, wire and the ids of the rules that found it
//! and chose its speaker. A changed rule shows up as a snapshot diff to
//! review (`INSTA_UPDATE=always cargo test --test rules`, then read the
//! `.snap` diff in git).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use quotetrail::extract::rules::{CATALOGUE, Trace};
use quotetrail::extract::{Extraction, extract_traced};
use quotetrail::input::{Input, read_file};

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in ["fr", "rules"] {
        for e in std::fs::read_dir(root.join(dir)).expect("fixture dir") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> Input {
    let mut got = None;
    read_file(path, &mut |item| {
        got = Some(item.expect("fixture reads"));
        false
    });
    got.expect("one article")
}

fn run(path: &Path) -> (Extraction, Trace, String) {
    let input = read(path);
    let mut trace = Trace::recording();
    let ex = extract_traced(&input.body, &input.meta, &mut trace);
    (ex, trace, input.body)
}

/// One line a statement: kind | speaker (mention) | wire (source) | rules |
/// words; then one line a rejection: its rule and the words it is about,
/// so a new exception shows in the snapshot as much as a new statement.
fn render(ex: &Extraction, trace: &Trace, body: &str) -> String {
    let m = &ex.meta;
    let mut out = format!(
        "lang: {}  origin: {}  byline: {}\n",
        m.lang.as_deref().unwrap_or("-"),
        m.origin.as_deref().unwrap_or("-"),
        m.byline.as_deref().unwrap_or("-"),
    );
    for s in &ex.statements {
        out.push_str(&format!(
            "{} | {} ({}) | {} ({:?}) | {} / {} | {}\n",
            s.kind.as_str(),
            s.speaker.as_deref().unwrap_or("?"),
            s.speaker_mention.as_deref().unwrap_or("-"),
            s.wire.as_deref().unwrap_or("-"),
            s.wire_source,
            s.rule,
            s.speaker_rule.map_or("-", |r| r.as_str()),
            s.text,
        ));
    }
    for d in trace.decisions.iter().filter(|d| !d.taken) {
        let words = body.get(d.span.clone()).unwrap_or("?");
        let words: String = words.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = words.chars().take(60).collect();
        out.push_str(&format!("rejected | {} | {short}\n", d.rule));
    }
    out
}

#[test]
fn fixture_snapshots() {
    for path in fixtures() {
        let (ex, trace, body) = run(&path);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, render(&ex, &trace, &body));
    }
}

#[test]
fn every_rule_fires_on_some_fixture() {
    let mut fired: BTreeSet<&str> = BTreeSet::new();
    for path in fixtures() {
        let (ex, trace, _) = run(&path);
        for s in &ex.statements {
            fired.insert(s.rule.as_str());
            if let Some(r) = s.speaker_rule {
                fired.insert(r.as_str());
            }
        }
        fired.extend(trace.decisions.iter().map(|d| d.rule.as_str()));
    }
    let missing: Vec<&str> = CATALOGUE
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !fired.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules no fixture fires: {missing:?}");
}

#[test]
fn explain_names_a_rule_for_every_statement() {
    for path in fixtures() {
        let (ex, trace, _) = run(&path);
        for s in &ex.statements {
            assert!(
                trace
                    .decisions
                    .iter()
                    .any(|d| d.taken && d.span == (s.start..s.end)),
                "{}: no decision for {:?}",
                path.display(),
                s.text
            );
        }
    }
}
