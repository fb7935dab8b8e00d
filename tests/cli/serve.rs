//! `quotetrail serve` on loopback: search links to group pages that hold
//! every version, the security headers, JSON, and hostile text. Each test
//! makes a fixed, small number of requests and stops the server it
//! started.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Child;
use std::time::Duration;

use crate::report::{THREE_OUTLETS, demo_store, hostile_fixtures};
use crate::util::{Env, s};

/// A server on a free loopback port, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(env: &Env) -> Server {
        let mut child = env.spawn(&["serve", "--addr", "127.0.0.1:0"]);
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, addr }
    }

    /// `GET path`: status, headers (lower-cased names) and body.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").expect("a header block");
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap();
        (status, head.to_lowercase(), body.to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every `/group/ID` link in a page, in order.
fn group_links(html: &str) -> Vec<String> {
    html.split("href=\"/group/")
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .map(|id| format!("/group/{id}"))
        .collect()
}

#[test]
fn search_links_to_group_pages_holding_every_version() {
    let env = demo_store();
    let server = Server::start(&env);
    let (status, head, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("name=\"q\""));
    assert!(home.contains("<strong>4</strong>articles"));
    assert!(head.contains("content-security-policy: default-src 'none'"));
    assert!(head.contains("script-src 'self'"));
    assert!(!home.contains("<script>"), "no inline script under the CSP");

    let q = THREE_OUTLETS.replace(' ', "+");
    let (status, _, results) = server.get(&format!("/search?q={q}"));
    assert_eq!(status, 200);
    let links = group_links(&results);
    assert!(!links.is_empty(), "{results}");

    let (status, _, page) = server.get(&links[0]);
    assert_eq!(status, 200);
    assert_eq!(page.matches("<article class=\"version").count(), 4);
    assert!(page.contains("<svg class=\"timeline-svg\""));
    assert!(page.contains("src=\"/assets/report.js\""));

    let (status, head, _) = server.get("/assets/report.js");
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"));

    let id = links[0].trim_start_matches("/group/");
    let (status, _, json) = server.get(&format!("/api/group/{id}"));
    assert_eq!(status, 200);
    let record: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(record["type"], "origin");
    assert_eq!(record["data"]["versions"].as_array().unwrap().len(), 4);

    let (status, _, _) = server.get("/group/zzzz");
    assert_eq!(status, 404);

    // A page elsewhere that points its own name at 127.0.0.1 gets nothing.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: rebind.example\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 421"), "{raw}");
}

#[test]
fn api_answers_in_the_shapes_the_terminal_prints() {
    let env = demo_store();
    // What the terminal prints, read before the server holds the store.
    let statement = env
        .run(&["statements", "--json", "--limit", "1"])
        .of_type("statement")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let show = |id: &str, kind: &str| env.run(&["show", id, "--json"]).of_type(kind).remove(0);
    let statement_detail = show(&statement, "statement_detail");
    let article = statement_detail["appearances"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let article_detail = show(&article, "article_detail");
    let by_outlet = env.run(&["statements", "--outlet", "Radio Coastline", "--json"]);
    let server = Server::start(&env);
    let api = |path: &str| {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 200, "{path}");
        body.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .collect::<Vec<_>>()
    };
    let got = api(&format!("/api/statement/{statement}"));
    assert_eq!(got[0]["type"], "statement_detail");
    assert_eq!(got[0]["data"], statement_detail);
    let got = api(&format!("/api/article/{article}"));
    assert_eq!(got[0]["type"], "article_detail");
    assert_eq!(got[0]["data"], article_detail);
    let got = api("/api/outlet?name=Radio+Coastline");
    let want = by_outlet.of_type("statement");
    assert_eq!(got.len(), want.len());
    assert_eq!(got[0]["data"], want[0]);
}

#[test]
fn served_pages_keep_hostile_text_as_text() {
    let env = Env::new();
    env.run(&["ingest", s(&hostile_fixtures())]).code(0);
    let server = Server::start(&env);
    let (_, _, results) = server.get("/search?q=pier+will+reopen+before+the+summer+season");
    let links = group_links(&results);
    let (status, _, page) = server.get(&links[0]);
    assert_eq!(status, 200);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_eq!(page.matches("<script").count(), 1, "only our script file");
    assert!(!page.contains("href=\"javascript:"));
    // The outlet's page, linked with its name encoded.
    let outlet = page
        .split("href=\"/outlet?name=")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    let (status, _, outlet_page) = server.get(&format!("/outlet?name={outlet}"));
    assert_eq!(status, 200);
    assert!(outlet_page.contains("&lt;b&gt;Evil&lt;/b&gt; Herald"));
    assert!(!outlet_page.contains("<b>Evil"));
}

#[test]
fn search_on_a_store_not_grouped_lists_statements_by_their_words() {
    let env = Env::new();
    let story =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/follow/story");
    env.run(&["ingest", "--no-match", s(&story)]).code(0);
    let server = Server::start(&env);
    let q = "we+will+not+return+to+work+until+the+ministry+restores+the+pay+rise";
    let (status, _, page) = server.get(&format!("/search?q={q}"));
    assert_eq!(status, 200);
    assert!(page.contains("in no group yet"), "{page}");
    assert!(group_links(&page).is_empty());
    let statement = page
        .split("href=\"/statement/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a statement link");
    let (status, _, printed) = server.get(&format!("/statement/{statement}"));
    assert_eq!(status, 200);
    assert!(printed.contains("Printed in"));

    let (status, _, json) = server.get(&format!("/api/search?q={q}"));
    assert_eq!(status, 200);
    let records: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!records.is_empty());
    assert!(records.iter().all(|r| r["type"] == "ungrouped"), "{json}");
    assert!(records.iter().any(|r| r["data"]["statement"] == statement));
}
