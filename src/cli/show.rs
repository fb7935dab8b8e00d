//! `quotetrail show`: one statement or article with its full provenance.

use std::io::Write;

use quotetrail_store::{
    APPEARANCE_SHORT_DIGITS, Appearance, Article, Id, ObjectKind, Statement, Store, WireSource,
};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::statements::{StatementOut, appearance_refs};
use super::ui::{Paint, Ui, truncate};

/// Show a statement or an article by id (a unique prefix is enough)
///
/// A statement is shown with every appearance: the outlet, date, URL and
/// title of the article, the speaker as mentioned there, the wire and
/// whether the text credits it or it was inferred from the article's
/// origin, and the paragraph around it. An article is shown with its
/// metadata and its statements. An appearance id shows its statement.
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Object id or unique prefix of one (hex digits)
    #[arg(value_name = "ID")]
    id: String,
}

/// An article's metadata without its body.
#[derive(Serialize)]
struct ArticleMetaOut<'a> {
    id: String,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
    title: Option<&'a str>,
    byline: Option<&'a str>,
    dateline: Option<&'a str>,
    origin: Option<&'a str>,
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

impl<'a> ArticleMetaOut<'a> {
    fn new(id: &Id, a: &'a Article) -> Self {
        ArticleMetaOut {
            id: id.to_hex(),
            outlet: a.outlet.as_deref(),
            url: a.url.as_deref(),
            published: a.published.as_deref(),
            title: a.title.as_deref(),
            byline: a.byline.as_deref(),
            dateline: a.dateline.as_deref(),
            origin: a.origin.as_deref(),
            source: a.source.as_deref(),
            lang: a.lang.as_deref(),
        }
    }
}

/// One appearance in full, for `show --json` of a statement.
#[derive(Serialize)]
struct AppearanceOut<'a> {
    id: String,
    article: ArticleMetaOut<'a>,
    start: usize,
    end: usize,
    text: &'a str,
    speaker_mention: Option<&'a str>,
    wire_source: WireSource,
    context: &'a str,
}

/// A statement in an article, for `show --json` of an article.
#[derive(Serialize)]
struct InArticle<'a> {
    appearance: String,
    statement: StatementOut<'a>,
    start: usize,
    end: usize,
    speaker_mention: Option<&'a str>,
    wire_source: WireSource,
}

/// Runs `show`.
pub fn run(args: &ShowArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    // A group id shows the group, as `compare` does; a prefix that also
    // fits stored objects is ambiguous, not quietly the group.
    let object = store.resolve(&args.id);
    if let Ok(group) = store.resolve_group(&args.id) {
        match &object {
            Err(quotetrail_store::Error::NotFound { .. }) => {}
            Ok(_) | Err(quotetrail_store::Error::Ambiguous { .. }) => {
                return Err(quotetrail_store::Error::Ambiguous {
                    prefix: args.id.trim().to_owned(),
                    candidates: match &object {
                        Err(quotetrail_store::Error::Ambiguous { candidates, .. }) => {
                            candidates + 1
                        }
                        _ => 2,
                    },
                }
                .into());
            }
            Err(_) => {}
        }
        let view = crate::follow::view::load_group(&store, &group)?
            .ok_or_else(|| CliError::User(format!("group {group} vanished")))?;
        if ctx.ui.json() {
            ctx.ui.record("group", &view)?;
        } else {
            super::origin::render_group(&mut ctx.ui, &view)?;
        }
        return Ok(Status::Success);
    }
    let found = object?;
    match found.kind {
        ObjectKind::Statement => show_statement(&store, &mut ctx.ui, &found.id)?,
        ObjectKind::Article => show_article(&store, &mut ctx.ui, &found.id)?,
        ObjectKind::Appearance => {
            let appearance = store
                .get_appearance(&found.id)?
                .ok_or_else(|| CliError::User(format!("appearance {} vanished", found.id)))?;
            ctx.ui.status(&format!(
                "appearance {} is of statement {}",
                found.id.short(APPEARANCE_SHORT_DIGITS),
                appearance.statement.short(12)
            ));
            show_statement(&store, &mut ctx.ui, &appearance.statement)?;
        }
        // Kinds added to the store later have no view yet.
        #[allow(unreachable_patterns)]
        other => {
            return Err(CliError::User(format!("{other} {} has no view", found.id)));
        }
    }
    Ok(Status::Success)
}

