//! End to end over gRPC: the divider served by tonic on loopback, called with
//! the tonic client generated from `proto/divider.proto`. Every declared
//! error (but the HTTP-only `invalid_field_type`) is triggered, and checked
//! as a client sees it: the code, the message, the rich error details, and
//! the typed error decoded back.

// Exact: floats must cross the wire unchanged.
#![allow(clippy::float_cmp)]

mod common;

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use errdsl::{Catalog, ErrorResult, ServiceError};
use errdsl_examples::divider::grpc::{DividerClient, goapb, pb};
use errdsl_examples::divider::{
    DEMO_TOKEN, DivideError, DividerError, IntegerDivideError, MAX_DIVISOR, Running, SLOW_DIVIDEND,
    WorkerFault,
};
use prost::Message as _;
use tonic::metadata::{KeyAndValueRef, MetadataValue};
use tonic::transport::Channel;
use tonic::{Request, Status};
use tonic_types::StatusExt;

async fn client(servers: &Running) -> DividerClient<Channel> {
    DividerClient::connect(servers.grpc_url()).await.expect("connect to the gRPC server")
}

fn with_auth<T>(message: T, authorization: Option<&str>) -> Request<T> {
    let mut request = Request::new(message);
    if let Some(value) = authorization {
        let value = MetadataValue::try_from(value).expect("ASCII metadata");
        request.metadata_mut().insert("authorization", value);
    }
    request
}

async fn idiv(servers: &Running, a: i32, b: i32, authorization: Option<&str>) -> Result<i32, Status> {
    let request = with_auth(pb::IntegerDivideRequest { a, b }, authorization);
    Ok(client(servers).await.integer_divide(request).await?.into_inner().field)
}

async fn div(servers: &Running, a: f64, b: f64, authorization: Option<&str>) -> Result<f64, Status> {
    let request = with_auth(pb::DivideRequest { a, b }, authorization);
    Ok(client(servers).await.divide(request).await?.into_inner().field)
}

/// Whether `reason` is what AIP-193 asks of `ErrorInfo.reason`:
/// `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63 characters.
fn is_aip_193_reason(reason: &str) -> bool {
    let bytes = reason.as_bytes();
    (3..=63).contains(&bytes.len())
        && bytes[0].is_ascii_uppercase()
        && bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        && bytes[bytes.len() - 1] != b'_'
}

