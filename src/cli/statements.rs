//! `quotetrail statements`: list stored statements, filtered.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use chrono::NaiveDate;
use quotetrail_store::{Id, Kind, Statement, StatementFilter, Store, WireSource, day_key};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::filters::{has_words, require_outlet, speakers_named, wire_name};
use super::ui::{Paint, Ui, truncate};
use crate::follow::date::parse_date;

/// List stored statements
///
/// Filters combine: `--speaker Keita --wire AFP --since 2024-03-01` lists
/// what Keita said in AFP-credited copy from March 2024 on. Listed by date
/// (a statement's date is its earliest appearance's; undated ones last),
/// then outlet, under a header row. Each row names the syndication origin of
/// the article(s) the statement appears in ("via AFP"), and a wire that was
/// inferred from that origin rather than read in the text is marked with
/// `*`. An unknown speaker or outlet exits 1 with the closest names.
#[derive(clap::Args, Debug)]
pub struct StatementsArgs {
    /// Only statements whose text holds all these words (any order; case
    /// and accents ignored)
    #[arg(long, value_name = "WORDS")]
    text: Option<String>,

    /// Only statements by a speaker this names, whole or in part
    /// ("Hamaha" finds "Oumar Ould Hamaha")
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,

    /// Only statements printed by this outlet (case-insensitive)
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,

    /// Only statements credited to this agency, by any of its names
    /// ("Agence France-Presse" is AFP)
    #[arg(long, value_name = "NAME")]
    wire: Option<String>,

    /// Only statements dated this day or later (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = super::dates::day)]
    since: Option<NaiveDate>,

    /// Only statements dated this day or earlier (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = super::dates::day)]
    until: Option<NaiveDate>,

    /// Only quotes or only claims
    #[arg(long, value_enum)]
    kind: Option<KindArg>,

    /// Only statements printed in articles of this language ("fr", "en")
    #[arg(long, value_name = "CODE", value_parser = super::parse_lang)]
    lang: Option<String>,

    /// Stop after N statements
    #[arg(long, short = 'n', value_name = "N")]
    limit: Option<usize>,
}

/// `--kind` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// Direct quotes.
    Quote,
    /// Reported claims.
    Claim,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Quote => Kind::Quote,
            KindArg::Claim => Kind::Claim,
        }
    }
}

/// A statement as `--json` prints it: the record, its ids and where it
/// appears.
#[derive(Serialize)]
pub struct StatementOut<'a> {
    /// Statement id.
    pub id: String,
    /// The statement record's fields.
    #[serde(flatten)]
    pub statement: &'a Statement,
    /// Id of its canonical text alone.
    pub fingerprint: String,
    /// Where it appears.
    pub appearances: Vec<AppearanceRef>,
}

/// One appearance, briefly.
#[derive(Serialize)]
pub struct AppearanceRef {
    /// Appearance id.
    pub id: String,
    /// The article it appears in.
    pub article: String,
    /// Byte offset in the article body.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Speaker as mentioned there.
    pub speaker_mention: Option<String>,
    /// How the wire credit was found there.
    pub wire_source: WireSource,
    /// Where the article came from, if it is syndicated ("AFP", "The
    /// Guardian").
    pub origin: Option<String>,
}

/// Articles' origins and dates, each article read once: a listing meets
/// the same article for many statements, and reading one means decoding
/// its body.
#[derive(Default)]
pub struct Origins(HashMap<Id, ArticleInfo>);

/// What the listing reads of an article.
#[derive(Default)]
struct ArticleInfo {
    origin: Option<String>,
    day: Option<NaiveDate>,
    lang: Option<String>,
}

impl Origins {
    fn read(&mut self, store: &Store, id: &Id) -> Result<&ArticleInfo, CliError> {
        if !self.0.contains_key(id) {
            let info = store
                .get_article(id)?
                .map(|a| ArticleInfo {
                    day: a.published.as_deref().and_then(parse_date),
                    // Articles stored before languages were kept: detect
                    // theirs from the body, as ingest now does.
                    lang: a.lang.clone().or_else(|| {
                        crate::extract::lang::Lang::detect(&a.body).map(|l| l.code().to_owned())
                    }),
                    origin: a.origin,
                })
                .unwrap_or_default();
            self.0.insert(*id, info);
        }
        Ok(&self.0[id])
    }

