//! Walking directories: recursive, sorted, by extension.
//!
//! Sorted so that two runs over the same tree read articles in the same
//! order (progress, summaries and `extract` output then diff cleanly).
//! Skipped, because they are not articles even when their extension says
//! text:
//!
//! - hidden entries (`.git`, `.quotetrail`, `.notes.txt`);
//! - `*.meta.json` sidecars;
//! - a corpus's own papers: `README*`, `CHANGELOG*`, `LICENSE*` and
//!   `LICENCE*` files, whatever their case and extension (a corpus README
//!   was once stored as an article);
//! - whatever the caller's [`Exclude`] globs match.
//!
//! Symbolic links to directories are not followed, so a link loop can't
//! make a walk endless. A file named explicitly is not walked: it is read
//! whatever its name. A walk never opens anything: FIFOs, devices and
//! sockets with an article's name (and links to them) are reported as
//! errors in place, since reading one could block or never end.

use std::fs;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::{InputError, reader_for};

/// File names (lowercased) that start a corpus's own papers.
const PAPERS: &[&str] = &["readme", "changelog", "license", "licence"];

/// Paths a walk leaves out, from `--exclude GLOB` flags.
///
/// A glob without a `/` is matched against every file and directory name
/// on the way (`drafts` skips any directory called drafts, `*.bak.txt`
/// any such file); a glob with a `/` against the path below the walked
/// directory (`2024/*/wire-*.txt`), where `*` stays inside one directory
/// and `**` crosses them.
#[derive(Clone, Debug, Default)]
pub struct Exclude {
    names: GlobSet,
    paths: GlobSet,
}

impl Exclude {
    /// Builds the sets; fails on a glob that does not parse.
    pub fn new(globs: &[String]) -> Result<Exclude, globset::Error> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for g in globs {
            let glob = GlobBuilder::new(g.trim_start_matches("./"))
                .literal_separator(true)
                .build()?;
            if g.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        Ok(Exclude {
            names: names.build()?,
            paths: paths.build()?,
        })
    }

    /// Whether the entry at `relative` (below the walked directory) is
    /// left out.
    fn excludes(&self, relative: &Path) -> bool {
        let by_name = relative
            .file_name()
            .is_some_and(|name| self.names.is_match(name));
        by_name || self.paths.is_match(relative)
    }
}

/// Checks one `--exclude` value, for the command line: a bad glob is a
/// usage error.
pub fn glob_arg(s: &str) -> Result<String, String> {
    Exclude::new(&[s.to_owned()])
        .map(|_| s.to_owned())
        .map_err(|e| format!("bad glob: {e}"))
}

/// The files to read for `path`: the path itself when it is a file, else
/// every file under it that a reader claims and nothing leaves out, in
/// sorted order. Errors for unreadable subdirectories come in place, and
/// the walk goes on.
pub fn files(
    path: &Path,
    exclude: &Exclude,
) -> Result<Vec<Result<PathBuf, InputError>>, InputError> {
    let meta = fs::metadata(path).map_err(|source| InputError::Read {
        path: path.to_owned(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(vec![Ok(path.to_owned())]);
    }
    let mut out = Vec::new();
    walk_dir(path, path, exclude, &mut out);
    Ok(out)
}

/// Whether a walk takes this file (before `--exclude`).
pub fn wanted(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    !name.starts_with('.')
        && !lower.ends_with(".meta.json")
        && !PAPERS.iter().any(|p| lower.starts_with(p))
        && reader_for(path).is_some()
}

/// What a directory entry is to a walk.
enum Child {
    Dir,
    File,
    Special(&'static str),
}

fn walk_dir(
    root: &Path,
    dir: &Path,
    exclude: &Exclude,
    out: &mut Vec<Result<PathBuf, InputError>>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(InputError::Read {
                path: dir.to_owned(),
                source,
            }));
            return;
        }
    };
    let mut children: Vec<(PathBuf, Child)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(source) => {
                out.push(Err(InputError::Read {
                    path: dir.to_owned(),
                    source,
                }));
                continue;
            }
        };
        let path = entry.path();
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        if exclude.excludes(path.strip_prefix(root).unwrap_or(&path)) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            children.push((path, Child::Dir));
        } else if !wanted(&path) {
            continue;
        } else if kind.is_file() {
            children.push((path, Child::File));
        } else {
            // A symbolic link is taken when it leads to a regular file
            // (stat does not open, so it can't block); anything else that
            // has an article's name is reported.
            let target = if kind.is_symlink() {
                fs::metadata(&path).map(|m| m.file_type())
            } else {
                Ok(kind)
            };
            match target {
                Ok(t) if t.is_file() => children.push((path, Child::File)),
                Ok(t) => {
                    let what = super::kind_name(&t);
                    children.push((path, Child::Special(what)));
                }
                Err(_) => children.push((path, Child::File)),
            }
        }
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, child) in children {
        match child {
            Child::Dir => walk_dir(root, &path, exclude, out),
            Child::File => out.push(Ok(path)),
            Child::Special(what) => out.push(Err(InputError::Read {
                path,
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("not a regular file ({what}); only regular files are read"),
                ),
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(root: &Path, globs: &[&str]) -> Vec<PathBuf> {
        let globs: Vec<String> = globs.iter().map(|g| g.to_string()).collect();
        files(root, &Exclude::new(&globs).unwrap())
            .unwrap()
            .into_iter()
            .map(|r| r.unwrap().strip_prefix(root).unwrap().to_owned())
            .collect()
    }

    #[test]
    fn walks_sorted_and_skips_sidecars_papers_and_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::create_dir(root.join(".git")).unwrap();
        for name in [
            "b.txt",
            "a.md",
            "a.meta.json",
            "notes.pdf",
            "sub/c.jsonl",
            ".hidden.txt",
            ".git/d.txt",
            "README.md",
            "readme.txt",
            "CHANGELOG.md",
            "LICENSE",
            "License.txt",
            "sub/README",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        assert_eq!(
            walk(root, &[]),
            vec![
                PathBuf::from("a.md"),
                PathBuf::from("b.txt"),
                PathBuf::from("sub/c.jsonl")
            ]
        );
    }

    #[test]
    fn exclude_globs_match_names_anywhere_or_paths_from_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("drafts/deep")).unwrap();
        fs::create_dir_all(root.join("2024/03")).unwrap();
        for name in [
            "a.txt",
            "a.bak.txt",
            "drafts/b.txt",
            "drafts/deep/c.txt",
            "2024/03/wire-1.txt",
            "2024/03/own-1.txt",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        assert_eq!(
            walk(root, &["drafts", "*.bak.txt", "2024/*/wire-*"]),
            vec![PathBuf::from("2024/03/own-1.txt"), PathBuf::from("a.txt")]
        );
        assert_eq!(walk(root, &["**/deep/**"]).len(), 5);
        assert!(glob_arg("[unclosed").is_err());
    }

    #[test]
    fn missing_path_is_an_error() {
        assert!(matches!(
            files(Path::new("/nonexistent/quotetrail"), &Exclude::default()),
            Err(InputError::Read { .. })
        ));
    }
}
