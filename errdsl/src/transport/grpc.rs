//! gRPC transport: [`tonic::Status`] in the Google rich error model, and
//! lenient client decoding back into an [`ErrorResult`].
//!
//! # Encoding
//!
//! [`to_status`] (called by the generated `From<YourError> for tonic::Status`)
//! and `From<ErrorResult> for tonic::Status` build a status with:
//!
//! | part | content |
//! | --- | --- |
//! | code | [`ServiceError::code`] |
//! | message | [`ErrorResult::wire_message`]: the user message, else the `Display` text, except that a fault without a user message sends `internal error (id: <id>)` |
//! | `grpc-status-details-bin` | a `google.rpc.Status` with the same code and message, and the details below |
//!
//! The details, in this order:
//!
//! 0. for a Goa custom error type whose type names its Goa `method` (and
//!    `service`): the message a Goa server sends for it, first, where a
//!    Goa-generated client looks ([`ErrorSpec::goa_message`](crate::ErrorSpec::goa_message),
//!    e.g. `divider.IntegerDivideDivisorTooLargeError`): the name member
//!    (when declared), `message_` (the wire message) and the wire fields,
//!    numbered from 1 in that order, each of its [`ProtoType`](crate::ProtoType);
//! 1. `goapb.ErrorResponse` ([`goapb::ErrorResponse`]), first otherwise,
//!    where a Goa-generated gRPC client looks for it: the wire name, the id, the
//!    message (the same text as the status message) and the three flags;
//! 2. `google.rpc.ErrorInfo`, exactly one, by Google's AIP-193:
//!    - `reason`: the wire name in `UPPER_SNAKE_CASE` ([`reason`]:
//!      `div_by_zero` becomes `DIV_BY_ZERO`);
//!    - `domain`: [`ServiceError::domain`], else [`ServiceError::service`],
//!      else [`DEFAULT_DOMAIN`];
//!    - `metadata`, with `lowerCamelCase` keys: `id` (the id the server
//!      logged a fault with), `temporary`, `timeout`, `fault` (`"true"` or
//!      `"false"`), `code` (the code's `snake_case` name, informative:
//!      decoders read the status code), `service` (when the error names
//!      one), and every field of [`ErrorResult::fields`] under
//!      [`metadata_key`] of its name (`deadline_ms` becomes `deadlineMs`):
//!      the fields declared `wire` and those the sent message shows;
//! 3. `google.rpc.RetryInfo`, when [`ServiceError::retry_after`] is known;
//! 4. `google.rpc.LocalizedMessage` with locale [`LOCALE`], when the error
//!    has a [`user_message`](ServiceError::user_message): the message
//!    declared safe to show an end user. Errors without one send no
//!    `LocalizedMessage`: their `Display` text is not declared user-facing;
//! 5. `google.rpc.BadRequest`, when the error has
//!    [`field_violations`](ServiceError::field_violations): each one's
//!    `field` (AIP-193's path), `description` and `reason` (empty when it
//!    has none).
//!
//! A fault's `Display` text, its sources and its debug output appear nowhere
//! in the status (code, message, details or metadata); [`to_status`] logs
//! them through `tracing` with the id the client gets.
//!
//! Text is bounded on both sides: the message, the user message and every
//! metadata value are cut to at most [`MAX_TEXT_BYTES`] bytes (on a `char`
//! boundary) and at most [`MAX_FIELDS`] wire fields (and as many field
//! violations) travel, so that a status
//! stays well within the header limits of HTTP/2 peers. A status's message,
//! the message inside its `google.rpc.Status` and `goapb.ErrorResponse.msg`
//! are always the same string, as `grpcio-status` and other strict clients
//! require.
//!
//! # Decoding
//!
//! [`ErrorResult::from_grpc_status`] never fails and never panics; whatever
//! it cannot read it replaces with what the status code says:
//!
//! - code: the status code; the message: the status message (else
//!   `goapb.ErrorResponse.msg`, else the code's description); the HTTP
//!   status: the code's standard one ([`Code::http_status`](crate::Code::http_status));
//! - from `goapb.ErrorResponse` (a Goa or errdsl server): the name, the id
//!   and the three flags, as sent;
//! - from `ErrorInfo`: the name (`reason`, lower-cased: reasons are
//!   compared without regard to case, and errdsl's wire names are lower
//!   case), the domain (empty or [`DEFAULT_DOMAIN`] means none), and from
//!   the metadata the id, the service, the flags (each only when it is
//!   exactly `"true"` or `"false"`), and every other entry as a wire field
//!   named by [`field_of_key`] (`deadlineMs` is `deadline_ms`), sorted by
//!   name; `goapb.ErrorResponse` wins where both speak;
//! - from `RetryInfo`: [`retry_after`](ServiceError::retry_after), unless it
//!   exceeds [`MAX_RETRY_DELAY`] (a negative delay reads as zero);
//! - from `LocalizedMessage`, whatever its locale: the user message;
//! - from `BadRequest`: the field violations (an empty `reason` means none;
//!   one without a field and a description is skipped).
//!
//! A detail of another type, or one that does not decode, is skipped; the
//! others still count. Without `goapb.ErrorResponse` and `ErrorInfo` (a
//! status from a server that uses neither) the name is the code's
//! `snake_case` name (`"unavailable"`), the id is fresh, and the flags are
//! those of Google's AIP-194 for the code
//! ([`Classification::from_code`](crate::Classification::from_code)):
//! `Unavailable` is temporary; `DeadlineExceeded` is a timeout, retried
//! only by idempotent calls; `ResourceExhausted` is temporary only with a
//! `RetryInfo`; `Aborted` and every other code are permanent; an `Unknown`
//! status is classified by its source (tonic puts transport errors there).
//! Nothing is ever a fault unless the peer says so.
//!
//! An `OK` status is not an error; given one anyway, the decoder returns an
//! `ErrorResult` named [`OK_STATUS_NAME`] with code [`Code::Unknown`](crate::Code::Unknown).
//!
//! # Wire headers
//!
//! `tonic::Status::from_header_map` (which tonic's client uses on every
//! response) panics when `grpc-status-details-bin` is not valid base64
//! (tonic 0.14; grpc/grpc-rust#2618). [`status_from_header_map`] and
//! [`ErrorResult::from_grpc_headers`] read the same headers without
//! panicking, for code that sees responses before tonic does (a tower layer,
//! a proxy, a hand-written client).
//!
//! ```
//! use errdsl::{Code, ErrorResult, ServiceError};
//!
//! errdsl::errors! {
//!     #[service_error(service = "divider")]
//!     pub enum DivideError {
//!         #[error("cannot divide {dividend} by zero")]
//!         #[service_error(grpc = InvalidArgument, user_msg = "You can't divide by zero.")]
//!         DivByZero { dividend: i64 },
//!     }
//! }
//!
//! // Server: the generated `From` impl.
//! let status = tonic::Status::from(DivideError::div_by_zero(7));
//! assert_eq!(status.code(), tonic::Code::InvalidArgument);
//! assert_eq!(status.message(), "You can't divide by zero.");
//!
//! // Client.
//! let err = ErrorResult::from_grpc_status(&status);
//! assert_eq!(err.name(), "div_by_zero");
//! assert_eq!(err.service(), Some("divider"));
//! assert_eq!(err.code(), Code::InvalidArgument);
//! assert_eq!(err.user_message().as_deref(), Some("You can't divide by zero."));
//! ```
//!
//! [Google rich error model]: https://cloud.google.com/apis/design/errors#error_model

