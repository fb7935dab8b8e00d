//! Walking directories: recursive, sorted, by extension.
//!
//! Sorted so that two runs over the same tree read articles in the same
//! order (progress, summaries and `extract` output then diff cleanly).
//! Hidden entries (`.git`, `.quotetrail`) and `*.meta.json` sidecars are
//! skipped; symbolic links to directories are not followed, so a link loop
//! can't make a walk endless. A walk never opens anything: FIFOs, devices
//! and sockets with an article's name (and links to them) are reported as
//! errors in place, since reading one could block or never end.

use std::fs;
use std::path::{Path, PathBuf};

use super::{InputError, reader_for};

/// The files to read for `path`: the path itself when it is a file, else
/// every file under it that a reader claims, in sorted order. Errors for
/// unreadable subdirectories come in place, and the walk goes on.
pub fn files(path: &Path) -> Result<Vec<Result<PathBuf, InputError>>, InputError> {
    let meta = fs::metadata(path).map_err(|source| InputError::Read {
        path: path.to_owned(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(vec![Ok(path.to_owned())]);
    }
    let mut out = Vec::new();
    walk_dir(path, &mut out);
    Ok(out)
}

/// Whether a walk takes this file.
pub fn wanted(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.starts_with('.')
        && !name.to_ascii_lowercase().ends_with(".meta.json")
        && reader_for(path).is_some()
}

/// What a directory entry is to a walk.
enum Child {
    Dir,
    File,
    Special(&'static str),
}

fn walk_dir(dir: &Path, out: &mut Vec<Result<PathBuf, InputError>>) {
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
            Child::Dir => walk_dir(&path, out),
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

    #[test]
    fn walks_sorted_and_skips_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        for name in [
            "b.txt",
            "a.md",
            "a.meta.json",
            "notes.pdf",
            "sub/c.jsonl",
            ".hidden.txt",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let got: Vec<_> = files(root)
            .unwrap()
            .into_iter()
            .map(|r| r.unwrap().strip_prefix(root).unwrap().to_owned())
            .collect();
        assert_eq!(
            got,
            vec![
                PathBuf::from("a.md"),
                PathBuf::from("b.txt"),
                PathBuf::from("sub/c.jsonl")
            ]
        );
    }

    #[test]
    fn missing_path_is_an_error() {
        assert!(matches!(
            files(Path::new("/nonexistent/quotetrail")),
            Err(InputError::Read { .. })
        ));
    }
}
