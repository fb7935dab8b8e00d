//! Counters kept in step with every write: statements and appearances per
//! folded speaker, outlet and wire name, and the store's totals, so that
//! `speakers`, `outlets`, `wires` and the totals cost one read per name
//! instead of a walk over every statement.
//!
//! # Layout
//!
//! Keyspace `0x40`:
//!
//! - `0x40 0x00` holds the totals: articles, statements, appearances, each a
//!   u64 big-endian;
//! - `0x40 <field> <folded name>` (field `0x01` speaker, `0x02` outlet,
//!   `0x03` wire) holds, for each spelling of the name seen on a stored
//!   statement, `u32 length, spelling, u64 statements, u64 appearances`,
//!   sorted by spelling. Keeping spellings apart (rather than one pair of
//!   numbers and "the first spelling seen") makes the displayed name a
//!   function of what is stored, whatever the order of writes and deletes,
//!   so `verify` can recompute it exactly.
//!
//! # Keeping them right
//!
//! Every write that adds or removes an article, a statement or an
//! appearance adds its [`Deltas`] to the same sled batch
//! ([`Store::stage_counters`]): the put path in `store.rs`, and
//! `delete_article`. Import, merge, migrate and repair all write through
//! the put path. Writers hold the store's write lock, so reading a counter
//! and writing its new value in the batch cannot race another writer.
//!
//! # Stores written before counters
//!
//! A store created by this build gets the meta key `counters` when it is
//! created: its counters are complete from the first write. A schema 5
//! store written by an earlier build lacks that key; its writes leave the
//! counters alone, and the first read of counts or totals builds them
//! with one walk (the cost every read paid before), in bounded batches
//! with the key written last (`build`, [`Store::build_counters`]; the CLI
//! shows its progress). A migrated store is written through the put path
//! into a new store, so its counters are kept from the start. The schema number is
//! unchanged. A build from before counters that writes to a store that has
//! them would leave them stale; `verify` reports that and `repair`
//! rebuilds them.

use std::collections::{BTreeMap, HashMap};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::keys::{self, COUNTERS_KEY, Keyspace, NameField, fold_name};
use crate::record::Statement;
use crate::store::Store;

mod build;
mod check;
pub(crate) use check::verify;

/// Statements and appearances, for one spelling, one name or the store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) statements: u64,
    pub(crate) appearances: u64,
}

/// One name's counter: a tally per spelling, by spelling.
pub(crate) type Spellings = BTreeMap<String, Tally>;

/// What a write changes, accumulated over a batch before any counter is
/// read: a batch of 64 articles names the same outlet 64 times.
#[derive(Debug, Default)]
pub(crate) struct Deltas {
    articles: i64,
    statements: i64,
    appearances: i64,
    /// By field and spelling (folded only when staged).
    names: HashMap<(NameField, String), Change>,
    /// Statements filed in and taken out of the word index: counted
    /// where they are, so no write that stores or removes a statement can
    /// leave the index behind.
    words: crate::word_index::WordChanges,
}

/// A change of (statements, appearances).
type Change = (i64, i64);

impl Deltas {
    /// An article added (`sign` 1) or removed (-1).
    pub(crate) fn article(&mut self, sign: i64) {
        self.articles += sign;
    }

    /// Statement `id` added or removed.
    pub(crate) fn statement(&mut self, id: &Id, s: &Statement, sign: i64) {
        self.statements += sign;
        self.words.statement(id, s, sign);
        self.names(s, sign, 0);
    }

    /// An appearance of `s` added or removed.
    pub(crate) fn appearance(&mut self, s: &Statement, sign: i64) {
        self.appearances += sign;
        self.names(s, 0, sign);
    }

    /// A statement added with its `appearances`: what a build counts,
    /// one name lookup for all of them.
    pub(crate) fn printed(&mut self, s: &Statement, appearances: i64) {
        self.statements += 1;
        self.appearances += appearances;
        self.names(s, 1, appearances);
    }

