//! The claim rules' tests, on sentences written for them.

use super::*;
use proptest::prelude::*;

#[test]
fn inside_quote_finds_the_quote_holding_an_offset() {
    let quoted = [3..8, 10..20, 30..31];
    let inside: Vec<usize> = (0..35).filter(|&at| inside_quote(&quoted, at)).collect();
    let expected: Vec<usize> = (3..8).chain(10..20).chain(30..31).collect();
    assert_eq!(inside, expected);
    assert!(!inside_quote(&[], 0));
}

use super::testing::{claims, pair, pairs};

#[test]
fn reported_speech_with_a_quoted_fragment_is_a_claim() {
    assert_eq!(
        pairs("The mayor said he had not \"seen the bridge plans at all.\""),
        vec![pair(
            "he had not \"seen the bridge plans at all.\"",
            "The mayor"
        )]
    );
}

#[test]
fn said_that_takes_the_clause_after() {
    assert_eq!(
        pairs("The mayor said that the bridge would reopen in May."),
        vec![pair("that the bridge would reopen in May", "The mayor")]
    );
    assert_eq!(
        pairs("Officials said on Tuesday the harvest had failed."),
        vec![pair("the harvest had failed", "Officials")]
    );
}

#[test]
fn content_before_the_attribution() {
    assert_eq!(
        pairs("The dam is safe for now, the engineer said."),
        vec![pair("The dam is safe for now", "the engineer")]
    );
    assert_eq!(
        pairs("Prices will rise again next year, said Anna Berg, a trader in Oslo."),
        vec![pair("Prices will rise again next year", "Anna Berg")]
    );
    assert_eq!(
        pairs("Turnout was low, Mr. Okafor told reporters."),
        vec![pair("Turnout was low", "Mr. Okafor")]
    );
}

#[test]
fn attribution_between_commas_splits_the_claim() {
    assert_eq!(
        pairs("Most of the flooded farms, the engineer said, will be dry by May."),
        vec![
            pair("Most of the flooded farms", "the engineer"),
            pair("will be dry by May", "the engineer"),
        ]
    );
    // A participle after the comma is a claim of its own, and an aside
    // on a place is no claim at all.
    assert_eq!(
        pairs("The dam will hold, she said, adding that the river is falling."),
        vec![
            pair("The dam will hold", "she"),
            pair("that the river is falling", "she"),
        ]
    );
    assert_eq!(
        pairs("The dam will hold, he told reporters in Lyon, a city on the river."),
        vec![pair("The dam will hold", "he")]
    );
}

#[test]
fn progressive_cues_keep_their_subject() {
    assert_eq!(
        pairs("The governor is saying that the levee will hold."),
        vec![pair("that the levee will hold", "The governor")]
    );
    assert_eq!(
        pairs("Both unions have been talking about a longer strike."),
        vec![pair("a longer strike", "Both unions")]
    );
    // A passive still names no speaker.
    assert!(claims("The plan was rejected.").is_empty());
}

#[test]
fn referring_to_goes_on_with_the_speaker() {
    let found = pairs("The river is rising, the engineer said, referring to the spring melt.");
    assert_eq!(found.last(), Some(&pair("the spring melt", "the engineer")));
}

#[test]
fn a_lead_in_before_the_attribution_is_said_too() {
    assert_eq!(
        pairs("In the north, the farmer said, the wells have dried up."),
        vec![
            pair("In the north", "the farmer"),
            pair("the wells have dried up", "the farmer"),
        ]
    );
    // One word is not a claim.
    assert_eq!(
        pairs("But, she said, the wells have dried up."),
        vec![pair("the wells have dried up", "she")]
    );
}

#[test]
fn content_ends_before_a_contrast_or_an_aside() {
    assert_eq!(
        pairs("The mayor said the bridge would reopen, but critics doubt it."),
        vec![pair("the bridge would reopen", "The mayor")]
    );
    assert_eq!(
        pairs("She said the fund had grown, which surprised the board."),
        vec![pair("the fund had grown", "She")]
    );
    // Inside a quoted fragment the comma is the speaker's.
    assert_eq!(
        pairs("He said the deal was \"fair, but late\" for the town."),
        vec![pair("the deal was \"fair, but late\" for the town", "He")]
    );
}

