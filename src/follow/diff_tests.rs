//! One test per flag kind, on short sentences written for these tests.

use quotetrail_store::{Id, Kind};

use super::*;
use crate::follow::Version;

fn v(kind: Kind, text: &str) -> Version {
    Version::new(Id::of_fields("test", &[text]), kind, text)
}

fn q(text: &str) -> Version {
    v(Kind::Quote, text)
}

fn flags_of(a: &str, b: &str) -> Vec<(FlagKind, Severity)> {
    diff_versions(&q(a), &q(b))
        .flags
        .iter()
        .map(|f| (f.kind, f.severity))
        .collect()
}

fn only(a: &str, b: &str, kind: FlagKind, severity: Severity) {
    let got = flags_of(a, b);
    assert_eq!(got, [(kind, severity)], "{a:?} vs {b:?}");
}

fn has(a: &str, b: &str, kind: FlagKind, severity: Severity) {
    let got = flags_of(a, b);
    assert!(got.contains(&(kind, severity)), "{a:?} vs {b:?}: {got:?}");
}

#[test]
fn identical_versions_have_no_flags() {
    let d = diff_versions(&q("The road is open."), &q("The road is open."));
    assert!(d.flags.is_empty());
    assert_eq!(d.max_severity(), None);
    assert_eq!(d.similarity, 1.0);
    assert_eq!(d.ops.len(), 1);
}

#[test]
fn wording_change() {
    only(
        "The talks were productive",
        "The talks were useless",
        FlagKind::WordingChanged,
        Severity::Major,
    );
    let d = diff_texts("The talks were productive", "The talks were useless");
    let tags: Vec<OpTag> = d.ops.iter().map(|o| o.tag).collect();
    assert_eq!(tags, [OpTag::Equal, OpTag::Delete, OpTag::Insert]);
    assert_eq!(d.ops[1].text, "productive");
    assert_eq!(d.flags[0].old.as_deref(), Some("productive"));
    assert_eq!(d.flags[0].new.as_deref(), Some("useless"));
}

#[test]
fn omission_inside() {
    only(
        "We will rebuild the old bridge in the north",
        "We will rebuild the bridge in the north",
        FlagKind::Omission,
        Severity::Major,
    );
    only(
        "We rebuilt the bridge and the school",
        "We rebuilt bridge and the school",
        FlagKind::Omission,
        Severity::Minor,
    );
}

#[test]
fn truncation_at_a_clause_boundary_is_minor() {
    only(
        "The road is open, and the market is busy again.",
        "The road is open.",
        FlagKind::Truncation,
        Severity::Minor,
    );
}

#[test]
fn truncation_mid_phrase_is_major() {
    only(
        "The road to the capital is open again.",
        "The road to the",
        FlagKind::Truncation,
        Severity::Major,
    );
    only(
        "The road to the capital is open again.",
        "capital is open again.",
        FlagKind::Truncation,
        Severity::Major,
    );
}

#[test]
fn truncation_that_drops_a_condition_is_critical() {
    let d = diff_versions(
        &q("We will talk to them, but only if they disarm."),
        &q("We will talk to them."),
    );
    assert_eq!(d.flags[0].kind, FlagKind::Truncation);
    assert_eq!(d.flags[0].severity, Severity::Critical);
    assert_eq!(d.flags[0].old.as_deref(), Some("but only if they disarm"));
}

#[test]
fn addition() {
    only(
        "The army left the town",
        "The army quietly left the town",
        FlagKind::Addition,
        Severity::Major,
    );
}

#[test]
fn bracketed_insertion() {
    only(
        "We left at dawn",
        "We left [the camp] at dawn",
        FlagKind::BracketedInsertion,
        Severity::Minor,
    );
    // A bracket standing for a pronoun is a clarification, not a rewording.
    let d = diff_texts(
        "He said the town was calm",
        "[The governor] said the town was calm",
    );
    assert_eq!(d.flags.len(), 1);
    assert_eq!(d.flags[0].kind, FlagKind::BracketedInsertion);
    assert_eq!(d.flags[0].old.as_deref(), Some("He"));
}

