//! Small pieces every page shares: names linked to their pages when
//! served, source links that are only ever `http`/`https`, severity
//! labels, and word diffs drawn inline or in two columns.

use maud::{Markup, html};

use super::{Mode, encode, safe_href};
use crate::follow::diff::{Flag, Op, OpTag, Severity};

/// `text` cut at a word boundary to at most `max` characters, with an
/// ellipsis when cut.
pub(super) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max).collect();
    if let Some(i) = out.rfind(' ') {
        out.truncate(i);
    }
    out.push('\u{2026}');
    out
}

/// A flag kind in words: `number_changed` reads "number changed".
pub(super) fn flag_kind(f: &Flag) -> String {
    serde_json::to_value(f.kind)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// An outlet's name, linked to its page when served.
pub(super) fn outlet(mode: Mode, name: Option<&str>) -> Markup {
    match (mode, name) {
        (Mode::Served, Some(n)) => html! { a.outlet href={ "/outlet?name=" (encode(n)) } { (n) } },
        (_, Some(n)) => html! { span.outlet { (n) } },
        (_, None) => html! { span.outlet.unknown { "unknown outlet" } },
    }
}

/// A speaker's name, linked to its page when served.
pub(super) fn speaker(mode: Mode, name: &str) -> Markup {
    match mode {
        Mode::Served => html! { a.speaker href={ "/speaker?name=" (encode(name)) } { (name) } },
        Mode::File => html! { span.speaker { (name) } },
    }
}

/// A URL: a link when safe, else the text with a note.
pub(super) fn source_link(url: &str) -> Markup {
    match safe_href(url) {
        Some(href) => html! { a.source href=(href) rel="noopener noreferrer nofollow" { (url) } },
        None => {
            html! { span.source.unsafe-url { (url) } " " small { "(not linked: not a web address)" } }
        }
    }
}

pub(super) fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Cosmetic => "sev sev-cosmetic",
        Severity::Minor => "sev sev-minor",
        Severity::Major => "sev sev-major",
        Severity::Critical => "sev sev-critical",
    }
}

/// Deleted words struck through, inserted words underlined.
pub(super) fn inline(ops: &[Op]) -> Markup {
    html! {
        @for op in ops {
            @let t = op.text.trim();
            @if !t.is_empty() {
                @match op.tag {
                    OpTag::Equal => { span { (t) } " " }
                    OpTag::Delete => { del { (t) } " " }
                    OpTag::Insert => { ins { (t) } " " }
                }
            }
        }
    }
}

/// Two columns: the left side's words with deletions marked, the right
/// side's with insertions marked.
pub(super) fn side_by_side(ops: &[Op], left: &str, right: &str) -> Markup {
    html! {
        div.cols {
            div.col {
                h4 { (left) }
                p { @for op in ops { @match op.tag {
                    OpTag::Equal => { (op.text.trim()) " " }
                    OpTag::Delete => { del { (op.text.trim()) } " " }
                    OpTag::Insert => {}
                } } }
            }
            div.col {
                h4 { (right) }
                p { @for op in ops { @match op.tag {
                    OpTag::Equal => { (op.text.trim()) " " }
                    OpTag::Insert => { ins { (op.text.trim()) } " " }
                    OpTag::Delete => {}
                } } }
            }
        }
    }
}
