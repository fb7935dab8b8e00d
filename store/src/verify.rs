//! Checking the whole store: every object still hashes to its id, every
//! index entry points at an object whose field matches it, every object has
//! all its index entries, and every appearance's statement and article exist.
//!
//! Reads already re-hash one object at a time; `verify` is the walk that
//! finds damage nobody has read yet, such as an index entry that went
//! missing, which no single read would notice.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::codec;
use crate::error::{Error, ObjectKind, Result};
use crate::extractor::ExtractorVersion;
use crate::id::Id;
use crate::keys::{self, Keyspace, Record, Role, SCHEMA_KEY};
use crate::record::{Appearance, Article, Statement};
use crate::store::{Store, check, check_appearance};

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

impl Problem {
    /// An index entry in `space` that no stored appearance backs: the
    /// problem the appearance and group walks report most.
    pub(crate) fn stale_appearance_entry(space: Keyspace, id: Option<Id>, detail: &str) -> Problem {
        Problem {
            kind: ProblemKind::StaleIndexEntry,
            object: Some(ObjectKind::Appearance),
            id,
            keyspace: space.name(),
            detail: detail.to_string(),
        }
    }
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
    /// Appearances in no statement group yet: work an interrupted ingest
    /// or `ingest --no-match` left for `quotetrail match`. Not damage.
    pub ungrouped: u64,
    /// Articles by the extractor recorded on their appearances (see
    /// [`ExtractorVersion`]); articles with none recorded are not listed
    /// ([`VerifyReport::unrecorded`] counts them). Not damage either: which
    /// extractor made a record is for the caller to judge.
    pub extractors: BTreeMap<ExtractorVersion, u64>,
    /// Everything found wrong, in key order.
    pub problems: Vec<Problem>,
    /// Bytes of keys and values read by the walk, for its speed.
    pub bytes: u64,
}

impl VerifyReport {
    /// Whether nothing was found wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Articles whose appearances record no extractor: written before
    /// versions were recorded, by a caller that gave none, or whose list
    /// mixes two extractors' finds.
    pub fn unrecorded(&self) -> u64 {
        let recorded: u64 = self.extractors.values().sum();
        self.articles.saturating_sub(recorded)
    }

    /// Articles whose appearances were made by another extractor than
    /// `current`, unrecorded ones included.
    pub fn made_by_other_than(&self, current: &ExtractorVersion) -> u64 {
        let by_current = self.extractors.get(current).copied().unwrap_or(0);
        self.articles.saturating_sub(by_current)
    }
}

/// What the walk has learned so far. Keys come in keyspace order, objects
/// (`0x0_`) before index entries, so these are complete by the time index
/// entries are checked against them.
#[derive(Default)]
pub(crate) struct Walk {
    pub(crate) report: VerifyReport,
    /// Sound group-of entries: appearances that are in a group.
    pub(crate) grouped: u64,
    /// Objects found corrupt: reported once, and not again for each index
    /// entry derived from them.
    pub(crate) corrupt: HashSet<Id>,
    /// Digests of the name-index keys sound appearances imply, so a name
    /// entry is checked with one lookup instead of re-reading its article.
    expected_names: HashSet<[u8; 16]>,
    /// Digests of the day-index keys sound articles imply.
    pub(crate) expected_days: HashSet<[u8; 16]>,
    /// Digests of the other index entries (key and value) sound
    /// appearances imply: an entry found here needs no further reads.
    expected_entries: HashSet<[u8; 16]>,
    /// Articles with an appearance whose statement is missing or corrupt,
    /// or whose list does not decode: their name entries can't be derived,
    /// so they are not judged.
    unjudged_articles: HashSet<Id>,
    /// Group ids seen so far, for checking memberships and candidates.
    pub(crate) groups: crate::group_walk::GroupWalk,
    /// The counters recomputed from what the walk read, for comparing with
    /// the stored ones (which sort last); `None` for a store whose counters
    /// are not built yet.
    counted: Option<crate::counters::Recount>,
    /// The stored counters, judged at the end of the walk.
    counters: Vec<(Vec<u8>, Vec<u8>)>,
    /// The word index, judged at the end of the walk.
    words: crate::word_index::WordWalk,
}

pub(crate) fn digest(key: &[u8]) -> [u8; 16] {
    digest_entry(key, &[])
}

/// Index keys have a fixed length per keyspace, so key and value
/// concatenated are unambiguous.
fn digest_entry(key: &[u8], value: &[u8]) -> [u8; 16] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(key);
    hasher.update(value);
    let hash = hasher.finalize();
    let mut out = [0u8; 16];
    out.copy_from_slice(&hash.as_bytes()[..16]);
    out
}