#[test]
fn ellipsis_marks_an_omission() {
    for mark in ["...", "\u{2026}", ". . .", "[...]"] {
        let b = format!("We came to help {mark} we will not leave");
        let got = flags_of("We came to help, we came to stay and we will not leave", &b);
        assert!(
            got.contains(&(FlagKind::Ellipsis, Severity::Minor)),
            "{mark}: {got:?}"
        );
        assert!(
            got.iter().any(|f| f.0 == FlagKind::Omission),
            "{mark}: {got:?}"
        );
    }
}

#[test]
fn number_changed_but_not_its_spelling() {
    only(
        "Twelve soldiers were killed",
        "15 soldiers were killed",
        FlagKind::NumberChanged,
        Severity::Critical,
    );
    only(
        "24 soldiers were killed",
        "twenty-four soldiers were killed",
        FlagKind::SpellingVariant,
        Severity::Cosmetic,
    );
    only(
        "They counted 200 trucks",
        "They counted two hundred trucks",
        FlagKind::SpellingVariant,
        Severity::Cosmetic,
    );
    only(
        "They counted 1,200 trucks",
        "They counted 1,300 trucks",
        FlagKind::NumberChanged,
        Severity::Critical,
    );
}

#[test]
fn negation_added_or_removed() {
    only(
        "The convoy was attacked",
        "The convoy was not attacked",
        FlagKind::NegationChanged,
        Severity::Critical,
    );
    only(
        "We didn't see the fighters",
        "We did see the fighters",
        FlagKind::NegationChanged,
        Severity::Critical,
    );
    only(
        "Nous n'avons vu personne",
        "Nous avons vu personne",
        FlagKind::NegationChanged,
        Severity::Critical,
    );
    has(
        "They will leave without their weapons",
        "They will leave with their weapons",
        FlagKind::NegationChanged,
        Severity::Critical,
    );
}

#[test]
fn modality_changed() {
    only(
        "The troops will leave next week",
        "The troops could leave next week",
        FlagKind::ModalityChanged,
        Severity::Major,
    );
    only(
        "The troops left the base",
        "The troops reportedly left the base",
        FlagKind::ModalityChanged,
        Severity::Major,
    );
    // "won't" -> "will" is a negation change, not a modality change.
    only(
        "We won't stay",
        "We will stay",
        FlagKind::NegationChanged,
        Severity::Critical,
    );
}

#[test]
fn punctuation_and_case_are_cosmetic() {
    let d = diff_texts(
        "We are ready, and we will go.",
        "we are ready and we will go",
    );
    assert!(!d.flags.is_empty());
    assert!(
        d.flags.iter().all(|f| f.kind == FlagKind::PunctuationCase),
        "{:?}",
        d.flags
    );
    assert_eq!(d.max_severity(), Some(Severity::Cosmetic));
    only(
        "\u{201C}Yes\u{201D}, he said",
        "\"Yes\", he said",
        FlagKind::PunctuationCase,
        Severity::Cosmetic,
    );
}

#[test]
fn spelling_variants_are_cosmetic() {
    only(
        "The organisation will help",
        "The organization will help",
        FlagKind::SpellingVariant,
        Severity::Cosmetic,
    );
    only(
        "We met Konar\u{e9} in the capital",
        "We met Konare in the capital",
        FlagKind::SpellingVariant,
        Severity::Cosmetic,
    );
}

#[test]
fn organisation_name_variant_in_the_text() {
    only(
        "RUFT fighters entered the town",
        "Rally for Unity and Freedom of Tamarin fighters entered the town",
        FlagKind::OrgNameVariant,
        Severity::Cosmetic,
    );
}

#[test]
fn speakers_compared_with_name_rules() {
    let mut a = q("We will stay");
    let mut b = q("We will stay");
    a.speaker = Some("Awa Konare".into());
    b.speaker = Some("Moussa Diarra".into());
    let d = diff_versions(&a, &b);
    assert_eq!(d.flags[0].kind, FlagKind::DifferentSpeaker);
    assert_eq!(d.flags[0].severity, Severity::Critical);

    a.speaker = Some("Mohamed Ag Tinalla".into());
    b.speaker = Some("Mohammad Ag Tinallah".into());
    let d = diff_versions(&a, &b);
    assert_eq!(d.flags.len(), 1);
    assert_eq!(d.flags[0].kind, FlagKind::SpeakerNameVariant);
    assert_eq!(d.flags[0].severity, Severity::Cosmetic);

    a.speaker = Some("RUFT".into());
    b.speaker = Some("Rally for Unity and Freedom of Tamarin".into());
    let d = diff_versions(&a, &b);
    assert_eq!(d.flags.len(), 1);
    assert_eq!(d.flags[0].kind, FlagKind::OrgNameVariant);

    b.speaker = None;
    assert_eq!(
        diff_versions(&a, &b).flags[0].kind,
        FlagKind::DifferentSpeaker
    );
}

