//! Export to and import from JSON Lines, for backups, moving data between
//! stores and reading a store with other tools.
//!
//! Each line is one object: `{"type":"article","id":"<hex>","data":{...}}`,
//! `type` being `article`, `statement` or `appearance` and `data` the record
//! as serde writes it. The order is what import needs to replay the store
//! article by article: articles in id order, each followed by its
//! appearances in text order, each appearance preceded by its statement the
//! first time that statement is exported. The order depends only on the
//! store's content, so two stores with the same objects export the same
//! bytes.
//!
//! An article line also names the extractor that made the article's
//! appearances (`"extractor":"<32 hex digits>"`) when the store recorded
//! one, so a round trip keeps it; an export without it (older, or of an
//! unrecorded article) imports as unrecorded.
//!
//! Import trusts nothing on the line: it recomputes every id from the data
//! and rejects a line whose id does not match. Lines are grouped by the
//! article they follow and each group goes through
//! [`Store::put_article`], so an article is imported whole or not at all and
//! importing twice adds nothing.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::counts::Totals;
use crate::error::{Error, ImportProblem, ObjectKind, Result};
use crate::extractor::ExtractorVersion;
use crate::id::Id;
use crate::record::{Appearance, Article, Statement};
use crate::store::Store;

/// One export line as written.
#[derive(Serialize)]
struct LineOut<'a, T> {
    #[serde(rename = "type")]
    kind: ObjectKind,
    id: &'a Id,
    /// The extractor that made an article's appearances, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    extractor: Option<&'a ExtractorVersion>,
    data: &'a T,
}

/// One export line as read back.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn {
    #[serde(rename = "type")]
    kind: ObjectKind,
    id: Id,
    #[serde(default)]
    extractor: Option<ExtractorVersion>,
    data: serde_json::Value,
}

/// What [`Store::import`] did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Non-blank lines read.
    pub lines: u64,
    /// Articles stored that were not there before.
    pub articles_new: u64,
    /// Articles that were already stored.
    pub articles_seen: u64,
    /// Statements stored that were not there before.
    pub statements_new: u64,
    /// Appearances stored that were not there before.
    pub appearances_new: u64,
    /// One [`Error::Import`] per rejected line, in line order; an article
    /// not stored because another of its lines was rejected is listed at
    /// its own line with [`ImportProblem::ArticleRejected`].
    pub rejected: Vec<Error>,
}

/// The lines of one article being imported.
struct Group {
    line: u64,
    /// `None` when the article line itself was rejected.
    article: Option<(Id, Article)>,
    /// The extractor its article line names.
    extractor: Option<ExtractorVersion>,
    statements: HashMap<Id, Statement>,
    appearances: Vec<(u64, Appearance)>,
    first_bad: Option<u64>,
}

impl Store {
    /// Writes every article, statement and appearance as JSON Lines (see
    /// the module docs) and returns how many of each were written.
    pub fn export(&self, out: &mut impl Write) -> Result<Totals> {
        let mut totals = Totals::default();
        let mut exported = HashSet::new();
        for item in self.articles() {
            let (article_id, article) = item?;
            let (extractor, appearances) = self.read_list(&article_id)?;
            write_line(
                out,
                ObjectKind::Article,
                &article_id,
                extractor.as_ref(),
                &article,
            )?;
            totals.articles += 1;
            for (id, appearance) in appearances {
                if exported.insert(appearance.statement) {
                    let statement =
                        self.get_statement(&appearance.statement)?.ok_or_else(|| {
                            Error::Corrupt {
                                kind: ObjectKind::Appearance,
                                id,
                                what: format!(
                                    "its statement {} is not stored",
                                    appearance.statement
                                ),
                            }
                        })?;
                    write_line(
                        out,
                        ObjectKind::Statement,
                        &appearance.statement,
                        None,
                        &statement,
                    )?;
                    totals.statements += 1;
                }
                write_line(out, ObjectKind::Appearance, &id, None, &appearance)?;
                totals.appearances += 1;
            }
        }
        out.flush().map_err(|source| Error::Io {
            what: "write the export",
            source,
        })?;
        Ok(totals)
    }

