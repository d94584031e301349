//! Tests of the gRPC transport: every encoding and decoding rule, round
//! trips, the wire headers, and property tests of the lenient decoder.

use super::decode::{GRPC_MESSAGE, GRPC_STATUS, GRPC_STATUS_DETAILS};
use super::*;
use crate::model::code::Code;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use http::{HeaderMap, HeaderValue, StatusCode};
use proptest::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tonic_types::{ErrorDetails, StatusExt};

// ---------------------------------------------------------------------------
// A minimal protobuf reader and writer, independent of prost, to check the
// bytes of `grpc-status-details-bin` and to craft malformed ones.
// ---------------------------------------------------------------------------

/// A decoded `google.rpc.Status`: code, message and `(type_url, value)` of each detail.
#[derive(Debug, PartialEq)]
struct RpcStatus {
    code: i32,
    message: String,
    details: Vec<(String, Vec<u8>)>,
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// One field of a message: its number, and a varint (`Ok`) or bytes (`Err`).
type Field = (u64, Result<u64, Vec<u8>>);

/// The fields of a message, in order.
fn read_fields(bytes: &[u8]) -> Option<Vec<Field>> {
    let mut at = 0;
    let mut fields = Vec::new();
    while at < bytes.len() {
        let key = read_varint(bytes, &mut at)?;
        match key & 7 {
            0 => fields.push((key >> 3, Ok(read_varint(bytes, &mut at)?))),
            2 => {
                let len = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
                let value = bytes.get(at..at.checked_add(len)?)?.to_vec();
                at += len;
                fields.push((key >> 3, Err(value)));
            }
            _ => return None,
        }
    }
    Some(fields)
}

fn decode_rpc_status(bytes: &[u8]) -> Option<RpcStatus> {
    let mut status = RpcStatus { code: 0, message: String::new(), details: Vec::new() };
    for (number, value) in read_fields(bytes)? {
        match (number, value) {
            (1, Ok(code)) => status.code = i32::try_from(code).ok()?,
            (2, Err(text)) => status.message = String::from_utf8(text).ok()?,
            (3, Err(any)) => {
                let mut type_url = String::new();
                let mut value = Vec::new();
                for (number, field) in read_fields(&any)? {
                    match (number, field) {
                        (1, Err(text)) => type_url = String::from_utf8(text).ok()?,
                        (2, Err(bytes)) => value = bytes,
                        _ => return None,
                    }
                }
                status.details.push((type_url, value));
            }
            _ => return None,
        }
    }
    Some(status)
}

fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(u8::try_from(value & 0x7f).unwrap() | 0x80);
        value >>= 7;
    }
    out.push(u8::try_from(value).unwrap());
}

fn write_bytes(out: &mut Vec<u8>, number: u64, bytes: &[u8]) {
    write_varint(out, number << 3 | 2);
    write_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn encode_rpc_status(status: &RpcStatus) -> Vec<u8> {
    let mut out = Vec::new();
    write_varint(&mut out, 1 << 3);
    write_varint(&mut out, u64::from(status.code.unsigned_abs()));
    write_bytes(&mut out, 2, status.message.as_bytes());
    for (type_url, value) in &status.details {
        let mut any = Vec::new();
        write_bytes(&mut any, 1, type_url.as_bytes());
        write_bytes(&mut any, 2, value);
        write_bytes(&mut out, 3, &any);
    }
    out
}

const ERROR_INFO_URL: &str = "type.googleapis.com/google.rpc.ErrorInfo";
const RETRY_INFO_URL: &str = "type.googleapis.com/google.rpc.RetryInfo";
const LOCALIZED_URL: &str = "type.googleapis.com/google.rpc.LocalizedMessage";

// ---------------------------------------------------------------------------
// Fixtures.
// ---------------------------------------------------------------------------

const SECRET_DISPLAY: &str = "SECRET-DISPLAY password=hunter2 at 10.0.0.7";
const SECRET_SOURCE: &str = "SECRET-SOURCE disk /dev/sdb1 failed";

/// A hand-written fault with a source, standing in for a derived one.
#[derive(Debug)]
struct DbDown {
    source: io::Error,
}

impl fmt::Display for DbDown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(SECRET_DISPLAY)
    }
}

impl Error for DbDown {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.source)
    }
}

impl ServiceError for DbDown {
    fn name(&self) -> &'static str {
        "db_down"
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
    fn service(&self) -> Option<&str> {
        Some("storage")
    }
}

fn db_down() -> DbDown {
    DbDown { source: io::Error::other(SECRET_SOURCE) }
}

fn maintenance() -> ErrorResult {
    ErrorResult::builder("maintenance", Code::Unavailable)
        .message("divider is in maintenance")
        .temporary(true)
        .retry_after(Duration::from_secs(30))
        .service("divider")
        .id("x7Fq9-Ab")
        .field("node", "3")
        .build()
}

fn metadata_of(status: &tonic::Status) -> HashMap<String, String> {
    status.get_details_error_info().expect("an ErrorInfo").metadata
}

/// A status with this code and message whose details are the given ones.
fn with_details(code: tonic::Code, message: &str, details: &[(&str, Vec<u8>)]) -> tonic::Status {
    let rpc = RpcStatus {
        code: code as i32,
        message: message.to_owned(),
        details: details.iter().map(|(url, value)| ((*url).to_owned(), value.clone())).collect(),
    };
    tonic::Status::with_details(code, message, encode_rpc_status(&rpc).into())
}

/// The details of an encoded status, by type URL.
fn details_of(status: &tonic::Status) -> BTreeMap<String, Vec<u8>> {
    decode_rpc_status(status.details()).expect("a google.rpc.Status").details.into_iter().collect()
}