/// Whether `key` is a lowerCamelCase metadata key of at most 64 characters.
fn is_lower_camel_key(key: &str) -> bool {
    key.len() <= 64
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Checks what every error status carries against the error's declaration,
/// detail by detail as Goa's and Google's clients read them, and returns the
/// `ErrorInfo` metadata.
fn check_status(status: &Status, name: &str) -> HashMap<String, String> {
    let spec = common::spec(name);
    assert_eq!(status.code(), tonic::Code::from(spec.code), "{name}: {status:?}");

    // The google.rpc.Status repeats the code and the message.
    let rpc = tonic_types::pb::Status::decode(status.details()).expect("a google.rpc.Status");
    assert_eq!(rpc.code, status.code() as i32, "{name}");
    assert_eq!(rpc.message, status.message(), "{name}");

    // details[0] is Goa's error message, as a Goa client decodes it: a
    // custom error type's own message (checked by its test), else
    // goapb.ErrorResponse, which then follows.
    let mut details = rpc.details.iter();
    if let Some(message) = spec.goa_message {
        let custom = details.next().expect("details");
        assert_eq!(custom.type_url, format!("type.googleapis.com/{message}"), "{name}");
    }
    let first = details.next().expect("details");
    assert_eq!(first.type_url, "type.googleapis.com/goapb.ErrorResponse", "{name}");
    let goa = goapb::ErrorResponse::decode(first.value.as_slice()).expect("a goapb.ErrorResponse");
    assert_eq!(goa.name, name);
    assert_eq!(goa.msg, status.message(), "{name}: msg is the status message");
    assert_eq!((goa.temporary, goa.timeout, goa.fault), (spec.temporary, spec.timeout, spec.fault), "{name}");

    // Exactly one ErrorInfo, by AIP-193.
    let infos: Vec<_> =
        rpc.details.iter().filter(|any| any.type_url == "type.googleapis.com/google.rpc.ErrorInfo").collect();
    assert_eq!(infos.len(), 1, "{name}: one ErrorInfo");
    let info = tonic_types::pb::ErrorInfo::decode(infos[0].value.as_slice()).expect("an ErrorInfo");
    assert_eq!(info.reason, name.to_ascii_uppercase());
    assert!(is_aip_193_reason(&info.reason), "{name}: reason {:?}", info.reason);
    assert_eq!(info.domain, "divider.example.com");
    let meta = &info.metadata;
    assert!(meta.keys().all(|key| is_lower_camel_key(key)), "{name}: {meta:?}");
    assert_eq!(meta["id"].len(), 8, "{meta:?}");
    assert_eq!(meta["id"], goa.id, "{name}: one id in both details");
    assert_eq!(meta["temporary"], spec.temporary.to_string());
    assert_eq!(meta["timeout"], spec.timeout.to_string());
    assert_eq!(meta["fault"], spec.fault.to_string());
    assert_eq!(meta["code"], spec.code.as_str());
    assert_eq!(meta["service"], "divider");

    let details = status.check_error_details().expect("well-formed details");
    match spec.retry_after_secs {
        Some(secs) => {
            let retry = details.retry_info().expect("RetryInfo");
            assert_eq!(retry.retry_delay, Some(Duration::from_secs(secs)));
        }
        None => assert!(details.retry_info().is_none(), "{name}: unexpected RetryInfo"),
    }
    match details.localized_message() {
        Some(localized) => {
            assert!(spec.user_message.is_some(), "{name}: LocalizedMessage without a user message");
            assert_eq!(localized.locale, "en-US");
            assert_eq!(localized.message, status.message(), "the user message is the wire message");
        }
        None => assert!(spec.user_message.is_none(), "{name}: no LocalizedMessage"),
    }

    let decoded = ErrorResult::from_grpc_status(status);
    assert_eq!(decoded.name(), name);
    assert_eq!(decoded.id(), meta["id"]);
    assert_eq!(decoded.code(), spec.code);
    assert_eq!(decoded.service(), Some("divider"));
    assert_eq!(decoded.domain(), Some("divider.example.com"));
    assert_eq!(
        (decoded.is_temporary(), decoded.is_timeout(), decoded.is_fault()),
        (spec.temporary, spec.timeout, spec.fault)
    );
    assert_eq!(decoded.retry_after(), spec.retry_after_secs.map(Duration::from_secs));
    meta.clone()
}

fn decode_idiv(status: &Status) -> IntegerDivideError {
    IntegerDivideError::try_from(ErrorResult::from_grpc_status(status))
        .expect("a declared error of integer_divide")
}

fn decode_div(status: &Status) -> DivideError {
    DivideError::try_from(ErrorResult::from_grpc_status(status)).expect("a declared error of divide")
}

#[tokio::test]
async fn successful_calls_return_the_quotient() {
    let servers = common::servers().await;
    assert_eq!(idiv(&servers, 12, 4, None).await.unwrap(), 3);
    assert_eq!(idiv(&servers, -12, 4, Some(DEMO_TOKEN)).await.unwrap(), -3);
    assert_eq!(div(&servers, 7.0, 2.0, None).await.unwrap(), 3.5);
    assert_eq!(div(&servers, 1.0, -4.0, Some(DEMO_TOKEN)).await.unwrap(), -0.25);
}

#[tokio::test]
async fn div_by_zero_on_both_methods() {
    let servers = common::servers().await;

    let status = idiv(&servers, 7, 0, None).await.unwrap_err();
    let meta = check_status(&status, "div_by_zero");
    assert_eq!(status.message(), "You can't divide 7 by zero.");
    assert_eq!(meta["dividend"], "7");
    let err = decode_idiv(&status);
    assert!(matches!(err, IntegerDivideError::DivByZero { dividend } if dividend == 7.0), "{err:?}");
    assert_eq!(err.to_string(), "cannot divide 7 by zero");

    let status = div(&servers, -1.5, 0.0, None).await.unwrap_err();
    check_status(&status, "div_by_zero");
    assert_eq!(status.message(), "You can't divide -1.5 by zero.");
    let err = decode_div(&status);
    assert!(matches!(err, DivideError::DivByZero { dividend } if dividend == -1.5), "{err:?}");
}

#[tokio::test]
async fn has_remainder_is_failed_precondition() {
    let servers = common::servers().await;
    let status = idiv(&servers, 7, 2, None).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::FailedPrecondition);
    let meta = check_status(&status, "has_remainder");
    assert_eq!(status.message(), "7 is not divisible by 2 (remainder 1).");
    assert_eq!((meta["dividend"].as_str(), meta["divisor"].as_str()), ("7", "2"));
    assert_eq!(meta["remainder"], "1");
    let err = decode_idiv(&status);
    assert!(
        matches!(err, IntegerDivideError::HasRemainder { dividend: 7, divisor: 2, remainder: 1 }),
        "{err:?}"
    );
}