    /// Reads JSON Lines written by [`Store::export`] and stores what they
    /// hold. Bad lines are rejected and reported without stopping the
    /// import; an `Err` means reading the input or the store failed.
    pub fn import(&self, mut input: impl BufRead) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let mut group: Option<Group> = None;
        let mut buf = Vec::new();
        let mut line_no = 0u64;
        loop {
            buf.clear();
            let n = input
                .read_until(b'\n', &mut buf)
                .map_err(|source| Error::Io {
                    what: "read the import",
                    source,
                })?;
            if n == 0 {
                break;
            }
            line_no += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            report.lines += 1;
            let parsed = parse_line(&buf);
            match parsed {
                Ok(Parsed::Article(id, article, extractor)) => {
                    if let Some(done) = group.take() {
                        self.finish(done, &mut report);
                    }
                    let mut started = Group::new(line_no, Some((id, article)));
                    started.extractor = extractor;
                    group = Some(started);
                }
                Err(
                    problem @ ImportProblem::IdMismatch {
                        kind: ObjectKind::Article,
                        ..
                    },
                ) => {
                    if let Some(done) = group.take() {
                        self.finish(done, &mut report);
                    }
                    report.rejected.push(Error::Import {
                        line: line_no,
                        problem,
                    });
                    let mut rejected = Group::new(line_no, None);
                    rejected.first_bad = Some(line_no);
                    group = Some(rejected);
                }
                other => {
                    let Some(current) = group.as_mut() else {
                        let problem = match other {
                            Ok(p) => ImportProblem::NoArticle { kind: p.kind() },
                            Err(problem) => problem,
                        };
                        report.rejected.push(Error::Import {
                            line: line_no,
                            problem,
                        });
                        continue;
                    };
                    if let Err(problem) = current.add(line_no, other) {
                        report.rejected.push(Error::Import {
                            line: line_no,
                            problem,
                        });
                        current.first_bad.get_or_insert(line_no);
                    }
                }
            }
        }
        if let Some(done) = group.take() {
            self.finish(done, &mut report);
        }
        Ok(report)
    }

    /// Stores one article's lines, or reports why it can't.
    fn finish(&self, group: Group, report: &mut ImportReport) {
        let Some((_, article)) = group.article else {
            return; // Its article line was rejected and reported.
        };
        let reject = |report: &mut ImportReport, problem| {
            report.rejected.push(Error::Import {
                line: group.line,
                problem,
            });
        };
        if let Some(bad_line) = group.first_bad {
            reject(report, ImportProblem::ArticleRejected { bad_line });
            return;
        }
        let mut pairs = Vec::with_capacity(group.appearances.len());
        for (line, appearance) in group.appearances {
            let statement = match group.statements.get(&appearance.statement) {
                Some(s) => Ok(Some(s.clone())),
                None => self.get_statement(&appearance.statement),
            };
            let problem = match statement {
                Ok(Some(statement)) => match appearance.mismatch(&article.body, Some(&statement)) {
                    None => {
                        pairs.push((statement, appearance));
                        continue;
                    }
                    Some(why) => ImportProblem::NotItsWords {
                        id: appearance.id(),
                        why,
                    },
                },
                Ok(None) => ImportProblem::UnknownStatement {
                    id: appearance.id(),
                    statement: appearance.statement,
                },
                Err(e) => ImportProblem::Store(Box::new(e)),
            };
            report.rejected.push(Error::Import { line, problem });
            reject(report, ImportProblem::ArticleRejected { bad_line: line });
            return;
        }
        match self.put_article_by(&article, &pairs, group.extractor) {
            Ok(outcome) => {
                if outcome.article_new {
                    report.articles_new += 1;
                } else {
                    report.articles_seen += 1;
                }
                report.statements_new += outcome.statements_new as u64;
                report.appearances_new += outcome.appearances_new as u64;
            }
            Err(e) => {
                reject(report, ImportProblem::Store(Box::new(e)));
            }
        }
    }
}

