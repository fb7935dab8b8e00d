//! `quotetrail compare`: the versions of one statement side by side, or
//! what two outlets printed of the same statements.

use std::io::Write;

use quotetrail_store::{Error as StoreError, GroupId, ObjectKind, Store, fold_name};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::filters::require_outlet;
use super::origin::{VersionOut, locate, render_group, render_version, versions_out};
use super::ui::Paint;
use crate::follow::diff::{VersionDiff, diff_versions};
use crate::follow::persist::GroupState;
use crate::follow::view::{Printed, load_group, load_printed};

/// Compare the versions of a statement, two versions, or two outlets
///
/// `compare ID` takes a group, statement or appearance id (or the words of
/// a statement) and shows every version with its word diff against the
/// one asked about (the reference, for a group) and every difference
/// flagged with its severity. `compare A B` diffs exactly the two versions
/// named (appearance ids; a statement id stands for its first appearance):
/// any two versions of a group can be compared. `compare --outlet A
/// --outlet B` goes through every statement both outlets printed and shows
/// B's version against A's.
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// A group, statement or appearance id, or the statement's words; or
    /// two appearance ids to diff against each other
    #[arg(value_name = "GROUP|ID", required_unless_present = "outlet", num_args = 1..=2)]
    pub(crate) target: Vec<String>,

    /// Two outlets to compare (give the flag twice)
    #[arg(long, value_name = "NAME", num_args = 1)]
    pub(crate) outlet: Vec<String>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    group: GroupId,
    versions: Vec<VersionOut<'a>>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<GroupId>,
    a: &'a Printed,
    b: &'a Printed,
    similarity: f32,
    diff: &'a [crate::follow::diff::Op],
    flags: &'a [crate::follow::diff::Flag],
}

/// Runs `compare`.
pub fn run(args: &CompareArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    match args.target.as_slice() {
        [] => {}
        [target] => {
            let found = locate(&store, target, false)?;
            let view = found.view(&store)?;
            if ctx.ui.json() {
                ctx.ui.record(
                    "comparison",
                    &GroupOut {
                        group: view.group,
                        versions: versions_out(&view),
                    },
                )?;
            } else {
                render_group(&mut ctx.ui, &view)?;
            }
            return Ok(Status::Success);
        }
        [a, b, ..] => {
            let (pa, pb) = (version_of(&store, a)?, version_of(&store, b)?);
            let group = store.group_of(&pa.appearance)?;
            let same = group.is_some() && group == store.group_of(&pb.appearance)?;
            show_pair(ctx, same.then_some(group).flatten(), &pa, &pb, false)?;
            return Ok(Status::Success);
        }
    }
    let [a, b] = args.outlet.as_slice() else {
        return Err(CliError::User(
            "compare needs a group or id, or --outlet twice (--outlet A --outlet B)".into(),
        ));
    };
    require_outlet(&store, a)?;
    require_outlet(&store, b)?;
    let (fa, fb) = (fold_name(a), fold_name(b));
    let mut shown = 0;
    for gid in groups_of_both(&store, a, b)? {
        let Some(view) = load_group(&store, &gid)? else {
            continue;
        };
        let pick = |f: &str| {
            view.versions
                .iter()
                .find(|p| p.version.outlet.as_deref().map(fold_name).as_deref() == Some(f))
        };
        let (Some(pa), Some(pb)) = (pick(&fa), pick(&fb)) else {
            continue;
        };
        show_pair(ctx, Some(gid), pa, pb, shown > 0)?;
        shown += 1;
    }
    if shown == 0 {
        ctx.ui
            .status(&format!("no statement was printed by both {a} and {b}"));
    }
    Ok(Status::Success)
}

/// The groups that outlets `a` and `b` (compared case-insensitively) both
/// printed a version of, in group id order: `compare --outlet` and
/// `report --outlet` go through these.
pub(crate) fn groups_of_both(store: &Store, a: &str, b: &str) -> Result<Vec<GroupId>, CliError> {
    let (fa, fb) = (fold_name(a), fold_name(b));
    let mut out = Vec::new();
    for entry in store.groups() {
        let (gid, value) = entry?;
        let Some(state) = GroupState::from_value(&value) else {
            continue;
        };
        let has = |f: &str| state.outlets.iter().any(|o| fold_name(o) == f);
        if has(&fa) && has(&fb) {
            out.push(gid);
        }
    }
    Ok(out)
}

/// The version an id names: an appearance, or a statement's first
/// appearance, or a group's reference.
fn version_of(store: &Store, id: &str) -> Result<Printed, CliError> {
    let q = id.trim();
    let appearance = match store.resolve(q) {
        Ok(obj) => match obj.kind {
            ObjectKind::Appearance => Some(obj.id),
            ObjectKind::Statement => store.appearances_of(&obj.id)?.first().map(|(a, _)| *a),
            ObjectKind::Article => {
                return Err(CliError::User(format!(
                    "{} is an article; give two appearance or statement ids",
                    obj.id.short(12)
                )));
            }
        },
        Err(StoreError::NotFound { .. }) => {
            let found = locate(store, q, false)?;
            found.anchor
        }
        Err(e) => return Err(e.into()),
    };
    let printed = match appearance {
        Some(a) => load_printed(store, &a)?,
        None => None,
    };
    printed.ok_or_else(|| CliError::User(format!("{q} names no stored version")))
}

/// Shows B's version against A's: one record, or a heading and the two.
fn show_pair(
    ctx: &mut Context,
    group: Option<GroupId>,
    pa: &Printed,
    pb: &Printed,
    gap: bool,
) -> Result<(), CliError> {
    let d: VersionDiff = diff_versions(&pa.version, &pb.version);
    if ctx.ui.json() {
        ctx.ui.record(
            "pair",
            &PairOut {
                group,
                a: pa,
                b: pb,
                similarity: d.similarity,
                diff: &d.ops,
                flags: &d.flags,
            },
        )?;
        return Ok(());
    }
    let ui = &mut ctx.ui;
    let head = match group {
        Some(g) => format!(
            "{}{} {}",
            if gap { "\n" } else { "" },
            ui.paint(Paint::Label, "group"),
            ui.paint(Paint::Id, &g.short(12))
        ),
        None => format!(
            "{}{}",
            if gap { "\n" } else { "" },
            ui.paint(Paint::Label, "two versions (not grouped together)")
        ),
    };
    writeln!(ui.out(), "{head}")?;
    render_version(ui, 1, pa, &d, true, &[])?;
    render_version(ui, 2, pb, &d, false, &[])?;
    Ok(())
}