#[test]
fn attacks_and_mentions_take_their_object() {
    assert_eq!(
        pairs("The senator attacked the governor's water plan."),
        vec![pair("the governor's water plan", "The senator")]
    );
    assert_eq!(
        pairs("She never mentioned the missing ledgers."),
        vec![pair("the missing ledgers", "She")]
    );
    assert!(claims("The attacks on the depot went on for days.").is_empty());
    assert!(claims("There was no mention of the ledgers at all.").is_empty());
}

#[test]
fn characterizing_verbs_take_their_object() {
    assert_eq!(
        pairs("The mayor portrayed the strike as a plot."),
        vec![pair("the strike as a plot", "The mayor")]
    );
    assert_eq!(
        pairs("The board expressed doubts about the merger."),
        vec![pair("doubts about the merger", "The board")]
    );
    assert_eq!(
        pairs("Inspectors learned that the valves were rusted."),
        vec![pair("that the valves were rusted", "Inspectors")]
    );
}

#[test]
fn a_named_object_alone_is_a_claim() {
    assert_eq!(
        pairs("The farm union endorsed Okafor."),
        vec![pair("Okafor", "The farm union")]
    );
    assert_eq!(pairs("Then she attacked him."), vec![pair("him", "she")]);
    // A lone common word is a fragment, not a claim.
    assert!(claims("The union endorsed early.").is_empty());
}

#[test]
fn more_speech_verbs_are_cues() {
    assert_eq!(
        pairs("The coach bemoaned the state of the pitch."),
        vec![pair("the state of the pitch", "The coach")]
    );
    assert_eq!(
        pairs("The council is hoping to finish the road by June."),
        vec![pair("finish the road by June", "The council")]
    );
}

#[test]
fn add_to_is_no_speech() {
    assert!(claims("The win added to her lead in the south.").is_empty());
    assert!(claims("Floods will add to concerns that the dam is weak.").is_empty());
    assert_eq!(
        pairs("He added that the dam was weak."),
        vec![pair("that the dam was weak", "He")]
    );
}

#[test]
fn a_claim_reported_inside_another_is_one_claim() {
    assert_eq!(
        pairs("The ministry admitted that the dam had cracked, the agency said."),
        vec![pair(
            "The ministry admitted that the dam had cracked",
            "the agency"
        )]
    );
    assert_eq!(
        pairs("The mayor said the union claimed that wages fell."),
        vec![pair("the union claimed that wages fell", "The mayor")]
    );
}

#[test]
fn refusals_and_appearances_take_what_follows_to() {
    assert_eq!(
        pairs("She declined to say whether she would run."),
        vec![pair("say whether she would run", "She")]
    );
    assert_eq!(
        pairs("The minister seemed to doubt the figures."),
        vec![pair("doubt the figures", "The minister")]
    );
}

#[test]
fn according_to_before_and_after() {
    assert_eq!(
        pairs("The talks collapsed late on Friday, according to two diplomats."),
        vec![pair("The talks collapsed late on Friday", "two diplomats")]
    );
    assert_eq!(
        pairs("According to the ministry, the convoy reached the border."),
        vec![pair("the convoy reached the border", "the ministry")]
    );
    assert_eq!(
        pairs("Since early May, according to the ministry, two convoys crossed."),
        vec![
            pair("Since early May", "the ministry"),
            pair("two convoys crossed", "the ministry"),
        ]
    );
}