/// Every byte a status puts on the wire, and its Debug output.
fn wire_bytes(status: &tonic::Status) -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(format!("{:?}", status.code()).as_bytes());
    bytes.extend_from_slice(status.message().as_bytes());
    bytes.extend_from_slice(status.details());
    bytes.extend_from_slice(format!("{status:?}").as_bytes());
    for (name, value) in status.metadata().clone().into_headers() {
        bytes.extend_from_slice(format!("{name:?}").as_bytes());
        bytes.extend_from_slice(value.as_bytes());
    }
    for (name, value) in status.clone().into_http::<()>().headers() {
        bytes.extend_from_slice(name.as_str().as_bytes());
        bytes.extend_from_slice(value.as_bytes());
        if name == GRPC_STATUS_DETAILS {
            bytes.extend(STANDARD_NO_PAD.decode(value.as_bytes()).expect("tonic writes base64"));
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle.as_bytes())
}

/// What a real client sees: the status written as response headers by
/// tonic's server side and read back.
fn through_headers(status: tonic::Status) -> HeaderMap {
    status.into_http::<()>().headers().clone()
}

// ---------------------------------------------------------------------------
// Encoding.
// ---------------------------------------------------------------------------

#[test]
fn status_has_the_code_and_the_wire_message() {
    let status = tonic::Status::from(maintenance());
    assert_eq!(status.code(), tonic::Code::Unavailable);
    assert_eq!(status.message(), "divider is in maintenance");
    assert!(status.metadata().is_empty());

    let err = ErrorResult::builder("quota", Code::ResourceExhausted)
        .message("account 42 used 1000 of 1000")
        .user_message("Come back tomorrow.")
        .build();
    assert_eq!(tonic::Status::from(err).message(), "Come back tomorrow.");
}

#[test]
fn error_info_carries_name_domain_id_flags_code_and_fields() {
    let status = tonic::Status::from(maintenance());
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "MAINTENANCE");
    assert_eq!(info.domain, "divider");
    let want: HashMap<String, String> = [
        ("id", "x7Fq9-Ab"),
        ("temporary", "true"),
        ("timeout", "false"),
        ("fault", "false"),
        ("code", "unavailable"),
        ("service", "divider"),
        ("node", "3"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(info.metadata, want);
}

#[test]
fn every_flag_is_written_as_true_or_false() {
    for bits in 0..8u8 {
        let (temporary, timeout, fault) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0);
        let err = ErrorResult::builder("x", Code::Unavailable)
            .temporary(temporary)
            .timeout(timeout)
            .fault(fault)
            .build();
        let metadata = metadata_of(&tonic::Status::from(err));
        assert_eq!(metadata["temporary"], temporary.to_string());
        assert_eq!(metadata["timeout"], timeout.to_string());
        assert_eq!(metadata["fault"], fault.to_string());
    }
}

#[test]
fn domain_defaults_when_there_is_no_service() {
    let status = tonic::Status::from(ErrorResult::new("not_found", Code::NotFound, "no user 42"));
    assert_eq!(status.get_details_error_info().unwrap().domain, DEFAULT_DOMAIN);
    let status = tonic::Status::from(ErrorResult::builder("x", Code::NotFound).service("").build());
    assert_eq!(status.get_details_error_info().unwrap().domain, DEFAULT_DOMAIN);
}

#[test]
fn retry_info_only_when_retry_after_is_known() {
    let status = tonic::Status::from(maintenance());
    assert_eq!(status.get_details_retry_info().unwrap().retry_delay, Some(Duration::from_secs(30)));
    let status = tonic::Status::from(ErrorResult::new("x", Code::Unavailable, "x"));
    assert!(status.get_details_retry_info().is_none());
    assert!(!details_of(&status).contains_key(RETRY_INFO_URL));
    let err = ErrorResult::builder("x", Code::Unavailable).retry_after(Duration::from_millis(1500)).build();
    let status = tonic::Status::from(err);
    assert_eq!(status.get_details_retry_info().unwrap().retry_delay, Some(Duration::from_millis(1500)));
}

#[test]
fn localized_message_only_for_a_user_message() {
    let err = ErrorResult::builder("quota", Code::ResourceExhausted)
        .message("internal text")
        .user_message("Come back tomorrow.")
        .build();
    let localized = tonic::Status::from(err).get_details_localized_message().unwrap();
    assert_eq!(localized.locale, "en-US");
    assert_eq!(localized.message, "Come back tomorrow.");

    let status = tonic::Status::from(ErrorResult::new("x", Code::NotFound, "no user 42"));
    assert!(status.get_details_localized_message().is_none());
    assert!(!details_of(&status).contains_key(LOCALIZED_URL));
}

#[test]
fn details_are_a_google_rpc_status_with_the_same_code_and_message() {
    let statuses = [
        tonic::Status::from(maintenance()),
        to_status(&db_down()),
        tonic::Status::from(ErrorResult::builder("u", Code::InvalidArgument).user_message("Fix it.").build()),
        tonic::Status::from(ErrorResult::new("empty", Code::Aborted, "")),
    ];
    for status in statuses {
        let rpc = decode_rpc_status(status.details()).expect("a google.rpc.Status");
        assert_eq!(rpc.code, status.code() as i32);
        assert_eq!(rpc.message, status.message());
        let urls: Vec<&str> = rpc.details.iter().map(|(url, _)| url.as_str()).collect();
        assert!(urls.contains(&ERROR_INFO_URL), "{urls:?}");
        // And what the header carries is the same.
        let headers = through_headers(status.clone());
        let header = headers.get(GRPC_STATUS_DETAILS).unwrap();
        let bytes = STANDARD_NO_PAD.decode(header.as_bytes()).unwrap();
        assert_eq!(decode_rpc_status(&bytes).unwrap(), rpc);
    }
}

