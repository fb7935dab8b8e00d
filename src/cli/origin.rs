//! `quotetrail origin`: where a statement came from, and every outlet that
//! printed it since. Also the group rendering `compare` shares.

use std::io::Write;

use quotetrail_store::{
    APPEARANCE_SHORT_DIGITS, Error as StoreError, GroupId, Id, ObjectKind, Store,
};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::ui::{Paint, Ui, truncate};
use crate::follow::diff::{Flag, OpTag, VersionDiff};
use crate::follow::matching::VERBATIM_WORDS;
use crate::follow::query::find_words;
use crate::follow::ungrouped::find_ungrouped;
use crate::follow::view::{
    GroupView, Origin, Printed, group_of_statement, kind_label, load_view, propose_origin,
    severity_label,
};

/// Trace a statement to its origin: the earliest outlet and first agency
///
/// Takes the words of a statement (any version: cut, reworded, with
/// brackets) or an id (statement, appearance or group; a unique prefix is
/// enough). Shows the group whose versions hold the words, every appearance
/// in date order (outlet, date, speaker as printed, wire credited, exact
/// wording, and how it differs from the version asked about), with
/// versions grouped elsewhere that hold the words; then the proposed
/// origin with its evidence and a confidence; then other groups that share
/// the words, those that predate the answer marked "said before".
#[derive(clap::Args, Debug)]
pub struct OriginArgs {
    /// The statement's words, or an id
    #[arg(value_name = "TEXT|ID")]
    pub(crate) query: String,

    /// Read the argument as words even if it looks like an id
    #[arg(long)]
    pub(crate) text: bool,
}

/// How a group was found.
pub(crate) struct Found {
    pub group: GroupId,
    pub score: f32,
    pub near: Vec<(GroupId, f32)>,
    /// The version asked about: the appearance given, or the member that
    /// best holds the words given.
    pub anchor: Option<Id>,
    /// Versions of other groups that hold the words given, with their
    /// group.
    pub also: Vec<(Id, GroupId)>,
}

impl Found {
    /// The group with its versions diffed against the one asked about.
    pub(crate) fn view(&self, store: &Store) -> Result<GroupView, CliError> {
        load_view(store, &self.group, self.anchor, &self.also)?
            .ok_or_else(|| CliError::User(format!("group {} is not stored", self.group)))
    }
}

/// What an id or words lead to.
enum Located {
    /// A group.
    Group(Found),
    /// No group: the words given, or those of the statement or
    /// appearance named, which is in no group yet (`why` says so).
    NoGroup { words: String, why: Option<String> },
}

/// Resolves an id (statement, appearance, group) or, failing that, words
/// to a group; an error when nothing matches.
pub(crate) fn locate(store: &Store, query: &str, force_text: bool) -> Result<Found, CliError> {
    match locate_group(store, query, force_text)? {
        Located::Group(found) => Ok(found),
        Located::NoGroup { why: Some(why), .. } => Err(CliError::User(why)),
        Located::NoGroup { words, why: None } => Err(no_match(store, &words, true)?),
    }
}

