//! End to end over HTTP: the divider served by axum on loopback, called with
//! reqwest (and, where every byte counts, a raw TCP client). Every declared
//! error is triggered and checked as a client sees it: the status, the
//! headers, Goa's JSON body (or problem+json), and the typed error decoded
//! back.

// Exact: floats must cross the wire unchanged.
#![allow(clippy::float_cmp)]

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use errdsl::axum::RequestError;
use errdsl::http::ProblemDetails;
use errdsl::{ErrorResult, ServiceError};
use errdsl_examples::divider::{
    self, DEMO_TOKEN, DivideError, DividerError, IntegerDivideError, MAX_DIVISOR, Running, SLOW_DIVIDEND,
    WorkerFault,
};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What a client received.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    fn error(&self) -> ErrorResult {
        ErrorResult::from_http_response(self.status, &self.headers, &self.body)
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().expect("a visible ASCII header"))
    }
}

async fn get(servers: &Running, path: &str, headers: &[(&str, &str)]) -> Answer {
    send(servers, "GET", path, None, headers).await
}

/// Checks an error answer in Goa's format against the error's declaration;
/// returns the body.
fn check_goa(answer: &Answer, name: &str) -> Value {
    let spec = common::spec(name);
    if let errdsl::BodyShape::Custom { .. } = spec.body {
        return check_custom(answer, name);
    }
    assert_eq!(answer.status, spec.http_status, "{name}");
    assert_eq!(answer.header("goa-error"), Some(name));
    assert_eq!(answer.header(CONTENT_TYPE.as_str()), Some("application/json"));
    let retry_after = spec.retry_after_secs.map(|secs| secs.to_string());
    assert_eq!(answer.header(RETRY_AFTER.as_str()), retry_after.as_deref(), "{name}: Retry-After");

    let body = answer.json();
    assert_eq!(body["name"], name);
    assert_eq!(body["id"].as_str().map(str::len), Some(8), "{body}");
    assert!(body["message"].is_string(), "{body}");
    assert_eq!(body["temporary"], spec.temporary);
    assert_eq!(body["timeout"], spec.timeout);
    assert_eq!(body["fault"], spec.fault);
    assert_eq!(body["code"], spec.code.as_str());
    match spec.user_message {
        Some(_) => assert_eq!(body["user_message"], body["message"], "the user message is the wire message"),
        None => assert!(body.get("user_message").is_none(), "{body}"),
    }

    let decoded = answer.error();
    assert_eq!(decoded.name(), name);
    assert_eq!(Some(decoded.id()), body["id"].as_str());
    assert_eq!(decoded.code(), spec.code);
    assert_eq!(decoded.http_status().as_u16(), spec.http_status);
    assert_eq!(
        (decoded.is_temporary(), decoded.is_timeout(), decoded.is_fault()),
        (spec.temporary, spec.timeout, spec.fault)
    );
    assert_eq!(decoded.retry_after(), spec.retry_after_secs.map(Duration::from_secs));
    body
}

fn decode_idiv(answer: &Answer) -> IntegerDivideError {
    IntegerDivideError::try_from(answer.error()).expect("a declared error of integer_divide")
}

fn decode_div(answer: &Answer) -> DivideError {
    DivideError::try_from(answer.error()).expect("a declared error of divide")
}

/// Sends a raw HTTP/1.1 request and returns every byte the server sent back.
async fn raw_get(servers: &Running, path: &str, extra_headers: &str) -> Vec<u8> {
    let mut stream = tokio::net::TcpStream::connect(servers.http_addr()).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: divider\r\n{extra_headers}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send the request");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await.expect("read the response");
    bytes
}

#[tokio::test]
async fn successful_calls_return_the_bare_quotient() {
    let servers = common::servers().await;
    for (path, auth, body) in [
        ("/idiv/12/4", None, "3"),
        ("/idiv/-12/4", Some(DEMO_TOKEN), "-3"),
        ("/div/7/2", None, "3.5"),
        ("/div/1/-4", Some(DEMO_TOKEN), "-0.25"),
    ] {
        let headers: Vec<_> = auth.map(|token| (AUTHORIZATION.as_str(), token)).into_iter().collect();
        let answer = get(&servers, path, &headers).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert_eq!(answer.header(CONTENT_TYPE.as_str()), Some("application/json"));
        assert_eq!(answer.header("goa-error"), None);
        assert_eq!(String::from_utf8_lossy(&answer.body), body, "{path}");
    }
}

