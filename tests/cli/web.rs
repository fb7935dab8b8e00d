//! Saved web pages and web archives go through the same commands.

use crate::util::Env;

/// A page written for these tests (an invented town and people).
const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><title>Harbour fees rise again | The Tidewater Post</title>
<meta property="og:site_name" content="The Tidewater Post">
<meta property="article:published_time" content="2025-02-03T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour fees rise again</h1>
<p>The harbour board of the invented town of Saltmere raised its mooring fees for the third time in two years on Monday, angering local fishermen who say the quay is falling apart.</p>
<p>"We cannot keep paying more for less," said Ingrid Dahl, who chairs the fishermen's cooperative. "The quay has not been repaired since the storm."</p>
<p>The board's chairman, Tomas Vik, said the increase was needed to pay for the very repairs the fishermen were asking for.</p>
<p>"Every krone of it goes back into the harbour," Vik told the Post.</p>
</article>
<footer>Copyright The Tidewater Post. All rights reserved.</footer>
</body></html>
"#;

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\n\
         WARC-Date: 2025-02-03T09:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn rows(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn html_pages_give_their_body_and_metadata_and_sidecars_win() {
    let env = Env::new();
    env.write("pages/harbour.html", PAGE);
    let run = env.run(&["extract", "--format", "jsonl", "pages"]);
    run.code(0);
    let row = &rows(&run.stdout)[0];
    assert_eq!(row["outlet"], "The Tidewater Post");
    assert_eq!(row["published"], "2025-02-03T08:00:00Z");
    let texts: Vec<&str> = row["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("paying more for less")),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("Copyright")));

    env.write(
        "pages/harbour.meta.json",
        r#"{"outlet": "Saltmere Weekly"}"#,
    );
    let run = env.run(&["extract", "--format", "jsonl", "pages/harbour.html"]);
    run.code(0);
    assert_eq!(rows(&run.stdout)[0]["outlet"], "Saltmere Weekly");

    // On stdin a page is known by its first bytes.
    let run = env.run_with(&["extract", "--format", "jsonl", "-"], PAGE.as_bytes(), &[]);
    run.code(0);
    assert_eq!(rows(&run.stdout)[0]["outlet"], "The Tidewater Post");
}

#[test]
fn warc_archives_give_one_article_per_page_keyed_by_uri() {
    let env = Env::new();
    let mut warc = warc_record("https://tidewater.example/harbour-fees", PAGE);
    warc.extend(b"WARC/1.0\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:x:2>\r\nWARC-Date: 2025-02-03T09:00:00Z\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
    warc.extend(b"this is not a record\r\n\r\n");
    warc.extend(warc_record(
        "https://tidewater.example/harbour-fees-2",
        &PAGE.replace("third", "fourth"),
    ));
    env.write("crawl.warc", &warc);
    let run = env.run(&["--json", "ingest", "crawl.warc"]);
    run.code(1);
    let sources: Vec<_> = run
        .of_type("stored")
        .iter()
        .map(|a| a["source"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        sources,
        [
            "https://tidewater.example/harbour-fees",
            "https://tidewater.example/harbour-fees-2"
        ]
    );
    let problems: Vec<&str> = run
        .err_lines()
        .into_iter()
        .filter(|l| l.starts_with("quotetrail: "))
        .collect();
    assert_eq!(problems.len(), 1, "{}", run.stderr);
    assert!(problems[0].contains("crawl.warc"), "{}", problems[0]);
}

#[test]
fn body_json_maps_each_page_name_to_its_extracted_body() {
    let env = Env::new();
    env.write("pages/harbour.html", PAGE);
    let run = env.run(&["extract", "--format", "body-json", "pages"]);
    run.code(0);
    let out: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let body = out["harbour"]["articleBody"].as_str().unwrap();
    assert!(
        body.contains("We cannot keep paying more for less"),
        "{body}"
    );
    assert!(
        !body.contains("Sport"),
        "navigation leaked into the body: {body}"
    );
}

/// A page whose author metadata credits an agency, and whose quote the text
/// credits to nobody.
fn agency_page(author: &str) -> String {
    PAGE.replace(
        "<meta property=\"og:site_name\"",
        &format!("<meta name=\"author\" content=\"{author}\">\n<meta property=\"og:site_name\""),
    )
    .replace(" Vik told the Post.", " said Vik.")
}

/// Each kind of syndication credit, in a text of its own: (file, text,
/// the origin and byline extraction should record).
const CREDITED: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    (
        "bar.txt",
        "By Lena Holm | Reuters\n\n\u{201C}The ferry will run on Sunday,\u{201D} said Mara Lind, the harbour master.",
        Some("Reuters"),
        Some("Lena Holm"),
    ),
    (
        "pair.txt",
        "By Lena Holm and Per Sand, Associated Press\n\n\u{201C}The bridge stays shut until spring,\u{201D} said Mara Lind, the harbour master.",
        Some("AP"),
        Some("Lena Holm and Per Sand"),
    ),
    (
        "extra.txt",
        "\u{201C}Nets are cheaper this year,\u{201D} said Mara Lind, the harbour master.\n\nAdditional reporting by Reuters",
        Some("Reuters"),
        None,
    ),
    (
        "people.txt",
        "By Jane Roe\n\n\u{201C}Cod are back in the bay,\u{201D} said Mara Lind, the harbour master.\n\nAdditional reporting by Per Sand in Oslo; Editing by Ola Berg",
        None,
        Some("Jane Roe; Additional reporting by Per Sand in Oslo; Editing by Ola Berg"),
    ),
];

#[test]
fn bylines_and_reporting_credits_give_origins_and_inferred_wires() {
    let env = Env::new();
    for (name, text, _, _) in CREDITED {
        env.write(&format!("credits/{name}"), text);
    }
    let run = env.run(&["extract", "--format", "jsonl", "credits"]);
    run.code(0);
    let rows = rows(&run.stdout);
    assert_eq!(rows.len(), CREDITED.len());
    for (name, _, origin, byline) in CREDITED {
        let row = rows
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        assert_eq!(row["origin"].as_str(), *origin, "{name}");
        assert_eq!(row["byline"].as_str(), *byline, "{name}");
        let statements = row["statements"].as_array().unwrap();
        assert_eq!(
            statements.len(),
            1,
            "credit lines give no statements: {row}"
        );
        let s = &statements[0];
        let want = match origin {
            Some(agency) => (Some(*agency), "inferred"),
            None => (None, "none"),
        };
        assert_eq!(
            (s["wire"].as_str(), s["wire_source"].as_str().unwrap()),
            want,
            "{name}"
        );
    }
}

#[test]
fn an_agency_in_a_pages_author_is_its_origin_in_show_and_statements() {
    let env = Env::new();
    env.write("pages/harbour.html", agency_page("Lena Holm, AFP"));
    env.write(
        "pages/plain.html",
        agency_page("Lena Holm").replace("third", "fifth"),
    );
    let run = env.run(&["extract", "--format", "jsonl", "pages"]);
    run.code(0);
    let rows = rows(&run.stdout);
    let row = rows
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("harbour.html"))
        .unwrap();
    assert_eq!(row["byline"], "Lena Holm");
    assert_eq!(row["origin"], "AFP");
    let plain = rows
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("plain.html"))
        .unwrap();
    assert_eq!(
        plain["origin"],
        serde_json::Value::Null,
        "a person-only byline"
    );
    let article = row["article"].as_str().unwrap().to_owned();

    env.run(&["ingest", "pages/harbour.html"]).code(0);
    let shown = env.run(&["show", &article]);
    shown.code(0);
    assert!(shown.stdout.contains("via AFP"), "{}", shown.stdout);
    assert!(
        shown.stdout.contains("byline: Lena Holm\n"),
        "{}",
        shown.stdout
    );
    assert!(shown.stdout.contains("AFP, inferred]"), "{}", shown.stdout);
    let json = env.run(&["--json", "show", &article]);
    assert_eq!(json.of_type("article_detail")[0]["origin"], "AFP");

    let listed = env.run(&["--json", "statements", "--wire", "AFP"]);
    listed.code(0);
    let statements = listed.of_type("statement");
    assert!(!statements.is_empty());
    for s in &statements {
        let a = &s["appearances"][0];
        assert_eq!(a["origin"], "AFP", "{s}");
        assert_eq!(a["wire_source"], "inferred", "{s}");
    }
    let human = env.run(&["statements", "--wire", "AFP"]);
    let first = human.stdout.lines().nth(1).unwrap();
    assert!(
        first.contains("AFP*") && first.contains("via AFP"),
        "{first}"
    );
}

#[test]
fn relative_canonical_urls_resolve_against_the_archived_uri() {
    let env = Env::new();
    let page = PAGE.replace(
        "<meta property=\"og:site_name\"",
        "<link rel=\"canonical\" href=\"/2025/02/harbour-fees.html\">\n<meta property=\"og:site_name\"",
    );
    env.write(
        "crawl.warc",
        warc_record("https://tidewater.example/h?rss=1", &page),
    );
    env.write("pages/harbour.html", &page);
    let run = env.run(&[
        "extract",
        "--format",
        "jsonl",
        "crawl.warc",
        "pages/harbour.html",
    ]);
    run.code(0);
    let rows = rows(&run.stdout);
    assert_eq!(
        rows[0]["url"],
        "https://tidewater.example/2025/02/harbour-fees.html"
    );
    // A saved page has no address to resolve against: no URL at all.
    assert_eq!(rows[1]["url"], serde_json::Value::Null);
}

#[test]
fn a_pages_outlet_is_its_site_name_not_its_app_name_or_a_handle() {
    let env = Env::new();
    let body = "<p>The harbour board met on Monday to discuss the new ferry timetable \
                for the winter months.</p><p>\u{201C}We will keep the night ferry \
                running,\u{201D} said board chair Ilse Varga after the meeting.</p>\
                <p>The timetable takes effect in November, the board said.</p>";
    let page = |head: &str| {
        format!(
            "<html><head><title>Night ferry stays</title>{head}</head><body><article>{body}</article></body></html>"
        )
    };
    env.write(
        "pages/site.html",
        page(
            r#"<meta name="application-name" content="NewsApp">
                <meta property="og:site_name" content="The Harbour Times">
                <meta name="twitter:site" content="@harbourtimes">"#,
        ),
    );
    env.write(
        "pages/jsonld.html",
        page(
            r#"<meta name="application-name" content="NewsApp">
                <script type="application/ld+json">{"@type":"NewsArticle",
                "publisher":{"@type":"Organization","name":"Lakeside Post"}}</script>"#,
        ),
    );
    let run = env.run(&["extract", "--format", "jsonl", "pages"]);
    run.code(0);
    let outlets: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["outlet"].clone())
        .collect();
    assert_eq!(outlets, ["Lakeside Post", "The Harbour Times"]);
}
