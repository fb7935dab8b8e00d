//! The quote cue rules' tests, on sentences written for them.

use super::*;

fn after_str(s: &str) -> Option<&str> {
    after(s, 0..s.len(), false).map(|c| &s[c.mention])
}

fn before_str(s: &str) -> Option<&str> {
    before(s, 0..s.len()).map(|c| &s[c.mention])
}

#[test]
fn verb_then_speaker() {
    assert_eq!(
        after_str(", said Pat Wells, a pollster."),
        Some("Pat Wells")
    );
    assert_eq!(
        after_str(" said a city official, who added more."),
        Some("a city official")
    );
    assert_eq!(
        after_str(", according to the Interior Ministry."),
        Some("the Interior Ministry")
    );
}

#[test]
fn speaker_then_verb() {
    assert_eq!(after_str(" my father often said."), Some("my father"));
    // "States" and "State" are names after "the", not verbs.
    assert_eq!(after_str(" the United States and its allies."), None);
    assert_eq!(after_str(" the Islamic State from growing."), None);
    assert_eq!(
        after_str(", State spokesman Jo Lee said Friday."),
        Some("State spokesman Jo Lee")
    );
    assert_eq!(after_str(" he told reporters."), Some("he"));
    assert_eq!(
        after_str(" Jo Smith, a Leeds-based organiser, told the BBC."),
        Some("Jo Smith")
    );
    assert_eq!(after_str(" Smith has also said."), Some("Smith"));
    assert_eq!(after_str(" and then the crowd left."), None);
}

#[test]
fn lower_case_modifiers_before_a_name() {
    assert_eq!(
        after_str(", said former state governor Ann Lee (D), a Democrat."),
        Some("former state governor Ann Lee")
    );
    assert_eq!(
        after_str(" screenwriter Jo Park wrote on Twitter."),
        Some("screenwriter Jo Park")
    );
    assert_eq!(after_str(", calling it a failure."), None);
}

#[test]
fn cue_after_a_phrase_or_a_new_sentence() {
    assert_eq!(
        after_str(" in the spring primary, said Jo Park."),
        Some("Jo Park")
    );
    let closed = |s: &str| after(s, 0..s.len(), true).map(|c| s[c.mention].to_owned());
    assert_eq!(closed(" Lee said."), Some("Lee".to_owned()));
    assert_eq!(
        closed(" He touted his wins, which he described as big."),
        None
    );
    assert_eq!(closed(" The mayor added: "), None);
    assert_eq!(closed(" He said he would run again."), None);
    assert_eq!(closed(" Lee said in an interview."), Some("Lee".to_owned()));
    // A long phrase of time and listener is no new clause.
    assert_eq!(
        closed(" Okafor wrote in a March 3, 2014 email to senior board members of the port."),
        Some("Okafor".to_owned())
    );
    assert_eq!(closed(" Lee said the plan would fail."), None);
    // A clause of circumstance is not what the verb reports.
    assert_eq!(
        closed(" Lee told the radio when asked how the vote would go."),
        Some("Lee".to_owned())
    );
    assert_eq!(
        closed(" Lee asks as a worker walks in."),
        Some("Lee".to_owned())
    );
    assert_eq!(
        after_str(", as a harbour board memo put it."),
        Some("a harbour board memo")
    );
}

/// Verbs that report words only with their particle, from
/// `quote_particle_verbs.txt`.
#[test]
fn particle_verbs_with_and_without_their_particle() {
    let closed = |s: &str| after(s, 0..s.len(), true).map(|c| s[c.mention].to_owned());
    assert_eq!(closed(" Park shot back."), Some("Park".to_owned()));
    assert_eq!(
        after_str(" Ann Lee went on, as if she had not heard."),
        Some("Ann Lee")
    );
    assert_eq!(
        after_str(", the port's manager chimed in."),
        Some("the port's manager")
    );
    // Without the particle the verb reports nothing.
    assert_eq!(closed(" Park shot the photograph."), None);
    assert_eq!(after_str(" Ann Lee went home."), None);
}