fn missing(kind: &str, id: &Id) -> CliError {
    CliError::User(format!(
        "{kind} {id} is indexed but not stored; run `quotetrail verify`"
    ))
}

/// A statement with every appearance and its article: what `show` prints.
pub(crate) struct StatementRecords {
    id: Id,
    statement: Statement,
    appearances: Vec<(Id, Appearance)>,
    articles: Vec<Article>,
}

/// The `statement_detail` record of `show --json` (also `serve`'s
/// `/api/statement/ID`).
#[derive(Serialize)]
pub(crate) struct StatementDetail<'a> {
    id: String,
    #[serde(flatten)]
    statement: &'a Statement,
    fingerprint: String,
    appearances: Vec<AppearanceOut<'a>>,
}

/// Reads statement `id` with its appearances and their articles.
pub(crate) fn read_statement(store: &Store, id: &Id) -> Result<StatementRecords, CliError> {
    let statement = store
        .get_statement(id)?
        .ok_or_else(|| missing("statement", id))?;
    let appearances = store.appearances_of(id)?;
    let mut articles = Vec::new();
    for (_, a) in &appearances {
        let article = store
            .get_article(&a.article)?
            .ok_or_else(|| missing("article", &a.article))?;
        articles.push(article);
    }
    Ok(StatementRecords {
        id: *id,
        statement,
        appearances,
        articles,
    })
}

impl StatementRecords {
    /// The record `show --json` prints.
    pub(crate) fn detail(&self) -> StatementDetail<'_> {
        StatementDetail {
            id: self.id.to_hex(),
            statement: &self.statement,
            fingerprint: self.statement.fingerprint().to_hex(),
            appearances: self
                .appearances
                .iter()
                .zip(&self.articles)
                .map(|((aid, a), art)| AppearanceOut {
                    id: aid.to_hex(),
                    article: ArticleMetaOut::new(&a.article, art),
                    start: a.start,
                    end: a.end,
                    text: &a.text,
                    speaker_mention: a.speaker_mention.as_deref(),
                    wire_source: a.wire_source,
                    context: context(&art.body, a.start, a.end),
                })
                .collect(),
        }
    }
}

