use super::*;
use crate::follow::test_support::{article, fresh, ingest};
use quotetrail_store::{Appearance, Article, GroupId, Kind, Statement};

const QUOTE: &str =
    "We will hold the elections in July and not a day later, whatever the cost to the treasury";

#[test]
fn versions_across_batches_meet_in_one_group_and_verify() {
    let (_dir, store) = fresh();
    let first = article("Daily A", "2024-03-02", "Awa Diallo", Some("AFP"), QUOTE);
    let cut = "We will hold the elections in July and not a day later";
    let second = article("Daily B", "2024-03-03", "Awa Dialo", Some("Reuters"), cut);
    assert_eq!(ingest(&store, std::slice::from_ref(&first)), 1);
    assert_eq!(ingest(&store, std::slice::from_ref(&second)), 1);
    let g1 = store.group_of(&first.1[0].1.id()).unwrap().unwrap();
    let g2 = store.group_of(&second.1[0].1.id()).unwrap().unwrap();
    assert_eq!(g1, g2);
    assert_eq!(
        g1,
        GroupId::founded_by(&first.1[0].1.id()),
        "the founder's id names the group"
    );
    let st = GroupState::from_value(&store.group_state(&g1).unwrap().unwrap()).unwrap();
    assert_eq!(st.size, 2);
    assert_eq!(st.reference, first.1[0].1.id(), "the earliest complete one");
    assert_eq!(st.wires, vec!["AFP".to_string(), "Reuters".to_string()]);
    // Re-ingest adds nothing.
    assert_eq!(ingest(&store, &[first, second]), 0);
    let report = store.verify().unwrap();
    assert!(report.is_clean(), "{:#?}", report.problems);
}