    fn names(&mut self, s: &Statement, statements: i64, appearances: i64) {
        for field in FIELDS {
            if let Some(name) = field.of(s) {
                let d = self.names.entry((field, name.to_owned())).or_default();
                d.0 += statements;
                d.1 += appearances;
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.articles == 0 && self.statements == 0 && self.appearances == 0
    }
}

const FIELDS: [NameField; 3] = [NameField::Speaker, NameField::Outlet, NameField::Wire];

/// The key of the totals.
pub(crate) const TOTALS_KEY: [u8; 2] = [Keyspace::Counter as u8, 0];

fn field_code(field: NameField) -> u8 {
    match field {
        NameField::Speaker => 1,
        NameField::Outlet => 2,
        NameField::Wire => 3,
    }
}

/// The key of a folded name's counter.
pub(crate) fn name_key(field: NameField, folded: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(folded.len() + 2);
    key.push(Keyspace::Counter.tag());
    key.push(field_code(field));
    key.extend_from_slice(folded.as_bytes());
    key
}

/// What a counter key counts: the totals (`None`) or a field's name.
pub(crate) fn parse_key(key: &[u8]) -> Option<Option<(NameField, &str)>> {
    match key {
        [_, 0] => Some(None),
        [_, code, name @ ..] => {
            let field = FIELDS.into_iter().find(|f| field_code(*f) == *code)?;
            Some(Some((field, std::str::from_utf8(name).ok()?)))
        }
        _ => None,
    }
}

pub(crate) fn encode_totals(t: &crate::Totals) -> Vec<u8> {
    [t.articles, t.statements, t.appearances]
        .iter()
        .flat_map(|n| n.to_be_bytes())
        .collect()
}

pub(crate) fn decode_totals(value: &[u8]) -> Option<crate::Totals> {
    let n = |i: usize| {
        Some(u64::from_be_bytes(
            value.get(i * 8..i * 8 + 8)?.try_into().ok()?,
        ))
    };
    (value.len() == 24).then_some(())?;
    Some(crate::Totals {
        articles: n(0)?,
        statements: n(1)?,
        appearances: n(2)?,
    })
}

pub(crate) fn encode_spellings(spellings: &Spellings) -> Vec<u8> {
    let mut out = Vec::new();
    for (spelling, tally) in spellings {
        out.extend_from_slice(&(spelling.len() as u32).to_be_bytes());
        out.extend_from_slice(spelling.as_bytes());
        out.extend_from_slice(&tally.statements.to_be_bytes());
        out.extend_from_slice(&tally.appearances.to_be_bytes());
    }
    out
}

pub(crate) fn decode_spellings(mut value: &[u8]) -> Option<Spellings> {
    let mut out = Spellings::new();
    while !value.is_empty() {
        let (len, rest) = value.split_first_chunk::<4>()?;
        let len = u32::from_be_bytes(*len) as usize;
        let spelling = std::str::from_utf8(rest.get(..len)?).ok()?;
        let (st, rest) = rest[len..].split_first_chunk::<8>()?;
        let (ap, rest) = rest.split_first_chunk::<8>()?;
        let tally = Tally {
            statements: u64::from_be_bytes(*st),
            appearances: u64::from_be_bytes(*ap),
        };
        out.insert(spelling.to_owned(), tally);
        value = rest;
    }
    Some(out)
}

/// The spelling shown for a name: the one on most statements, then most
/// appearances, then the first in byte order.
pub(crate) fn shown(spellings: &Spellings) -> Option<&str> {
    spellings
        .iter()
        .max_by(|(a, x), (b, y)| {
            (x.statements, x.appearances)
                .cmp(&(y.statements, y.appearances))
                .then(b.cmp(a))
        })
        .map(|(s, _)| s.as_str())
}

/// Sums a name's spellings.
pub(crate) fn sum(spellings: &Spellings) -> Tally {
    spellings.values().fold(Tally::default(), |t, s| Tally {
        statements: t.statements + s.statements,
        appearances: t.appearances + s.appearances,
    })
}

fn apply(n: u64, delta: i64) -> u64 {
    n.saturating_add_signed(delta)
}

/// Every counter, as recomputed from the objects by a full walk.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Recount {
    pub(crate) totals: crate::Totals,
    /// By counter key.
    pub(crate) names: BTreeMap<Vec<u8>, Spellings>,
    /// Whether `verify` has met the stored totals.
    seen_totals: bool,
}

impl Recount {
    /// Counts one appearance of `s` (its statement counted apart).
    pub(crate) fn appearance(&mut self, s: &Statement) {
        self.add(s, 0, 1);
    }