/// Written straight from the error as it leaves, or from its capture
/// under the same id: the same status, detail for detail, for errors
/// built at run time and declared ones (typed fields, a Goa custom type
/// with its gRPC message, field violations, a documentation base).
#[test]
fn an_error_sent_straight_and_its_capture_encode_alike() {
    // The metadata map's order is the hash map's: compare it decoded.
    fn decoded(rpc: &pb::Status) -> Vec<(String, Result<pb::ErrorInfo, Vec<u8>>)> {
        let detail = |any: &Any| match any.type_url.as_str() {
            tonic_types::ErrorInfo::TYPE_URL => {
                Ok(pb::ErrorInfo::decode(&any.value[..]).expect("an ErrorInfo"))
            }
            _ => Err(any.value.clone()),
        };
        rpc.details.iter().map(|any| (any.type_url.clone(), detail(any))).collect()
    }
    let with_user_message = ErrorResult::builder("busy", Code::ResourceExhausted)
        .user_message("Try again in a minute.")
        .field("deadline_ms", "250")
        .field_violation(crate::model::field_violation::FieldViolation::new("a", "b"))
        .build();
    let (db_down, maintenance) = (db_down(), maintenance());
    let too_large = crate::test_fixtures::ShopError::too_large(
        -3,
        0.25,
        true,
        crate::model::field_violation::FieldViolations::from(vec![
            crate::model::field_violation::FieldViolation::new("items[0].count", "must be at most 9")
                .with_reason("RANGE"),
        ]),
    );
    let errors: [&dyn ServiceError; 4] = [&db_down, &maintenance, &with_user_message, &too_large];
    for err in errors {
        let id = "x7Fq9-Ab";
        let straight = rich_status(Outgoing::of(&err, id));
        let captured = Outgoing::of(&err, id).into_error(err.to_string());
        let kept = rich_status(captured.outgoing());
        assert_eq!((straight.code, &straight.message), (kept.code, &kept.message), "{}", err.name());
        assert_eq!(decoded(&straight), decoded(&kept), "{}", err.name());
        let optional = [
            err.retry_after().is_some(),
            err.user_message().is_some(),
            !err.field_violations().is_empty(),
            err.error_spec().is_some_and(|spec| spec.goa_message.is_some()),
        ];
        assert_eq!(straight.details.len(), 2 + optional.iter().filter(|set| **set).count(), "{}", err.name());
    }
    // The custom type's message went both ways, typed fields and all.
    let straight = rich_status(Outgoing::of(&&too_large, "x7Fq9-Ab"));
    assert_eq!(straight.details[0].type_url, "type.googleapis.com/shop.OrderTooLargeError");
}

#[test]
fn to_status_uses_a_fresh_id_and_from_keeps_the_id() {
    let err = maintenance();
    assert_eq!(metadata_of(&to_status(&err))["id"].len(), 8);
    assert_ne!(metadata_of(&to_status(&err))["id"], "x7Fq9-Ab");
    assert_eq!(metadata_of(&tonic::Status::from(err))["id"], "x7Fq9-Ab");
}

#[test]
fn fault_message_names_the_id_it_sends() {
    let status = to_status(&db_down());
    assert_eq!(status.code(), tonic::Code::Internal);
    let id = &metadata_of(&status)["id"];
    assert_eq!(status.message(), format!("internal error (id: {id})"));
    let err = ErrorResult::builder("db_down", Code::Internal).fault(true).id("abcdEFGH").build();
    assert_eq!(tonic::Status::from(err).message(), "internal error (id: abcdEFGH)");
}

#[test]
fn a_faults_text_and_sources_appear_in_no_byte() {
    let by_trait = to_status(&db_down());
    let by_result = tonic::Status::from(
        ErrorResult::builder("db_down", Code::Internal)
            .message(SECRET_DISPLAY)
            .fault(true)
            .source(io::Error::other(SECRET_SOURCE))
            .build(),
    );
    let captured = ErrorResult::from_service_error(&db_down()).with_source(db_down());
    let by_captured = tonic::Status::from(captured);
    for status in [by_trait, by_result, by_captured] {
        let bytes = wire_bytes(&status);
        for secret in ["SECRET", "hunter2", "10.0.0.7", "sdb1"] {
            assert!(!contains(&bytes, secret), "{secret} leaked: {status:?}");
        }
        assert!(status.message().starts_with("internal error (id: "));
    }
}

#[test]
fn a_faults_declared_user_message_is_sent() {
    let err = ErrorResult::builder("db_down", Code::Internal)
        .message(SECRET_DISPLAY)
        .user_message("Please try again later.")
        .fault(true)
        .build();
    let status = tonic::Status::from(err);
    assert_eq!(status.message(), "Please try again later.");
    assert!(!contains(&wire_bytes(&status), "SECRET"));
}

/// A writer that keeps what a `tracing` subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn logs_of(f: impl FnOnce()) -> String {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
    tracing::subscriber::with_default(subscriber, f);
    String::from_utf8(captured.0.lock().unwrap().clone()).unwrap()
}

#[test]
fn faults_are_logged_with_the_id_the_client_gets() {
    let mut status = None;
    let logs = logs_of(|| status = Some(to_status(&db_down())));
    let id = metadata_of(&status.unwrap())["id"].clone();
    for part in [id.as_str(), "db_down", SECRET_DISPLAY, SECRET_SOURCE] {
        assert!(logs.contains(part), "{part} not in {logs}");
    }

    let err = ErrorResult::builder("db_down", Code::Internal)
        .message(SECRET_DISPLAY)
        .fault(true)
        .id("abcdEFGH")
        .source(ErrorResult::new("inner", Code::Internal, "inner text").with_source(io::Error::other("root")))
        .build();
    let logs = logs_of(|| drop(tonic::Status::from(err)));
    for part in ["abcdEFGH", SECRET_DISPLAY, "inner text: root"] {
        assert!(logs.contains(part), "{part} not in {logs}");
    }

    let logs = logs_of(|| drop(tonic::Status::from(maintenance())));
    assert!(logs.is_empty(), "{logs}");
}

