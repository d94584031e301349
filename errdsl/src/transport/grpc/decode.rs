//! Reading a status a client received, leniently, by the rules of the
//! [module docs](super): the rich details, the `ErrorInfo`, the headers of
//! a response. Independent of classification: the caller says what an
//! `Unknown` status without flags is.

use super::error_info::{
    DEFAULT_DOMAIN, KEY_FAULT, KEY_ID, KEY_SERVICE, KEY_TEMPORARY, KEY_TIMEOUT, RESERVED_METADATA_KEYS,
    field_of_key,
};
use super::goapb;
use super::limits::{MAX_FIELDS, MAX_RETRY_DELAY, bounded};
use crate::model::code::Code;
use crate::model::error_result::{ErrorResult, ErrorResultBuilder};
use crate::model::field_violation::FieldViolation;
use crate::percent::percent_decode_lossy;
use crate::policy::error_class::Classification;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT;
use prost::Message as _;
use prost_types::Any;
use std::collections::BTreeMap;
use std::time::Duration;
use tonic::metadata::MetadataMap;
use tonic_types::pb;

/// The name of the [`ErrorResult`] that [`ErrorResult::from_grpc_status`]
/// returns for an `OK` status, which is not an error.
///
/// ```
/// use errdsl::{Code, ErrorResult, ServiceError, grpc};
///
/// let err = ErrorResult::from_grpc_status(&tonic::Status::ok(""));
/// assert_eq!(err.name(), grpc::OK_STATUS_NAME);
/// assert_eq!(err.code(), Code::Unknown);
/// ```
pub const OK_STATUS_NAME: &str = "ok_status";

/// The header of the status code.
pub(super) const GRPC_STATUS: http::HeaderName = http::HeaderName::from_static("grpc-status");
/// The header of the percent-encoded status message.
pub(super) const GRPC_MESSAGE: http::HeaderName = http::HeaderName::from_static("grpc-message");
/// The header of the base64 `google.rpc.Status`.
pub(super) const GRPC_STATUS_DETAILS: http::HeaderName =
    http::HeaderName::from_static("grpc-status-details-bin");

/// The error a status says, by the module docs' rules; `unknown` classifies
/// an `Unknown` status without flags.
pub(crate) fn status(status: &tonic::Status, unknown: impl FnOnce() -> Classification) -> ErrorResult {
    let Ok(code) = Code::try_from(status.code()) else {
        let message = given(status.message()).unwrap_or("gRPC status OK received as an error");
        return ErrorResult::builder(OK_STATUS_NAME, Code::Unknown).message(message).build();
    };
    decode(code, status.message(), &Details::of(status), unknown).build()
}

/// The details of a status's `grpc-status-details-bin`, if it has any
/// that decode as a `google.rpc.Status`.
pub(super) fn details(status: &tonic::Status) -> Option<Vec<Any>> {
    if status.details().is_empty() {
        return None;
    }
    pb::Status::decode(status.details()).ok().map(|rpc| rpc.details)
}

/// The details a decoder reads, each independently of the others: the
/// first of each type that decodes.
#[derive(Default)]
struct Details {
    goa: Option<goapb::ErrorResponse>,
    error_info: Option<pb::ErrorInfo>,
    retry_delay: Option<Duration>,
    localized_message: Option<pb::LocalizedMessage>,
    bad_request: Option<pb::BadRequest>,
}

impl Details {
    /// The details of a status's `grpc-status-details-bin`.
    fn of(status: &tonic::Status) -> Details {
        details(status).map_or_else(Details::default, |details| Details::read(&details))
    }

