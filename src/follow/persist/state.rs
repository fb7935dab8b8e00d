//! The group state as stored, and its byte codec: a [`GroupState`] per
//! group and a [`MemberSummary`] per member, written and read back in a
//! small versioned format.

use quotetrail_store::Id;
use serde::Serialize;

use super::MAX_NAME_WORDS;

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

    pub(super) fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u8(self.quote as u8);
        w.day(self.day);
        w.u32(self.words);
        w.u32(self.seq);
        w.0
    }

    /// Reads a summary back; `None` for bytes not written by `encode`.
    pub fn decode(bytes: &[u8]) -> Option<MemberSummary> {
        let mut r = Reader(bytes);
        Some(MemberSummary {
            quote: r.u8()? != 0,
            day: r.day()?,
            words: r.u32()?,
            seq: r.u32()?,
        })
    }
}

const STATE_FORMAT: u8 = 1;

impl GroupState {
    pub(super) fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u8(STATE_FORMAT);
        w.id(&self.reference);
        w.id(&self.longest);
        w.u32(self.size);
        w.u8(self.has_quote as u8);
        w.day(self.day_min);
        w.day(self.day_max);
        for list in [&self.speakers, &self.outlets, &self.wires, &self.names] {
            w.u32(list.len() as u32);
            for s in list {
                w.str(s);
            }
        }
        for s in [&self.reference_summary, &self.longest_summary] {
            w.bytes(&s.encode());
        }
        for keys in [&self.reference_keys, &self.longest_keys] {
            w.u32(keys.len() as u32);
            for k in keys {
                w.0.extend_from_slice(&k.to_le_bytes());
            }
        }
        w.0
    }

    /// Reads a state back; `None` for bytes not written by this version.
    pub fn decode(bytes: &[u8]) -> Option<GroupState> {
        let mut r = Reader(bytes);
        if r.u8()? != STATE_FORMAT {
            return None;
        }
        let mut st = GroupState {
            reference: r.id()?,
            longest: r.id()?,
            size: r.u32()?,
            has_quote: r.u8()? != 0,
            day_min: r.day()?,
            day_max: r.day()?,
            ..GroupState::default()
        };
        for list in [
            &mut st.speakers,
            &mut st.outlets,
            &mut st.wires,
            &mut st.names,
        ] {
            let n = r.u32()? as usize;
            for _ in 0..n.min(MAX_NAME_WORDS) {
                list.push(r.str()?);
            }
        }
        st.reference_summary = MemberSummary::decode(r.bytes()?)?;
        st.longest_summary = MemberSummary::decode(r.bytes()?)?;
        for keys in [&mut st.reference_keys, &mut st.longest_keys] {
            let n = r.u32()? as usize;
            if n > r.0.len() / 8 {
                return None;
            }
            for _ in 0..n {
                keys.push(u64::from_le_bytes(r.take(8)?.try_into().ok()?));
            }
        }
        Some(st)
    }
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn id(&mut self, id: &Id) {
        self.0.extend_from_slice(id.as_bytes());
    }
    fn day(&mut self, d: Option<i32>) {
        match d {
            Some(d) => {
                self.0.push(1);
                self.0.extend_from_slice(&d.to_le_bytes());
            }
            None => self.0.push(0),
        }
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
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
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn id(&mut self) -> Option<Id> {
        Id::from_slice(self.take(32)?)
    }
    fn day(&mut self) -> Option<Option<i32>> {
        match self.u8()? {
            0 => Some(None),
            _ => Some(Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))),
        }
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn str(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }
}