#[test]
fn long_text_is_cut_on_a_char_boundary_on_both_sides() {
    let long = "é".repeat(MAX_TEXT_BYTES); // 2 bytes each
    let err = ErrorResult::builder("x", Code::InvalidArgument)
        .message(long.clone())
        .field("big", long.clone())
        .build();
    let status = tonic::Status::from(err);
    assert_eq!(status.message().len(), MAX_TEXT_BYTES);
    assert_eq!(metadata_of(&status)["big"].len(), MAX_TEXT_BYTES);
    let rpc = decode_rpc_status(status.details()).unwrap();
    assert_eq!(rpc.message, status.message());

    // An odd limit position: 3-byte chars.
    let long = "€".repeat(MAX_TEXT_BYTES);
    let cut = bounded(&long);
    assert!(cut.len() <= MAX_TEXT_BYTES && cut.len() > MAX_TEXT_BYTES - 3);
    assert!(long.starts_with(cut));
    assert_eq!(bounded("short"), "short");
}

/// A field built at run time under one of errdsl's keys travels under a
/// key of its own; one given twice under one key never doubles an entry:
/// errdsl's keys keep their values, and a key given twice keeps its last.
#[test]
fn fields_never_take_errdsls_keys_and_each_key_is_sent_once() {
    // Decoded as repeated entries, not as a map, to see every one sent.
    #[derive(Clone, PartialEq, prost::Message)]
    struct Entries {
        #[prost(message, repeated, tag = "3")]
        metadata: Vec<Entry>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    struct Entry {
        #[prost(string, tag = "1")]
        key: String,
        #[prost(string, tag = "2")]
        value: String,
    }
    let err = ErrorResult::builder("spoofed", Code::NotFound)
        .id("x7Fq9-Ab")
        .field("id", "spoof")
        .field("code", "ok")
        .field("deadline_ms", "1")
        .field("deadlineMs", "2")
        .build();
    let rpc = rich_status(err.outgoing());
    let info = rpc
        .details
        .iter()
        .find(|any| any.type_url == tonic_types::ErrorInfo::TYPE_URL)
        .expect("an ErrorInfo");
    let entries = Entries::decode(&info.value[..]).expect("entries");
    let sent: Vec<(&str, &str)> =
        entries.metadata.iter().map(|e| (e.key.as_str(), e.value.as_str())).collect();
    // Fields named like errdsl's keys travel beside them, as `field_<name>`.
    assert_eq!(
        sent,
        [
            ("field_id", "spoof"),
            ("field_code", "ok"),
            ("deadlineMs", "2"),
            ("id", "x7Fq9-Ab"),
            ("temporary", "false"),
            ("timeout", "false"),
            ("fault", "false"),
            ("code", "not_found")
        ]
    );
}

#[test]
fn at_most_max_fields_are_sent() {
    let mut builder = ErrorResult::builder("many", Code::InvalidArgument);
    for i in 0..MAX_FIELDS * 2 {
        builder = builder.field(format!("f{i}"), "v");
    }
    let metadata = metadata_of(&tonic::Status::from(builder.build()));
    assert_eq!(metadata.keys().filter(|key| key.starts_with('f')).count(), MAX_FIELDS + 1); // and `fault`
}

#[test]
fn absurd_retry_after_is_clamped_by_tonic_types_and_ignored_by_the_decoder() {
    let err = ErrorResult::builder("x", Code::Unavailable).retry_after(Duration::MAX).build();
    let status = tonic::Status::from(err);
    assert!(status.get_details_retry_info().unwrap().retry_delay.is_some());
    assert_eq!(ErrorResult::from_grpc_status(&status).retry_after(), None);
}

// ---------------------------------------------------------------------------
// Decoding.
// ---------------------------------------------------------------------------

#[test]
fn decodes_everything_an_errdsl_server_sends() {
    let err = ErrorResult::from_grpc_status(&tonic::Status::from(maintenance()));
    assert_eq!(err.name(), "maintenance");
    assert_eq!(err.id(), "x7Fq9-Ab");
    assert_eq!(err.code(), Code::Unavailable);
    assert_eq!(err.http_status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(err.is_temporary() && !err.is_timeout() && !err.is_fault());
    assert_eq!(err.message(), "divider is in maintenance");
    assert_eq!(err.user_message(), None);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(err.service(), Some("divider"));
    assert_eq!(err.fields().collect::<Vec<_>>(), [("node", "3")]);
    assert!(err.source().is_none());
}

#[test]
fn without_details_the_code_decides() {
    // Google's AIP-194: without a RetryInfo, only Unavailable.
    let temporary = [Code::Unavailable];
    for code in Code::ALL {
        let status = tonic::Status::new(code.into(), "plain");
        let err = ErrorResult::from_grpc_status(&status);
        assert_eq!(err.name(), code.as_str());
        assert_eq!(err.code(), code);
        assert_eq!(err.http_status(), code.http_status());
        assert_eq!(err.message(), "plain");
        assert_eq!(err.is_temporary(), temporary.contains(&code), "{code:?}");
        assert_eq!(err.is_timeout(), code == Code::DeadlineExceeded, "{code:?}");
        assert!(!err.is_fault());
        assert_eq!(err.id().len(), 8);
        assert_eq!(err.service(), None);
        assert_eq!(err.user_message(), None);
        assert_eq!(err.retry_after(), None);
        assert_eq!(err.fields().count(), 0);
        // The fallback agrees with `classify`.
        let class = crate::policy::classify::classify(&status);
        assert_eq!((err.is_temporary(), err.is_timeout()), (class.temporary, class.timeout));
    }
    let a = ErrorResult::from_grpc_status(&tonic::Status::unavailable("x"));
    let b = ErrorResult::from_grpc_status(&tonic::Status::unavailable("x"));
    assert_ne!(a.id(), b.id());
}

#[test]
fn an_unknown_status_is_classified_by_its_source() {
    let status = tonic::Status::from_error(Box::new(io::Error::from(io::ErrorKind::ConnectionRefused)));
    assert_eq!(status.code(), tonic::Code::Unknown);
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!(err.code(), Code::Unknown);
    assert_eq!(err.name(), "unknown");
    assert!(err.is_temporary());
}

#[test]
fn an_empty_message_becomes_the_codes_description() {
    let err = ErrorResult::from_grpc_status(&tonic::Status::not_found(""));
    assert_eq!(err.message(), "Some requested entity was not found");
}

#[test]
fn an_ok_status_is_a_clear_unknown_error() {
    let err = ErrorResult::from_grpc_status(&tonic::Status::ok(""));
    assert_eq!(err.name(), OK_STATUS_NAME);
    assert_eq!(err.code(), Code::Unknown);
    assert_eq!(err.message(), "gRPC status OK received as an error");
    assert!(!err.is_temporary() && !err.is_timeout() && !err.is_fault());
    let err = ErrorResult::from_grpc_status(&tonic::Status::ok("odd"));
    assert_eq!(err.message(), "odd");
    // Even with errdsl details: OK is no error, whatever they say.
    let sent = tonic::Status::from(maintenance());
    let ok = tonic::Status::with_details(tonic::Code::Ok, "fine", sent.details().to_vec().into());
    assert_eq!(ErrorResult::from_grpc_status(&ok).name(), OK_STATUS_NAME);
}

#[test]
fn undecodable_details_fall_back_to_the_code() {
    for garbage in [&b"\xff"[..], b"\x0a\xff\xff\xff\xff\x0f", b"hello world", &[0u8; 3], b"\x1a\x05abc"] {
        let status = tonic::Status::with_details(tonic::Code::Aborted, "conflict", garbage.to_vec().into());
        let err = ErrorResult::from_grpc_status(&status);
        assert_eq!(err.name(), "aborted", "{garbage:?}");
        assert_eq!(err.code(), Code::Aborted);
        assert_eq!(err.message(), "conflict");
        assert!(!err.is_temporary()); // AIP-194: retry the transaction, not the call
    }
}

#[test]
fn details_without_error_info_still_give_retry_and_user_message() {
    let details = ErrorDetails::with_retry_info(Some(Duration::from_secs(7)));
    let mut details = details;
    details.set_localized_message("fr-FR", "Réessayez plus tard.");
    let status = tonic::Status::with_error_details(tonic::Code::ResourceExhausted, "slow down", details);
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!(err.name(), "resource_exhausted");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(err.user_message().as_deref(), Some("Réessayez plus tard."));
    assert_eq!(err.message(), "slow down");
    assert!(err.is_temporary());
}

#[test]
fn one_malformed_detail_does_not_spoil_the_others() {
    let sent = tonic::Status::from(
        ErrorResult::builder("busy", Code::Unavailable)
            .user_message("Busy.")
            .retry_after(Duration::from_secs(3))
            .id("abcdEFGH")
            .build(),
    );
    let details = details_of(&sent);
    let error_info = details[ERROR_INFO_URL].clone();
    let localized = details[LOCALIZED_URL].clone();
    let status = with_details(
        tonic::Code::Unavailable,
        "Busy.",
        &[(RETRY_INFO_URL, vec![0xff]), (ERROR_INFO_URL, error_info), (LOCALIZED_URL, localized)],
    );
    assert!(status.check_error_details().is_err());
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!(err.name(), "busy");
    assert_eq!(err.id(), "abcdEFGH");
    assert_eq!(err.user_message().as_deref(), Some("Busy."));
    assert_eq!(err.retry_after(), None);

    // A malformed ErrorInfo: the fallback, with the good RetryInfo.
    let retry = details[RETRY_INFO_URL].clone();
    let status = with_details(
        tonic::Code::Unavailable,
        "Busy.",
        &[(ERROR_INFO_URL, vec![0x0a, 0x10]), (RETRY_INFO_URL, retry)],
    );
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!(err.name(), "unavailable");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
    // Unknown detail types are skipped.
    let status = with_details(tonic::Code::NotFound, "gone", &[("type.example.com/Other", vec![1, 2, 3])]);
    assert_eq!(ErrorResult::from_grpc_status(&status).name(), "not_found");
}

fn error_info_status(
    code: tonic::Code,
    reason: &str,
    domain: &str,
    metadata: &[(&str, &str)],
) -> tonic::Status {
    let metadata: HashMap<String, String> =
        metadata.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    tonic::Status::with_error_details(
        code,
        "message",
        ErrorDetails::with_error_info(reason, domain, metadata),
    )
}

#[test]
fn flags_other_than_true_or_false_fall_back_to_the_code() {
    for junk in ["", "TRUE", "yes", "1", "true ", "False"] {
        let status = error_info_status(
            tonic::Code::DeadlineExceeded,
            "slow",
            "svc",
            &[("temporary", junk), ("timeout", junk), ("fault", junk)],
        );
        let err = ErrorResult::from_grpc_status(&status);
        assert!(!err.is_temporary() && err.is_timeout() && !err.is_fault(), "{junk:?}");
        let status = error_info_status(tonic::Code::NotFound, "gone", "svc", &[("temporary", junk)]);
        assert!(!ErrorResult::from_grpc_status(&status).is_temporary(), "{junk:?}");
    }
    // Each flag on its own: the peer's word wins over the code's.
    let status = error_info_status(
        tonic::Code::DeadlineExceeded,
        "slow",
        "svc",
        &[("temporary", "false"), ("timeout", "maybe"), ("fault", "true")],
    );
    let err = ErrorResult::from_grpc_status(&status);
    assert!(!err.is_temporary() && err.is_timeout() && err.is_fault());
}

#[test]
fn missing_or_empty_parts_of_error_info_are_defaulted() {
    let status = error_info_status(tonic::Code::NotFound, "", "", &[("id", ""), ("service", "")]);
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!(err.name(), "not_found");
    assert_eq!(err.service(), None);
    assert_eq!(err.domain(), None);
    assert_eq!(err.id().len(), 8);
    let status = error_info_status(tonic::Code::NotFound, "NO_USER", "errdsl", &[]);
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!(err.name(), "no_user");
    assert_eq!(err.domain(), None);
    // The "code" entry is informative only: the status code wins.
    let status = error_info_status(
        tonic::Code::NotFound,
        "no_user",
        "users.example.com",
        &[("code", "internal"), ("service", "users")],
    );
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!(err.code(), Code::NotFound);
    assert_eq!(err.service(), Some("users"));
    assert_eq!(err.domain(), Some("users.example.com"));
}

#[test]
fn fields_come_from_field_keys_sorted_and_bounded() {
    let status = error_info_status(
        tonic::Code::InvalidArgument,
        "bad",
        "svc",
        &[("deadlineMs", "2"), ("field_a", "1"), ("field0", "first"), ("id", "x"), ("temporary", "true")],
    );
    let err = ErrorResult::from_grpc_status(&status);
    // lowerCamelCase keys, older errdsl peers' `field_` keys, positional
    // fields; errdsl's own keys are no fields.
    assert_eq!(err.fields().collect::<Vec<_>>(), [("0", "first"), ("a", "1"), ("deadline_ms", "2")]);

    let many: Vec<(String, String)> =
        (0..MAX_FIELDS * 3).map(|i| (format!("field_{i:04}"), i.to_string())).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let err =
        ErrorResult::from_grpc_status(&error_info_status(tonic::Code::InvalidArgument, "bad", "svc", &many));
    assert_eq!(err.fields().count(), MAX_FIELDS);
    assert_eq!(err.fields().next(), Some(("0000", "0")));
}

#[test]
fn huge_strings_are_bounded() {
    let huge = "ü".repeat(3 * MAX_TEXT_BYTES);
    let mut details = ErrorDetails::with_error_info(
        huge.clone(),
        huge.clone(),
        HashMap::from([
            ("id".to_owned(), huge.clone()),
            ("service".to_owned(), huge.clone()),
            (format!("field_{huge}"), huge.clone()),
        ]),
    );
    details.set_localized_message("en-US", huge.clone());
    let status = tonic::Status::with_error_details(tonic::Code::Internal, huge.clone(), details);
    let err = ErrorResult::from_grpc_status(&status);
    for text in [err.name(), err.id(), err.message(), err.service().unwrap(), err.domain().unwrap()] {
        assert_eq!(text.len(), MAX_TEXT_BYTES);
    }
    assert_eq!(err.user_message().unwrap().len(), MAX_TEXT_BYTES);
    let (name, value) = err.fields().next().unwrap();
    assert!(name.len() <= MAX_TEXT_BYTES && value.len() == MAX_TEXT_BYTES);
}

#[test]
fn retry_delays_beyond_a_day_are_ignored() {
    for (delay, want) in [
        (Duration::ZERO, Some(Duration::ZERO)),
        (MAX_RETRY_DELAY, Some(MAX_RETRY_DELAY)),
        (MAX_RETRY_DELAY + Duration::from_nanos(1), None),
        (Duration::from_secs(10 * 365 * 24 * 3600), None),
    ] {
        let status = tonic::Status::with_error_details(
            tonic::Code::Unavailable,
            "busy",
            ErrorDetails::with_retry_info(Some(delay)),
        );
        assert_eq!(ErrorResult::from_grpc_status(&status).retry_after(), want, "{delay:?}");
    }
    // A negative delay (seconds = -5): tonic-types reads it as zero.
    let negative = {
        let mut duration = Vec::new();
        write_varint(&mut duration, 1 << 3);
        write_varint(&mut duration, (-5i64).cast_unsigned());
        let mut retry = Vec::new();
        write_bytes(&mut retry, 1, &duration);
        retry
    };
    let status = with_details(tonic::Code::Unavailable, "busy", &[(RETRY_INFO_URL, negative)]);
    assert_eq!(ErrorResult::from_grpc_status(&status).retry_after(), Some(Duration::ZERO));
}

// ---------------------------------------------------------------------------
// The wire headers.
// ---------------------------------------------------------------------------

#[test]
fn through_real_headers_with_tonics_reader_and_ours() {
    let sent = ErrorResult::builder("quota", Code::ResourceExhausted)
        .message("account 42: 1000/1000 % used\r\n")
        .user_message("Vous avez épuisé votre quota — réessayez demain.")
        .temporary(true)
        .retry_after(Duration::from_millis(2500))
        .service("billing")
        .field("account", "42")
        .id("abcd-_EF")
        .build();
    let headers = through_headers(tonic::Status::from(sent));
    assert!(headers.contains_key(GRPC_STATUS_DETAILS));
    let by_tonic = tonic::Status::from_header_map(&headers).unwrap();
    let ours = status_from_header_map(&headers).unwrap();
    assert_eq!(ours.code(), by_tonic.code());
    assert_eq!(ours.message(), by_tonic.message());
    assert_eq!(ours.details(), by_tonic.details());
    for status in [by_tonic, ours] {
        let err = ErrorResult::from_grpc_status(&status);
        assert_eq!(err.name(), "quota");
        assert_eq!(err.id(), "abcd-_EF");
        assert_eq!(err.code(), Code::ResourceExhausted);
        assert_eq!(err.message(), "Vous avez épuisé votre quota — réessayez demain.");
        assert_eq!(err.user_message().as_deref(), Some("Vous avez épuisé votre quota — réessayez demain."));
        assert!(err.is_temporary());
        assert_eq!(err.retry_after(), Some(Duration::from_millis(2500)));
        assert_eq!(err.service(), Some("billing"));
        assert_eq!(err.field("account"), Some("42"));
    }
    let err = ErrorResult::from_grpc_headers(&headers).unwrap();
    assert_eq!(err.id(), "abcd-_EF");
}

#[test]
fn malformed_base64_details_give_a_clear_error() {
    let mut headers = through_headers(tonic::Status::from(maintenance()));
    headers.insert(GRPC_STATUS_DETAILS, HeaderValue::from_static("%%% not base64 %%%"));
    let err = ErrorResult::from_grpc_headers(&headers).unwrap();
    assert_eq!(err.code(), Code::Unavailable);
    assert_eq!(err.name(), "unavailable");
    assert_eq!(err.message(), "divider is in maintenance");
    assert!(err.is_temporary());
    assert_eq!(err.id().len(), 8);
    assert_eq!(status_from_header_map(&headers).unwrap().details(), b"");

    // tonic's own reader panics on this in tonic 0.14 (grpc/grpc-rust#2618);
    // whatever it does, a status it returns decodes clearly too.
    // (The panic message, if any, is captured by the test harness.)
    let by_tonic = std::panic::catch_unwind(|| tonic::Status::from_header_map(&headers));
    if let Ok(Some(status)) = by_tonic {
        assert_eq!(ErrorResult::from_grpc_status(&status).code(), Code::Unavailable);
    }
}

#[test]
fn padded_and_unpadded_base64_both_read() {
    let status = tonic::Status::from(maintenance());
    for encoded in [STANDARD.encode(status.details()), STANDARD_NO_PAD.encode(status.details())] {
        let mut headers = HeaderMap::new();
        headers.insert(GRPC_STATUS, HeaderValue::from_static("14"));
        headers.insert(GRPC_STATUS_DETAILS, HeaderValue::from_str(&encoded).unwrap());
        let err = ErrorResult::from_grpc_headers(&headers).unwrap();
        assert_eq!(err.name(), "maintenance");
        // No grpc-message: goapb.ErrorResponse's message.
        assert_eq!(err.message(), "divider is in maintenance");
    }
}

#[test]
fn header_status_code_and_metadata() {
    let mut headers = HeaderMap::new();
    headers.insert(GRPC_STATUS, HeaderValue::from_static("99"));
    headers.insert("x-request-id", HeaderValue::from_static("r-1"));
    let status = status_from_header_map(&headers).unwrap();
    assert_eq!(status.code(), tonic::Code::Unknown);
    assert_eq!(status.metadata().get("x-request-id").unwrap(), "r-1");
    assert!(status.metadata().get("grpc-status").is_none());
    assert!(status_from_header_map(&HeaderMap::new()).is_none());
    headers.insert(GRPC_STATUS, HeaderValue::from_static("0"));
    assert_eq!(ErrorResult::from_grpc_headers(&headers).unwrap().name(), OK_STATUS_NAME);
}

// ---------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------

fn arb_code() -> impl Strategy<Value = Code> {
    proptest::sample::select(Code::ALL.to_vec())
}

fn arb_retry_after() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (0..=MAX_RETRY_DELAY.as_secs()).prop_map(Duration::from_secs),
        (0..=u64::try_from(MAX_RETRY_DELAY.as_millis()).unwrap()).prop_map(Duration::from_millis),
    ]
}