    /// The details a decoder knows among `details`.
    fn read(details: &[Any]) -> Details {
        let mut read = Details::default();
        for any in details {
            let value = any.value.as_slice();
            match type_name(&any.type_url) {
                "goapb.ErrorResponse" if read.goa.is_none() => {
                    read.goa = goapb::ErrorResponse::decode(value).ok();
                }
                "google.rpc.ErrorInfo" if read.error_info.is_none() => {
                    read.error_info = pb::ErrorInfo::decode(value).ok();
                }
                "google.rpc.RetryInfo" if read.retry_delay.is_none() => {
                    read.retry_delay = pb::RetryInfo::decode(value)
                        .ok()
                        .and_then(|info| info.retry_delay)
                        .map(|delay| Duration::try_from(delay).unwrap_or(Duration::ZERO));
                }
                "google.rpc.LocalizedMessage" if read.localized_message.is_none() => {
                    read.localized_message = pb::LocalizedMessage::decode(value).ok();
                }
                "google.rpc.BadRequest" if read.bad_request.is_none() => {
                    read.bad_request = pb::BadRequest::decode(value).ok();
                }
                _ => {}
            }
        }
        read
    }
}

/// Whether a status carries its server's flags (`goapb.ErrorResponse` or
/// `ErrorInfo`): an errdsl or Goa server classified it.
pub(crate) fn declares_flags(status: &tonic::Status) -> bool {
    let details = Details::of(status);
    details.goa.is_some() || details.error_info.is_some()
}

/// The full name of the message a type URL names: what follows its last
/// `/` (`type.googleapis.com/google.rpc.ErrorInfo`).
pub(crate) fn type_name(type_url: &str) -> &str {
    type_url.rsplit('/').next().unwrap_or(type_url)
}

