//! Languages as a user meets them: French articles attributed by the French
//! rules, a German one left unattributed, the language stored and filtered
//! on, and a French dispatch followed into its English copy.

use std::path::PathBuf;

use crate::util::{Env, s};

fn fixtures(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

#[test]
fn statements_filter_on_the_articles_language() {
    let env = Env::new();
    env.run(&["ingest", s(&fixtures("crosslang")), s(&fixtures("rules"))])
        .code(0);
    let fr = env.run(&["--json", "statements", "--lang", "fr"]);
    fr.code(0);
    let texts: Vec<String> = fr
        .of_type("statement")
        .iter()
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("Nous ne laisserons pas")),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("We will not leave")),
        "{texts:?}"
    );
    let de = env.run(&["--json", "statements", "--lang", "de"]);
    let de = de.of_type("statement");
    assert_eq!(de.len(), 1, "the German article's one quote");
    // No rule of another language guesses a speaker for it.
    assert!(de[0]["speaker"].is_null(), "{:?}", de[0]);
    env.run(&["statements", "--lang", "xx"]).code(2);
}

#[test]
fn a_french_dispatch_is_the_origin_of_its_english_copy() {
    let env = Env::new();
    env.run(&["ingest", s(&fixtures("crosslang"))]).code(0);
    let run = env.run(&[
        "--color",
        "never",
        "origin",
        "We will not leave the valley without electricity",
    ]);
    run.code(0);
    assert!(
        run.stdout
            .contains("Nous ne laisserons pas la vallée sans électricité."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("translation_variant"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("origin: Le Courrier du Fleuve on 2026-05-12"),
        "the French dispatch printed first is the origin: {}",
        run.stdout
    );
}

#[test]
fn explain_names_the_rule_for_each_sentence() {
    let env = Env::new();
    let run = env.run(&[
        "--color",
        "never",
        "extract",
        "--explain",
        s(&fixtures("fr").join("depeche-barrage.txt")),
    ]);
    run.code(0);
    assert!(run.stdout.contains("(language fr)"), "{}", run.stdout);
    assert!(
        run.stdout.contains("fr.quote.incise_inside"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("rejected  reject.no_cue"),
        "{}",
        run.stdout
    );
    let json = env.run(&[
        "--json",
        "extract",
        "--explain",
        s(&fixtures("fr").join("depeche-barrage.txt")),
    ]);
    let decisions = json.of_type("decision");
    assert!(
        decisions
            .iter()
            .any(|d| d["rule"] == "fr.claim.selon" && d["taken"] == true)
    );
}
