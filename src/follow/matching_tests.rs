//! Matching tests on sentences written for them.

use quotetrail_store::{Id, Kind};

use super::*;
use crate::follow::names::Rule;

const FULL: &str = "We will open the northern road to the aid convoys next week, \
                    but only if the fighters leave the bridge.";

fn ver(n: u32, kind: Kind, text: &str, speaker: Option<&str>, date: &str) -> Version {
    let mut v = Version::new(Id::of_fields("test", &[&n.to_string()]), kind, text);
    v.speaker = speaker.map(str::to_owned);
    v.date = Some(date.to_owned());
    v
}

fn quote(n: u32, text: &str, speaker: &str, date: &str) -> Version {
    ver(n, Kind::Quote, text, Some(speaker), date)
}

#[test]
fn cut_bracketed_elided_and_reworded_versions_join_the_full_quote() {
    let mut m = Matcher::default();
    let first = m.insert(quote(1, FULL, "Awa Konare", "2013-02-01"));
    assert!(first.created);
    let variants = [
        "We will open the northern road to the aid convoys next week",
        "We will open the northern road to [humanitarian] aid convoys next week, \
         but only if the fighters leave the bridge.",
        "We will open the northern road ... but only if the fighters leave the bridge.",
        "We could open the northern road to the aid convoys within a week, \
         but only if the fighters quit the bridge.",
    ];
    for (i, text) in variants.iter().enumerate() {
        let a = m.insert(quote(10 + i as u32, text, "Awa Konare", "2013-02-02"));
        assert_eq!(a.group, first.group, "{text}");
        assert!(!a.created);
        assert_eq!(
            a.reference, first.reference,
            "the full quote stays the reference"
        );
    }
    assert_eq!(m.group_count(), 1);
    assert_eq!(m.members(first.group).count(), 5);
}

#[test]
fn paraphrase_joins_the_quote() {
    let mut m = Matcher::default();
    let g = m.insert(quote(1, FULL, "Awa Konare", "2013-02-01")).group;
    let claim = ver(
        2,
        Kind::Claim,
        "Konare said they would open the northern road to aid convoys next week \
         if the fighters leave the bridge",
        Some("Awa Konare"),
        "2013-02-01",
    );
    let a = m.insert(claim);
    assert_eq!(a.group, g);
    let d = m.diff_to_reference(&Id::of_fields("test", &["2"])).unwrap();
    assert!(d.has(crate::follow::FlagKind::QuoteVsParaphrase));
}

#[test]
fn same_words_from_another_speaker_stay_apart_and_say_why() {
    let mut m = Matcher::default();
    let g = m.insert(quote(1, FULL, "Awa Konare", "2013-02-01")).group;
    let a = m.insert(quote(2, FULL, "Moussa Diarra", "2013-02-01"));
    assert!(a.created);
    assert_ne!(a.group, g);
    assert_eq!(a.refused.len(), 1);
    assert_eq!(a.refused[0].group, g);
    assert!(matches!(a.refused[0].why, Refusal::Speaker { .. }));
}

#[test]
fn two_people_sharing_a_surname_stay_apart() {
    let mut m = Matcher::default();
    let g = m
        .insert(quote(1, FULL, "Amadou Diarra", "2013-02-01"))
        .group;
    let a = m.insert(quote(2, FULL, "Moussa Diarra", "2013-02-01"));
    assert_ne!(a.group, g);
    // The surname alone is weak evidence, but the same words back it.
    let a = m.insert(quote(3, FULL, "Diarra", "2013-02-02"));
    assert!(a.group == g || a.group == GroupId(1));
    assert_eq!(a.speaker_evidence.map(|e| e.rule), Some(Rule::SurnameOnly));
}

#[test]
fn a_short_excerpt_seen_first_draws_the_full_quote_in() {
    let long = "The council met for six hours on Tuesday and agreed that the \
                water pumps in the eastern districts will be repaired before the \
                dry season, that the clinics will reopen, and that the schools \
                will get new roofs paid for by the regional fund.";
    let mut m = Matcher::default();
    let a = m.insert(quote(
        1,
        "the clinics will reopen, and that the schools will get new roofs",
        "Awa Konare",
        "2013-02-01",
    ));
    let b = m.insert(quote(2, long, "Awa Konare", "2013-02-01"));
    assert_eq!(a.group, b.group);
    assert!(b.reference_changed);
}

#[test]
fn matched_statements_link_speaker_names_for_identities() {
    let mut m = Matcher::default();
    m.insert(quote(1, FULL, "Amadou Diarra", "2013-02-01"));
    m.insert(quote(2, FULL, "Moussa Diarra", "2013-02-01"));
    m.insert(quote(3, FULL, "Diarra", "2013-02-02"));
    let mut ids = crate::follow::Identities::new();
    for n in ["Amadou Diarra", "Moussa Diarra", "Diarra"] {
        ids.add(n);
    }
    for (a, b) in m.speaker_links() {
        ids.link_statement(&a, &b);
    }
    let map = ids.resolve();
    let who = map.identity_of("Diarra").unwrap();
    assert_eq!(who.aliases.len(), 2, "{who:?}");
    assert_eq!(map.identities.len(), 2);
}

