use crate::util::Env;

#[test]
fn demo_shows_the_story_per_outlet_and_cleans_up() {
    let env = Env::new();
    let tmp = env.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let run = env.run_with(&["demo"], b"", &[("TMPDIR", tmp.to_str().unwrap())]);
    run.code(0);
    for outlet in [
        "AFP",
        "The Valmera Courier",
        "Radio Coastline",
        "Northern Daily Ledger",
    ] {
        assert!(run.stdout.contains(outlet), "{outlet} in\n{}", run.stdout);
    }
    assert!(run.stdout.contains("statements per speaker:"));
    assert!(run.stdout.contains("Brandt"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "the temporary store is gone"
    );
    assert!(!env.store().exists(), "--store is not touched");
}

#[test]
fn demo_ends_by_tracing_its_story_and_can_keep_its_store() {
    let env = Env::new();
    let kept = env.path().join("demo-store");
    let run = env.run(&["demo", "--keep", kept.to_str().unwrap()]);
    run.code(0);
    let origin = run
        .stdout
        .find("$ quotetrail origin ")
        .expect("origin shown");
    let compare = run
        .stdout
        .find("$ quotetrail compare ")
        .expect("compare shown");
    assert!(origin < compare);
    let traced = &run.stdout[origin..compare];
    assert!(traced.contains("origin: AFP"), "{traced}");
    let compared = &run.stdout[compare..];
    assert!(compared.contains("wording_changed"), "{compared}");
    assert!(run.stderr.contains("kept in"), "{}", run.stderr);
    // The kept store answers the other commands.
    let listed = env.run(&[
        "--store",
        kept.to_str().unwrap(),
        "statements",
        "--speaker",
        "Brandt",
    ]);
    listed.code(0);
    assert!(listed.stdout.contains("Joachim Brandt"));
    env.run(&["--store", kept.to_str().unwrap(), "verify"])
        .code(0);
    assert!(!env.store().exists(), "--store is not touched");
}