fn show_statement(store: &Store, ui: &mut Ui, id: &Id) -> Result<(), CliError> {
    let records = read_statement(store, id)?;
    if ui.json() {
        ui.record("statement_detail", &records.detail())?;
        return Ok(());
    }
    let StatementRecords {
        statement,
        appearances,
        articles,
        ..
    } = &records;
    let mut lines = vec![
        format!(
            "{} {}",
            ui.paint(Paint::Label, statement.kind.as_str()),
            ui.paint(Paint::Id, &id.to_hex())
        ),
        field(ui, "speaker", statement.speaker.as_deref(), Paint::Speaker),
        field(ui, "outlet", statement.outlet.as_deref(), Paint::Outlet),
        field(ui, "wire", statement.wire.as_deref(), Paint::Wire),
        format!(
            "{}  {}",
            ui.paint(Paint::Label, "text:    "),
            ui.paint(Paint::Quote, &statement.text)
        ),
        String::new(),
        ui.paint(
            Paint::Label,
            &format!("appearances ({}):", appearances.len()),
        ),
    ];
    for ((aid, a), art) in appearances.iter().zip(articles) {
        lines.push(String::new());
        lines.push(format!(
            "  {} in article {}",
            ui.paint(Paint::Id, &aid.short(APPEARANCE_SHORT_DIGITS)),
            ui.paint(Paint::Id, &a.article.short(12))
        ));
        lines.extend(article_lines(ui, art, "    "));
        lines.push(format!(
            "    speaker as mentioned: {}",
            ui.paint(Paint::Speaker, a.speaker_mention.as_deref().unwrap_or("-"))
        ));
        lines.push(format!("    wire: {}", wire_label(ui, statement, a)));
        lines.push(format!("    bytes {}..{}", a.start, a.end));
        lines.push(format!(
            "    context: {}",
            ui.paint(
                Paint::Dim,
                &truncate(context(&art.body, a.start, a.end), 400)
            )
        ));
    }
    let out = ui.out();
    for l in lines {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

/// An article with its statements: what `show` prints.
pub(crate) struct ArticleRecords {
    id: Id,
    article: Article,
    appearances: Vec<(Id, Appearance)>,
    statements: Vec<Statement>,
    /// The extractor recorded as having made the statements.
    extractor: Option<quotetrail_store::ExtractorVersion>,
}

/// The `article_detail` record of `show --json` (also `serve`'s
/// `/api/article/ID`).
#[derive(Serialize)]
pub(crate) struct ArticleDetail<'a> {
    #[serde(flatten)]
    meta: ArticleMetaOut<'a>,
    body: &'a str,
    statements: Vec<InArticle<'a>>,
    /// The extractor version that made the statements (`null`: not
    /// recorded), and whether it is the running one.
    extractor: Option<quotetrail_store::ExtractorVersion>,
    extractor_current: bool,
}

/// Reads article `id` with its appearances and their statements.
pub(crate) fn read_article(store: &Store, id: &Id) -> Result<ArticleRecords, CliError> {
    let article = store
        .get_article(id)?
        .ok_or_else(|| missing("article", id))?;
    let appearances = store.appearances_in(id)?;
    let mut statements = Vec::new();
    for (_, a) in &appearances {
        let s = store
            .get_statement(&a.statement)?
            .ok_or_else(|| missing("statement", &a.statement))?;
        statements.push(s);
    }
    Ok(ArticleRecords {
        id: *id,
        article,
        appearances,
        statements,
        extractor: store.extractor_of(id)?,
    })
}

impl ArticleRecords {
    /// The record `show --json` prints.
    pub(crate) fn detail(&self, store: &Store) -> Result<ArticleDetail<'_>, CliError> {
        let mut list = Vec::new();
        for ((aid, a), s) in self.appearances.iter().zip(&self.statements) {
            list.push(InArticle {
                appearance: aid.to_hex(),
                statement: StatementOut {
                    id: a.statement.to_hex(),
                    statement: s,
                    fingerprint: s.fingerprint().to_hex(),
                    appearances: appearance_refs(store, &a.statement)?,
                },
                start: a.start,
                end: a.end,
                speaker_mention: a.speaker_mention.as_deref(),
                wire_source: a.wire_source,
            });
        }
        Ok(ArticleDetail {
            meta: ArticleMetaOut::new(&self.id, &self.article),
            body: &self.article.body,
            statements: list,
            extractor: self.extractor,
            extractor_current: self.extractor == Some(crate::extract::version::current()),
        })
    }
}