/// [`locate`], without failing when no group is found.
fn locate_group(store: &Store, query: &str, force_text: bool) -> Result<Located, CliError> {
    let q = query.trim();
    let hexlike = q.len() >= 4 && q.len() <= 64 && q.bytes().all(|b| b.is_ascii_hexdigit());
    if hexlike && !force_text {
        match store.resolve_group(q) {
            Ok(group) => {
                if store.resolve(q).is_ok() {
                    return Err(CliError::User(format!(
                        "{q} starts both a group id and another id; give more digits"
                    )));
                }
                return Ok(Located::Group(Found {
                    group,
                    score: 1.0,
                    near: Vec::new(),
                    anchor: None,
                    also: Vec::new(),
                }));
            }
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        match store.resolve(q) {
            Ok(obj) => {
                let anchor = (obj.kind == ObjectKind::Appearance).then_some(obj.id);
                let group = match obj.kind {
                    ObjectKind::Appearance => store.group_of(&obj.id)?,
                    ObjectKind::Statement => group_of_statement(store, &obj.id)?,
                    ObjectKind::Article => {
                        return Err(CliError::User(format!(
                            "{} is an article; give a statement, appearance or group id, or words",
                            obj.id.short(12)
                        )));
                    }
                };
                let Some(group) = group else {
                    let digits = match obj.kind {
                        ObjectKind::Appearance => APPEARANCE_SHORT_DIGITS,
                        _ => 12,
                    };
                    let statement = match obj.kind {
                        ObjectKind::Appearance => {
                            store.get_appearance(&obj.id)?.map(|a| a.statement)
                        }
                        _ => Some(obj.id),
                    };
                    let words = match statement {
                        Some(id) => store.get_statement(&id)?.map(|s| s.text),
                        None => None,
                    };
                    return Ok(Located::NoGroup {
                        words: words.unwrap_or_default(),
                        why: Some(format!(
                            "{} is not in any group yet (`quotetrail match` groups it)",
                            obj.id.short(digits)
                        )),
                    });
                };
                return Ok(Located::Group(Found {
                    group,
                    score: 1.0,
                    near: Vec::new(),
                    anchor,
                    also: Vec::new(),
                }));
            }
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let found = find_words(store, q)?;
    let mut hits = found.hits.into_iter();
    let Some(best) = hits.next() else {
        return Ok(Located::NoGroup {
            words: q.to_owned(),
            why: None,
        });
    };
    let score = best.words.score;
    let near = hits
        .filter(|h| h.words.score >= score - 0.25 || h.words.matched >= VERBATIM_WORDS)
        .take(5)
        .map(|h| (h.group, h.words.score))
        .collect();
    Ok(Located::Group(Found {
        group: best.group,
        score,
        near,
        anchor: Some(best.anchor),
        also: found.also,
    }))
}

/// The error for words that match nothing. `groups_only` when only
/// groups were searched (`report`, `compare`): a store ingested with
/// `--no-match` then has words no group holds, which it says.
fn no_match(store: &Store, q: &str, groups_only: bool) -> Result<CliError, CliError> {
    // One key read each.
    let unindexed =
        groups_only && store.groups().next().is_none() && store.totals()?.appearances > 0;
    let hint = if unindexed {
        " (this store's statements are not grouped yet: it was ingested with --no-match; \
         run `quotetrail match` first)"
    } else {
        ""
    };
    Ok(CliError::User(format!(
        "no stored statement matches \u{201C}{}\u{201D}{hint}",
        truncate(q, 60)
    )))
}

/// One appearance with its diff, as JSON.
#[derive(Serialize)]
pub(crate) struct VersionOut<'a> {
    #[serde(flatten)]
    pub printed: &'a Printed,
    pub reference: bool,
    /// Whether the others are diffed against this one.
    pub anchor: bool,
    pub similarity: f32,
    pub diff: &'a [crate::follow::diff::Op],
    pub flags: &'a [Flag],
}

/// A near group, as JSON.
#[derive(Serialize)]
pub(crate) struct NearOut {
    pub group: GroupId,
    pub score: f32,
    pub text: String,
    pub size: u32,
    /// Its versions all predate the group found: the words were said
    /// before, on another occasion.
    pub said_before: bool,
    /// Its date range, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

/// The near groups of `found` beside `view`, the group shown: `origin`
/// lists them after the answer and `report` at the end of the page.
pub(crate) fn near_groups(
    store: &Store,
    found: &Found,
    view: &GroupView,
) -> Result<Vec<NearOut>, CliError> {
    let mut near = Vec::new();
    for (g, score) in &found.near {
        if let Some(v) = load_view(store, g, None, &[])? {
            let said_before = matches!(
                (v.state.day_max, view.state.day_min),
                (Some(theirs), Some(ours)) if theirs < ours
            );
            near.push(NearOut {
                group: *g,
                score: round2(*score),
                text: v
                    .versions
                    .get(v.reference)
                    .map(|p| p.version.text.clone())
                    .unwrap_or_default(),
                size: v.state.size,
                said_before,
                first: v.state.day_min.map(crate::follow::date::iso),
                last: v.state.day_max.map(crate::follow::date::iso),
            });
        }
    }
    Ok(near)
}

/// What `origin --json` prints (`serve` answers `/api/group/ID` with it).
#[derive(Serialize)]
pub(crate) struct OriginOut<'a> {
    /// Always true here; false in [`UngroupedOut`].
    pub grouped: bool,
    pub group: GroupId,
    pub score: f32,
    pub size: usize,
    pub origin: Option<&'a Origin>,
    pub versions: Vec<VersionOut<'a>>,
    pub near: Vec<NearOut>,
}

/// What `origin --json` prints when the words are in no group, only in
/// statements the word index finds (see [`crate::follow::ungrouped`]).
#[derive(Serialize)]
struct UngroupedOut<'a> {
    grouped: bool,
    score: f32,
    size: usize,
    origin: Option<&'a Origin>,
    versions: Vec<VersionOut<'a>>,
}

pub(crate) fn versions_out(view: &GroupView) -> Vec<VersionOut<'_>> {
    versions_out_of(
        &view.versions,
        &view.diffs,
        Some(view.reference),
        view.anchor,
    )
}