impl Store {
    /// Walks every key and reports all damage found (see the module docs).
    ///
    /// Damage is reported, not returned as an error; an error means the
    /// database itself could not be read.
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut walk = Walk {
            counted: self
                .counters_complete()?
                .then(crate::counters::Recount::default),
            ..Walk::default()
        };
        for entry in self.tree.iter() {
            let (key, value) = self.db(entry, || "scan the store")?;
            walk.report.bytes += (key.len() + value.len()) as u64;
            let Some(space) = key.first().copied().and_then(Keyspace::from_tag) else {
                walk.report
                    .problems
                    .push(unknown_key(&key, "unknown keyspace tag"));
                continue;
            };
            match space.role() {
                Role::Meta => {
                    if key.as_ref() == crate::word_index::MANIFEST_KEY {
                        walk.report.problems.extend(walk.words.manifest(&value));
                    } else if ![SCHEMA_KEY, keys::COUNTERS_KEY, keys::VERIFIED_KEY]
                        .contains(&key.as_ref())
                    {
                        walk.report
                            .problems
                            .push(unknown_key(&key, "unknown meta key"));
                    }
                }
                Role::Objects(kind) => {
                    let Some(id) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
                        walk.report
                            .problems
                            .push(unknown_key(&key, "object key is not 33 bytes"));
                        continue;
                    };
                    let sound = match kind {
                        ObjectKind::Article => {
                            walk.report.articles += 1;
                            match walk.object::<Article>(&id, &value, space) {
                                Some(article) => {
                                    self.verify_article_day(&id, &article, &mut walk)?;
                                    true
                                }
                                None => false,
                            }
                        }
                        ObjectKind::Statement => {
                            walk.report.statements += 1;
                            let statement = walk.object::<Statement>(&id, &value, space);
                            if let (Some(s), Some(counted)) = (&statement, &mut walk.counted) {
                                counted.statement(s, 0);
                            }
                            if let Some(s) = &statement {
                                walk.words.statement(&id, s);
                            }
                            statement.is_some()
                        }
                        // Appearances are kept in lists (`Role::Appearances`).
                        ObjectKind::Appearance => {
                            walk.report
                                .problems
                                .push(unknown_key(&key, "appearances have no keys of their own"));
                            true
                        }
                    };
                    if !sound {
                        walk.corrupt.insert(id);
                    }
                }
                Role::AppearanceIndex => {
                    walk.report.index_entries += 1;
                    let problem = self.verify_appearance_entry(&key, &value, space, &walk)?;
                    walk.report.problems.extend(problem);
                }
                Role::Appearances => self.verify_appearances(&key, &value, &mut walk)?,
                Role::ArticleNames(_) => {
                    walk.report.index_entries += 1;
                    let problem = verify_name_entry(&key, &value, space, &walk)?;
                    walk.report.problems.extend(problem);
                }
                Role::ArticleDays => {
                    walk.report.index_entries += 1;
                    let problem = crate::dated::verify_day_entry(&key, &value, &walk);
                    walk.report.problems.extend(problem);
                }
                Role::Groups => {
                    walk.report.index_entries += 1;
                    let problem = walk.groups.check(self, space, &key, &value)?;
                    if problem.is_none() && crate::group_walk::is_membership(space) {
                        walk.grouped += 1;
                    }
                    walk.report.problems.extend(problem);
                }
                Role::Unverified => {
                    if !crate::unverified::well_formed(&key, &value) {
                        walk.report
                            .problems
                            .push(unknown_key(&key, "malformed unverified entry"));
                    }
                }
                Role::WordIndex => {
                    walk.report.index_entries += 1;
                    let problem = walk.words.chunk(&key, &value);
                    walk.report.problems.extend(problem);
                }
                Role::Counters => {
                    walk.report.index_entries += 1;
                    walk.counters.push((key.to_vec(), value.to_vec()));
                }
            }
        }
        let unrecorded = walk.groups.finish();
        walk.report.problems.extend(unrecorded);
        // As with the counters, the index is judged against the
        // statements only when they could all be read.
        let judge = walk.report.is_clean();
        let words = std::mem::take(&mut walk.words).finish(judge);
        walk.report.problems.extend(words);
        // Counters of a store with other damage can't be judged by what
        // could be read: the damage is reported, and `repair` rebuilds the
        // counters with the rest.
        if let Some(counted) = walk.counted.take().filter(|_| walk.report.is_clean()) {
            crate::counters::verify(&walk.counters, counted, &mut walk.report);
        }
        walk.report.ungrouped = walk.report.appearances.saturating_sub(walk.grouped);
        Ok(walk.report)
    }

    /// Reads an object without re-hashing it, for objects the walk has
    /// already checked: `None` when it is missing, corrupt or undecodable.
    fn load_checked_before<R: Record>(&self, id: &Id, walk: &Walk) -> Result<Option<R>> {
        if walk.corrupt.contains(id) {
            return Ok(None);
        }
        let value = self.db(self.tree.get(keys::object_key(R::KIND, id)), || {
            format!("read {} {id}", R::KIND)
        })?;
        Ok(value.and_then(|v| R::decode(&v).ok()))
    }

    /// Checks an article's appearances: the article is stored, the list
    /// decodes, each appearance hashes to the id stored with it, and each
    /// is checked by [`Store::verify_appearance`].
    pub(crate) fn verify_appearances(
        &self,
        key: &[u8],
        value: &[u8],
        walk: &mut Walk,
    ) -> Result<()> {
        let space = Keyspace::Appearance;
        let Some(article) = Id::from_slice(&key[1..]).filter(|_| key.len() == 33) else {
            walk.report
                .problems
                .push(unknown_key(key, "appearance list key is not 33 bytes"));
            return Ok(());
        };
        let key = keys::object_key(ObjectKind::Article, &article);
        let Some(stored) = self.db(self.tree.get(key), || format!("read article {article}"))?
        else {
            walk.report.problems.push(Problem {
                kind: ProblemKind::DanglingReference,
                object: Some(ObjectKind::Article),
                id: Some(article),
                keyspace: space.name(),
                detail: "appearances are stored for it but the article is not".into(),
            });
            walk.unjudged_articles.insert(article);
            return Ok(());
        };
        // An article that does not decode is reported where articles are
        // checked; its appearances can't be read without its body.
        let (Ok(body), Ok(published)) = (
            codec::decode_body(&stored),
            codec::decode_published(&stored),
        ) else {
            walk.unjudged_articles.insert(article);
            return Ok(());
        };
        let day = keys::day_key(published.as_deref());
        let list = match codec::decode_appearances(&article, &body, value) {
            Ok(list) => {
                if let Ok(Some(version)) = codec::list_extractor(value) {
                    *walk.report.extractors.entry(version).or_default() += 1;
                }
                list
            }
            Err(e) => {
                walk.report.problems.push(Problem {
                    kind: ProblemKind::Corrupt,
                    object: Some(ObjectKind::Article),
                    id: Some(article),
                    keyspace: space.name(),
                    detail: format!("its appearance list does not decode ({})", e.0),
                });
                walk.unjudged_articles.insert(article);
                return Ok(());
            }
        };
        for (id, appearance) in list {
            walk.report.appearances += 1;
            match check_appearance(&id, appearance) {
                Ok(a) => self.verify_appearance(&id, &a, &day, walk)?,
                Err(e) => {
                    walk.report.problems.push(Problem {
                        kind: ProblemKind::Corrupt,
                        object: Some(ObjectKind::Appearance),
                        id: Some(id),
                        keyspace: space.name(),
                        detail: match e {
                            Error::Corrupt { what, .. } => what,
                            other => other.to_string(),
                        },
                    });
                    walk.corrupt.insert(id);
                    walk.unjudged_articles.insert(article);
                }
            }
        }
        Ok(())
    }

    /// Checks that an appearance's statement is stored and that every index
    /// entry it implies exists.
    fn verify_appearance(
        &self,
        id: &Id,
        a: &Appearance,
        day: &keys::Day,
        walk: &mut Walk,
    ) -> Result<()> {
        let dangling = |kind: ObjectKind, target: &Id| Problem {
            kind: ProblemKind::DanglingReference,
            object: Some(ObjectKind::Appearance),
            id: Some(*id),
            keyspace: Keyspace::Appearance.name(),
            detail: format!("its {kind} {target} is not stored"),
        };
        // Statements sort before appearances, so a corrupt one is already
        // reported and in `walk.corrupt`.
        let Some(statement) = self.load_checked_before::<Statement>(&a.statement, walk)? else {
            if !walk.corrupt.contains(&a.statement) {
                walk.report
                    .problems
                    .push(dangling(ObjectKind::Statement, &a.statement));
            }
            walk.unjudged_articles.insert(a.article);
            return Ok(());
        };
        if let Some(counted) = &mut walk.counted {
            counted.appearance(&statement);
        }
        // The text is the body at the span (decoding made it so); the
        // statement's words must be those words.
        if statement.text != crate::canonical::canonical_text(&a.text) {
            walk.report.problems.push(Problem {
                kind: ProblemKind::Corrupt,
                object: Some(ObjectKind::Appearance),
                id: Some(*id),
                keyspace: Keyspace::Appearance.name(),
                detail: format!(
                    "its statement's text is not the words at {}..{}",
                    a.start, a.end
                ),
            });
        }
        for (key, value) in keys::appearance_entries(id, a, &statement, day) {
            let space = key.first().copied().and_then(Keyspace::from_tag);
            if let Some(Role::ArticleNames(_)) = space.map(Keyspace::role) {
                // Shared by the article's appearances: look it up once.
                if !walk.expected_names.insert(digest(&key)) {
                    continue;
                }
            } else {
                walk.expected_entries.insert(digest_entry(&key, &value));
            }
            if !self.db(self.tree.contains_key(&key), || "read an index entry")? {
                walk.report.problems.push(Problem {
                    kind: ProblemKind::MissingIndexEntry,
                    object: Some(ObjectKind::Appearance),
                    id: Some(*id),
                    keyspace: space.map_or("?", Keyspace::name),
                    detail: "the appearance is not listed in this index".into(),
                });
            }
        }
        Ok(())
    }

    /// Checks that an entry of an appearance index is one its appearance
    /// implies, value included. An appearance that is itself corrupt or
    /// dangling is reported once, as an object, not again per entry.
    fn verify_appearance_entry(
        &self,
        key: &[u8],
        value: &[u8],
        space: Keyspace,
        walk: &Walk,
    ) -> Result<Option<Problem>> {
        let stale =
            |id: Option<Id>, detail: &str| Problem::stale_appearance_entry(space, id, detail);
        let Some(id) = keys::tail_id(key) else {
            return Ok(Some(stale(
                None,
                "index key is too short to name an appearance",
            )));
        };
        if walk.corrupt.contains(&id) || walk.expected_entries.contains(&digest_entry(key, value)) {
            return Ok(None);
        }
        // Not what a sound appearance implies: find out why. A list that
        // does not decode is reported where the lists are checked.
        let appearance = match self.get_appearance(&id) {
            Ok(Some(appearance)) => appearance,
            Ok(None) => {
                return Ok(Some(stale(
                    Some(id),
                    "it points to an appearance that is not stored",
                )));
            }
            Err(Error::Corrupt { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let Some(statement) = self.load_checked_before::<Statement>(&appearance.statement, walk)?
        else {
            return Ok(None); // Reported as a dangling reference.
        };
        // Only its fingerprint entry can be here; the day its name entries
        // carry does not change it.
        let entries = keys::appearance_entries(&id, &appearance, &statement, &keys::UNDATED);
        Ok(match entries.iter().find(|(k, _)| k.as_slice() == key) {
            None => Some(stale(Some(id), "its key does not match the appearance")),
            Some((_, expected)) if expected.as_slice() != value => {
                Some(stale(Some(id), "its value does not match the appearance"))
            }
            Some(_) => None,
        })
    }
}

/// Checks that a name-index entry is implied by some appearance of its
/// article, i.e. the article has a statement with that name in that field.
fn verify_name_entry(
    key: &[u8],
    value: &[u8],
    space: Keyspace,
    walk: &Walk,
) -> Result<Option<Problem>> {
    let (Some(name), Some(article)) = (keys::name_of(key), keys::tail_id(key)) else {
        return Ok(Some(unknown_key(key, "malformed name index key")));
    };
    let stale = |detail: String| Problem {
        kind: ProblemKind::StaleIndexEntry,
        object: Some(ObjectKind::Article),
        id: Some(article),
        keyspace: space.name(),
        detail,
    };
    if !value.is_empty() {
        return Ok(Some(stale("index entry has a value".into())));
    }
    if walk.expected_names.contains(&digest(key)) || walk.unjudged_articles.contains(&article) {
        return Ok(None);
    }
    Ok(Some(stale(format!(
        "no statement in the article has this name ({})",
        String::from_utf8_lossy(name)
    ))))
}

impl Walk {
    /// Checks that an object decodes and hashes to its id; returns it when
    /// it does.
    pub(crate) fn object<R: Record>(
        &mut self,
        id: &Id,
        value: &[u8],
        space: Keyspace,
    ) -> Option<R> {
        match check::<R>(id, value) {
            Ok(record) => Some(record),
            Err(e) => {
                let detail = match e {
                    Error::Corrupt { what, .. } => what,
                    other => other.to_string(),
                };
                self.report.problems.push(Problem {
                    kind: ProblemKind::Corrupt,
                    object: Some(R::KIND),
                    id: Some(*id),
                    keyspace: space.name(),
                    detail,
                });
                None
            }
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
#[path = "verify_tests.rs"]
mod tests;