#[tokio::test]
async fn div_by_zero_on_both_methods() {
    let servers = common::servers().await;

    let answer = get(&servers, "/idiv/7/0", &[]).await;
    let body = check_goa(&answer, "div_by_zero");
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(body["message"], "You can't divide 7 by zero.");
    // Wire fields keep their JSON types: the dividend is an `f64`.
    assert_eq!(body["fields"], serde_json::json!({"dividend": 7.0}));
    let err = decode_idiv(&answer);
    assert!(matches!(err, IntegerDivideError::DivByZero { dividend } if dividend == 7.0), "{err:?}");

    let answer = get(&servers, "/div/-1.5/0", &[]).await;
    let body = check_goa(&answer, "div_by_zero");
    assert_eq!(body["fields"]["dividend"], -1.5);
    let err = decode_div(&answer);
    assert!(matches!(err, DivideError::DivByZero { dividend } if dividend == -1.5), "{err:?}");
}

#[tokio::test]
async fn has_remainder_is_417() {
    let servers = common::servers().await;
    let answer = get(&servers, "/idiv/7/2", &[]).await;
    assert_eq!(answer.status, StatusCode::EXPECTATION_FAILED);
    let body = check_goa(&answer, "has_remainder");
    assert_eq!(body["code"], "failed_precondition");
    assert_eq!(body["message"], "7 is not divisible by 2 (remainder 1).");
    assert_eq!(body["fields"], serde_json::json!({"dividend": 7, "divisor": 2, "remainder": 1}));
    let err = decode_idiv(&answer);
    assert!(
        matches!(err, IntegerDivideError::HasRemainder { dividend: 7, divisor: 2, remainder: 1 }),
        "{err:?}"
    );
}

#[tokio::test]
async fn overflow_is_a_fault_whose_report_stays_on_the_server() {
    let servers = common::servers().await;
    let answer = get(&servers, "/idiv/-2147483648/-1", &[]).await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    let body = check_goa(&answer, "overflow");
    let id = body["id"].as_str().unwrap();
    assert_eq!(body["message"], format!("internal error (id: {id})"));
    assert!(body.get("fields").is_none(), "{body}");
    let err = decode_idiv(&answer);
    assert!(
        matches!(&err, IntegerDivideError::Overflow { cause } if *cause == WorkerFault::default()),
        "{err:?}"
    );

    // Every byte on the wire: status line, all headers, body, in both
    // formats.
    for accept in ["", "Accept: application/problem+json\r\n"] {
        let bytes = raw_get(&servers, "/idiv/-2147483648/-1", accept).await;
        assert!(bytes.starts_with(b"HTTP/1.1 500 "), "{}", String::from_utf8_lossy(&bytes));
        assert!(bytes.windows(b"internal error (id: ".len()).any(|w| w == b"internal error (id: "));
        common::assert_no_secret("the HTTP response", &bytes);
    }
}

#[tokio::test]
async fn timeout_is_504_and_temporary() {
    let servers = common::servers().await;
    for path in [format!("/idiv/{SLOW_DIVIDEND}/3"), format!("/div/{SLOW_DIVIDEND}/3")] {
        let answer = get(&servers, &path, &[]).await;
        assert_eq!(answer.status, StatusCode::GATEWAY_TIMEOUT, "{path}");
        let body = check_goa(&answer, "timeout");
        assert_eq!(body["fields"], serde_json::json!({"deadline_ms": 100}));
        assert_eq!(body["message"], "The computation took longer than 100 ms.");
        let err = DividerError::try_from(answer.error()).expect("a service-level error");
        assert!(matches!(err, DividerError::Timeout { deadline_ms: 100 }), "{err:?}");
    }
}