prop_compose! {
    fn arb_error()(
        name in "[a-z][a-z0-9_]{0,30}",
        code in arb_code(),
        flags in any::<(bool, bool, bool)>(),
        message in "\\PC{1,80}",
        user_message in proptest::option::of("\\PC{1,80}"),
        retry_after in proptest::option::of(arb_retry_after()),
        service in proptest::option::of("[a-z][a-z0-9.-]{0,20}".prop_filter("reserved", |s| s != DEFAULT_DOMAIN)),
        // Names in snake_case, words starting with a letter: the declared
        // ones (the macros turn others away), which the metadata keys
        // carry faithfully; errdsl's own keys among them (`id`, `code`).
        fields in proptest::collection::btree_map(
            prop_oneof![
                "[a-eg-z][a-z0-9]{0,5}(_[a-z][a-z0-9]{0,5}){0,2}",
                proptest::sample::select(RESERVED_METADATA_KEYS).prop_map(str::to_owned),
            ],
            "\\PC{0,40}",
            0..6,
        ),
        id in proptest::option::of("[A-Za-z0-9_-]{8}"),
    ) -> ErrorResult {
        let (temporary, timeout, fault) = flags;
        let mut builder = ErrorResult::builder(name, code)
            .message(message)
            .temporary(temporary)
            .timeout(timeout)
            .fault(fault);
        if let Some(user_message) = user_message {
            builder = builder.user_message(user_message);
        }
        if let Some(after) = retry_after {
            builder = builder.retry_after(after);
        }
        if let Some(service) = service {
            builder = builder.service(service);
        }
        for (name, value) in fields {
            builder = builder.field(name, value);
        }
        if let Some(id) = id {
            builder = builder.id(id);
        }
        builder.build()
    }
}

