//! Names and totals: how many statements each speaker, outlet and wire
//! has, which names an index holds, and how many objects the store keeps.
//! What `speakers`, `outlets`, `wires` and the name filters read.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::id::Id;
use crate::keys::{self, Keyspace, NameField, fold_name};
use crate::query::indexed;
use crate::record::Statement;
use crate::store::Store;

/// How many statements and appearances one name has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameCount {
    /// The name as stored on its first statement (canonical, not folded).
    pub name: String,
    /// Statements with this name.
    pub statements: u64,
    /// Appearances of those statements.
    pub appearances: u64,
}

/// How many objects of each kind the store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Articles.
    pub articles: u64,
    /// Statements.
    pub statements: u64,
    /// Appearances.
    pub appearances: u64,
}

impl Store {
    /// Statements and appearances per name of `field`, in folded-name
    /// order. Statements without that field are not counted.
    pub fn counts(&self, field: NameField) -> Result<Vec<NameCount>> {
        // One pass over the fingerprint index: its keys group each
        // statement's appearances together, so each statement is read once.
        let mut counts: BTreeMap<String, NameCount> = BTreeMap::new();
        let mut run: Option<(Id, u64)> = None;
        let mut add = |store: &Store, (statement, appearances): (Id, u64)| -> Result<()> {
            let s = indexed::<Statement>(store, &statement)?;
            if let Some(name) = field.of(&s) {
                let count = counts.entry(fold_name(name)).or_insert_with(|| NameCount {
                    name: name.to_string(),
                    statements: 0,
                    appearances: 0,
                });
                count.statements += 1;
                count.appearances += appearances;
            }
            Ok(())
        };
        for entry in self
            .tree
            .scan_prefix([Keyspace::AppearanceByFingerprint.tag()])
        {
            let (key, _) = self.db(entry, || "scan appearances-by-fingerprint")?;
            let Some(statement) = keys::statement_in_fingerprint_key(&key) else {
                continue;
            };
            match &mut run {
                Some((current, n)) if *current == statement => *n += 1,
                _ => {
                    if let Some(done) = run.replace((statement, 1)) {
                        add(self, done)?;
                    }
                }
            }
        }
        if let Some(done) = run {
            add(self, done)?;
        }
        Ok(counts.into_values().collect())
    }

    /// Every name of `field` the index holds, in folded form
    /// ([`fold_name`]), sorted, each once. Reads only index keys (one per
    /// article and name), so commands can match a part of a name or
    /// suggest a close one without reading statements.
    pub fn names(&self, field: NameField) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for entry in self.tree.scan_prefix([field.keyspace().tag()]) {
            let (key, _) = self.db(entry, || "scan a name index")?;
            let Some(name) = keys::name_of(&key) else {
                continue;
            };
            let name = String::from_utf8_lossy(name);
            if out.last().is_none_or(|last| *last != name) {
                out.push(name.into_owned());
            }
        }
        Ok(out)
    }

    /// How many articles, statements and appearances are stored.
    pub fn totals(&self) -> Result<Totals> {
        Ok(Totals {
            articles: self.count_prefix(&[Keyspace::Article.tag()])?,
            statements: self.count_prefix(&[Keyspace::Statement.tag()])?,
            // One fingerprint entry per appearance.
            appearances: self.count_prefix(&[Keyspace::AppearanceByFingerprint.tag()])?,
        })
    }

    fn count_prefix(&self, prefix: &[u8]) -> Result<u64> {
        let mut n = 0;
        for entry in self.tree.scan_prefix(prefix) {
            self.db(entry, || "count entries")?;
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_totals() {
        let (_dir, store, _) = crate::store::fixtures::filled(5);
        assert_eq!(
            store.totals().unwrap(),
            Totals {
                articles: 5,
                statements: 15,
                appearances: 15
            }
        );
        let speakers = store.counts(NameField::Speaker).unwrap();
        let names: Vec<_> = speakers
            .iter()
            .map(|c| (c.name.as_str(), c.statements, c.appearances))
            .collect();
        assert_eq!(names, [("Awa Diallo", 10, 10), ("Karim Sow", 5, 5)]);
        let outlets = store.counts(NameField::Outlet).unwrap();
        assert_eq!(outlets.iter().map(|c| c.statements).sum::<u64>(), 15);
        assert_eq!(store.counts(NameField::Wire).unwrap()[0].name, "AFP");
        assert_eq!(
            store.names(NameField::Speaker).unwrap(),
            ["awa diallo", "karim sow"]
        );
        assert_eq!(store.names(NameField::Outlet).unwrap(), ["reuters", "rfi"]);
    }
}
