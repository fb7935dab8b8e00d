//! The key layout: keyspaces, key encoding, and which index entries each
//! object owns.
//!
//! Everything lives in one sled tree so that one [`sled::Batch`] can write an
//! article, its statements, appearances and all their index entries
//! atomically. Each key starts with one [`Keyspace`] tag byte; the table of
//! keyspaces and the steps for adding a kind or an index are in the crate
//! docs. This module is the one place the layout is defined: the tags, the
//! key encodings, and in [`appearance_entries`] which entries each
//! appearance implies. Every index key *ends* with an id (the owning
//! appearance, or the article for name indexes), which is how
//! [`crate::Store::verify`] finds what to check an entry against.

use crate::canonical::canonical_text;
use crate::codec::{self, DecodeError};
use crate::error::ObjectKind;
use crate::id::Id;
use crate::record::{ARTICLE_PART, Appearance, Article, Statement};

/// The first byte of every key: which kind of entry it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Keyspace {
    Meta = 0x00,
    Article = 0x01,
    Statement = 0x02,
    Appearance = 0x03,
    ArticleBySpeaker = 0x10,
    ArticleByOutlet = 0x11,
    ArticleByWire = 0x12,
    AppearanceByFingerprint = 0x13,
    ArticleByDay = 0x14,
    Groups = 0x30,
    GroupMembers = 0x31,
    GroupOf = 0x32,
    GroupPostings = 0x33,
    WordRuns = 0x34,
    Counter = 0x40,
    Unverified = 0x50,
}

impl Keyspace {
    /// Every keyspace, in tag order.
    pub(crate) const ALL: [Keyspace; 16] = [
        Keyspace::Meta,
        Keyspace::Article,
        Keyspace::Statement,
        Keyspace::Appearance,
        Keyspace::ArticleBySpeaker,
        Keyspace::ArticleByOutlet,
        Keyspace::ArticleByWire,
        Keyspace::AppearanceByFingerprint,
        Keyspace::ArticleByDay,
        Keyspace::Groups,
        Keyspace::GroupMembers,
        Keyspace::GroupOf,
        Keyspace::GroupPostings,
        Keyspace::WordRuns,
        Keyspace::Counter,
        Keyspace::Unverified,
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
            Keyspace::ArticleBySpeaker => "articles-by-speaker",
            Keyspace::ArticleByOutlet => "articles-by-outlet",
            Keyspace::ArticleByWire => "articles-by-wire",
            Keyspace::AppearanceByFingerprint => "appearances-by-fingerprint",
            Keyspace::ArticleByDay => "articles-by-day",
            Keyspace::Groups => "groups",
            Keyspace::GroupMembers => "group-members",
            Keyspace::GroupOf => "group-of-appearance",
            Keyspace::GroupPostings => "group-candidates",
            Keyspace::WordRuns => "word-index",
            Keyspace::Counter => "counters",
            Keyspace::Unverified => "unverified",
        }
    }

    /// What the keyspace holds: objects of a kind, index entries, or meta.
    pub(crate) fn role(self) -> Role {
        match self {
            Keyspace::Meta => Role::Meta,
            Keyspace::Article => Role::Objects(ObjectKind::Article),
            Keyspace::Statement => Role::Objects(ObjectKind::Statement),
            Keyspace::Appearance => Role::Appearances,
            Keyspace::ArticleBySpeaker => Role::ArticleNames(NameField::Speaker),
            Keyspace::ArticleByOutlet => Role::ArticleNames(NameField::Outlet),
            Keyspace::ArticleByWire => Role::ArticleNames(NameField::Wire),
            Keyspace::AppearanceByFingerprint => Role::AppearanceIndex,
            Keyspace::ArticleByDay => Role::ArticleDays,
            Keyspace::Groups
            | Keyspace::GroupMembers
            | Keyspace::GroupOf
            | Keyspace::GroupPostings => Role::Groups,
            Keyspace::WordRuns => Role::WordIndex,
            Keyspace::Counter => Role::Counters,
            Keyspace::Unverified => Role::Unverified,
        }
    }

    /// The keyspace that holds objects of `kind` (appearances: under their
    /// article's id).
    pub(crate) fn objects(kind: ObjectKind) -> Keyspace {
        match kind {
            ObjectKind::Article => Keyspace::Article,
            ObjectKind::Statement => Keyspace::Statement,
            ObjectKind::Appearance => Keyspace::Appearance,
        }
    }
}