use crate::model::error_result::ErrorResult;
use crate::model::error_result::Outgoing;
use crate::model::field_violation::FieldViolation;
use crate::model::service_error::ServiceError;
use crate::policy::error_class::Classification;
use crate::transport::capture::{Transport, send_for_wire, send_off};
use prost::Message as _;
use prost_types::Any;
use tonic_types::pb;

pub(crate) mod decode;
mod error_info;
mod error_info_message;
mod goa_custom;
pub mod goapb;
mod guard;
mod limits;

pub use decode::{OK_STATUS_NAME, status_from_header_map};
pub use error_info::{
    DEFAULT_DOMAIN, MAX_REASON_CHARS, RESERVED_METADATA_KEYS, field_of_key, metadata_key, reason,
};
use error_info::{KEY_CODE, KEY_FAULT, KEY_ID, KEY_SERVICE, KEY_TEMPORARY, KEY_TIMEOUT};
use error_info_message::ErrorInfoMessage;
pub use guard::{GuardDetails, GuardDetailsLayer, GuardedBody};
pub use limits::{MAX_FIELDS, MAX_RETRY_DELAY, MAX_TEXT_BYTES};
use limits::{bounded, bounded_owned};

/// The locale of the `LocalizedMessage` detail that carries the user message.
///
/// ```
/// use errdsl::{Code, ErrorResult, grpc};
/// use tonic_types::StatusExt;
///
/// let err = ErrorResult::builder("quota", Code::ResourceExhausted).user_message("Come back tomorrow.").build();
/// let status = tonic::Status::from(err);
/// assert_eq!(status.get_details_localized_message().unwrap().locale, grpc::LOCALE);
/// ```
pub const LOCALE: &str = "en-US";