/// The decoded error matches the sent one in everything that travels.
fn assert_round_trip(sent: &ErrorResult, got: &ErrorResult) -> Result<(), TestCaseError> {
    prop_assert_eq!(got.name(), sent.name());
    prop_assert_eq!(got.id(), sent.id());
    prop_assert_eq!(got.code(), sent.code());
    prop_assert_eq!(got.http_status(), sent.code().http_status());
    prop_assert_eq!(got.is_temporary(), sent.is_temporary());
    prop_assert_eq!(got.is_timeout(), sent.is_timeout());
    prop_assert_eq!(got.is_fault(), sent.is_fault());
    prop_assert_eq!(got.wire_message(), sent.wire_message());
    prop_assert_eq!(got.user_message(), sent.user_message());
    prop_assert_eq!(got.retry_after(), sent.retry_after());
    prop_assert_eq!(got.service(), sent.service());
    prop_assert_eq!(got.fields().collect::<Vec<_>>(), sent.fields().collect::<Vec<_>>());
    Ok(())
}

fn check_bounds(err: &ErrorResult) -> Result<(), TestCaseError> {
    prop_assert!(!err.name().is_empty());
    prop_assert!(!err.id().is_empty());
    for text in [err.name(), err.id(), err.message()] {
        prop_assert!(text.len() <= MAX_TEXT_BYTES);
    }
    prop_assert!(err.user_message().is_none_or(|m| m.len() <= MAX_TEXT_BYTES));
    prop_assert!(err.service().is_none_or(|s| s.len() <= MAX_TEXT_BYTES));
    prop_assert!(err.fields().len() <= MAX_FIELDS);
    prop_assert!(err.retry_after().is_none_or(|after| after <= MAX_RETRY_DELAY));
    prop_assert_eq!(err.http_status(), err.code().http_status());
    Ok(())
}

