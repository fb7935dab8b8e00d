//! Matching tests on sentences written for them: the pure rules on their
//! own, and how they group versions as users see it, through the stored
//! matcher that ingest runs.

use quotetrail_store::{Appearance, Article, Kind, Statement, Store};

use super::*;
use crate::follow::names::Rule;
use crate::follow::persist::{GroupState, Placed, StoreMatcher};
use crate::follow::query::find_words;
use crate::follow::test_support::{Printed, article, founded, fresh, group_of, id_of, ingest};
use crate::follow::{FlagKind, Version};

const FULL: &str = "We will open the northern road to the aid convoys next week, \
                    but only if the fighters leave the bridge.";

/// [`FULL`] partly reworded: 15 of its 20 words, too few to be the same
/// words, enough to score.
const REWORDED: &str = "We could open the northern road to the aid convoys within days, \
                        but only if the gunmen quit the bridge.";

/// Another partial rewording, partial against both [`FULL`] and
/// [`REWORDED`].
const REWORDED_AGAIN: &str = "We may open the northern road to aid convoys in a few days, \
                              but only if the fighters quit the town.";

/// One quote printed by outlet `n`.
fn quote(n: u32, date: &str, speaker: &str, text: &str) -> Printed {
    article(&format!("Daily {n}"), date, speaker, None, text)
}

/// Stores one article and places its statement with a matcher of its own,
/// committed: what the matcher said about it.
fn place(store: &Store, x: &Printed) -> Option<Placed> {
    store.put_article(&x.0, &x.1).unwrap();
    let mut m = StoreMatcher::new(store);
    let placed = m
        .insert(&Version::from_records(&x.1[0].0, &x.1[0].1, &x.0))
        .unwrap();
    m.commit().unwrap();
    placed
}

fn state(store: &Store, group: &quotetrail_store::GroupId) -> GroupState {
    GroupState::from_value(&store.group_state(group).unwrap().unwrap()).unwrap()
}

// The pure rules.

