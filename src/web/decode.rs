//! From raw bytes to HTML text: gunzip, size cap, binary check, charset.
//!
//! Everything here is bounded: a gzip bomb or a 50 MB page costs at most
//! [`MAX_HTML_BYTES`] of memory and the extractors never see more than that.
//! A page over the cap is refused with [`Error::TooLarge`], never cut.

use std::io::Read;

use super::Error;

/// The most HTML handed to the extractors unless `--max-page-mib` says
/// otherwise ([`super::limits`]). Article pages are far smaller
/// (the benchmark's largest is about 1.6 MB); beyond this the rest of a page
/// is inline images, scripts or endless listings, and the article text,
/// which comes early in the document, is already inside the cap. Parsing
/// time grows with the input, so the cap is also what keeps a huge page fast.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// How much of the start is inspected to tell text from binary data.
const SNIFF_BYTES: usize = 8 * 1024;

/// Whether `bytes` start with the gzip magic number.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses a gzip stream (all members), keeping at most `limit` bytes
/// of output. A truncated or corrupt stream is an error even when some
/// output came out, since the page would silently lose its end.
pub(crate) fn gunzip_capped(bytes: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut capped = decoder.take(limit as u64);
    capped.read_to_end(&mut out).map_err(Error::Gzip)?;
    if out.len() == limit {
        // Over the cap: check the rest decodes, without keeping it.
        let mut rest = capped.into_inner();
        std::io::copy(&mut rest, &mut std::io::sink()).map_err(Error::Gzip)?;
    }
    Ok(out)
}

/// Decompresses a brotli stream (HTTP `Content-Encoding: br`, which
/// archives store as the server sent it), keeping at most `limit` bytes of
/// output, like [`gunzip_capped`]: a truncated or corrupt stream is an
/// error, and a bomb costs no more than `limit`.
pub(crate) fn unbrotli_capped(bytes: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let decoder = brotli_decompressor::Decompressor::new(bytes, 64 * 1024);
    let mut capped = decoder.take(limit as u64);
    capped.read_to_end(&mut out).map_err(Error::Brotli)?;
    if out.len() == limit {
        let mut rest = capped.into_inner();
        std::io::copy(&mut rest, &mut std::io::sink()).map_err(Error::Brotli)?;
    }
    Ok(out)
}

/// Turns page bytes (maybe gzipped) into HTML text the extractors can take.
///
/// `gz_hint` says the name ends in `.gz`; gzip is also recognised by its
/// magic bytes, so a misnamed file still reads. A `.gz` name on data that is
/// not gzip is trusted to the bytes, not the name. `charset` is what the
/// HTTP `Content-Type` header declared, if the page came with one.
pub(crate) fn html_text(
    bytes: &[u8],
    gz_hint: bool,
    charset: Option<&str>,
) -> Result<String, Error> {
    let cap = super::limits::page_bytes();
    let raw: std::borrow::Cow<'_, [u8]> = if is_gzip(bytes) {
        gunzip_capped(bytes, cap + 1)?.into()
    } else if gz_hint && bytes.len() >= 2 && !looks_like_text_start(bytes) {
        return Err(Error::Gzip(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "named .gz but has no gzip header",
        )));
    } else {
        bytes.into()
    };
    if raw.len() > cap {
        // Refused, not cut: a page cut short would lose its end silently.
        return Err(Error::TooLarge { limit: cap });
    }
    let text = to_utf8(&raw, charset)?;
    if !text.contains('<') {
        return Err(Error::NotHtml);
    }
    Ok(text)
}

/// Whether the data opens like a text document (so a `.gz` name is wrong,
/// not the data).
fn looks_like_text_start(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .take(64)
        .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r'))
}

