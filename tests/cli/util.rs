//! Shared helpers: a temporary directory with a store, and the binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

/// A temporary working directory with a store inside it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing both streams if it differs.
    #[track_caller]
    pub fn code(&self, want: i32) -> &Run {
        assert_eq!(
            self.code, want,
            "exit code\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Stdout as JSON Lines records (`{"type", "data"}`), checked.
    #[track_caller]
    pub fn records(&self) -> Vec<(String, Value)> {
        self.stdout
            .lines()
            .map(|l| {
                let v: Value =
                    serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l:?}"));
                let obj = v.as_object().expect("an object per line");
                assert_eq!(obj.len(), 2, "only type and data: {l}");
                let kind = obj["type"].as_str().expect("type is a string").to_owned();
                assert!(obj["data"].is_object(), "data is an object: {l}");
                (kind, obj["data"].clone())
            })
            .collect()
    }

    /// The data of every record of type `kind`.
    #[track_caller]
    pub fn of_type(&self, kind: &str) -> Vec<Value> {
        self.records()
            .into_iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, d)| d)
            .collect()
    }

    /// Non-empty stderr lines.
    pub fn err_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn store(&self) -> PathBuf {
        self.path().join("store")
    }

    /// The binary, with a clean environment, run in the temp dir against
    /// its store (unless `args` name another).
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotetrail"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .current_dir(self.path());
        if !args.contains(&"--store") {
            cmd.arg("--store").arg(self.store());
        }
        cmd.args(args);
        cmd
    }

    /// Runs with `stdin` as standard input.
    pub fn run_with(&self, args: &[&str], stdin: &[u8], envs: &[(&str, &str)]) -> Run {
        let mut cmd = self.cmd(args);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn quotetrail");
        {
            let mut input = child.stdin.take().unwrap();
            // The command may exit without reading; that's its business.
            let _ = input.write_all(stdin);
        }
        output(child.wait_with_output().expect("wait"))
    }

    /// Runs with empty stdin.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, b"", &[])
    }

    /// Writes a file under the temp dir, creating parents.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Copies the demo corpus into `corpus/` and returns its path.
    pub fn corpus(&self) -> PathBuf {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/demo/corpus");
        let dst = self.path().join("corpus");
        std::fs::create_dir_all(&dst).unwrap();
        for entry in std::fs::read_dir(src).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dst.join(entry.file_name())).unwrap();
        }
        dst
    }

    /// Spawns without waiting, stdin piped.
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn quotetrail")
    }
}

pub fn output(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A made-up article with two quotes by name-distinct speakers.
pub fn article(i: usize) -> String {
    format!(
        "Council vote number {i} ends in stalemate\n\n\
         The council of the town of Brindle{i} failed to pass its budget on Monday.\n\n\
         \"We have done everything we could,\" said councillor Maria Olsen{i}.\n\n\
         \"The budget will pass next week,\" mayor Peter Lund{i} told reporters.\n"
    )
}

/// A JSONL line for [`article`].
pub fn jsonl_line(i: usize) -> String {
    serde_json::json!({
        "id": format!("art-{i}"),
        "text": article(i),
        "outlet": "Brindle Gazette",
        "published": "2025-01-01",
    })
    .to_string()
}

/// The path as a `&str` (the temp dir is UTF-8 on the machines we test on).
pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Flips a byte in the middle of the body of the first stored article
/// whose raw id `pick` accepts, behind the store's back (the article's id
/// covers the body, so `verify` must find it). Returns the article's id in
/// hex.
pub fn damage_article(env: &Env, pick: impl Fn(&[u8]) -> bool) -> String {
    let db = sled::open(env.store()).unwrap();
    let (key, value) = db
        .scan_prefix([0x01])
        .map(Result::unwrap)
        .find(|(k, _)| k.len() == 33 && pick(&k[1..]))
        .expect("an article object");
    let mut value = value.to_vec();
    let n = value.len() / 2;
    value[n] ^= 0x01;
    db.insert(&key, value).unwrap();
    db.flush().unwrap();
    key[1..].iter().map(|b| format!("{b:02x}")).collect()
}
