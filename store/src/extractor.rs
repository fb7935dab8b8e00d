//! Which extractor made an article's appearances.
//!
//! Articles are the evidence; statements, appearances and groups are what
//! an extractor decided about them, and extraction keeps improving. So
//! that a store can tell records an older extractor made from the current
//! one's, each article's appearance list carries the version of the
//! extractor that made it (see `codec::encode_appearances`).
//!
//! This crate knows nothing about extraction: the version is an opaque 16
//! bytes its caller computes (the CLI hashes its rules and word lists) and
//! passes in with the records ([`crate::Checked::by`]). Lists written before
//! versions were recorded, or by a caller that gives none, read back as
//! unrecorded (`None`).

use std::str::FromStr;

/// An extractor's version: 16 opaque bytes, shown as 32 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExtractorVersion([u8; 16]);

impl ExtractorVersion {
    /// How many bytes a version has.
    pub const LEN: usize = 16;

    /// Wraps raw bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> ExtractorVersion {
        ExtractorVersion(bytes)
    }

    /// The first 16 bytes of a longer digest (a blake3 hash, say).
    pub fn from_digest(digest: &[u8; 32]) -> ExtractorVersion {
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        ExtractorVersion(out)
    }

    /// Reads a version from the first 16 bytes of `bytes`.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<ExtractorVersion> {
        bytes.get(..16)?.try_into().ok().map(ExtractorVersion)
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The 32-digit lowercase hex form.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The first `n` hex digits, for display.
    pub fn short(&self, n: usize) -> String {
        let mut hex = self.to_hex();
        hex.truncate(n);
        hex
    }
}

/// Why a string is not an extractor version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an extractor version has 32 hex digits, found {0:?}")]
pub struct ParseVersionError(String);

impl FromStr for ExtractorVersion {
    type Err = ParseVersionError;
    fn from_str(s: &str) -> Result<ExtractorVersion, ParseVersionError> {
        let bad = || ParseVersionError(s.to_owned());
        if s.len() != 32 || !s.is_ascii() {
            return Err(bad());
        }
        let mut out = [0u8; 16];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(ExtractorVersion(out))
    }
}

crate::id::hex_text_forms!(ExtractorVersion);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_bad_text_is_refused() {
        let v = ExtractorVersion::from_digest(blake3::hash(b"rules").as_bytes());
        assert_eq!(v.to_hex().parse::<ExtractorVersion>(), Ok(v));
        assert_eq!(v.to_hex().len(), 32);
        assert_eq!(&v.to_hex()[..12], v.short(12));
        for bad in ["", "00", &"g".repeat(32), &"0".repeat(33), &"é".repeat(16)] {
            assert!(bad.parse::<ExtractorVersion>().is_err(), "{bad:?}");
        }
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<ExtractorVersion>(&json).unwrap(), v);
    }
}