proptest! {
    #[test]
    fn round_trip(sent in arb_error()) {
        let status = tonic::Status::from(sent.clone());
        assert_round_trip(&sent, &ErrorResult::from_grpc_status(&status))?;

        // The details are a google.rpc.Status with the status's code and message.
        let rpc = decode_rpc_status(status.details()).expect("a google.rpc.Status");
        prop_assert_eq!(rpc.code, status.code() as i32);
        prop_assert_eq!(rpc.message.as_str(), status.message());

        // And through the wire headers, read by tonic and by us.
        let headers = through_headers(status);
        let by_tonic = tonic::Status::from_header_map(&headers).expect("a status");
        assert_round_trip(&sent, &ErrorResult::from_grpc_status(&by_tonic))?;
        assert_round_trip(&sent, &ErrorResult::from_grpc_headers(&headers).expect("a status"))?;
    }

    #[test]
    fn a_decoded_error_passes_on_unchanged(sent in arb_error()) {
        let once = ErrorResult::from_grpc_status(&tonic::Status::from(sent.clone()));
        let twice = ErrorResult::from_grpc_status(&tonic::Status::from(once.clone()));
        assert_round_trip(&sent, &twice)?;
    }

    #[test]
    fn arbitrary_details_never_panic(
        code in 0..=20i32,
        message in any::<String>(),
        details in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let status = tonic::Status::with_details(tonic::Code::from_i32(code), message, details.into());
        check_bounds(&ErrorResult::from_grpc_status(&status))?;
    }

    #[test]
    fn mutated_details_never_panic(
        sent in arb_error(),
        mutations in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..8),
    ) {
        let status = tonic::Status::from(sent);
        let mut bytes = status.details().to_vec();
        for (index, byte, op) in mutations {
            if bytes.is_empty() {
                bytes.push(byte);
                continue;
            }
            let at = index.index(bytes.len());
            match op {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => { bytes.remove(at); }
            }
        }
        let mutated = tonic::Status::with_details(status.code(), status.message(), bytes.into());
        let err = ErrorResult::from_grpc_status(&mutated);
        check_bounds(&err)?;
        prop_assert_eq!(err.code(), Code::try_from(status.code()).unwrap());
    }

    #[test]
    fn arbitrary_error_info_never_panics(
        code in 1..=16i32,
        reason in any::<String>(),
        domain in any::<String>(),
        metadata in proptest::collection::hash_map(
            prop_oneof!["id|temporary|timeout|fault|code", "field_\\PC{0,8}", any::<String>()],
            any::<String>(),
            0..12,
        ),
        retry_secs in any::<u64>(),
        localized in any::<String>(),
    ) {
        let mut details = ErrorDetails::with_error_info(reason, domain, metadata.clone());
        details.set_retry_info(Some(Duration::from_secs(retry_secs)));
        details.set_localized_message("xx", localized);
        let status = tonic::Status::with_error_details(tonic::Code::from_i32(code), "m", details);
        let err = ErrorResult::from_grpc_status(&status);
        check_bounds(&err)?;
        let class = crate::policy::classify::classify(&status);
        let flag = |key: &str, fallback: bool| match metadata.get(key).map(String::as_str) {
            Some("true") => true,
            Some("false") => false,
            _ => fallback,
        };
        prop_assert_eq!(err.is_temporary(), flag("temporary", class.temporary));
        prop_assert_eq!(err.is_timeout(), flag("timeout", class.timeout));
        prop_assert_eq!(err.is_fault(), flag("fault", false));
    }

    #[test]
    fn arbitrary_headers_never_panic(
        code in proptest::collection::vec(any::<u8>(), 0..4),
        message in proptest::collection::vec(any::<u8>(), 0..64),
        details in proptest::collection::vec(any::<u8>(), 0..128),
        details_as_base64 in any::<bool>(),
    ) {
        let mut headers = HeaderMap::new();
        let details = if details_as_base64 { STANDARD.encode(&details).into_bytes() } else { details };
        for (name, value) in [(GRPC_STATUS, code), (GRPC_MESSAGE, message), (GRPC_STATUS_DETAILS, details)] {
            if let Ok(value) = HeaderValue::from_bytes(&value) {
                headers.insert(name, value);
            }
        }
        let err = ErrorResult::from_grpc_headers(&headers);
        prop_assert_eq!(err.is_some(), headers.contains_key(GRPC_STATUS));
        if let Some(err) = err {
            check_bounds(&err)?;
        }
    }
}
