//! `quotetrail statements`: list stored statements, filtered.

use std::collections::HashMap;
use std::io::Write;

use quotetrail_store::{Id, Kind, Statement, StatementFilter, Store, WireSource};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::ui::{Paint, Ui, truncate};

/// List stored statements
///
/// Filters combine: `--speaker Keita --wire AFP` lists what Keita said in
/// AFP-credited copy. Names match whatever their case and punctuation marks.
/// Each row names the syndication origin of the article(s) the statement
/// appears in ("via AFP"), and a wire that was inferred from that origin
/// rather than read in the text is marked with `*`.
#[derive(clap::Args, Debug)]
pub struct StatementsArgs {
    /// Only statements by this speaker (canonical name)
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,

    /// Only statements printed by this outlet
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,

    /// Only statements credited to this wire agency
    #[arg(long, value_name = "NAME")]
    wire: Option<String>,

    /// Only quotes or only claims
    #[arg(long, value_enum)]
    kind: Option<KindArg>,

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

/// Articles' origins, each article read once: a listing meets the same
/// article for many statements, and reading one means decoding its body.
#[derive(Default)]
pub struct Origins(HashMap<Id, Option<String>>);

impl Origins {
    /// The origin of article `id` (`None` for an article the store lacks;
    /// `verify` reports those).
    pub fn of(&mut self, store: &Store, id: &Id) -> Result<Option<String>, CliError> {
        if let Some(o) = self.0.get(id) {
            return Ok(o.clone());
        }
        let origin = store.get_article(id)?.and_then(|a| a.origin);
        self.0.insert(*id, origin.clone());
        Ok(origin)
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

/// Runs `statements`.
pub fn run(args: &StatementsArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let filter = StatementFilter {
        speaker: args.speaker.clone(),
        outlet: args.outlet.clone(),
        wire: args.wire.clone(),
        kind: args.kind.map(Kind::from),
        fingerprint: None,
    };
    let ui = &mut ctx.ui;
    let mut origins = Origins::default();
    let mut shown = 0;
    for item in store.statements(&filter)? {
        if args.limit.is_some_and(|l| shown >= l) {
            break;
        }
        let (id, statement) = item?;
        let appearances = appearance_refs_with(&store, &id, &mut origins)?;
        if ui.json() {
            let out = StatementOut {
                id: id.to_hex(),
                statement: &statement,
                fingerprint: statement.fingerprint().to_hex(),
                appearances,
            };
            ui.record("statement", &out)?;
        } else {
            print_row(ui, &id, &statement, &appearances)?;
        }
        shown += 1;
    }
    if shown == 0 && args.limit != Some(0) {
        ctx.ui.status("no statements match");
    }
    Ok(Status::Success)
}

/// One line per statement: short id, kind, speaker, outlet, wire (with `*`
/// when inferred from the article's origin in every appearance), the
/// articles' origins ("via AFP"), text.
pub fn print_row(
    ui: &mut Ui,
    id: &Id,
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
    let line = format!(
        "{}  {:<5}  {}  {}  {}  {}  {}",
        ui.paint(Paint::Id, &id.short(10)),
        s.kind.as_str(),
        ui.paint(Paint::Speaker, &cell(s.speaker.as_deref(), 22)),
        ui.paint(Paint::Outlet, &cell(s.outlet.as_deref(), 16)),
        ui.paint(Paint::Wire, &cell(wire.as_deref(), 9)),
        ui.paint(Paint::Wire, &cell(via.as_deref(), 16)),
        ui.paint(Paint::Quote, &truncate(&s.text, 70)),
    );
    writeln!(ui.out(), "{line}")
}
