use super::*;

#[test]
fn records_round_trip() {
    let article = Article {
        outlet: Some("Le Monde".into()),
        url: None,
        published: Some("2024-01-02".into()),
        body: "Body with \u{201C}quotes\u{201D}.".into(),
        title: Some("T".into()),
        source: Some("-".into()),
        lang: Some("fr".into()),
        ..Article::default()
    };
    assert_eq!(
        decode_article(&encode_article(&article)),
        Ok(article.clone())
    );
    // A value written before articles had a language still reads,
    // as an article without one.
    let older = Article {
        lang: None,
        ..article
    };
    let mut old = encode_article(&older);
    assert_eq!(old.pop(), Some(0), "the language is the last field");
    assert_eq!(decode_article(&old), Ok(older));

    let st = Statement::new(Kind::Claim, "x y", Some("A B"), None, Some("AFP"));
    assert_eq!(decode_statement(&encode_statement(&st)), Ok(st));

    let body = format!("{}x  y{}", "a".repeat(300), "b".repeat(20));
    let ap = Appearance {
        statement: Id::of_fields("statement", &["s"]),
        article: Id::of_fields("article", &["a"]),
        start: 300,
        end: 304,
        text: "x  y".into(),
        speaker_mention: None,
        wire_source: WireSource::Inferred,
    };
    let article = ap.article;
    let list = [(ap.id(), ap.clone()), (Id::of_fields("x", &[]), ap)];
    let value = encode_appearances(None, list.iter().map(|(id, a)| (id, a)));
    assert!(
        !value.windows(4).any(|w| w == b"x  y"),
        "the text is not stored"
    );
    assert_eq!(
        decode_appearances(&article, &body, &value).as_deref(),
        Ok(&list[..])
    );
    for cut in 1..value.len() {
        let cut_value = &value[..cut];
        assert!(
            decode_appearances(&article, &body, cut_value).is_err(),
            "cut at {cut}"
        );
        assert!(
            find_appearance(&article, &body, cut_value, &list[0].0).is_err(),
            "cut at {cut}"
        );
    }
    for (id, a) in &list {
        assert_eq!(
            find_appearance(&article, &body, &value, id),
            Ok(Some(a.clone()))
        );
    }
    assert_eq!(find_appearance(&article, &body, &value, &article), Ok(None));
    // A span past the body, or through a character, is damage.
    for short in ["a".repeat(302), format!("{}\u{e9}x y", "a".repeat(299))] {
        assert!(decode_appearances(&article, &short, &value).is_err());
    }
}

#[test]
fn long_bodies_are_stored_compressed_and_read_back() {
    let body = "The minister said the bridge would be rebuilt. ".repeat(100);
    let article = Article {
        body: body.clone(),
        ..Article::default()
    };
    let value = encode_article(&article);
    assert!(value.len() < body.len() / 4, "{} bytes", value.len());
    assert_eq!(decode_article(&value), Ok(article));
    assert_eq!(decode_body(&value).as_deref(), Ok(body.as_str()));
    // Damage inside the compressed frame, or a lying length, is an
    // error, not a panic or a huge allocation.
    for at in 4..value.len() {
        let mut bad = value.clone();
        bad[at] ^= 0x5a;
        if let Ok(a) = decode_article(&bad) {
            assert_ne!(a.body, body, "damage at {at} went unnoticed");
        }
    }
    // A short body is kept as it is.
    let short = encode_article(&Article {
        body: "Short.".into(),
        ..Article::default()
    });
    assert!(short.windows(6).any(|w| w == b"Short."));
}

