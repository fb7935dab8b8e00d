//! The timeline: one row per outlet, one mark per appearance at its date,
//! coloured by the agency credited. A filled circle is a direct quote, a
//! hollow one a paraphrase; a dashed ring marks a translation variant, a
//! black ring the version the others are compared with. Undated
//! appearances sit in a column of their own at the right.
//!
//! Drawn as inline SVG with classes for colour (no `style` attributes), so
//! it needs no script, prints, scales to a phone and passes the served
//! pages' Content-Security-Policy.

use maud::{Markup, html};

use super::group::wire_class;
use super::model::GroupReport;
use super::parts::cut;
use crate::follow::date::iso;
use quotetrail_store::Kind;

const WIDTH: i32 = 760;
const LEFT: i32 = 180;
const RIGHT: i32 = 24;
const TOP: i32 = 14;
const ROW: i32 = 38;
const AXIS: i32 = 40;
/// Width of the "undated" column, when there is one.
const UNDATED: i32 = 70;
/// How far apart marks of one outlet on one day are drawn.
const STEP: i32 = 22;

/// The timeline of group `gi`, with its legend.
pub(super) fn timeline(gi: usize, g: &GroupReport) -> Markup {
    let versions = &g.view.versions;
    let outlets = g.outlets();
    let row_of = |o: Option<&str>| {
        o.and_then(|o| outlets.iter().position(|x| *x == o))
            .unwrap_or(outlets.len())
    };
    let rows = outlets.len() + usize::from(versions.iter().any(|p| p.version.outlet.is_none()));
    let days: Vec<i32> = versions.iter().filter_map(|p| p.version.day()).collect();
    let (lo, hi) = (days.iter().min().copied(), days.iter().max().copied());
    let undated = versions.iter().any(|p| p.version.day().is_none());
    let plot_right = WIDTH - RIGHT - if undated { UNDATED } else { 0 };
    let x_of = |day: Option<i32>| -> i32 {
        match (day, lo, hi) {
            (Some(d), Some(lo), Some(hi)) if hi > lo => {
                LEFT + 20 + (d - lo) * (plot_right - LEFT - 40) / (hi - lo)
            }
            (Some(_), _, _) => (LEFT + plot_right) / 2,
            _ => WIDTH - RIGHT - UNDATED / 2,
        }
    };
    let height = TOP + ROW * rows.max(1) as i32 + AXIS;
    let axis_y = TOP + ROW * rows.max(1) as i32 + 8;
    // Marks sharing an outlet and a day step right, in date order.
    let mut placed: Vec<(usize, i32, i32)> = Vec::new();
    for (i, p) in versions.iter().enumerate() {
        let row = row_of(p.version.outlet.as_deref());
        let x0 = x_of(p.version.day());
        let same = placed
            .iter()
            .filter(|(j, _, _)| {
                let q = &versions[*j];
                row_of(q.version.outlet.as_deref()) == row && q.version.day() == p.version.day()
            })
            .count() as i32;
        let y = TOP + ROW * row as i32 + ROW / 2;
        placed.push((i, x0 + same * STEP, y));
    }
    let ticks: Vec<(i32, String)> = match (lo, hi) {
        (Some(lo), Some(hi)) if hi > lo => {
            let mid = lo + (hi - lo) / 2;
            let mut t = vec![(x_of(Some(lo)), iso(lo)), (x_of(Some(hi)), iso(hi))];
            if hi - lo >= 4 {
                t.push((x_of(Some(mid)), iso(mid)));
            }
            t
        }
        (Some(lo), _) => vec![(x_of(Some(lo)), iso(lo))],
        _ => Vec::new(),
    };
    let title_id = format!("g{gi}-tl-title");
    html! {
        section.timeline {
            h2 { "Timeline" }
            figure {
                div.scroll { svg.timeline-svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) }
                    role="img" aria-labelledby=(title_id) preserveAspectRatio="xMinYMin meet" {
                    title id=(title_id) { "Appearances by date and outlet, coloured by the agency credited" }
                    @for r in 0..rows {
                        @let y = TOP + ROW * r as i32;
                        rect class={ "row row" (r % 2) } x="0" y=(y) width=(WIDTH) height=(ROW) {}
                        text.outlet-label x=(LEFT - 10) y=(y + ROW / 2 + 4) text-anchor="end" {
                            (outlets.get(r).map_or("unknown outlet".to_owned(), |o| cut(o, 24)))
                        }
                    }
                    line.axis x1=(LEFT) y1=(axis_y) x2=(WIDTH - RIGHT) y2=(axis_y) {}
                    @for (x, label) in &ticks {
                        line.tick x1=(x) y1=(axis_y) x2=(x) y2=(axis_y + 5) {}
                        text.tick-label x=(x) y=(axis_y + 18) text-anchor="middle" { (label) }
                    }
                    @if undated {
                        text.tick-label x=(WIDTH - RIGHT - UNDATED / 2) y=(axis_y + 18) text-anchor="middle" { "undated" }
                    }
                    @for (i, x, y) in &placed {
                        @let p = &versions[*i];
                        @let wire = wire_class(g, p.version.wire.as_deref());
                        @let shape = if p.version.kind == Kind::Claim { "mark para" } else { "mark quote" };
                        a href={ "#g" (gi) "-v" (i + 1) } {
                            title {
                                (i + 1) ". " (p.version.outlet.as_deref().unwrap_or("unknown outlet")) ", "
                                (p.version.date.as_deref().unwrap_or("undated")) ", "
                                (p.version.wire.as_deref().unwrap_or("no agency credited"))
                            }
                            @if *i == g.view.anchor { circle.base-ring cx=(x) cy=(y) r="12" {} }
                            @if g.is_translation(*i) { circle.tr-ring cx=(x) cy=(y) r="11" {} }
                            circle class={ (shape) " " (wire) } cx=(x) cy=(y) r="8" {}
                            text class={ "mark-num" @if p.version.kind == Kind::Claim { " on-light" } } x=(x) y=(y + 3) text-anchor="middle" { (i + 1) }
                        }
                    }
                } }
                figcaption {
                    ul.legend {
                        @for w in g.wires() {
                            li { span class={ "swatch " (wire_class(g, Some(w))) } {} (w) }
                        }
                        li { span.swatch.wn {} "no agency credited" }
                        li { span.key.quote {} "direct quote" }
                        li { span.key.para {} "paraphrase" }
                        li { span.key.tr {} "translation" }
                        li { span.key.base {} "compared with" }
                    }
                }
            }
        }
    }
}