#[test]
fn far_apart_dates_stay_apart() {
    let mut m = Matcher::default();
    let g = m.insert(quote(1, FULL, "Awa Konare", "2013-02-01")).group;
    let a = m.insert(quote(2, FULL, "Awa Konare", "2013-06-15"));
    assert_ne!(a.group, g);
    assert!(matches!(a.refused[0].why, Refusal::Date { days_apart } if days_apart > 100));
    // Within the window it joins.
    assert_eq!(
        m.insert(quote(3, FULL, "Awa Konare", "2013-02-20")).group,
        g
    );
}

#[test]
fn name_variants_merge_with_evidence() {
    let mut m = Matcher::default();
    let g = m
        .insert(quote(1, FULL, "Mohamed Ag Tinalla", "2013-02-01"))
        .group;
    let a = m.insert(quote(2, FULL, "Mohammad Ag Tinallah", "2013-02-01"));
    assert_eq!(a.group, g);
    let ev = a.speaker_evidence.expect("evidence for the variant");
    assert_eq!(ev.rule, Rule::TokenVariant);
    assert!(ev.tokens.contains(&("tinallah".into(), "tinalla".into())));
}

#[test]
fn unrelated_words_found_a_new_group() {
    let mut m = Matcher::default();
    m.insert(quote(1, FULL, "Awa Konare", "2013-02-01"));
    let a = m.insert(quote(
        2,
        "The harvest was poor this year and prices in the market have doubled.",
        "Awa Konare",
        "2013-02-01",
    ));
    assert!(a.created);
    assert!(a.refused.is_empty());
}

#[test]
fn reference_is_the_earliest_complete_version() {
    let mut m = Matcher::default();
    let cut = "We will open the northern road to the aid convoys next week";
    let a = m.insert(quote(1, cut, "Awa Konare", "2013-02-01"));
    let b = m.insert(quote(2, FULL, "Awa Konare", "2013-02-03"));
    assert_eq!(b.group, a.group);
    assert!(
        b.reference_changed,
        "a complete version beats an earlier cut one"
    );
    assert_eq!(b.reference, Id::of_fields("test", &["2"]));
    let c = m.insert(quote(3, FULL, "Awa Konare", "2013-01-31"));
    assert!(c.reference_changed);
    assert_eq!(
        m.reference(a.group).unwrap().id,
        Id::of_fields("test", &["3"])
    );
    // A later complete copy changes nothing.
    let d = m.insert(quote(4, FULL, "Awa Konare", "2013-02-05"));
    assert!(!d.reference_changed);
}

#[test]
fn query_finds_groups_by_words() {
    let mut m = Matcher::default();
    let g = m.insert(quote(1, FULL, "Awa Konare", "2013-02-01")).group;
    let other = m.insert(quote(
        2,
        "Prices in the market have doubled since the rains failed.",
        "X Y",
        "2013-02-01",
    ));
    let hits = m.query("open the northern road to the aid convoys next week");
    assert_eq!(hits.first().map(|h| h.0), Some(g));
    assert!(hits.iter().all(|h| h.0 != other.group));
    assert!(m.query("completely different words here today").is_empty());
    assert!(m.query("").is_empty());
}

#[test]
fn inserting_twice_is_a_no_op() {
    let mut m = Matcher::default();
    let a = m.insert(quote(1, FULL, "Awa Konare", "2013-02-01"));
    let b = m.insert(quote(1, FULL, "Awa Konare", "2013-02-01"));
    assert_eq!(a.group, b.group);
    assert!(!b.created);
    assert_eq!(m.len(), 1);
}

#[test]
fn the_index_sample_of_a_cut_is_part_of_the_full_versions_sample() {
    let long = "The council will not approve the new budget for the northern \
                provinces until the governors publish the accounts of the last three years";
    let full = sampled_shingles(&match_keys(long));
    let all = shingles(&match_keys(long));
    assert!(full.len() < all.len(), "a long text is sampled");
    let words: Vec<&str> = long.split(' ').filter(|w| !w.is_empty()).collect();
    // Every cut at either end samples only pairs the full text sampled, so
    // the cut finds the full version's group through its sample.
    for start in 0..words.len() {
        for end in start + 1..=words.len() {
            let cut = sampled_shingles(&match_keys(&words[start..end].join(" ")));
            if end - start > FULL_INDEX_PAIRS + 1 {
                assert!(cut.iter().all(|h| full.contains(h)), "{start}..{end}");
            }
            // Any shared run of WINNOW_WINDOW + 1 words shares a sampled pair.
            if end - start > WINNOW_WINDOW {
                assert!(cut.iter().any(|h| full.contains(h)), "{start}..{end}");
            }
        }
    }
    // A short quote is indexed whole.
    let short = match_keys("We will not approve the budget");
    assert_eq!(sampled_shingles(&short), shingles(&short));
}

mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn inserts_and_queries_never_panic(
            items in proptest::collection::vec(("\\PC{0,80}", proptest::option::of("\\PC{0,20}"), "\\PC{0,12}"), 0..12),
            q in "\\PC{0,80}",
        ) {
            let mut m = Matcher::default();
            for (i, (text, speaker, date)) in items.iter().enumerate() {
                let mut v = ver(i as u32, Kind::Quote, text, speaker.as_deref(), date);
                if i % 3 == 0 { v.date = None; }
                let a = m.insert(v);
                prop_assert!(m.reference(a.group).is_some());
            }
            for (g, score) in m.query(&q) {
                prop_assert!(m.reference(g).is_some());
                prop_assert!((0.0..=1.0).contains(&score));
            }
        }
    }
}