/// Decodes text in the charset it declares, in the order browsers use: a
/// byte-order mark, then the HTTP header's charset, then `<meta charset>`
/// (UTF-8 when none); refuses data that is clearly binary.
pub(crate) fn to_utf8(raw: &[u8], charset: Option<&str>) -> Result<String, Error> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(raw) {
        // UTF-16 pages are full of NUL bytes, so decode before sniffing.
        let (text, _, _) = encoding.decode(raw);
        return Ok(text.into_owned());
    }
    check_not_binary(raw)?;
    if let Some(encoding) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        if encoding == encoding_rs::UTF_8 {
            return Ok(mislabelled_utf8(raw));
        }
        let (text, _, _) = encoding.decode(raw);
        return Ok(text.into_owned());
    }
    let text = rs_trafilatura::encoding::transcode_to_utf8(raw);
    // The transcoder met bytes its encoding (usually a UTF-8 `<meta>`)
    // doesn't have: read them the way `mislabelled_utf8` does, rather
    // than as U+FFFD, which loses the letters of names.
    if text.contains('\u{FFFD}') && std::str::from_utf8(raw).is_err() && !contains_fffd(raw) {
        return Ok(mislabelled_utf8(raw));
    }
    Ok(text)
}

/// Bytes declared UTF-8, read as UTF-8 where they are, and each byte that
/// isn't as windows-1252 (what Latin-1 labels mean on the web): a page
/// that says UTF-8 but carries a Latin-1 "In\xe8s" keeps its "Inès" instead
/// of a replacement character. Linear in the input.
pub(crate) fn mislabelled_utf8(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    for chunk in raw.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(chunk.invalid());
            out.push_str(&latin);
        }
    }
    out
}

/// Whether the bytes already hold U+FFFD, encoded in UTF-8.
fn contains_fffd(raw: &[u8]) -> bool {
    raw.windows(3).any(|w| w == [0xEF, 0xBF, 0xBD])
}

/// Refuses bytes that no text page has: NUL bytes, or many control bytes,
/// in the first few kilobytes (images, PDFs, archives, executables).
fn check_not_binary(raw: &[u8]) -> Result<(), Error> {
    let head = &raw[..raw.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return Err(Error::Binary("NUL bytes"));
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if control * 20 > head.len() {
        return Err(Error::Binary("control bytes"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn bytes_that_are_not_the_declared_utf8_are_read_as_windows_1252() {
        let page = b"<html><head><meta charset=utf-8></head><body><p>In\xe8s G\xc3\xb3mez</p>";
        for text in [
            to_utf8(page, None).unwrap(),
            to_utf8(page, Some("utf-8")).unwrap(),
        ] {
            assert!(text.contains("In\u{e8}s G\u{f3}mez"), "{text}");
        }
        assert_eq!(
            mislabelled_utf8(b"\x93quoted\x94"),
            "\u{201C}quoted\u{201D}"
        );
    }

    #[test]
    fn gzip_is_found_by_magic_bytes_without_a_name() {
        let text = html_text(&gz(b"<p>hello</p>"), false, None).unwrap();
        assert_eq!(text, "<p>hello</p>");
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        let data = gz("<p>some words</p>".repeat(500).as_bytes());
        let err = html_text(&data[..data.len() / 2], true, None).unwrap_err();
        assert!(matches!(err, Error::Gzip(_)), "{err}");
    }

    #[test]
    fn gzip_bomb_is_capped() {
        let data = gz(&vec![b' '; MAX_HTML_BYTES + 4096]);
        let out = gunzip_capped(&data, MAX_HTML_BYTES).unwrap();
        assert_eq!(out.len(), MAX_HTML_BYTES);
    }

    #[test]
    fn pages_over_the_cap_are_refused_not_cut() {
        let mut page = b"<p>".to_vec();
        page.resize(MAX_HTML_BYTES + 1, b'a');
        assert!(matches!(
            html_text(&page, false, None),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            html_text(&gz(&page), false, None),
            Err(Error::TooLarge { .. })
        ));
    }

    #[test]
    fn binary_data_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(matches!(html_text(png, false, None), Err(Error::Binary(_))));
    }

    #[test]
    fn text_without_markup_is_not_html() {
        assert!(matches!(
            html_text(b"just words", false, None),
            Err(Error::NotHtml)
        ));
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut data = vec![0xff, 0xfe];
        for u in "<p>été</p>".encode_utf16() {
            data.extend(u.to_le_bytes());
        }
        assert_eq!(html_text(&data, false, None).unwrap(), "<p>été</p>");
    }

    #[test]
    fn declared_latin1_is_transcoded() {
        let page = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(html_text(page, false, None).unwrap().contains("café"));
    }
}