#[tokio::test]
async fn overflow_is_a_fault_whose_report_stays_on_the_server() {
    let servers = common::servers().await;
    let request = pb::IntegerDivideRequest { a: i32::MIN, b: -1 };
    let status = client(&servers).await.integer_divide(request).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::Internal);
    let meta = check_status(&status, "overflow");
    assert_eq!(status.message(), format!("internal error (id: {})", meta["id"]));
    // errdsl's own keys only: no field of the fault travels.
    let mut keys: Vec<&str> = meta.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["code", "fault", "id", "service", "temporary", "timeout"], "{meta:?}");

    // Nothing of the report anywhere: message, details, every metadata entry.
    common::assert_no_secret("the message", status.message().as_bytes());
    common::assert_no_secret("the details", status.details());
    for entry in status.metadata().iter() {
        match entry {
            KeyAndValueRef::Ascii(key, value) => {
                common::assert_no_secret("a metadata key", key.as_str().as_bytes());
                common::assert_no_secret("a metadata value", value.as_encoded_bytes());
            }
            KeyAndValueRef::Binary(key, value) => {
                common::assert_no_secret("a metadata key", key.as_str().as_bytes());
                common::assert_no_secret("a binary metadata value", &value.to_bytes().unwrap_or_default());
            }
        }
    }
    for (key, value) in &meta {
        common::assert_no_secret("ErrorInfo metadata", format!("{key}={value}").as_bytes());
    }

    // The fault decodes into its variant; its source did not travel.
    let err = decode_idiv(&status);
    assert!(
        matches!(&err, IntegerDivideError::Overflow { cause } if *cause == WorkerFault::default()),
        "{err:?}"
    );
    common::assert_no_secret("the decoded error", format!("{err:?} {err}").as_bytes());
}

#[tokio::test]
async fn timeout_is_temporary_and_reachable() {
    let servers = common::servers().await;
    for status in [
        idiv(&servers, SLOW_DIVIDEND, 3, None).await.unwrap_err(),
        div(&servers, f64::from(SLOW_DIVIDEND), 3.0, None).await.unwrap_err(),
    ] {
        assert_eq!(status.code(), tonic::Code::DeadlineExceeded);
        let meta = check_status(&status, "timeout");
        assert_eq!(meta["deadlineMs"], "100");
        assert_eq!(status.message(), "The computation took longer than 100 ms.");
        let decoded = ErrorResult::from_grpc_status(&status);
        // Declared temporary: retried even by a call that is not idempotent.
        assert!(decoded.is_temporary() && decoded.is_timeout());
        assert!(errdsl::retry::is_retryable(&decoded, errdsl::retry::Idempotency::NotIdempotent));
        let err = DividerError::try_from(decoded).expect("a service-level error");
        assert!(matches!(err, DividerError::Timeout { deadline_ms: 100 }), "{err:?}");
    }
}

/// `divisor_too_large` is a Goa custom error type of `integer_divide`:
/// `details[0]` is the message a Goa server sends, which the generated Goa
/// client switches on first, decoded here with the type compiled from
/// `proto/divider.proto`; errdsl decodes the status back into the variant,
/// and so it does from that message alone, as a Goa server sends it.
#[tokio::test]
async fn divisor_too_large_is_goas_custom_message_first() {
    let servers = common::servers().await;
    let status = idiv(&servers, 7, 2_000_000, None).await.expect_err("divisor_too_large");
    check_status(&status, "divisor_too_large");
    let rpc = tonic_types::pb::Status::decode(status.details()).expect("a google.rpc.Status");
    assert_eq!(rpc.details[0].type_url, "type.googleapis.com/divider.IntegerDivideDivisorTooLargeError");
    let custom = pb::IntegerDivideDivisorTooLargeError::decode(rpc.details[0].value.as_slice())
        .expect("the custom message");
    assert_eq!(
        custom,
        pb::IntegerDivideDivisorTooLargeError {
            name: "divisor_too_large".to_owned(),
            message: "Divide by at most 1000000 (in absolute value).".to_owned(),
            divisor: 2_000_000,
            limit: MAX_DIVISOR,
        }
    );
    assert_eq!(custom.message, status.message());
    let is_expected = |err: &IntegerDivideError| matches!(err, IntegerDivideError::DivisorTooLarge { divisor: 2_000_000, limit } if *limit == MAX_DIVISOR);
    assert!(is_expected(&decode_idiv(&status)));

    // The custom message alone, as a Goa server sends it.
    let alone = tonic_types::pb::Status { details: vec![rpc.details[0].clone()], ..rpc };
    let goa_status = Status::with_details(status.code(), status.message(), alone.encode_to_vec().into());
    let decoded = ErrorResult::from_grpc_status_in(&goa_status, IntegerDivideError::ERRORS);
    assert_eq!(decoded.name(), "divisor_too_large");
    assert_eq!(decoded.message(), status.message());
    assert!(is_expected(&IntegerDivideError::try_from(decoded).expect("the variant")));
    // Without the catalog it is an error of the status code.
    assert_eq!(ErrorResult::from_grpc_status(&goa_status).name(), "out_of_range");
}

