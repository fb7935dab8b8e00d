//! The name rules' tests, on names and articles written for them.

use super::*;

fn rule(a: &str, b: &str) -> Option<(Rule, Strength)> {
    same_name(a, b).map(|e| (e.rule, e.strength))
}

#[test]
fn parses_titles_and_apposition() {
    let n = NameInfo::parse("Defence Minister Awa Konare, a former general");
    assert_eq!(n.printed, ["Awa", "Konare"]);
    assert!(n.roles.contains(&"minister".to_owned()));
    assert!(n.roles.contains(&"general".to_owned()));
    let n = NameInfo::parse("RUFT spokesman Idris Ould Baba");
    assert_eq!(n.printed, ["Idris", "Ould", "Baba"]);
    assert!(NameInfo::parse("a spokesman").tokens.is_empty());
    assert!(NameInfo::parse("U.N.").acronym);
}

#[test]
fn spelling_variants_merge_with_their_tokens() {
    let ev = same_name("Mohamed Ag Tinalla", "Mohammad Ag Tinallah").unwrap();
    assert_eq!(ev.rule, Rule::TokenVariant);
    assert_eq!(ev.strength, Strength::Strong);
    assert!(ev.tokens.contains(&("tinalla".into(), "tinallah".into())));
    assert_eq!(
        rule("Youssouf Kane", "Yusuf Kane"),
        Some((Rule::TokenVariant, Strength::Strong))
    );
}

#[test]
fn similar_but_different_surnames_stay_apart() {
    assert_eq!(rule("Ibrahim Keita", "Ibrahim Keira"), None);
    assert_eq!(rule("Awa Toure", "Awa Traore"), None);
}

#[test]
fn surname_alone_is_weak_and_given_name_alone_weaker() {
    let ev = same_name("Konare", "Awa Konare").unwrap();
    assert_eq!((ev.rule, ev.strength), (Rule::SurnameOnly, Strength::Weak));
    let ev = same_name("Awa", "Awa Konare").unwrap();
    assert_eq!(
        (ev.rule, ev.strength),
        (Rule::GivenNameOnly, Strength::Weak)
    );
    assert_eq!(
        rule("Awa Konare", "Awa Ould Konare"),
        Some((Rule::Exact, Strength::Strong))
    );
    assert_eq!(
        rule("Awa B. Konare", "Awa Konare"),
        Some((Rule::Subset, Strength::Strong))
    );
}

#[test]
fn shared_given_or_family_name_is_not_a_match() {
    assert_eq!(rule("Moussa Diarra", "Amadou Diarra"), None);
    assert_eq!(rule("Moussa Diarra", "Moussa Keita"), None);
}

#[test]
fn function_words_and_determiners_are_no_evidence() {
    // Descriptions that share only their opening word.
    assert_eq!(rule("The campaign", "The ad"), None);
    assert_eq!(rule("One official", "One reader"), None);
    assert_eq!(rule("Les autorités", "Les Echos"), None);
    assert_eq!(rule("The Florida senator", "The Vermont senator"), None);
    assert!(!NameInfo::parse("The campaign").has_content());
    // A description names its subject only loosely: weak evidence.
    assert_eq!(
        rule("The Sanders campaign", "Bernie Sanders"),
        Some((Rule::SurnameOnly, Strength::Weak))
    );
    assert_eq!(
        rule("Trump's campaign", "Trump's hotels"),
        Some((Rule::Exact, Strength::Weak))
    );
    assert_eq!(
        rule("Clinton aides", "Clinton advisers"),
        Some((Rule::Exact, Strength::Weak))
    );
    assert_eq!(
        rule("the Republican nominee", "some Republican leaders"),
        Some((Rule::Exact, Strength::Weak))
    );
    assert!(!NameInfo::parse("Jane Doe told").description);
    assert!(!NameInfo::parse("Bernie Sanders of Vermont").description);
    // Particles and acronyms still count.
    assert_eq!(
        rule("Alghabass Ag Intalla", "Alghabass Ag Intallah"),
        Some((Rule::TokenVariant, Strength::Strong))
    );
    assert!(NameInfo::parse("ONE").has_content());
    let mut ids = Identities::new();
    for n in [
        "The campaign",
        "The ad",
        "The Florida senator",
        "The Vermont senator",
        "One official",
        "One reader",
        "Trump's campaign",
        "Trump's hotels",
        "Clinton aides",
        "Clinton advisers",
        "the Republican nominee",
        "some Republican leaders",
    ] {
        ids.add(n);
    }
    let map = ids.resolve();
    assert!(
        map.identities.iter().all(|i| i.aliases.len() == 1),
        "{:?}",
        map.identities
    );
}

