//! The group state as stored, and its byte codec: a [`GroupState`] per
//! group and a [`MemberSummary`] per member, written and read back in a
//! small versioned format.
//!
//! **Why the format is compact** (issue 13). Group values were 30% of a
//! scale store's live bytes, about 480 bytes a group, though most groups
//! hold one statement. In such a group the reference, the longest
//! version and the founder are one appearance, so format 1 stored its id
//! three times (twice here, once in the store's group record) and its
//! summary three times, and every count, length and date took 4 or 5
//! bytes. Format 2 writes what repeats once:
//!
//! * a flag when the longest version is the reference (same id, same
//!   summary, no keys of its own), instead of a second id and summary;
//! * a flag when the reference (or the longest version) is the group's
//!   founder, whose id the store's group record holds
//!   ([`quotetrail_store::GroupValue::founder`]) and hands back to
//!   [`GroupState::decode`]: the id is not written again;
//! * LEB128 varints for sizes, counts, lengths, word counts and arrival
//!   order, the dates as a zigzag varint day and the span after it.
//!
//! The word keys stay 8 bytes each: they are what candidates are verified
//! against ([`crate::follow::matching::word_match`]), and a narrower hash
//! would let two different words compare equal. Each compact form is
//! chosen only when it is exact, so a decoded state equals the encoded
//! one field for field, and matching decides the same.

use quotetrail_store::{GroupId, GroupValue, Id};
use serde::Serialize;

/// A group as stored: enough to verify candidates, pick the reference and
/// list groups without reading members.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupState {
    /// The reference version: the earliest complete one.
    pub reference: Id,
    /// The longest eligible version (a quote when the group has one).
    pub longest: Id,
    /// How many versions are in.
    pub size: u32,
    /// Whether any version is a quote.
    pub has_quote: bool,
    /// Date range, days since 1970-01-01.
    pub day_min: Option<i32>,
    /// See `day_min`.
    pub day_max: Option<i32>,
    /// Speakers as named in the versions (first few).
    pub speakers: Vec<String>,
    /// Outlets that printed a version (first few).
    pub outlets: Vec<String>,
    /// Agencies credited (first few).
    pub wires: Vec<String>,
    /// Proper-name words in the versions, folded (first few dozen): what
    /// a paraphrase with other words still shares.
    #[serde(skip)]
    pub(super) names: Vec<String>,
    #[serde(skip)]
    pub(super) reference_summary: MemberSummary,
    #[serde(skip)]
    pub(super) longest_summary: MemberSummary,
    #[serde(skip)]
    pub(super) reference_keys: Vec<u64>,
    #[serde(skip)]
    pub(super) longest_keys: Vec<u64>,
}

impl Default for GroupState {
    fn default() -> Self {
        let zero = Id::from_bytes([0; 32]);
        GroupState {
            reference: zero,
            longest: zero,
            size: 0,
            has_quote: false,
            day_min: None,
            day_max: None,
            speakers: Vec::new(),
            outlets: Vec::new(),
            wires: Vec::new(),
            names: Vec::new(),
            reference_summary: MemberSummary::default(),
            longest_summary: MemberSummary::default(),
            reference_keys: Vec::new(),
            longest_keys: Vec::new(),
        }
    }
}

/// What is kept per member to choose a reference without reading texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemberSummary {
    /// Whether it is a quote.
    pub quote: bool,
    /// Its date.
    pub day: Option<i32>,
    /// Its length in words.
    pub words: u32,
    /// Order of arrival in the group.
    pub seq: u32,
}

impl MemberSummary {
    pub(super) fn rank(&self) -> (i32, std::cmp::Reverse<u32>, u32) {
        (
            self.day.unwrap_or(i32::MAX),
            std::cmp::Reverse(self.words),
            self.seq,
        )
    }

    /// A tag byte (format mark, quote, date present), the day as a zigzag
    /// varint, then words and arrival order as varints: 6 bytes where
    /// format 1 wrote 14. A member value of format 1 starts with 0 or 1,
    /// which lacks the mark, so it reads as `None` rather than as garbage.
    pub(super) fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.summary(self);
        w.0
    }

    /// Reads a summary back; `None` for bytes not written by `encode`.
    pub fn decode(bytes: &[u8]) -> Option<MemberSummary> {
        let mut r = Reader(bytes);
        let s = r.summary()?;
        r.0.is_empty().then_some(s)
    }
}

