//! `quotetrail report`: a statement's trail as one HTML file to read,
//! print or send to an editor. The group is found exactly as `origin` and
//! `compare` find it ([`locate`], [`groups_of_both`]); the page is
//! [`crate::render::html`].

use std::io::Write;
use std::path::PathBuf;

use super::Context;
use super::compare::groups_of_both;
use super::error::{CliError, Status};
use super::origin::{locate, near_groups};
use crate::follow::view::load_group;
use crate::render::html::{GroupReport, Mode, Near, Report, report_page};

/// Write a statement's trail as one self-contained HTML page
///
/// Takes what `origin` takes (the words of a statement, or a group,
/// statement or appearance id) or two outlets (`--outlet A --outlet B`:
/// every statement both printed). The page shows the proposed origin with
/// its evidence, a timeline of the appearances coloured by agency, every
/// version with its source and its word diff, the changes ranked by
/// severity, any two versions side by side, and the speaker's names. It
/// loads nothing from the network and reads without JavaScript.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// The statement's words, or an id
    #[arg(value_name = "TEXT|ID", required_unless_present = "outlet")]
    query: Option<String>,

    /// Read the argument as words even if it looks like an id
    #[arg(long)]
    text: bool,

    /// Two outlets whose shared statements to report (give the flag twice)
    #[arg(long, value_name = "NAME", num_args = 1, conflicts_with = "query")]
    outlet: Vec<String>,

    /// With --outlet, report at most this many statements
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,

    /// The HTML file to write (`-` for standard output)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
}

/// Runs `report`.
pub fn run(args: &ReportArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    let report = match (&args.query, args.outlet.as_slice()) {
        (Some(query), _) => {
            let found = locate(&store, query, args.text)?;
            let view = found.view(&store)?;
            let near = near_groups(&store, &found, &view)?
                .into_iter()
                .map(|n| Near {
                    group: n.group,
                    text: n.text,
                    size: n.size,
                    score: n.score,
                    said_before: n.said_before,
                })
                .collect();
            Report {
                title: "Statement trail".into(),
                query: query.clone(),
                groups: vec![GroupReport::build(&store, view, near)?],
            }
        }
        (None, [a, b]) => {
            let mut groups = Vec::new();
            for gid in groups_of_both(&store, a, b)?.into_iter().take(args.limit) {
                let Some(view) = load_group(&store, &gid)? else {
                    continue;
                };
                let pick = |name: &str| {
                    let want = quotetrail_store::fold_name(name);
                    view.versions.iter().position(|p| {
                        p.version.outlet.as_deref().map(quotetrail_store::fold_name)
                            == Some(want.clone())
                    })
                };
                let pair = (pick(a), pick(b));
                let mut g = GroupReport::build(&store, view, Vec::new())?;
                if let (Some(x), Some(y)) = pair {
                    g.choose_pair(x, y);
                }
                groups.push(g);
            }
            if groups.is_empty() {
                return Err(CliError::User(format!(
                    "no statement was printed by both {a} and {b}"
                )));
            }
            Report {
                title: format!("What {a} and {b} both printed"),
                query: String::new(),
                groups,
            }
        }
        _ => {
            return Err(CliError::User(
                "report needs words or an id, or --outlet twice (--outlet A --outlet B)".into(),
            ));
        }
    };
    let html = report_page(&report, Mode::File);
    if args.output.as_os_str() == "-" {
        let out = ctx.ui.out();
        out.write_all(html.as_bytes())?;
    } else {
        std::fs::write(&args.output, html.as_bytes())
            .map_err(|e| CliError::User(format!("can't write {}: {e}", args.output.display())))?;
        let versions: usize = report.groups.iter().map(|g| g.view.versions.len()).sum();
        ctx.ui.status(&format!(
            "wrote {} ({} statement(s), {versions} version(s))",
            args.output.display(),
            report.groups.len()
        ));
    }
    Ok(Status::Success)
}
