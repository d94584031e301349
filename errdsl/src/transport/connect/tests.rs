//! Tests of the Connect transport: the body a Connect client reads, the
//! round trips through a `ConnectError` and through the raw JSON, Connect's
//! table for bodies without a code, and the lenient decoder under hostile
//! bodies.

use super::*;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::time::Duration;

fn maintenance() -> ErrorResult {
    ErrorResult::builder("maintenance", Code::Unavailable)
        .message("divider is in maintenance")
        .user_message("Come back in a minute.")
        .temporary(true)
        .retry_after(Duration::from_secs(30))
        .service("divider")
        .domain("divider.example.com")
        .field("window", "10:00-10:30")
        .id("x7Fq9-Ab")
        .build()
}

/// The JSON a Connect server writes for `err`.
fn body_of(err: &ConnectError) -> Value {
    serde_json::from_slice(&err.to_json()).unwrap()
}

#[test]
fn the_body_has_connects_code_message_and_typed_details() {
    let body = body_of(&ConnectError::from(maintenance()));
    assert_eq!(body["code"], "unavailable");
    assert_eq!(body["message"], "Come back in a minute.");
    let types: Vec<&str> =
        body["details"].as_array().unwrap().iter().map(|d| d["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "goapb.ErrorResponse",
            "google.rpc.ErrorInfo",
            "google.rpc.RetryInfo",
            "google.rpc.LocalizedMessage"
        ]
    );
    for detail in body["details"].as_array().unwrap() {
        let value = detail["value"].as_str().unwrap();
        assert!(!value.ends_with('='), "Connect wants unpadded base64: {value}");
        assert!(STANDARD_NO_PAD.decode(value).is_ok());
    }
}

#[test]
fn the_details_are_the_grpc_transports() {
    let err = maintenance();
    let sent = ConnectError::from(err.clone());
    let rpc = grpc::rich_status(err.outgoing());
    assert_eq!(sent.details.len(), rpc.details.len());
    for (detail, any) in sent.details.iter().zip(&rpc.details) {
        assert_eq!(format!("type.googleapis.com/{}", detail.type_url), any.type_url);
        let value = STANDARD_NO_PAD.decode(detail.value.as_deref().unwrap()).unwrap();
        if detail.type_url == "google.rpc.ErrorInfo" {
            // Its metadata is a map: the same entries, in any order.
            use prost::Message as _;
            let decoded = |bytes: &[u8]| tonic_types::pb::ErrorInfo::decode(bytes).unwrap();
            assert_eq!(decoded(&value), decoded(&any.value));
        } else {
            assert_eq!(value, any.value);
        }
    }
    assert_eq!(sent.message.as_deref(), Some(rpc.message.as_str()));
}

#[test]
fn every_code_keeps_its_number_and_connects_spelling() {
    for number in 1..=16 {
        let code = Code::try_from(number).unwrap();
        let sent = ConnectError::from(ErrorResult::new("e", code, "m"));
        assert_eq!(sent.code.grpc_code(), u32::try_from(number).unwrap());
        assert_eq!(ErrorResult::from_connect_error(&sent).code(), code);
        let raw = ErrorResult::from_connect_response(sent.code.http_status().as_u16(), &sent.to_json());
        assert_eq!(raw.code(), code, "{}", sent.code.as_str());
    }
    assert_eq!(body_of(&ConnectError::from(ErrorResult::new("e", Code::Cancelled, "m")))["code"], "canceled");
}

#[test]
fn both_decoders_give_back_what_was_sent() {
    let err = maintenance();
    let sent = ConnectError::from(err.clone());
    for back in [
        ErrorResult::from_connect_error(&sent),
        ErrorResult::from_connect_response(sent.code.http_status().as_u16(), &sent.to_json()),
    ] {
        assert_eq!(back.name(), "maintenance");
        assert_eq!(back.id(), "x7Fq9-Ab");
        assert_eq!(back.code(), Code::Unavailable);
        assert_eq!(back.message(), "Come back in a minute.");
        assert_eq!(back.user_message().as_deref(), Some("Come back in a minute."));
        assert!(back.is_temporary() && !back.is_timeout() && !back.is_fault());
        assert_eq!(back.retry_after(), Some(Duration::from_secs(30)));
        assert_eq!(back.service(), Some("divider"));
        assert_eq!(back.domain(), Some("divider.example.com"));
        assert_eq!(back.fields().collect::<Vec<_>>(), [("window", "10:00-10:30")]);
    }
}