/// Set in every summary's tag byte (see [`MemberSummary::encode`]).
const SUMMARY_MARK: u8 = 0x80;
const SUMMARY_QUOTE: u8 = 0x01;
const SUMMARY_DAY: u8 = 0x02;

/// The state's format; a state of another format decodes as `None`, and
/// the matcher then treats the group as absent (stores of older schemas
/// drop their groups when migrated, so none is left behind).
const STATE_FORMAT: u8 = 2;

/// Flags of a format-2 state (see the module docs).
const HAS_QUOTE: u8 = 0x01;
const HAS_DAYS: u8 = 0x02;
const LONGEST_IS_REFERENCE: u8 = 0x04;
const REFERENCE_IS_FOUNDER: u8 = 0x08;
const LONGEST_IS_FOUNDER: u8 = 0x10;
const KNOWN_FLAGS: u8 = 0x1f;
/// Never both: a longest version that is the reference has no id.
const LONGEST_FLAGS: u8 = LONGEST_IS_REFERENCE | LONGEST_IS_FOUNDER;

impl GroupState {
    /// Encodes the state of `group`, leaving out what repeats (see the
    /// module docs): `group` tells whether the reference or the longest
    /// version is the appearance that founded it.
    pub(super) fn encode(&self, group: &GroupId) -> Vec<u8> {
        let founder = |id: &Id| GroupId::founded_by(id) == *group;
        // Only when exact: after a merge the longest version can carry
        // the summary it had in the other group (its `seq` differs).
        let longest_is_reference = self.longest == self.reference
            && self.longest_summary == self.reference_summary
            && self.longest_keys.is_empty();
        let mut flags = 0;
        for (set, flag) in [
            (self.has_quote, HAS_QUOTE),
            (self.day_min.is_some() && self.day_max.is_some(), HAS_DAYS),
            (longest_is_reference, LONGEST_IS_REFERENCE),
            (founder(&self.reference), REFERENCE_IS_FOUNDER),
            (
                !longest_is_reference && founder(&self.longest),
                LONGEST_IS_FOUNDER,
            ),
        ] {
            if set {
                flags |= flag;
            }
        }
        let mut w = Writer::default();
        w.u8(STATE_FORMAT);
        w.u8(flags);
        w.varint(u64::from(self.size));
        match (self.day_min, self.day_max) {
            (Some(min), Some(max)) => {
                w.signed(i64::from(min));
                w.signed(i64::from(max) - i64::from(min));
            }
            // One date without the other is never written by the
            // matcher; it is kept exactly all the same.
            (min, max) => {
                w.day(min);
                w.day(max);
            }
        }
        if flags & REFERENCE_IS_FOUNDER == 0 {
            w.id(&self.reference);
        }
        w.summary(&self.reference_summary);
        if !longest_is_reference {
            if flags & LONGEST_IS_FOUNDER == 0 {
                w.id(&self.longest);
            }
            w.summary(&self.longest_summary);
        }
        for list in [&self.speakers, &self.outlets, &self.wires, &self.names] {
            w.varint(list.len() as u64);
            for s in list {
                w.bytes(s.as_bytes());
            }
        }
        w.keys(&self.reference_keys);
        if !longest_is_reference {
            w.keys(&self.longest_keys);
        }
        w.0
    }

    /// Reads back a state as the store hands it over, with the founder
    /// recorded beside it.
    pub fn from_value(value: &GroupValue) -> Option<GroupState> {
        GroupState::decode(&value.state, value.founder.as_ref())
    }