#[test]
fn word_match_tells_same_words_from_overlaps_and_requotes() {
    let cfg = MatchConfig::default();
    let full = match_keys(FULL);
    let same = word_match(&cfg, &full, &full);
    assert!(same.is_verbatim() && same.is_requote());
    assert_eq!((same.score, same.ratio()), (1.0, 1.0));
    // A cut is the same words, but not the statement quoted again whole.
    let cut = word_match(
        &cfg,
        &match_keys("open the northern road to the aid convoys next week"),
        &full,
    );
    assert!(cut.is_verbatim() && !cut.is_requote(), "{cut:?}");
    assert!(cut.score >= cfg.min_score);
    // A rewording scores without being the same words.
    let reworded = word_match(&cfg, &match_keys(REWORDED), &full);
    assert!(!reworded.is_verbatim(), "{reworded:?}");
    assert!(reworded.score >= cfg.min_score, "{reworded:?}");
    // A stock phrase inside another quote is neither.
    let stock = word_match(
        &cfg,
        &match_keys("lead the ministry of the interior"),
        &match_keys(
            "Nobody in this country is better prepared to lead the ministry of the interior",
        ),
    );
    assert!(!stock.is_verbatim());
    assert_eq!(word_match(&cfg, &[], &full), WordMatch::default());
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

// The rules as ingest applies them.

#[test]
fn cut_bracketed_elided_and_reworded_versions_join_the_full_quote() {
    let (_dir, store) = fresh();
    let first = quote(1, "2013-02-01", "Awa Konare", FULL);
    assert!(place(&store, &first).unwrap().created);
    let variants = [
        "We will open the northern road to the aid convoys next week",
        "We will open the northern road to [humanitarian] aid convoys next week, \
         but only if the fighters leave the bridge.",
        "We will open the northern road ... but only if the fighters leave the bridge.",
        REWORDED,
    ];
    for (i, text) in variants.iter().enumerate() {
        let v = quote(10 + i as u32, "2013-02-02", "Awa Konare", text);
        let placed = place(&store, &v).unwrap();
        assert_eq!(placed.group, founded(&first), "{text}");
        assert!(!placed.created);
        assert_eq!(
            state(&store, &placed.group).reference,
            id_of(&first),
            "the full quote stays the reference"
        );
    }
    assert_eq!(store.groups().count(), 1);
    assert_eq!(store.group_members(&founded(&first)).unwrap().len(), 5);
    assert!(store.verify().unwrap().is_clean());
}

#[test]
fn paraphrase_joins_the_quote_and_is_flagged() {
    let (_dir, store) = fresh();
    let q = quote(1, "2013-02-01", "Awa Konare", FULL);
    let text = "Konare said they would open the northern road to aid convoys next week \
                if the fighters leave the bridge";
    let mut claim = quote(2, "2013-02-01", "Awa Konare", text);
    let s = Statement::new(Kind::Claim, text, Some("Awa Konare"), Some("Daily 2"), None);
    claim.1[0].1.statement = s.id();
    claim.1[0].0 = s;
    ingest(&store, &[q.clone(), claim.clone()]);
    assert_eq!(group_of(&store, &claim), Some(founded(&q)));
    let view = crate::follow::view::load_group(&store, &founded(&q))
        .unwrap()
        .unwrap();
    let at = view
        .versions
        .iter()
        .position(|p| p.appearance == id_of(&claim))
        .unwrap();
    assert!(view.diffs[at].has(FlagKind::QuoteVsParaphrase));
}

#[test]
fn the_same_words_from_another_speaker_join_but_an_overlap_stays_apart() {
    let (_dir, store) = fresh();
    let a = quote(1, "2013-02-01", "Awa Konare", FULL);
    let overlap = quote(2, "2013-02-01", "Moussa Diarra", REWORDED);
    ingest(&store, &[a.clone(), overlap.clone()]);
    assert_eq!(
        group_of(&store, &overlap),
        Some(founded(&overlap)),
        "other words by someone else are another statement"
    );
    let same = quote(3, "2013-02-01", "Moussa Diarra", FULL);
    let placed = place(&store, &same).unwrap();
    assert_eq!(
        placed.group,
        founded(&a),
        "a speaker guess never splits the same words"
    );
    assert!(placed.merged.is_empty(), "{placed:?}");
}

#[test]
fn two_people_sharing_a_surname_stay_apart_and_the_surname_alone_joins_one() {
    let (_dir, store) = fresh();
    let amadou = quote(1, "2013-02-01", "Amadou Diarra", FULL);
    let moussa = quote(2, "2013-02-01", "Moussa Diarra", REWORDED);
    ingest(&store, &[amadou.clone(), moussa.clone()]);
    assert_ne!(group_of(&store, &amadou), group_of(&store, &moussa));
    // The surname alone is weak evidence, but the words back it.
    let surname = quote(3, "2013-02-02", "Diarra", REWORDED_AGAIN);
    let placed = place(&store, &surname).unwrap();
    assert!(
        placed.group == founded(&amadou) || placed.group == founded(&moussa),
        "{placed:?}"
    );
    assert!(placed.merged.is_empty(), "the two people stay apart");
    assert_eq!(
        placed.speaker_evidence.map(|e| e.rule),
        Some(Rule::SurnameOnly)
    );
}

#[test]
fn matched_statements_link_speaker_names_in_the_audit() {
    let (_dir, store) = fresh();
    ingest(
        &store,
        &[
            quote(1, "2013-02-01", "Amadou Diarra", FULL),
            quote(2, "2013-02-01", "Moussa Diarra", REWORDED),
            quote(3, "2013-02-02", "Diarra", REWORDED_AGAIN),
        ],
    );
    let audit = crate::follow::audit::audit(&store, None).unwrap();
    assert_eq!(audit.name_variants.len(), 1, "{:?}", audit.name_variants);
    let aliases = &audit.name_variants[0].aliases;
    assert_eq!(aliases.len(), 2, "{aliases:?}");
    assert!(aliases.contains_key("Diarra"), "{aliases:?}");
}

#[test]
fn an_overlap_months_apart_stays_apart_and_within_the_window_joins() {
    let (_dir, store) = fresh();
    let a = quote(1, "2013-02-01", "Awa Konare", FULL);
    let near = quote(2, "2013-02-20", "Awa Konare", REWORDED);
    let late = quote(3, "2013-06-15", "Awa Konare", REWORDED_AGAIN);
    // In date order, as `match` runs a load.
    ingest(&store, &[a.clone(), near.clone(), late.clone()]);
    assert_eq!(group_of(&store, &near), Some(founded(&a)));
    assert_eq!(group_of(&store, &late), Some(founded(&late)));
}

#[test]
fn name_variants_merge_with_evidence() {
    let (_dir, store) = fresh();
    let a = quote(1, "2013-02-01", "Mohamed Ag Tinalla", FULL);
    ingest(&store, std::slice::from_ref(&a));
    let placed = place(
        &store,
        &quote(2, "2013-02-01", "Mohammad Ag Tinallah", REWORDED),
    )
    .unwrap();
    assert_eq!(placed.group, founded(&a));
    let ev = placed.speaker_evidence.expect("evidence for the variant");
    assert_eq!(ev.rule, Rule::TokenVariant);
    assert!(ev.tokens.contains(&("tinallah".into(), "tinalla".into())));
}

#[test]
fn unrelated_words_found_a_new_group() {
    let (_dir, store) = fresh();
    ingest(&store, &[quote(1, "2013-02-01", "Awa Konare", FULL)]);
    let other = quote(
        2,
        "2013-02-01",
        "Awa Konare",
        "The harvest was poor this year and prices in the market have doubled.",
    );
    let placed = place(&store, &other).unwrap();
    assert!(placed.created);
    assert_eq!(placed.group, founded(&other));
    assert_eq!(store.groups().count(), 2);
}

#[test]
fn a_short_excerpt_seen_first_draws_the_full_quote_in() {
    let long = "The council met for six hours on Tuesday and agreed that the \
                water pumps in the eastern districts will be repaired before the \
                dry season, that the clinics will reopen, and that the schools \
                will get new roofs paid for by the regional fund.";
    let (_dir, store) = fresh();
    let excerpt = quote(
        1,
        "2013-02-01",
        "Awa Konare",
        "the clinics will reopen, and that the schools will get new roofs",
    );
    let full = quote(2, "2013-02-01", "Awa Konare", long);
    ingest(&store, &[excerpt.clone(), full.clone()]);
    assert_eq!(group_of(&store, &full), Some(founded(&excerpt)));
    assert_eq!(
        state(&store, &founded(&excerpt)).reference,
        id_of(&full),
        "the complete version becomes the reference"
    );
}

#[test]
fn reference_is_the_earliest_complete_version() {
    let (_dir, store) = fresh();
    let cut = quote(
        1,
        "2013-02-01",
        "Awa Konare",
        "We will open the northern road to the aid convoys next week",
    );
    ingest(&store, std::slice::from_ref(&cut));
    let g = founded(&cut);
    let later = quote(2, "2013-02-03", "Awa Konare", FULL);
    ingest(&store, std::slice::from_ref(&later));
    assert_eq!(
        state(&store, &g).reference,
        id_of(&later),
        "a complete version beats an earlier cut one"
    );
    let earlier = quote(3, "2013-01-31", "Awa Konare", FULL);
    ingest(&store, std::slice::from_ref(&earlier));
    assert_eq!(state(&store, &g).reference, id_of(&earlier));
    // A later complete copy changes nothing.
    ingest(&store, &[quote(4, "2013-02-05", "Awa Konare", FULL)]);
    let st = state(&store, &g);
    assert_eq!(st.reference, id_of(&earlier));
    assert_eq!(st.size, 4);
}

#[test]
fn find_words_finds_groups_by_words() {
    let (_dir, store) = fresh();
    let a = quote(1, "2013-02-01", "Awa Konare", FULL);
    let other = quote(
        2,
        "2013-02-01",
        "X Y",
        "Prices in the market have doubled since the rains failed.",
    );
    ingest(&store, &[a.clone(), other.clone()]);
    let asked = "open the northern road to the aid convoys next week";
    let found = find_words(&store, asked).unwrap();
    assert_eq!(found.hits.first().map(|h| h.group), Some(founded(&a)));
    assert!(found.hits[0].holds);
    assert!(found.hits.iter().all(|h| h.group != founded(&other)));
    let mut m = StoreMatcher::new(&store);
    assert_eq!(
        m.query(asked).unwrap().first().map(|h| h.0),
        Some(founded(&a))
    );
    for nothing in ["completely different words here today", ""] {
        assert!(
            find_words(&store, nothing).unwrap().hits.is_empty(),
            "{nothing:?}"
        );
        assert!(m.query(nothing).unwrap().is_empty(), "{nothing:?}");
    }
}

#[test]
fn placing_a_version_twice_is_a_no_op() {
    let (_dir, store) = fresh();
    let a = quote(1, "2013-02-01", "Awa Konare", FULL);
    store.put_article(&a.0, &a.1).unwrap();
    let v = Version::from_records(&a.1[0].0, &a.1[0].1, &a.0);
    let mut m = StoreMatcher::new(&store);
    assert!(m.insert(&v).unwrap().is_some_and(|p| p.created));
    assert_eq!(m.insert(&v).unwrap(), None, "within one pass");
    m.commit().unwrap();
    let mut m = StoreMatcher::new(&store);
    assert_eq!(m.insert(&v).unwrap(), None, "after the commit");
    m.commit().unwrap();
    assert_eq!(state(&store, &founded(&a)).size, 1);
    assert_eq!(store.group_members(&founded(&a)).unwrap().len(), 1);
}

mod props {
    use proptest::prelude::*;

    use super::*;

    /// An article printing `text` with whatever speaker and date, the date
    /// left out when `None`.
    fn printed(n: usize, text: &str, speaker: Option<&str>, date: Option<&str>) -> Printed {
        let a = Article {
            outlet: Some(format!("Outlet {n}")),
            published: date.map(str::to_owned),
            body: format!("\u{201C}{text}\u{201D}"),
            ..Article::default()
        };
        let s = Statement::new(Kind::Quote, text, speaker, a.outlet.as_deref(), None);
        let ap = Appearance {
            statement: s.id(),
            article: a.id(),
            start: 3,
            end: 3 + text.len(),
            text: text.into(),
            speaker_mention: speaker.map(str::to_owned),
            wire_source: Default::default(),
        };
        (a, vec![(s, ap)])
    }

    proptest! {
        // A store per case: fewer cases than an in-memory property.
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn ingest_and_queries_never_panic_and_keep_the_store_consistent(
            items in proptest::collection::vec(("\\PC{0,80}", proptest::option::of("\\PC{0,20}"), "\\PC{0,12}"), 0..10),
            q in "\\PC{0,80}",
        ) {
            let (_dir, store) = fresh();
            let arts: Vec<Printed> = items
                .iter()
                .enumerate()
                .map(|(i, (text, speaker, date))| {
                    let date = (i % 3 != 0).then_some(date.as_str());
                    printed(i, text, speaker.as_deref(), date)
                })
                .collect();
            ingest(&store, &arts);
            for x in &arts {
                let g = store.group_of(&id_of(x)).unwrap();
                prop_assert!(g.is_some());
                prop_assert!(store.group_state(&g.unwrap()).unwrap().is_some());
            }
            let mut m = StoreMatcher::new(&store);
            for (g, score) in m.query(&q).unwrap() {
                prop_assert!(store.group_state(&g).unwrap().is_some());
                prop_assert!((0.0..=1.0).contains(&score));
            }
            for hit in find_words(&store, &q).unwrap().hits {
                prop_assert!(store.group_state(&hit.group).unwrap().is_some());
                prop_assert!((0.0..=1.0).contains(&hit.words.score));
            }
            let report = store.verify().unwrap();
            prop_assert!(report.is_clean(), "{:#?}", report.problems);
        }
    }
}