/// The `tonic::Status` of any service error, as documented in the
/// [module docs](self): the code, the wire message and the rich error
/// details.
///
/// The error is captured under a fresh id; a fault is logged at `ERROR`
/// level through `tracing` with that id, its `Display` text and its source
/// chain, none of which are sent. The generated `From<YourError> for
/// tonic::Status` calls this.
///
/// ```
/// use errdsl::{Code, ErrorResult, ServiceError, grpc};
///
/// errdsl::errors! {
///     pub enum StoreError {
///         #[error("connect to 10.0.0.7:5432: connection refused")]
///         #[service_error(fault)]
///         DbDown,
///     }
/// }
///
/// let status = grpc::to_status(&StoreError::db_down());
/// assert_eq!(status.code(), tonic::Code::Internal);
/// assert!(status.message().starts_with("internal error (id: "));
/// assert!(!status.message().contains("10.0.0.7"));
///
/// let err = ErrorResult::from_grpc_status(&status);
/// assert_eq!(err.name(), "db_down");
/// assert!(err.is_fault());
/// assert_eq!(status.message(), format!("internal error (id: {})", err.id()));
/// ```
pub fn to_status<E: ServiceError + ?Sized>(err: &E) -> tonic::Status {
    send_for_wire(err, Transport::Rpc, encode)
}

/// The status of an already captured or decoded error, under the error's
/// own id (not a fresh one, unlike [`to_status`]), so that a status matches
/// the log line written for the error, and an error a client decoded passes
/// on unchanged.
///
/// A fault is logged at `ERROR` level through `tracing` with its id,
/// `Display` text and source chain, which are not sent.
///
/// ```
/// use errdsl::{Code, ErrorResult, ServiceError};
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable).temporary(true).id("x7Fq9-Ab").build();
/// let status = tonic::Status::from(err);
/// assert_eq!(status.code(), tonic::Code::Unavailable);
///
/// let back = ErrorResult::from_grpc_status(&status);
/// assert_eq!(back.id(), "x7Fq9-Ab");
/// assert!(back.is_temporary());
/// ```
impl From<ErrorResult> for tonic::Status {
    fn from(err: ErrorResult) -> Self {
        send_off(err.id(), &err, Transport::Rpc);
        encode(err.outgoing())
    }
}