/// What a keyspace holds, which decides how its entries are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Meta,
    /// Objects of one kind under their ids.
    Objects(ObjectKind),
    /// `article id` -> the article's appearances, with their ids
    /// ([`crate::codec::encode_appearances`]).
    Appearances,
    /// `folded name, 0x00, day, article id`: the article, published on
    /// that day, has at least one appearance whose statement has that name
    /// in this field.
    ArticleNames(NameField),
    /// `day, article id`: every article, by its day ([`day_key`]).
    ArticleDays,
    /// Entries owned by one appearance, whose id ends the key.
    AppearanceIndex,
    /// Statement groups and their indexes (see [`crate::groups`]).
    Groups,
    /// Runs of the word index (see `crate::word_index`).
    WordIndex,
    /// Counts per name and the store's totals (see `crate::counters`).
    Counters,
    /// What was written since the last clean check (see
    /// `crate::unverified`).
    Unverified,
}

/// A name-valued statement field that is indexed and can be counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameField {
    /// The speaker.
    Speaker,
    /// The outlet.
    Outlet,
    /// The wire agency.
    Wire,
}

impl NameField {
    /// The keyspace indexing articles by this field.
    pub(crate) fn keyspace(self) -> Keyspace {
        match self {
            NameField::Speaker => Keyspace::ArticleBySpeaker,
            NameField::Outlet => Keyspace::ArticleByOutlet,
            NameField::Wire => Keyspace::ArticleByWire,
        }
    }

    /// The field's name in messages ("speaker").
    pub fn as_str(self) -> &'static str {
        match self {
            NameField::Speaker => "speaker",
            NameField::Outlet => "outlet",
            NameField::Wire => "wire",
        }
    }

    /// This field of a statement.
    pub fn of(self, s: &Statement) -> Option<&str> {
        match self {
            NameField::Speaker => s.speaker.as_deref(),
            NameField::Outlet => s.outlet.as_deref(),
            NameField::Wire => s.wire.as_deref(),
        }
    }
}

/// The meta key holding the schema version.
pub(crate) const SCHEMA_KEY: &[u8] = b"\x00schema";

/// The meta key present when the store's counters are complete (see
/// `crate::counters`): set when a store is created, or when the counters of
/// a store written before them are first built.
pub(crate) const COUNTERS_KEY: &[u8] = b"\x00counters";

/// The meta key present once `verify` has found the whole store clean;
/// from then on a plain `verify` checks only what was written since (see
/// `crate::unverified`).
pub(crate) const VERIFIED_KEY: &[u8] = b"\x00verified";

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

/// The key of an article or statement. Appearances have no key of their
/// own: see [`appearances_key`].
pub(crate) fn object_key(kind: ObjectKind, id: &Id) -> [u8; 33] {
    id_prefix(Keyspace::objects(kind), id)
}

/// The key of an article's appearances.
pub(crate) fn appearances_key(article: &Id) -> [u8; 33] {
    id_prefix(Keyspace::Appearance, article)
}

/// The prefix under which the appearance `id` is found: its first bytes
/// are its article's ([`Appearance::id`]).
pub(crate) fn appearance_prefix(id: &Id) -> [u8; 1 + ARTICLE_PART] {
    let mut key = [0u8; 1 + ARTICLE_PART];
    key[0] = Keyspace::Appearance.tag();
    key[1..].copy_from_slice(&id.as_bytes()[..ARTICLE_PART]);
    key
}