#[test]
fn a_fault_sends_the_generic_message_with_its_id() {
    let err = ErrorResult::builder("db_down", Code::Internal).message("10.0.0.7 refused").fault(true).build();
    let sent = ConnectError::from(err.clone());
    let json = String::from_utf8(sent.to_json().to_vec()).unwrap();
    assert!(!json.contains("10.0.0.7"), "{json}");
    assert_eq!(sent.message.unwrap(), format!("internal error (id: {})", err.id()));
}

#[test]
fn a_body_without_details_reads_by_its_code() {
    let err =
        ErrorResult::from_connect_response(504, br#"{"code":"deadline_exceeded","message":"too slow"}"#);
    assert_eq!(err.name(), "deadline_exceeded");
    assert_eq!(err.message(), "too slow");
    assert!(!err.is_temporary() && err.is_timeout());

    let err = ErrorResult::from_connect_response(408, br#"{"code":"canceled"}"#);
    assert_eq!(err.code(), Code::Cancelled);
    assert_eq!(err.message(), tonic::Code::Cancelled.description());
}

#[test]
fn without_a_known_code_connects_table_decides() {
    let table = [
        (400, Code::Internal),
        (401, Code::Unauthenticated),
        (403, Code::PermissionDenied),
        (404, Code::Unimplemented),
        (429, Code::Unavailable),
        (502, Code::Unavailable),
        (503, Code::Unavailable),
        (504, Code::Unavailable),
        (500, Code::Unknown),
        (409, Code::Unknown),
        (200, Code::Unknown),
    ];
    for (status, code) in table {
        assert_eq!(code_of_http_status(status), code);
        for body in
            [&b""[..], b"<html>", br#"{"code":"teapot"}"#, br#"{"message":"x"}"#, b"[1]", br#"{"code":7}"#]
        {
            let err = ErrorResult::from_connect_response(status, body);
            assert_eq!(err.code(), code, "{status} {}", String::from_utf8_lossy(body));
            assert!(err.message().starts_with(&format!("HTTP {status} ")), "{}", err.message());
        }
    }
}

#[test]
fn malformed_details_are_skipped_and_the_rest_still_count() {
    let good = ConnectError::from(maintenance());
    let mut body = body_of(&good);
    let details = body["details"].as_array_mut().unwrap();
    details.insert(0, json!({"type": "goapb.ErrorResponse", "value": "!!! not base64"}));
    details.insert(0, json!({"type": 7, "value": "AAAA"}));
    details.insert(0, json!("a string"));
    details.insert(0, json!({"type": "google.rpc.ErrorInfo", "value": "////"}));
    body["message"] = json!(42);
    let err = ErrorResult::from_connect_response(503, &serde_json::to_vec(&body).unwrap());
    assert_eq!(err.name(), "maintenance");
    assert_eq!(err.id(), "x7Fq9-Ab");
    // The message is not text: the Goa detail's message stands in.
    assert_eq!(err.message(), "Come back in a minute.");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
}

#[test]
fn padded_base64_reads_too() {
    let mut body = body_of(&ConnectError::from(maintenance()));
    for detail in body["details"].as_array_mut().unwrap() {
        let bytes = STANDARD_NO_PAD.decode(detail["value"].as_str().unwrap()).unwrap();
        detail["value"] = json!(base64::engine::general_purpose::STANDARD.encode(bytes));
    }
    assert_eq!(ErrorResult::from_connect_response(503, &serde_json::to_vec(&body).unwrap()).id(), "x7Fq9-Ab");
}

#[test]
fn a_body_over_the_limit_is_not_parsed() {
    let mut body = body_of(&ConnectError::from(maintenance()));
    body["padding"] = json!("x".repeat(MAX_BODY_BYTES));
    let err = ErrorResult::from_connect_response(503, &serde_json::to_vec(&body).unwrap());
    assert_eq!(err.name(), "unavailable");
    assert_ne!(err.id(), "x7Fq9-Ab");
}

/// JSON values of any shape, a few levels deep, with Connect's members
/// among the keys.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z_]{0,20}".prop_map(Value::from),
        "[A-Za-z0-9+/=]{0,40}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("code".to_owned()),
                    Just("message".to_owned()),
                    Just("details".to_owned()),
                    Just("type".to_owned()),
                    Just("value".to_owned()),
                    "[a-z]{1,6}"
                ],
                inner,
                0..6
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn hostile_bodies_decode_without_panicking(status in 0u16..1000, body in json_value(), noise in prop::collection::vec(any::<u8>(), 0..64)) {
        let json = serde_json::to_vec(&body).unwrap();
        let err = ErrorResult::from_connect_response(status, &json);
        // Whatever came in, what comes out is an error that re-encodes and
        // decodes to itself.
        let again = ErrorResult::from_connect_error(&ConnectError::from(err.clone()));
        prop_assert_eq!((again.name(), again.id(), again.code()), (err.name(), err.id(), err.code()));
        prop_assert_eq!(again.message(), err.wire_message());
        prop_assert!(!ErrorResult::from_connect_response(status, &noise).name().is_empty());
    }

    #[test]
    fn any_error_round_trips(name in "[a-z][a-z0-9_]{0,20}", number in 1i32..=16, message in "\\PC{1,40}", temporary: bool, timeout: bool, secs in 0u64..86_400) {
        let code = Code::try_from(number).unwrap();
        let err = ErrorResult::builder(name.clone(), code).message(message).temporary(temporary).timeout(timeout).retry_after(Duration::from_secs(secs)).build();
        let sent = ConnectError::from(err.clone());
        let back = ErrorResult::from_connect_response(sent.code.http_status().as_u16(), &sent.to_json());
        prop_assert_eq!(back.name(), name.as_str());
        prop_assert_eq!(back.code(), code);
        prop_assert_eq!(back.id(), err.id());
        prop_assert_eq!(back.message(), err.wire_message());
        prop_assert_eq!((back.is_temporary(), back.is_timeout()), (temporary, timeout));
        prop_assert_eq!(back.retry_after(), Some(Duration::from_secs(secs)));
    }

    /// Bodies with a valid Connect code and details of every type errdsl
    /// reads (well-formed or any bytes, base64 or not), so that the
    /// decoder's code and detail parsing run, not only its refusals.
    #[test]
    fn valid_codes_with_any_details_reach_the_detail_parser(index in 0usize..16, message in any::<String>(), details in prop::collection::vec(connect_detail(), 0..6)) {
        let body = json!({"code": CONNECT_CODES[index], "message": message, "details": details});
        let err = ErrorResult::from_connect_response(400, &serde_json::to_vec(&body).unwrap());
        let code = Code::try_from(i32::try_from(index).unwrap() + 1).unwrap();
        prop_assert_eq!(err.code(), code, "{}", body);
        prop_assert!(!err.name().is_empty());
        let again = ErrorResult::from_connect_error(&ConnectError::from(err.clone()));
        prop_assert_eq!((again.name(), again.code()), (err.name(), err.code()));
    }
}

/// Connect's names of the codes 1 to 16, in order.
const CONNECT_CODES: [&str; 16] = [
    "canceled",
    "unknown",
    "invalid_argument",
    "deadline_exceeded",
    "not_found",
    "already_exists",
    "permission_denied",
    "resource_exhausted",
    "failed_precondition",
    "aborted",
    "out_of_range",
    "unimplemented",
    "internal",
    "unavailable",
    "data_loss",
    "unauthenticated",
];

/// One detail of a Connect error body: a type errdsl reads (or any), and
/// a value that is a well-formed message of that type, any bytes, or text
/// that is no base64.
fn connect_detail() -> impl Strategy<Value = Value> {
    use base64::Engine as _;
    let type_name = prop_oneof![
        Just("google.rpc.ErrorInfo".to_owned()),
        Just("google.rpc.RetryInfo".to_owned()),
        Just("google.rpc.BadRequest".to_owned()),
        Just("google.rpc.LocalizedMessage".to_owned()),
        Just("goapb.ErrorResponse".to_owned()),
        "[a-zA-Z.]{0,30}",
    ];
    let info =
        ("[A-Z_]{0,12}", "[a-z.]{0,12}", prop::collection::btree_map("[a-zA-Z]{1,8}", any::<String>(), 0..4))
            .prop_map(|(reason, domain, metadata)| {
                prost::Message::encode_to_vec(&tonic_types::pb::ErrorInfo {
                    reason,
                    domain,
                    metadata: metadata.into_iter().collect(),
                })
            });
    let bytes = prop_oneof![info, prop::collection::vec(any::<u8>(), 0..40)];
    let value = prop_oneof![
        bytes
            .clone()
            .prop_map(|bytes| Value::from(base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes))),
        bytes.prop_map(|bytes| Value::from(base64::engine::general_purpose::STANDARD.encode(bytes))),
        any::<String>().prop_map(Value::from),
    ];
    (type_name, value).prop_map(|(type_name, value)| json!({"type": type_name, "value": value}))
}
