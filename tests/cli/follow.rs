//! Following a statement across outlets, end to end through the CLI, on a
//! four-outlet story written for these tests (`tests/fixtures/follow/`):
//! every kind of difference the diff engine flags, the origin proposal, the
//! audit, and the human output as a snapshot.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::{Env, s};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/follow/story")
}

fn snapshots() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/follow/snapshots")
}

/// A store with the story ingested.
fn story() -> Env {
    let env = Env::new();
    env.run(&["ingest", s(&fixtures())]).code(0);
    env
}

const PAY_QUOTE: &str = "We will not return to work until the ministry restores the pay rise";

/// Every flag kind among a comparison's versions.
fn flag_kinds(versions: &[Value]) -> Vec<String> {
    let mut kinds: Vec<String> = versions
        .iter()
        .flat_map(|v| v["flags"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f["kind"].as_str().map(str::to_owned))
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

fn origin_json(env: &Env, query: &str) -> Value {
    let run = env.run(&["origin", query, "--json"]);
    run.code(0);
    run.of_type("origin").remove(0)
}

#[test]
fn every_version_of_the_pay_quote_meets_and_each_change_is_flagged() {
    let env = story();
    let origin = origin_json(&env, PAY_QUOTE);
    let versions = origin["versions"].as_array().unwrap();
    let outlets: std::collections::BTreeSet<&str> = versions
        .iter()
        .filter_map(|v| v["outlet"].as_str())
        .collect();
    assert_eq!(
        outlets.into_iter().collect::<Vec<_>>(),
        [
            "Coastal Daily",
            "Evening Post",
            "Harbour Times",
            "Weekly Ledger"
        ]
    );
    // Against the group's reference, every kind of change shows.
    let group = origin["group"].as_str().unwrap();
    let run = env.run(&["compare", group, "--json"]);
    run.code(0);
    let comparison = run.of_type("comparison").remove(0);
    let kinds = flag_kinds(comparison["versions"].as_array().unwrap());
    for want in [
        "number_changed",
        "bracketed_insertion",
        "speaker_name_variant",
        "different_wire",
        "negation_changed",
        "quote_vs_paraphrase",
        "truncation",
        "ellipsis",
        "wording_changed",
    ] {
        assert!(kinds.iter().any(|k| k == want), "no {want} in {kinds:?}");
    }
    // Date order, earliest first: the origin is the AFP interview.
    assert_eq!(versions[0]["outlet"], "Harbour Times");
    assert_eq!(origin["origin"]["outlet"], "Harbour Times");
    assert_eq!(origin["origin"]["agency"], "AFP");
}

#[test]
fn the_union_statement_flags_the_acronym_and_the_modal() {
    let env = story();
    let origin = origin_json(
        &env,
        "said in a statement that the strike would continue at all four terminals",
    );
    let kinds = flag_kinds(origin["versions"].as_array().unwrap());
    for want in ["org_name_variant", "modality_changed"] {
        assert!(kinds.iter().any(|k| k == want), "no {want} in {kinds:?}");
    }
}

#[test]
fn same_words_with_two_speakers_meet_flagged_and_the_audit_says_so() {
    let env = story();
    let origin = origin_json(&env, "The ports will stay closed for as long as it takes");
    let versions = origin["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2, "a speaker never splits the same words");
    assert!(
        flag_kinds(versions)
            .iter()
            .any(|k| k == "different_speaker"),
        "{versions:?}"
    );
    let audit = env.run(&["audit", "--json"]);
    audit.code(0);
    let conflicts = audit.of_type("conflict");
    assert!(
        conflicts.iter().any(|c| c["kind"] == "different_speakers"
            && c["names"].to_string().contains("Ana Ruiz")
            && c["names"].to_string().contains("Daniel Osei")),
        "{conflicts:?}"
    );
    assert!(conflicts.iter().any(|c| c["kind"] == "different_wires"));
    let outlets = audit.of_type("outlet_audit");
    let harbour = outlets
        .iter()
        .find(|o| o["outlet"] == "Harbour Times")
        .unwrap();
    let unconfirmed = harbour["unconfirmed"].as_array().unwrap();
    assert_eq!(unconfirmed.len(), 1, "{harbour}");
    assert!(unconfirmed[0]["text"].as_str().unwrap().contains("3,000"));
    assert!(harbour["only_this_outlet"].as_u64().unwrap() >= 1);
    assert_eq!(harbour["wires"]["AFP"], 1);
    let variants = audit.of_type("name_variants");
    assert!(
        variants
            .iter()
            .any(|v| v["aliases"].get("Marta Quennevile").is_some()
                && v["aliases"].get("Marta Quenneville").is_some()),
        "{variants:?}"
    );
}

#[test]
fn reingest_adds_no_groups_and_the_store_verifies() {
    let env = story();
    let before = env.run(&["groups", "--json"]).stdout;
    env.run(&["ingest", s(&fixtures())]).code(0);
    assert_eq!(env.run(&["groups", "--json"]).stdout, before);
    env.run(&["verify"]).code(0);
    let shared = env.run(&["groups", "--shared", "--json"]).of_type("group");
    assert_eq!(shared.len(), 3, "{shared:?}");
}

#[test]
fn compare_two_outlets_pairs_their_versions() {
    let env = story();
    let run = env.run(&[
        "compare",
        "--outlet",
        "harbour times",
        "--outlet",
        "Coastal Daily",
        "--json",
    ]);
    run.code(0);
    let pairs = run.of_type("pair");
    assert_eq!(pairs.len(), 3, "{pairs:?}");
    assert!(pairs.iter().all(|p| p["a"]["outlet"] == "Harbour Times"));
    // The Weekly Ledger's longer version, against the Harbour Times': the
    // words it runs on with are flagged as a cut (the shorter one stops
    // earlier).
    let run = env.run(&[
        "compare",
        "--outlet",
        "Harbour Times",
        "--outlet",
        "Weekly Ledger",
        "--json",
    ]);
    let pairs = run.of_type("pair");
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert!(
        pairs[0]["flags"].to_string().contains("\"truncation\""),
        "{}",
        pairs[0]
    );
}

/// The human output, compared with a saved snapshot. Set
/// `QUOTETRAIL_UPDATE_SNAPSHOTS=1` to rewrite it after a deliberate change.
#[test]
fn origin_human_output_snapshot() {
    let env = story();
    let run = env.run(&["origin", PAY_QUOTE, "--color", "never"]);
    run.code(0);
    snapshot("origin.txt", &run.stdout);
    let colored = env.run(&["origin", PAY_QUOTE, "--color", "always"]);
    assert!(colored.stdout.contains("\u{1b}["), "colour was asked for");
    let audit = env.run(&["audit", "--color", "never"]);
    audit.code(0);
    snapshot("audit.txt", &audit.stdout);
}

fn snapshot(name: &str, got: &str) {
    let path = snapshots().join(name);
    if std::env::var_os("QUOTETRAIL_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with QUOTETRAIL_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    assert_eq!(got, want, "snapshot {name} differs");
}

/// The shared groups of a store, as (outlets, reference text) lines, which
/// don't depend on which version founded a group.
fn shared_groups(env: &Env) -> Vec<String> {
    let mut out: Vec<String> = env
        .run(&["groups", "--shared", "--json"])
        .of_type("group")
        .iter()
        .map(|g| format!("{} {}", g["outlets"], g["text"]))
        .collect();
    out.sort();
    out
}

#[test]
fn match_groups_what_ingest_no_match_stored_and_then_does_nothing() {
    let env = Env::new();
    env.run(&["ingest", "--no-match", s(&fixtures())]).code(0);
    assert!(env.run(&["groups", "--json"]).of_type("group").is_empty());
    // Nothing is grouped yet, yet the words are found, through the word
    // index ingest kept: the versions, marked ungrouped, with the origin
    // an ingest that matched would propose.
    let before = origin_json(&env, PAY_QUOTE);
    assert_eq!(before["grouped"], false);
    let matched = story();
    let grouped = origin_json(&matched, PAY_QUOTE);
    assert_eq!(grouped["grouped"], true);
    assert_eq!(before["origin"]["outlet"], grouped["origin"]["outlet"]);
    assert_eq!(before["origin"]["agency"], grouped["origin"]["agency"]);
    let outlets = |o: &Value| -> std::collections::BTreeSet<String> {
        (o["versions"].as_array().unwrap().iter())
            .filter_map(|v| v["outlet"].as_str().map(str::to_owned))
            .collect()
    };
    assert!(outlets(&before).len() >= 3, "{before}");
    assert!(outlets(&before).is_subset(&outlets(&grouped)));
    let text = env.run(&["origin", PAY_QUOTE]);
    text.code(0);
    assert!(
        text.stdout.starts_with("not grouped") && text.stdout.contains("quotetrail match"),
        "says the versions are ungrouped and what groups them: {}",
        text.stdout
    );
    // Words nobody said still find nothing.
    env.run(&["origin", "the harbour will be painted green by the navy"])
        .code(1);
    // The ids it prints work as input, and lead to the same versions.
    let printed = before["versions"][0]["appearance"].as_str().unwrap();
    let by_id = origin_json(&env, printed);
    assert_eq!(by_id["grouped"], false);
    assert!(
        (by_id["versions"].as_array().unwrap().iter()).any(|v| v["appearance"] == printed),
        "{by_id}"
    );

    let run = env.run(&["match", "--json"]);
    run.code(0);
    let summary = run.of_type("summary").remove(0);
    let appearances = summary["appearances"].as_u64().unwrap();
    assert!(appearances > 0);
    assert_eq!(summary["grouped"].as_u64(), Some(appearances));
    assert_eq!(summary["already_grouped"].as_u64(), Some(0));
    // The same groups as an ingest that matched as it went.
    let versions = |env: &Env| {
        origin_json(env, PAY_QUOTE)["versions"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(versions(&env), versions(&matched));
    assert_eq!(shared_groups(&env), shared_groups(&matched));
    env.run(&["verify"]).code(0);

    // Again: everything is grouped already.
    let again = env.run(&["match", "--json"]);
    again.code(0);
    let summary = again.of_type("summary").remove(0);
    assert_eq!(summary["grouped"].as_u64(), Some(0));
    assert_eq!(summary["already_grouped"].as_u64(), Some(appearances));
    assert!(
        again.stderr.contains("nothing to group"),
        "{}",
        again.stderr
    );
}

#[test]
fn import_groups_what_it_imports() {
    let from = story();
    let export = from.run(&["export"]);
    export.code(0);
    let env = Env::new();
    let file = env.write("export.jsonl", &export.stdout);
    let run = env.run(&["import", s(&file), "--json"]);
    run.code(0);
    let summary = run.of_type("summary").remove(0);
    assert!(summary["grouped"].as_u64().unwrap() > 0, "{summary}");
    assert_eq!(shared_groups(&env), shared_groups(&from));
    env.run(&["verify"]).code(0);
}

#[test]
fn any_two_versions_compare_directly() {
    let env = story();
    let origin = origin_json(&env, PAY_QUOTE);
    let versions = origin["versions"].as_array().unwrap();
    // The quotes, not the Evening Post's paraphrase of the same words.
    let id = |outlet: &str| {
        versions
            .iter()
            .find(|v| v["outlet"] == outlet && v["kind"] == "quote")
            .and_then(|v| v["appearance"].as_str())
            .unwrap()
            .to_string()
    };
    // Neither is the reference: the two are diffed against each other.
    let (coastal, evening) = (id("Coastal Daily"), id("Evening Post"));
    let run = env.run(&["compare", &coastal[..40], &evening[..40], "--json"]);
    run.code(0);
    let pair = run.of_type("pair").remove(0);
    assert_eq!(pair["a"]["outlet"], "Coastal Daily");
    assert_eq!(pair["b"]["outlet"], "Evening Post");
    let flags = pair["flags"].to_string();
    for want in ["number_changed", "negation_changed"] {
        assert!(flags.contains(want), "no {want} in {flags}");
    }
    assert_eq!(pair["group"], origin["group"]);
}

#[test]
fn origin_answers_with_the_version_holding_the_words() {
    let env = story();
    let cut = "We will not return to work until the ministry restores the 12 percent pay rise";
    let origin = origin_json(&env, cut);
    let versions = origin["versions"].as_array().unwrap();
    let anchor: Vec<&Value> = versions.iter().filter(|v| v["anchor"] == true).collect();
    assert_eq!(anchor.len(), 1);
    assert_eq!(anchor[0]["outlet"], "Weekly Ledger");
    assert!(
        anchor[0]["text"].as_str().unwrap().starts_with(cut),
        "{}",
        anchor[0]
    );
}

#[test]
fn match_needs_a_store() {
    let env = Env::new();
    assert_eq!(env.run(&["match"]).code, 3);
}

#[test]
fn a_line_said_again_months_later_answers_with_the_later_occasion_and_names_the_earlier() {
    let env = Env::new();
    let line = "Nobody will sleep in the streets of this city while I am mayor";
    let early = format!(
        "Mayor Ada Brennan spoke at the spring fair. \u{201C}We opened four shelters this \
         winter and we will open four more. {line}.\u{201D} Brennan said."
    );
    let late = format!(
        "Mayor Ada Brennan opened the new library. \u{201C}Books are a home for the mind. \
         {line}, and nobody will go without a library card.\u{201D} Brennan said."
    );
    let jsonl = [
        serde_json::json!({"id": "a1", "outlet": "Riverside Star", "published": "2024-03-02", "text": early}),
        serde_json::json!({"id": "a2", "outlet": "Valley Courier", "published": "2024-09-14", "text": late}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect::<String>();
    let file = env.write("speeches.jsonl", jsonl);
    env.run(&["ingest", s(&file)]).code(0);
    let asked = format!("Books are a home for the mind. {line}");
    let origin = origin_json(&env, &asked);
    let versions = origin["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 1, "two occasions stay apart: {versions:?}");
    assert_eq!(versions[0]["outlet"], "Valley Courier");
    let near = origin["near"].as_array().unwrap();
    assert!(
        near.iter()
            .any(|n| n["said_before"] == true && n["first"] == "2024-03-02"),
        "{near:?}"
    );
    let text = env.run(&["origin", &asked, "--color", "never"]);
    assert!(text.stdout.contains("said before"), "{}", text.stdout);
}