    /// Counts one statement with `appearances` appearances.
    pub(crate) fn statement(&mut self, s: &Statement, appearances: u64) {
        self.add(s, 1, appearances);
    }

    fn add(&mut self, s: &Statement, statements: u64, appearances: u64) {
        for field in FIELDS {
            if let Some(name) = field.of(s) {
                let tally = self
                    .names
                    .entry(name_key(field, &fold_name(name)))
                    .or_default()
                    .entry(name.to_owned())
                    .or_default();
                tally.statements += statements;
                tally.appearances += appearances;
            }
        }
    }
}

impl Store {
    /// Whether this store's counters are kept (see the module docs).
    pub(crate) fn counters_complete(&self) -> Result<bool> {
        self.db(
            self.tree.contains_key(COUNTERS_KEY),
            || "read the counters flag",
        )
    }

    /// Adds the counters `deltas` changes to `batch`. The caller holds the
    /// write lock, so the values read here are the ones the batch replaces.
    /// Does nothing for a store whose counters are not built yet. The
    /// word index's changes are staged here too ([`Store::stage_words`]),
    /// built or not as the index is.
    pub(crate) fn stage_counters(&self, mut deltas: Deltas, batch: &mut sled::Batch) -> Result<()> {
        self.stage_words(std::mem::take(&mut deltas.words), batch)?;
        if deltas.is_empty() && deltas.names.is_empty() || !self.counters_complete()? {
            return Ok(());
        }
        self.stage_deltas(deltas, batch)
    }

    /// Adds `deltas` to the stored counters in `batch`, complete or not
    /// (a build in progress, see `build`).
    fn stage_deltas(&self, deltas: Deltas, batch: &mut sled::Batch) -> Result<()> {
        let mut totals = self.stored_totals()?.unwrap_or_default();
        totals.articles = apply(totals.articles, deltas.articles);
        totals.statements = apply(totals.statements, deltas.statements);
        totals.appearances = apply(totals.appearances, deltas.appearances);
        batch.insert(&TOTALS_KEY[..], encode_totals(&totals));

        let mut by_key: BTreeMap<Vec<u8>, Vec<(String, Change)>> = BTreeMap::new();
        for ((field, spelling), delta) in deltas.names {
            let key = name_key(field, &fold_name(&spelling));
            by_key.entry(key).or_default().push((spelling, delta));
        }
        for (key, changes) in by_key {
            let mut spellings = self.stored_spellings(&key)?.unwrap_or_default();
            for (spelling, (st, ap)) in changes {
                let tally = spellings.entry(spelling).or_default();
                tally.statements = apply(tally.statements, st);
                tally.appearances = apply(tally.appearances, ap);
            }
            spellings.retain(|_, t| *t != Tally::default());
            if spellings.is_empty() {
                batch.remove(key);
            } else {
                batch.insert(key, encode_spellings(&spellings));
            }
        }
        Ok(())
    }

    /// The stored totals counter, if there is one.
    pub(crate) fn stored_totals(&self) -> Result<Option<crate::Totals>> {
        let Some(value) = self.db(self.tree.get(TOTALS_KEY), || "read the totals")? else {
            return Ok(None);
        };
        decode_totals(&value)
            .map(Some)
            .ok_or_else(|| corrupt(&TOTALS_KEY, "it is not three numbers"))
    }

