//! `verify`: plain checks what was written since the last clean check,
//! `--full` checks everything and reports its speed.

use serde_json::Value;

use crate::util::{Env, article, damage_article, s};

/// The raw ids of the articles written since the last clean check.
fn unchecked(env: &Env) -> Vec<Vec<u8>> {
    let db = sled::open(env.store()).unwrap();
    db.scan_prefix([0x50, 0x01])
        .map(|e| e.unwrap().0[2..].to_vec())
        .collect()
}

fn summary(env: &Env, args: &[&str], code: i32) -> (Value, String) {
    let run = env.run(&[&["--json", "verify"], args].concat());
    run.code(code);
    (run.of_type("summary")[0].clone(), run.stderr.clone())
}

#[test]
fn verify_checks_only_what_was_written_since_the_last_clean_check() {
    let env = Env::new();
    env.run(&["ingest", s(&env.corpus())]).code(0);
    // Never found clean: the first check is the full one.
    let (first, stderr) = summary(&env, &[], 0);
    assert_eq!(first["scope"], "full");
    assert_eq!(first["articles"], 4);
    assert!(
        stderr.contains("checked everything: 4 articles in") && stderr.contains("articles/s"),
        "{stderr}"
    );
    let (again, stderr) = summary(&env, &[], 0);
    assert_eq!(
        (&again["scope"], &again["articles"]),
        (&Value::from("since-last-check"), &Value::from(0))
    );
    assert!(
        stderr.contains("0 articles written since the last clean check"),
        "{stderr}"
    );

    env.write("more.txt", article(1));
    env.run(&["ingest", "more.txt"]).code(0);
    let (one, stderr) = summary(&env, &[], 0);
    assert_eq!(
        (&one["scope"], &one["articles"]),
        (&"since-last-check".into(), &1.into())
    );
    assert_eq!(one["statements"], 2);
    assert!(
        stderr.contains("store is sound: checked 1 articles written since"),
        "{stderr}"
    );
    assert_eq!(summary(&env, &[], 0).0["articles"], 0);

    // --full checks everything, every time, and reports its speed.
    let (full, stderr) = summary(&env, &["--full"], 0);
    assert_eq!(
        (&full["scope"], &full["articles"]),
        (&"full".into(), &5.into())
    );
    assert!(full["seconds"].as_f64().unwrap() >= 0.0);
    assert!(full["articles_per_second"].as_f64().unwrap() > 0.0);
    assert!(full["mb_per_second"].as_f64().unwrap() > 0.0);
    assert!(stderr.contains("MB/s"), "{stderr}");
}

#[test]
fn verify_full_finds_damage_written_before_and_plain_verify_damage_to_new_articles() {
    let env = Env::new();
    env.run(&["ingest", s(&env.corpus())]).code(0);
    env.run(&["verify"]).code(0);
    // Damage to an article checked before: plain verify does not read it.
    damage_article(&env, |_| true);
    env.run(&["verify"]).code(0);
    let full = env.run(&["verify", "--full"]);
    full.code(1);
    assert!(full.stdout.contains("corrupt"), "{}", full.stdout);
    assert!(full.stderr.contains("problems found"), "{}", full.stderr);

    // Damage to an article written since: plain verify finds it, and
    // keeps finding it (a check that is not clean records nothing).
    env.write("more.txt", article(2));
    env.run(&["ingest", "more.txt"]).code(0);
    let new = unchecked(&env);
    assert_eq!(new.len(), 1);
    damage_article(&env, |id| id == new[0].as_slice());
    let prefix: String = new[0][..8].iter().map(|b| format!("{b:02x}")).collect();
    for _ in 0..2 {
        let run = env.run(&["verify"]);
        run.code(1);
        // The article and its appearances (their ids start with its id),
        // nothing of the one damaged before.
        assert!(run.stdout.contains("corrupt: article"), "{}", run.stdout);
        assert!(
            run.stdout.lines().all(|l| l.contains(&prefix)),
            "{}",
            run.stdout
        );
        assert!(run.stderr.contains("written since the last clean check"));
    }
}
