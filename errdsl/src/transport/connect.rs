//! Connect transport ([connectrpc.com](https://connectrpc.com)): the
//! [`connectrpc::ConnectError`] of any service error, and lenient client
//! decoding back into an [`ErrorResult`].
//!
//! Connect is gRPC's HTTP/1.1-friendly sibling: the same sixteen codes
//! (spelled `snake_case` on the wire, `canceled` with one l), and the same
//! `google.rpc` details, in a JSON body instead of trailers:
//!
//! ```json
//! {"code": "invalid_argument", "message": "You can't divide by zero.",
//!  "details": [{"type": "goapb.ErrorResponse", "value": "CgtkaXZfYnlfemVybx..."}]}
//! ```
//!
//! # Encoding
//!
//! [`to_connect_error`] (called by the generated `From<YourError> for
//! connectrpc::ConnectError`) and `From<ErrorResult> for ConnectError` send
//! exactly what the gRPC transport sends ([`grpc`](crate::grpc#encoding)):
//! the code, the wire message (a fault without a user message sends
//! `internal error (id: <id>)`), and the same details in the same order
//! (`goapb.ErrorResponse`, `google.rpc.ErrorInfo`, `google.rpc.RetryInfo`,
//! `google.rpc.LocalizedMessage`), each as its bare type name and its
//! protobuf bytes in unpadded base64, as Connect's protocol asks. A fault's
//! text and sources are logged through `tracing` with the id the client
//! gets, never sent. The HTTP status is Connect's for the code
//! (connectrpc's `ErrorCode::http_status`), as every Connect client expects.
//!
//! # Decoding
//!
//! [`ErrorResult::from_connect_error`] reads a `ConnectError` a connectrpc
//! client returned, and [`ErrorResult::from_connect_response`] a raw
//! unary error response (an HTTP status and its body), both by the gRPC
//! decoder's rules ([`grpc`](crate::grpc#decoding)): the name, id, flags,
//! fields, retry delay and user message come from the details. Neither ever
//! fails or panics. A body that is not Connect's error JSON (empty, HTML
//! from a proxy, larger than [`MAX_BODY_BYTES`],
//! without a known `code`) gives the code of Connect's table for the HTTP
//! status, which differs from gRPC's: 400 `internal`, 401
//! `unauthenticated`, 403 `permission_denied`, 404 `unimplemented`, 429,
//! 502, 503 and 504 `unavailable`, anything else `unknown`
//! ([`code_of_http_status`]). A detail that is not base64 or does not decode
//! is skipped.
//!
//! ```
//! use errdsl::{Code, ErrorResult, ServiceError};
//!
//! errdsl::errors! {
//!     #[service_error(service = "divider")]
//!     pub enum DivideError {
//!         #[error("cannot divide by zero")]
//!         #[service_error(grpc = InvalidArgument, user_msg = "You can't divide by zero.")]
//!         DivByZero,
//!     }
//! }
//!
//! // Server: the generated `From` impl.
//! let sent = connectrpc::ConnectError::from(DivideError::div_by_zero());
//! assert_eq!(sent.code, connectrpc::ErrorCode::InvalidArgument);
//! assert_eq!(sent.message.as_deref(), Some("You can't divide by zero."));
//! assert_eq!(sent.details[0].type_url, "goapb.ErrorResponse");
//!
//! // Client: from the error, or from the raw response.
//! let err = ErrorResult::from_connect_error(&sent);
//! assert_eq!(err.name(), "div_by_zero");
//! assert_eq!(err.service(), Some("divider"));
//! let body = sent.to_json();
//! let raw = ErrorResult::from_connect_response(400, &body);
//! assert_eq!((raw.name(), raw.id()), (err.name(), err.id()));
//! assert!(matches!(DivideError::try_from(raw), Ok(DivideError::DivByZero)));
//! ```

