use super::*;
use quotetrail_store::{Appearance, Article, Statement};

/// One article printing one quote, with its records.
fn article(
    outlet: &str,
    date: &str,
    speaker: &str,
    wire: Option<&str>,
    quote: &str,
) -> (Article, Vec<(Statement, Appearance)>) {
    let body = format!("\u{201C}{quote}\u{201D} {speaker} said.");
    let a = Article {
        outlet: Some(outlet.into()),
        published: Some(date.into()),
        body,
        ..Article::default()
    };
    let s = Statement::new(Kind::Quote, quote, Some(speaker), Some(outlet), wire);
    let ap = Appearance {
        statement: s.id(),
        article: a.id(),
        start: 3,
        end: 3 + quote.len(),
        text: quote.into(),
        speaker_mention: Some(speaker.into()),
        wire_source: Default::default(),
    };
    (a, vec![(s, ap)])
}

const QUOTE: &str =
    "We will hold the elections in July and not a day later, whatever the cost to the treasury";

fn ingest(store: &Store, arts: &[(Article, Vec<(Statement, Appearance)>)]) -> usize {
    for (a, f) in arts {
        store.put_article(a, f).unwrap();
    }
    let mut m = StoreMatcher::new(store);
    match_stored(&mut m, arts.iter().map(|(a, f)| (a, f.as_slice()))).unwrap()
}

#[test]
fn versions_across_batches_meet_in_one_group_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let first = article("Daily A", "2024-03-02", "Awa Diallo", Some("AFP"), QUOTE);
    let cut = "We will hold the elections in July and not a day later";
    let second = article("Daily B", "2024-03-03", "Awa Dialo", Some("Reuters"), cut);
    assert_eq!(ingest(&store, std::slice::from_ref(&first)), 1);
    assert_eq!(ingest(&store, std::slice::from_ref(&second)), 1);
    let g1 = store.group_of(&first.1[0].1.id()).unwrap().unwrap();
    let g2 = store.group_of(&second.1[0].1.id()).unwrap().unwrap();
    assert_eq!(g1, g2);
    assert_eq!(g1, first.1[0].1.id(), "the founder's id names the group");
    let st = GroupState::decode(&store.group_state(&g1).unwrap().unwrap()).unwrap();
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
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let cut = "We will hold the elections in July and not a day later";
    let late = article("Daily B", "2024-03-05", "Awa Diallo", None, cut);
    let early = article("Daily A", "2024-03-02", "Awa Diallo", None, QUOTE);
    ingest(&store, std::slice::from_ref(&late));
    ingest(&store, std::slice::from_ref(&early));
    let g = late.1[0].1.id();
    let st = GroupState::decode(&store.group_state(&g).unwrap().unwrap()).unwrap();
    assert_eq!(st.reference, early.1[0].1.id());
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn other_speakers_and_other_months_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let a = article("Daily A", "2024-03-02", "Awa Diallo", None, QUOTE);
    let b = article("Daily B", "2024-03-02", "Jean Martin", None, QUOTE);
    let c = article("Daily C", "2024-09-02", "Awa Diallo", None, QUOTE);
    ingest(&store, &[a.clone(), b.clone(), c.clone()]);
    let group = |x: &(Article, Vec<(Statement, Appearance)>)| {
        store.group_of(&x.1[0].1.id()).unwrap().unwrap()
    };
    assert_ne!(group(&a), group(&b));
    assert_ne!(group(&a), group(&c));
    let mut m = StoreMatcher::new(&store);
    assert_eq!(
        m.query(QUOTE).unwrap().len(),
        3,
        "words alone match all three"
    );
}

#[test]
fn state_decoding_refuses_garbage() {
    assert_eq!(GroupState::decode(&[]), None);
    assert_eq!(GroupState::decode(&[1, 2, 3]), None);
    assert_eq!(MemberSummary::decode(&[1]), None);
    let st = GroupState {
        speakers: vec!["X".into()],
        ..GroupState::default()
    };
    let bytes = st.encode();
    for cut in 0..bytes.len() {
        assert_eq!(GroupState::decode(&bytes[..cut]), None);
    }
    assert_eq!(GroupState::decode(&bytes), Some(st));
}