fn show_article(store: &Store, ui: &mut Ui, id: &Id) -> Result<(), CliError> {
    let records = read_article(store, id)?;
    if ui.json() {
        ui.record("article_detail", &records.detail(store)?)?;
        return Ok(());
    }
    let ArticleRecords {
        article,
        appearances,
        statements,
        ..
    } = &records;
    let mut lines = vec![format!(
        "{} {}",
        ui.paint(Paint::Label, "article"),
        ui.paint(Paint::Id, &id.to_hex())
    )];
    lines.extend(article_lines(ui, article, "  "));
    if let Some(b) = &article.byline {
        lines.push(format!("  byline: {b}"));
    }
    if let Some(d) = &article.dateline {
        lines.push(format!("  dateline: {d}"));
    }
    if let Some(l) = &article.lang {
        lines.push(format!("  language: {l}"));
    }
    if let Some(s) = &article.source {
        lines.push(format!("  source: {}", ui.paint(Paint::Dim, s)));
    }
    lines.push(format!("  extracted by: {}", made_by(records.extractor)));
    lines.push(String::new());
    lines.push(ui.paint(Paint::Label, &format!("statements ({}):", statements.len())));
    for ((_, a), s) in appearances.iter().zip(statements) {
        let mention = match (&a.speaker_mention, &s.speaker) {
            (Some(m), Some(sp)) if m != sp => format!(" (as \u{201C}{m}\u{201D})"),
            _ => String::new(),
        };
        lines.push(format!(
            "  {}  {:<5}  {}{}  {}",
            ui.paint(Paint::Id, &a.statement.short(10)),
            s.kind.as_str(),
            ui.paint(Paint::Speaker, s.speaker.as_deref().unwrap_or("?")),
            mention,
            s.wire
                .as_deref()
                .map(|w| {
                    let how = match a.wire_source {
                        WireSource::Inferred => ", inferred",
                        _ => "",
                    };
                    format!("[{}{how}]", ui.paint(Paint::Wire, w))
                })
                .unwrap_or_default(),
        ));
        lines.push(format!(
            "      {}",
            ui.paint(Paint::Quote, &truncate(&a.text, 110))
        ));
    }
    let out = ui.out();
    for l in lines {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

/// Which extractor made an article's statements, against the running one.
fn made_by(extractor: Option<quotetrail_store::ExtractorVersion>) -> String {
    let current = crate::extract::version::current();
    match extractor {
        Some(v) if v == current => format!("{} (this version)", v.short(16)),
        Some(v) => format!(
            "{} (another version than this one, {}: `quotetrail reextract` redoes it)",
            v.short(16),
            current.short(16)
        ),
        None => "not recorded (`quotetrail reextract` redoes it)".to_owned(),
    }
}

fn field(ui: &Ui, label: &str, value: Option<&str>, paint: Paint) -> String {
    format!(
        "{}  {}",
        ui.paint(Paint::Label, &format!("{:<9}", format!("{label}:"))),
        ui.paint(paint, value.unwrap_or("-"))
    )
}

/// Outlet, date, URL and title lines of an article.
fn article_lines(ui: &Ui, a: &Article, indent: &str) -> Vec<String> {
    let mut out = vec![format!(
        "{indent}{}{}{}",
        ui.paint(
            Paint::Outlet,
            a.outlet.as_deref().unwrap_or("(unknown outlet)")
        ),
        a.published
            .as_deref()
            .map(|p| format!(", {}", ui.paint(Paint::Dim, p)))
            .unwrap_or_default(),
        a.origin
            .as_deref()
            .map(|o| format!(", via {}", ui.paint(Paint::Wire, o)))
            .unwrap_or_default(),
    )];
    if let Some(t) = &a.title {
        out.push(format!("{indent}title: {t}"));
    }
    if let Some(u) = &a.url {
        out.push(format!("{indent}url: {}", ui.paint(Paint::Dim, u)));
    }
    out
}

fn wire_label(ui: &Ui, s: &Statement, a: &Appearance) -> String {
    match (&s.wire, a.wire_source) {
        (None, _) | (_, WireSource::None) => "-".to_owned(),
        (Some(w), WireSource::Text) => {
            format!("{} (credited in the text)", ui.paint(Paint::Wire, w))
        }
        (Some(w), WireSource::Inferred) => {
            format!(
                "{} (inferred from the article's origin)",
                ui.paint(Paint::Wire, w)
            )
        }
    }
}

/// The paragraph(s) around `start..end`: from the line break before it to
/// the one after it. News bodies put one paragraph on a line.
pub fn context(body: &str, start: usize, end: usize) -> &str {
    let start = start.min(body.len());
    let end = end.clamp(start, body.len());
    let from = body[..floor(body, start)].rfind('\n').map_or(0, |i| i + 1);
    let to = body[floor(body, end)..]
        .find('\n')
        .map_or(body.len(), |i| floor(body, end) + i);
    body.get(from..to).unwrap_or("").trim()
}

/// The nearest char boundary at or before `i`.
fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::context;

    #[test]
    fn context_is_the_paragraph() {
        let body = "First para.\n\nSecond \"quote\" here.\nThird.";
        let q = body.find("quote").unwrap();
        assert_eq!(context(body, q, q + 5), "Second \"quote\" here.");
        assert_eq!(context(body, 0, 3), "First para.");
        let t = body.find("Third").unwrap();
        assert_eq!(context(body, q, t + 2), "Second \"quote\" here.\nThird.");
        assert_eq!(context(body, 999, 1000), "Third.");
    }
}
