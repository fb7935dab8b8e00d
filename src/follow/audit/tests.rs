//! The audit's tests, on names and articles written for them.

use super::*;
use crate::extract::lang::Lang;
use crate::text::Doc;

#[test]
fn closest_names_find_parts_prefixes_initials_and_typos() {
    let known: Vec<String> = [
        "wash-post",
        "nyt",
        "Harbour Times",
        "Weekly Ledger",
        "politico",
    ]
    .map(String::from)
    .to_vec();
    let known: Vec<String> = [&known[..], &["huff-post".to_owned()]].concat();
    assert_eq!(
        closest_names("Washington Post", &known, 3),
        ["wash-post", "huff-post"]
    );
    assert_eq!(closest_names("New York Times", &known, 3)[0], "nyt");
    assert_eq!(closest_names("Harbor Tims", &known, 3), ["Harbour Times"]);
    assert_eq!(closest_names("ledger", &known, 3), ["Weekly Ledger"]);
    assert!(closest_names("Gulf News", &known, 3).is_empty());
    // "The" is no likeness.
    let papers = ["The Times".to_owned()];
    assert!(closest_names("The Guardian", &papers, 3).is_empty());
}

#[test]
fn unconfirmed_is_read_in_the_statement_sentence_or_the_next() {
    let body = "Intro. \u{201C}We hold 40 towns,\u{201D} he said. The claim could not be independently verified. Later news.";
    let start = body.find("We hold").unwrap();
    let end = start + "We hold 40 towns,".len();
    assert_eq!(
        called_unconfirmed(&Doc::new(body), start, end),
        Some("could not be independently verified")
    );
    let far = "A said \u{201C}x y z\u{201D}. Then B spoke. Then C. It was unverified.";
    let s = far.find('x').unwrap();
    assert_eq!(called_unconfirmed(&Doc::new(far), s, s + 5), None);
    // An abbreviation ends no sentence: the next sentence is still read.
    let abbr =
        "\u{201C}We hold the port,\u{201D} Gen. Ode said in the U.S. capital. It was unverified.";
    let s = abbr.find("We").unwrap();
    assert_eq!(
        called_unconfirmed(&Doc::new(abbr), s, s + 18),
        Some("unverified")
    );
    // French wording, from the French list.
    let fr = "« Nous tenons le pont », a affirmé le porte-parole. Cette affirmation n'a pas pu être vérifiée.";
    let s = fr.find("Nous").unwrap();
    assert_eq!(
        called_unconfirmed(&Doc::in_lang(fr, Lang::Fr), s, s + 5),
        Some("pas pu être vérifié")
    );
    // Odd offsets and multibyte text don't panic or loop.
    let doc = Doc::new(body);
    for i in 0..body.len() {
        let _ = called_unconfirmed(&doc, i, body.len() + 3);
    }
}

#[test]
fn name_phrases_keep_names_and_bracketed_acronyms() {
    let names = name_phrases(
        "it was called the Coastal Union for Renewal (CUR) and would be led by Ingrid Dahl Solberg.",
    );
    assert_eq!(
        names,
        ["Coastal Union for Renewal", "CUR", "Ingrid Dahl Solberg"]
    );
}
