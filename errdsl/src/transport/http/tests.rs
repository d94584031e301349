use super::*;
use ::http::header::ACCEPT;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::error::Error;
use std::fmt;

fn header<'a>(response: &'a Response<Vec<u8>>, name: &str) -> Option<&'a str> {
    response.headers().get(name).map(|value| value.to_str().unwrap())
}

fn json_body(response: &Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).unwrap()
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
    }
    map
}

fn decode_with(status: u16, pairs: &[(&str, &str)], body: &[u8]) -> ErrorResult {
    ErrorResult::from_http_response(StatusCode::from_u16(status).unwrap(), &headers(pairs), body)
}

const JSON: (&str, &str) = ("content-type", "application/json");
const PROBLEM: (&str, &str) = ("content-type", "application/problem+json");

/// A fault whose text and source are secrets.
#[derive(Debug)]
struct LeakyFault;

#[derive(Debug)]
struct Source;

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SOURCE-SECRET: dsn postgres://admin:hunter2@10.0.0.7")
    }
}

impl Error for Source {}

impl fmt::Display for LeakyFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DISPLAY-SECRET: query SELECT * FROM cards failed")
    }
}

impl Error for LeakyFault {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&Source)
    }
}

impl ServiceError for LeakyFault {
    fn name(&self) -> &'static str {
        "storage_failed"
    }
    fn code(&self) -> Code {
        Code::Internal
    }
    fn http_status(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }
    fn is_temporary(&self) -> bool {
        false
    }
    fn is_timeout(&self) -> bool {
        false
    }
    fn is_fault(&self) -> bool {
        true
    }
    fn user_message(&self) -> Option<Cow<'_, str>> {
        None
    }
}

// ---- responses -------------------------------------------------------------

