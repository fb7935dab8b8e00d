//! Checking the whole store: every object still hashes to its id, every
//! index entry points at an object whose field matches it, every object has
//! all its index entries, and every appearance's statement and article exist.
//!
//! Reads already re-hash one object at a time; `verify` is the walk that
//! finds damage nobody has read yet, such as an index entry that went
//! missing, which no single read would notice.

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;

use crate::error::{Error, ObjectKind, Result};
use crate::id::Id;
use crate::keys::{self, Keyspace, Record, SCHEMA_KEY};
use crate::record::{Appearance, Article, Statement};
use crate::store::{Store, check};

/// What kind of damage a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// An object does not decode or no longer hashes to its id.
    Corrupt,
    /// An object lacks one of its index entries.
    MissingIndexEntry,
    /// An index entry points to a missing object or does not match the
    /// object's field.
    StaleIndexEntry,
    /// An appearance names a statement or article that is not stored.
    DanglingReference,
    /// A key outside the documented layout.
    UnknownKey,
}

impl ProblemKind {
    fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Corrupt => "corrupt",
            ProblemKind::MissingIndexEntry => "missing index entry",
            ProblemKind::StaleIndexEntry => "stale index entry",
            ProblemKind::DanglingReference => "dangling reference",
            ProblemKind::UnknownKey => "unknown key",
        }
    }
}

/// One thing wrong in the store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// The object concerned (for index entries: the object it names).
    pub object: Option<ObjectKind>,
    /// That object's id.
    pub id: Option<Id>,
    /// The keyspace the bad entry is in ("statements-by-speaker").
    pub keyspace: &'static str,
    /// Details for a human.
    pub detail: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind.as_str())?;
        match (self.object, self.id) {
            (Some(kind), Some(id)) => write!(f, ": {kind} {id}")?,
            (None, Some(id)) => write!(f, ": {id}")?,
            _ => {}
        }
        write!(f, " in {}: {}", self.keyspace, self.detail)
    }
}

