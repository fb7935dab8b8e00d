//! One statement's trail as a page section, in the order an editor asks:
//! what was said and by whom, where it came from, what changed (worst
//! first), then the evidence: a timeline, every version with its diff,
//! any two versions side by side, the speaker's names, near groups.

use maud::{Markup, html};

use super::model::{GroupReport, NameVariant, Near};
use super::parts::{
    cut, flag_kind, inline, outlet, severity_class, side_by_side, source_link, speaker,
};
use super::{Mode, timeline};
use crate::follow::diff::{Flag, OpTag, Severity, VersionDiff};
use crate::follow::view::{Confidence, Printed, severity_label};
use quotetrail_store::{Kind, WireSource};

/// The group's words as a heading: the reference wording, quoted and cut
/// to a readable length.
pub(super) fn headline(g: &GroupReport) -> String {
    let text = g
        .view
        .versions
        .get(g.view.reference)
        .map_or("", |p| p.version.text.trim());
    format!("\u{201C}{}\u{201D}", cut(text, 120))
}

/// The id of version `i` (0-based) of group `gi` in the page.
fn vid(gi: usize, i: usize) -> String {
    format!("g{gi}-v{}", i + 1)
}

/// "paraphrase" reads better than "claim" beside a quotation.
fn kind_word(k: Kind) -> &'static str {
    match k {
        Kind::Quote => "direct quote",
        Kind::Claim => "paraphrase",
    }
}

/// How a version is named in lists: "3. Radio Coastline, 2025-03-12".
fn version_name(i: usize, p: &Printed) -> String {
    format!(
        "{}. {}, {}",
        i + 1,
        p.version.outlet.as_deref().unwrap_or("unknown outlet"),
        p.version.date.as_deref().unwrap_or("undated")
    )
}

/// One group's section. `single`: the only group of the page, whose
/// headline is the page's `h1`.
pub(super) fn group(gi: usize, g: &GroupReport, mode: Mode, single: bool, query: &str) -> Markup {
    let view = &g.view;
    let reference = view.versions.get(view.reference);
    let outlets = g.outlets();
    let first = view.versions.iter().find_map(|p| p.version.date.as_deref());
    let last = view
        .versions
        .iter()
        .rev()
        .find_map(|p| p.version.date.as_deref());
    // One name per speaker: a name printed several ways shows its fullest.
    let mut speakers: Vec<&str> = Vec::new();
    for s in &view.state.speakers {
        let name = g
            .names
            .iter()
            .find(|n| n.aliases.iter().any(|(a, _)| a == s))
            .map_or(s.as_str(), |n| n.canonical.as_str());
        if !speakers.contains(&name) {
            speakers.push(name);
        }
    }
    html! {
        section.group id={ "g" (gi) } {
            header.group-head {
                @if single { h1.quote { (headline(g)) } } @else { h2.quote { (headline(g)) } }
                p.said-by {
                    @if speakers.is_empty() { "No named speaker" } @else {
                        @for (i, s) in speakers.iter().enumerate() {
                            @if i > 0 { ", " }
                            (speaker(mode, s))
                        }
                    }
                    @if let Some(r) = reference { " \u{00B7} " (kind_word(r.version.kind)) }
                }
                p.summary {
                    "Printed " (view.versions.len()) " time" @if view.versions.len() != 1 { "s" }
                    " by " (outlets.len()) " outlet" @if outlets.len() != 1 { "s" }
                    @match (first, last) {
                        (Some(a), Some(b)) if a != b => { ", " (a) " to " (b) }
                        (Some(a), _) => { ", " (a) }
                        _ => {}
                    }
                    "."
                    @if !query.is_empty() { " You asked for: " q.asked { (cut(query, 160)) } }
                }
            }
            (key_facts(gi, g, mode))
            (origin(g))
            (timeline::timeline(gi, g))
            (changes(gi, g))
            (versions(gi, g, mode))
            (pair(gi, g, mode))
            @if !g.names.is_empty() { (names(&g.names)) }
            @if !g.near.is_empty() { (near(&g.near, mode)) }
            p.ids { "Group " code { (view.group.to_hex()) } }
        }
    }
}

