//! Reading the store the ways the CLI asks: statements by speaker, outlet,
//! wire, kind or fingerprint; appearances of a statement or in an article;
//! id prefixes. Names and totals are in `counts`.
//!
//! Every object read here is re-hashed like a [`Store::get_statement`], so a
//! damaged object surfaces as [`Error::Corrupt`] rather than as wrong output.

use std::collections::{BTreeSet, HashSet};
use std::marker::PhantomData;

use serde::Serialize;

use crate::codec;
use crate::error::{Error, ObjectKind, Result};
use crate::id::Id;
use crate::keys::{self, Keyspace, NameField, Record, fold_name};
use crate::record::{ARTICLE_PART, Appearance, Article, Kind, Statement};
use crate::store::{Store, check};

/// Which statements [`Store::statements`] returns. Every field that is set
/// must match; names match when their [`fold_name`] forms are equal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementFilter {
    /// The canonical speaker name.
    pub speaker: Option<String>,
    /// The outlet that printed it.
    pub outlet: Option<String>,
    /// The agency credited.
    pub wire: Option<String>,
    /// Quote or claim.
    pub kind: Option<Kind>,
    /// The fingerprint of its text (same wording).
    pub fingerprint: Option<Id>,
}

/// An object found by id prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ObjectRef {
    /// What it is.
    pub kind: ObjectKind,
    /// Its full id.
    pub id: Id,
}

/// The statements matching a [`StatementFilter`], read lazily: taking the
/// first n reads about n statements' worth of the store. Returned by
/// [`Store::statements`], which says in what order.
pub struct Statements<'a> {
    store: &'a Store,
    source: Source,
    speaker: Option<String>,
    outlet: Option<String>,
    wire: Option<String>,
    kind: Option<Kind>,
    fingerprint: Option<Id>,
}

enum Source {
    /// Scanning every statement object (boxed: a sled iterator is large).
    Objects(Box<sled::Iter>),
    /// Candidates an index gave, to be read and checked.
    Ids(std::collections::btree_set::IntoIter<Id>),
    /// The articles a name index lists, read one at a time as the caller
    /// asks for more: each article's statements, in text order, skipping
    /// those an earlier article already gave.
    Articles {
        entries: Box<sled::Iter>,
        key_len: usize,
        pending: std::vec::IntoIter<Id>,
        seen: HashSet<Id>,
    },
}

impl StatementFilter {
    /// Whether `s` passes this filter, as [`Store::statements`] checks it.
    pub fn matches(&self, s: &Statement) -> bool {
        let fold = |n: &Option<String>| n.as_deref().map(fold_name);
        Statements::passes(
            s,
            self.kind,
            self.fingerprint,
            [&fold(&self.speaker), &fold(&self.outlet), &fold(&self.wire)],
        )
    }
}

impl Statements<'_> {
    fn matches(&self, s: &Statement) -> bool {
        Self::passes(
            s,
            self.kind,
            self.fingerprint,
            [&self.speaker, &self.outlet, &self.wire],
        )
    }

    /// The check behind both `matches`, names already folded.
    fn passes(
        s: &Statement,
        kind: Option<Kind>,
        fingerprint: Option<Id>,
        [speaker, outlet, wire]: [&Option<String>; 3],
    ) -> bool {
        let name_ok = |want: &Option<String>, have: &Option<String>| match want {
            None => true,
            Some(want) => have.as_deref().is_some_and(|h| fold_name(h) == *want),
        };
        kind.is_none_or(|k| k == s.kind)
            && fingerprint.is_none_or(|f| f == s.fingerprint())
            && name_ok(speaker, &s.speaker)
            && name_ok(outlet, &s.outlet)
            && name_ok(wire, &s.wire)
    }

    fn next_candidate(&mut self) -> Option<Result<(Id, Statement)>> {
        match &mut self.source {
            Source::Objects(iter) => loop {
                let (key, value) = match iter.next()? {
                    Ok(kv) => kv,
                    Err(e) => return Some(self.store.db(Err(e), || "scan statements")),
                };
                // Malformed keys are left to `verify`.
                let Some(id) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                    continue;
                };
                return Some(check::<Statement>(&id, &value).map(|s| (id, s)));
            },
            Source::Ids(ids) => {
                let id = ids.next()?;
                Some(indexed::<Statement>(self.store, &id).map(|s| (id, s)))
            }
            Source::Articles {
                entries,
                key_len,
                pending,
                seen,
            } => loop {
                if let Some(id) = pending.next() {
                    if seen.insert(id) {
                        return Some(indexed::<Statement>(self.store, &id).map(|s| (id, s)));
                    }
                    continue;
                }
                let (key, _) = match entries.next()? {
                    Ok(kv) => kv,
                    Err(e) => return Some(self.store.db(Err(e), || "scan a name index")),
                };
                // A longer name that shares the prefix is not this one.
                if key.len() != *key_len {
                    continue;
                }
                let Some(article) = keys::tail_id(&key) else {
                    continue;
                };
                match self.store.statements_in_article(&article) {
                    Ok(ids) => *pending = ids.into_iter(),
                    Err(e) => return Some(Err(e)),
                }
            },
        }
    }
}

