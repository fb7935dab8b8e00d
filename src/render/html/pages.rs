//! The pages `serve` adds around the report: the front page with the
//! store's totals, search results, and one page each for a statement, an
//! article, an outlet and a speaker, all linked from each other. Each takes
//! plain values the server read; none touches the store.

use maud::{Markup, html};
use quotetrail_store::{Appearance, Article, GroupId, Id, Statement, Totals};

use super::parts::{cut, outlet, source_link, speaker};
use super::{Mode, page};
use crate::follow::view::kind_label;

/// The front page: a search box and how much the store holds.
pub fn home(totals: &Totals, groups: u64, shared: u64) -> String {
    let body = html! {
        h1 { "Where did this quote come from?" }
        p { "Type some words of a statement: a quote or a claim, as any outlet printed it. \
             quotetrail finds every version it stored, who printed it first, which agency it came \
             through and what each outlet changed." }
        form.search method="get" action="/search" role="search" {
            label.visually-hidden for="q-home" { "Words of a statement" }
            input #q-home type="search" name="q" placeholder="we will not go back to work";
            button type="submit" { "Search" }
        }
        h2 { "In this store" }
        div.totals {
            div { strong { (totals.articles) } "articles" }
            div { strong { (totals.statements) } "statements" }
            div { strong { (totals.appearances) } "appearances" }
            div { strong { (groups) } "groups of versions" }
            div { strong { (shared) } "printed in two articles or more" }
        }
    };
    page(Mode::Served, "Search", body)
}

/// One search result: a group and what it looks like.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The group.
    pub group: GroupId,
    /// Its reference wording.
    pub text: String,
    /// Its speakers.
    pub speakers: Vec<String>,
    /// Its outlets.
    pub outlets: Vec<String>,
    /// How many versions.
    pub size: u32,
    /// Its first and last dates.
    pub first: Option<String>,
    /// Its last date.
    pub last: Option<String>,
    /// How well it matched, 0 to 1.
    pub score: f32,
    /// Whether one of its versions holds the words asked about.
    pub holds: bool,
}

/// A statement in no group that matches a search, found through the
/// store's word index (see [`crate::follow::ungrouped`]).
#[derive(Clone, Debug)]
pub struct UngroupedHit {
    /// The statement.
    pub statement: Id,
    /// Its words as first printed.
    pub text: String,
    /// Its speaker.
    pub speaker: Option<String>,
    /// Its outlets.
    pub outlets: Vec<String>,
    /// How many appearances.
    pub size: usize,
    /// Its first date.
    pub first: Option<String>,
}

/// Search results, best first: groups, or when no group holds the words,
/// statements in no group.
pub fn search(query: &str, hits: &[Hit], ungrouped: &[UngroupedHit]) -> String {
    let body = html! {
        h1 { "Statements matching " q { (cut(query, 120)) } }
        @if hits.is_empty() && !ungrouped.is_empty() {
            p.note { (ungrouped.len()) " statement(s) in no group yet, earliest first: they were found by their words alone. Run " code { "quotetrail match" } " to group them with every version." }
            ol.results {
                @for h in ungrouped {
                    li {
                        a href={ "/statement/" (h.statement.to_hex()) } { "\u{201C}" (cut(&h.text, 200)) "\u{201D}" }
                        br;
                        span.note {
                            (h.speaker.as_deref().unwrap_or("no named speaker"))
                            " \u{00B7} " (h.size) " appearance(s) in " (h.outlets.join(", "))
                            @if let Some(f) = &h.first { " \u{00B7} " (f) }
                        }
                    }
                }
            }
        } @else if hits.is_empty() {
            p.empty { "No stored statement matches these words. Try fewer or other words from the quote." }
        } @else {
            p.note { (hits.len()) " group(s), best match first. A group is one statement as every outlet printed it." }
            ol.results {
                @for h in hits {
                    li {
                        a href={ "/group/" (h.group.to_hex()) } { "\u{201C}" (cut(&h.text, 200)) "\u{201D}" }
                        br;
                        span.note {
                            @if h.speakers.is_empty() { "no named speaker" } @else { (h.speakers.join(", ")) }
                            " \u{00B7} " (h.size) " version(s) by " (h.outlets.join(", "))
                            @if let Some(f) = &h.first { " \u{00B7} " (f) @if let Some(l) = &h.last { @if l != f { " to " (l) } } }
                            " \u{00B7} match " (format!("{:.2}", h.score))
                            @if h.holds { " \u{00B7} holds your words" }
                        }
                    }
                }
            }
        }
    };
    page(Mode::Served, &format!("Search: {}", cut(query, 60)), body)
}

/// One appearance of a statement, with its article and group.
#[derive(Clone, Debug)]
pub struct Printing {
    /// The appearance id.
    pub appearance: Id,
    /// The appearance.
    pub record: Appearance,
    /// Its article's id.
    pub article_id: Id,
    /// Its article.
    pub article: Article,
    /// Its group, if grouped.
    pub group: Option<GroupId>,
}

