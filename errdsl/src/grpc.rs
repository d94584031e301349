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
//! 1. `goapb.ErrorResponse` ([`goapb::ErrorResponse`]), always first, where
//!    a Goa-generated gRPC client looks for it: the wire name, the id, the
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
//!   status: the code's standard one ([`Code::http_status`]);
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
//! `ErrorResult` named [`OK_STATUS_NAME`] with code [`Code::Unknown`].
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

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT;
use prost::Message as _;
use prost_types::Any;
use tonic::metadata::MetadataMap;
use tonic_types::pb;

use crate::capture::{Transport, capture_for_wire, send_off};
use crate::{Classification, Code, ErrorResult, FieldViolation, ServiceError};

mod error_info;
pub mod goapb;
mod guard;

pub use error_info::{MAX_REASON_CHARS, RESERVED_METADATA_KEYS, field_of_key, metadata_key, reason};
pub use guard::{GuardDetails, GuardDetailsLayer, GuardedBody};

/// The `ErrorInfo.domain` of errors that name neither a domain nor a
/// service.
///
/// The rich error model requires a domain; a decoder reads this one (and an
/// empty one) as "no domain". Declare a domain (`#[service_error(domain =
/// "divider.example.com")]`) for a globally unique one, as AIP-193 asks.
///
/// ```
/// use errdsl::{Code, ErrorResult, ServiceError, grpc};
/// use tonic_types::StatusExt;
///
/// let status = tonic::Status::from(ErrorResult::new("not_found", Code::NotFound, "no user 42"));
/// assert_eq!(status.get_details_error_info().unwrap().domain, grpc::DEFAULT_DOMAIN);
/// assert_eq!(ErrorResult::from_grpc_status(&status).domain(), None);
/// ```
pub const DEFAULT_DOMAIN: &str = "errdsl";

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

/// The longest text, in bytes, that is sent or read: messages, user
/// messages, names, ids and metadata values are cut to this length on a
/// `char` boundary.
///
/// ```
/// use errdsl::{Code, ErrorResult, grpc};
///
/// let status = tonic::Status::new(tonic::Code::Internal, "é".repeat(grpc::MAX_TEXT_BYTES));
/// let err = ErrorResult::from_grpc_status(&status);
/// assert_eq!(err.message().len(), grpc::MAX_TEXT_BYTES);
/// ```
pub const MAX_TEXT_BYTES: usize = 4096;

/// The most wire fields sent or read, and the most field violations;
/// further ones are dropped.
///
/// ```
/// use errdsl::{Code, ErrorResult, grpc};
///
/// let mut builder = ErrorResult::builder("many", Code::InvalidArgument);
/// for i in 0..grpc::MAX_FIELDS + 10 {
///     builder = builder.field(format!("f{i:03}"), "x");
/// }
/// let status = tonic::Status::from(builder.build());
/// assert_eq!(ErrorResult::from_grpc_status(&status).fields().count(), grpc::MAX_FIELDS);
/// ```
pub const MAX_FIELDS: usize = 64;

/// The longest `RetryInfo.retry_delay` a decoder accepts (one day); a
/// longer one is ignored as absurd.
///
/// ```
/// use std::time::Duration;
/// use errdsl::{Code, ErrorResult, ServiceError, grpc};
///
/// let err = ErrorResult::builder("busy", Code::Unavailable)
///     .retry_after(grpc::MAX_RETRY_DELAY + Duration::from_secs(1))
///     .build();
/// let status = tonic::Status::from(err);
/// assert_eq!(ErrorResult::from_grpc_status(&status).retry_after(), None);
/// ```
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(24 * 60 * 60);

/// The `ErrorInfo.metadata` key of the id.
const KEY_ID: &str = "id";
/// The `ErrorInfo.metadata` key of the temporary flag.
const KEY_TEMPORARY: &str = "temporary";
/// The `ErrorInfo.metadata` key of the timeout flag.
const KEY_TIMEOUT: &str = "timeout";
/// The `ErrorInfo.metadata` key of the fault flag.
const KEY_FAULT: &str = "fault";
/// The `ErrorInfo.metadata` key of the code's `snake_case` name.
const KEY_CODE: &str = "code";
/// The `ErrorInfo.metadata` key of the service.
const KEY_SERVICE: &str = "service";

/// The header of the status code.
const GRPC_STATUS: http::HeaderName = http::HeaderName::from_static("grpc-status");
/// The header of the percent-encoded status message.
const GRPC_MESSAGE: http::HeaderName = http::HeaderName::from_static("grpc-message");
/// The header of the base64 `google.rpc.Status`.
const GRPC_STATUS_DETAILS: http::HeaderName = http::HeaderName::from_static("grpc-status-details-bin");

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
    encode(&capture_for_wire(err, Transport::Rpc))
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
        encode(&err)
    }
}

/// The status of a captured error; see the module docs.
fn encode(err: &ErrorResult) -> tonic::Status {
    let rpc = rich_status(err);
    let message = rpc.message.clone();
    tonic::Status::with_details(tonic::Code::from(err.code()), message, rpc.encode_to_vec().into())
}

