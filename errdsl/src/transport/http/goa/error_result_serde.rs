//! `Serialize` and `Deserialize` for [`ErrorResult`] in Goa's JSON shape,
//! through [`GoaBody`], beside which they live.
//!
//! The format is documented on the two impls, where rustdoc shows it on
//! `ErrorResult`'s page; this module is private.

use super::GoaBody;
use crate::model::error_result::ErrorResult;
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

/// Writes Goa's error body ([`GoaBody`]):
///
/// ```json
/// {"name":"div_by_zero","id":"x7Fq9-Ab","message":"You can't divide by zero.",
///  "temporary":false,"timeout":false,"fault":false,
///  "code":"invalid_argument","user_message":"You can't divide by zero."}
/// ```
///
/// The six fields of Goa's error body are always written, so Goa-generated
/// clients decode errdsl errors as their own. Fields follow which Goa
/// clients ignore:
///
/// - `code`, always: every `ErrorResult` has one, and without it a client
///   would have to guess the code from the HTTP status (which is not in the
///   body, and which several codes share);
/// - `user_message`, only when there is one;
/// - `fields`, the wire fields ([`ErrorResult::fields`]) as an object of
///   strings, only when there are any.
///
/// `message` is the *wire message* ([`ErrorResult::wire_message`]), not the
/// `Display` text: a fault's own text never leaves the process. The HTTP
/// status, `Retry-After`, the service and the source are not in the body:
/// the first two travel in the HTTP response's status line and headers, the
/// service in gRPC's `ErrorInfo`, and the source stays on the server.
///
/// ```
/// use errdsl::{Code, ErrorResult};
///
/// let err = ErrorResult::builder("db_down", Code::Internal)
///     .message("connect to 10.0.0.7:5432: connection refused")
///     .fault(true)
///     .id("x7Fq9-Ab")
///     .build();
/// assert_eq!(
///     serde_json::to_string(&err).unwrap(),
///     r#"{"name":"db_down","id":"x7Fq9-Ab","message":"internal error (id: x7Fq9-Ab)","temporary":false,"timeout":false,"fault":true,"code":"internal"}"#,
/// );
/// ```
impl Serialize for ErrorResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::serialize_error(&self.outgoing(), serializer)
    }
}