    /// The language code of article `id`, where known.
    pub fn lang(&mut self, store: &Store, id: &Id) -> Result<Option<String>, CliError> {
        Ok(self.read(store, id)?.lang.clone())
    }

    /// The origin of article `id` (`None` for an article the store lacks;
    /// `verify` reports those).
    pub fn of(&mut self, store: &Store, id: &Id) -> Result<Option<String>, CliError> {
        Ok(self.read(store, id)?.origin.clone())
    }

    /// The publication day of article `id`, when it has a readable one.
    pub fn day(&mut self, store: &Store, id: &Id) -> Result<Option<NaiveDate>, CliError> {
        Ok(self.read(store, id)?.day)
    }
}

/// The appearances of `id`, briefly.
pub fn appearance_refs(store: &Store, id: &Id) -> Result<Vec<AppearanceRef>, CliError> {
    appearance_refs_with(store, id, &mut Origins::default())
}

/// [`appearance_refs`], reading articles' origins through `origins`.
pub fn appearance_refs_with(
    store: &Store,
    id: &Id,
    origins: &mut Origins,
) -> Result<Vec<AppearanceRef>, CliError> {
    let mut out = Vec::new();
    for (aid, a) in store.appearances_of(id)? {
        out.push(AppearanceRef {
            id: aid.to_hex(),
            article: a.article.to_hex(),
            start: a.start,
            end: a.end,
            origin: origins.of(store, &a.article)?,
            speaker_mention: a.speaker_mention,
            wire_source: a.wire_source,
        });
    }
    Ok(out)
}

/// One statement found, with what it is listed and sorted by.
struct Listed {
    day: Option<NaiveDate>,
    id: Id,
    statement: Statement,
    appearances: Vec<AppearanceRef>,
}

/// Runs `statements`.
pub fn run(args: &StatementsArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    if let Some(outlet) = &args.outlet {
        require_outlet(&store, outlet)?;
    }
    // A part of a name may name several stored speakers: each is looked up
    // through the index, and what they share is listed once.
    let speakers: Vec<Option<String>> = match &args.speaker {
        Some(want) => speakers_named(&store, want)?
            .into_iter()
            .map(Some)
            .collect(),
        None => vec![None],
    };
    let filters: Vec<StatementFilter> = speakers
        .into_iter()
        .map(|speaker| StatementFilter {
            speaker,
            outlet: args.outlet.clone(),
            wire: args.wire.as_deref().map(wire_name),
            kind: args.kind.map(Kind::from),
            fingerprint: None,
        })
        .collect();
    let mut origins = Origins::default();
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    let limit = args.limit.unwrap_or(usize::MAX);
    // A day at a time, stopping once a whole day leaves enough rows: every
    // later statement is dated later (see `Store::article_days`), so it
    // could only sort after them. A statement first printed before
    // `--since` is in no window, so the walk starts there; past `--until`
    // (undated included) nothing is in the window either.
    let day = |d: NaiveDate| day_key(Some(&d.format("%Y-%m-%d").to_string()));
    let until = args.until.map(day);
    for dated in store.article_days(&filters, args.since.map(day))? {
        let (day, articles) = dated?;
        if rows.len() >= limit || until.is_some_and(|u| day > u) {
            break;
        }
        for article in articles {
            for id in store.statement_ids_in(&article)? {
                if !seen.insert(id) {
                    continue;
                }
                // A listed statement that is missing is `verify`'s to report.
                let Some(statement) = store.get_statement(&id)? else {
                    continue;
                };
                let wanted = filters.iter().any(|f| f.matches(&statement))
                    && args
                        .text
                        .as_deref()
                        .is_none_or(|w| has_words(&statement.text, w));
                if wanted {
                    rows.extend(listed(args, &store, &mut origins, id, statement)?);
                }
            }
        }
    }
    // Date order, undated last; then outlet, then id so the order is total.
    rows.sort_by(|a, b| {
        let key = |r: &Listed| {
            (
                r.day.is_none(),
                r.day,
                r.statement
                    .outlet
                    .as_deref()
                    .map(quotetrail_store::fold_name),
            )
        };
        key(a).cmp(&key(b)).then(a.id.cmp(&b.id))
    });
    rows.truncate(args.limit.unwrap_or(usize::MAX));
    let ui = &mut ctx.ui;
    if rows.is_empty() {
        if args.limit != Some(0) {
            ui.status("no statements match");
        }
        return Ok(Status::Success);
    }
    if !ui.json() {
        print_header(ui)?;
    }
    for r in rows {
        if ui.json() {
            let out = StatementOut {
                id: r.id.to_hex(),
                statement: &r.statement,
                fingerprint: r.statement.fingerprint().to_hex(),
                appearances: r.appearances,
            };
            ui.record("statement", &out)?;
        } else {
            print_row(ui, &r.id, r.day, &r.statement, &r.appearances)?;
        }
    }
    Ok(Status::Success)
}

