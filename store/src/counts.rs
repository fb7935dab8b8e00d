//! Names and totals: how many statements each speaker, outlet and wire
//! has, which names an index holds, and how many objects the store keeps.
//! What `speakers`, `outlets`, `wires` and the name filters read.

use serde::Serialize;

use crate::counters;
use crate::error::Result;
use crate::keys::NameField;
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
    /// order. Statements without that field are not counted. Where a name
    /// is spelled several ways, the spelling on most statements is shown.
    ///
    /// Reads the counters (see `crate::counters`): one value per name,
    /// whatever the size of the store. A store written before counters
    /// has them built first, once, with one walk.
    pub fn counts(&self, field: NameField) -> Result<Vec<NameCount>> {
        self.ensure_counters()?;
        Ok(self
            .stored_counters(field)?
            .into_iter()
            .filter_map(|(folded, spellings)| {
                let tally = counters::sum(&spellings);
                Some(NameCount {
                    name: counters::shown(&spellings).unwrap_or(&folded).to_owned(),
                    statements: tally.statements,
                    appearances: tally.appearances,
                })
                .filter(|_| tally != counters::Tally::default())
            })
            .collect())
    }

    /// Every name of `field` the store holds, in folded form
    /// ([`crate::fold_name`]), sorted, each once: the keys of the
    /// counters, one per name, so commands can match a part of a name or
    /// suggest a close one without reading statements or the name index.
    pub fn names(&self, field: NameField) -> Result<Vec<String>> {
        self.ensure_counters()?;
        Ok(self
            .stored_counters(field)?
            .into_iter()
            .map(|(folded, _)| folded)
            .collect())
    }

    /// How many articles, statements and appearances are stored: one
    /// read of the totals counter (built first for a store written before
    /// counters).
    pub fn totals(&self) -> Result<Totals> {
        self.ensure_counters()?;
        Ok(self.stored_totals()?.unwrap_or_default())
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