#[test]
fn role_in_apposition_backs_a_bare_surname() {
    let ev = same_name(
        "Konare, the defence minister",
        "Defence Minister Awa Konare",
    )
    .unwrap();
    assert_eq!(
        (ev.rule, ev.strength),
        (Rule::RoleApposition, Strength::Strong)
    );
}

#[test]
fn acronyms_match_initials_in_either_order() {
    let ev = same_name("RUFT", "Rally for Unity and Freedom of Tamarin").unwrap();
    assert_eq!(ev.rule, Rule::AcronymInitials);
    // The same group's acronym in French word order.
    let ev = same_name("RUFT", "Rassemblement pour la Tamarin Unie et Fraternelle").unwrap();
    assert_eq!(ev.rule, Rule::AcronymPermuted);
    assert_eq!(
        rule("RUFT", "RTUF"),
        Some((Rule::AcronymPermuted, Strength::Strong))
    );
    assert_eq!(
        rule("AFP", "Agence France-Presse"),
        Some((Rule::AcronymInitials, Strength::Strong))
    );
    assert_eq!(rule("AFP", "Associated Press"), None);
    assert_eq!(rule("UN", "NU"), None);
}

#[test]
fn identities_keep_aliases_and_evidence() {
    let mut ids = Identities::new();
    for n in [
        "Mohamed Ag Tinalla",
        "Mohammad Ag Tinallah",
        "Tinalla",
        "Awa Konare",
    ] {
        ids.add(n);
    }
    let map = ids.resolve();
    let who = map.identity_of("Tinalla").unwrap();
    assert_eq!(who.aliases.len(), 3);
    assert!(
        who.merges
            .iter()
            .any(|m| m.evidence.rule == Rule::TokenVariant)
    );
    assert!(
        who.merges
            .iter()
            .any(|m| m.evidence.rule == Rule::UniqueFullName)
    );
    assert_ne!(
        map.identity_of("Awa Konare").unwrap().canonical,
        who.canonical
    );
}

#[test]
fn ambiguous_surname_needs_a_statement_link() {
    let mut ids = Identities::new();
    for n in ["Moussa Diarra", "Amadou Diarra", "Diarra"] {
        ids.add(n);
    }
    let map = ids.resolve();
    assert_eq!(map.identity_of("Diarra").unwrap().aliases, ["Diarra"]);
    assert_eq!(map.identities.len(), 3);
    ids.link_statement("Diarra", "Amadou Diarra");
    let map = ids.resolve();
    let who = map.identity_of("Diarra").unwrap();
    assert_eq!(who.aliases, ["Amadou Diarra", "Diarra"]);
    assert_eq!(who.merges[0].evidence.rule, Rule::SharedStatement);
    assert_eq!(
        map.identity_of("Moussa Diarra").unwrap().aliases,
        ["Moussa Diarra"]
    );
}

mod props {
    use proptest::prelude::*;

    use super::super::*;

    const NAME: &str = "((Mr|Dr|Minister|spokesman|the|of|Ould|Ag|[A-Z][a-z]{1,7}|[A-Z]{2,5}|[a-z]{2,6}|,|\\.)[ ]){0,6}";

    proptest! {
        #[test]
        fn name_rules_never_panic_and_are_symmetric(a in NAME, b in NAME, c in "\\PC{0,60}") {
            let (na, nb, nc) = (NameInfo::parse(&a), NameInfo::parse(&b), NameInfo::parse(&c));
            prop_assert_eq!(same_speaker(&na, &nb).is_some(), same_speaker(&nb, &na).is_some());
            let _ = same_speaker(&na, &nc);
        }

        #[test]
        fn identities_never_panic(names in proptest::collection::vec(NAME, 0..12)) {
            let mut ids = Identities::new();
            for (i, n) in names.iter().enumerate() {
                ids.add(n);
                if i > 0 {
                    ids.link_statement(n, &names[i - 1]);
                }
            }
            let map = ids.resolve();
            for n in &names {
                if !NameInfo::parse(n).has_content() {
                    continue;
                }
                prop_assert!(map.identity_of(n).is_some(), "{n:?}");
            }
        }
    }
}