use crate::model::code::Code;
use crate::model::error_result::ErrorResult;
use crate::model::error_result::Outgoing;
use crate::model::service_error::ServiceError;
use crate::transport::capture::{Transport, send_for_wire, send_off};
use crate::transport::grpc;
use crate::transport::http::MAX_BODY_BYTES;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, STANDARD_PAD_INDIFFERENT};
use connectrpc::{ConnectError, ErrorCode, ErrorDetail};
use prost_types::Any;
use serde::Deserialize;

/// The `ConnectError` of any service error, as documented in the
/// [module docs](self): the code, the wire message and the rich error
/// details. The error is captured under a fresh id; a fault is logged with
/// it. The generated `From<YourError> for connectrpc::ConnectError` calls
/// this.
///
/// ```
/// use errdsl::{ErrorResult, ServiceError, connect};
///
/// errdsl::errors! {
///     pub enum StoreError {
///         #[error("connect to 10.0.0.7:5432: connection refused")]
///         #[service_error(fault)]
///         DbDown,
///     }
/// }
///
/// let sent = connect::to_connect_error(&StoreError::db_down());
/// assert_eq!(sent.code, connectrpc::ErrorCode::Internal);
/// let message = sent.message.clone().unwrap();
/// assert!(message.starts_with("internal error (id: ") && !message.contains("10.0.0.7"));
/// assert!(ErrorResult::from_connect_error(&sent).is_fault());
/// ```
pub fn to_connect_error<E: ServiceError + ?Sized>(err: &E) -> ConnectError {
    send_for_wire(err, Transport::Rpc, encode)
}

/// The `ConnectError` of an already captured or decoded error, under the
/// error's own id; a fault is logged with it.
///
/// ```
/// use errdsl::{Code, ErrorResult, ServiceError};
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable).temporary(true).id("x7Fq9-Ab").build();
/// let sent = connectrpc::ConnectError::from(err);
/// assert_eq!(sent.code, connectrpc::ErrorCode::Unavailable);
/// assert_eq!(ErrorResult::from_connect_error(&sent).id(), "x7Fq9-Ab");
/// ```
impl From<ErrorResult> for ConnectError {
    fn from(err: ErrorResult) -> Self {
        send_off(err.id(), &err, Transport::Rpc);
        encode(err.outgoing())
    }
}

/// The error of an error on its way out: the gRPC transport's status, in
/// Connect's envelope.
fn encode(err: Outgoing<'_>) -> ConnectError {
    let code = error_code(err.code);
    let rpc = grpc::rich_status(err);
    let mut sent = ConnectError::new(code, rpc.message);
    sent.details = rpc
        .details
        .into_iter()
        .map(|any| ErrorDetail {
            type_url: grpc::decode::type_name(&any.type_url).to_owned(),
            value: Some(STANDARD_NO_PAD.encode(&any.value)),
            debug: None,
        })
        .collect();
    sent
}

/// connectrpc's code of an errdsl code: the same number.
fn error_code(code: Code) -> ErrorCode {
    u32::try_from(i32::from(code)).ok().and_then(ErrorCode::from_grpc_code).unwrap_or(ErrorCode::Unknown)
}

/// errdsl's code of a connectrpc code: the same number.
fn code(code: ErrorCode) -> Code {
    i32::try_from(code.grpc_code()).ok().and_then(|code| Code::try_from(code).ok()).unwrap_or(Code::Unknown)
}

/// The code a Connect client gives a unary error response whose body is not
/// Connect's error JSON, by the HTTP status (Connect's table, not gRPC's:
/// a 400 without a code is `Internal`, a 404 `Unimplemented`).
///
/// ```
/// use errdsl::{Code, connect};
///
/// assert_eq!(connect::code_of_http_status(400), Code::Internal);
/// assert_eq!(connect::code_of_http_status(404), Code::Unimplemented);
/// assert_eq!(connect::code_of_http_status(503), Code::Unavailable);
/// assert_eq!(connect::code_of_http_status(418), Code::Unknown);
/// ```
#[must_use]
pub fn code_of_http_status(status: u16) -> Code {
    match status {
        400 => Code::Internal,
        401 => Code::Unauthenticated,
        403 => Code::PermissionDenied,
        404 => Code::Unimplemented,
        429 | 502 | 503 | 504 => Code::Unavailable,
        _ => Code::Unknown,
    }
}

