//! `quotetrail compare`: the versions of one statement side by side, or
//! what two outlets printed of the same statements.

use std::io::Write;

use quotetrail_store::{Id, fold_name};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Status};
use super::origin::{VersionOut, locate, render_group, render_version, versions_out};
use super::ui::Paint;
use crate::follow::diff::{VersionDiff, diff_versions};
use crate::follow::persist::GroupState;
use crate::follow::view::{Printed, load_group};

/// Compare the versions of a statement, or two outlets' versions
///
/// `compare ID` takes a group, statement or appearance id (or the words of
/// a statement) and shows every version with its word diff against the
/// reference and every difference flagged with its severity.
/// `compare --outlet A --outlet B` goes through every statement both outlets
/// printed and shows B's version against A's.
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// A group, statement or appearance id, or the statement's words
    #[arg(value_name = "GROUP|ID", required_unless_present = "outlet")]
    target: Option<String>,

    /// Two outlets to compare (give the flag twice)
    #[arg(long, value_name = "NAME", num_args = 1)]
    outlet: Vec<String>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    group: Id,
    versions: Vec<VersionOut<'a>>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    group: Id,
    a: &'a Printed,
    b: &'a Printed,
    similarity: f32,
    diff: &'a [crate::follow::diff::Op],
    flags: &'a [crate::follow::diff::Flag],
}

/// Runs `compare`.
pub fn run(args: &CompareArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    if let Some(target) = &args.target {
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
    let [a, b] = args.outlet.as_slice() else {
        return Err(CliError::User(
            "compare needs a group or id, or --outlet twice (--outlet A --outlet B)".into(),
        ));
    };
    let (fa, fb) = (fold_name(a), fold_name(b));
    let mut shown = 0;
    let ids: Vec<(Id, Vec<u8>)> = store.groups().collect::<Result<_, _>>()?;
    for (gid, bytes) in ids {
        let Some(state) = GroupState::decode(&bytes) else {
            continue;
        };
        let has = |f: &str| state.outlets.iter().any(|o| fold_name(o) == f);
        if !has(&fa) || !has(&fb) {
            continue;
        }
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
        let d: VersionDiff = diff_versions(&pa.version, &pb.version);
        shown += 1;
        if ctx.ui.json() {
            ctx.ui.record(
                "pair",
                &PairOut {
                    group: gid,
                    a: pa,
                    b: pb,
                    similarity: d.similarity,
                    diff: &d.ops,
                    flags: &d.flags,
                },
            )?;
            continue;
        }
        let ui = &mut ctx.ui;
        let head = format!(
            "{}{} {}",
            if shown > 1 { "\n" } else { "" },
            ui.paint(Paint::Label, "group"),
            ui.paint(Paint::Id, &gid.short(12))
        );
        writeln!(ui.out(), "{head}")?;
        render_version(ui, 1, pa, &d, true)?;
        render_version(ui, 2, pb, &d, false)?;
    }
    if shown == 0 {
        ctx.ui
            .status(&format!("no statement was printed by both {a} and {b}"));
    }
    Ok(Status::Success)
}