#[test]
fn goa_response_has_status_headers_and_goa_body() {
    let err = ErrorResult::builder("div_by_zero", Code::InvalidArgument)
        .message("cannot divide 7 by zero")
        .user_message("You can't divide by zero.")
        .field("dividend", "7")
        .build();
    let response = response(&err, BodyFormat::Goa);
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(header(&response, "content-type"), Some("application/json"));
    assert_eq!(header(&response, "goa-error"), Some("div_by_zero"));
    assert_eq!(header(&response, "retry-after"), None);
    let body = json_body(&response);
    let id = body["id"].as_str().unwrap();
    assert_ne!(id, err.id(), "a fresh id per response");
    assert_eq!(
        body,
        json!({
            "name": "div_by_zero", "id": id, "message": "You can't divide by zero.",
            "temporary": false, "timeout": false, "fault": false, "code": "invalid_argument",
            "user_message": "You can't divide by zero.", "fields": {"dividend": "7"},
        })
    );
    // Goa's six members come first, in Goa's order.
    let text = String::from_utf8(response.body().clone()).unwrap();
    assert!(text.starts_with(r#"{"name":"div_by_zero","id":""#), "{text}");
}

#[test]
fn problem_response_has_problem_content_type_and_body() {
    let err = ErrorResult::builder("maintenance", Code::Unavailable)
        .message("divider is in maintenance")
        .http_status(StatusCode::BAD_GATEWAY)
        .temporary(true)
        .retry_after(Duration::from_secs(30))
        .build();
    let response = response(&err, BodyFormat::Problem);
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(header(&response, "content-type"), Some("application/problem+json"));
    assert_eq!(header(&response, "goa-error"), Some("maintenance"));
    assert_eq!(header(&response, "retry-after"), Some("30"));
    let body = json_body(&response);
    let id = body["id"].as_str().unwrap();
    assert_eq!(
        body,
        json!({
            "type": "about:blank", "title": "Bad Gateway", "status": 502,
            "detail": "divider is in maintenance",
            "name": "maintenance", "id": id, "code": "unavailable",
            "temporary": true, "timeout": false, "fault": false,
        })
    );
}

#[test]
fn retry_after_is_whole_seconds_rounded_up() {
    let cases = [
        (Duration::ZERO, "0"),
        (Duration::from_millis(1), "1"),
        (Duration::from_millis(1200), "2"),
        (Duration::from_secs(30), "30"),
        (Duration::from_nanos(30_000_000_001), "31"),
        (Duration::MAX, "18446744073709551615"),
    ];
    for (after, expected) in cases {
        let err = ErrorResult::builder("x", Code::Unavailable).retry_after(after).build();
        for format in formats() {
            assert_eq!(header(&response(&err, format), "retry-after"), Some(expected), "{after:?}");
        }
    }
}

#[test]
fn goa_error_header_is_always_a_valid_value() {
    assert_eq!(goa_error_value("div_by_zero", None), "div_by_zero");
    assert_eq!(goa_error_value("a-b.c:d", None), "a-b.c:d");
    assert_eq!(goa_error_value("ünï", None), "%C3%BCn%C3%AF");
    assert_eq!(goa_error_value("a b\n%", None), "a%20b%0A%25");
    assert_eq!(goa_error_value("", None), "");
    let err = ErrorResult::new("bad\r\nSet-Cookie: x=1", Code::Internal, "m");
    assert_eq!(header(&response(&err, BodyFormat::Goa), "goa-error"), Some("bad%0D%0ASet-Cookie:%20x=1"));
    // The body keeps the name as it is.
    assert_eq!(json_body(&response(&err, BodyFormat::Goa))["name"], "bad\r\nSet-Cookie: x=1");
}

#[test]
fn response_for_negotiates() {
    let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
    let content_type = |accept: Option<&str>| {
        let pairs: Vec<_> = accept.map(|accept| ("accept", accept)).into_iter().collect();
        header(&response_for(&err, &headers(&pairs)), "content-type").map(str::to_owned)
    };
    assert_eq!(content_type(None).as_deref(), Some("application/json"));
    assert_eq!(content_type(Some("*/*")).as_deref(), Some("application/json"));
    assert_eq!(content_type(Some("application/problem+json")).as_deref(), Some("application/problem+json"));
    assert_eq!(content_type(Some("application/json")).as_deref(), Some("application/json"));
}

#[test]
fn body_format_basics() {
    assert_eq!(BodyFormat::default(), BodyFormat::Goa);
    assert_eq!(BodyFormat::Goa.content_type(), "application/json");
    assert_eq!(BodyFormat::Problem.content_type(), "application/problem+json");
    assert_eq!(BodyFormat::from_accept(&HeaderMap::new()), BodyFormat::Goa);
    let mut map = HeaderMap::new();
    map.insert(ACCEPT, HeaderValue::from_static("application/problem+json"));
    assert_eq!(BodyFormat::from_accept(&map), BodyFormat::Problem);
}

#[test]
fn fault_secrets_never_reach_the_response() {
    for format in formats() {
        let response = response(&LeakyFault, format);
        let mut everything = response.body().clone();
        for (name, value) in response.headers() {
            everything.extend_from_slice(name.as_str().as_bytes());
            everything.extend_from_slice(value.as_bytes());
        }
        let everything = String::from_utf8(everything).unwrap();
        for secret in ["SECRET", "hunter2", "10.0.0.7", "SELECT", "cards", "postgres"] {
            assert!(!everything.contains(secret), "{format:?} leaks {secret}: {everything}");
        }
        let back = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
        assert_eq!(back.name(), "storage_failed");
        assert!(back.is_fault());
        assert_eq!(back.message(), format!("internal error (id: {})", back.id()));
    }
}

#[test]
fn wire_safe_copies_everything_but_the_secrets() {
    let err = ErrorResult::builder("db", Code::Internal)
        .message("secret")
        .fault(true)
        .http_status(StatusCode::BAD_GATEWAY)
        .user_message("Sorry.")
        .retry_after(Duration::from_secs(3))
        .service("svc")
        .field("a", "1")
        .source("secret source")
        .build();
    let safe = err.outgoing().into_wire_safe_error();
    assert_eq!(safe.message(), "Sorry.");
    assert!(safe.source().is_none());
    assert_eq!(safe.name(), "db");
    assert_eq!(safe.id(), err.id());
    assert_eq!(safe.code(), Code::Internal);
    assert_eq!(safe.http_status(), StatusCode::BAD_GATEWAY);
    assert!(safe.is_fault() && !safe.is_temporary() && !safe.is_timeout());
    assert_eq!(safe.user_message().as_deref(), Some("Sorry."));
    assert_eq!(safe.retry_after(), Some(Duration::from_secs(3)));
    assert_eq!(safe.service(), Some("svc"));
    assert_eq!(safe.field("a"), Some("1"));
    assert_eq!(
        encode_body(&safe.outgoing(), BodyFormat::Goa, StatusCode::OK),
        encode_body(&err.outgoing(), BodyFormat::Goa, StatusCode::OK)
    );
}

// ---- client decoding: readable bodies -------------------------------------

#[test]
fn reads_a_goa_body_from_goa_itself() {
    // Goa sends no code: it comes from the status.
    let body = br#"{"name":"bad_request","id":"Fz4_q-1a","message":"missing field","temporary":false,"timeout":false,"fault":false}"#;
    let err = decode_with(400, &[JSON, ("goa-error", "bad_request")], body);
    assert_eq!(err.name(), "bad_request");
    assert_eq!(err.id(), "Fz4_q-1a");
    assert_eq!(err.message(), "missing field");
    assert_eq!(err.code(), Code::InvalidArgument);
    assert_eq!(err.http_status(), StatusCode::BAD_REQUEST);
    assert!(!err.is_temporary() && !err.is_timeout() && !err.is_fault());
    // With a non-error status, from the flags.
    let body = br#"{"name":"slow","timeout":true}"#;
    assert_eq!(decode_with(200, &[JSON], body).code(), Code::DeadlineExceeded);
    assert_eq!(decode_with(200, &[JSON], body).http_status(), StatusCode::OK);
}

#[test]
fn the_body_code_wins_over_the_status() {
    let body = br#"{"name":"quota","code":"resource_exhausted","temporary":true}"#;
    let err = decode_with(503, &[JSON], body);
    assert_eq!(err.code(), Code::ResourceExhausted);
    assert_eq!(err.http_status(), StatusCode::SERVICE_UNAVAILABLE);
}

/// A Goa custom type with nothing but its message: the header names it.
#[test]
fn a_custom_body_with_only_a_message_is_named_by_its_header() {
    let err =
        decode_with(422, &[("goa-error", "divisor_too_large")], br#"{"message": "Divide by at most 1000."}"#);
    assert_eq!(err.name(), "divisor_too_large");
    assert_eq!(err.message(), "Divide by at most 1000.");
    assert_eq!(err.code(), Code::FailedPrecondition);
}

#[test]
fn reads_a_problem_body() {
    let body = br#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.",
        "status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc"}"#;
    let err = decode_with(403, &[PROBLEM], body);
    assert_eq!(err.name(), "http_403");
    assert_eq!(err.code(), Code::PermissionDenied);
    assert_eq!(err.message(), "Your current balance is 30, but that costs 50.");
    assert_eq!(err.id().len(), 8);
    // The Goa-Error header names it when the body does not.
    let err = decode_with(403, &[PROBLEM, ("goa-error", "no_credit")], body);
    assert_eq!(err.name(), "no_credit");
    // The real status wins over the body's.
    let err = decode_with(402, &[PROBLEM], body);
    assert_eq!(err.http_status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(err.code(), Code::FailedPrecondition);
}

#[test]
fn problem_flags_come_from_the_status_when_absent() {
    let err = decode_with(504, &[PROBLEM], br#"{"title":"Gateway Timeout"}"#);
    assert!(!err.is_temporary() && err.is_timeout() && !err.is_fault());
    assert_eq!(err.message(), "Gateway Timeout");
    let err = decode_with(504, &[PROBLEM], br#"{"title":"x","temporary":false,"timeout":false}"#);
    assert!(!err.is_temporary() && !err.is_timeout());
    let err = decode_with(429, &[PROBLEM], br#"{"detail":"slow down"}"#);
    assert!(!err.is_temporary() && !err.is_timeout());
    assert_eq!(err.code(), Code::ResourceExhausted);
    let err = decode_with(429, &[PROBLEM, ("retry-after", "2")], br#"{"detail":"slow down"}"#);
    assert!(err.is_temporary() && !err.is_timeout());
    // A problem without detail or title says its status.
    let err = decode_with(503, &[PROBLEM], br#"{"type":"about:blank"}"#);
    assert_eq!(err.message(), "HTTP 503 Service Unavailable");
}

#[test]
fn the_shape_wins_over_a_lying_content_type() {
    let goa = br#"{"name":"not_found","id":"abcdEFGH","message":"no user 42","temporary":false,"timeout":false,"fault":false,"code":"not_found"}"#;
    let problem = br#"{"type":"urn:errdsl:error:not_found","title":"Not found","status":404,"detail":"no user 42","name":"not_found","id":"abcdEFGH","code":"not_found","temporary":false,"timeout":false,"fault":false}"#;
    for content_type in [
        vec![JSON],
        vec![PROBLEM],
        vec![("content-type", "text/plain")],
        vec![("content-type", "text/html; charset=utf-8")],
        vec![],
        vec![("content-type", "APPLICATION/PROBLEM+JSON; charset=UTF-8")],
    ] {
        for body in [&goa[..], &problem[..]] {
            let err = decode_with(404, &content_type, body);
            assert_eq!(err.name(), "not_found", "{content_type:?}");
            assert_eq!(err.id(), "abcdEFGH", "{content_type:?}");
            assert_eq!(err.message(), "no user 42", "{content_type:?}");
            assert_eq!(err.code(), Code::NotFound, "{content_type:?}");
        }
    }
}

#[test]
fn a_problem_labelled_body_without_problem_members_is_still_a_problem() {
    // Neither a Goa body (no name) nor problem members: RFC 9457's about:blank.
    let err = decode_with(409, &[PROBLEM], br#"{"reason":"conflict"}"#);
    assert_eq!(err.name(), "http_409");
    assert_eq!(err.code(), Code::AlreadyExists);
    assert_eq!(err.message(), "HTTP 409 Conflict");
    // A wrong-typed Goa body with a problem content type: a problem.
    let err = decode_with(409, &[PROBLEM], br#"{"name":"x","message":"m","temporary":"yes"}"#);
    assert_eq!(err.name(), "x");
    assert_eq!(err.message(), "HTTP 409 Conflict");
}

#[test]
fn a_foreign_problem_labelled_json_with_a_message_is_read_as_a_problem() {
    let err = decode_with(422, &[JSON], br#"{"title":"Invalid","message":"field x","errors":[]}"#);
    assert_eq!(err.name(), "http_422");
    assert_eq!(err.message(), "Invalid");
}

// ---- client decoding: unreadable bodies -----------------------------------

#[test]
fn unreadable_bodies_are_named_after_the_status() {
    type Case<'a> = (u16, &'a [(&'a str, &'a str)], &'a [u8], &'a str);
    let cases: [Case<'_>; 9] = [
        (503, &[], b"", "HTTP 503 Service Unavailable with an empty body"),
        (503, &[JSON], b" \r\n\t", "HTTP 503 Service Unavailable with an empty body"),
        (
            502,
            &[("content-type", "text/html")],
            b"<html><body>Bad gateway</body></html>",
            "HTTP 502 Bad Gateway with an unreadable body (text/html): <html><body>Bad gateway</body></html>",
        ),
        (
            500,
            &[JSON],
            b"{\"name\":\"x\",",
            "HTTP 500 Internal Server Error with an unreadable body (application/json): {\"name\":\"x\",",
        ),
        (
            400,
            &[JSON],
            br#"{"name":"x","temporary":"yes"}"#,
            "HTTP 400 Bad Request with an unreadable body (application/json): {\"name\":\"x\",\"temporary\":\"yes\"}",
        ),
        (404, &[JSON], b"[1,2]", "HTTP 404 Not Found with an unreadable body (application/json): [1,2]"),
        (404, &[JSON], b"null", "HTTP 404 Not Found with an unreadable body (application/json): null"),
        (
            418,
            &[],
            br#"{"error":"teapot"}"#,
            "HTTP 418 I'm a teapot with an unreadable body: {\"error\":\"teapot\"}",
        ),
        (599, &[], b"nope", "HTTP 599 with an unreadable body: nope"),
    ];
    for (status, pairs, body, message) in cases {
        let err = decode_with(status, pairs, body);
        assert_eq!(err.name(), format!("http_{status}"));
        assert_eq!(err.code(), Code::from_http_u16(status));
        assert_eq!(err.http_status(), status);
        assert_eq!(err.message(), message);
        assert!(!err.is_fault());
        assert_eq!(err.user_message(), None);
    }
}

#[test]
fn unreadable_flags_come_from_the_status() {
    for status in [400, 404, 408, 429, 500, 501, 502, 503, 504] {
        let err = decode_with(status, &[], b"");
        // Google's AIP-194: a timeout is not temporary; a 429 is only
        // with a Retry-After.
        assert_eq!(err.is_temporary(), matches!(status, 502 | 503), "{status}");
        assert_eq!(err.is_timeout(), matches!(status, 408 | 504), "{status}");
        let err = decode_with(status, &[("retry-after", "5")], b"");
        assert_eq!(err.is_temporary(), matches!(status, 429 | 502 | 503), "{status} with Retry-After");
    }
}

#[test]
fn an_unreadable_success_is_still_an_unknown_error() {
    for status in [200, 201, 204, 301, 304, 101] {
        let err = decode_with(status, &[], b"<p>fine</p>");
        assert_eq!(err.code(), Code::Unknown, "{status}");
        assert_eq!(err.http_status(), status);
        assert_eq!(err.name(), format!("http_{status}"));
    }
}

#[test]
fn invalid_utf8_is_echoed_lossily() {
    let err = decode_with(500, &[], b"\xff\xfeabc\x00\x1b[31m");
    assert_eq!(
        err.message(),
        "HTTP 500 Internal Server Error with an unreadable body: \u{fffd}\u{fffd}abc  [31m"
    );
}

#[test]
fn echoed_text_is_bounded_and_cut_on_a_char_boundary() {
    let body = "é".repeat(1000);
    let err = decode_with(500, &[], body.as_bytes());
    let echoed = err.message().split_once(": ").unwrap().1;
    assert_eq!(echoed.chars().count(), MAX_ECHO_CHARS + 1);
    assert!(echoed.starts_with("ééé") && echoed.ends_with("é…"));
    // Exactly the limit: nothing cut.
    let body = "x".repeat(MAX_ECHO_CHARS);
    let err = decode_with(500, &[], body.as_bytes());
    assert!(err.message().ends_with(&format!(": {body}")));
    // A long content type is cut too.
    let long_type = format!("text/{}", "x".repeat(500));
    let err = decode_with(500, &[("content-type", &long_type)], b"x");
    assert!(err.message().len() < 200, "{}", err.message());
}

#[test]
fn bodies_over_the_cap_are_not_parsed() {
    let mut body = br#"{"name":"x","message":""#.to_vec();
    body.extend(std::iter::repeat_n(b'a', MAX_BODY_BYTES));
    body.extend_from_slice(br#""}"#);
    let err = decode_with(503, &[JSON], &body);
    assert_eq!(err.name(), "http_503");
    assert!(err.message().starts_with("HTTP 503 Service Unavailable with a body of more than 65536 bytes (application/json): {\"name\":\"x\""));
    assert!(err.message().ends_with('…'));
    assert!(err.message().chars().count() < 400);
    // Just under the cap is read.
    let mut body = br#"{"name":"x","message":""#.to_vec();
    body.extend(std::iter::repeat_n(b'a', MAX_BODY_BYTES - body.len() - 2));
    body.extend_from_slice(br#""}"#);
    assert_eq!(body.len(), MAX_BODY_BYTES);
    assert_eq!(decode_with(503, &[JSON], &body).name(), "x");
}

#[test]
fn deeply_nested_json_is_unreadable_not_a_crash() {
    let body = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(decode_with(500, &[JSON], body.as_bytes()).name(), "http_500");
    // Unknown members are skipped, however deep (serde_json skips them without recursing).
    let body = format!(r#"{{"name":"x","extra":{}{}}}"#, "[".repeat(30_000), "]".repeat(30_000));
    assert_eq!(decode_with(500, &[JSON], body.as_bytes()).name(), "x");
    let body = format!(r#"{{"name":"x","extra":{}}}"#, "[".repeat(60_000));
    assert_eq!(decode_with(500, &[JSON], body.as_bytes()).name(), "http_500");
    let body = format!(r#"{{"type":"t","fields":{}{}}}"#, "[".repeat(30_000), "]".repeat(30_000));
    assert_eq!(decode_with(500, &[PROBLEM], body.as_bytes()).name(), "http_500");
}

// ---- Retry-After ------------------------------------------------------------

#[test]
fn retry_after_reads_delta_seconds_only() {
    let read = |values: &[&str]| {
        let pairs: Vec<_> = values.iter().map(|value| ("retry-after", *value)).collect();
        decode_with(503, &pairs, b"").retry_after()
    };
    assert_eq!(read(&["120"]), Some(Duration::from_secs(120)));
    assert_eq!(read(&["0"]), Some(Duration::ZERO));
    assert_eq!(read(&[" 7 "]), Some(Duration::from_secs(7)));
    assert_eq!(read(&["007"]), Some(Duration::from_secs(7)));
    assert_eq!(read(&["99999999999999999999999"]), Some(Duration::from_secs(u64::MAX)));
    assert_eq!(read(&["5", "5"]), Some(Duration::from_secs(5)));
    assert_eq!(read(&[]), None);
    for garbage in ["Fri, 31 Dec 1999 23:59:59 GMT", "", "-1", "1.5", "+3", "1e3", "soon", "3s"] {
        assert_eq!(read(&[garbage]), None, "{garbage}");
    }
    assert_eq!(read(&["5", "6"]), None);
    // Not visible ASCII.
    let mut map = HeaderMap::new();
    map.insert(RETRY_AFTER, HeaderValue::from_bytes(b"1\xff").unwrap());
    assert_eq!(ErrorResult::from_http_response(StatusCode::OK, &map, b"").retry_after(), None);
}

#[test]
fn retry_after_applies_to_readable_bodies_too() {
    let body = br#"{"name":"busy","temporary":true}"#;
    let err = decode_with(503, &[JSON, ("retry-after", "9")], body);
    assert_eq!(err.name(), "busy");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(9)));
}

// ---- properties -------------------------------------------------------------

fn arb_status() -> impl Strategy<Value = StatusCode> {
    prop_oneof![4 => 400u16..=599, 1 => 100u16..=999]
        .prop_map(|status| StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
}

fn arb_header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40)
            .prop_filter_map("a header value", |bytes| HeaderValue::from_bytes(&bytes).ok()),
        "[ -~]{0,40}".prop_filter_map("a header value", |text| HeaderValue::from_str(&text).ok()),
        Just(HeaderValue::from_static("application/json")),
        Just(HeaderValue::from_static("application/problem+json")),
        Just(HeaderValue::from_static("120")),
    ]
}

fn arb_headers() -> impl Strategy<Value = HeaderMap> {
    let name = prop_oneof![
        Just(CONTENT_TYPE),
        Just(RETRY_AFTER),
        Just(GOA_ERROR),
        Just(ACCEPT),
        Just(HeaderName::from_static("x-other")),
    ];
    proptest::collection::vec((name, arb_header_value()), 0..6).prop_map(|pairs| {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name, value);
        }
        map
    })
}

fn arb_error() -> impl Strategy<Value = ErrorResult> {
    let text = || "\\PC{0,24}";
    // Names with something visible in them: a blank name falls back to the
    // status's (`a_blank_name_falls_back_to_the_header_then_the_status`).
    let name = "\\PC{0,23}[^\\s\\p{C}]\\PC{0,8}";
    (
        (name, "[A-Za-z0-9_-]{8}|\\PC{0,12}", text(), proptest::sample::select(Code::ALL.to_vec())),
        (any::<[bool; 3]>(), proptest::option::of(text()), proptest::option::of(0u64..1_000_000)),
        (400u16..=599, proptest::collection::vec((text(), text()), 0..4)),
    )
        .prop_map(|((name, id, message, code), (flags, user_message, retry), (status, fields))| {
            let mut builder = ErrorResult::builder(name, code)
                .id(id)
                .message(message)
                .http_status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
                .temporary(flags[0])
                .timeout(flags[1])
                .fault(flags[2]);
            if let Some(user_message) = user_message {
                builder = builder.user_message(user_message);
            }
            if let Some(secs) = retry {
                builder = builder.retry_after(Duration::from_secs(secs));
            }
            for (name, value) in fields {
                builder = builder.field(name, value);
            }
            builder.build()
        })
}

/// Valid bodies of every format with a few bytes flipped, dropped or inserted.
fn arb_mutated_body() -> impl Strategy<Value = Vec<u8>> {
    let seeds = [
        br#"{"name":"x","id":"abcdEFGH","message":"m","temporary":true,"timeout":false,"fault":false,"code":"unavailable","user_message":"u","fields":{"a":"1"}}"#.to_vec(),
        br#"{"type":"urn:errdsl:error:x","title":"X","status":503,"detail":"d","instance":"urn:errdsl:id:abcdEFGH","name":"x","id":"abcdEFGH","code":"unavailable","temporary":true,"timeout":false,"fault":false,"fields":{"a":"1"}}"#.to_vec(),
        br#"{"error":{"code":503,"message":"m","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/goapb.ErrorResponse","name":"x","id":"abcdEFGH","msg":"m","temporary":true,"timeout":false,"fault":false},{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"X","domain":"d","metadata":{"id":"abcdEFGH","a":"1"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"u"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a","description":"d","reason":"R"}]}]}}"#.to_vec(),
    ];
    let mutation = (
        any::<prop::sample::Index>(),
        0u8..3,
        prop::sample::select(b"{}[]\":,0123456789.eE+-tfnul \\\xff\x00".to_vec()),
    );
    (prop::sample::select(seeds.to_vec()), proptest::collection::vec(mutation, 1..6)).prop_map(
        |(mut body, mutations)| {
            for (at, kind, byte) in mutations {
                let at = at.index(body.len() + 1);
                match kind {
                    0 if at < body.len() => body[at] = byte,
                    1 if at < body.len() => {
                        body.remove(at);
                    }
                    _ => body.insert(at, byte),
                }
            }
            body
        },
    )
}

/// Every body format errdsl writes.
fn formats() -> Vec<BodyFormat> {
    #[allow(unused_mut, reason = "Google's format needs the `tonic` feature")]
    let mut formats = vec![BodyFormat::Goa, BodyFormat::Problem];
    #[cfg(feature = "tonic")]
    formats.push(BodyFormat::Google);
    formats
}

fn check_never_panics(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<(), TestCaseError> {
    let err = ErrorResult::from_http_response(status, headers, body);
    prop_assert_eq!(err.http_status(), status);
    // Whatever was decoded encodes again, in every format, and decodes back
    // with the same name, code and flags.
    for format in formats() {
        let response = encode(&err.outgoing(), format);
        let again = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
        prop_assert_eq!(again.name(), err.name(), "{:?}", format);
        prop_assert_eq!(again.code(), err.code(), "{:?}", format);
        prop_assert_eq!(
            (again.is_temporary(), again.is_timeout(), again.is_fault()),
            (err.is_temporary(), err.is_timeout(), err.is_fault()),
            "{:?}",
            format
        );
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_response_decodes_to_an_error_with_its_status(
        status in arb_status(),
        headers in arb_headers(),
        body in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        check_never_panics(status, &headers, &body)?;
    }

    #[test]
    fn mutated_bodies_decode_to_an_error_with_their_status(
        status in arb_status(),
        headers in arb_headers(),
        body in arb_mutated_body(),
    ) {
        check_never_panics(status, &headers, &body)?;
    }

    #[test]
    fn any_text_body_decodes(status in arb_status(), headers in arb_headers(), body in "\\PC{0,200}") {
        check_never_panics(status, &headers, body.as_bytes())?;
    }

    #[test]
    fn responses_round_trip(err in arb_error(), problem in any::<bool>()) {
        let format = if problem { BodyFormat::Problem } else { BodyFormat::Goa };
        // Encoded as captured (no new id), as the axum re-encoder does.
        let response = encode(&err.outgoing(), format);
        let back = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
        prop_assert_eq!(back.name(), err.name());
        prop_assert_eq!(back.id(), err.id());
        prop_assert_eq!(back.code(), err.code());
        prop_assert_eq!(back.http_status(), err.http_status());
        prop_assert_eq!(back.is_temporary(), err.is_temporary());
        prop_assert_eq!(back.is_timeout(), err.is_timeout());
        prop_assert_eq!(back.is_fault(), err.is_fault());
        prop_assert_eq!(back.message(), err.wire_message());
        prop_assert_eq!(back.wire_message(), err.wire_message());
        prop_assert_eq!(back.user_message(), err.user_message());
        prop_assert_eq!(back.retry_after(), err.retry_after());
        prop_assert!(back.fields().eq(err.fields()));
    }

    /// Google's body is the gRPC status in JSON: it decodes to what the
    /// status decodes to, but for the HTTP status, which is the response's.
    #[cfg(feature = "tonic")]
    #[test]
    fn a_google_body_decodes_as_its_grpc_status_does(err in arb_error()) {
        let response = encode(&err.outgoing(), BodyFormat::Google);
        let back = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
        let status = crate::transport::grpc::rich_status(err.outgoing());
        let rpc = crate::transport::grpc::decode::details_builder(err.code(), &status.message, &status.details).build();
        prop_assert_eq!(back.http_status(), err.http_status());
        prop_assert_eq!((back.name(), back.code()), (rpc.name(), rpc.code()));
        prop_assert_eq!((back.name(), back.code()), (err.name(), err.code()));
        // A blank id is none: each decoder gives the error a fresh one.
        if !err.id().trim().is_empty() {
            prop_assert_eq!(back.id(), err.id());
        }
        prop_assert_eq!(
            (back.is_temporary(), back.is_timeout(), back.is_fault()),
            (err.is_temporary(), err.is_timeout(), err.is_fault())
        );
        if !err.id().trim().is_empty() {
            prop_assert_eq!(back.wire_message(), rpc.wire_message());
        }
        prop_assert_eq!(back.user_message(), rpc.user_message());
        // `Retry-After` says it too, unbounded, as for every format.
        prop_assert_eq!(back.retry_after(), err.retry_after());
        prop_assert!(back.fields().eq(rpc.fields()));
        prop_assert_eq!(back.field_violations(), rpc.field_violations());
    }

    /// Written straight from the error as it leaves, or from its capture
    /// under the same id: the same bytes.
    #[test]
    fn an_error_sent_straight_and_its_capture_encode_alike(err in arb_error(), format in proptest::sample::select(formats())) {
        let (err, id) = (&err, "x7Fq9-Ab");
        let straight = encode(&Outgoing::of(&err, id), format);
        let captured = Outgoing::of(&err, id).into_error(err.to_string());
        let kept = encode(&captured.outgoing(), format);
        prop_assert_eq!(straight.status(), kept.status());
        prop_assert_eq!(straight.headers(), kept.headers());
        prop_assert_eq!(String::from_utf8_lossy(straight.body()), String::from_utf8_lossy(kept.body()));
        prop_assert!(String::from_utf8_lossy(straight.body()).contains(id));
    }

    #[test]
    fn captured_responses_round_trip_under_the_sent_id(err in arb_error(), problem in any::<bool>()) {
        let format = if problem { BodyFormat::Problem } else { BodyFormat::Goa };
        let response = response(&err, format);
        let back = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
        prop_assert_eq!(back.name(), err.name());
        prop_assert_eq!(back.code(), err.code());
        prop_assert_eq!(back.user_message(), err.user_message());
        prop_assert!(back.fields().eq(err.fields()));
        // A fresh id; the wire message of a fault names it.
        prop_assert_eq!(back.wire_message(), ErrorResult::wire_message_of(&err, Some(back.id())));
    }
}

/// Declared errors, written straight as they leave or from their capture
/// under the same id: the same status, headers and bytes, in both formats.
#[test]
fn a_declared_error_sent_straight_and_its_capture_encode_alike() {
    let violations = crate::model::field_violation::FieldViolations::from(vec![
        crate::model::field_violation::FieldViolation::new("items[0].count", "must be at most 9")
            .with_reason("RANGE"),
    ]);
    let errors = [
        crate::test_fixtures::ShopError::too_large(-3, 0.25, true, violations),
        crate::test_fixtures::ShopError::out_of_stock(2, f32::INFINITY),
    ];
    for err in &errors {
        for format in formats() {
            let id = "x7Fq9-Ab";
            let straight = encode(&Outgoing::of(&err, id), format);
            let captured = Outgoing::of(&err, id).into_error(err.to_string());
            let kept = encode(&captured.outgoing(), format);
            assert_eq!(straight.status(), kept.status(), "{}", err.name());
            assert_eq!(straight.headers(), kept.headers(), "{}", err.name());
            assert_eq!(
                String::from_utf8_lossy(straight.body()),
                String::from_utf8_lossy(kept.body()),
                "{}",
                err.name()
            );
        }
    }
}

// ---- reqwest ----------------------------------------------------------------

#[cfg(feature = "reqwest")]
mod reqwest_tests {
    use super::*;

    fn reqwest_response(status: u16, pairs: &[(&str, &str)], body: Vec<u8>) -> reqwest::Response {
        let mut response = ::http::Response::new(body);
        *response.status_mut() = StatusCode::from_u16(status).unwrap();
        *response.headers_mut() = headers(pairs);
        reqwest::Response::from(response)
    }

    #[tokio::test]
    async fn decodes_like_from_http_response() {
        let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
        for format in formats() {
            let response = encode(&err.outgoing(), format);
            let (parts, body) = response.into_parts();
            let back =
                ErrorResult::from_reqwest(reqwest::Response::from(::http::Response::from_parts(parts, body)))
                    .await;
            assert_eq!(back.name(), "not_found");
            assert_eq!(back.id(), err.id());
            assert_eq!(back.http_status(), StatusCode::NOT_FOUND);
        }
        let back = ErrorResult::from_reqwest(reqwest_response(
            503,
            &[("retry-after", "4")],
            b"<h1>down</h1>".to_vec(),
        ))
        .await;
        assert_eq!(back.name(), "http_503");
        assert_eq!(back.retry_after(), Some(Duration::from_secs(4)));
    }

    #[tokio::test]
    async fn large_bodies_are_cut_at_the_cap() {
        let back =
            ErrorResult::from_reqwest(reqwest_response(502, &[JSON], vec![b'a'; 3 * MAX_BODY_BYTES])).await;
        assert_eq!(back.name(), "http_502");
        assert!(back.message().contains("more than 65536 bytes"), "{}", back.message());
    }
}

/// A Goa body with a blank name takes the `Goa-Error` header's name, else
/// the status's: every decoded error has a name to go by.
#[test]
fn a_blank_name_falls_back_to_the_header_then_the_status() {
    let body =
        br#"{"name":"  ","id":"abcdEFGH","message":"m","temporary":false,"timeout":false,"fault":false}"#;
    let mut headers = HeaderMap::new();
    let err = ErrorResult::from_http_response(StatusCode::CONFLICT, &headers, body);
    assert_eq!(err.name(), "http_409");
    assert_eq!(err.id(), "abcdEFGH");
    headers.insert(GOA_ERROR, HeaderValue::from_static("already_there"));
    let err = ErrorResult::from_http_response(StatusCode::CONFLICT, &headers, body);
    assert_eq!(err.name(), "already_there");
}
