//! The `--json` output is public API: these test-side types read it back
//! strictly (unknown fields are errors), so any change to a record's shape
//! fails here and has to be made on purpose.

use serde::Deserialize;

use crate::util::{Env, s};

// The fields exist to be checked by deserialization; not all are read.
#[allow(dead_code)]
#[derive(Deserialize, Debug)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
enum Message {
    Article(Article),
    Stored(Stored),
    Statement(Statement),
    StatementDetail(StatementDetail),
    ArticleDetail(ArticleDetail),
    Problem(serde_json::Map<String, serde_json::Value>),
    Summary(serde_json::Map<String, serde_json::Value>),
    Speaker(Count),
    Outlet(Count),
    Wire(Count),
}

/// `extract --json`'s article record.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct Article {
    id: Option<String>,
    path: Option<String>,
    article: String,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    dateline: Option<String>,
    origin: Option<String>,
    lang: Option<String>,
    statements: Vec<Found>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct Found {
    id: String,
    kind: Kind,
    text: String,
    start: usize,
    end: usize,
    speaker: Option<String>,
    speaker_mention: Option<String>,
    wire: Option<String>,
    wire_source: WireSource,
    outlet: Option<String>,
    rule: String,
    #[serde(default)]
    speaker_rule: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Quote,
    Claim,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
enum WireSource {
    None,
    Text,
    Inferred,
}

/// `statements --json`'s statement record.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct Statement {
    id: String,
    kind: Kind,
    text: String,
    speaker: Option<String>,
    outlet: Option<String>,
    wire: Option<String>,
    fingerprint: String,
    appearances: Vec<AppearanceRef>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct AppearanceRef {
    id: String,
    article: String,
    start: usize,
    end: usize,
    speaker_mention: Option<String>,
    wire_source: WireSource,
    origin: Option<String>,
}

/// `ingest --json`'s record of one stored article.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct Stored {
    id: String,
    source: String,
    new: bool,
    statements: usize,
    statements_new: usize,
}

/// `show --json` of a statement: the record and every appearance in full.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct StatementDetail {
    id: String,
    kind: Kind,
    text: String,
    speaker: Option<String>,
    outlet: Option<String>,
    wire: Option<String>,
    fingerprint: String,
    appearances: Vec<AppearanceDetail>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct AppearanceDetail {
    id: String,
    article: ArticleMeta,
    start: usize,
    end: usize,
    text: String,
    speaker_mention: Option<String>,
    wire_source: WireSource,
    context: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct ArticleMeta {
    id: String,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    dateline: Option<String>,
    origin: Option<String>,
    source: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// `show --json` of an article: metadata, body and statements.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct ArticleDetail {
    #[serde(flatten)]
    meta: ArticleMeta,
    body: String,
    statements: Vec<InArticle>,
    /// The extractor version that made the statements (32 hex digits),
    /// `null` when not recorded.
    extractor: Option<String>,
    extractor_current: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct InArticle {
    appearance: String,
    statement: Statement,
    start: usize,
    end: usize,
    speaker_mention: Option<String>,
    wire_source: WireSource,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked by deserialization, not all read
struct Count {
    name: String,
    statements: u64,
    appearances: u64,
}

fn messages(env: &Env, args: &[&str]) -> Vec<Message> {
    let run = env.run(args);
    run.code(0);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn json_records_keep_their_shape() {
    let env = Env::new();
    let corpus = env.corpus();
    let c = s(&corpus);

    let extracted = messages(&env, &["--json", "extract", c]);
    assert!(matches!(extracted.last(), Some(Message::Summary(_))));
    let articles: Vec<&Article> = extracted
        .iter()
        .filter_map(|m| match m {
            Message::Article(a) => Some(a),
            _ => None,
        })
        .collect();
    assert_eq!(articles.len(), 4);
    assert!(articles.iter().all(|a| a.path.is_some() && a.id.is_none()));
    assert!(articles.iter().all(|a| a.article.len() == 64));

    let ingested = messages(&env, &["--json", "ingest", c]);
    let Some(Message::Summary(summary)) = ingested.last() else {
        panic!("ingest ends with a summary");
    };
    let mut keys: Vec<&str> = summary.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "appearances_new",
            "articles_new",
            "articles_seen",
            "failures",
            "statements_found",
            "statements_new"
        ]
    );

    assert!(
        ingested
            .iter()
            .filter(|m| matches!(m, Message::Stored(_)))
            .count()
            == 4
    );

    let listed = messages(&env, &["--json", "statements"]);
    assert!(!listed.is_empty());
    for m in &listed {
        let Message::Statement(st) = m else {
            panic!("statements prints statement records: {m:?}");
        };
        assert_eq!(st.id.len(), 64);
        assert!(!st.appearances.is_empty());
    }
    let Message::Statement(first) = &listed[0] else {
        unreachable!()
    };
    let shown = messages(&env, &["--json", "show", &first.id]);
    assert!(matches!(&shown[..], [Message::StatementDetail(d)] if d.id == first.id));
    let article = &first.appearances[0].article;
    let shown = messages(&env, &["--json", "show", article]);
    assert!(matches!(&shown[..], [Message::ArticleDetail(d)] if d.meta.id == *article));
    let verified = messages(&env, &["--json", "verify"]);
    assert!(matches!(&verified[..], [Message::Summary(_)]));

    for (cmd, check) in [
        (
            "speakers",
            (|m: &Message| matches!(m, Message::Speaker(_))) as fn(&Message) -> bool,
        ),
        ("outlets", |m| matches!(m, Message::Outlet(_))),
        ("wires", |m| matches!(m, Message::Wire(_))),
    ] {
        assert!(messages(&env, &["--json", cmd]).iter().all(check), "{cmd}");
    }
}
