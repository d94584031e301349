//! What the fuzz targets share: header maps from structured fuzz input, and
//! the checks every decoded error must pass.

pub mod targets;

use arbitrary::Arbitrary;
use errdsl::ErrorResult;
use errdsl::http::GoaBody;
use http::{HeaderMap, HeaderName, HeaderValue};

/// A header name: the ones errdsl's decoders read, more often than any.
#[derive(Arbitrary, Debug)]
pub enum Name {
    /// `content-type`.
    ContentType,
    /// `goa-error`.
    GoaError,
    /// `retry-after`.
    RetryAfter,
    /// `grpc-status`.
    GrpcStatus,
    /// `grpc-message`.
    GrpcMessage,
    /// `grpc-status-details-bin`.
    GrpcStatusDetailsBin,
    /// Any other name (skipped when it is not a valid header name).
    Other(String),
}

/// A header value: text a decoder expects, or any bytes.
#[derive(Arbitrary, Debug)]
pub enum Value {
    /// One of the media types the HTTP decoder tells apart.
    MediaType(MediaType),
    /// A number, as decimal text (`Retry-After`, `grpc-status`).
    Number(i64),
    /// Bytes encoded as base64, padded or not (`grpc-status-details-bin`).
    Base64 {
        /// The bytes.
        bytes: Vec<u8>,
        /// Whether to pad.
        padded: bool,
    },
    /// Any bytes (skipped when they are not a valid header value).
    Bytes(Vec<u8>),
}

/// Media types of error bodies, in the spellings servers use.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum MediaType {
    /// `application/json`.
    Json,
    /// `application/problem+json`.
    Problem,
    /// `Application/Problem+JSON; charset=utf-8`.
    ProblemWithParameters,
    /// `text/html`.
    Html,
}

impl Value {
    /// The header value, if the bytes make one.
    fn to_header(&self) -> Option<HeaderValue> {
        use base64::Engine as _;
        use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
        match self {
            Value::MediaType(media_type) => Some(HeaderValue::from_static(match media_type {
                MediaType::Json => "application/json",
                MediaType::Problem => "application/problem+json",
                MediaType::ProblemWithParameters => "Application/Problem+JSON; charset=utf-8",
                MediaType::Html => "text/html",
            })),
            Value::Number(number) => Some(HeaderValue::from(*number)),
            Value::Base64 { bytes, padded } => {
                let text = if *padded { STANDARD.encode(bytes) } else { STANDARD_NO_PAD.encode(bytes) };
                HeaderValue::from_str(&text).ok()
            }
            Value::Bytes(bytes) => HeaderValue::from_bytes(bytes).ok(),
        }
    }
}

/// The header map of `headers`, in order, names given twice appended.
#[must_use]
pub fn header_map(headers: &[(Name, Value)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let name = match name {
            Name::ContentType => http::header::CONTENT_TYPE,
            Name::GoaError => HeaderName::from_static("goa-error"),
            Name::RetryAfter => http::header::RETRY_AFTER,
            Name::GrpcStatus => HeaderName::from_static("grpc-status"),
            Name::GrpcMessage => HeaderName::from_static("grpc-message"),
            Name::GrpcStatusDetailsBin => HeaderName::from_static("grpc-status-details-bin"),
            Name::Other(name) => match HeaderName::try_from(name.as_str()) {
                Ok(name) => name,
                Err(_) => continue,
            },
        };
        if let Some(value) = value.to_header() {
            map.append(name, value);
        }
    }
    map
}

/// What holds for every error a decoder gives: its Goa body (written from a
/// `GoaBody` or straight from the error) reads back as it was written.
///
/// (Not that it has a name: a JSON body's `"name": ""` is kept as it is,
/// where the gRPC decoder and the `Goa-Error` header drop empty names.)
///
/// # Panics
///
/// When one of these does not hold: the fuzzer's finding.
pub fn check_error(err: &ErrorResult) {
    let body = GoaBody::from(err);
    let json = serde_json::to_vec(&body).expect("a Goa body always serializes");
    let back: GoaBody = serde_json::from_slice(&json).expect("a Goa body errdsl wrote reads back");
    assert_eq!(
        back,
        body,
        "the Goa body of {err:?} changed on a round trip: {}",
        String::from_utf8_lossy(&json)
    );
    let json = serde_json::to_vec(err).expect("an ErrorResult always serializes");
    let back: GoaBody = serde_json::from_slice(&json).expect("an ErrorResult's body reads back");
    assert_eq!(back, body, "ErrorResult's Serialize and GoaBody::from differ");
}
