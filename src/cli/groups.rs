//! `quotetrail groups`: the statement groups, with filters.

use std::io::Write;

use quotetrail_store::{GroupId, Store, fold_name};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::filters::{require_outlet, speaker_matches, speakers_named, wire_name};
use super::ui::{Paint, truncate};
use crate::follow::diff::FlagKind;
use crate::follow::persist::GroupState;
use crate::follow::view::load_group;

/// List the groups of statements that report one utterance
///
/// Only groups printed in two or more articles are listed, unless `--all`.
/// Each line shows the group id, how many versions and outlets, the date
/// range, the first speaker and the reference wording. Filters combine.
#[derive(clap::Args, Debug)]
pub struct GroupsArgs {
    /// Only groups an outlet printed (case-insensitive)
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,

    /// Only groups with a speaker this names, whole or in part ("Hamaha"
    /// finds "Oumar Ould Hamaha")
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,

    /// Only groups crediting this agency, by any of its names
    #[arg(long, value_name = "NAME")]
    wire: Option<String>,

    /// Only groups with at least this many versions
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_size: u32,

    /// Also list groups printed in one article only (single versions)
    #[arg(long)]
    all: bool,

    /// Only groups printed in two or more articles: the default, kept for
    /// scripts
    #[arg(long, hide = true)]
    shared: bool,

    /// Only groups with a difference of this kind (e.g. number_changed,
    /// different_wire, speaker_name_variant)
    #[arg(long, value_name = "KIND")]
    flag: Option<String>,

    /// At most this many groups
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

#[derive(Serialize)]
struct GroupLine<'a> {
    group: GroupId,
    #[serde(flatten)]
    state: &'a GroupState,
    text: String,
}

/// Runs `groups`.
pub fn run(args: &GroupsArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let flag: Option<FlagKind> = match &args.flag {
        Some(f) => Some(
            serde_json::from_value(serde_json::Value::String(f.replace('-', "_")))
                .map_err(|_| CliError::User(format!("unknown flag kind \"{f}\"")))?,
        ),
        None => None,
    };
    // The same name rules as `statements` (see `filters`): an unknown
    // outlet or speaker is an error with the closest names.
    if let Some(outlet) = &args.outlet {
        require_outlet(&store, outlet)?;
    }
    if let Some(speaker) = &args.speaker {
        speakers_named(&store, speaker)?;
    }
    let wire = args.wire.as_deref().map(wire_name);
    let same = |list: &[String], want: &Option<String>| match want {
        None => true,
        Some(w) => {
            let w = fold_name(w);
            list.iter().any(|x| fold_name(x) == w)
        }
    };
    let speaks = |list: &[String]| {
        args.speaker
            .as_deref()
            .is_none_or(|w| list.iter().any(|x| speaker_matches(w, x)))
    };
    let mut shown = 0;
    let mut hidden = 0;
    let mut header = !ctx.ui.json();
    for entry in store.groups() {
        let (gid, value) = entry?;
        let Some(state) = GroupState::from_value(&value) else {
            continue;
        };
        if state.size < args.min_size
            || !same(&state.outlets, &args.outlet)
            || !speaks(&state.speakers)
            || !same(&state.wires, &wire)
        {
            continue;
        }
        if !args.all && articles_in(&store, &gid, &state)? < 2 {
            hidden += 1;
            continue;
        }
        if args.limit.is_some_and(|l| shown >= l) {
            break;
        }
        let text = if let Some(kind) = flag {
            let Some(view) = load_group(&store, &gid)? else {
                continue;
            };
            if !view.diffs.iter().any(|d| d.has(kind)) {
                continue;
            }
            view.versions
                .get(view.reference)
                .map(|p| p.version.text.clone())
                .unwrap_or_default()
        } else {
            store
                .get_appearance(&state.reference)?
                .map(|a| a.text)
                .unwrap_or_default()
        };
        shown += 1;
        let ui = &mut ctx.ui;
        if ui.json() {
            ui.record(
                "group",
                &GroupLine {
                    group: gid,
                    state: &state,
                    text,
                },
            )?;
            continue;
        }
        if header {
            header = false;
            let head = format!(
                "{:<w$}  {:>8}  {:>7}  {:<22}  {}  {}",
                "group",
                "versions",
                "outlets",
                "dates",
                "speaker",
                "words",
                w = GROUP_DIGITS,
            );
            let head = ui.paint(Paint::Label, &head);
            writeln!(ui.out(), "{head}")?;
        }
        let dates = match (state.day_min, state.day_max) {
            (Some(a), Some(b)) if a != b => format!("{}..{}", iso(a), iso(b)),
            (Some(a), _) => iso(a),
            _ => "undated".into(),
        };
        let line = format!(
            "{}  {:>8}  {:>7}  {}  {}  \u{201C}{}\u{201D}",
            ui.paint(Paint::Id, &gid.short(GROUP_DIGITS)),
            state.size,
            state.outlets.len(),
            ui.paint(Paint::Dim, &format!("{dates:<22}")),
            ui.paint(
                Paint::Speaker,
                &state
                    .speakers
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "-".into())
            ),
            truncate(&text, 60)
        );
        writeln!(ui.out(), "{line}")?;
    }
    let note = if hidden > 0 {
        format!("; {hidden} printed in one article only, not shown (--all shows them)")
    } else {
        String::new()
    };
    ctx.ui.status(&format!("{shown} group(s){note}"));
    Ok(Status::Success)
}

/// How many articles print a version of the group, counted up to 2: an
/// appearance id starts with its article's first 16 bytes.
fn articles_in(store: &Store, gid: &GroupId, state: &GroupState) -> Result<usize, CliError> {
    if state.size < 2 {
        return Ok(state.size as usize);
    }
    let members = store.group_members(gid)?;
    let first = members.first().map(|(id, _)| id.as_bytes()[..16].to_vec());
    let other = members
        .iter()
        .any(|(id, _)| Some(&id.as_bytes()[..16]) != first.as_deref());
    Ok(1 + usize::from(other))
}

/// Digits of a group id shown: group ids have their own prefix space, so
/// twelve name one group in any store people keep.
pub(crate) const GROUP_DIGITS: usize = 12;

/// A day number as `YYYY-MM-DD`.
pub(crate) fn iso(day: i32) -> String {
    crate::follow::date::iso(day)
}
