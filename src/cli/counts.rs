//! Shared by `speakers`, `outlets` and `wires`: counts per name.

use std::io::Write;

use quotetrail_store::NameField;

use super::Context;
use super::error::{CliError, Status};
use super::ui::Paint;

/// Prints statement and appearance counts per name of `field`, most
/// statements first. `kind` names the JSON record type.
pub fn run(ctx: &mut Context, field: NameField, kind: &str) -> Result<Status, CliError> {
    let store = ctx.open_counted_store()?;
    let mut counts = store.counts(field)?;
    counts.sort_by(|a, b| {
        b.statements
            .cmp(&a.statements)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let ui = &mut ctx.ui;
    if ui.json() {
        for c in &counts {
            ui.record(kind, c)?;
        }
        return Ok(Status::Success);
    }
    if counts.is_empty() {
        ui.status(&format!("no {kind}s in the store"));
        return Ok(Status::Success);
    }
    let head = ui.paint(Paint::Label, "statements  appearances  name");
    writeln!(ui.out(), "{head}")?;
    for c in &counts {
        let paint = match field {
            NameField::Speaker => Paint::Speaker,
            NameField::Outlet => Paint::Outlet,
            NameField::Wire => Paint::Wire,
        };
        let line = format!(
            "{:>10}  {:>11}  {}",
            c.statements,
            c.appearances,
            ui.paint(paint, &c.name)
        );
        writeln!(ui.out(), "{line}")?;
    }
    Ok(Status::Success)
}