fn versions_out_of<'a>(
    versions: &'a [Printed],
    diffs: &'a [VersionDiff],
    reference: Option<usize>,
    anchor: usize,
) -> Vec<VersionOut<'a>> {
    versions
        .iter()
        .zip(diffs)
        .enumerate()
        .map(|(i, (p, d))| VersionOut {
            printed: p,
            reference: Some(i) == reference,
            anchor: i == anchor,
            similarity: d.similarity,
            diff: &d.ops,
            flags: &d.flags,
        })
        .collect()
}

/// Runs `origin`.
pub fn run(args: &OriginArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let found = match locate_group(&store, &args.query, args.text)? {
        Located::Group(found) => found,
        Located::NoGroup { words, .. } => return run_ungrouped(&store, &words, ctx),
    };
    let view = found.view(&store)?;
    let origin = propose_origin(&view.versions);
    let near = near_groups(&store, &found, &view)?;
    let ui = &mut ctx.ui;
    if ui.json() {
        ui.record(
            "origin",
            &OriginOut {
                grouped: true,
                group: view.group,
                score: round2(found.score),
                size: view.versions.len(),
                origin: origin.as_ref(),
                versions: versions_out(&view),
                near,
            },
        )?;
        return Ok(Status::Success);
    }
    render_group(ui, &view)?;
    if let Some(o) = &origin {
        print_origin(ui, o)?;
    }
    if !near.is_empty() {
        let head = ui.paint(Paint::Label, "other groups that share these words:");
        writeln!(ui.out(), "\n{head}")?;
        for n in &near {
            let when = match (&n.first, &n.last) {
                (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
                (Some(a), _) => a.clone(),
                _ => "undated".into(),
            };
            let before = if n.said_before { "  said before" } else { "" };
            let line = format!(
                "  {}  {:.2}  {} version(s)  {}{}  \u{201C}{}\u{201D}",
                ui.paint(Paint::Id, &n.group.short(12)),
                n.score,
                n.size,
                ui.paint(Paint::Dim, &when),
                ui.paint(Paint::Label, before),
                truncate(&n.text, 70)
            );
            writeln!(ui.out(), "{line}")?;
        }
    }
    Ok(Status::Success)
}

/// Prints the proposed origin and its evidence.
fn print_origin(ui: &mut Ui, o: &Origin) -> Result<(), CliError> {
    let line = format!(
        "{} {} on {}, first agency credited: {} (confidence {}, {:.2})",
        ui.paint(Paint::Label, "origin:"),
        ui.paint(
            Paint::Outlet,
            o.outlet.as_deref().unwrap_or("unknown outlet")
        ),
        o.date.as_deref().unwrap_or("an unknown date"),
        ui.paint(Paint::Wire, o.agency.as_deref().unwrap_or("none")),
        serde_json::to_value(o.confidence)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        o.score
    );
    let out = ui.out();
    writeln!(out)?;
    writeln!(out, "{line}")?;
    for e in &o.evidence {
        writeln!(out, "  - {e}")?;
    }
    Ok(())
}

/// `origin` for words in no group: the statements the word index finds,
/// every appearance of them, and their origin.
fn run_ungrouped(store: &Store, q: &str, ctx: &mut Context) -> Result<Status, CliError> {
    super::build_word_index_if_missing(store, &mut ctx.ui)?;
    let Some(found) = find_ungrouped(store, q)? else {
        return Err(no_match(store, q, false)?);
    };
    let origin = propose_origin(&found.versions);
    let ui = &mut ctx.ui;
    if ui.json() {
        ui.record(
            "origin",
            &UngroupedOut {
                grouped: false,
                score: round2(found.words.score),
                size: found.versions.len(),
                origin: origin.as_ref(),
                versions: versions_out_of(&found.versions, &found.diffs, None, found.anchor),
            },
        )?;
        return Ok(Status::Success);
    }
    let outlets: std::collections::BTreeSet<&str> = (found.versions.iter())
        .filter_map(|p| p.version.outlet.as_deref())
        .collect();
    let head = format!(
        "{}  {} version(s), {} outlet(s); changes shown against version {}",
        ui.paint(Paint::Label, "not grouped"),
        found.versions.len(),
        outlets.len(),
        found.anchor + 1,
    );
    writeln!(ui.out(), "{head}")?;
    let why = "these statements are in no group yet: they were found by their words alone, \
               without the speaker and date checks of grouping; `quotetrail match` groups them";
    let why = ui.paint(Paint::Dim, why);
    writeln!(ui.out(), "{why}")?;
    for (i, (p, d)) in found.versions.iter().zip(&found.diffs).enumerate() {
        let mut labels = Vec::new();
        if i == found.anchor {
            labels.push("the version that best holds these words".to_string());
        }
        if let Some(g) = p.in_group {
            labels.push(format!("in group {}", g.short(12)));
        }
        render_version(ui, i + 1, p, d, i == found.anchor, &labels)?;
    }
    if let Some(o) = &origin {
        print_origin(ui, o)?;
    }
    Ok(Status::Success)
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

/// Prints a group: a heading, then each version with its diff and flags
/// against the version asked about (the reference, for a group).
pub(crate) fn render_group(ui: &mut Ui, view: &GroupView) -> Result<(), CliError> {
    let outlets: std::collections::BTreeSet<&str> = view
        .versions
        .iter()
        .filter_map(|p| p.version.outlet.as_deref())
        .collect();
    let head = format!(
        "{} {}  {} version(s), {} outlet(s); changes shown against version {}",
        ui.paint(Paint::Label, "group"),
        ui.paint(Paint::Id, &view.group.short(12)),
        view.versions.len(),
        outlets.len(),
        view.anchor + 1,
    );
    writeln!(ui.out(), "{head}")?;
    for (i, (p, d)) in view.versions.iter().zip(&view.diffs).enumerate() {
        let mut labels = Vec::new();
        if i == view.anchor && view.anchor != view.reference {
            labels.push("the version asked about".to_string());
        }
        if i == view.reference {
            labels.push("reference: the earliest complete version".to_string());
        }
        if let Some(g) = p.in_group {
            labels.push(format!("holds these words; in group {}", g.short(12)));
        }
        render_version(ui, i + 1, p, d, i == view.anchor, &labels)?;
    }
    Ok(())
}

/// Prints one version: its line of provenance with `labels`, its words,
/// and unless it is the one the others are compared with (`base`), the
/// word diff and the flags.
pub(crate) fn render_version(
    ui: &mut Ui,
    n: usize,
    p: &Printed,
    d: &VersionDiff,
    base: bool,
    labels: &[String],
) -> Result<(), CliError> {
    let v = &p.version;
    let wire = match &v.wire {
        Some(w) => format!("via {}", ui.paint(Paint::Wire, w)),
        None => ui.paint(Paint::Dim, "no wire"),
    };
    let labels: String = labels
        .iter()
        .map(|l| format!("  {}", ui.paint(Paint::Label, &format!("[{l}]"))))
        .collect();
    let line = format!(
        "\n{n:>2}. {}  {}  {}  {}  {}{labels}",
        ui.paint(Paint::Dim, v.date.as_deref().unwrap_or("undated")),
        ui.paint(
            Paint::Outlet,
            v.outlet.as_deref().unwrap_or("unknown outlet")
        ),
        ui.paint(
            Paint::Speaker,
            v.speaker_mention
                .as_deref()
                .or(v.speaker.as_deref())
                .unwrap_or("(no speaker)")
        ),
        wire,
        kind_label(v.kind),
    );
    writeln!(ui.out(), "{line}")?;
    let words = format!(
        "    \u{201C}{}\u{201D}",
        ui.paint(Paint::Quote, v.text.trim())
    );
    writeln!(ui.out(), "{words}")?;
    if base {
        return Ok(());
    }
    if d.ops.iter().any(|o| o.tag != OpTag::Equal) {
        let diff = word_diff(ui, d);
        writeln!(ui.out(), "    diff: {diff}")?;
    }
    for f in &d.flags {
        let line = flag_line(ui, f);
        writeln!(ui.out(), "    {line}")?;
    }
    Ok(())
}

/// The diff in one line: deleted words as `[-...-]`, inserted as `{+...+}`
/// (coloured when colour is on).
pub(crate) fn word_diff(ui: &Ui, d: &VersionDiff) -> String {
    let mut out = String::new();
    for op in &d.ops {
        let text = op.text.trim();
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        match op.tag {
            OpTag::Equal => out.push_str(text),
            OpTag::Delete => out.push_str(&ui.paint(Paint::Deleted, &format!("[-{text}-]"))),
            OpTag::Insert => out.push_str(&ui.paint(Paint::Inserted, &format!("{{+{text}+}}"))),
        }
    }
    out
}

/// One flag: severity, kind, detail.
pub(crate) fn flag_line(ui: &Ui, f: &Flag) -> String {
    let kind = serde_json::to_value(f.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!(
        "! {:<8} {} {}",
        severity_label(f.severity),
        ui.paint(Paint::Label, &kind),
        f.detail
    )
}