/// The `google.rpc.Status` of a captured error, with the details of the
/// module docs in their order; the Connect transport sends the same.
pub(crate) fn rich_status(err: &ErrorResult) -> pb::Status {
    let message = bounded(&err.wire_message()).to_owned();
    let goa = goapb::ErrorResponse {
        name: bounded(err.name()).to_owned(),
        id: bounded(err.id()).to_owned(),
        msg: message.clone(),
        temporary: err.is_temporary(),
        timeout: err.is_timeout(),
        fault: err.is_fault(),
    };
    let mut details = Vec::with_capacity(4);
    details.push(packed(goapb::ErrorResponse::TYPE_URL, &goa));
    details.push(packed(tonic_types::ErrorInfo::TYPE_URL, &error_info(err)));
    if let Some(after) = err.retry_after() {
        let retry_delay =
            prost_types::Duration::try_from(after.min(tonic_types::RetryInfo::MAX_RETRY_DELAY)).ok();
        details.push(packed(tonic_types::RetryInfo::TYPE_URL, &pb::RetryInfo { retry_delay }));
    }
    if let Some(user_message) = err.user_message() {
        let localized =
            pb::LocalizedMessage { locale: LOCALE.to_owned(), message: bounded(&user_message).to_owned() };
        details.push(packed(tonic_types::LocalizedMessage::TYPE_URL, &localized));
    }
    if !err.field_violations().is_empty() {
        details.push(packed(tonic_types::BadRequest::TYPE_URL, &bad_request(err)));
    }
    // The google.rpc.Status repeats the code and message of the status: the
    // two always agree.
    pb::Status { code: tonic::Code::from(err.code()) as i32, message, details }
}

/// The one `ErrorInfo` of an error, by AIP-193: see the module docs.
fn error_info(err: &ErrorResult) -> pb::ErrorInfo {
    let mut metadata = HashMap::with_capacity(6 + err.fields().len().min(MAX_FIELDS));
    for (name, value) in err.fields().take(MAX_FIELDS) {
        metadata.insert(bounded(&metadata_key(name)).to_owned(), bounded(value).to_owned());
    }
    // errdsl's own keys last: a field built at run time under one of them
    // does not replace them (declared fields never are: a compile error).
    metadata.insert(KEY_ID.to_owned(), bounded(err.id()).to_owned());
    metadata.insert(KEY_TEMPORARY.to_owned(), flag(err.is_temporary()));
    metadata.insert(KEY_TIMEOUT.to_owned(), flag(err.is_timeout()));
    metadata.insert(KEY_FAULT.to_owned(), flag(err.is_fault()));
    metadata.insert(KEY_CODE.to_owned(), err.code().as_str().to_owned());
    if let Some(service) = err.service() {
        metadata.insert(KEY_SERVICE.to_owned(), bounded(service).to_owned());
    }
    let domain = err.domain().or(err.service()).filter(|domain| !domain.is_empty()).unwrap_or(DEFAULT_DOMAIN);
    pb::ErrorInfo { reason: reason(err.name()), domain: bounded(domain).to_owned(), metadata }
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
fn bad_request(err: &ErrorResult) -> pb::BadRequest {
    let violations = err.field_violations().iter().take(MAX_FIELDS);
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

/// `text` cut to at most [`MAX_TEXT_BYTES`] bytes, on a `char` boundary.
pub(crate) fn bounded(text: &str) -> &str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
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
        if status.details().is_empty() {
            return Details::default();
        }
        match pb::Status::decode(status.details()) {
            Ok(rpc) => Details::read(&rpc.details),
            Err(_) => Details::default(),
        }
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
        let Ok(code) = Code::try_from(status.code()) else {
            let message = given(status.message()).unwrap_or("gRPC status OK received as an error");
            return ErrorResult::builder(OK_STATUS_NAME, Code::Unknown).message(message).build();
        };
        // tonic puts transport errors in an `Unknown` status's source.
        let unknown = || std::error::Error::source(status).map_or(Classification::UNKNOWN, crate::classify);
        decode(code, status.message(), &Details::of(status), unknown)
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

/// The error a rich status with code `code` says, by the module docs'
/// rules; `unknown` classifies an `Unknown` one without flags.
fn decode(
    code: Code,
    message: &str,
    details: &Details,
    unknown: impl FnOnce() -> Classification,
) -> ErrorResult {
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
    builder.build()
}

/// The error of a rich status that arrived in another envelope (Connect's
/// JSON body): its code, message and details, read as a gRPC status's.
pub(crate) fn decode_details(code: Code, message: &str, details: &[Any]) -> ErrorResult {
    decode(code, message, &Details::read(details), || Classification::UNKNOWN)
}

/// What an `ErrorInfo` says, by the module docs' rules.
fn read_error_info(
    mut builder: crate::ErrorResultBuilder,
    info: &pb::ErrorInfo,
) -> crate::ErrorResultBuilder {
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
    let message = headers.get(GRPC_MESSAGE).map(|value| percent_decode(value.as_bytes())).unwrap_or_default();
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

/// Percent-decodes a `grpc-message`, leniently: a `%` not followed by two
/// hex digits is kept as it is; invalid UTF-8 becomes U+FFFD.
fn percent_decode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%'
            && let (Some(high), Some(low)) =
                (bytes.get(i + 1).copied().and_then(hex_digit), bytes.get(i + 2).copied().and_then(hex_digit))
        {
            out.push((high << 4) | low);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_digit(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