/// A statement and everywhere it was printed.
pub fn statement(id: &Id, s: &Statement, printings: &[Printing]) -> String {
    let body = html! {
        p.note { (kind_label(s.kind)) " \u{00B7} statement " code { (id.short(12)) } }
        h1.quote { "\u{201C}" (s.text) "\u{201D}" }
        dl.meta {
            dt { "Speaker" } dd { @match &s.speaker { Some(n) => { (speaker(Mode::Served, n)) } None => { "(none)" } } }
            dt { "Outlet" } dd { (outlet(Mode::Served, s.outlet.as_deref())) }
            dt { "Agency" } dd { (s.wire.as_deref().unwrap_or("none credited")) }
        }
        h2 { "Printed in" }
        @for p in printings {
            (printing(p))
        }
    };
    page(
        Mode::Served,
        &format!("\u{201C}{}\u{201D}", cut(&s.text, 60)),
        body,
    )
}

fn printing(p: &Printing) -> Markup {
    let a = &p.article;
    html! {
        article.version {
            header {
                (outlet(Mode::Served, a.outlet.as_deref()))
                " " time { (a.published.as_deref().unwrap_or("undated")) }
                " \u{00B7} " a href={ "/article/" (p.article_id.to_hex()) } { (a.title.as_deref().unwrap_or("the article")) }
                @if let Some(g) = p.group { " \u{00B7} " a href={ "/group/" (g.to_hex()) } { "every version (group " (g.short(12)) ")" } }
            }
            blockquote.words { (p.record.text) }
            @if let Some(m) = &p.record.speaker_mention { p.note { "Speaker as printed: " (m) } }
            p.paragraph { span.label { "In context: " } (crate::cli::show::context(&a.body, p.record.start, p.record.end)) }
        }
    }
}

/// One statement in an article, for the article page.
#[derive(Clone, Debug)]
pub struct InArticle {
    /// The appearance id.
    pub appearance: Id,
    /// The statement id.
    pub statement_id: Id,
    /// The statement.
    pub statement: Statement,
    /// The words as printed here.
    pub text: String,
    /// Its group, if grouped.
    pub group: Option<GroupId>,
}

/// An article's metadata and its statements.
pub fn article(id: &Id, a: &Article, rows: &[InArticle]) -> String {
    let body = html! {
        p.note { "article " code { (id.short(12)) } }
        h1 { (a.title.as_deref().unwrap_or("Untitled article")) }
        dl.meta {
            dt { "Outlet" } dd { (outlet(Mode::Served, a.outlet.as_deref())) }
            dt { "Published" } dd { (a.published.as_deref().unwrap_or("undated")) }
            @if let Some(b) = &a.byline { dt { "Byline" } dd { (b) } }
            @if let Some(o) = &a.origin { dt { "Origin" } dd { (o) } }
            dt { "Source" } dd { @match &a.url { Some(u) => { (source_link(u)) } None => { "no URL stored" } } }
        }
        h2 { (rows.len()) " statement(s)" }
        (statement_rows(rows.iter().map(|r| (&r.statement_id, &r.statement, r.text.as_str(), r.group))))
    };
    page(Mode::Served, a.title.as_deref().unwrap_or("Article"), body)
}

/// Statements of one outlet or one speaker (`what` says which).
pub fn named(what: &str, name: &str, rows: &[(Id, Statement)], truncated: bool) -> String {
    let body = html! {
        p.note { (what) }
        h1 { (name) }
        h2 { (rows.len()) @if truncated { "+" } " statement(s)" }
        @if truncated { p.note { "Only the first " (rows.len()) " are listed." } }
        (statement_rows(rows.iter().map(|(id, s)| (id, s, s.text.as_str(), None))))
    };
    page(Mode::Served, name, body)
}

fn statement_rows<'a>(
    rows: impl Iterator<Item = (&'a Id, &'a Statement, &'a str, Option<GroupId>)>,
) -> Markup {
    html! {
        div.table-wrap { table.flags {
            thead { tr { th { "Words" } th { "Speaker" } th { "Outlet" } th { "Agency" } } }
            tbody {
                @for (id, s, text, group) in rows {
                    tr {
                        td {
                            a href={ "/statement/" (id.to_hex()) } { "\u{201C}" (cut(text, 160)) "\u{201D}" }
                            @if let Some(g) = group { " " a.badge href={ "/group/" (g.to_hex()) } { "versions" } }
                        }
                        td { @match &s.speaker { Some(n) => { (speaker(Mode::Served, n)) } None => { "\u{2014}" } } }
                        td { (outlet(Mode::Served, s.outlet.as_deref())) }
                        td { (s.wire.as_deref().unwrap_or("\u{2014}")) }
                    }
                }
            }
        } }
    }
}

/// A page for something that isn't there (or a bad request).
pub fn message(title: &str, text: &str) -> String {
    page(
        Mode::Served,
        title,
        html! { h1 { (title) } p { (text) } p { a href="/" { "Search the store" } } },
    )
}
