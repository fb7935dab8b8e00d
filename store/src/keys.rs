//! The key layout: keyspaces, key encoding, and which index entries each
//! object owns.
//!
//! Everything lives in one sled tree so that one [`sled::Batch`] can write an
//! article, its statements, appearances and all their index entries
//! atomically. Each key starts with one [`Keyspace`] tag byte; the table of
//! keyspaces and the steps for adding a kind or an index are in the crate
//! docs. This module is the one place the layout is defined: the tags, the
//! key encodings, and in [`Record::index_keys`] which entries each object
//! owns. Every index key *ends* with its owner's id, which is how
//! [`crate::Store::verify`] finds the owner of any entry.

use crate::canonical::canonical_text;
use crate::codec::{self, DecodeError};
use crate::error::ObjectKind;
use crate::id::Id;
use crate::record::{Appearance, Article, Statement};

/// The first byte of every key: which kind of entry it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Keyspace {
    Meta = 0x00,
    Article = 0x01,
    Statement = 0x02,
    Appearance = 0x03,
    StatementBySpeaker = 0x10,
    StatementByOutlet = 0x11,
    StatementByWire = 0x12,
    StatementByFingerprint = 0x13,
    AppearanceByArticle = 0x20,
    AppearanceByStatement = 0x21,
}

impl Keyspace {
    /// Every keyspace, in tag order.
    pub(crate) const ALL: [Keyspace; 10] = [
        Keyspace::Meta,
        Keyspace::Article,
        Keyspace::Statement,
        Keyspace::Appearance,
        Keyspace::StatementBySpeaker,
        Keyspace::StatementByOutlet,
        Keyspace::StatementByWire,
        Keyspace::StatementByFingerprint,
        Keyspace::AppearanceByArticle,
        Keyspace::AppearanceByStatement,
    ];

    pub(crate) fn tag(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_tag(tag: u8) -> Option<Keyspace> {
        Keyspace::ALL.into_iter().find(|k| k.tag() == tag)
    }

    /// The name used in verification reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Keyspace::Meta => "meta",
            Keyspace::Article => "articles",
            Keyspace::Statement => "statements",
            Keyspace::Appearance => "appearances",
            Keyspace::StatementBySpeaker => "statements-by-speaker",
            Keyspace::StatementByOutlet => "statements-by-outlet",
            Keyspace::StatementByWire => "statements-by-wire",
            Keyspace::StatementByFingerprint => "statements-by-fingerprint",
            Keyspace::AppearanceByArticle => "appearances-by-article",
            Keyspace::AppearanceByStatement => "appearances-by-statement",
        }
    }

    /// What the keyspace holds (object keyspaces) or points at (indexes).
    pub(crate) fn owner(self) -> Option<ObjectKind> {
        match self {
            Keyspace::Meta => None,
            Keyspace::Article => Some(ObjectKind::Article),
            Keyspace::Statement
            | Keyspace::StatementBySpeaker
            | Keyspace::StatementByOutlet
            | Keyspace::StatementByWire
            | Keyspace::StatementByFingerprint => Some(ObjectKind::Statement),
            Keyspace::Appearance
            | Keyspace::AppearanceByArticle
            | Keyspace::AppearanceByStatement => Some(ObjectKind::Appearance),
        }
    }

    /// The keyspace that holds objects of `kind`.
    pub(crate) fn objects(kind: ObjectKind) -> Keyspace {
        match kind {
            ObjectKind::Article => Keyspace::Article,
            ObjectKind::Statement => Keyspace::Statement,
            ObjectKind::Appearance => Keyspace::Appearance,
        }
    }

    /// Whether this keyspace holds objects rather than index entries.
    pub(crate) fn is_objects(self) -> bool {
        matches!(
            self,
            Keyspace::Article | Keyspace::Statement | Keyspace::Appearance
        )
    }
}

/// The meta key holding the schema version.
pub(crate) const SCHEMA_KEY: &[u8] = b"\x00schema";

/// Folds a name for index keys and lookups: canonical text, lowercased, NUL
/// removed. Lookups by speaker, outlet or wire match on this form, so
/// "AG Intalla", "ag  intalla" and "Ag Intalla" find the same statements.
pub fn fold_name(name: &str) -> String {
    canonical_text(name)
        .to_lowercase()
        .chars()
        .filter(|&c| c != '\0')
        .collect()
}

/// The key of an object.
pub(crate) fn object_key(kind: ObjectKind, id: &Id) -> [u8; 33] {
    let mut key = [0u8; 33];
    key[0] = Keyspace::objects(kind).tag();
    key[1..].copy_from_slice(id.as_bytes());
    key
}

/// The prefix of every entry for `name` in a name index.
pub(crate) fn name_prefix(space: Keyspace, name: &str) -> Vec<u8> {
    let folded = fold_name(name);
    let mut key = Vec::with_capacity(folded.len() + 34);
    key.push(space.tag());
    key.extend_from_slice(folded.as_bytes());
    key.push(0);
    key
}