#[test]
fn a_list_records_its_extractor_and_an_older_list_reads_as_unrecorded() {
    let body = "She said: no, never.";
    let article = Id::of_fields("article", &["a"]);
    let ap = Appearance {
        statement: Id::of_fields("statement", &["s"]),
        article,
        start: 10,
        end: 19,
        text: "no, never".into(),
        speaker_mention: Some("She".into()),
        wire_source: WireSource::None,
    };
    let list = [(ap.id(), ap)];
    let version = ExtractorVersion::from_bytes(*b"0123456789abcdef");
    let plain = encode_appearances(None, list.iter().map(|(id, a)| (id, a)));
    assert_eq!(
        plain[0], FORMAT,
        "an unrecorded list is format 2, as before"
    );
    assert_eq!(list_extractor(&plain), Ok(None));
    let versioned = encode_appearances(Some(&version), list.iter().map(|(id, a)| (id, a)));
    assert_eq!(versioned[0], VERSIONED_LIST);
    assert_eq!(&versioned[1..17], version.as_bytes());
    assert_eq!(&versioned[17..], &plain[1..], "then the same list");
    assert_eq!(list_extractor(&versioned), Ok(Some(version)));
    assert_eq!(
        decode_appearances(&article, body, &versioned).as_deref(),
        Ok(&list[..])
    );
    // An empty list still records who found nothing.
    let empty = encode_appearances(Some(&version), std::iter::empty());
    assert_eq!(list_extractor(&empty), Ok(Some(version)));
    assert_eq!(decode_appearances(&article, body, &empty), Ok(Vec::new()));
    for cut in 1..versioned.len() {
        assert!(
            decode_appearances(&article, body, &versioned[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    assert!(list_extractor(&versioned[..16]).is_err());
}

#[test]
fn legacy_values_still_read_for_migration() {
    // A format 1 list: count, then id, statement, start, end, text,
    // mention, wire source.
    let article = Id::of_fields("article", &["a"]);
    let (id, statement) = (Id::of_fields("x", &[]), Id::of_fields("s", &[]));
    let mut e = Encoder(vec![LEGACY_FORMAT]);
    e.uint(1);
    e.id(&id);
    e.id(&statement);
    e.uint(2);
    e.uint(5);
    e.str("abc");
    e.opt(Some("she"));
    e.byte(1);
    let list = decode_legacy_appearances(&article, &e.0).unwrap();
    assert_eq!(list[0].0, id);
    assert_eq!(list[0].1.text, "abc");
    assert_eq!(list[0].1.speaker_mention.as_deref(), Some("she"));
    assert!(decode_appearances(&article, "0123456", &e.0).is_err());
    let old = encode_legacy_article(&Article::default());
    assert_eq!(decode_legacy_article(&old), Ok(Article::default()));
    assert!(decode_article(&old).is_err());
}

#[test]
fn damaged_values_are_errors_not_panics() {
    let st = Statement::new(Kind::Quote, "hello", None, None, None);
    let value = encode_statement(&st);
    for cut in 0..value.len() {
        assert!(decode_statement(&value[..cut]).is_err(), "cut at {cut}");
    }
    let mut long = value.clone();
    long.push(0);
    assert!(decode_statement(&long).is_err());
    let mut bad = value;
    bad[0] = 9;
    assert_eq!(
        decode_statement(&bad),
        Err(DecodeError("unknown value format"))
    );
}

proptest::proptest! {
    /// Stored bytes are input too: whatever a damaged disk hands back,
    /// decoding fails or succeeds but never panics.
    #[test]
    fn any_bytes_decode_or_fail_without_panicking(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)
    ) {
        let article = Id::of_fields("article", &["a"]);
        let _ = decode_article(&bytes);
        let _ = decode_statement(&bytes);
        let _ = decode_appearances(&article, "body", &bytes);
        let _ = find_appearance(&article, "body", &bytes, &article);
        let _ = decode_body(&bytes);
        let _ = appearance_ids(&bytes);
        let _ = list_extractor(&bytes);
        let _ = decode_legacy_article(&bytes);
        let _ = decode_legacy_statement(&bytes);
        let _ = decode_legacy_appearances(&article, &bytes);
    }

    /// Lists of any appearances come back as they went in.
    #[test]
    fn appearance_lists_round_trip(
        items in proptest::collection::vec(
            (0usize..200, 0usize..100, proptest::option::of(".{0,20}"), 0u8..3),
            0..12,
        ),
        body in "[a-z\u{e9} ]{300,320}",
    ) {
        let article = Id::of_fields("article", &["a"]);
        let list: Vec<(Id, Appearance)> = items
            .into_iter()
            .enumerate()
            .filter_map(|(i, (start, len, mention, wire))| {
                let text = body.get(start..start + len)?.to_owned();
                let a = Appearance {
                    statement: Id::of_fields("statement", &[&i.to_string()]),
                    article,
                    start,
                    end: start + len,
                    text,
                    speaker_mention: mention,
                    wire_source: [WireSource::None, WireSource::Text, WireSource::Inferred]
                        [wire as usize],
                };
                Some((a.id(), a))
            })
            .collect();
        let version = ExtractorVersion::from_bytes([7; 16]);
        for extractor in [None, Some(version)] {
            let value = encode_appearances(extractor.as_ref(), list.iter().map(|(id, a)| (id, a)));
            proptest::prop_assert_eq!(list_extractor(&value), Ok(extractor));
            proptest::prop_assert_eq!(decode_appearances(&article, &body, &value), Ok(list.clone()));
            let ids: Vec<Id> = list.iter().map(|(id, _)| *id).collect();
            proptest::prop_assert_eq!(appearance_ids(&value), Ok(ids));
            for (id, a) in &list {
                proptest::prop_assert_eq!(find_appearance(&article, &body, &value, id), Ok(Some(a.clone())));
            }
        }
    }
}