#[test]
fn a_later_complete_earlier_version_becomes_the_reference() {
    let (_dir, store) = fresh();
    let cut = "We will hold the elections in July and not a day later";
    let late = article("Daily B", "2024-03-05", "Awa Diallo", None, cut);
    let early = article("Daily A", "2024-03-02", "Awa Diallo", None, QUOTE);
    ingest(&store, std::slice::from_ref(&late));
    ingest(&store, std::slice::from_ref(&early));
    let g = GroupId::founded_by(&late.1[0].1.id());
    let st = GroupState::from_value(&store.group_state(&g).unwrap().unwrap()).unwrap();
    assert_eq!(st.reference, early.1[0].1.id());
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn the_same_words_with_another_speaker_guess_join_but_a_line_repeated_months_later_stays_apart() {
    let (_dir, store) = fresh();
    let a = article("Daily A", "2024-03-02", "Awa Diallo", None, QUOTE);
    // The extractor gave the quote to the agency that reported it.
    let b = article("Daily B", "2024-03-02", "Reuters", None, QUOTE);
    // Six months on, the line again inside another speech: another occasion.
    let repeated = format!("The campaign is over and I say it again tonight: {QUOTE}");
    let c = article("Daily C", "2024-09-02", "Awa Diallo", None, &repeated);
    // Six months on, the statement itself quoted again, word for word.
    let d = article("Daily D", "2024-09-03", "Awa Diallo", None, QUOTE);
    ingest(&store, &[a.clone(), b.clone(), c.clone(), d.clone()]);
    let group = |x: &(Article, Vec<(Statement, Appearance)>)| {
        store.group_of(&x.1[0].1.id()).unwrap().unwrap()
    };
    assert_eq!(
        group(&a),
        group(&b),
        "a speaker guess never splits the same words"
    );
    assert_ne!(
        group(&a),
        group(&c),
        "a line repeated months later is another occasion"
    );
    assert_eq!(
        group(&a),
        group(&d),
        "a statement quoted again months later is the same one"
    );
    let mut m = StoreMatcher::new(&store);
    assert_eq!(
        m.query(QUOTE).unwrap().len(),
        2,
        "words alone match both groups"
    );
}

#[test]
fn a_stock_phrase_in_another_persons_quote_stays_apart() {
    let (_dir, store) = fresh();
    let a = article(
        "Daily A",
        "2024-03-02",
        "Awa Diallo",
        None,
        "Nobody in this country is better prepared to lead the ministry of the interior",
    );
    let b = article(
        "Daily B",
        "2024-03-05",
        "Jean Martin",
        None,
        "He is completely unfit to lead the ministry of the interior",
    );
    ingest(&store, &[a.clone(), b.clone()]);
    assert_ne!(
        store.group_of(&a.1[0].1.id()).unwrap(),
        store.group_of(&b.1[0].1.id()).unwrap()
    );
}

/// Two halves of one statement that don't match each other, and the whole.
const FIRST_HALF: &str = "The ministry will pay the teachers their March salaries on Friday";
const SECOND_HALF: &str = "and every school in the region reopens on the first of April";

fn whole() -> String {
    format!("{FIRST_HALF} {SECOND_HALF}")
}

#[test]
fn a_passage_that_holds_two_statements_does_not_merge_them() {
    let (_dir, store) = fresh();
    let a = article(
        "Daily A",
        "2024-03-02",
        "Awa Diallo",
        Some("AFP"),
        FIRST_HALF,
    );
    let b = article("Daily B", "2024-03-03", "Awa Diallo", None, SECOND_HALF);
    let c = article("Daily C", "2024-03-04", "Awa Diallo", None, &whole());
    ingest(&store, &[a.clone(), b.clone(), c.clone()]);
    let (ida, idb) = (a.1[0].1.id(), b.1[0].1.id());
    let (ga, gb) = (GroupId::founded_by(&ida), GroupId::founded_by(&idb));
    assert_eq!(store.group_of(&ida).unwrap(), Some(ga));
    assert_eq!(
        store.group_of(&idb).unwrap(),
        Some(gb),
        "the halves stay apart"
    );
    let joined = store.group_of(&c.1[0].1.id()).unwrap();
    assert!(joined == Some(ga) || joined == Some(gb), "{joined:?}");
    assert!(store.verify().unwrap().is_clean());
}

/// Two cuts of one sentence that overlap, too little to match each other.
const OPENING: &str = "The ministry will pay the teachers their March salaries on Friday";
const CLOSING: &str =
    "the teachers their March salaries on Friday and every school in the region reopens in April";
const SENTENCE: &str = "The ministry will pay the teachers their March salaries on Friday \
     and every school in the region reopens in April";

#[test]
fn a_version_that_bridges_two_cuts_of_one_sentence_merges_them_under_the_earlier_one() {
    let (_dir, store) = fresh();
    let a = article("Daily A", "2024-03-02", "Awa Diallo", Some("AFP"), OPENING);
    let b = article("Daily B", "2024-03-03", "Awa Diallo", None, CLOSING);
    ingest(&store, &[a.clone(), b.clone()]);
    let (ida, idb) = (a.1[0].1.id(), b.1[0].1.id());
    let (ga, gb) = (GroupId::founded_by(&ida), GroupId::founded_by(&idb));
    assert_eq!(store.group_of(&ida).unwrap(), Some(ga));
    assert_eq!(
        store.group_of(&idb).unwrap(),
        Some(gb),
        "the cuts alone stay apart"
    );
    let c = article(
        "Daily C",
        "2024-03-04",
        "Awa Diallo",
        Some("Reuters"),
        SENTENCE,
    );
    let idc = c.1[0].1.id();
    store.put_article(&c.0, &c.1).unwrap();
    let mut m = StoreMatcher::new(&store);
    let placed = m
        .insert(&Version::from_records(&c.1[0].0, &c.1[0].1, &c.0))
        .unwrap()
        .unwrap();
    m.commit().unwrap();
    assert_eq!(placed.group, ga, "the earlier group keeps its id");
    assert_eq!(placed.merged, vec![gb]);
    for id in [ida, idb, idc] {
        assert_eq!(store.group_of(&id).unwrap(), Some(ga));
    }
    assert_eq!(store.group_state(&gb).unwrap(), None);
    assert_eq!(store.group_members(&ga).unwrap().len(), 3);
    let st = GroupState::from_value(&store.group_state(&ga).unwrap().unwrap()).unwrap();
    assert_eq!(st.size, 3);
    assert_eq!(
        st.reference, idb,
        "the earliest complete version (16 of 20 words)"
    );
    assert_eq!(st.outlets.len(), 3);
    let report = store.verify().unwrap();
    assert!(report.is_clean(), "{:#?}", report.problems);
    let mut m = StoreMatcher::new(&store);
    assert_eq!(m.query(CLOSING).unwrap()[0].0, ga);
}

#[test]
fn groups_of_different_people_are_not_merged_by_an_ambiguous_bridge() {
    let (_dir, store) = fresh();
    let a = article("Daily A", "2024-03-02", "Awa Diallo", None, FIRST_HALF);
    let b = article("Daily B", "2024-03-03", "Moussa Diallo", None, SECOND_HALF);
    // The surname alone could be either of them.
    let c = article("Daily C", "2024-03-04", "Diallo", None, &whole());
    ingest(&store, &[a.clone(), b.clone(), c.clone()]);
    let (ida, idb) = (a.1[0].1.id(), b.1[0].1.id());
    let (ga, gb) = (GroupId::founded_by(&ida), GroupId::founded_by(&idb));
    assert_eq!(store.group_of(&ida).unwrap(), Some(ga));
    assert_eq!(store.group_of(&idb).unwrap(), Some(gb));
    let joined = store.group_of(&c.1[0].1.id()).unwrap();
    assert!(joined == Some(ga) || joined == Some(gb), "{joined:?}");
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn a_fragment_that_two_statements_contain_does_not_merge_them() {
    let (_dir, store) = fresh();
    let a = article(
        "Daily A",
        "2024-03-02",
        "Awa Diallo",
        None,
        "Ministers promised on Sunday they would pay the teachers their March salaries by \
         Friday at the latest",
    );
    let b = article(
        "Daily B",
        "2024-03-03",
        "Awa Diallo",
        None,
        "If the unions call off the strike the province agreed to pay the teachers their \
         March salaries next month",
    );
    let fragment = article(
        "Daily C",
        "2024-03-04",
        "Awa Diallo",
        None,
        "pay the teachers their March salaries",
    );
    ingest(&store, &[a.clone(), b.clone(), fragment.clone()]);
    let (ida, idb) = (a.1[0].1.id(), b.1[0].1.id());
    let (ga, gb) = (GroupId::founded_by(&ida), GroupId::founded_by(&idb));
    assert_eq!(store.group_of(&ida).unwrap(), Some(ga));
    assert_eq!(store.group_of(&idb).unwrap(), Some(gb));
    let joined = store.group_of(&fragment.1[0].1.id()).unwrap();
    assert!(joined == Some(ga) || joined == Some(gb), "{joined:?}");
}

/// One article printing one claim (reported speech), with its records.
fn claim(outlet: &str, date: &str, text: &str) -> (Article, Vec<(Statement, Appearance)>) {
    let (mut a, mut found) = article(outlet, date, "the group", None, text);
    a.body = format!("The group said {text}.");
    let s = Statement::new(Kind::Claim, text, Some("the group"), Some(outlet), None);
    found[0].1.statement = s.id();
    found[0].1.article = a.id();
    found[0].1.start = "The group said ".len();
    found[0].1.end = found[0].1.start + text.len();
    found[0].0 = s;
    (a, found)
}

const LED_BY: &str = "the new movement will be led by Kamara Tounkara, a former commander \
                      of the Sahel Liberation Front in Gao";
const IN_OTHER_WORDS: &str = "Kamara Tounkara, once a Sahel Liberation Front commander, heads \
                              the breakaway faction based near Gao";

#[test]
fn a_paraphrase_sharing_the_names_joins_across_outlets_but_not_within_one() {
    for (outlet, joins) in [("Daily B", true), ("Daily A", false)] {
        let (_dir, store) = fresh();
        let first = claim("Daily A", "2024-03-02", LED_BY);
        let other = claim(outlet, "2024-03-03", IN_OTHER_WORDS);
        ingest(&store, &[first.clone(), other.clone()]);
        let group = |x: &(Article, Vec<(Statement, Appearance)>)| {
            store.group_of(&x.1[0].1.id()).unwrap().unwrap()
        };
        assert_eq!(group(&first) == group(&other), joins, "{outlet}");
    }
}

#[test]
fn day_and_month_names_are_not_proper_names() {
    assert_eq!(
        name_words("they met Kamara Tounkara on Tuesday in March in Gao"),
        ["kamara", "tounkara", "gao"]
    );
}

#[test]
fn two_translations_of_one_utterance_join_only_with_the_same_speaker_and_days() {
    let (_dir, store) = fresh();
    let a = article(
        "Daily A",
        "2024-03-02",
        "Awa Diallo",
        Some("AFP"),
        "I did not resign from the commission",
    );
    let b = article(
        "Daily B",
        "2024-03-03",
        "Awa Diallo",
        Some("Reuters"),
        "I have not resigned from the commission",
    );
    // Same content words, someone else.
    let c = article(
        "Daily C",
        "2024-03-03",
        "Jean Martin",
        None,
        "I have not resigned from the commission",
    );
    // Same content words, same person, a month later.
    let d = article(
        "Daily D",
        "2024-04-05",
        "Awa Diallo",
        None,
        "I never resigned from the commission",
    );
    ingest(&store, &[a.clone(), b.clone(), c.clone(), d.clone()]);
    let group = |x: &(Article, Vec<(Statement, Appearance)>)| {
        store.group_of(&x.1[0].1.id()).unwrap().unwrap()
    };
    assert_eq!(group(&a), group(&b), "two renderings, one statement");
    assert_ne!(group(&a), group(&c), "the same words by someone else");
    assert_ne!(group(&a), group(&d), "another month is another occasion");
    assert!(store.verify().unwrap().is_clean());
    let view = crate::follow::view::load_group(&store, &group(&a))
        .unwrap()
        .unwrap();
    assert!(
        view.diffs
            .iter()
            .any(|d| d.has(crate::follow::FlagKind::TranslationVariant)),
        "the variant is flagged"
    );
}

#[test]
fn descriptions_and_labels_are_not_names() {
    for name in ["Awa Diallo", "AFP", "Diallo", "Ag Intallah"] {
        assert!(is_named(name), "{name}");
    }
    for label in [
        "the group",
        "The Republican candidate",
        "FULL TEXT",
        "UPDATE NOTE",
        "",
    ] {
        assert!(!is_named(label), "{label}");
    }
}

/// An article of [`article`] in a language.
fn in_lang(
    mut p: crate::follow::test_support::Printed,
    lang: &str,
) -> crate::follow::test_support::Printed {
    p.0.lang = Some(lang.into());
    p
}

#[test]
fn a_french_dispatch_and_its_english_copy_are_one_statement_in_two_languages() {
    use crate::follow::diff::{FlagKind, diff_versions};
    use crate::follow::test_support::group_of;
    let (_d, store) = fresh();
    let fr_text = "Les négociations avec le gouvernement sont dans une impasse totale, et nous \
                   exigeons la libération immédiate des 14 otages";
    let en_text = "Negotiations with the government are at a complete impasse, and we demand the \
                   immediate release of the 14 hostages";
    let fr = in_lang(
        article(
            "Agence Ouest",
            "2026-05-12",
            "Paul Masson",
            Some("AFP"),
            fr_text,
        ),
        "fr",
    );
    let en = in_lang(
        article(
            "Daily Ledger",
            "2026-05-13",
            "Paul Masson",
            Some("AFP"),
            en_text,
        ),
        "en",
    );
    // The same speaker on the same days, saying something else.
    let other = in_lang(
        article(
            "Daily Ledger",
            "2026-05-13",
            "Paul Masson",
            None,
            "The army will take the capital within 24 hours, whatever the cost",
        ),
        "en",
    );
    // The same speaker a month later.
    let later = in_lang(
        article("Weekly Review", "2026-06-20", "Paul Masson", None, en_text),
        "en",
    );
    ingest(&store, &[fr.clone(), en.clone(), other.clone()]);
    let g = group_of(&store, &fr).unwrap();
    assert_eq!(group_of(&store, &en), Some(g));
    assert_ne!(group_of(&store, &other), Some(g));
    let version = |p: &crate::follow::test_support::Printed| {
        Version::from_records(&p.1[0].0, &p.1[0].1, &p.0)
    };
    let d = diff_versions(&version(&fr), &version(&en));
    assert!(d.has(FlagKind::TranslationVariant), "{:?}", d.flags);
    assert!(!d.has(FlagKind::WordingChanged), "{:?}", d.flags);
    // A month later is another occasion, in any language.
    ingest(&store, std::slice::from_ref(&later));
    assert_ne!(group_of(&store, &later), Some(g));
}