impl Group {
    fn new(line: u64, article: Option<(Id, Article)>) -> Group {
        Group {
            line,
            article,
            extractor: None,
            statements: HashMap::new(),
            appearances: Vec::new(),
            first_bad: None,
        }
    }

    /// Adds a statement or appearance line to the article it follows.
    fn add(
        &mut self,
        line: u64,
        parsed: Result<Parsed, ImportProblem>,
    ) -> Result<(), ImportProblem> {
        match parsed? {
            // Article lines start a new group before they get here.
            Parsed::Article(..) => {}
            Parsed::Statement(id, statement) => {
                self.statements.insert(id, statement);
            }
            Parsed::Appearance(id, appearance) => {
                if let Some((article_id, _)) = &self.article {
                    if appearance.article != *article_id {
                        return Err(ImportProblem::WrongArticle {
                            id,
                            claimed: appearance.article,
                            article: *article_id,
                        });
                    }
                }
                self.appearances.push((line, appearance));
            }
        }
        Ok(())
    }
}

/// A line, decoded and with its id checked.
enum Parsed {
    Article(Id, Article, Option<ExtractorVersion>),
    Statement(Id, Statement),
    Appearance(Id, Appearance),
}

impl Parsed {
    fn kind(&self) -> ObjectKind {
        match self {
            Parsed::Article(..) => ObjectKind::Article,
            Parsed::Statement(..) => ObjectKind::Statement,
            Parsed::Appearance(..) => ObjectKind::Appearance,
        }
    }
}

fn parse_line(bytes: &[u8]) -> Result<Parsed, ImportProblem> {
    let line: LineIn = serde_json::from_slice(bytes)?;
    let (parsed, actual) = match line.kind {
        ObjectKind::Article => {
            let a: Article = serde_json::from_value(line.data)?;
            let id = a.id();
            (Parsed::Article(line.id, a, line.extractor), id)
        }
        ObjectKind::Statement => {
            let s: Statement = serde_json::from_value(line.data)?;
            let id = s.id();
            (Parsed::Statement(line.id, s), id)
        }
        ObjectKind::Appearance => {
            let a: Appearance = serde_json::from_value(line.data)?;
            let id = a.id();
            (Parsed::Appearance(line.id, a), id)
        }
    };
    if actual != line.id {
        return Err(ImportProblem::IdMismatch {
            kind: line.kind,
            claimed: line.id,
            actual,
        });
    }
    Ok(parsed)
}

