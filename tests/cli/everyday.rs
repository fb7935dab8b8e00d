//! The everyday questions in the terminal, asked as a user would: text
//! search, dates, part of a speaker's name, an agency by its long name,
//! typos, CSV, a corpus directory with its README, deleting an article.

use crate::util::{Env, s};

/// A store with the demo corpus in it (four outlets, 11 and 12 March 2025).
fn corpus_store() -> Env {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["ingest", s(&corpus)]).code(0);
    env
}

/// The data rows of a `statements` table (the header left out).
fn rows(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--color", "never", "statements"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    run.code(0);
    let mut lines = run.stdout.lines();
    if let Some(header) = lines.next() {
        assert!(header.starts_with("ID "), "a header row first: {header}");
        for column in ["KIND", "DATE", "SPEAKER", "OUTLET", "WIRE", "TEXT"] {
            assert!(header.contains(column), "{column} in {header}");
        }
    }
    lines.map(str::to_owned).collect()
}

/// The DATE column of a row.
fn date(row: &str) -> &str {
    row.split_whitespace().nth(2).unwrap()
}

#[test]
fn statements_are_listed_by_date_under_a_header_and_found_by_words() {
    let env = corpus_store();
    let all = rows(&env, &[]);
    assert!(all.len() > 20);
    let dates: Vec<&str> = all.iter().map(|r| date(r)).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "date order");

    // Words in any order, case and accents aside; whole words only.
    let moon = rows(&env, &["--text", "MOON asking"]);
    assert!(!moon.is_empty());
    assert!(moon.iter().all(|r| r.contains("moon")), "{moon:#?}");
    assert!(rows(&env, &["--text", "mo"]).is_empty());
    assert!(
        !rows(&env, &["--text", "génerous"]).is_empty(),
        "accents aside"
    );

    let first_day = rows(&env, &["--until", "2025-03-11"]);
    let second_day = rows(&env, &["--since", "2025-03-12"]);
    assert!(!first_day.is_empty() && !second_day.is_empty());
    assert!(first_day.iter().all(|r| date(r) == "2025-03-11"));
    assert!(second_day.iter().all(|r| date(r) == "2025-03-12"));
    assert_eq!(first_day.len() + second_day.len(), all.len());
    assert!(rows(&env, &["--since", "2025-03-13"]).is_empty());
}