/// The prefix of every entry for an already folded name in a name index.
pub(crate) fn name_prefix(space: Keyspace, folded: &str) -> Vec<u8> {
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

/// The prefix of a statement's entries in the fingerprint index.
pub(crate) fn statement_prefix(fingerprint: &Id, statement: &Id) -> [u8; 65] {
    let mut key = [0u8; 65];
    key[..33].copy_from_slice(&id_prefix(Keyspace::AppearanceByFingerprint, fingerprint));
    key[33..].copy_from_slice(statement.as_bytes());
    key
}

/// The id at the end of an index key, if the key is long enough: the
/// owning appearance, or for name indexes the article.
pub(crate) fn tail_id(key: &[u8]) -> Option<Id> {
    key.len()
        .checked_sub(32)
        .filter(|&at| at >= 1)
        .and_then(|at| Id::from_slice(&key[at..]))
}

/// The name part of a name-index key, if the key is well formed.
pub(crate) fn name_of(key: &[u8]) -> Option<&[u8]> {
    let end = key
        .len()
        .checked_sub(1 + DAY_LEN + 32)
        .filter(|&e| e >= 1)?;
    (key[end] == 0).then(|| &key[1..end])
}

/// The day part of a name-index or day-index key, if the key is long
/// enough.
pub(crate) fn day_of(key: &[u8]) -> Option<Day> {
    let at = key.len().checked_sub(DAY_LEN + 32).filter(|&at| at >= 1)?;
    key[at..at + DAY_LEN].try_into().ok()
}

/// How long a [`Day`] is in a key.
pub(crate) const DAY_LEN: usize = 8;

/// An article's day as index keys order it: `YYYYMMDD` in ASCII digits
/// when its publication date starts with a real ISO 8601 day, so that
/// byte order is date order; [`UNDATED`] otherwise, which sorts after
/// every day. Name and day indexes carry it so that a listing in date
/// order walks their keys and stops once it has enough, reading no
/// article to learn its date.
pub type Day = [u8; DAY_LEN];

/// The [`Day`] of an article without a readable date.
pub const UNDATED: Day = [0xFF; DAY_LEN];

/// The [`Day`] of a publication date as stored (see [`Day`]): the
/// `YYYY-MM-DD` prefix of the trimmed text, if it names a day of the
/// proleptic Gregorian calendar.
pub fn day_key(published: Option<&str>) -> Day {
    let Some(b) = published
        .map(str::trim)
        .and_then(|p| p.get(..10))
        .map(str::as_bytes)
    else {
        return UNDATED;
    };
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return UNDATED;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if b[4] != b'-' || b[7] != b'-' || day == 0 || day > days_in_month {
        return UNDATED;
    }
    let mut out = [0u8; DAY_LEN];
    out[..4].copy_from_slice(&b[..4]);
    out[4..6].copy_from_slice(&b[5..7]);
    out[6..].copy_from_slice(&b[8..10]);
    out
}

/// An article's entry in the day index.
pub(crate) fn day_entry(day: &Day, article: &Id) -> [u8; 1 + DAY_LEN + 32] {
    let mut key = [0u8; 1 + DAY_LEN + 32];
    key[0] = Keyspace::ArticleByDay.tag();
    key[1..1 + DAY_LEN].copy_from_slice(day);
    key[1 + DAY_LEN..].copy_from_slice(article.as_bytes());
    key
}

/// The statement id in a fingerprint-index key.
pub(crate) fn statement_in_fingerprint_key(key: &[u8]) -> Option<Id> {
    (key.len() == 97)
        .then(|| Id::from_slice(&key[33..65]))
        .flatten()
}

/// An index entry: key and value.
pub(crate) type Entry = (Vec<u8>, Vec<u8>);

/// Every index entry an appearance implies, given its statement. This is
/// the one definition
/// of these indexes: writes add these entries and verification checks them
/// both ways.
///
/// * appearances by fingerprint: `fingerprint, statement, appearance`,
///   which finds statements with the same words and, under a statement's
///   prefix, its appearances;
/// * articles by speaker, outlet and wire: `folded name, 0x00, day,
///   article`, with the article's [`Day`]; shared by all appearances of
///   the article with that name, so an article of twenty statements
///   writes one outlet entry, not twenty.
pub(crate) fn appearance_entries(id: &Id, a: &Appearance, s: &Statement, day: &Day) -> Vec<Entry> {
    let mut entries = Vec::with_capacity(4);
    let mut by_fingerprint = statement_prefix(&s.fingerprint(), &a.statement).to_vec();
    by_fingerprint.extend_from_slice(id.as_bytes());
    entries.push((by_fingerprint, Vec::new()));
    for field in [NameField::Speaker, NameField::Outlet, NameField::Wire] {
        if let Some(name) = field.of(s) {
            let mut key = name_prefix(field.keyspace(), &fold_name(name));
            key.extend_from_slice(day);
            key.extend_from_slice(a.article.as_bytes());
            entries.push((key, Vec::new()));
        }
    }
    entries
}

/// An object kind the store keeps: how it is encoded and hashed.
pub(crate) trait Record: Sized {
    const KIND: ObjectKind;
    fn encode(&self) -> Vec<u8>;
    fn decode(value: &[u8]) -> Result<Self, DecodeError>;
    fn record_id(&self) -> Id;
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
    fn entries_parse_back() {
        let st = Statement::new(
            Kind::Quote,
            "We will",
            Some("Ag Intalla"),
            Some("RFI"),
            None,
        );
        let ap = Appearance {
            statement: st.id(),
            article: Id::of_fields("article", &["a"]),
            start: 5,
            end: 12,
            text: "We will".into(),
            speaker_mention: None,
            wire_source: crate::record::WireSource::None,
        };
        let id = ap.id();
        let day = day_key(Some("2012-04-06T10:00:00Z"));
        assert_eq!(&day, b"20120406");
        let entries = appearance_entries(&id, &ap, &st, &day);
        assert_eq!(entries.len(), 3);
        assert_eq!(statement_in_fingerprint_key(&entries[0].0), Some(st.id()));
        assert_eq!(tail_id(&entries[0].0), Some(id));
        assert_eq!(
            appearance_prefix(&id)[1..],
            appearances_key(&ap.article)[1..1 + ARTICLE_PART],
            "an appearance is found under its article"
        );
        let speaker = &entries[1].0;
        assert_eq!(name_of(speaker), Some(b"ag intalla".as_slice()));
        assert_eq!(tail_id(speaker), Some(ap.article));
        assert_eq!(day_of(speaker), Some(day));
        assert_eq!(
            speaker,
            &[
                name_prefix(Keyspace::ArticleBySpeaker, &fold_name("AG INTALLA")),
                day.to_vec(),
                ap.article.as_bytes().to_vec()
            ]
            .concat()
        );
    }

    #[test]
    fn days_sort_in_date_order_and_the_undated_last() {
        let days: Vec<Day> = [
            "1999-12-31",
            " 2012-02-29 ",
            "2012-03-01",
            "2024-11-05T08:00:00+01:00",
        ]
        .map(|d| day_key(Some(d)))
        .to_vec();
        assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
        assert!(days.iter().all(|d| *d < UNDATED));
        // What the follow engine's calendar refuses is undated here too.
        for not_a_day in [
            "",
            "2012",
            "2013-02-29",
            "1900-02-29",
            "2012-13-01",
            "2012-00-10",
            "2012-1-1",
            "20x2-01-01",
            "2012-04-31",
            "2012/04/01",
            "2012-04-0é",
        ] {
            assert_eq!(day_key(Some(not_a_day)), UNDATED, "{not_a_day:?}");
        }
        assert_eq!(day_key(None), UNDATED);
        assert_eq!(&day_key(Some("2000-02-29")), b"20000229");
    }
}