#[test]
fn told_skips_the_listener() {
    let found = claims("The colonel told Reuters his troops would hold the town.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "his troops would hold the town");
    let body = "The colonel told Reuters his troops would hold the town.";
    let cue = found[0].cue_span.clone().map(|r| &body[r]);
    assert_eq!(cue, Some("The colonel told Reuters"));
}

#[test]
fn accused_takes_the_object() {
    assert_eq!(
        pairs("Rights groups have accused the army of burning villages."),
        vec![pair("the army of burning villages", "Rights groups")]
    );
}

#[test]
fn statement_lead_in_is_the_cue() {
    let body = "In a statement to the radio, the group announced that it would disarm.";
    let found = claims(body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "that it would disarm");
    assert_eq!(found[0].speaker_mention.as_deref(), Some("the group"));
    let cue = found[0].cue_span.clone().map(|r| &body[r]);
    assert_eq!(
        cue,
        Some("In a statement to the radio, the group announced")
    );
}

#[test]
fn coordinated_claims_split() {
    assert_eq!(
        pairs("The envoy claimed that the rebels had grown and warned that war was near."),
        vec![
            pair("that the rebels had grown", "The envoy"),
            pair("that war was near", "The envoy"),
        ]
    );
}

#[test]
fn mixed_attribution_keeps_its_quote() {
    assert_eq!(
        pairs("She said the plan was \u{201C}dead on arrival\u{201D} in the senate."),
        vec![pair(
            "the plan was \u{201C}dead on arrival\u{201D} in the senate",
            "She"
        )]
    );
}

#[test]
fn two_apostrophe_quotes_go_on_with_the_speaker() {
    let found = pairs("''Rates will fall,'' said Ana Ruiz. ''Not this year, though.''");
    assert_eq!(found.len(), 2);
    assert_eq!(found[1], pair("''Not this year, though.''", "Ana Ruiz"));
}

#[test]
fn direct_quotes_are_not_claims() {
    assert!(claims("\u{201C}We will win,\u{201D} he said.").is_empty());
    assert!(claims("He said: \u{201C}We will win in the end.\u{201D}").is_empty());
    assert!(claims("\u{201C}We will win. They know it,\u{201D} she added.").is_empty());
}

#[test]
fn quotes_found_elsewhere_suppress_claims() {
    let body = "He said the 'deal is done and sealed' today.";
    let doc = Doc::new(body);
    let start = body.find("the").unwrap_or(0);
    let quote = Found {
        kind: StatementKind::Quote,
        text: body[start..body.len() - 1].to_owned(),
        start,
        end: body.len() - 1,
        speaker: None,
        speaker_mention: None,
        mention_span: None,
        cue_span: None,
        wire: None,
        wire_source: WireSource::default(),
        rule: rules::QUOTE_MARKS,
        speaker_rule: None,
    };
    assert!(find(&doc, &[true], &[quote], &mut Trace::default()).is_empty());
    assert_eq!(find(&doc, &[true], &[], &mut Trace::default()).len(), 1);
}

#[test]
fn dead_paragraphs_are_skipped() {
    let body = "Officials said the road was closed.\nOfficials said the road was open.";
    let doc = Doc::new(body);
    let found = find(&doc, &[false, true], &[], &mut Trace::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "the road was open");
}

#[test]
fn nouns_and_plain_sentences_are_not_cues() {
    assert!(claims("His claims were heard in court.").is_empty());
    assert!(claims("The report on the flood runs to 40 pages.").is_empty());
    assert!(claims("Farmers in the north planted maize this year.").is_empty());
}

fn check_offsets(body: &str) {
    let doc = Doc::new(body);
    let live = vec![true; doc.paragraphs.len()];
    for f in find(&doc, &live, &[], &mut Trace::default()) {
        assert!(f.start <= f.end && f.end <= body.len());
        assert!(body.is_char_boundary(f.start) && body.is_char_boundary(f.end));
        assert_eq!(&body[f.start..f.end], f.text);
        if let Some(m) = &f.mention_span {
            assert_eq!(body.get(m.clone()), f.speaker_mention.as_deref());
        }
        if let Some(c) = &f.cue_span {
            assert!(body.get(c.clone()).is_some());
        }
    }
}

#[test]
fn huge_inputs_do_not_break_it() {
    let one_line = "the minister said that it was, according to him, \u{201C}fine ".repeat(20_000);
    check_offsets(&one_line);
    let quotes = "\u{201C} '' \" said ".repeat(50_000);
    check_offsets(&quotes);
}

#[test]
fn run_on_sentences_are_cut_into_bounded_pieces() {
    let body = "officials said the plan would work and ".repeat(2_000);
    let doc = Doc::new(&body);
    let abbreviations = &Lexicon::of(doc.lang).abbreviations;
    let mut toks = Vec::new();
    let mut sents = Vec::new();
    tokens::tokenize(abbreviations, &body, 0..body.len(), &mut toks);
    tokens::sentences(&body, &toks, doc.sentences_of(0), &mut sents);
    assert!(sents.len() >= toks.len() / tokens::MAX_SENTENCE_TOKENS);
    assert!(sents.iter().all(|s| s.len() <= tokens::MAX_SENTENCE_TOKENS));
    assert_eq!(sents.iter().map(|s| s.len()).sum::<usize>(), toks.len());
}

proptest! {
    #[test]
    fn random_text_gives_valid_slices(body in "(\\PC|[\\n ,.:;\"'\u{201C}\u{201D}\u{2019}()]| said| told| according to| that| Mr.| He){0,200}") {
        check_offsets(&body);
    }

    #[test]
    fn any_string_gives_valid_slices(body in any::<String>()) {
        check_offsets(&body);
    }
}