    fn stored_spellings(&self, key: &[u8]) -> Result<Option<Spellings>> {
        let Some(value) = self.db(self.tree.get(key), || "read a counter")? else {
            return Ok(None);
        };
        decode_spellings(&value)
            .map(Some)
            .ok_or_else(|| corrupt(key, "its spellings do not decode"))
    }

    /// The counters of one field, by folded name.
    pub(crate) fn stored_counters(&self, field: NameField) -> Result<Vec<(String, Spellings)>> {
        let prefix = [Keyspace::Counter.tag(), field_code(field)];
        let mut out = Vec::new();
        for entry in self.tree.scan_prefix(prefix) {
            let (key, value) = self.db(entry, || "scan the counters")?;
            let spellings = decode_spellings(&value)
                .ok_or_else(|| corrupt(&key, "its spellings do not decode"))?;
            let folded = String::from_utf8_lossy(&key[2..]).into_owned();
            out.push((folded, spellings));
        }
        Ok(out)
    }

    /// Counts everything again from the objects and writes the counters,
    /// replacing any there, with the key that marks them complete: one
    /// walk over the fingerprint index, reading each statement once,
    /// written in bounded batches ([`Store::build_counters`]). For a store
    /// written before counters, and for `repair`.
    pub fn rebuild_counters(&self) -> Result<()> {
        self.build_counters(|_| {})
    }

    /// Builds the counters if this store does not have them yet.
    pub(crate) fn ensure_counters(&self) -> Result<()> {
        if !self.counters_complete()? {
            self.rebuild_counters()?;
        }
        Ok(())
    }

    /// Every counter recomputed from the objects, in memory (the tests'
    /// reference for what [`Store::build_counters`] writes).
    #[cfg(test)]
    fn recount(&self) -> Result<Recount> {
        let mut recount = Recount::default();
        self.for_each_printed(|s, appearances| {
            recount.statement(s, appearances);
            Ok(())
        })?;
        recount.totals = self.count_totals()?;
        Ok(recount)
    }

    /// Calls `f` with every statement some appearance prints and how many
    /// appearances print it, in one walk of the fingerprint index (its
    /// keys sort a statement's appearances together). The counter build
    /// and its test reference share it, so they cannot count differently.
    pub(crate) fn for_each_printed(
        &self,
        mut f: impl FnMut(&Statement, u64) -> Result<()>,
    ) -> Result<()> {
        let mut run: Option<(crate::Id, u64)> = None;
        let mut emit = |(id, n): (crate::Id, u64)| -> Result<()> {
            let s = crate::query::indexed::<Statement>(self, &id)?;
            f(&s, n)
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
                        emit(done)?;
                    }
                }
            }
        }
        match run {
            Some(done) => emit(done),
            None => Ok(()),
        }
    }

    /// The store's totals counted by key, as `verify` does: statements no
    /// appearance prints (damage, but stored) count too.
    pub(crate) fn count_totals(&self) -> Result<crate::Totals> {
        Ok(crate::Totals {
            articles: self.count_prefix(&[Keyspace::Article.tag()])?,
            statements: self.count_prefix(&[Keyspace::Statement.tag()])?,
            // One fingerprint entry per appearance.
            appearances: self.count_prefix(&[Keyspace::AppearanceByFingerprint.tag()])?,
        })
    }

    pub(crate) fn count_prefix(&self, prefix: &[u8]) -> Result<u64> {
        let mut n = 0;
        for entry in self.tree.scan_prefix(prefix) {
            self.db(entry, || "count entries")?;
            n += 1;
        }
        Ok(n)
    }
}

fn corrupt(key: &[u8], what: &str) -> Error {
    Error::CorruptCounter {
        key: String::from_utf8_lossy(&key[1..]).into_owned(),
        what: what.to_owned(),
    }
}

#[cfg(test)]
mod tests;
