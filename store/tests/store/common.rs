//! Generated articles for the tests. The text is written for these tests
//! and deterministic in the article number, so a test can rebuild any
//! article it finds in a store and check it is complete.

use quotetrail_store::{Appearance, Article, Kind, Statement, WireSource};

/// The speakers generated statements are attributed to.
pub const SPEAKERS: [&str; 5] = [
    "Awa Diallo",
    "Karim Sow",
    "Mariam Traore",
    "Ibrahim Keita",
    "Fatou Ndiaye",
];
const OUTLETS: [&str; 3] = ["Daily Example", "River Post", "Sahel Evening"];
const WIRES: [Option<&str>; 3] = [Some("AFP"), Some("Reuters"), None];
const MOODS: [&str; 4] = ["late", "early", "poor", "good"];

/// Article `n` with `count` statements. Its `source` is `gen:<n>:<count>`
/// so the article can be rebuilt from what a store holds.
pub fn article(n: u64, count: usize) -> (Article, Vec<(Statement, Appearance)>) {
    let outlet = OUTLETS[(n % 3) as usize];
    let mut body = format!("DISTRICT {n} - A report on the season.\n\n");
    let mut spans = Vec::with_capacity(count);
    for q in 0..count {
        let speaker = SPEAKERS[(n as usize + q) % SPEAKERS.len()];
        let kind = if q % 3 == 2 { Kind::Claim } else { Kind::Quote };
        body.push_str(speaker);
        body.push_str(" said \u{201C}");
        let start = body.len();
        let district = (n as usize + q) % 40;
        body.push_str(&format!(
            "The harvest in district {district} will be {} this year",
            MOODS[q % 4]
        ));
        let end = body.len();
        body.push_str("\u{201D} on Monday.\n\n");
        spans.push((speaker, kind, start, end, WIRES[(n as usize + q) % 3]));
    }
    let article = Article {
        outlet: Some(outlet.to_string()),
        url: Some(format!("https://example.invalid/{n}")),
        published: Some(format!("2024-{:02}-{:02}", n % 12 + 1, n % 28 + 1)),
        body,
        source: Some(format!("gen:{n}:{count}")),
        ..Article::default()
    };
    records(article, spans)
}

/// A statement's place in a generated body: speaker, kind, byte span and
/// the wire credited.
pub type Span<'a> = (&'a str, Kind, usize, usize, Option<&'a str>);

/// The article with a statement and appearance for each span of its body,
/// attributed to the article's outlet.
pub fn records(article: Article, spans: Vec<Span<'_>>) -> (Article, Vec<(Statement, Appearance)>) {
    let article_id = article.id();
    let outlet = article.outlet.as_deref();
    let found = spans
        .into_iter()
        .map(|(speaker, kind, start, end, wire)| {
            let text = &article.body[start..end];
            let statement = Statement::new(kind, text, Some(speaker), outlet, wire);
            let appearance = Appearance {
                statement: statement.id(),
                article: article_id,
                start,
                end,
                text: text.to_string(),
                speaker_mention: Some(speaker.to_string()),
                wire_source: if wire.is_some() {
                    WireSource::Text
                } else {
                    WireSource::None
                },
            };
            (statement, appearance)
        })
        .collect();
    (article, found)
}

/// Rebuilds the article a `gen:<n>:<count>` source names.
pub fn from_source(source: &str) -> Option<(Article, Vec<(Statement, Appearance)>)> {
    let rest = source.strip_prefix("gen:")?;
    let (n, count) = rest.split_once(':')?;
    Some(article(n.parse().ok()?, count.parse().ok()?))
}

/// How [`council_article`] writes its quotes.
#[allow(dead_code)] // the benches' articles; the tests use `article`
pub struct Council<'a> {
    /// Quotes an article.
    pub statements: usize,
    /// The words of quote `q` of article `n`.
    pub quote: fn(q: usize, n: usize) -> String,
    /// What follows each closing mark.
    pub after: &'a str,
    /// Credit every this many quotes to AFP (0: none).
    pub afp_every: usize,
    /// Whether the article has a title.
    pub titled: bool,
}

/// Article `n` of the benches: its own words, so every statement is new;
/// five speakers, one outlet per hundred articles.
#[allow(dead_code)] // the benches' articles; the tests use `article`
pub fn council_article(n: usize, shape: &Council<'_>) -> (Article, Vec<(Statement, Appearance)>) {
    let mut body = format!("CITY {n} - The council met on the {n}th day of the session.\n\n");
    let mut spans = Vec::new();
    for q in 0..shape.statements {
        body.push_str(SPEAKERS[q % 5]);
        body.push_str(" said: \u{201C}");
        let start = body.len();
        body.push_str(&(shape.quote)(q, n));
        let end = body.len();
        body.push('\u{201D}');
        body.push_str(shape.after);
        body.push_str("\n\n");
        let wire = (shape.afp_every > 0 && q % shape.afp_every == 0).then_some("AFP");
        spans.push((SPEAKERS[q % 5], Kind::Quote, start, end, wire));
    }
    let article = Article {
        outlet: Some(format!("Outlet {}", n / 100)),
        url: Some(format!("https://example.invalid/{n}")),
        published: Some("2024-03-01".into()),
        title: shape.titled.then(|| format!("Report {n}")),
        body,
        ..Article::default()
    };
    records(article, spans)
}