#[tokio::test]
async fn not_finite_is_out_of_range() {
    let servers = common::servers().await;
    let status = div(&servers, 1e308, 1e-308, None).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::OutOfRange);
    let meta = check_status(&status, "not_finite");
    assert_eq!(meta["dividend"].parse::<f64>().unwrap(), 1e308);
    let err = decode_div(&status);
    assert!(
        matches!(err, DivideError::NotFinite { dividend, divisor } if dividend == 1e308 && divisor == 1e-308),
        "{err:?}"
    );
    // NaN travels and decodes too.
    let status = div(&servers, f64::NAN, 1.0, None).await.unwrap_err();
    let err = decode_div(&status);
    assert!(matches!(err, DivideError::NotFinite { dividend, .. } if dividend.is_nan()), "{err:?}");
}

#[tokio::test]
async fn a_wrong_token_is_unauthenticated() {
    let servers = common::servers().await;
    let status = idiv(&servers, 8, 2, Some("Bearer guess")).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::Unauthenticated);
    check_status(&status, "unauthenticated");
    assert_eq!(status.message(), "Your credentials were not accepted.");
    assert!(matches!(decode_idiv(&status), IntegerDivideError::Unauthenticated));

    let status = div(&servers, 8.0, 2.0, Some("")).await.unwrap_err();
    assert!(matches!(decode_div(&status), DivideError::Unauthenticated));
    assert_eq!(idiv(&servers, 8, 2, Some(DEMO_TOKEN)).await.unwrap(), 4);
}

#[tokio::test]
async fn maintenance_mode_answers_every_call() {
    let servers = common::maintenance_servers().await;
    for status in [
        idiv(&servers, 8, 2, None).await.unwrap_err(),
        idiv(&servers, 8, 0, Some(DEMO_TOKEN)).await.unwrap_err(),
        div(&servers, 1.0, 2.0, Some("Bearer guess")).await.unwrap_err(),
    ] {
        assert_eq!(status.code(), tonic::Code::Unavailable);
        check_status(&status, "maintenance");
        let details = status.get_error_details();
        assert_eq!(details.retry_info().and_then(|r| r.retry_delay), Some(Duration::from_secs(30)));
        let decoded = ErrorResult::from_grpc_status(&status);
        assert_eq!(decoded.retry_after(), Some(Duration::from_secs(30)));
        assert!(matches!(DividerError::try_from(decoded), Ok(DividerError::Maintenance)));
    }
}

/// Every declared error but the HTTP-only one is reachable over gRPC, and
/// decodes as the same variant it was sent as.
#[tokio::test]
async fn every_declared_error_is_reachable() {
    let servers = common::servers().await;
    let maintenance = common::maintenance_servers().await;
    let statuses = [
        idiv(&servers, 1, 0, None).await.unwrap_err(),
        idiv(&servers, 1, 2, None).await.unwrap_err(),
        idiv(&servers, i32::MIN, -1, None).await.unwrap_err(),
        idiv(&servers, SLOW_DIVIDEND, 1, None).await.unwrap_err(),
        idiv(&servers, 1, 1, Some("x")).await.unwrap_err(),
        idiv(&maintenance, 1, 1, None).await.unwrap_err(),
        div(&servers, f64::INFINITY, 1.0, None).await.unwrap_err(),
        idiv(&servers, 1, 2_000_000, None).await.unwrap_err(),
    ];
    let mut seen = BTreeSet::new();
    for status in &statuses {
        let name = ErrorResult::from_grpc_status(status).name().to_owned();
        check_status(status, &name);
        let typed_name = match IntegerDivideError::try_from(ErrorResult::from_grpc_status(status)) {
            Ok(err) => err.name().to_owned(),
            Err(_) => decode_div(status).name().to_owned(),
        };
        assert_eq!(typed_name, name);
        seen.insert(name);
    }
    assert_eq!(seen, common::rpc_names());
}