/// The result of [`Store::verify`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Articles checked.
    pub articles: u64,
    /// Statements checked.
    pub statements: u64,
    /// Appearances checked.
    pub appearances: u64,
    /// Index entries checked.
    pub index_entries: u64,
    /// Everything found wrong, in key order.
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    /// Whether nothing was found wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    /// Walks every key and reports all damage found (see the module docs).
    ///
    /// Damage is reported, not returned as an error; an error means the
    /// database itself could not be read.
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        // Objects found corrupt. Object keyspaces sort before index
        // keyspaces, so this is complete by the time entries are checked.
        let mut corrupt = HashSet::new();
        for entry in self.tree.iter() {
            let (key, value) = self.db(entry, || "scan the store")?;
            let Some(space) = key.first().copied().and_then(Keyspace::from_tag) else {
                report
                    .problems
                    .push(unknown_key(&key, "unknown keyspace tag"));
                continue;
            };
            match space.owner() {
                None if key.as_ref() == SCHEMA_KEY => {}
                None => report.problems.push(unknown_key(&key, "unknown meta key")),
                Some(kind) if space.is_objects() => {
                    let Some(id) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                        report
                            .problems
                            .push(unknown_key(&key, "object key is not 33 bytes"));
                        continue;
                    };
                    let sound = match kind {
                        ObjectKind::Article => {
                            report.articles += 1;
                            self.verify_object::<Article>(&id, &value, space, &mut report)?
                                .is_some()
                        }
                        ObjectKind::Statement => {
                            report.statements += 1;
                            self.verify_object::<Statement>(&id, &value, space, &mut report)?
                                .is_some()
                        }
                        ObjectKind::Appearance => {
                            report.appearances += 1;
                            let a =
                                self.verify_object::<Appearance>(&id, &value, space, &mut report)?;
                            if let Some(a) = &a {
                                self.verify_references(&id, a, &mut report)?;
                            }
                            a.is_some()
                        }
                    };
                    if !sound {
                        corrupt.insert(id);
                    }
                }
                Some(kind) => {
                    report.index_entries += 1;
                    let problem = match kind {
                        ObjectKind::Article => {
                            self.verify_entry::<Article>(&key, space, &corrupt)?
                        }
                        ObjectKind::Statement => {
                            self.verify_entry::<Statement>(&key, space, &corrupt)?
                        }
                        ObjectKind::Appearance => {
                            self.verify_entry::<Appearance>(&key, space, &corrupt)?
                        }
                    };
                    report.problems.extend(problem);
                    if !value.is_empty() {
                        report.problems.push(Problem {
                            kind: ProblemKind::StaleIndexEntry,
                            object: Some(kind),
                            id: keys::owner_of(&key),
                            keyspace: space.name(),
                            detail: "index entry has a value".into(),
                        });
                    }
                }
            }
        }
        Ok(report)
    }

    /// Checks one object and that it has all its index entries; returns it
    /// when it is sound.
    fn verify_object<R: Record>(
        &self,
        id: &Id,
        value: &[u8],
        space: Keyspace,
        report: &mut VerifyReport,
    ) -> Result<Option<R>> {
        let record = match check::<R>(id, value) {
            Ok(record) => record,
            Err(Error::Corrupt { what, .. }) => {
                report.problems.push(Problem {
                    kind: ProblemKind::Corrupt,
                    object: Some(R::KIND),
                    id: Some(*id),
                    keyspace: space.name(),
                    detail: what,
                });
                return Ok(None);
            }
            Err(other) => return Err(other),
        };
        for key in record.index_keys(id) {
            if !self.db(self.tree.contains_key(&key), || "read an index entry")? {
                let index = key
                    .first()
                    .copied()
                    .and_then(Keyspace::from_tag)
                    .map_or("?", Keyspace::name);
                report.problems.push(Problem {
                    kind: ProblemKind::MissingIndexEntry,
                    object: Some(R::KIND),
                    id: Some(*id),
                    keyspace: index,
                    detail: "the object is not listed in this index".into(),
                });
            }
        }
        Ok(Some(record))
    }

    /// Checks that an appearance's statement and article are stored.
    fn verify_references(&self, id: &Id, a: &Appearance, report: &mut VerifyReport) -> Result<()> {
        for (kind, target) in [
            (ObjectKind::Statement, &a.statement),
            (ObjectKind::Article, &a.article),
        ] {
            if !self.contains(kind, target)? {
                report.problems.push(Problem {
                    kind: ProblemKind::DanglingReference,
                    object: Some(ObjectKind::Appearance),
                    id: Some(*id),
                    keyspace: Keyspace::Appearance.name(),
                    detail: format!("its {kind} {target} is not stored"),
                });
            }
        }
        Ok(())
    }

    /// Checks that an index entry names a stored object that owns exactly
    /// this key. An owner that is itself corrupt is reported once, as an
    /// object, not again for each of its entries.
    fn verify_entry<R: Record>(
        &self,
        key: &[u8],
        space: Keyspace,
        corrupt: &HashSet<Id>,
    ) -> Result<Option<Problem>> {
        let stale = |id: Option<Id>, detail: &str| Problem {
            kind: ProblemKind::StaleIndexEntry,
            object: Some(R::KIND),
            id,
            keyspace: space.name(),
            detail: detail.to_string(),
        };
        let Some(id) = keys::owner_of(key) else {
            return Ok(Some(stale(
                None,
                "index key is too short to name an object",
            )));
        };
        let value = self.db(self.tree.get(keys::object_key(R::KIND, &id)), || {
            format!("read {} {id}", R::KIND)
        })?;
        let Some(value) = value else {
            return Ok(Some(stale(
                Some(id),
                "it points to an object that is not stored",
            )));
        };
        // The object pass already re-hashed every object; decoding is
        // enough here.
        if corrupt.contains(&id) {
            return Ok(None);
        }
        let Ok(record) = R::decode(&value) else {
            return Ok(None);
        };
        if record.index_keys(&id).iter().any(|k| k.as_slice() == key) {
            Ok(None)
        } else {
            Ok(Some(stale(
                Some(id),
                "its key does not match the object's field",
            )))
        }
    }
}

