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