/// Reads Goa's error body ([`GoaBody`]), strictly.
///
/// Anything but an object, a field of the wrong type (`"temporary": "yes"`),
/// a duplicate field, a missing `name` or an unknown `code` name is an error.
/// Unknown fields are ignored. What may be missing:
///
/// - `id` (or `null`): a fresh one is made, so that every `ErrorResult` has
///   an id to log;
/// - `message` (or `null`): the name, as [`ErrorResult::builder`] does;
/// - `temporary`, `timeout`, `fault`: `false`;
/// - `code` (or `null`): from the flags, the way the derive resolves an
///   error declared with flags only: timeout `DeadlineExceeded`, else fault
///   `Internal`, else temporary `Unavailable`, else `Unknown`;
/// - `user_message` (or `null`): none;
/// - `fields` (or `null`): none; when present, an object of strings.
///
/// The HTTP status is the code's ([`Code::http_status`](crate::Code::http_status)); a transport that
/// knows the real one (the client decoders) sets it itself.
///
/// ```
/// use errdsl::{Code, ErrorResult, ServiceError};
///
/// let err: ErrorResult = serde_json::from_str(
///     r#"{"name":"maintenance","id":"x7Fq9-Ab","message":"in maintenance","temporary":true,"timeout":false,"fault":false}"#,
/// ).unwrap();
/// assert_eq!(err.code(), Code::Unavailable); // no code: from the flags
/// assert_eq!(err.http_status(), 503);
///
/// assert!(serde_json::from_str::<ErrorResult>(r#"{"name":"x","temporary":"yes"}"#).is_err());
/// assert!(serde_json::from_str::<ErrorResult>("[]").is_err());
/// ```
impl<'de> Deserialize<'de> for ErrorResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        GoaBody::deserialize(deserializer).map(GoaBody::into_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::code::Code;
    use crate::model::service_error::ServiceError;
    use http::StatusCode;
    use serde_json::{Value, json};
    use std::error::Error as _;

    fn decode(text: &str) -> Result<ErrorResult, serde_json::Error> {
        serde_json::from_str(text)
    }

    fn encode(err: &ErrorResult) -> Value {
        serde_json::to_value(err).unwrap()
    }

    #[test]
    fn writes_goa_shape_with_code() {
        let err =
            ErrorResult::builder("not_found", Code::NotFound).id("abcdEFGH").message("no user 42").build();
        assert_eq!(
            serde_json::to_string(&err).unwrap(),
            r#"{"name":"not_found","id":"abcdEFGH","message":"no user 42","temporary":false,"timeout":false,"fault":false,"code":"not_found"}"#
        );
    }

    #[test]
    fn writes_user_message_when_set_and_uses_it_as_message() {
        let err = ErrorResult::builder("div_by_zero", Code::InvalidArgument)
            .id("abcdEFGH")
            .message("cannot divide 7 by zero")
            .user_message("You can't divide by zero.")
            .build();
        assert_eq!(
            encode(&err),
            json!({
                "name": "div_by_zero", "id": "abcdEFGH", "message": "You can't divide by zero.",
                "temporary": false, "timeout": false, "fault": false,
                "code": "invalid_argument", "user_message": "You can't divide by zero.",
            })
        );
    }

    #[test]
    fn fault_text_never_reaches_the_body() {
        let err = ErrorResult::builder("db_down", Code::Internal)
            .message("password for admin@10.0.0.7 rejected")
            .fault(true)
            .source("more secrets")
            .build();
        let text = serde_json::to_string(&err).unwrap();
        assert!(!text.contains("password") && !text.contains("secrets"), "{text}");
        assert_eq!(encode(&err)["message"], format!("internal error (id: {})", err.id()));
    }

    #[test]
    fn round_trips() {
        let errors = [
            ErrorResult::new("not_found", Code::NotFound, "no user 42"),
            ErrorResult::builder("maintenance", Code::Unavailable)
                .message("in maintenance")
                .temporary(true)
                .user_message("Back soon.")
                .field("node", "3")
                .field("région", "ünï \"q\"")
                .build(),
            ErrorResult::builder("slow", Code::DeadlineExceeded).temporary(true).timeout(true).build(),
            ErrorResult::builder("db_down", Code::Internal).fault(true).build(),
            ErrorResult::builder("ünïcødé \"quoted\"\n", Code::DataLoss).message("✓\u{0}").build(),
        ];
        for err in errors {
            let back = decode(&serde_json::to_string(&err).unwrap()).unwrap();
            assert_eq!(back.name(), err.name());
            assert_eq!(back.id(), err.id());
            assert_eq!(back.message(), err.wire_message());
            assert_eq!(back.code(), err.code());
            assert_eq!(back.http_status(), err.code().http_status());
            assert_eq!(back.is_temporary(), err.is_temporary());
            assert_eq!(back.is_timeout(), err.is_timeout());
            assert_eq!(back.is_fault(), err.is_fault());
            assert_eq!(back.user_message(), err.user_message());
            assert!(back.fields().eq(err.fields()));
            assert!(back.source().is_none());
            // Encoding the decoded error gives the same body again.
            assert_eq!(encode(&back), encode(&err));
        }
    }

    #[test]
    fn reads_a_goa_body() {
        let err = decode(
            r#"{"name":"bad_request","id":"Fz4_q-1a","message":"missing field","temporary":false,"timeout":false,"fault":false}"#,
        )
        .unwrap();
        assert_eq!(err.name(), "bad_request");
        assert_eq!(err.id(), "Fz4_q-1a");
        assert_eq!(err.message(), "missing field");
        assert_eq!(err.code(), Code::Unknown);
        assert_eq!(err.http_status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(err.user_message(), None);
    }

    #[test]
    fn missing_fields_get_defaults() {
        let err = decode(r#"{"name":"x"}"#).unwrap();
        assert_eq!(err.id().len(), 8);
        assert_eq!(err.message(), "x");
        assert!(!err.is_temporary() && !err.is_timeout() && !err.is_fault());
        assert_eq!(err.code(), Code::Unknown);
        assert_eq!(err.user_message(), None);
        assert_eq!(decode(r#"{"name":"x","user_message":null}"#).unwrap().user_message(), None);
    }

    #[test]
    fn missing_code_comes_from_the_flags() {
        let cases = [
            // timeout first, as the derive resolves it: a timeout fault is DeadlineExceeded
            (r#"{"name":"x","fault":true,"timeout":true,"temporary":true}"#, Code::DeadlineExceeded),
            (r#"{"name":"x","fault":true,"timeout":true}"#, Code::DeadlineExceeded),
            (r#"{"name":"x","timeout":true,"temporary":true}"#, Code::DeadlineExceeded),
            (r#"{"name":"x","fault":true,"temporary":true}"#, Code::Internal),
            (r#"{"name":"x","fault":true}"#, Code::Internal),
            (r#"{"name":"x","temporary":true}"#, Code::Unavailable),
            (r#"{"name":"x"}"#, Code::Unknown),
        ];
        for (text, code) in cases {
            let err = decode(text).unwrap();
            assert_eq!(err.code(), code, "{text}");
            assert_eq!(err.http_status(), code.http_status(), "{text}");
        }
    }

    #[test]
    fn wire_fields_are_written_and_read() {
        let err = ErrorResult::builder("div_by_zero", Code::InvalidArgument)
            .id("abcdEFGH")
            .field("dividend", "7")
            .build();
        assert_eq!(encode(&err)["fields"], json!({"dividend": "7"}));
        let back = decode(&serde_json::to_string(&err).unwrap()).unwrap();
        assert_eq!(back.field("dividend"), Some("7"));
        let typed = decode(r#"{"name":"x","fields":{"a":7}}"#).unwrap();
        assert_eq!(
            (typed.field("a"), typed.field_type("a")),
            (Some("7"), Some(crate::model::wire_field::JsonType::Integer))
        );
        assert!(decode(r#"{"name":"x","fields":{"a":null}}"#).is_err());
        assert!(decode(r#"{"name":"x","fields":[]}"#).is_err());
        assert_eq!(decode(r#"{"name":"x","fields":null}"#).unwrap().fields().count(), 0);
    }

    #[test]
    fn code_is_read_in_either_spelling_and_wins_over_flags() {
        for name in ["permission_denied", "PermissionDenied"] {
            let err = decode(&format!(r#"{{"name":"x","fault":true,"code":"{name}"}}"#)).unwrap();
            assert_eq!(err.code(), Code::PermissionDenied);
            assert_eq!(err.http_status(), StatusCode::FORBIDDEN);
        }
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let err =
            decode(r#"{"name":"x","extra":1,"nested":{"a":[1,2,{}]},"http_status":404,"code":"not_found"}"#)
                .unwrap();
        assert_eq!(err.code(), Code::NotFound);
    }

    #[test]
    fn malformed_bodies_are_errors() {
        let cases = [
            "",
            " ",
            "null",
            "true",
            "42",
            "\"not_found\"",
            "[]",
            r#"["x"]"#,
            r#"["x","abcdEFGH","m",false,false,false,"internal",null]"#,
            "{}",
            "{",
            r#"{"name":"x""#,
            r#"{"name":"x",}"#,
            r#"{"name":"x"} trailing"#,
            r#"{"name":null}"#,
            r#"{"name":42}"#,
            r#"{"name":["x"]}"#,
            r#"{"name":{"first":"x"}}"#,
            r#"{"message":"no name"}"#,
            r#"{"name":"x","name":"y"}"#,
            r#"{"name":"x","id":7}"#,
            r#"{"name":"x","id":false}"#,
            r#"{"name":"x","message":false}"#,
            r#"{"name":"x","temporary":"yes"}"#,
            r#"{"name":"x","temporary":1}"#,
            r#"{"name":"x","temporary":null}"#,
            r#"{"name":"x","timeout":"true"}"#,
            r#"{"name":"x","fault":[]}"#,
            r#"{"name":"x","code":3}"#,
            r#"{"name":"x","code":"OK"}"#,
            r#"{"name":"x","code":"ok"}"#,
            r#"{"name":"x","code":"no_such_code"}"#,
            r#"{"name":"x","code":""}"#,
            r#"{"name":"x","code":null,"code":"internal"}"#,
            r#"{"name":"x","user_message":5}"#,
            r#"{"name":"\ud800"}"#,
            r#"{"name":"\x"}"#,
        ];
        for text in cases {
            assert!(decode(text).is_err(), "{text} decoded");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let message = |text| decode(text).unwrap_err().to_string();
        assert!(message(r#"{"message":"m"}"#).contains("missing field `name`"));
        assert!(message(r#"{"name":"x","temporary":"yes"}"#).contains("expected a boolean"));
        assert!(message(r#"{"name":"x","code":"nope"}"#).contains("a gRPC code name"));
        assert!(message("[1]").contains("a JSON object with a string field \"name\""));
    }

    #[test]
    fn decoding_from_a_value_works_too() {
        let value = json!({"name": "x", "code": "aborted", "temporary": true});
        let err = ErrorResult::deserialize(value).unwrap();
        assert_eq!(err.code(), Code::Aborted);
        assert!(ErrorResult::deserialize(json!({"name": "x", "fault": "no"})).is_err());
        assert!(ErrorResult::deserialize(json!(null)).is_err());
        assert!(ErrorResult::deserialize(json!(["x", "abcdEFGH", "m", false, false, false])).is_err());
    }

    /// xorshift64*: a small deterministic generator, so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next() % n as u64).unwrap()
        }
    }

    /// Arbitrary bytes, and valid bodies with bytes flipped, dropped, inserted
    /// or spliced in from JSON's own alphabet, never panic the decoder.
    #[test]
    fn arbitrary_input_never_panics() {
        const ALPHABET: &[u8] =
            b"{}[]\":,0123456789.eE+-truefalsnl \\u\"name\"id\"code\"fault\"temporary\xff\x00";
        let seeds = [
            r#"{"name":"x","id":"abcdEFGH","message":"m","temporary":true,"timeout":false,"fault":false,"code":"unavailable","user_message":"u"}"#,
            r#"{"name":"div_by_zero","code":"InvalidArgument","extra":[1,{"a":null}]}"#,
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut decoded = 0;
        for round in 0..30_000 {
            let input: Vec<u8> = if round % 3 == 0 {
                let len = rng.below(64);
                (0..len).map(|_| rng.next().to_le_bytes()[0]).collect()
            } else {
                let mut bytes = seeds[round % 2].as_bytes().to_vec();
                for _ in 0..=rng.below(4) {
                    let at = rng.below(bytes.len() + 1);
                    let byte = ALPHABET[rng.below(ALPHABET.len())];
                    match rng.below(3) {
                        0 if at < bytes.len() => bytes[at] = byte,
                        1 if at < bytes.len() => {
                            bytes.remove(at);
                        }
                        _ => bytes.insert(at, byte),
                    }
                }
                bytes
            };
            if let Ok(err) = serde_json::from_slice::<ErrorResult>(&input) {
                // Whatever decodes encodes again, and decodes back the same.
                let again: ErrorResult =
                    serde_json::from_value(encode(&err)).expect("its own encoding decodes");
                assert_eq!((again.name(), again.id(), again.code()), (err.name(), err.id(), err.code()));
                assert_eq!(
                    (again.is_temporary(), again.is_timeout(), again.is_fault()),
                    (err.is_temporary(), err.is_timeout(), err.is_fault())
                );
                assert_eq!(again.message(), err.wire_message());
                assert_eq!(again.user_message(), err.user_message());
                assert!(again.fields().eq(err.fields()));
                decoded += 1;
            }
        }
        // The mutations keep some bodies valid: the loop reaches the decoder's success path.
        assert!(decoded > 100, "{decoded}");
    }
}
