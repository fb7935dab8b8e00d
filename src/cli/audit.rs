//! `quotetrail audit`: how each outlet handles what it reports.

use std::io::Write;

use super::Context;
use super::error::{CliError, Status};
use super::ui::{Paint, truncate};
use crate::follow::view::audit;

/// Audit outlets: wire credits, unnamed speakers, conflicts, exclusives,
/// unconfirmed claims, name variants
///
/// Per outlet: the share of statements that credit a wire and which wires;
/// statements with no named speaker; conflicts (the same words given to
/// different speakers, or the same statement credited to different
/// agencies); statements only that outlet printed; claims the article itself
/// calls unconfirmed ("could not be independently verified"); and the
/// speaker names it uses that others write another way.
#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    /// Only this outlet
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
}

/// Runs `audit`.
pub fn run(args: &AuditArgs, ctx: &mut Context) -> Result<Status, CliError> {
    let store = ctx.open_existing_store()?;
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
    for (i, o) in report.outlets.iter().enumerate() {
        let head = format!(
            "{}{}",
            if i > 0 { "\n" } else { "" },
            ui.paint(Paint::Outlet, &o.outlet)
        );
        writeln!(ui.out(), "{head}")?;
        let wires: Vec<String> = o.wires.iter().map(|(w, n)| format!("{w} {n}")).collect();
        let out = ui.out();
        writeln!(out, "  statements:        {}", o.statements)?;
        writeln!(
            out,
            "  crediting a wire:  {} ({:.0}%){}",
            o.crediting_wire,
            o.wire_share * 100.0,
            if wires.is_empty() {
                String::new()
            } else {
                format!(": {}", wires.join(", "))
            }
        )?;
        writeln!(out, "  no named speaker:  {}", o.no_speaker)?;
        writeln!(out, "  only this outlet:  {}", o.only_this_outlet)?;
        writeln!(out, "  in conflicts:      {}", o.conflicts)?;
        writeln!(out, "  unconfirmed:       {}", o.unconfirmed.len())?;
        for u in &o.unconfirmed {
            writeln!(
                out,
                "    \u{201C}{}\u{201D} ({})",
                truncate(&u.text, 70),
                u.phrase
            )?;
        }
        if !o.name_variants.is_empty() {
            writeln!(out, "  name variants:     {}", o.name_variants.join(", "))?;
        }
    }
    if !report.conflicts.is_empty() {
        let head = ui.paint(Paint::Label, "conflicts");
        writeln!(ui.out(), "\n{head}")?;
        for c in &report.conflicts {
            let line = format!(
                "  {}  {}: {}  \u{201C}{}\u{201D}",
                ui.paint(Paint::Id, &c.group.short(12)),
                c.kind.replace('_', " "),
                c.names.join(" / "),
                truncate(&c.text, 60)
            );
            writeln!(ui.out(), "{line}")?;
        }
    }
    if !report.name_variants.is_empty() {
        let head = ui.paint(Paint::Label, "name variants");
        writeln!(ui.out(), "\n{head}")?;
        for n in &report.name_variants {
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
                aliases.join("; ")
            );
            writeln!(ui.out(), "{line}")?;
            for m in &n.merges {
                let rule = serde_json::to_value(m.evidence.rule)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                writeln!(
                    ui.out(),
                    "    {} = {}  ({rule}, {:.2})",
                    m.a,
                    m.b,
                    m.evidence.score
                )?;
            }
        }
    }
    if report.outlets.is_empty() {
        ui.status("no grouped statements (ingest some articles first)");
    }
    Ok(Status::Success)
}