fn unknown_key(key: &[u8], detail: &str) -> Problem {
    let shown: String = key.iter().take(40).map(|b| format!("{b:02x}")).collect();
    Problem {
        kind: ProblemKind::UnknownKey,
        object: None,
        id: None,
        keyspace: "?",
        detail: format!("{detail} (key {shown})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::article;

    fn filled() -> (tempfile::TempDir, Store, Vec<(Statement, Appearance)>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut all = Vec::new();
        for n in 0..4 {
            let (a, found) = article(n, if n % 2 == 0 { "RFI" } else { "Reuters" }, 3);
            store.put_article(&a, &found).unwrap();
            all.extend(found);
        }
        (dir, store, all)
    }

    fn only_problem(store: &Store) -> Problem {
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        report.problems[0].clone()
    }

    #[test]
    fn a_fresh_store_is_clean() {
        let (_dir, store, _) = filled();
        let report = store.verify().unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
        assert_eq!(
            (report.articles, report.statements, report.appearances),
            (4, 12, 12)
        );
    }

    #[test]
    fn a_changed_byte_names_the_object() {
        let (_dir, store, found) = filled();
        let id = found[0].0.id();
        let key = keys::object_key(ObjectKind::Statement, &id);
        let mut value = store.tree.get(key).unwrap().unwrap().to_vec();
        // Flip a letter of the text: still decodes, no longer hashes to id.
        let at = value.iter().position(|&b| b == b'W').unwrap();
        value[at] = b'w';
        store.tree.insert(key, value).unwrap();

        let problem = only_problem(&store);
        assert_eq!(problem.kind, ProblemKind::Corrupt);
        assert_eq!(
            (problem.object, problem.id),
            (Some(ObjectKind::Statement), Some(id))
        );
        assert!(problem.to_string().contains(&id.to_hex()), "{problem}");
        // Reads refuse it too.
        let err = store.get_statement(&id).unwrap_err();
        assert!(
            matches!(err, Error::Corrupt { id: bad, .. } if bad == id),
            "{err}"
        );
    }

    #[test]
    fn truncated_values_are_corrupt() {
        let (_dir, store, found) = filled();
        let id = found[4].1.id();
        let key = keys::object_key(ObjectKind::Appearance, &id);
        let value = store.tree.get(key).unwrap().unwrap();
        store.tree.insert(key, &value[..value.len() - 3]).unwrap();
        let problem = only_problem(&store);
        assert_eq!((problem.kind, problem.id), (ProblemKind::Corrupt, Some(id)));
    }

    #[test]
    fn a_missing_index_entry_names_its_object() {
        let (_dir, store, found) = filled();
        let (st, _) = &found[1];
        let id = st.id();
        let key = keys::name_prefix(Keyspace::StatementBySpeaker, st.speaker.as_deref().unwrap());
        let key = [key.as_slice(), id.as_bytes()].concat();
        assert!(store.tree.remove(key).unwrap().is_some());
        let problem = only_problem(&store);
        assert_eq!(problem.kind, ProblemKind::MissingIndexEntry);
        assert_eq!(
            (problem.id, problem.keyspace),
            (Some(id), "statements-by-speaker")
        );
    }

    #[test]
    fn a_stale_index_entry_is_reported() {
        let (_dir, store, found) = filled();
        let id = found[0].0.id();
        let key = keys::name_prefix(Keyspace::StatementBySpeaker, "Somebody Else");
        store
            .tree
            .insert([key.as_slice(), id.as_bytes()].concat(), &[][..])
            .unwrap();
        let problem = only_problem(&store);
        assert_eq!(
            (problem.kind, problem.id),
            (ProblemKind::StaleIndexEntry, Some(id))
        );
    }

    #[test]
    fn a_removed_statement_leaves_dangling_entries() {
        let (_dir, store, found) = filled();
        let id = found[2].0.id();
        store
            .tree
            .remove(keys::object_key(ObjectKind::Statement, &id))
            .unwrap();
        let report = store.verify().unwrap();
        assert!(!report.problems.is_empty());
        for problem in &report.problems {
            assert!(
                matches!(
                    problem.kind,
                    ProblemKind::StaleIndexEntry | ProblemKind::DanglingReference
                ),
                "{problem}"
            );
        }
        assert!(report.problems.iter().any(|p| p.id == Some(id)));
    }

    #[test]
    fn foreign_keys_are_reported() {
        let (_dir, store, _) = filled();
        store.tree.insert(b"\xeejunk", &b"x"[..]).unwrap();
        assert_eq!(only_problem(&store).kind, ProblemKind::UnknownKey);
    }
}