/// The status of an error on its way out; see the module docs.
fn encode(err: Outgoing<'_>) -> tonic::Status {
    let code = tonic::Code::from(err.code);
    let rpc = rich_status(err);
    let message = rpc.message.clone();
    tonic::Status::with_details(code, message, rpc.encode_to_vec().into())
}

/// The `google.rpc.Status` of an error on its way out, with the details of the
/// module docs in their order; the Connect transport sends the same.
pub(crate) fn rich_status(mut err: Outgoing<'_>) -> pb::Status {
    let (code, localized) = (tonic::Code::from(err.code), err.user_message.is_some());
    let message = bounded_owned(err.take_wire_message());
    let goa = goapb::ErrorResponse {
        name: bounded(&err.name).to_owned(),
        id: bounded(&err.id).to_owned(),
        msg: message.clone(),
        temporary: err.temporary,
        timeout: err.timeout,
        fault: err.fault,
    };
    let mut details = Vec::with_capacity(5);
    // A Goa custom error type's message comes first, where a Goa client looks.
    details.extend(goa_custom::encode(&err, &message));
    details.push(packed(goapb::ErrorResponse::TYPE_URL, &goa));
    let violations = std::mem::take(&mut err.violations);
    let retry_after = err.retry_after;
    details.push(packed(tonic_types::ErrorInfo::TYPE_URL, &error_info(err)));
    if let Some(after) = retry_after {
        let retry_delay =
            prost_types::Duration::try_from(after.min(tonic_types::RetryInfo::MAX_RETRY_DELAY)).ok();
        details.push(packed(tonic_types::RetryInfo::TYPE_URL, &pb::RetryInfo { retry_delay }));
    }
    if localized {
        // The user message is the wire message: `message` holds it, cut.
        let localized = pb::LocalizedMessage { locale: LOCALE.to_owned(), message: message.clone() };
        details.push(packed(tonic_types::LocalizedMessage::TYPE_URL, &localized));
    }
    if !violations.is_empty() {
        details.push(packed(tonic_types::BadRequest::TYPE_URL, &bad_request(&violations)));
    }
    // The google.rpc.Status repeats the code and message of the status: the
    // two always agree.
    pb::Status { code: code as i32, message, details }
}

/// The one `ErrorInfo` of an error, by AIP-193 (see the module docs): its
/// reason and domain, and as metadata its wire fields and errdsl's keys.
fn error_info(err: Outgoing<'_>) -> ErrorInfoMessage {
    let domain = crate::model::aip193::domain(err.domain.as_deref(), err.service.as_deref());
    let fields = err.fields.len().min(MAX_FIELDS);
    let mut info = ErrorInfoMessage::new(reason(&err.name), bounded(domain).to_owned(), fields + 6);
    for (name, value) in err.fields.into_texts().take(MAX_FIELDS) {
        // A field named like one of errdsl's keys has a key of its own.
        info.insert(bounded_owned(metadata_key(&name)), bounded_owned(value.into_owned()));
    }
    info.push(KEY_ID, bounded(&err.id).to_owned());
    info.push(KEY_TEMPORARY, flag(err.temporary));
    info.push(KEY_TIMEOUT, flag(err.timeout));
    info.push(KEY_FAULT, flag(err.fault));
    info.push(KEY_CODE, err.code.as_str().to_owned());
    if let Some(service) = &err.service {
        info.push(KEY_SERVICE, bounded(service).to_owned());
    }
    info
}

/// A detail: `message` packed with its type URL.
fn packed(type_url: &str, message: &impl prost::Message) -> Any {
    Any { type_url: type_url.to_owned(), value: message.encode_to_vec() }
}

fn flag(value: bool) -> String {
    if value { "true" } else { "false" }.to_owned()
}

/// The `BadRequest` of an error's field violations, bounded as wire
/// fields are.
fn bad_request(violations: &[FieldViolation]) -> pb::BadRequest {
    let violations = violations.iter().take(MAX_FIELDS);
    let field_violations = violations
        .map(|violation| pb::bad_request::FieldViolation {
            field: bounded(violation.field()).to_owned(),
            description: bounded(violation.description()).to_owned(),
            reason: violation.reason().map(|reason| bounded(reason).to_owned()).unwrap_or_default(),
            localized_message: None,
        })
        .collect();
    pb::BadRequest { field_violations }
}

