//! `audit` and `groups` answer well: an unknown outlet is an error with
//! suggestions, descriptions that share only "The" are not name variants, a
//! wire inferred from the origin line is not a credit, the text output is
//! bounded, and `groups` lists only groups printed in two or more articles
//! unless asked for all. Fixtures: `tests/fixtures/audit/` (a ferry strike
//! written for these tests) and the follow story.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::{Env, s};

fn fixtures(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn ingested(name: &str) -> Env {
    let env = Env::new();
    env.run(&["ingest", s(&fixtures(name))]).code(0);
    env
}

fn outlet<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|o| o["outlet"] == name)
        .unwrap_or_else(|| panic!("no {name} in {records:?}"))
}

#[test]
fn unknown_outlet_is_an_error_with_the_closest_names() {
    let env = ingested("follow/story");
    for flag in [&[][..], &["--json"][..]] {
        let mut args = vec!["audit", "--outlet", "Harbor Tims"];
        args.extend_from_slice(flag);
        let run = env.run(&args);
        run.code(1);
        assert_eq!(run.stdout, "", "nothing on stdout");
        let lines = run.err_lines();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].contains("unknown outlet \"Harbor Tims\""),
            "{lines:?}"
        );
        assert!(lines[1].starts_with("did you mean: "), "{lines:?}");
        assert!(lines[1].contains("Harbour Times"), "{lines:?}");
        assert!(!lines[1].contains("Weekly Ledger"), "{lines:?}");
    }
    // A part of a name is close enough; case does not matter.
    let run = env.run(&["audit", "--outlet", "ledger"]);
    run.code(1);
    assert!(
        run.stderr.contains("did you mean: Weekly Ledger"),
        "{}",
        run.stderr
    );
    env.run(&["audit", "--outlet", "weekly ledger"]).code(0);
}

#[test]
fn names_sharing_only_a_function_word_are_not_variants() {
    let env = ingested("audit");
    let run = env.run(&["audit", "--json"]);
    run.code(0);
    let descriptions = ["The ministry", "The council", "The union"];
    for v in run.of_type("name_variants") {
        let aliases = v["aliases"].as_object().unwrap();
        let shared = descriptions
            .iter()
            .filter(|d| aliases.contains_key(**d))
            .count();
        assert!(shared < 2, "paired on \"The\" alone: {v}");
    }
    let text = env.run(&["audit", "--color", "never"]);
    assert!(
        !text.stdout.contains("The ministry = The council")
            && !text.stdout.contains("The council = The ministry"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_wire_inferred_from_the_origin_line_is_not_a_credit() {
    let env = ingested("audit");
    let run = env.run(&["audit", "--json"]);
    run.code(0);
    let outlets = run.of_type("outlet_audit");
    // Every Bay Courier statement carries AFP from the article's origin
    // line; none of them credits it in its own words.
    let bay = outlet(&outlets, "Bay Courier");
    assert_eq!(bay["statements"], 4, "{bay}");
    assert_eq!(bay["crediting_wire"], 0, "{bay}");
    assert_eq!(bay["wire_share"], 0.0, "{bay}");
    assert!(bay["wires"].as_object().unwrap().is_empty(), "{bay}");
    assert_eq!(bay["inferred_wire"], 4, "{bay}");
    assert_eq!(bay["inferred_wires"]["AFP"], 4, "{bay}");
    // "told Reuters" is the statement's own credit.
    let river = outlet(&outlets, "River Gazette");
    assert_eq!(river["crediting_wire"], 1, "{river}");
    assert_eq!(river["wires"]["Reuters"], 1, "{river}");
    assert_eq!(river["inferred_wire"], 0, "{river}");

    let text = env.run(&["audit", "--outlet", "bay courier", "--color", "never"]);
    text.code(0);
    assert!(
        text.stdout.contains("crediting a wire:  0 (0%)\n"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("inferred wire:     4 (100%)")
            && text.stdout.contains("from the origin line")
            && text.stdout.contains("AFP 4"),
        "{}",
        text.stdout
    );
}

#[test]
fn audit_text_caps_each_list_and_shows_no_debug_text() {
    let env = ingested("follow/story");
    let all = env.run(&["audit", "--all", "--color", "never"]);
    all.code(0);
    assert!(
        all.stdout
            .contains("name variants:     Marta Quennevile, NDU\n")
    );
    assert!(!all.stdout.contains("… and"), "{}", all.stdout);
    let one = env.run(&["audit", "--limit", "1", "--color", "never"]);
    one.code(0);
    assert!(
        one.stdout
            .contains("name variants:     Marta Quennevile, … and 1 more\n"),
        "{}",
        one.stdout
    );
    assert!(one.stdout.lines().count() < all.stdout.lines().count());
    assert_eq!(
        env.run(&["audit", "--limit", "0", "--color", "never"])
            .stdout,
        all.stdout
    );
    // Evidence in plain words, no Rust names.
    assert!(
        all.stdout.contains("initials of the full name"),
        "{}",
        all.stdout
    );
    for out in [&all.stdout, &env.run(&["audit", "--json"]).stdout] {
        for debug in [
            "AcronymInitials",
            "TokenVariant",
            "Strong)",
            "Some(",
            "None",
        ] {
            assert!(!out.contains(debug), "{debug} in\n{out}");
        }
    }
}

#[test]
fn groups_lists_groups_printed_in_two_articles_unless_all() {
    let env = ingested("follow/story");
    let default = env.run(&["groups", "--json"]).of_type("group");
    let all = env.run(&["groups", "--all", "--json"]).of_type("group");
    assert!(!default.is_empty());
    assert!(all.len() > default.len(), "single-version groups exist");
    assert!(default.iter().all(|g| g["size"].as_u64().unwrap() >= 2));
    assert!(all.iter().any(|g| g["size"] == 1));
    // `--shared` is still accepted (scripts use it) and changes nothing.
    let shared = env.run(&["groups", "--shared", "--json"]);
    shared.code(0);
    assert_eq!(shared.of_type("group").len(), default.len());
    // The table has a header row, then one line per group.
    let text = env.run(&["groups", "--color", "never"]);
    text.code(0);
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert!(lines[0].starts_with("group "), "{lines:?}");
    assert!(lines[0].contains("versions") && lines[0].contains("outlets"));
    assert_eq!(lines.len(), default.len() + 1, "{lines:?}");
    assert!(text.stderr.contains("--all"), "{}", text.stderr);
    // The id printed is long enough to name the group, not its article.
    let id = lines[1].split_whitespace().next().unwrap();
    env.run(&["compare", id, "--json"]).code(0);
}
