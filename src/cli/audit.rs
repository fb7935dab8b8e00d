//! `quotetrail audit`: how each outlet handles what it reports.

use std::io::Write;

use super::Context;
use super::error::{CliError, Status};
use super::filters::require_outlet;
use super::ui::{Paint, truncate};
use crate::follow::audit::{Audit, audit};

/// Audit outlets: wire credits, unnamed speakers, conflicts, exclusives,
/// unconfirmed claims, name variants
///
/// Per outlet: the share of statements that credit a wire in their own text
/// and which wires (wires inferred from an article's origin line are counted
/// apart); statements with no named speaker; conflicts (the same words
/// given to different speakers, or the same statement credited to different
/// agencies); statements only that outlet printed; claims the article itself
/// calls unconfirmed ("could not be independently verified"); and the
/// speaker names it uses that others write another way. The text output
/// shows the first few items of each list (`--limit`); `--json` has them
/// all.
#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    /// Only this outlet (case-insensitive)
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,

    /// Items shown per list in the text output; 0 shows all
    #[arg(long, value_name = "N", default_value_t = 10)]
    limit: usize,

    /// Show every item of every list (same as --limit 0)
    #[arg(long)]
    all: bool,
}

/// Runs `audit`.
pub fn run(args: &AuditArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
    if let Some(want) = &args.outlet {
        require_outlet(&store, want)?;
    }
    let report = audit(&store, args.outlet.as_deref())?;
    let ui = &mut ctx.ui;
    if ui.json() {
        for o in &report.outlets {
            ui.record("outlet_audit", o)?;
        }
        for c in &report.conflicts {
            ui.record("conflict", c)?;
        }
        for n in &report.name_variants {
            ui.record("name_variants", n)?;
        }
        return Ok(Status::Success);
    }
    if report.outlets.is_empty() {
        ui.status("no grouped statements (ingest some articles first)");
        return Ok(Status::Success);
    }
    let limit = if args.all || args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    print_text(&report, limit, ctx)?;
    Ok(Status::Success)
}

/// The first `limit` items joined with `sep`, then "… and N more".
fn capped(items: &[String], limit: usize, sep: &str) -> String {
    let mut out = items
        .iter()
        .take(limit)
        .cloned()
        .collect::<Vec<_>>()
        .join(sep);
    if items.len() > limit {
        out.push_str(&format!("{sep}… and {} more", items.len() - limit));
    }
    out
}

/// `name n` pairs, most first.
fn counted(map: &std::collections::BTreeMap<String, usize>) -> Vec<String> {
    let mut v: Vec<(&String, &usize)> = map.iter().collect();
    v.sort_by_key(|(_, n)| std::cmp::Reverse(**n));
    v.into_iter().map(|(w, n)| format!("{w} {n}")).collect()
}

fn percent(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 * 100.0 / whole as f32
    }
}

fn print_text(report: &Audit, limit: usize, ctx: &mut Context) -> Result<(), CliError> {
    let ui = &mut ctx.ui;
    let statements: usize = report.outlets.iter().map(|o| o.statements).sum();
    let summary = format!(
        "{} outlet(s), {statements} grouped statement(s); {} conflict(s); {} speaker(s) named more than one way",
        report.outlets.len(),
        report.conflicts.len(),
        report.name_variants.len(),
    );
    let summary = ui.paint(Paint::Dim, &summary);
    writeln!(ui.out(), "{summary}")?;
    for o in &report.outlets {
        let head = ui.paint(Paint::Outlet, &o.outlet);
        writeln!(ui.out(), "\n{head}")?;
        let out = ui.out();
        writeln!(out, "  statements:        {}", o.statements)?;
        let wires = counted(&o.wires);
        writeln!(
            out,
            "  crediting a wire:  {} ({:.0}%){}",
            o.crediting_wire,
            o.wire_share * 100.0,
            if wires.is_empty() {
                String::new()
            } else {
                format!(": {}", capped(&wires, limit, ", "))
            }
        )?;
        if o.inferred_wire > 0 {
            writeln!(
                out,
                "  inferred wire:     {} ({:.0}%) from the origin line, not the text: {}",
                o.inferred_wire,
                percent(o.inferred_wire, o.statements),
                capped(&counted(&o.inferred_wires), limit, ", ")
            )?;
        }
        writeln!(out, "  no named speaker:  {}", o.no_speaker)?;
        writeln!(out, "  only this outlet:  {}", o.only_this_outlet)?;
        writeln!(out, "  in conflicts:      {}", o.conflicts)?;
        writeln!(out, "  unconfirmed:       {}", o.unconfirmed.len())?;
        for u in o.unconfirmed.iter().take(limit) {
            writeln!(
                out,
                "    \u{201C}{}\u{201D} ({})",
                truncate(&u.text, 70),
                u.phrase
            )?;
        }
        if o.unconfirmed.len() > limit {
            writeln!(out, "    … and {} more", o.unconfirmed.len() - limit)?;
        }
        if !o.name_variants.is_empty() {
            writeln!(
                out,
                "  name variants:     {}",
                capped(&o.name_variants, limit, ", ")
            )?;
        }
    }
    if !report.conflicts.is_empty() {
        let head = ui.paint(
            Paint::Label,
            &format!(
                "conflicts ({}, longer statements and the most outlets first)",
                report.conflicts.len()
            ),
        );
        writeln!(ui.out(), "\n{head}")?;
        for c in report.conflicts.iter().take(limit) {
            let line = format!(
                "  {}  {}: {}  \u{201C}{}\u{201D}  ({})",
                ui.paint(Paint::Id, &c.group.short(super::groups::GROUP_DIGITS)),
                c.kind.replace('_', " "),
                c.names.join(" / "),
                truncate(&c.text, 60),
                c.outlets.join(", ")
            );
            writeln!(ui.out(), "{line}")?;
        }
        if report.conflicts.len() > limit {
            writeln!(
                ui.out(),
                "  … and {} more (--limit N or --all shows more)",
                report.conflicts.len() - limit
            )?;
        }
    }
    if !report.name_variants.is_empty() {
        let head = ui.paint(
            Paint::Label,
            &format!(
                "name variants ({} speaker(s), those printed by the most outlets first)",
                report.name_variants.len()
            ),
        );
        writeln!(ui.out(), "\n{head}")?;
        for n in report.name_variants.iter().take(limit) {
            let aliases: Vec<String> = n
                .aliases
                .iter()
                .map(|(a, outlets)| {
                    let list: Vec<&str> = outlets.iter().map(String::as_str).collect();
                    format!("{a} ({})", list.join(", "))
                })
                .collect();
            let line = format!(
                "  {}: {}",
                ui.paint(Paint::Speaker, &n.canonical),
                capped(&aliases, limit, "; ")
            );
            writeln!(ui.out(), "{line}")?;
            for m in n.merges.iter().take(limit) {
                writeln!(
                    ui.out(),
                    "    {} = {}: {} ({:.2})",
                    m.a,
                    m.b,
                    m.evidence.rule,
                    m.evidence.score
                )?;
            }
            if n.merges.len() > limit {
                writeln!(
                    ui.out(),
                    "    … and {} more reason(s)",
                    n.merges.len() - limit
                )?;
            }
        }
        if report.name_variants.len() > limit {
            writeln!(
                ui.out(),
                "  … and {} more (--limit N or --all shows more)",
                report.name_variants.len() - limit
            )?;
        }
    }
    Ok(())
}