/// The row for a statement that passed the filters, unless its articles'
/// language or its date is outside what `args` asks for.
fn listed(
    args: &StatementsArgs,
    store: &Store,
    origins: &mut Origins,
    id: Id,
    statement: Statement,
) -> Result<Option<Listed>, CliError> {
    let appearances = appearance_refs_with(store, &id, origins)?;
    let mut day = None;
    let mut in_lang = args.lang.is_none();
    for a in &appearances {
        let Ok(article) = a.article.parse::<Id>() else {
            continue;
        };
        if let Some(d) = origins.day(store, &article)? {
            day = Some(day.map_or(d, |x: NaiveDate| x.min(d)));
        }
        if let Some(want) = &args.lang {
            in_lang |= origins.lang(store, &article)?.as_deref() == Some(want.as_str());
        }
    }
    if !in_lang {
        return Ok(None);
    }
    let dated = args.since.is_none() && args.until.is_none();
    let in_window =
        day.is_some_and(|d| args.since.is_none_or(|s| d >= s) && args.until.is_none_or(|u| d <= u));
    Ok((dated || in_window).then_some(Listed {
        day,
        id,
        statement,
        appearances,
    }))
}

/// Column widths, shared by the header and the rows.
const W_SPEAKER: usize = 22;
const W_OUTLET: usize = 16;
const W_WIRE: usize = 9;
const W_VIA: usize = 16;

/// The header row above [`print_row`]'s rows.
pub fn print_header(ui: &mut Ui) -> std::io::Result<()> {
    let line = format!(
        "{:<10}  {:<5}  {:<10}  {:<W_SPEAKER$}  {:<W_OUTLET$}  {:<W_WIRE$}  {:<W_VIA$}  {}",
        "ID", "KIND", "DATE", "SPEAKER", "OUTLET", "WIRE", "VIA", "TEXT"
    );
    let line = ui.paint(Paint::Label, &line);
    writeln!(ui.out(), "{line}")
}

/// One line per statement: short id, kind, date, speaker, outlet, wire
/// (with `*` when inferred from the article's origin in every appearance),
/// the articles' origins ("via AFP"), text.
pub fn print_row(
    ui: &mut Ui,
    id: &Id,
    day: Option<NaiveDate>,
    s: &Statement,
    appearances: &[AppearanceRef],
) -> std::io::Result<()> {
    let cell = |text: Option<&str>, width: usize| {
        let t = truncate(text.unwrap_or("-"), width);
        format!("{t:<width$}")
    };
    let inferred = !appearances.is_empty()
        && appearances
            .iter()
            .all(|a| a.wire_source == WireSource::Inferred);
    let wire = s.wire.as_deref().map(|w| {
        if inferred {
            format!("{w}*")
        } else {
            w.to_owned()
        }
    });
    let mut origins: Vec<&str> = Vec::new();
    for o in appearances.iter().filter_map(|a| a.origin.as_deref()) {
        if !origins.contains(&o) {
            origins.push(o);
        }
    }
    let via = (!origins.is_empty()).then(|| format!("via {}", origins.join(", ")));
    let date = day.map(|d| d.format("%Y-%m-%d").to_string());
    let line = format!(
        "{}  {:<5}  {}  {}  {}  {}  {}  {}",
        ui.paint(Paint::Id, &id.short(10)),
        s.kind.as_str(),
        ui.paint(Paint::Dim, &cell(date.as_deref(), 10)),
        ui.paint(Paint::Speaker, &cell(s.speaker.as_deref(), W_SPEAKER)),
        ui.paint(Paint::Outlet, &cell(s.outlet.as_deref(), W_OUTLET)),
        ui.paint(Paint::Wire, &cell(wire.as_deref(), W_WIRE)),
        ui.paint(Paint::Wire, &cell(via.as_deref(), W_VIA)),
        ui.paint(Paint::Quote, &truncate(&s.text, 70)),
    );
    writeln!(ui.out(), "{line}")
}