impl ErrorResult {
    /// Decodes a gRPC status a client received, leniently: anything missing
    /// or malformed is replaced by what the status code says, as documented
    /// in the [module docs](crate::grpc). Never panics.
    ///
    /// ```
    /// use std::time::Duration;
    /// use errdsl::{Code, ErrorResult, ServiceError};
    ///
    /// // A status from an errdsl server.
    /// let sent = ErrorResult::builder("maintenance", Code::Unavailable)
    ///     .message("divider is in maintenance")
    ///     .temporary(true)
    ///     .retry_after(Duration::from_secs(30))
    ///     .service("divider")
    ///     .build();
    /// let err = ErrorResult::from_grpc_status(&tonic::Status::from(sent));
    /// assert_eq!(err.name(), "maintenance");
    /// assert_eq!(err.service(), Some("divider"));
    /// assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    ///
    /// // A plain status from any server.
    /// let err = ErrorResult::from_grpc_status(&tonic::Status::deadline_exceeded("too slow"));
    /// assert_eq!(err.name(), "deadline_exceeded");
    /// assert_eq!(err.message(), "too slow");
    /// assert_eq!(err.http_status(), 504);
    /// // A timeout its server did not declare temporary (AIP-194).
    /// assert!(!err.is_temporary() && err.is_timeout() && !err.is_fault());
    /// ```
    #[must_use]
    pub fn from_grpc_status(status: &tonic::Status) -> ErrorResult {
        // tonic puts transport errors in an `Unknown` status's source.
        decode::status(status, || {
            std::error::Error::source(status)
                .map_or(Classification::UNKNOWN, crate::policy::classify::classify)
        })
    }

    /// Decodes a gRPC status as [`from_grpc_status`](ErrorResult::from_grpc_status)
    /// does, and also reads the gRPC message of a Goa custom error type of
    /// `catalog` ([`ErrorSpec::goa_message`](crate::ErrorSpec::goa_message)),
    /// which a Goa server sends as the only detail: the error of that spec,
    /// with the message and the wire fields the message carries (a field
    /// it lacks is its type's zero value, as proto3 reads it), the status
    /// code, and the spec's flags and HTTP status. A status with errdsl's
    /// or Goa's own details (`ErrorInfo`, `goapb.ErrorResponse`) is read
    /// from them, as [`from_grpc_status`](ErrorResult::from_grpc_status)
    /// reads it. Never panics.
    ///
    /// ```
    /// use errdsl::{Catalog, ErrorResult, ServiceError};
    ///
    /// errdsl::errors! {
    ///     #[service_error(service = "divider", method = "integer_divide")]
    ///     pub enum IntegerDivideError {
    ///         #[error("divisor {divisor} is beyond {limit}")]
    ///         #[service_error(grpc = OutOfRange, custom_body, name_member = "name")]
    ///         DivisorTooLarge { #[service_error(wire)] divisor: i32, #[service_error(wire)] limit: i32 },
    ///     }
    /// }
    ///
    /// // What a Goa server sends: `divider.IntegerDivideDivisorTooLargeError`,
    /// // alone (name = 1, message_ = 2, divisor = 3, limit = 4).
    /// let detail = prost_types::Any {
    ///     type_url: "type.googleapis.com/divider.IntegerDivideDivisorTooLargeError".into(),
    ///     value: [&[0x0a, 17][..], b"divisor_too_large", &[0x12, 3], b"big", &[0x18, 0x80, 0x89, 0x7a, 0x20, 0x80, 0x89, 0x7a]].concat(),
    /// };
    /// let rpc = tonic_types::pb::Status { code: 11, message: "big".into(), details: vec![detail] };
    /// let status = tonic::Status::with_details(tonic::Code::OutOfRange, "big", prost::Message::encode_to_vec(&rpc).into());
    ///
    /// let err = ErrorResult::from_grpc_status_in(&status, IntegerDivideError::ERRORS);
    /// assert_eq!(err.name(), "divisor_too_large");
    /// assert_eq!(err.field("divisor"), Some("1000000"));
    /// let typed = IntegerDivideError::try_from(err).unwrap();
    /// assert!(matches!(typed, IntegerDivideError::DivisorTooLarge { divisor: 1_000_000, limit: 1_000_000 }));
    /// ```
    #[must_use]
    pub fn from_grpc_status_in(
        status: &tonic::Status,
        catalog: &'static [crate::model::service_error::ErrorSpec],
    ) -> ErrorResult {
        let Some(read) = decode::details(status).and_then(|details| goa_custom_alone(&details, catalog))
        else {
            return ErrorResult::from_grpc_status(status);
        };
        let spec = read.spec;
        let code = crate::model::code::Code::try_from(status.code()).unwrap_or(spec.code);
        let message = if read.message.is_empty() { status.message().to_owned() } else { read.message };
        let mut builder = ErrorResult::builder(spec.name, code)
            .http_status(spec.http_status)
            .temporary(spec.temporary)
            .timeout(spec.timeout)
            .fault(spec.fault)
            .body(spec.body);
        if spec.user_message.is_some() {
            builder = builder.user_message(message.clone());
        }
        if let Some(service) = spec.service {
            builder = builder.service(service);
        }
        if let Some(domain) = spec.domain {
            builder = builder.domain(domain);
        }
        if let Some(docs_url) = spec.docs_url {
            builder = builder.docs_url(docs_url);
        }
        for (name, text) in read.fields {
            builder = builder.typed_field(name, text, spec.json_type_of(name));
        }
        builder.message(message).build()
    }