/// Four boxes an editor reads first.
fn key_facts(gi: usize, g: &GroupReport, mode: Mode) -> Markup {
    let worst = g
        .view
        .diffs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| d.flags.first().map(|f| (i, f)))
        .max_by_key(|(i, f)| (f.severity, std::cmp::Reverse(*i)));
    html! {
        div.facts {
            div.fact {
                span.label { "First printed" }
                @if let Some(o) = &g.origin {
                    span.value { (outlet(mode, o.outlet.as_deref())) }
                    span.sub { (o.date.as_deref().unwrap_or("undated")) }
                } @else { span.value { "unknown" } }
            }
            div.fact {
                span.label { "First agency credited" }
                @match g.origin.as_ref().and_then(|o| o.agency.as_deref()) {
                    Some(a) => { span.value { span class={ "swatch " (wire_class(g, Some(a))) } {} (a) } }
                    None => { span.value.none { "none credited" } }
                }
            }
            div.fact {
                span.label { "Confidence in this origin" }
                @if let Some(o) = &g.origin {
                    span class={ "value conf conf-" (confidence(o.confidence)) } { (confidence(o.confidence)) }
                    span.sub { "score " (format!("{:.2}", o.score)) " of 1" }
                } @else { span.value { "none" } }
            }
            div.fact {
                span.label { "Biggest change" }
                @if let Some((i, f)) = worst {
                    span.value { span class=(severity_class(f.severity)) { (severity_label(f.severity)) } " " (flag_kind(f)) }
                    span.sub { "in " a href={ "#" (vid(gi, i)) } { "version " (i + 1) } }
                } @else { span.value.none { "none: every version agrees" } }
            }
        }
    }
}