#[tokio::test]
async fn not_finite_is_out_of_range() {
    let servers = common::servers().await;
    let answer = get(&servers, "/div/1e308/1e-308", &[]).await;
    let body = check_goa(&answer, "not_finite");
    assert_eq!(body["code"], "out_of_range");
    let err = decode_div(&answer);
    assert!(
        matches!(err, DivideError::NotFinite { dividend, divisor } if dividend == 1e308 && divisor == 1e-308),
        "{err:?}"
    );
    let err = decode_div(&get(&servers, "/div/NaN/2", &[]).await);
    assert!(matches!(err, DivideError::NotFinite { dividend, .. } if dividend.is_nan()), "{err:?}");
}

#[tokio::test]
async fn a_wrong_token_is_unauthenticated() {
    let servers = common::servers().await;
    let answer = get(&servers, "/idiv/8/2", &[("authorization", "Bearer guess")]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let body = check_goa(&answer, "unauthenticated");
    assert_eq!(body["message"], "Your credentials were not accepted.");
    assert!(matches!(decode_idiv(&answer), IntegerDivideError::Unauthenticated));

    let answer = get(&servers, "/div/8/2", &[("authorization", "")]).await;
    assert!(matches!(decode_div(&answer), DivideError::Unauthenticated));
    // Credentials are checked before the operands.
    let answer = get(&servers, "/div/x/y", &[("authorization", "Basic Zm9vOmJhcg==")]).await;
    assert!(matches!(decode_div(&answer), DivideError::Unauthenticated));
}

#[tokio::test]
async fn operands_that_are_not_numbers_are_invalid_field_type() {
    let servers = common::servers().await;
    let answer = get(&servers, "/idiv/abc/2", &[]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let body = check_goa(&answer, "invalid_field_type");
    assert_eq!(body["message"], "`a` must be a 32-bit integer.");
    assert_eq!(body["fields"], serde_json::json!({"field": "a", "expected": "a 32-bit integer"}));
    let err = decode_idiv(&answer);
    assert!(
        matches!(&err, IntegerDivideError::Request(RequestError::InvalidFieldType { field, expected })
            if field == "a" && expected == "a 32-bit integer"),
        "{err:?}"
    );

    // Out of i32's range, and text for divide's b.
    let err = decode_idiv(&get(&servers, "/idiv/1/2147483648", &[]).await);
    assert!(
        matches!(&err, IntegerDivideError::Request(RequestError::InvalidFieldType { field, .. }) if field == "b"),
        "{err:?}"
    );
    // Bytes that are not UTF-8: a declared error too, not axum's plain text.
    let answer = get(&servers, "/idiv/%FF/2", &[]).await;
    check_goa(&answer, "invalid_field_type");
    let err = decode_idiv(&answer);
    assert!(
        matches!(&err, IntegerDivideError::Request(RequestError::InvalidFieldType { field, .. }) if field == "a"),
        "{err:?}"
    );

    let err = decode_div(&get(&servers, "/div/1/two", &[]).await);
    assert!(
        matches!(&err, DivideError::Request(RequestError::InvalidFieldType { field, expected }) if field == "b" && expected == "a number"),
        "{err:?}"
    );
}

/// A request body and its content type, if any.
type Body = Option<(&'static str, Vec<u8>)>;

/// A request with a method, a body of a content type, and headers.
async fn send(servers: &Running, method: &str, path: &str, body: Body, headers: &[(&str, &str)]) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
    let mut request = reqwest::Client::new().request(method, format!("{}{path}", servers.http_url()));
    if let Some((content_type, body)) = body {
        request = request.header(CONTENT_TYPE, content_type).body(body);
    }
    for &(name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.expect("an HTTP response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("the body").to_vec();
    Answer { status, headers, body }
}

/// Every kind of request errdsl's extractors and fallbacks turn away, over
/// real HTTP, in both body formats: the status, the headers, the body, the
/// field and what was expected in a client's terms (never a Rust type name
/// from serde's text), and the typed error decoded back.
#[tokio::test]
async fn malformed_requests_get_declared_errors_in_both_formats() {
    let servers = common::servers().await;
    let json = "application/json";
    let form = "application/x-www-form-urlencoded";
    let cases: Vec<(&str, &str, Body, &str, &str)> = vec![
        (
            "POST",
            "/idiv",
            Some((json, br#"{"a": 1, "#.to_vec())),
            "decode_payload",
            "The request body is not valid JSON: it ends early.",
        ),
        (
            "POST",
            "/idiv",
            Some((json, br#"{"a": 1,, "b": 2}"#.to_vec())),
            "decode_payload",
            "The request body is not valid JSON: line 1, column 9.",
        ),
        (
            "POST",
            "/idiv",
            Some((json, br#"{"a": 1, "b": 2} trailing"#.to_vec())),
            "decode_payload",
            "The request body is not valid JSON: line 1, column 18.",
        ),
        ("POST", "/idiv", Some((json, b"  ".to_vec())), "missing_payload", "The request needs a body."),
        ("POST", "/idiv", None, "unsupported_media_type", "The request body must be application/json."),
        (
            "POST",
            "/idiv",
            Some(("text/plain", br#"{"a": 1, "b": 2}"#.to_vec())),
            "unsupported_media_type",
            "The request body must be application/json.",
        ),
        ("POST", "/idiv", Some((json, br#"{"a": 1}"#.to_vec())), "missing_field", "`b` is missing."),
        (
            "POST",
            "/idiv",
            Some((json, br#"{"a": 1, "b": "two"}"#.to_vec())),
            "invalid_field_type",
            "`b` must be a 32-bit integer.",
        ),
        (
            "POST",
            "/idiv",
            Some((json, br#"{"a": 1.5, "b": 2}"#.to_vec())),
            "invalid_field_type",
            "`a` must be a 32-bit integer.",
        ),
        ("POST", "/idiv", Some((json, br#""1/2""#.to_vec())), "invalid_field_type", "`.` must be an object."),
        (
            "POST",
            "/idiv",
            Some((json, vec![b' '; divider::http::MAX_BODY_BYTES + 1].into_iter().chain(*b"{}").collect())),
            "payload_too_large",
            "The request body is too large.",
        ),
        ("GET", "/div?a=1", None, "missing_field", "`b` is missing."),
        ("GET", "/div?a=1&b=two", None, "invalid_field_type", "`b` must be a number."),
        ("POST", "/div", Some((form, b"a=1&b=x".to_vec())), "invalid_field_type", "`b` must be a number."),
        ("POST", "/div", Some((form, b"b=1".to_vec())), "missing_field", "`a` is missing."),
        (
            "POST",
            "/div",
            Some((json, br#"{"a": 1, "b": 2}"#.to_vec())),
            "unsupported_media_type",
            "The request body must be application/x-www-form-urlencoded.",
        ),
        ("GET", "/no/such/route", None, "not_found", "Nothing is at /no/such/route."),
        ("DELETE", "/idiv/1/2", None, "method_not_allowed", "DELETE is not allowed here."),
        ("PUT", "/div", None, "method_not_allowed", "PUT is not allowed here."),
    ];
    for (method, path, body, name, message) in cases {
        let what = format!("{method} {path}");
        let answer = send(&servers, method, path, body.clone(), &[]).await;
        let goa = check_goa(&answer, name);
        assert_eq!(goa["message"], message, "{what}");
        let text = String::from_utf8_lossy(&answer.body);
        for rust in ["i32", "f64", "IntegerOperands", "Operands", "struct", "serde"] {
            assert!(!text.contains(rust), "{what} leaks {rust:?}: {text}");
        }
        // The typed error: the transparent variant of the service's own type.
        let typed = DividerError::try_from(answer.error()).expect("a declared error");
        assert!(matches!(typed, DividerError::Request(ref err) if err.name() == name), "{what}: {typed:?}");
        if name == "method_not_allowed" {
            assert!(answer.header("allow").is_some(), "{what}: 405 says what is allowed");
        }

        let problem = send(&servers, method, path, body, &[("accept", "application/problem+json")]).await;
        assert_eq!(problem.status, answer.status, "{what}");
        assert_eq!(problem.header(CONTENT_TYPE.as_str()), Some("application/problem+json"), "{what}");
        assert_eq!(problem.header("goa-error"), Some(name), "{what}");
        let body = problem.json();
        assert_eq!((body["name"].as_str(), body["detail"].as_str()), (Some(name), Some(message)), "{what}");
        assert_eq!(body["status"], answer.status.as_u16());
    }
}

#[tokio::test]
async fn maintenance_mode_answers_every_call_with_retry_after() {
    let servers = common::maintenance_servers().await;
    for (path, headers) in [
        ("/idiv/8/2", vec![]),
        ("/idiv/8/0", vec![("authorization", DEMO_TOKEN)]),
        ("/div/x/2", vec![("authorization", "Bearer guess")]),
    ] {
        let answer = get(&servers, path, &headers).await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(answer.header("retry-after"), Some("30"));
        let body = check_goa(&answer, "maintenance");
        assert_eq!(body["temporary"], true);
        let decoded = answer.error();
        assert_eq!(decoded.retry_after(), Some(Duration::from_secs(30)));
        assert!(matches!(DividerError::try_from(decoded), Ok(DividerError::Maintenance)));
    }
}

#[tokio::test]
async fn problem_json_when_the_client_prefers_it() {
    let servers = common::servers().await;
    let answer = get(&servers, "/idiv/7/2", &[(ACCEPT.as_str(), "application/problem+json")]).await;
    assert_eq!(answer.status, StatusCode::EXPECTATION_FAILED);
    assert_eq!(answer.header(CONTENT_TYPE.as_str()), Some("application/problem+json"));
    assert_eq!(answer.header("goa-error"), Some("has_remainder"));
    let body = answer.json();
    assert_eq!(body["type"], "/errors/has_remainder");
    assert_eq!(body["title"], "Has remainder");
    assert_eq!(body["status"], 417);
    assert_eq!(body["detail"], "7 is not divisible by 2 (remainder 1).");
    let id = body["id"].as_str().expect("the id extension");
    assert!(body.get("instance").is_none(), "the occurrence is the `id` member: {body}");
    assert_eq!(id.len(), 8);
    assert_eq!(body["fields"]["remainder"], 1);

    let problem: ProblemDetails = serde_json::from_slice(&answer.body).expect("problem details");
    assert_eq!(problem.name.as_deref(), Some("has_remainder"));
    let err = decode_idiv(&answer);
    assert!(matches!(err, IntegerDivideError::HasRemainder { remainder: 1, .. }), "{err:?}");

    // With Retry-After, on the maintenance server.
    let maintenance = common::maintenance_servers().await;
    let answer = get(&maintenance, "/div/1/2", &[(ACCEPT.as_str(), "application/problem+json")]).await;
    assert_eq!(answer.header(CONTENT_TYPE.as_str()), Some("application/problem+json"));
    assert_eq!(answer.header("retry-after"), Some("30"));
    assert!(matches!(decode_div(&answer), DivideError::Maintenance));

    // A client that prefers JSON, or says nothing, gets Goa's body.
    for accept in ["application/json", "*/*", "application/json, application/problem+json;q=0.5"] {
        let answer = get(&servers, "/idiv/7/2", &[(ACCEPT.as_str(), accept)]).await;
        check_goa(&answer, "has_remainder");
    }
    // Successes are not touched.
    let answer = get(&servers, "/idiv/8/2", &[(ACCEPT.as_str(), "application/problem+json")]).await;
    assert_eq!((answer.status, answer.body.as_slice()), (StatusCode::OK, b"4".as_slice()));
}

#[tokio::test]
async fn from_reqwest_decodes_the_same_error() {
    let servers = common::servers().await;
    let response = reqwest::get(format!("{}/idiv/9/2", servers.http_url())).await.expect("a response");
    let err = IntegerDivideError::try_from(ErrorResult::from_reqwest(response).await).expect("declared");
    assert!(
        matches!(err, IntegerDivideError::HasRemainder { dividend: 9, divisor: 2, remainder: 1 }),
        "{err:?}"
    );
}

/// The body a Goa server sends for the divider's custom error type, as
/// Goa's `OpenAPI` 3 generator describes the design's
/// `Type("DivisorTooLarge", ...)` (`errors.rs`): these members, of these
/// types, all required. Goa's generated client decodes it and validates
/// exactly this.
fn goa_divisor_too_large_schema() -> Value {
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "name": { "type": "string" },
            "message": { "type": "string" },
            "divisor": { "type": "integer", "format": "int32", "minimum": i32::MIN, "maximum": i32::MAX },
            "limit": { "type": "integer", "format": "int32", "minimum": i32::MIN, "maximum": i32::MAX },
        },
        "required": ["name", "message", "divisor", "limit"],
    })
}

/// Checks a custom-type answer: status, headers, and a body of the Goa
/// type's shape (only its members), named by its name member; returns it.
fn check_custom(answer: &Answer, name: &str) -> Value {
    let spec = common::spec(name);
    assert_eq!(answer.status, spec.http_status, "{name}");
    assert_eq!(answer.header("goa-error"), Some(name));
    assert_eq!(answer.header(CONTENT_TYPE.as_str()), Some("application/json"));
    let body = answer.json();
    assert_eq!(name, "divisor_too_large", "the divider's one custom type");
    let schema = jsonschema::options().offline().build(&goa_divisor_too_large_schema()).expect("a schema");
    let problems: Vec<String> = schema.iter_errors(&body).map(|err| err.to_string()).collect();
    assert_eq!(problems, Vec::<String>::new(), "{body}");
    let mut members: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    members.sort_unstable();
    assert_eq!(members, ["divisor", "limit", "message", "name"], "the type's attributes, nothing else");
    assert_eq!(body["name"], name);
    let decoded = answer.error();
    assert_eq!(decoded.name(), name);
    assert_eq!(decoded.wire_message(), body["message"].as_str().unwrap());
    // The body carries no code or flags: the status's, until the typed
    // error, which has its declaration's.
    assert_eq!(decoded.code(), errdsl::Code::from_http_status(answer.status));
    let typed = IntegerDivideError::try_from(decoded).expect("a declared error");
    assert_eq!((typed.code(), typed.http_status()), (spec.code, spec.http_status));
    body
}

#[tokio::test]
async fn divisor_too_large_is_sent_as_goas_custom_type() {
    let servers = common::servers().await;
    let answer = get(&servers, "/idiv/7/2000000", &[]).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = check_goa(&answer, "divisor_too_large");
    assert_eq!(
        body,
        serde_json::json!({
            "name": "divisor_too_large",
            "message": "Divide by at most 1000000 (in absolute value).",
            "divisor": 2_000_000,
            "limit": MAX_DIVISOR,
        })
    );
    let err = decode_idiv(&answer);
    assert!(
        matches!(err, IntegerDivideError::DivisorTooLarge { divisor: 2_000_000, limit: MAX_DIVISOR }),
        "{err:?}"
    );
    // A negative divisor too; and problem+json when asked for, as always.
    let answer = get(&servers, "/idiv/7/-2000000", &[(ACCEPT.as_str(), "application/problem+json")]).await;
    let problem = answer.json();
    assert_eq!(problem["name"], "divisor_too_large");
    assert_eq!(problem["fields"], serde_json::json!({"divisor": -2_000_000, "limit": MAX_DIVISOR}));
    assert!(matches!(decode_idiv(&answer), IntegerDivideError::DivisorTooLarge { divisor: -2_000_000, .. }));
}

/// Every declared error is reachable over HTTP, and decodes as the same
/// variant it was sent as.
#[tokio::test]
async fn every_declared_error_is_reachable() {
    let servers = common::servers().await;
    let maintenance = common::maintenance_servers().await;
    let mut answers = Vec::new();
    for path in [
        "/idiv/1/0",
        "/idiv/1/2",
        "/idiv/-2147483648/-1",
        "/div/999999/1",
        "/div/inf/1",
        "/idiv/one/1",
        "/idiv/1/2000000",
    ] {
        answers.push(get(&servers, path, &[]).await);
    }
    answers.push(get(&servers, "/idiv/1/1", &[("authorization", "x")]).await);
    answers.push(get(&maintenance, "/idiv/1/1", &[]).await);
    // What errdsl's extractors and fallbacks answer.
    let json = |body: &[u8]| Some(("application/json", body.to_vec()));
    for (method, path, body) in [
        ("POST", "/idiv", json(b"{")),
        ("POST", "/idiv", json(b"")),
        ("POST", "/idiv", json(br#"{"a": 1}"#)),
        ("POST", "/idiv", Some(("text/plain", b"1/2".to_vec()))),
        ("POST", "/idiv", json(&[b' '; divider::http::MAX_BODY_BYTES + 1])),
        ("GET", "/nowhere", None),
        ("PATCH", "/idiv/1/2", None),
    ] {
        answers.push(send(&servers, method, path, body, &[]).await);
    }

    let mut seen = BTreeSet::new();
    for answer in &answers {
        let name = answer.header("goa-error").expect("an error").to_owned();
        check_goa(answer, &name);
        let typed_name = match IntegerDivideError::try_from(answer.error()) {
            Ok(err) => err.name().to_owned(),
            Err(_) => decode_div(answer).name().to_owned(),
        };
        assert_eq!(typed_name, name);
        seen.insert(name);
    }
    // `route_mismatch` is a route that does not fit its extractor: the
    // divider's routes all fit theirs. `invalid_fields` is a validation
    // report's: the divider's operands are checked one by one, by its own
    // errors (`tests/e2e_field_violations.rs` sends reports over HTTP and gRPC).
    let unreachable = ["route_mismatch", "invalid_fields"];
    let expected: BTreeSet<_> = common::all_names()
        .into_iter()
        .filter(|name| !unreachable.contains(name))
        .map(str::to_owned)
        .collect();
    assert_eq!(seen, expected);
}

/// RFC 9457 §3.1.1: the `type` of a problem resolves (a relative reference,
/// against the request's URL) to the error's documentation, which the
/// divider serves itself.
#[tokio::test]
async fn problem_types_resolve_to_the_errors_docs() {
    let servers = common::servers().await;
    let request_url = reqwest::Url::parse(&format!("{}/idiv/7/2", servers.http_url())).expect("a URL");
    let answer = get(&servers, "/idiv/7/2", &[(ACCEPT.as_str(), "application/problem+json")]).await;
    let problem_type = answer.json()["type"].as_str().expect("a type").to_owned();
    let docs = request_url.join(&problem_type).expect("a URI reference");
    let page = reqwest::get(docs).await.expect("the docs page");
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()[CONTENT_TYPE.as_str()], "text/html; charset=utf-8");
    let html = page.text().await.expect("the page");
    assert!(html.contains("<h1><code>has_remainder</code></h1>"), "{html}");

    // Every error of the catalog: the type its problem would carry answers
    // 200, in HTML and in Markdown, with its description.
    for spec in errdsl_examples::divider::errors::catalog() {
        // errdsl's own request errors have no docs base (their `type` is
        // `about:blank`); the divider still serves their pages.
        let Some(docs_url) = spec.docs_url else {
            assert!(
                <errdsl::axum::RequestError as errdsl::Catalog>::spec(spec.name).is_some(),
                "{}",
                spec.name
            );
            let page =
                reqwest::get(request_url.join(&format!("/errors/{}", spec.name)).unwrap()).await.unwrap();
            assert_eq!(page.status(), StatusCode::OK, "{}", spec.name);
            continue;
        };
        let err = errdsl::ErrorResult::builder(spec.name, spec.code).docs_url(docs_url).build();
        let problem_type = ProblemDetails::from(&err).problem_type;
        let docs = request_url.join(&problem_type).expect("a URI reference");
        let html = reqwest::get(docs.clone()).await.expect("the docs page");
        assert_eq!(html.status(), StatusCode::OK, "{problem_type}");
        assert!(
            html.text().await.unwrap().contains(&format!("<code>{}</code>", spec.name)),
            "{problem_type}"
        );
        let markdown = reqwest::Client::new().get(docs).header(ACCEPT, "text/markdown").send().await.unwrap();
        assert_eq!(markdown.headers()[CONTENT_TYPE.as_str()], "text/markdown; charset=utf-8");
        let text = markdown.text().await.unwrap();
        assert!(text.starts_with(&format!("# `{}`", spec.name)), "{text}");
        let first_line = spec.description.lines().next().unwrap_or_default();
        assert!(text.contains(first_line.trim()), "{problem_type}: {text}");
    }

    // The index lists them all; an unknown name is a 404.
    let index = get(&servers, "/errors", &[(ACCEPT.as_str(), "text/markdown")]).await;
    let index = String::from_utf8(index.body).unwrap();
    for spec in errdsl_examples::divider::errors::catalog() {
        assert!(index.contains(&format!("(/errors/{})", spec.name)), "{index}");
    }
    assert_eq!(get(&servers, "/errors/no_such_error", &[]).await.status, StatusCode::NOT_FOUND);
}
