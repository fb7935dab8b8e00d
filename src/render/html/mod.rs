//! HTML pages: the report of a statement's trail, and the pages `serve`
//! adds around it (search, statement, article, outlet, speaker).
//!
//! One set of templates serves both outputs; [`Mode`] says which. A report
//! file must work offline and alone, so its CSS and script are inline. A
//! served page is held to a strict Content-Security-Policy that forbids
//! inline script and style, so it links the very same CSS and script from
//! [`ASSET_CSS`] and [`ASSET_JS`] instead. Nothing uses a `style`
//! attribute: colours and shapes are classes, which both modes allow.
//!
//! Every page reads without script: the script only adds the "any two
//! versions" picker's instant update, which a served page also answers
//! with a plain GET.

use maud::{DOCTYPE, Markup, PreEscaped, html};

mod group;
pub mod model;
pub mod pages;
mod parts;
mod timeline;

pub use model::{GroupReport, Near, Report};

/// The stylesheet, for every page.
pub const CSS: &str = include_str!("report.css");
/// The script behind the "any two versions" picker.
pub const JS: &str = include_str!("report.js");
/// Where a served page finds [`CSS`].
pub const ASSET_CSS: &str = "/assets/report.css";
/// Where a served page finds [`JS`].
pub const ASSET_JS: &str = "/assets/report.js";

/// Which output a page is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A self-contained file: inline CSS and script, no links into a
    /// server.
    File,
    /// A page of `serve`: assets by URL, and names and ids link to their
    /// own pages.
    Served,
}

/// `url` as a link target when it is an absolute `http` or `https` URL;
/// `None` for anything else (`javascript:`, `data:`, relative paths,
/// garbage), which is then shown as text only.
pub fn safe_href(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// A query-string value, percent-encoded, for links between served pages.
pub fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A whole page: head, header, `body`, footer.
pub fn page(mode: Mode, title: &str, body: Markup) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " \u{2014} quotetrail" }
                @match mode {
                    Mode::File => style { (PreEscaped(CSS)) },
                    Mode::Served => link rel="stylesheet" href=(ASSET_CSS);,
                }
            }
            body {
                header.site {
                    @match mode {
                        Mode::File => span.brand { "quotetrail report" },
                        Mode::Served => {
                            a.brand href="/" { "quotetrail" }
                            form.search method="get" action="/search" role="search" {
                                label.visually-hidden for="q" { "Search statements" }
                                input #q type="search" name="q" placeholder="Words of a statement";
                                button type="submit" { "Search" }
                            }
                        }
                    }
                }
                main { (body) }
                footer.site {
                    p { "Made by quotetrail from the articles in its store. Every quotation is shown as printed; \
                         changes are computed word by word." }
                }
                @match mode {
                    Mode::File => script { (PreEscaped(JS)) },
                    Mode::Served => script src=(ASSET_JS) {},
                }
            }
        }
    };
    markup.into_string()
}

/// The report page: every group of `report` with its trail.
pub fn report_page(report: &Report, mode: Mode) -> String {
    let title = match report.groups.as_slice() {
        [one] => group::headline(one),
        _ => report.title.clone(),
    };
    let body = html! {
        @if report.groups.len() != 1 {
            h1 { (report.title) }
            @if report.groups.is_empty() {
                p.empty { "Nothing to show." }
            } @else {
                nav.toc aria-label="Statements" {
                    ol {
                        @for (gi, g) in report.groups.iter().enumerate() {
                            li { a href={ "#g" (gi) } { (group::headline(g)) } }
                        }
                    }
                }
            }
        }
        @for (gi, g) in report.groups.iter().enumerate() {
            (group::group(gi, g, mode, report.groups.len() == 1, &report.query))
        }
    };
    page(mode, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_links() {
        assert_eq!(
            safe_href("https://wire.example/a?b=1").as_deref(),
            Some("https://wire.example/a?b=1")
        );
        assert!(safe_href("http://x.example/").is_some());
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "/relative/path",
            "vbscript:msgbox",
            "",
        ] {
            assert_eq!(safe_href(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_is_escaped() {
        let out = page(
            Mode::File,
            "<script>alert(1)</script>",
            html! { p { "<img onerror=x>" } },
        );
        assert!(!out.contains("<script>alert(1)"));
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(out.contains("&lt;img onerror=x&gt;"));
    }
}