impl Iterator for Statements<'_> {
    type Item = Result<(Id, Statement)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.next_candidate()? {
                Ok((_, s)) if !self.matches(&s) => {}
                other => return Some(other),
            }
        }
    }
}

/// Reads an object an index entry points at; a missing one is corruption.
pub(crate) fn indexed<R: Record>(store: &Store, id: &Id) -> Result<R> {
    store.get::<R>(id)?.ok_or_else(|| Error::Corrupt {
        kind: R::KIND,
        id: *id,
        what: "an index points to it but it is not stored".into(),
    })
}

/// Every object of one kind in id order. Returned by [`Store::articles`].
pub struct Objects<R> {
    iter: sled::Iter,
    path: std::path::PathBuf,
    kind: PhantomData<R>,
}

impl<R: Record> Iterator for Objects<R> {
    type Item = Result<(Id, R)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (key, value) = match self.iter.next()? {
                Ok(kv) => kv,
                Err(source) => {
                    return Some(Err(Error::Db {
                        path: self.path.clone(),
                        what: format!("scan {}s", R::KIND),
                        source,
                    }));
                }
            };
            let Some(id) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                continue;
            };
            return Some(check::<R>(&id, &value).map(|r| (id, r)));
        }
    }
}

impl Store {
    /// The statements matching `filter`, each once, read as the iterator
    /// is advanced, so `.take(n)` reads about n statements (plus those
    /// that don't match) whatever the size of the store.
    ///
    /// With a fingerprint, reads only the statements with that wording, in
    /// id order. With names, takes the articles of the most selective name
    /// index (whichever of speaker, outlet and wire has the fewest entries,
    /// found by scanning them in lockstep) and goes through them in date
    /// order (the order of its keys), checking each statement appearing in
    /// them in text order. With neither, scans every statement, in id
    /// order.
    pub fn statements(&self, filter: &StatementFilter) -> Result<Statements<'_>> {
        let speaker = filter.speaker.as_deref().map(fold_name);
        let outlet = filter.outlet.as_deref().map(fold_name);
        let wire = filter.wire.as_deref().map(fold_name);
        let source = if let Some(fp) = &filter.fingerprint {
            Source::Ids(self.statements_with_fingerprint(fp)?.into_iter())
        } else {
            match self.name_prefix_for(filter)? {
                Some(prefix) => Source::Articles {
                    key_len: prefix.len() + keys::DAY_LEN + 32,
                    entries: Box::new(self.tree.scan_prefix(prefix)),
                    pending: Vec::new().into_iter(),
                    seen: HashSet::new(),
                },
                None => {
                    Source::Objects(Box::new(self.tree.scan_prefix([Keyspace::Statement.tag()])))
                }
            }
        };
        Ok(Statements {
            store: self,
            source,
            speaker,
            outlet,
            wire,
            kind: filter.kind,
            fingerprint: filter.fingerprint,
        })
    }

    /// The ids of statements whose text has fingerprint `fp`.
    fn statements_with_fingerprint(&self, fp: &Id) -> Result<BTreeSet<Id>> {
        let mut ids = BTreeSet::new();
        for entry in self
            .tree
            .scan_prefix(keys::id_prefix(Keyspace::AppearanceByFingerprint, fp))
        {
            let (key, _) = self.db(entry, || "scan appearances-by-fingerprint")?;
            ids.extend(keys::statement_in_fingerprint_key(&key));
        }
        Ok(ids)
    }

    /// The statement ids of an article's appearances, from its appearance
    /// list.
    pub(crate) fn statements_in_article(&self, article: &Id) -> Result<Vec<Id>> {
        Ok(self
            .read_appearances(article)?
            .into_iter()
            .map(|(_, a)| a.statement)
            .collect())
    }

    /// The name-index prefix [`Store::statements`] would walk for
    /// `filter`: its most selective name. `None` without a name.
    pub(crate) fn name_prefix_for(&self, filter: &StatementFilter) -> Result<Option<Vec<u8>>> {
        let names = [
            (NameField::Speaker, &filter.speaker),
            (NameField::Outlet, &filter.outlet),
            (NameField::Wire, &filter.wire),
        ];
        let prefixes = names
            .into_iter()
            .filter_map(|(field, name)| {
                Some(keys::name_prefix(
                    field.keyspace(),
                    &fold_name(name.as_deref()?),
                ))
            })
            .collect();
        self.smallest(prefixes)
    }

    /// Of several index prefixes, the one with the fewest entries. Scans
    /// them in lockstep, so the cost is bounded by the smallest.
    fn smallest(&self, mut prefixes: Vec<Vec<u8>>) -> Result<Option<Vec<u8>>> {
        if prefixes.len() < 2 {
            return Ok(prefixes.pop());
        }
        let mut iters: Vec<_> = prefixes.iter().map(|p| self.tree.scan_prefix(p)).collect();
        loop {
            for (i, iter) in iters.iter_mut().enumerate() {
                match iter.next() {
                    None => return Ok(Some(prefixes.swap_remove(i))),
                    Some(Err(e)) => return self.db(Err(e), || "scan an index"),
                    Some(Ok(_)) => {}
                }
            }
        }
    }

    /// Every article, in id order.
    pub fn articles(&self) -> Objects<Article> {
        self.objects()
    }

    /// Every article's id, by publication date (as written, so ISO dates
    /// sort by day), undated ones last, then by id. Reads each article once
    /// and keeps only the ids, so callers can then go one article at a time
    /// without holding every body.
    pub fn article_ids_by_date(&self) -> Result<Vec<Id>> {
        let mut order: Vec<(bool, String, Id)> = Vec::new();
        for entry in self.articles() {
            let (id, article) = entry?;
            let date = article.published.unwrap_or_default();
            order.push((date.is_empty(), date, id));
        }
        order.sort_unstable();
        Ok(order.into_iter().map(|(_, _, id)| id).collect())
    }

    pub(crate) fn objects<R: Record>(&self) -> Objects<R> {
        Objects {
            iter: self.tree.scan_prefix([Keyspace::objects(R::KIND).tag()]),
            path: self.path().to_path_buf(),
            kind: PhantomData,
        }
    }

    /// The appearances of a statement, in appearance id order; empty when
    /// the statement is not stored.
    pub fn appearances_of(&self, statement: &Id) -> Result<Vec<(Id, Appearance)>> {
        let Some(s) = self.get_statement(statement)? else {
            return Ok(Vec::new());
        };
        let prefix = keys::statement_prefix(&s.fingerprint(), statement);
        self.appearances_under(&prefix, "scan appearances-by-fingerprint")
    }

    /// The appearances in an article, in text order.
    pub fn appearances_in(&self, article: &Id) -> Result<Vec<(Id, Appearance)>> {
        self.read_appearances(article)
    }

    /// The appearances whose index entries start with `prefix`.
    fn appearances_under(&self, prefix: &[u8], what: &str) -> Result<Vec<(Id, Appearance)>> {
        let mut out = Vec::new();
        for entry in self.tree.scan_prefix(prefix) {
            let (key, _) = self.db(entry, || what)?;
            let Some(id) = keys::tail_id(&key) else {
                continue;
            };
            let appearance = self.get_appearance(&id)?.ok_or_else(|| Error::Corrupt {
                kind: ObjectKind::Appearance,
                id,
                what: "an index points to it but it is not stored".into(),
            })?;
            out.push((id, appearance));
        }
        Ok(out)
    }

    /// Finds the one article, statement or appearance whose id starts with
    /// the hex digits `prefix` (any case, 1 to 64 digits). An appearance's
    /// id starts with its article's, so a prefix of 32 digits or fewer
    /// names the article; an appearance needs more.
    ///
    /// Fails with [`Error::Ambiguous`] when several objects match and
    /// [`Error::NotFound`] when none does.
    pub fn resolve(&self, prefix: &str) -> Result<ObjectRef> {
        let digits = prefix.trim().to_ascii_lowercase();
        let bad = || Error::BadPrefix {
            prefix: prefix.to_string(),
        };
        if digits.is_empty() || digits.len() > 64 {
            return Err(bad());
        }
        let nibbles: Vec<u8> = digits
            .bytes()
            .map(|b| match b {
                b'0'..=b'9' => Some(b - b'0'),
                b'a'..=b'f' => Some(b - b'a' + 10),
                _ => None,
            })
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        let whole: Vec<u8> = nibbles
            .chunks_exact(2)
            .map(|p| (p[0] << 4) | p[1])
            .collect();
        let odd = (nibbles.len() % 2 == 1).then(|| nibbles[nibbles.len() - 1]);

        let matches = |id: &Id| {
            id.as_bytes().starts_with(&whole)
                && odd.is_none_or(|n| id.as_bytes()[whole.len()] >> 4 == n)
        };
        let mut found = Vec::new();
        for kind in [ObjectKind::Article, ObjectKind::Statement] {
            let mut scan = vec![Keyspace::objects(kind).tag()];
            scan.extend_from_slice(&whole);
            for entry in self.tree.scan_prefix(&scan) {
                let (key, _) = self.db(entry, || format!("scan {kind}s"))?;
                let Some(id) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                    continue;
                };
                if matches(&id) {
                    found.push(ObjectRef { kind, id });
                }
            }
        }
        // An appearance id starts with its article's first 16 bytes, so a
        // prefix of up to 32 digits that fits an appearance also fits its
        // article: it names the article. Longer ones can name appearances.
        if nibbles.len() > 2 * ARTICLE_PART {
            let mut scan = vec![Keyspace::Appearance.tag()];
            scan.extend_from_slice(&whole[..ARTICLE_PART]);
            for entry in self.tree.scan_prefix(&scan) {
                let (key, value) = self.db(entry, || "scan appearances")?;
                let Some(article) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                    continue;
                };
                let list = codec::appearance_ids(&value)
                    .map_err(|e| crate::store::list_corrupt(&article, &e))?;
                found.extend(
                    list.into_iter()
                        .filter(|id| matches(id))
                        .map(|id| ObjectRef {
                            kind: ObjectKind::Appearance,
                            id,
                        }),
                );
            }
        }
        match found.len() {
            0 => Err(Error::NotFound { prefix: digits }),
            1 => Ok(found[0]),
            candidates => Err(Error::Ambiguous {
                prefix: digits,
                candidates,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::article;

    /// Three RFI articles and two Reuters articles, three quotes each,
    /// alternating between two speakers; every third one a claim.
    fn filled() -> (tempfile::TempDir, Store) {
        let (dir, store, _) = crate::store::fixtures::filled(5);
        (dir, store)
    }

    fn run(store: &Store, filter: StatementFilter) -> Vec<Statement> {
        store
            .statements(&filter)
            .unwrap()
            .map(|r| r.unwrap().1)
            .collect()
    }

    #[test]
    fn filters_combine_and_match_folded_names() {
        let (_dir, store) = filled();
        assert_eq!(run(&store, StatementFilter::default()).len(), 15);
        let awa = run(
            &store,
            StatementFilter {
                speaker: Some("AWA  diallo".into()),
                ..StatementFilter::default()
            },
        );
        assert_eq!(awa.len(), 10);
        assert!(
            awa.iter()
                .all(|s| s.speaker.as_deref() == Some("Awa Diallo"))
        );
        let narrow = StatementFilter {
            speaker: Some("awa diallo".into()),
            outlet: Some("rfi".into()),
            wire: Some("afp".into()),
            kind: Some(Kind::Claim),
            fingerprint: None,
        };
        let found = run(&store, narrow);
        assert_eq!(found.len(), 3);
        assert!(
            found
                .iter()
                .all(|s| s.kind == Kind::Claim && s.outlet.as_deref() == Some("RFI"))
        );
        let nobody = StatementFilter {
            speaker: Some("Awa".into()),
            ..StatementFilter::default()
        };
        assert!(run(&store, nobody).is_empty());
    }

    #[test]
    fn same_words_share_a_fingerprint_across_outlets() {
        let (_dir, store) = filled();
        let words = "We will rebuild bridge 2 before the rains";
        let filter = StatementFilter {
            fingerprint: Some(crate::record::fingerprint(words)),
            ..StatementFilter::default()
        };
        let outlets: Vec<_> = run(&store, filter)
            .into_iter()
            .map(|s| s.outlet.unwrap())
            .collect();
        assert!(outlets.contains(&"RFI".to_string()) && outlets.contains(&"Reuters".to_string()));
    }

    #[test]
    fn appearances_by_article_come_in_text_order() {
        let (_dir, store) = filled();
        let (a, found) = article(2, "RFI", 3);
        let got = store.appearances_in(&a.id()).unwrap();
        let starts: Vec<usize> = got.iter().map(|(_, ap)| ap.start).collect();
        assert_eq!(
            starts,
            found.iter().map(|(_, ap)| ap.start).collect::<Vec<_>>()
        );
        let of = store.appearances_of(&found[0].0.id()).unwrap();
        assert_eq!(of.len(), 1);
        assert_eq!(of[0].1, found[0].1);
    }

    #[test]
    fn prefixes_resolve_or_say_why_not() {
        let (_dir, store) = filled();
        let (a, found) = article(1, "Reuters", 3);
        let id = a.id();
        for digits in [6, 7, 64] {
            let got = store
                .resolve(&id.to_hex()[..digits].to_uppercase())
                .unwrap();
            assert_eq!(
                got,
                ObjectRef {
                    kind: ObjectKind::Article,
                    id
                }
            );
        }
        let st = found[0].0.id();
        assert_eq!(
            store.resolve(&st.short(12)).unwrap().kind,
            ObjectKind::Statement
        );
        // An appearance shares its article's first 32 digits: those name
        // the article, and one more digit names the appearance.
        let ap = found[1].1.id();
        assert_eq!(
            store.resolve(&ap.short(32)).unwrap().kind,
            ObjectKind::Article
        );
        assert_eq!(
            store.resolve(&ap.short(40)).unwrap(),
            ObjectRef {
                kind: ObjectKind::Appearance,
                id: ap
            }
        );
        // 39 objects and 16 one-digit prefixes: some digit is shared.
        let ambiguous = (0..16)
            .map(|d| format!("{d:x}"))
            .find_map(|p| match store.resolve(&p) {
                Err(Error::Ambiguous { candidates, .. }) => Some(candidates),
                _ => None,
            });
        assert!(ambiguous.is_some_and(|n| n >= 2));
        assert!(matches!(store.resolve("xyz"), Err(Error::BadPrefix { .. })));
        assert!(matches!(store.resolve(""), Err(Error::BadPrefix { .. })));
        let missing = crate::id::Id::of_fields("article", &["nothing"]);
        assert!(matches!(
            store.resolve(&missing.to_hex()),
            Err(Error::NotFound { .. })
        ));
    }
}