#[test]
fn bad_dates_are_usage_errors_everywhere() {
    let env = corpus_store();
    for args in [
        &["statements", "--since", "2024-02-30"][..],
        &["statements", "--until", "2024-13-45"],
        &["statements", "--since", "last week"],
        &["ingest", "--published", "2024-13-45", "corpus"],
        &["extract", "--published", "2024-02-30", "corpus"],
    ] {
        let run = env.run(args);
        run.code(2);
        assert!(
            run.stderr.contains("is not a date"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    let ok = env.run(&["ingest", "--published", "2025-03-13T08:00:00Z", "corpus"]);
    ok.code(0);
}

#[test]
fn a_part_of_a_speakers_name_finds_them_in_every_command() {
    let env = corpus_store();
    let brandt = rows(&env, &["--speaker", "Brandt"]);
    assert!(brandt.iter().any(|r| r.contains("Joachim Brandt")));
    assert!(brandt.iter().any(|r| r.contains("Joakim Brandt")));
    assert!(brandt.iter().all(|r| r.contains("Brandt")), "{brandt:#?}");
    let joachim = rows(&env, &["--speaker", "JOACHIM brandt"]);
    assert!(!joachim.is_empty() && joachim.len() < brandt.len());
    assert!(
        !rows(&env, &["--speaker", "Vásquez"]).is_empty(),
        "accents aside"
    );

    let groups = env.run(&["--json", "groups", "--all", "--speaker", "brandt"]);
    groups.code(0);
    let found = groups.of_type("group");
    assert!(!found.is_empty());
    for g in &found {
        let speakers = g["speakers"].as_array().unwrap();
        assert!(
            speakers
                .iter()
                .any(|n| n.as_str().unwrap().contains("Brandt")),
            "{g}"
        );
    }
}

#[test]
fn unknown_speakers_and_outlets_get_the_closest_names_and_exit_1() {
    let env = corpus_store();
    for (args, hint) in [
        (&["statements", "--speaker", "Brant"][..], "Joachim Brandt"),
        (&["groups", "--speaker", "Brant"], "Joachim Brandt"),
        (
            &["statements", "--outlet", "Radio Coastlin"],
            "Radio Coastline",
        ),
        (&["groups", "--outlet", "Radio Coastlin"], "Radio Coastline"),
        (&["audit", "--outlet", "Radio Coastlin"], "Radio Coastline"),
        (
            &["compare", "--outlet", "AFP", "--outlet", "Radio Coastlin"],
            "Radio Coastline",
        ),
    ] {
        let run = env.run(args);
        run.code(1);
        assert!(run.stdout.is_empty());
        let lines = run.err_lines();
        assert!(lines[0].contains("unknown"), "{args:?}: {lines:?}");
        assert!(
            lines[1].starts_with("did you mean: ") && lines[1].contains(hint),
            "{args:?}: {lines:?}"
        );
    }
}

#[test]
fn a_wire_is_found_by_any_of_its_names() {
    let env = corpus_store();
    let short = rows(&env, &["--wire", "AFP"]);
    assert!(!short.is_empty());
    assert_eq!(rows(&env, &["--wire", "Agence France-Presse"]), short);
    assert_eq!(rows(&env, &["--wire", "afp"]), short);
    let reuters = rows(&env, &["--wire", "Thomson Reuters"]);
    assert!(!reuters.is_empty() && reuters.iter().all(|r| r.contains("Reuters")));
    let long = env.run(&[
        "--json",
        "groups",
        "--all",
        "--wire",
        "Agence France-Presse",
    ]);
    let short = env.run(&["--json", "groups", "--all", "--wire", "AFP"]);
    assert!(!short.of_type("group").is_empty());
    assert_eq!(long.stdout, short.stdout);
}

#[test]
fn csv_export_has_the_documented_header_and_quotes_what_needs_it() {
    let env = Env::new();
    // Commas in the quote and the outlet; quotation marks and a line
    // break in the title.
    env.write(
        "tricky.txt",
        "Harbour board meets again\n\n\
         \"We said no, twice, and we meant it,\" said board chair Ilse Varga.\n",
    );
    env.write(
        "tricky.meta.json",
        r#"{"outlet": "Quay, Post", "published": "2025-04-02", "title": "Board \"holds\",\nagain"}"#,
    );
    env.run(&["ingest", "tricky.txt"]).code(0);
    let run = env.run(&["export", "--format", "csv"]);
    run.code(0);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let header = run.stdout.lines().next().unwrap();
    assert!(
        readme.contains(&format!("`{header}`")),
        "the README documents {header}"
    );

    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    let get = |name: &str| &rows[0][columns.iter().position(|c| c == name).unwrap()];
    assert_eq!(get("outlet"), "Quay, Post");
    assert_eq!(get("published"), "2025-04-02");
    assert_eq!(get("speaker"), "Ilse Varga");
    assert_eq!(get("text"), "We said no, twice, and we meant it,");
    assert_eq!(get("title"), "Board \"holds\",\nagain");
    assert_eq!(get("appearance_id").len(), 64);

    let out = env.path().join("all.csv");
    env.run(&["export", "--format", "csv", "-o", s(&out)])
        .code(0);
    assert_eq!(std::fs::read_to_string(out).unwrap(), run.stdout);
}

#[test]
fn a_directory_walk_skips_the_corpus_papers_and_what_is_excluded() {
    let env = Env::new();
    let corpus = env.corpus();
    env.write(
        "corpus/README.md",
        "# About this corpus\n\n\"Read me first,\" said the editor Ana Pérez.\n",
    );
    env.write("corpus/LICENSE", "Permission is granted, said nobody.\n");
    env.write(
        "corpus/CHANGELOG.txt",
        "\"Fixed a typo,\" said the maintainer Bo Lind.\n",
    );
    env.write(
        "corpus/.draft.txt",
        "\"Not yet,\" said the hidden writer Cy Moss.\n",
    );
    env.write(
        "corpus/drafts/one.txt",
        "\"A draft quote,\" said the drafter Di Nash on Monday.\n",
    );
    let run = env.run(&[
        "--json",
        "ingest",
        s(&corpus),
        "--exclude",
        "drafts",
        "--exclude",
        "04-*",
    ]);
    run.code(0);
    let stored: Vec<String> = run
        .of_type("stored")
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(stored.len(), 3, "{stored:#?}");
    assert!(
        stored
            .iter()
            .all(|p| p.contains("/0") && !p.contains("04-")),
        "{stored:#?}"
    );

    // Named explicitly, a README is read.
    let named = env.run(&["extract", "--format", "jsonl", "corpus/README.md"]);
    named.code(0);
    assert_eq!(named.stdout.lines().count(), 1);
    let bad = env.run(&["ingest", "corpus", "--exclude", "[oops"]);
    bad.code(2);
}

#[test]
fn delete_removes_an_article_and_what_only_it_implied() {
    let env = corpus_store();
    let afp = env
        .run(&["--json", "statements", "--outlet", "AFP"])
        .of_type("statement");
    let article = afp[0]["appearances"][0]["article"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = env
        .run(&["--json", "statements"])
        .of_type("statement")
        .len();

    let run = env.run(&["--json", "delete", &article[..12]]);
    run.code(0);
    let gone = &run.of_type("deleted")[0];
    assert_eq!(gone["article"], article.as_str());
    assert_eq!(gone["statements"].as_array().unwrap().len(), afp.len());
    assert!(!gone["groups"].as_array().unwrap().is_empty(), "{gone}");
    assert!(run.stderr.contains("deleted article"), "{}", run.stderr);

    let after = env
        .run(&["--json", "statements"])
        .of_type("statement")
        .len();
    assert_eq!(after, before - afp.len());
    env.run(&["verify"]).code(0);
    // The other outlets' versions are in groups again: the story still
    // traces, now to the next earliest outlet.
    let groups = env.run(&["--json", "groups"]).of_type("group");
    assert!(!groups.is_empty());
    assert!(
        groups
            .iter()
            .all(|g| !g["outlets"].to_string().contains("\"AFP\""))
    );

    let again = env.run(&["delete", &article[..12]]);
    again.code(1);
    assert!(again.stderr.contains("no object"), "{}", again.stderr);
    let statement = env
        .run(&["--json", "statements", "--limit", "1"])
        .of_type("statement");
    let not_article = env.run(&["delete", &statement[0]["id"].as_str().unwrap()[..12]]);
    not_article.code(1);
    assert!(
        not_article.stderr.contains("not an article"),
        "{}",
        not_article.stderr
    );
}

#[test]
fn progress_is_not_drawn_into_a_pipe() {
    let env = Env::new();
    for i in 0..40 {
        env.write(&format!("many/{i:02}.txt"), crate::util::article(i));
    }
    let run = env.run(&["ingest", "many"]);
    run.code(0);
    assert!(
        !run.stderr.contains('\r') && !run.stderr.contains("ETA"),
        "{}",
        run.stderr
    );
    assert_eq!(run.err_lines().len(), 1, "only the summary: {}", run.stderr);
}
