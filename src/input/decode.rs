//! Turning a file's bytes into text, or saying exactly why not.
//!
//! The checks run in the order a user would want them: an empty file is
//! "empty", not "no articles"; a file with NUL bytes is binary even when the
//! rest would decode; otherwise the first byte that is not UTF-8 is named by
//! its offset, so `xxd -s OFFSET` shows it.

use std::path::Path;

use super::InputError;

/// The UTF-8 byte-order mark some editors put first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a whole file as one text.
pub fn text(path: &Path, mut bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        path: path.to_owned(),
        line: None,
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(InputError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("f.txt")
    }

    #[test]
    fn names_the_first_bad_byte() {
        let err = text(p(), b"abc\xFFdef".to_vec()).unwrap_err();
        assert!(matches!(err, InputError::NotUtf8 { offset: 3, .. }));
        assert_eq!(err.to_string(), "f.txt: invalid UTF-8 at byte offset 3");
    }

    #[test]
    fn nul_means_binary() {
        let err = text(p(), b"ab\0c\xFF".to_vec()).unwrap_err();
        assert!(matches!(err, InputError::Binary { offset: 2, .. }));
    }

    #[test]
    fn blank_is_empty() {
        assert!(matches!(
            text(p(), b" \n\t\n".to_vec()),
            Err(InputError::Empty { .. })
        ));
        assert!(matches!(
            text(p(), Vec::new()),
            Err(InputError::Empty { .. })
        ));
    }

    #[test]
    fn strips_bom() {
        assert_eq!(text(p(), b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
    }
}