/// Asides between the subject and its verb: an age, a description, a
/// place written as "city, state".
#[test]
fn the_subject_before_its_asides() {
    assert_eq!(
        before_str("Jo Carr, 31, a harbour pilot, said the vote was the "),
        Some("Jo Carr")
    );
    assert_eq!(
        before_str("Ortiz, during a meeting in Dover, Delaware, said she was "),
        Some("Ortiz")
    );
    assert_eq!(
        before_str("The mayor, Ann Lee, said it was "),
        Some("Ann Lee")
    );
    assert_eq!(
        before_str("Gov. Jo Lee (R-Ohio), said it was "),
        Some("Gov. Jo Lee (R-Ohio)")
    );
}

#[test]
fn nouns_and_names_are_not_speech_verbs() {
    assert_eq!(before_str("Lee said the United States "), Some("Lee"));
    assert_eq!(before_str("Citing a call for "), None);
    assert_eq!(
        before_str("Park rejected the charge, and Lee's claim was "),
        None
    );
}

#[test]
fn subjects_after_openers_and_inverted_verbs() {
    assert_eq!(
        before_str("In other words, explained moderator Jo Park: "),
        Some("moderator Jo Park")
    );
    assert_eq!(
        before_str("As Jo Park, the party's chair, put it: "),
        Some("Jo Park")
    );
    assert_eq!(
        before_str("Speaking in Leeds, Yorkshire, Lee went after Park, saying "),
        Some("Lee")
    );
    assert_eq!(
        before_str("Gov. Jo Park (R-Ohio), said, "),
        Some("Gov. Jo Park (R-Ohio)")
    );
    // An aside between horizontal bars is cut like one between commas.
    assert_eq!(
        before_str(
            "When Lee noted that Park had paid no tax \u{2015} as was true for years \u{2015} Park boasted, "
        ),
        Some("Park")
    );
    // The outer cue decides what its "that" clause quotes, unless it
    // sits in a clause of its own.
    assert_eq!(
        before_str("Lee said on Friday that Park once described the deal as "),
        Some("Lee")
    );
    assert_eq!(
        before_str("When Lee noted that Park had paid no tax, Park boasted, "),
        Some("Park")
    );
    // A dateline before its dash is not the subject.
    assert_eq!(
        before_str("LEEDS (AP) \u{2014} Mayor Jo Park toured the flooded streets, saying "),
        Some("Mayor Jo Park")
    );
    // An opening phrase whose comma is out of reach is not a name.
    assert_ne!(
        before_str(
            "Amid calls from several groups to publish the list of every donor to the fund, Park wrote, saying "
        ),
        Some("Amid")
    );
}

#[test]
fn a_sentence_subject_with_a_party_tag_and_an_aside() {
    let text = "Senate leader Ana Ruiz (D-Ore.), in particular, has called the plan a \u{201C}sham\u{201D} for weeks.";
    let doc = Doc::new(text);
    let at = text.find('\u{201C}').expect("mark");
    let subject = sentence_subject(&doc, at).map(|r| &text[r]);
    assert_eq!(subject, Some("Senate leader Ana Ruiz"));
    // A long opening phrase, up to its comma, comes before the subject.
    let text = "With harbour leaders increasingly worried about a lack of interest in the plan among the young, Mayor Jo Park is trying a new message: \u{201C}It is about you.\u{201D}";
    let doc = Doc::new(text);
    let at = text.find('\u{201C}').expect("mark");
    assert_eq!(
        sentence_subject(&doc, at).map(|r| &text[r]),
        Some("Mayor Jo Park")
    );
}

#[test]
fn cue_before_the_quote() {
    assert_eq!(before_str("The mayor said: "), Some("The mayor"));
    assert_eq!(
        before_str("At a rally in Ohio, Smith called them "),
        Some("Smith")
    );
    assert_eq!(
        before_str("It rained. But Ann Lee warned that "),
        Some("Ann Lee")
    );
    assert_eq!(before_str("According to Ann Lee, "), Some("Ann Lee"));
    assert_eq!(before_str("It rained. "), None);
}