pub(super) fn confidence(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// The class giving an agency its colour: agencies in order of first
/// credit take the palette's colours in turn; no agency is grey.
pub(super) fn wire_class(g: &GroupReport, wire: Option<&str>) -> String {
    match wire.and_then(|w| g.wires().iter().position(|x| *x == w)) {
        Some(i) => format!("w{}", i % 8),
        None => "wn".into(),
    }
}

fn origin(g: &GroupReport) -> Markup {
    let Some(o) = &g.origin else {
        return html! {};
    };
    // What disagrees: the evidence that names another credit or a tie, and
    // every version attributed to someone else.
    let disagree: Vec<&String> = o
        .evidence
        .iter()
        .filter(|e| e.starts_with("other versions credit"))
        .collect();
    let other_speaker = g
        .view
        .diffs
        .iter()
        .filter(|d| d.has(crate::follow::FlagKind::DifferentSpeaker))
        .count();
    html! {
        section.origin {
            h2 { "Where it came from" }
            p.verdict {
                "Earliest appearance: " strong { (o.outlet.as_deref().unwrap_or("an unknown outlet")) }
                " on " strong { (o.date.as_deref().unwrap_or("an unknown date")) } ". "
                "First agency credited: " strong { (o.agency.as_deref().unwrap_or("none")) } ". "
                "Confidence: " strong { (confidence(o.confidence)) } " (" (format!("{:.2}", o.score)) ")."
            }
            h3 { "Evidence" }
            ul.evidence { @for e in &o.evidence { li { (e) } } }
            @if !disagree.is_empty() || other_speaker > 0 {
                h3 { "What disagrees" }
                ul.disagree {
                    @for e in &disagree { li { (e) } }
                    @if other_speaker > 0 {
                        li { (other_speaker) " version(s) attribute the words to another speaker" }
                    }
                }
            }
        }
    }
}

/// One row per version that differs, the versions that drift most first.
/// Meaning changes (major, critical) are spelled out; lighter ones are
/// named only, so the table stays short enough to take in at a glance.
fn changes(gi: usize, g: &GroupReport) -> Markup {
    let mut rows: Vec<(usize, &VersionDiff)> = g
        .view
        .diffs
        .iter()
        .enumerate()
        .filter(|(i, d)| *i != g.view.anchor && !d.flags.is_empty())
        .collect();
    rows.sort_by_key(|(i, d)| (std::cmp::Reverse(d.max_severity()), *i));
    let anchor = g.view.versions.get(g.view.anchor);
    html! {
        section.changes {
            h2 { "What changed, most serious first" }
            @if let Some(a) = anchor {
                p.note {
                    "Each version is compared with " a href={ "#" (vid(gi, g.view.anchor)) } { (version_name(g.view.anchor, a)) }
                    @if g.view.anchor == g.view.reference { ", the earliest complete version." } @else { ", the version that holds the words you asked about." }
                }
            }
            @if rows.is_empty() {
                p.empty { "No differences: every version prints the same words with the same speaker and agency." }
            } @else {
                div.table-wrap {
                    table.flags {
                        thead { tr { th { "Worst" } th { "Version" } th { "Changes" } } }
                        tbody {
                            @for (i, d) in &rows {
                                tr {
                                    td { @if let Some(s) = d.max_severity() { span class=(severity_class(s)) { (severity_label(s)) } } }
                                    td.vname { a href={ "#" (vid(gi, *i)) } { (version_name(*i, &g.view.versions[*i])) } }
                                    td {
                                        ul.changelist {
                                            @for (f, n) in change_items(d) {
                                                li class={ "c-" (severity_label(f.severity)) } {
                                                    strong { (flag_kind(f)) }
                                                    @if f.severity >= Severity::Major { ": " (f.detail) }
                                                    @if n > 1 { " \u{00D7}" (n) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A version's flags for the changes table: meaning changes each on
/// their own, lighter ones once per kind with a count.
fn change_items(d: &VersionDiff) -> Vec<(&Flag, usize)> {
    let mut out: Vec<(&Flag, usize)> = Vec::new();
    for f in &d.flags {
        let light = f.severity < Severity::Major;
        match out
            .iter_mut()
            .find(|(g, _)| light && g.kind == f.kind && g.severity == f.severity)
        {
            Some((_, n)) => *n += 1,
            None => out.push((f, 1)),
        }
    }
    out
}

fn versions(gi: usize, g: &GroupReport, mode: Mode) -> Markup {
    let view = &g.view;
    html! {
        section.versions {
            h2 { "Every version, in date order" }
            @for (i, (p, d)) in view.versions.iter().zip(&view.diffs).enumerate() {
                (version(gi, i, p, d, g, mode))
            }
        }
    }
}

fn version(
    gi: usize,
    i: usize,
    p: &Printed,
    d: &VersionDiff,
    g: &GroupReport,
    mode: Mode,
) -> Markup {
    let v = &p.version;
    let view = &g.view;
    let base = i == view.anchor;
    let source = g.sources.get(i);
    // The card's edge takes the colour of its worst change.
    let drift = match d.max_severity() {
        None => "drift-none",
        Some(Severity::Cosmetic) => "drift-cosmetic",
        Some(Severity::Minor) => "drift-minor",
        Some(Severity::Major) => "drift-major",
        Some(Severity::Critical) => "drift-critical",
    };
    html! {
        article class={ "version " (drift) } id=(vid(gi, i)) data-appearance=(p.appearance.to_hex()) {
            header {
                span.num { (i + 1) }
                (outlet(mode, v.outlet.as_deref()))
                " " time { (v.date.as_deref().unwrap_or("undated")) }
                @if i == view.reference { " " span.badge.ref { "earliest complete version" } }
                @if base && view.anchor != view.reference { " " span.badge.asked { "the version you asked about" } }
                @if base { " " span.badge.base { "others compared with this" } }
                @if let Some(other) = p.in_group { " " span.badge.elsewhere { "grouped elsewhere: " (other.short(12)) } }
                @if g.is_translation(i) { " " span.badge.translation { "translation" } }
                @if let Some(s) = d.max_severity() { @if !base { " " span class=(severity_class(s)) { (severity_label(s)) } } }
            }
            blockquote.words { (v.text.trim()) }
            dl.meta {
                dt { "Speaker as printed" }
                dd {
                    (v.speaker_mention.as_deref().or(v.speaker.as_deref()).unwrap_or("(none)"))
                    @if let (Some(m), Some(s)) = (&v.speaker_mention, &v.speaker) {
                        @if m != s { " (" (speaker(mode, s)) ")" }
                    }
                }
                dt { "Agency" }
                dd {
                    span class={ "swatch " (wire_class(g, v.wire.as_deref())) } {}
                    @match &v.wire {
                        Some(w) => { (w) @if p.wire_source == WireSource::Inferred { " (from the article\u{2019}s origin line)" } @else { " (credited in the text)" } }
                        None => { "none credited" }
                    }
                }
                dt { "Form" }
                dd { (kind_word(v.kind)) }
                @if let Some(t) = &p.title { dt { "Headline" } dd { (t) } }
                dt { "Source" }
                dd {
                    @match source.and_then(|s| s.url.as_deref()) {
                        Some(u) => { (source_link(u)) }
                        None => { "no URL stored" }
                    }
                    @if mode == Mode::Served {
                        " \u{00B7} " a href={ "/article/" (p.article.to_hex()) } { "article" }
                        " \u{00B7} " a href={ "/statement/" (p.statement.to_hex()) } { "statement" }
                    }
                }
            }
            @if let Some(s) = source { @if !s.paragraph.is_empty() {
                p.paragraph { span.label { "In context: " } (s.paragraph) }
            } }
            @if base {
                p.note { "The other versions are compared with this one." }
            } @else {
                (diff_block(d))
            }
        }
    }
}

/// A diff inline, side by side (folded), and its flags.
fn diff_block(d: &VersionDiff) -> Markup {
    let changed = d.ops.iter().any(|o| o.tag != OpTag::Equal);
    html! {
        @if changed {
            div.diff {
                span.label { "Word changes: " }
                span.inline-diff { (inline(&d.ops)) }
            }
            details.sbs {
                summary { "Side by side" }
                (side_by_side(&d.ops, "Compared with", "This version"))
            }
        } @else {
            p.note { "Same words." }
        }
        @if !d.flags.is_empty() {
            ul.flaglist {
                @for f in &d.flags {
                    li { span class=(severity_class(f.severity)) { (severity_label(f.severity)) } " " strong { (flag_kind(f)) } ": " (f.detail) }
                }
            }
        }
    }
}

/// Any two versions: a form (answered by the server, or at once by the
/// script) and the chosen pair, rendered here so the page reads without
/// script.
fn pair(gi: usize, g: &GroupReport, mode: Mode) -> Markup {
    let view = &g.view;
    let (a, b) = g.pair;
    let (Some(pa), Some(pb)) = (view.versions.get(a), view.versions.get(b)) else {
        return html! {};
    };
    let action = match mode {
        Mode::Served => format!("/group/{}#g{gi}-pick", view.group.to_hex()),
        Mode::File => String::new(),
    };
    let select = |name: &str, chosen: usize| {
        html! {
            select name=(name) {
                @for (i, p) in view.versions.iter().enumerate() {
                    option value=(i + 1) selected[i == chosen] { (version_name(i, p)) }
                }
            }
        }
    };
    html! {
        section.pick id={ "g" (gi) "-pick" } {
            h2 { "Any two versions side by side" }
            form.picker method="get" action=(action) data-group={ "g" (gi) } {
                label { "Left " (select("a", a)) }
                label { "Right " (select("b", b)) }
                button type="submit" { "Compare" }
            }
            @if mode == Mode::File {
                noscript { p.note { "Shown: versions " (a + 1) " and " (b + 1) ". With JavaScript on, choose any two above; every version's full wording is also listed above." } }
            }
            div.pair-out {
                (side_by_side(&g.pair_diff.ops, &version_name(a, pa), &version_name(b, pb)))
                @if !g.pair_diff.flags.is_empty() {
                    ul.flaglist {
                        @for f in &g.pair_diff.flags {
                            li { span class=(severity_class(f.severity)) { (severity_label(f.severity)) } " " strong { (flag_kind(f)) } ": " (f.detail) }
                        }
                    }
                }
            }
        }
    }
}

fn names(names: &[NameVariant]) -> Markup {
    html! {
        section.names {
            h2 { "The speaker\u{2019}s names" }
            p.note { "Names taken to be one person, with who printed each and why they match." }
            @for n in names {
                div.namecard {
                    h3 { (n.canonical) }
                    ul {
                        @for (alias, outlets) in &n.aliases {
                            li { strong { (alias) } " \u{2014} " (outlets.iter().cloned().collect::<Vec<_>>().join(", ")) }
                        }
                    }
                    @if !n.merges.is_empty() {
                        ul.evidence {
                            @for m in &n.merges {
                                li {
                                    "\u{201C}" (m.a) "\u{201D} = \u{201C}" (m.b) "\u{201D}: " (m.evidence.rule.describe())
                                    " (" (m.evidence.strength) ", " (format!("{:.2}", m.evidence.score)) ")"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn near(near: &[Near], mode: Mode) -> Markup {
    html! {
        section.near {
            h2 { "Other groups with these words" }
            ul {
                @for n in near {
                    li {
                        @match mode {
                            Mode::Served => { a href={ "/group/" (n.group.to_hex()) } { code { (n.group.short(12)) } } }
                            Mode::File => { code { (n.group.short(12)) } }
                        }
                        " \u{201C}" (cut(&n.text, 140)) "\u{201D} \u{2014} " (n.size) " version(s), match " (format!("{:.2}", n.score))
                        @if n.said_before { " " span.badge { "said before" } }
                    }
                }
            }
        }
    }
}