/// A flag as sent: exactly `"true"` or `"false"`.
fn parse_flag(value: Option<&String>) -> Option<bool> {
    match value.map(String::as_str) {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
}

/// Text that says something: bounded, and not empty.
fn given(text: &str) -> Option<&str> {
    Some(bounded(text)).filter(|text| !text.is_empty())
}

/// The error a rich status with code `code` says, by the module docs'
/// rules; `unknown` classifies an `Unknown` one without flags.
fn decode(
    code: Code,
    message: &str,
    details: &Details,
    unknown: impl FnOnce() -> Classification,
) -> ErrorResultBuilder {
    let message = given(message)
        .or_else(|| details.goa.as_ref().and_then(|goa| given(&goa.msg)))
        .unwrap_or_else(|| tonic::Code::from(code).description());
    let class = match code {
        Code::Unknown => unknown(),
        _ => Classification::from_code(code, details.retry_delay.is_some()),
    };
    let mut builder = ErrorResult::builder(code.as_str(), code)
        .message(message)
        .temporary(class.temporary)
        .timeout(class.timeout);

    if let Some(info) = &details.error_info {
        builder = read_error_info(builder, info);
    }
    if let Some(goa) = &details.goa {
        if let Some(name) = given(&goa.name) {
            builder = builder.name(name);
        }
        if let Some(id) = given(&goa.id) {
            builder = builder.id(id);
        }
        builder = builder.temporary(goa.temporary).timeout(goa.timeout).fault(goa.fault);
    }
    if let Some(after) = details.retry_delay.filter(|after| *after <= MAX_RETRY_DELAY) {
        builder = builder.retry_after(after);
    }
    if let Some(localized) = &details.localized_message {
        builder = builder.user_message(bounded(&localized.message));
    }
    if let Some(bad_request) = &details.bad_request {
        builder = builder.field_violations(field_violations(bad_request));
    }
    builder
}

/// The error of a rich status that arrived in another envelope (Connect's
/// JSON body): its code, message and details, read as a gRPC status's.
#[cfg(feature = "connect")]
pub(crate) fn decode_details(code: Code, message: &str, details: &[Any]) -> ErrorResult {
    details_builder(code, message, details).build()
}

/// [`decode_details`], for an envelope that adds what it says itself
/// (Google's HTTP body: the response's status).
#[cfg(feature = "serde")]
pub(crate) fn details_builder(code: Code, message: &str, details: &[Any]) -> ErrorResultBuilder {
    decode(code, message, &Details::read(details), || Classification::UNKNOWN)
}

/// What an `ErrorInfo` says, by the module docs' rules.
fn read_error_info(mut builder: ErrorResultBuilder, info: &pb::ErrorInfo) -> ErrorResultBuilder {
    if let Some(reason) = given(&info.reason) {
        builder = builder.name(reason.to_ascii_lowercase());
    }
    if let Some(domain) = given(&info.domain).filter(|domain| *domain != DEFAULT_DOMAIN) {
        builder = builder.domain(domain);
    }
    let metadata = &info.metadata;
    if let Some(id) = metadata.get(KEY_ID).and_then(|id| given(id)) {
        builder = builder.id(id);
    }
    if let Some(service) = metadata.get(KEY_SERVICE).and_then(|service| given(service)) {
        builder = builder.service(service);
    }
    if let Some(temporary) = parse_flag(metadata.get(KEY_TEMPORARY)) {
        builder = builder.temporary(temporary);
    }
    if let Some(timeout) = parse_flag(metadata.get(KEY_TIMEOUT)) {
        builder = builder.timeout(timeout);
    }
    if let Some(fault) = parse_flag(metadata.get(KEY_FAULT)) {
        builder = builder.fault(fault);
    }
    let fields: BTreeMap<String, &str> = metadata
        .iter()
        .filter(|(key, _)| !RESERVED_METADATA_KEYS.contains(&key.as_str()))
        .filter_map(|(key, value)| Some((given(&field_of_key(key))?.to_owned(), bounded(value))))
        .collect();
    for (name, value) in fields.into_iter().take(MAX_FIELDS) {
        builder = builder.field(name, value);
    }
    builder
}

/// The violations of a `BadRequest`, bounded; those without a field or a
/// description say nothing and are skipped.
fn field_violations(bad_request: &pb::BadRequest) -> Vec<FieldViolation> {
    let violations =
        bad_request.field_violations.iter().filter(|v| !(v.field.is_empty() && v.description.is_empty()));
    violations
        .take(MAX_FIELDS)
        .map(|violation| {
            FieldViolation::new(bounded(&violation.field), bounded(&violation.description))
                .with_reason(bounded(&violation.reason))
        })
        .collect()
}

/// The `tonic::Status` in response headers or trailers, like
/// `tonic::Status::from_header_map` but without its panic on a malformed
/// `grpc-status-details-bin` (tonic 0.14; grpc/grpc-rust#2618); `None` when
/// there is no `grpc-status` header.
///
/// - `grpc-status`: the code; a value that is not a code is `Unknown`;
/// - `grpc-message`: percent-decoded; a broken `%` escape is kept as it is
///   and bytes that are not UTF-8 become U+FFFD, as the gRPC spec allows;
/// - `grpc-status-details-bin`: base64, padded or not; details that are not
///   base64 are dropped (logged at `DEBUG` level), so the status decodes as
///   one without details;
/// - every other header becomes the status's metadata.
///
/// ```
/// use errdsl::grpc;
///
/// let status = tonic::Status::not_found("no user 42");
/// let response = status.into_http::<()>();
/// let status = grpc::status_from_header_map(response.headers()).unwrap();
/// assert_eq!(status.code(), tonic::Code::NotFound);
/// assert_eq!(status.message(), "no user 42");
/// ```
#[must_use]
pub fn status_from_header_map(headers: &http::HeaderMap) -> Option<tonic::Status> {
    let code = tonic::Code::from_bytes(headers.get(GRPC_STATUS)?.as_bytes());
    let message =
        headers.get(GRPC_MESSAGE).map(|value| percent_decode_lossy(value.as_bytes())).unwrap_or_default();
    let details = match headers.get(GRPC_STATUS_DETAILS) {
        Some(value) => STANDARD_PAD_INDIFFERENT.decode(value.as_bytes()).unwrap_or_else(|err| {
            tracing::debug!(error = %err, "grpc-status-details-bin is not base64; ignored");
            Vec::new()
        }),
        None => Vec::new(),
    };
    let mut metadata = headers.clone();
    for name in [GRPC_STATUS, GRPC_MESSAGE, GRPC_STATUS_DETAILS] {
        metadata.remove(name);
    }
    Some(tonic::Status::with_details_and_metadata(
        code,
        message,
        details.into(),
        MetadataMap::from_headers(metadata),
    ))
}
