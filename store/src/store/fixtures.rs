//! Small articles written for the tests, with statements whose spans
//! point into the body.
use crate::record::{Appearance, Article, Kind, Statement, WireSource};

/// Article `n` of outlet `outlet`: `quotes` quotes by two speakers.
pub(crate) fn article(
    n: usize,
    outlet: &str,
    quotes: usize,
) -> (Article, Vec<(Statement, Appearance)>) {
    let mut body = format!("BAMAKO - Report number {n} from the river town.\n\n");
    let mut spans = Vec::new();
    for q in 0..quotes {
        let speaker = if q % 2 == 0 {
            "Awa Diallo"
        } else {
            "Karim Sow"
        };
        body.push_str(&format!("{speaker} said: \u{201C}"));
        let start = body.len();
        body.push_str(&format!(
            "We will rebuild bridge {} before the rains",
            q + n % 3
        ));
        let end = body.len();
        body.push_str("\u{201D}, she told AFP.\n\n");
        let kind = if q % 3 == 2 { Kind::Claim } else { Kind::Quote };
        spans.push((speaker, kind, start, end));
    }
    let article = Article {
        outlet: Some(outlet.to_string()),
        url: Some(format!("https://example.invalid/{outlet}/{n}")),
        published: Some("2024-03-01".into()),
        body,
        title: Some(format!("Report {n}")),
        ..Article::default()
    };
    let article_id = article.id();
    let found = spans
        .into_iter()
        .map(|(speaker, kind, start, end)| {
            let text = &article.body[start..end];
            let st = Statement::new(kind, text, Some(speaker), Some(outlet), Some("AFP"));
            let ap = Appearance {
                statement: st.id(),
                article: article_id,
                start,
                end,
                text: text.to_string(),
                speaker_mention: Some(speaker.to_string()),
                wire_source: WireSource::Text,
            };
            (st, ap)
        })
        .collect();
    (article, found)
}

/// A new store holding articles `0..articles`, alternating between the
/// outlets RFI and Reuters, three statements each; also returns every
/// statement put, in order.
pub(crate) fn filled(
    articles: usize,
) -> (
    tempfile::TempDir,
    crate::Store,
    Vec<(Statement, Appearance)>,
) {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::Store::open(dir.path()).unwrap();
    let mut all = Vec::new();
    for n in 0..articles {
        let (a, found) = article(n, if n % 2 == 0 { "RFI" } else { "Reuters" }, 3);
        store.put_article(&a, &found).unwrap();
        all.extend(found);
    }
    (dir, store, all)
}