    /// Decodes the gRPC status in response headers or trailers
    /// (`grpc-status`, `grpc-message`, `grpc-status-details-bin`) with
    /// [`from_grpc_status`](ErrorResult::from_grpc_status)'s rules; `None`
    /// when there is no `grpc-status`. Malformed headers never panic: see
    /// [`status_from_header_map`].
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    /// use http::{HeaderMap, HeaderValue};
    ///
    /// let mut trailers = HeaderMap::new();
    /// trailers.insert("grpc-status", HeaderValue::from_static("14"));
    /// trailers.insert("grpc-message", HeaderValue::from_static("node%20drains"));
    /// trailers.insert("grpc-status-details-bin", HeaderValue::from_static("not base64!"));
    ///
    /// let err = ErrorResult::from_grpc_headers(&trailers).unwrap();
    /// assert_eq!(err.code(), Code::Unavailable);
    /// assert_eq!(err.name(), "unavailable");
    /// assert_eq!(err.message(), "node drains");
    /// assert!(err.is_temporary());
    ///
    /// assert!(ErrorResult::from_grpc_headers(&HeaderMap::new()).is_none());
    /// ```
    #[must_use]
    pub fn from_grpc_headers(headers: &http::HeaderMap) -> Option<ErrorResult> {
        status_from_header_map(headers).map(|status| ErrorResult::from_grpc_status(&status))
    }
}

/// The custom message of `details[0]`, when it is one of `catalog`'s and
/// the status has neither errdsl's nor Goa's own details.
fn goa_custom_alone(
    details: &[Any],
    catalog: &'static [crate::model::service_error::ErrorSpec],
) -> Option<goa_custom::Read> {
    let known = [goapb::ErrorResponse::TYPE_URL, tonic_types::ErrorInfo::TYPE_URL];
    if details.iter().any(|detail| known.contains(&detail.type_url.as_str())) {
        return None;
    }
    goa_custom::decode(details.first()?, catalog)
}

#[cfg(test)]
mod tests;