/// A detail in a Connect error body, as sent: any member may be missing or
/// of another type, which skips the detail, not the body.
#[derive(Deserialize)]
struct WireDetail {
    #[serde(rename = "type")]
    type_name: String,
    value: String,
}

/// A Connect error body, leniently: only `code` must be a string.
#[derive(Deserialize)]
struct ConnectErrorBody {
    code: String,
    #[serde(default)]
    message: Option<serde_json::Value>,
    #[serde(default)]
    details: Option<Vec<serde_json::Value>>,
}

/// A detail as the gRPC decoder reads it, or `None` when its value is not
/// base64.
fn detail(type_name: &str, value: &str) -> Option<Any> {
    let value = STANDARD_PAD_INDIFFERENT.decode(value).ok()?;
    Some(Any { type_url: format!("type.googleapis.com/{type_name}"), value })
}

impl ErrorResult {
    /// Decodes the error a connectrpc client returned, by the
    /// [module docs](crate::connect#decoding)' rules. Never panics.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    ///
    /// // From a server that sends no details.
    /// let err = ErrorResult::from_connect_error(&connectrpc::ConnectError::unavailable("node drains"));
    /// assert_eq!(err.name(), "unavailable");
    /// assert_eq!(err.code(), Code::Unavailable);
    /// assert_eq!(err.message(), "node drains");
    /// assert!(err.is_temporary());
    /// ```
    #[must_use]
    pub fn from_connect_error(err: &ConnectError) -> ErrorResult {
        let details: Vec<Any> =
            err.details.iter().filter_map(|sent| detail(&sent.type_url, sent.value.as_deref()?)).collect();
        grpc::decode::decode_details(code(err.code), err.message.as_deref().unwrap_or_default(), &details)
    }

    /// Decodes a raw Connect unary error response: its HTTP status and
    /// body, by the [module docs](crate::connect#decoding)' rules. Never
    /// fails, never panics, whatever the body.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    ///
    /// let err = ErrorResult::from_connect_response(409, br#"{"code":"aborted","message":"try again"}"#);
    /// assert_eq!((err.code(), err.message()), (Code::Aborted, "try again"));
    ///
    /// // A proxy's page: the code of Connect's table for the status.
    /// let err = ErrorResult::from_connect_response(502, b"<h1>Bad Gateway</h1>");
    /// assert_eq!(err.code(), Code::Unavailable);
    /// assert_eq!(err.message(), "HTTP 502 Bad Gateway without a Connect error body");
    /// assert!(err.is_temporary());
    /// ```
    #[must_use]
    pub fn from_connect_response(status: u16, body: &[u8]) -> ErrorResult {
        let wire = (body.len() <= MAX_BODY_BYTES)
            .then(|| serde_json::from_slice::<ConnectErrorBody>(body).ok())
            .flatten()
            .and_then(|wire| Some((wire.code.parse::<ErrorCode>().ok()?, wire)));
        let Some((error_code, wire)) = wire else {
            let reason = http::StatusCode::from_u16(status).ok().and_then(|status| status.canonical_reason());
            let message = format!(
                "HTTP {status} {} without a Connect error body",
                reason.unwrap_or("(unknown status)")
            );
            return grpc::decode::decode_details(code_of_http_status(status), &message, &[]);
        };
        let message = match &wire.message {
            Some(serde_json::Value::String(message)) => message.as_str(),
            _ => "",
        };
        let details: Vec<Any> = wire
            .details
            .unwrap_or_default()
            .into_iter()
            .filter_map(|detail| serde_json::from_value::<WireDetail>(detail).ok())
            .filter_map(|sent| detail(&sent.type_name, &sent.value))
            .collect();
        grpc::decode::decode_details(code(error_code), message, &details)
    }
}

#[cfg(test)]
mod tests;
