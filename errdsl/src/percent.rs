//! Percent-encoding (RFC 3986), on the `percent-encoding` crate: the names
//! in the problem `type`s errdsl writes; decoding strict for the URIs errdsl
//! reads back (problem `type`s and `instance`s, JSON Pointers in URI
//! fragment form), lenient for a gRPC `grpc-message`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use std::borrow::Cow;

/// What RFC 3986 calls unreserved stays as it is: ASCII letters, digits
/// and `-._~`.
const RESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes every byte but ASCII letters, digits and `-._~`.
#[cfg_attr(not(feature = "serde"), allow(dead_code, reason = "the HTTP bodies write URIs"))]
pub(crate) fn percent_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, RESERVED).to_string()
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result
/// is not UTF-8.
#[cfg_attr(not(feature = "serde"), allow(dead_code, reason = "the HTTP bodies read URIs"))]
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let well_formed =
        bytes.iter().enumerate().filter(|(_, byte)| **byte == b'%').all(|(at, _)| {
            bytes.get(at + 1..at + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
        });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode(bytes).decode_utf8().ok().map(Cow::into_owned)
}

/// Decodes `%XX` escapes leniently, as the gRPC spec asks of a
/// `grpc-message`: a `%` not followed by two hex digits is kept as it is,
/// and bytes that are not UTF-8 become U+FFFD.
#[cfg_attr(not(feature = "tonic"), allow(dead_code, reason = "the gRPC decoder reads grpc-message"))]
pub(crate) fn percent_decode_lossy(bytes: &[u8]) -> String {
    percent_encoding::percent_decode(bytes).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_rejects_malformed_escapes() {
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%"), None);
        assert_eq!(percent_decode("%2"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%+1"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(percent_decode("é%C3%A9").as_deref(), Some("éé"));
        assert_eq!(percent_decode("100%25").as_deref(), Some("100%"));
    }

    #[test]
    fn encoding_keeps_only_unreserved_bytes() {
        assert_eq!(percent_encode("div_by-zero.v2~"), "div_by-zero.v2~");
        assert_eq!(percent_encode("a b/c%é"), "a%20b%2Fc%25%C3%A9");
        assert_eq!(percent_decode(&percent_encode("a b/c%é")).as_deref(), Some("a b/c%é"));
    }

    #[test]
    fn lossy_decoding_keeps_what_it_cannot_read() {
        assert_eq!(percent_decode_lossy(b"a%20b%zz%4%"), "a b%zz%4%");
        assert_eq!(percent_decode_lossy(b"%C3%A9t%c3%a9"), "\u{e9}t\u{e9}");
        assert_eq!(percent_decode_lossy(b"%FF"), "\u{FFFD}");
        assert_eq!(percent_decode_lossy(b""), "");
    }
}