fn write_line<T: Serialize>(
    out: &mut impl Write,
    kind: ObjectKind,
    id: &Id,
    extractor: Option<&ExtractorVersion>,
    data: &T,
) -> Result<()> {
    let line = LineOut {
        kind,
        id,
        extractor,
        data,
    };
    serde_json::to_writer(&mut *out, &line)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|source| Error::Io {
            what: "write the export",
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::article;

    fn filled() -> (tempfile::TempDir, Store) {
        let (dir, store, _) = crate::store::fixtures::filled(5);
        (dir, store)
    }

    fn export(store: &Store) -> Vec<u8> {
        let mut out = Vec::new();
        store.export(&mut out).unwrap();
        out
    }

    #[test]
    fn export_import_export_is_byte_identical_and_idempotent() {
        let (_dir, store) = filled();
        let first = export(&store);
        let other_dir = tempfile::tempdir().unwrap();
        let other = Store::open(other_dir.path()).unwrap();
        let report = other.import(first.as_slice()).unwrap();
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        assert_eq!(report.articles_new, 5);
        assert_eq!(other.totals().unwrap(), store.totals().unwrap());
        assert_eq!(export(&other), first);
        assert!(other.verify().unwrap().is_clean());

        let again = other.import(first.as_slice()).unwrap();
        assert_eq!((again.articles_new, again.articles_seen), (0, 5));
        assert_eq!((again.statements_new, again.appearances_new), (0, 0));
    }

    #[test]
    fn the_extractor_of_each_article_survives_the_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let version = ExtractorVersion::from_bytes([9; 16]);
        let (a, found) = article(1, "RFI", 2);
        let (b, found_b) = article(2, "RFI", 1);
        store.put_article_by(&a, &found, Some(version)).unwrap();
        store.put_article(&b, &found_b).unwrap();
        let text = String::from_utf8(export(&store)).unwrap();
        assert_eq!(text.matches(r#""extractor":"#).count(), 1, "{text}");
        assert!(text.contains(&format!(r#""extractor":"{version}""#)));
        let other_dir = tempfile::tempdir().unwrap();
        let other = Store::open(other_dir.path()).unwrap();
        let report = other.import(text.as_bytes()).unwrap();
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        assert_eq!(other.extractor_of(&a.id()).unwrap(), Some(version));
        assert_eq!(other.extractor_of(&b.id()).unwrap(), None);
        assert_eq!(export(&other), text.as_bytes());
        // An export from before versions were recorded still imports.
        let older = text.replace(&format!(r#""extractor":"{version}","#), "");
        let third_dir = tempfile::tempdir().unwrap();
        let third = Store::open(third_dir.path()).unwrap();
        let report = third.import(older.as_bytes()).unwrap();
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        assert_eq!(report.articles_new, 2);
        assert_eq!(third.extractor_of(&a.id()).unwrap(), None);
    }

    #[test]
    fn a_tampered_line_is_rejected_by_number_and_its_article_is_not_stored() {
        let (_dir, store) = filled();
        let text = String::from_utf8(export(&store)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // Change the words of the second statement line, keeping its id.
        let (index, bad) = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.starts_with(r#"{"type":"statement""#))
            .nth(1)
            .unwrap();
        let tampered = bad.replace("We will", "We won't");
        let mut edited = lines.clone();
        edited[index] = &tampered;
        let owner_line = lines[..index]
            .iter()
            .rposition(|l| l.starts_with(r#"{"type":"article""#))
            .unwrap();

        let other_dir = tempfile::tempdir().unwrap();
        let other = Store::open(other_dir.path()).unwrap();
        let report = other.import(edited.join("\n").as_bytes()).unwrap();
        let lines_rejected: Vec<u64> = report
            .rejected
            .iter()
            .map(|e| match e {
                Error::Import { line, .. } => *line,
                other => panic!("unexpected {other}"),
            })
            .collect();
        assert!(
            lines_rejected.contains(&(index as u64 + 1)),
            "{:?}",
            report.rejected
        );
        assert!(
            report.rejected[0]
                .to_string()
                .starts_with(&format!("line {}: statement claims id", index + 1)),
            "{}",
            report.rejected[0]
        );
        // The rest imported; that article did not, not even in part.
        assert_eq!(report.articles_new, 4);
        let article_id: Id = serde_json::from_str::<LineIn>(lines[owner_line])
            .unwrap()
            .id;
        assert_eq!(other.get_article(&article_id).unwrap(), None);
        assert!(other.verify().unwrap().is_clean());
    }

    #[test]
    fn garbage_and_orphans_are_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (_, found) = article(1, "RFI", 1);
        let statement = serde_json::to_string(&LineOut {
            kind: ObjectKind::Statement,
            id: &found[0].0.id(),
            extractor: None,
            data: &found[0].0,
        })
        .unwrap();
        let input = format!("not json\n\n{statement}\n");
        let report = store.import(input.as_bytes()).unwrap();
        assert_eq!(report.lines, 2);
        assert!(
            matches!(
                report.rejected.as_slice(),
                [
                    Error::Import {
                        line: 1,
                        problem: ImportProblem::Json(_)
                    },
                    Error::Import {
                        line: 3,
                        problem: ImportProblem::NoArticle { .. }
                    },
                ]
            ),
            "{:?}",
            report.rejected
        );
        assert_eq!(store.totals().unwrap(), Totals::default());
    }
}