/// The prefix of every entry under `id` in an id-keyed index.
pub(crate) fn id_prefix(space: Keyspace, id: &Id) -> [u8; 33] {
    let mut key = [0u8; 33];
    key[0] = space.tag();
    key[1..].copy_from_slice(id.as_bytes());
    key
}

fn with_id(mut prefix: Vec<u8>, id: &Id) -> Vec<u8> {
    prefix.extend_from_slice(id.as_bytes());
    prefix
}

/// The owner id at the end of an index key, if the key is long enough.
pub(crate) fn owner_of(key: &[u8]) -> Option<Id> {
    key.len()
        .checked_sub(32)
        .filter(|&at| at >= 1)
        .and_then(|at| Id::from_slice(&key[at..]))
}

/// An object kind the store keeps: how it is encoded, hashed and indexed.
pub(crate) trait Record: Sized {
    const KIND: ObjectKind;
    fn encode(&self) -> Vec<u8>;
    fn decode(value: &[u8]) -> Result<Self, DecodeError>;
    fn record_id(&self) -> Id;
    /// The keys of every index entry this object owns. Verification checks
    /// these both ways, so this is the one definition of the indexes.
    fn index_keys(&self, id: &Id) -> Vec<Vec<u8>>;
}

impl Record for Article {
    const KIND: ObjectKind = ObjectKind::Article;
    fn encode(&self) -> Vec<u8> {
        codec::encode_article(self)
    }
    fn decode(value: &[u8]) -> Result<Article, DecodeError> {
        codec::decode_article(value)
    }
    fn record_id(&self) -> Id {
        self.id()
    }
    fn index_keys(&self, _id: &Id) -> Vec<Vec<u8>> {
        Vec::new()
    }
}

impl Record for Statement {
    const KIND: ObjectKind = ObjectKind::Statement;
    fn encode(&self) -> Vec<u8> {
        codec::encode_statement(self)
    }
    fn decode(value: &[u8]) -> Result<Statement, DecodeError> {
        codec::decode_statement(value)
    }
    fn record_id(&self) -> Id {
        self.id()
    }
    fn index_keys(&self, id: &Id) -> Vec<Vec<u8>> {
        let mut keys = Vec::with_capacity(4);
        let names = [
            (Keyspace::StatementBySpeaker, &self.speaker),
            (Keyspace::StatementByOutlet, &self.outlet),
            (Keyspace::StatementByWire, &self.wire),
        ];
        for (space, name) in names {
            if let Some(name) = name {
                keys.push(with_id(name_prefix(space, name), id));
            }
        }
        let fp = id_prefix(Keyspace::StatementByFingerprint, &self.fingerprint());
        keys.push(with_id(fp.to_vec(), id));
        keys
    }
}

impl Record for Appearance {
    const KIND: ObjectKind = ObjectKind::Appearance;
    fn encode(&self) -> Vec<u8> {
        codec::encode_appearance(self)
    }
    fn decode(value: &[u8]) -> Result<Appearance, DecodeError> {
        codec::decode_appearance(value)
    }
    fn record_id(&self) -> Id {
        self.id()
    }
    fn index_keys(&self, id: &Id) -> Vec<Vec<u8>> {
        let mut by_article = id_prefix(Keyspace::AppearanceByArticle, &self.article).to_vec();
        by_article.extend_from_slice(&(self.start as u64).to_be_bytes());
        let by_statement = id_prefix(Keyspace::AppearanceByStatement, &self.statement).to_vec();
        vec![with_id(by_article, id), with_id(by_statement, id)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Kind;

    #[test]
    fn tags_are_unique_and_round_trip() {
        for space in Keyspace::ALL {
            assert_eq!(Keyspace::from_tag(space.tag()), Some(space));
        }
        assert_eq!(Keyspace::from_tag(0xff), None);
    }

    #[test]
    fn folding_matches_case_and_spacing_variants() {
        assert_eq!(fold_name("AG  Intalla"), "ag intalla");
        assert_eq!(fold_name("Ag\u{00A0}Intalla"), fold_name("ag intalla"));
        assert_eq!(fold_name("a\0b"), "ab");
    }

    #[test]
    fn index_keys_end_with_the_owner_id() {
        let st = Statement::new(
            Kind::Quote,
            "We will",
            Some("Ag Intalla"),
            Some("RFI"),
            None,
        );
        let id = st.id();
        let keys = st.index_keys(&id);
        assert_eq!(keys.len(), 3);
        for key in &keys {
            assert_eq!(owner_of(key), Some(id));
        }
        let mut speaker = name_prefix(Keyspace::StatementBySpeaker, "AG INTALLA");
        speaker.extend_from_slice(id.as_bytes());
        assert!(keys.contains(&speaker));
    }
}
