//! Counts that are kept rather than recounted: `speakers`, `outlets` and
//! `wires` agree with the statements listed, after ingest, a second
//! ingest and a delete; `stats` adds up; `statements --limit` lists the
//! first rows of the full listing.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::query::statements;
use crate::util::{Env, s};

fn corpus_store() -> Env {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["ingest", "--no-match", s(&corpus)]).code(0);
    env
}

/// (statements, appearances) per lowercased name of `field`, counted from
/// the listing.
fn counted(env: &Env, field: &str) -> BTreeMap<String, (u64, u64)> {
    let mut out = BTreeMap::new();
    for st in statements(env, &[]) {
        if let Some(name) = st[field].as_str() {
            let n = out.entry(name.to_lowercase()).or_insert((0, 0));
            n.0 += 1;
            n.1 += st["appearances"].as_array().unwrap().len() as u64;
        }
    }
    out
}

/// What `speakers`, `outlets` or `wires` prints, the same way.
fn kept(env: &Env, cmd: &str, kind: &str) -> BTreeMap<String, (u64, u64)> {
    let run = env.run(&["--json", cmd]);
    run.code(0);
    run.of_type(kind)
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().unwrap();
            (
                r["name"].as_str().unwrap().to_lowercase(),
                (n("statements"), n("appearances")),
            )
        })
        .collect()
}

#[track_caller]
fn assert_counts_agree(env: &Env) {
    for (cmd, kind) in [
        ("speakers", "speaker"),
        ("outlets", "outlet"),
        ("wires", "wire"),
    ] {
        let want = counted(env, kind);
        assert!(!want.is_empty(), "the corpus has {kind}s");
        assert_eq!(kept(env, cmd, kind), want, "{cmd}");
    }
    env.run(&["verify"]).code(0);
}

#[test]
fn counts_agree_with_the_listing_after_ingest_reingest_and_delete() {
    let env = corpus_store();
    assert_counts_agree(&env);
    let before = env.run(&["outlets"]);
    before.code(0);
    assert!(before.stdout.starts_with("statements  appearances  name\n"));

    // A second ingest of the same articles changes nothing.
    env.run(&["ingest", "--no-match", s(&env.corpus())]).code(0);
    assert_eq!(env.run(&["outlets"]).stdout, before.stdout);

    let article = statements(&env, &[])[0]["appearances"][0]["article"]
        .as_str()
        .unwrap()
        .to_owned();
    env.run(&["delete", &article[..16]]).code(0);
    assert_counts_agree(&env);
    assert_ne!(env.run(&["outlets"]).stdout, before.stdout);
}

#[test]
fn stats_sizes_every_keyspace() {
    let env = corpus_store();
    let run = env.run(&["--json", "stats"]);
    run.code(0);
    let spaces = run.of_type("keyspace");
    let bytes = |name: &str| {
        spaces
            .iter()
            .find(|k| k["keyspace"] == name)
            .unwrap_or_else(|| panic!("no {name} in {spaces:?}"))
    };
    for name in ["meta", "articles", "statements", "appearances", "counters"] {
        assert!(bytes(name)["bytes"].as_u64().unwrap() > 0, "{name}");
    }
    let stats = &run.of_type("stats")[0];
    let live: u64 = spaces.iter().map(|k| k["bytes"].as_u64().unwrap()).sum();
    assert_eq!(stats["live_bytes"].as_u64(), Some(live));
    let disk = stats["disk_bytes"].as_u64().unwrap();
    assert_eq!(
        stats["unreclaimed_bytes"].as_u64(),
        Some(disk.saturating_sub(live))
    );
    assert_eq!(stats["articles"], bytes("articles")["keys"]);
    assert_eq!(stats["statements"], bytes("statements")["keys"]);
    assert_eq!(
        stats["appearances"],
        bytes("appearances-by-fingerprint")["keys"]
    );

    let human = env.run(&["stats"]);
    human.code(0);
    assert!(human.stdout.starts_with("KEYSPACE"), "{}", human.stdout);
    for label in ["\ncounters ", "\non disk ", "\non disk, not live "] {
        assert!(human.stdout.contains(label), "{label}: {}", human.stdout);
    }
    let last = human.stdout.lines().last().unwrap();
    assert!(
        last.ends_with(&format!("{} appearances", stats["appearances"])),
        "{last}"
    );
}

#[test]
fn a_limited_listing_is_the_start_of_the_full_one() {
    let env = corpus_store();
    let all = statements(&env, &[]);
    let outlet = all[0]["outlet"].as_str().unwrap().to_owned();
    let speaker = all
        .iter()
        .find_map(|st| st["speaker"].as_str())
        .unwrap()
        .to_owned();
    let ids = |list: &[Value]| -> Vec<String> {
        list.iter()
            .map(|st| st["id"].as_str().unwrap().to_owned())
            .collect()
    };
    for filter in [
        vec![],
        vec!["--outlet", outlet.as_str()],
        vec!["--speaker", speaker.as_str()],
        vec!["--kind", "quote"],
    ] {
        let full = ids(&statements(&env, &filter));
        assert!(full.len() > 1, "{filter:?}");
        for n in [1, 2, full.len() / 2, full.len(), full.len() + 3] {
            let mut args = filter.clone();
            let n_text = n.to_string();
            args.extend(["--limit", n_text.as_str()]);
            let limited = ids(&statements(&env, &args));
            assert_eq!(limited, full[..n.min(full.len())], "{args:?}");
        }
    }
    // The human listing too.
    let full = env.run(&["statements"]).stdout;
    let three = env.run(&["statements", "--limit", "3"]).stdout;
    assert_eq!(
        three.lines().collect::<Vec<_>>(),
        full.lines().take(4).collect::<Vec<_>>()
    );
}

/// A store written before counters (no `counters` meta key, no `0x40`
/// keys) has them built by the first command that counts, which says so,
/// and counts what the store holds; the next one does not build again.
#[test]
fn a_store_written_before_counters_gets_them_built_once_and_says_so() {
    let env = corpus_store();
    let before = kept(&env, "speakers", "speaker");
    {
        let db = sled::open(env.store()).unwrap();
        db.remove(b"\x00counters").unwrap();
        for key in db.scan_prefix([0x40]).keys() {
            db.remove(key.unwrap()).unwrap();
        }
        db.flush().unwrap();
    }
    let run = env.run(&["speakers"]);
    run.code(0);
    assert!(
        run.stderr.contains("building the counters"),
        "{}",
        run.stderr
    );
    assert_eq!(kept(&env, "speakers", "speaker"), before);
    let again = env.run(&["outlets"]);
    assert!(!again.stderr.contains("building the counters"));
    env.run(&["verify", "--full"]).code(0);
}
