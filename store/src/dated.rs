//! The articles a statement listing can draw on, with their dates, so a
//! listing in date order can go through them a day at a time and stop
//! once it has enough, instead of reading every matching statement to sort
//! them.
//!
//! Every appearance of a statement with a speaker, outlet or wire is in an
//! article the name index lists under that name. So walking the articles
//! of one name in date order meets each matching statement first in its
//! earliest article: a statement's date (its earliest appearance's) is
//! known when it is first met, and no later article can give an earlier
//! one.

use crate::codec;
use crate::error::{Error, ObjectKind, Result};
use crate::id::Id;
use crate::keys::{self, Keyspace};
use crate::query::StatementFilter;
use crate::store::Store;

impl Store {
    /// The articles that can hold statements matching `filter`, each with
    /// its publication date as written, in id order: those the most
    /// selective name index lists (one index key and one article read
    /// each), or with no name every article (a walk over every article,
    /// though not over their statements). The date is read without
    /// unpacking the body or re-hashing, as it only orders the walk; what
    /// is listed is read through the checked paths.
    pub fn dated_articles(&self, filter: &StatementFilter) -> Result<Vec<(Id, Option<String>)>> {
        let mut out = Vec::new();
        let Some(prefix) = self.name_prefix_for(filter)? else {
            for entry in self.tree.scan_prefix([Keyspace::Article.tag()]) {
                let (key, value) = self.db(entry, || "scan articles")?;
                let Some(id) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                    continue;
                };
                out.push((id, published(&id, &value)?));
            }
            return Ok(out);
        };
        for entry in self.tree.scan_prefix(&prefix) {
            let (key, _) = self.db(entry, || "scan a name index")?;
            // A longer name sharing the prefix is another name.
            if key.len() != prefix.len() + 32 {
                continue;
            }
            let Some(id) = keys::tail_id(&key) else {
                continue;
            };
            let key = keys::object_key(ObjectKind::Article, &id);
            let value = self.db(self.tree.get(key), || format!("read article {id}"))?;
            let value = value.ok_or_else(|| Error::Corrupt {
                kind: ObjectKind::Article,
                id,
                what: "an index points to it but it is not stored".into(),
            })?;
            out.push((id, published(&id, &value)?));
        }
        Ok(out)
    }

    /// The ids of the statements appearing in article `id`, in text order
    /// (a statement printed twice is there twice); empty for an article
    /// that is not stored.
    pub fn statement_ids_in(&self, article: &Id) -> Result<Vec<Id>> {
        self.statements_in_article(article)
    }
}

fn published(id: &Id, value: &[u8]) -> Result<Option<String>> {
    codec::decode_published(value).map_err(|e| Error::Corrupt {
        kind: ObjectKind::Article,
        id: *id,
        what: e.0.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use crate::StatementFilter;

    #[test]
    fn the_articles_of_a_name_come_with_their_dates() {
        let (_dir, store, found) = crate::store::fixtures::filled(4);
        let rfi = StatementFilter {
            outlet: Some("rfi".into()),
            ..Default::default()
        };
        let articles = store.dated_articles(&rfi).unwrap();
        assert_eq!(articles.len(), 2);
        assert!(
            articles
                .iter()
                .all(|(_, d)| d.as_deref() == Some("2024-03-01"))
        );
        let all = store.dated_articles(&StatementFilter::default()).unwrap();
        assert_eq!(all.len(), 4);
        let (id, _) = &articles[0];
        let listed = store.statement_ids_in(id).unwrap();
        let put: Vec<_> = found
            .iter()
            .filter(|(_, a)| a.article == *id)
            .map(|(s, _)| s.id())
            .collect();
        assert_eq!(listed, put);
    }
}
