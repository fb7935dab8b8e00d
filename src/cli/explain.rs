//! `quotetrail extract --explain`: what each rule took and rejected, and
//! why, sentence by sentence.

use std::collections::BTreeSet;
use std::io::Write;

use serde::Serialize;

use super::error::{CliError, Status};
use super::ui::{Paint, Ui, truncate};
use crate::extract::rules::{CATALOGUE, Decision, RuleId, Trace};
use crate::extract::{ArticleMeta, extract_traced};
use crate::input::walk::Exclude;
use crate::input::{Input, overlay, read_paths_excluding};

/// One decision as `--json` prints it.
#[derive(Serialize)]
struct DecisionOut<'a> {
    /// The input it is about.
    source: String,
    /// Byte range in the body.
    start: usize,
    end: usize,
    #[serde(flatten)]
    decision: &'a Decision,
    /// The text decided on.
    text: &'a str,
}

/// Explains extraction of every input in `paths`.
pub fn run(
    paths: &[std::path::PathBuf],
    exclude: &Exclude,
    flags: &ArticleMeta,
    ui: &mut Ui,
) -> Result<Status, CliError> {
    let mut used: BTreeSet<RuleId> = BTreeSet::new();
    let mut result = Ok(());
    read_paths_excluding(paths, exclude, &mut |item| {
        match item {
            Ok(input) => {
                if let Err(e) = explain_one(&input, flags, ui, &mut used) {
                    result = Err(e);
                    return false;
                }
            }
            Err(e) => ui.problem(&e.to_string()),
        }
        true
    });
    result?;
    if !ui.json() && !used.is_empty() {
        let out = ui.out();
        writeln!(out, "\nrules:")?;
        for rule in CATALOGUE.iter().filter(|r| used.contains(&r.id)) {
            writeln!(out, "  {:<28} {}", rule.id, rule.does)?;
        }
    }
    Ok(Status::from_problems(ui.problems()))
}

fn explain_one(
    input: &Input,
    flags: &ArticleMeta,
    ui: &mut Ui,
    used: &mut BTreeSet<RuleId>,
) -> std::io::Result<()> {
    let given = overlay(&input.meta, flags);
    let mut trace = Trace::recording();
    let ex = extract_traced(&input.body, &given, &mut trace);
    let mut decisions = trace.decisions;
    decisions.sort_by_key(|d| (d.span.start, !d.taken, d.span.end));
    let source = input.origin.to_string();
    if ui.json() {
        for d in &decisions {
            let text = input.body.get(d.span.clone()).unwrap_or("");
            ui.record(
                "decision",
                &DecisionOut {
                    source: source.clone(),
                    start: d.span.start,
                    end: d.span.end,
                    decision: d,
                    text,
                },
            )?;
        }
        return Ok(());
    }
    let lang = ex.meta.lang.as_deref().unwrap_or("?");
    let head = ui.paint(Paint::Label, &source);
    let taken = decisions.iter().filter(|d| d.taken).count();
    let lines: Vec<String> = decisions
        .iter()
        .map(|d| {
            used.insert(d.rule);
            let verdict = if d.taken { "took    " } else { "rejected" };
            let text = input.body.get(d.span.clone()).unwrap_or("");
            format!(
                "  {}  {:<28} {}\n      {}",
                ui.paint(
                    if d.taken {
                        Paint::Inserted
                    } else {
                        Paint::Deleted
                    },
                    verdict
                ),
                d.rule.as_str(),
                ui.paint(Paint::Dim, &d.why),
                ui.paint(Paint::Quote, &truncate(text, 100)),
            )
        })
        .collect();
    let out = ui.out();
    writeln!(
        out,
        "{head}  (language {lang}): {taken} taken, {} rejected",
        decisions.len() - taken
    )?;
    for l in lines {
        writeln!(out, "{l}")?;
    }
    Ok(())
}