    /// Reads a state back, given the group's recorded founder; `None` for
    /// bytes not written by this version of [`GroupState::encode`] (other
    /// formats, cut or trailing bytes), and for a state that names the
    /// founder when none is recorded.
    pub fn decode(bytes: &[u8], founder: Option<&Id>) -> Option<GroupState> {
        let mut r = Reader(bytes);
        if r.u8()? != STATE_FORMAT {
            return None;
        }
        let flags = r.u8()?;
        if flags & !KNOWN_FLAGS != 0 || flags & LONGEST_FLAGS == LONGEST_FLAGS {
            return None;
        }
        let mut st = GroupState {
            size: u32::try_from(r.varint()?).ok()?,
            has_quote: flags & HAS_QUOTE != 0,
            ..GroupState::default()
        };
        if flags & HAS_DAYS != 0 {
            let min = i32::try_from(r.signed()?).ok()?;
            let max = i32::try_from(i64::from(min).checked_add(r.signed()?)?).ok()?;
            (st.day_min, st.day_max) = (Some(min), Some(max));
        } else {
            (st.day_min, st.day_max) = (r.day()?, r.day()?);
        }
        let id = |r: &mut Reader, flag: u8| match flags & flag {
            0 => r.id(),
            _ => founder.copied(),
        };
        st.reference = id(&mut r, REFERENCE_IS_FOUNDER)?;
        st.reference_summary = r.summary()?;
        let longest_is_reference = flags & LONGEST_IS_REFERENCE != 0;
        if longest_is_reference {
            (st.longest, st.longest_summary) = (st.reference, st.reference_summary);
        } else {
            st.longest = id(&mut r, LONGEST_IS_FOUNDER)?;
            st.longest_summary = r.summary()?;
        }
        for list in [
            &mut st.speakers,
            &mut st.outlets,
            &mut st.wires,
            &mut st.names,
        ] {
            // Each string takes at least its length byte: a count past
            // what is left is refused before anything is allocated.
            let n = r.count(1)?;
            for _ in 0..n {
                list.push(String::from_utf8(r.bytes()?.to_vec()).ok()?);
            }
        }
        st.reference_keys = r.keys()?;
        if !longest_is_reference {
            st.longest_keys = r.keys()?;
        }
        r.0.is_empty().then_some(st)
    }
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    /// LEB128: seven bits a byte, low first, the high bit set on all but
    /// the last.
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    /// Zigzag, so that a small negative number stays short.
    fn signed(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn id(&mut self, id: &Id) {
        self.0.extend_from_slice(id.as_bytes());
    }
    fn day(&mut self, d: Option<i32>) {
        match d {
            Some(d) => {
                self.0.push(1);
                self.signed(i64::from(d));
            }
            None => self.0.push(0),
        }
    }
    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.0.extend_from_slice(b);
    }
    fn summary(&mut self, s: &MemberSummary) {
        let mut tag = SUMMARY_MARK;
        if s.quote {
            tag |= SUMMARY_QUOTE;
        }
        if s.day.is_some() {
            tag |= SUMMARY_DAY;
        }
        self.u8(tag);
        if let Some(d) = s.day {
            self.signed(i64::from(d));
        }
        self.varint(u64::from(s.words));
        self.varint(u64::from(s.seq));
    }
    fn keys(&mut self, keys: &[u64]) {
        self.varint(keys.len() as u64);
        for k in keys {
            self.0.extend_from_slice(&k.to_le_bytes());
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    /// A varint of at most ten bytes whose bits fit in a u64.
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            let bits = u64::from(b & 0x7f);
            if shift == 63 && bits > 1 {
                return None;
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn signed(&mut self) -> Option<i64> {
        let v = self.varint()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }
    /// A count of items of at least `min` bytes each, refused when the
    /// bytes left cannot hold them.
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n <= self.0.len() / min).then_some(n)
    }
    fn id(&mut self) -> Option<Id> {
        Id::from_slice(self.take(32)?)
    }
    fn day(&mut self) -> Option<Option<i32>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(i32::try_from(self.signed()?).ok()?)),
            _ => None,
        }
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.count(1)?;
        self.take(n)
    }
    fn summary(&mut self) -> Option<MemberSummary> {
        let tag = self.u8()?;
        if tag & !(SUMMARY_QUOTE | SUMMARY_DAY) != SUMMARY_MARK {
            return None;
        }
        let day = match tag & SUMMARY_DAY {
            0 => None,
            _ => Some(i32::try_from(self.signed()?).ok()?),
        };
        Some(MemberSummary {
            quote: tag & SUMMARY_QUOTE != 0,
            day,
            words: u32::try_from(self.varint()?).ok()?,
            seq: u32::try_from(self.varint()?).ok()?,
        })
    }
    fn keys(&mut self) -> Option<Vec<u64>> {
        let n = self.count(8)?;
        Some(
            self.take(n * 8)?
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        )
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
