//! `quotetrail report`: the page's structure pinned by a snapshot on the
//! demo story, and hostile article text that must come out as text.

use std::path::PathBuf;

use crate::util::{Env, s};

/// The demo story's statement printed by three outlets (four versions).
pub const THREE_OUTLETS: &str = "This strike is costing the region dearly";

pub fn hostile_fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// A store with the demo story ingested.
pub fn demo_store() -> Env {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["ingest", s(&corpus)]).code(0);
    env
}

fn report(env: &Env, query: &[&str]) -> String {
    let out = env.path().join("report.html");
    let mut args = vec!["report"];
    args.extend_from_slice(query);
    args.extend_from_slice(&["-o", s(&out)]);
    env.run(&args).code(0);
    std::fs::read_to_string(out).expect("the report was written")
}

/// One token of an HTML page: a tag (as written) or a text run.
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Tag(&'a str),
    Text(&'a str),
}

/// Splits a page into tags and text, with the contents of `<style>` and
/// `<script>` kept as one text each. Enough for the pages maud writes
/// (attribute values never hold a raw `>`: maud escapes it).
pub fn tokens(html: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix('<') {
            let end = tail.find('>').map_or(rest.len(), |i| i + 2);
            let tag = &rest[..end];
            out.push(Token::Tag(tag));
            rest = &rest[end..];
            for raw in ["style", "script"] {
                if tag.starts_with(&format!("<{raw}")) {
                    let close = format!("</{raw}>");
                    let i = rest.find(&close).unwrap_or(rest.len());
                    if i > 0 {
                        out.push(Token::Text(&rest[..i]));
                    }
                    rest = &rest[i..];
                }
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Token::Text(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// The page as an indented outline: one tag or text a line, text cut to 48
/// characters, inline CSS and script left out, hex ids redacted. It pins
/// what the page holds and how it nests without pinning the stylesheet.
fn outline(html: &str) -> String {
    const VOID: &[&str] = &["meta", "link", "input", "br", "hr", "img"];
    let hex = regex_lite_hex();
    let mut out = String::new();
    let mut depth = 0usize;
    let mut raw = false;
    for t in tokens(html) {
        match t {
            Token::Tag(tag) if tag.starts_with("</") => {
                depth = depth.saturating_sub(1);
                raw = false;
            }
            Token::Tag(tag) => {
                let name: String = tag[1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                    .collect();
                out.push_str(&"  ".repeat(depth));
                out.push_str(&hex(tag));
                out.push('\n');
                raw = name == "style" || name == "script";
                if !VOID.contains(&name.as_str()) && !name.starts_with('!') {
                    depth += 1;
                }
            }
            Token::Text(text) => {
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if text.is_empty() {
                    continue;
                }
                out.push_str(&"  ".repeat(depth));
                if raw {
                    out.push_str("[inline code]");
                } else {
                    let cut: String = text.chars().take(48).collect();
                    out.push_str(&hex(&cut));
                    if cut.len() < text.len() {
                        out.push('…');
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Replaces runs of 12 or more hex digits (ids) with `[ID]`.
fn regex_lite_hex() -> impl Fn(&str) -> String {
    |s: &str| {
        let mut out = String::new();
        let mut run = String::new();
        let flush = |run: &mut String, out: &mut String| {
            if run.len() >= 12 && run.bytes().any(|b| b.is_ascii_digit()) {
                out.push_str("[ID]");
            } else {
                out.push_str(run);
            }
            run.clear();
        };
        for c in s.chars() {
            if c.is_ascii_hexdigit() && c.is_lowercase() || c.is_ascii_digit() {
                run.push(c);
            } else {
                flush(&mut run, &mut out);
                out.push(c);
            }
        }
        flush(&mut run, &mut out);
        out
    }
}

#[test]
fn report_of_a_three_outlet_statement_has_every_part() {
    let env = demo_store();
    let html = report(&env, &[THREE_OUTLETS]);
    // Self-contained: nothing is loaded from anywhere.
    for remote in ["src=\"http", "href=\"//", "<link", "@import", "url("] {
        assert!(!html.contains(remote), "loads {remote}");
    }
    assert_eq!(html.matches("<article class=\"version").count(), 4);
    assert!(html.contains("<svg class=\"timeline-svg\""));
    for section in [
        "Where it came from",
        "What changed, most serious first",
        "Timeline",
        "Every version, in date order",
        "Any two versions side by side",
    ] {
        assert!(html.contains(section), "{section}");
    }
    insta::assert_snapshot!("report_three_outlets", outline(&html));
}

#[test]
fn report_by_two_outlets_shows_what_both_printed() {
    let env = demo_store();
    let html = report(&env, &["--outlet", "AFP", "--outlet", "radio coastline"]);
    assert!(html.contains("What AFP and radio coastline both printed"));
    assert!(html.matches("<section class=\"group\"").count() >= 2);
    let run = env.run(&[
        "report", "--outlet", "AFP", "--outlet", "Nobody", "-o", "x.html",
    ]);
    run.code(1);
}

/// Tags a browser would build from a page: every one must be ours.
fn assert_no_hostile_markup(html: &str) {
    let scripts = html.matches("<script").count();
    assert_eq!(scripts, 1, "only the report's own script");
    for t in tokens(html) {
        if let Token::Tag(tag) = t {
            let lower = tag.to_lowercase();
            assert!(!lower.starts_with("<img"), "{tag}");
            assert!(!lower.contains("onerror"), "{tag}");
            assert!(!lower.contains("javascript:"), "{tag}");
            assert!(!lower.starts_with("<b>"), "{tag}");
        }
    }
}

#[test]
fn hostile_text_comes_out_as_text() {
    let env = Env::new();
    env.run(&["ingest", s(&hostile_fixtures())]).code(0);
    for query in [
        "The pier will reopen before the summer season",
        "We found cracks in three of the twelve pillars",
    ] {
        let html = report(&env, &[query]);
        assert_no_hostile_markup(&html);
        assert_eq!(html.matches("<article class=\"version").count(), 2);
        // The outlet's name and the URL are shown, as text.
        assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; Herald &lt;script&gt;"));
        assert!(html.contains("javascript:alert(document.cookie)"));
        assert!(html.contains("(not linked: not a web address)"));
        assert!(html.contains("href=\"https://post.example/quillmouth/pier\""));
    }
    let html = report(&env, &["The pier will reopen before the summer season"]);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let html = report(&env, &["We found cracks in three of the twelve pillars"]);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}