#[test]
fn wire_and_kind() {
    let mut a = q("We will stay");
    let mut b = v(Kind::Claim, "We will stay");
    a.wire = Some("AFP".into());
    b.wire = Some("Reuters".into());
    let kinds: Vec<FlagKind> = diff_versions(&a, &b).flags.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&FlagKind::DifferentWire));
    assert!(kinds.contains(&FlagKind::QuoteVsParaphrase));
    b.kind = Kind::Quote;
    b.wire = Some("Agence France-Presse".into());
    assert!(diff_versions(&a, &b).flags.is_empty());
}

#[test]
fn severest_flag_comes_first() {
    let d = diff_texts(
        "the army will withdraw 200 soldiers",
        "The army will not withdraw 300 soldiers!",
    );
    let sev: Vec<Severity> = d.flags.iter().map(|f| f.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(sev, sorted);
    assert!(d.has(FlagKind::NegationChanged));
    assert!(d.has(FlagKind::NumberChanged));
    assert!(d.has(FlagKind::PunctuationCase));
}

#[test]
fn serializes_with_snake_case_names() {
    let d = diff_texts("We left", "We never left");
    let json = serde_json::to_string(&d).unwrap();
    assert!(json.contains("\"kind\":\"negation_changed\""), "{json}");
    assert!(json.contains("\"severity\":\"critical\""), "{json}");
    assert!(json.contains("\"tag\":\"insert\""), "{json}");
}

mod props {
    use proptest::prelude::*;

    use super::super::*;

    /// Every changed op belongs to a stretch that has a flag.
    fn every_change_flagged(d: &VersionDiff) -> bool {
        d.ops.iter().enumerate().all(|(i, op)| {
            op.tag == OpTag::Equal
                || d.flags.iter().any(|f| f.op == Some(i))
                || (op.tag == OpTag::Insert
                    && i > 0
                    && d.ops[i - 1].tag == OpTag::Delete
                    && d.flags.iter().any(|f| f.op == Some(i - 1)))
        })
    }

    proptest! {
        #[test]
        fn never_panics_and_flags_every_change(a in "\\PC{0,120}", b in "\\PC{0,120}") {
            let d = diff_texts(&a, &b);
            prop_assert!(every_change_flagged(&d));
            prop_assert!((0.0..=1.0).contains(&d.similarity));
        }

        #[test]
        fn word_soup_flags_every_change(
            a in proptest::collection::vec("(not|will|could|24|twenty|four|hundred|the|army|\\[x\\]|\\.\\.\\.|,|\\.|Kon\u{e9}|RUFT|n't|[a-z]{1,6})", 0..30),
            b in proptest::collection::vec("(not|will|could|24|twenty|four|hundred|the|army|\\[x\\]|\\.\\.\\.|,|\\.|Kon\u{e9}|RUFT|n't|[a-z]{1,6})", 0..30),
        ) {
            let d = diff_texts(&a.join(" "), &b.join(" "));
            prop_assert!(every_change_flagged(&d));
        }
    }
}

#[test]
fn long_unrelated_texts_finish_and_are_flagged() {
    // Two long texts that share little: one huge hunk, handled in linear
    // time (no pairing of every word with every other).
    let a: Vec<String> = (0..20_000).map(|i| format!("alpha{i}")).collect();
    let b: Vec<String> = (0..20_000).map(|i| format!("beta{}", i * 7)).collect();
    let d = diff_texts(&a.join(" "), &b.join(" "));
    assert!(d.has(FlagKind::WordingChanged));
    let n: String = "they did not go ".repeat(5_000);
    let d = diff_texts(&n, "");
    assert!(d.has(FlagKind::NegationChanged));
    assert!(d.has(FlagKind::Truncation));
}
