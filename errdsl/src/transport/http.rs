//! HTTP transport: error bodies, responses and client decoding.
//!
//! # Formats
//!
//! Two bodies, chosen by [`BodyFormat`]:
//!
//! - **Goa** ([`GoaBody`], `Content-Type: application/json`), the default:
//!   Goa's `ErrorResult` body, so that a Goa-generated Go client decodes
//!   errdsl errors as its own, plus errdsl's `code`, `user_message` and
//!   `fields`, which Goa clients ignore:
//!
//!   ```json
//!   {"name":"div_by_zero","id":"x7Fq9-Ab","message":"You can't divide by zero.",
//!    "temporary":false,"timeout":false,"fault":false,"code":"invalid_argument",
//!    "user_message":"You can't divide by zero.","fields":{"dividend":"7"}}
//!   ```
//!
//! - **problem+json** ([`ProblemDetails`], `Content-Type:
//!   application/problem+json`), RFC 9457, with `type` the error's
//!   documentation URL (its `docs_url` and its name; `about:blank` without
//!   one), `title` the readable name (`Div by zero`),
//!   `status` and `detail` the wire message (no `instance`: the occurrence
//!   is the `id` member), and the same members as the Goa body as
//!   extensions.
//!
//! # Responses
//!
//! [`response`] captures an error under a fresh id (a fault is logged with
//! that id through `tracing`: its `Display` text and sources go to the log
//! and nowhere else) and writes:
//!
//! - the status: [`ServiceError::http_status`];
//! - `Content-Type`: [`BodyFormat::content_type`];
//! - `Goa-Error: <name>`, always, as Goa does (a name that is not visible
//!   ASCII is percent-encoded there; the body has it as it is);
//! - `Retry-After: <seconds>` when [`ServiceError::retry_after`] is known, in
//!   whole seconds rounded up;
//! - the body, whose message is the wire message
//!   ([`ErrorResult::wire_message`]): the user message, else the `Display`
//!   text, except for faults, which say `internal error (id: <id>)`.
//!
//! [`response_for`] picks the format from the request's `Accept`
//! ([`BodyFormat::from_accept`]). With the `axum` feature,
//! [`crate::axum`] has the same as `IntoResponse` and middleware.
//!
//! # Client decoding
//!
//! [`ErrorResult::from_http_response`] reads any error response and never
//! fails: a Goa body or a problem+json body gives the error it describes
//! (with the response's real status and `Retry-After`); anything else gives
//! an error named `http_<status>` (e.g. `http_503`) with the status's code
//! ([`Code::from_http_status`]) and a message saying what came back.
//!
//! ```
//! use errdsl::http::{self, BodyFormat};
//! use errdsl::{Code, ErrorResult, ServiceError};
//!
//! let err = ErrorResult::builder("maintenance", Code::Unavailable)
//!     .message("divider is in maintenance")
//!     .temporary(true)
//!     .retry_after(std::time::Duration::from_secs(30))
//!     .build();
//! let response = http::response(&err, BodyFormat::Goa);
//! assert_eq!(response.status(), 503);
//! assert_eq!(response.headers()["goa-error"], "maintenance");
//! assert_eq!(response.headers()["retry-after"], "30");
//!
//! // The client side.
//! let back = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
//! assert_eq!(back.name(), "maintenance");
//! assert!(back.is_temporary());
//! assert_eq!(back.retry_after(), Some(std::time::Duration::from_secs(30)));
//! ```

pub(crate) mod accept;
pub(crate) mod goa;
#[cfg(feature = "tonic")]
mod google;
mod members;
mod problem;
#[cfg(test)]
mod tests;
mod violations;

use self::members::Members;
use crate::model::code::Code;
use crate::model::error_result::Outgoing;
use crate::model::error_result::{ErrorResult, ErrorResultBuilder};
use crate::model::service_error::ServiceError;
use crate::model::wire_field::BodyShape;
use crate::percent::percent_decode_lossy;
use crate::policy::error_class::Classification;
use crate::transport::capture::{Transport, send_for_wire};
use ::http::header::{CONTENT_TYPE, RETRY_AFTER};
use ::http::{HeaderMap, HeaderName, HeaderValue, Response, StatusCode};
pub use goa::GoaBody;
pub use problem::ProblemDetails;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::time::Duration;

/// Goa's error header, `Goa-Error: <name>`: the wire name of the error.
pub const GOA_ERROR: HeaderName = HeaderName::from_static("goa-error");

/// The largest body [`ErrorResult::from_http_response`] parses: 64 KiB. A
/// larger body is not read (an error body is a few hundred bytes; a larger
/// one is a proxy's page or an attack), and gives an `http_<status>` error.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The most characters of an unreadable body that
/// [`ErrorResult::from_http_response`] echoes in its message.
pub const MAX_ECHO_CHARS: usize = 256;

/// The body format of an error response.
///
/// ```
/// use errdsl::http::BodyFormat;
/// use http::{HeaderMap, HeaderValue, header::ACCEPT};
///
/// let mut headers = HeaderMap::new();
/// assert_eq!(BodyFormat::from_accept(&headers), BodyFormat::Goa);
/// headers.insert(ACCEPT, HeaderValue::from_static("application/problem+json, application/json;q=0.9"));
/// assert_eq!(BodyFormat::from_accept(&headers), BodyFormat::Problem);
/// assert_eq!(BodyFormat::Problem.content_type(), "application/problem+json");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BodyFormat {
    /// Goa's error body ([`GoaBody`]), `application/json`. The default.
    #[default]
    Goa,
    /// RFC 9457 problem details ([`ProblemDetails`]), `application/problem+json`.
    Problem,
    /// Google's error body for HTTP APIs (AIP-193's HTTP mapping, as
    /// grpc-gateway and Google's APIs send it), `application/json`:
    /// `{"error": {"code": 400, "message": ..., "status": "INVALID_ARGUMENT",
    /// "details": [...]}}`, the details of the gRPC transport in protobuf's
    /// JSON mapping. Needs the `tonic` feature, whose details it writes.
    ///
    /// ```
    /// use errdsl::http::{self, BodyFormat};
    /// use errdsl::{Code, ErrorResult, ServiceError};
    ///
    /// let err = ErrorResult::builder("div_by_zero", Code::InvalidArgument).user_message("You can't divide by zero.").build();
    /// let response = http::response(&err, BodyFormat::Google);
    /// let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    /// assert_eq!(body["error"]["code"], 400);
    /// assert_eq!(body["error"]["status"], "INVALID_ARGUMENT");
    /// assert_eq!(body["error"]["details"][1]["@type"], "type.googleapis.com/google.rpc.ErrorInfo");
    /// assert_eq!(body["error"]["details"][1]["reason"], "DIV_BY_ZERO");
    ///
    /// let back = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
    /// assert_eq!((back.name(), back.code()), ("div_by_zero", Code::InvalidArgument));
    /// assert_eq!(back.user_message().as_deref(), Some("You can't divide by zero."));
    /// ```
    #[cfg(feature = "tonic")]
    Google,
}

impl BodyFormat {
    /// The format a request's `Accept` header(s) prefer: [`Problem`](Self::Problem)
    /// when `application/problem+json` has a quality above zero and above
    /// that of `application/json`, or equal to it and named explicitly
    /// (`application/problem+json` wins over `application/json` and `*/*` at
    /// equal quality, but `*/*` alone does not ask for it); the most
    /// specific matching range decides a type's quality (RFC 9110). [`Goa`](Self::Goa)
    /// otherwise, and when the header is missing or malformed (malformed
    /// elements are skipped).
    ///
    /// ```
    /// use errdsl::http::BodyFormat;
    /// use http::{HeaderMap, HeaderValue, header::ACCEPT};
    ///
    /// let format = |accept| {
    ///     let mut headers = HeaderMap::new();
    ///     headers.insert(ACCEPT, HeaderValue::from_static(accept));
    ///     BodyFormat::from_accept(&headers)
    /// };
    /// assert_eq!(format("application/problem+json"), BodyFormat::Problem);
    /// assert_eq!(format("application/json, application/problem+json"), BodyFormat::Problem);
    /// assert_eq!(format("application/problem+json;q=0.5, application/json"), BodyFormat::Goa);
    /// assert_eq!(format("*/*"), BodyFormat::Goa);
    /// assert_eq!(format("garbage;;;"), BodyFormat::Goa);
    /// ```
    #[must_use]
    pub fn from_accept(headers: &HeaderMap) -> BodyFormat {
        if accept::prefers_problem(headers) { BodyFormat::Problem } else { BodyFormat::Goa }
    }

    /// The `Content-Type` of the format: `application/json` for Goa (what Goa
    /// sends), `application/problem+json` for problem details.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            BodyFormat::Goa => "application/json",
            BodyFormat::Problem => "application/problem+json",
            #[cfg(feature = "tonic")]
            BodyFormat::Google => "application/json",
        }
    }
}

/// The HTTP response for `err` in `format`, described in the [module
/// docs](self#responses): `err` is captured under a fresh id (and logged if
/// it is a fault), the status is its HTTP status, with `Content-Type`,
/// `Goa-Error`, `Retry-After` when known, and the JSON body.
///
/// ```
/// use errdsl::http::{self, BodyFormat};
/// use errdsl::{Code, ErrorResult};
///
/// let err = ErrorResult::builder("db_down", Code::Internal)
///     .message("password for admin@10.0.0.7 rejected")
///     .fault(true)
///     .build();
/// let response = http::response(&err, BodyFormat::Problem);
/// assert_eq!(response.status(), 500);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
/// assert!(body["detail"].as_str().unwrap().starts_with("internal error (id: "));
/// assert!(!String::from_utf8_lossy(response.body()).contains("password"));
/// ```
pub fn response<E: ServiceError + ?Sized>(err: &E, format: BodyFormat) -> Response<Vec<u8>> {
    send_for_wire(err, Transport::Http, |outgoing| encode(&outgoing, format))
}

/// [`response`] in the format the request's headers ask for
/// ([`BodyFormat::from_accept`]).
///
/// ```
/// use errdsl::http;
/// use errdsl::{Code, ErrorResult};
/// use ::http::{HeaderMap, HeaderValue, header::ACCEPT};
///
/// let mut request_headers = HeaderMap::new();
/// request_headers.insert(ACCEPT, HeaderValue::from_static("application/problem+json"));
/// let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
/// let response = http::response_for(&err, &request_headers);
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// ```
pub fn response_for<E: ServiceError + ?Sized>(err: &E, request_headers: &HeaderMap) -> Response<Vec<u8>> {
    response(err, BodyFormat::from_accept(request_headers))
}

/// The response for an error on its way out: no new id, no logging.
pub(crate) fn encode(err: &Outgoing<'_>, format: BodyFormat) -> Response<Vec<u8>> {
    let status = err.http_status;
    let mut response = Response::new(encode_body(err, format, status));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(GOA_ERROR, goa_error_value(&err.name, err.static_name));
    if let Some(after) = err.retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(retry_after_secs(after)));
    }
    response
}

/// The body of `err` in `format`, sent with `status`.
pub(crate) fn encode_body(err: &Outgoing<'_>, format: BodyFormat, status: StatusCode) -> Vec<u8> {
    // Big enough for most error bodies, so that writing them seldom grows it.
    let mut body = Vec::with_capacity(256);
    let serializer = &mut serde_json::Serializer::new(&mut body);
    // Writing to a Vec cannot fail: every map key is a string.
    let _ = match (format, err.body) {
        (BodyFormat::Goa, BodyShape::ErrorResult) => goa::serialize_error(err, serializer),
        (BodyFormat::Goa, BodyShape::Custom { name_member }) => {
            goa::serialize_custom(err, name_member, serializer)
        }
        (BodyFormat::Problem, _) => problem::serialize_error(err, status, serializer),
        #[cfg(feature = "tonic")]
        (BodyFormat::Google, _) => google::serialize_error(err, status, serializer),
    };
    body
}

/// `Goa-Error`'s value: the name, with every byte that is not visible ASCII
/// (and `%`) percent-encoded when there is any. A `'static` name is not
/// copied.
fn goa_error_value(name: &str, static_name: Option<&'static str>) -> HeaderValue {
    match (goa_error_text(name), static_name) {
        // Visible ASCII is a valid header value: `from_static` cannot panic.
        (Cow::Borrowed(_), Some(name)) => HeaderValue::from_static(name),
        (text, _) => HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("")),
    }
}

/// `Goa-Error`'s text for `name`: the name itself when every byte is
/// visible ASCII, else percent-encoded (`%` too). Also what the catalog
/// docs document.
pub(crate) fn goa_error_text(name: &str) -> Cow<'_, str> {
    let visible = |b: u8| (0x21..=0x7e).contains(&b);
    if name.bytes().all(visible) {
        return Cow::Borrowed(name);
    }
    let mut encoded = String::with_capacity(name.len());
    for byte in name.bytes() {
        if visible(byte) && byte != b'%' {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    Cow::Owned(encoded)
}

/// Whole seconds, rounded up.
fn retry_after_secs(after: Duration) -> u64 {
    after.as_secs().saturating_add(u64::from(after.subsec_nanos() > 0))
}

/// The name of an error known only by its status: `http_503`.
fn fallback_name(status: StatusCode) -> String {
    format!("http_{}", status.as_u16())
}

/// The flags a status implies when nothing else says: those of its code
/// ([`Code::from_http_status`]) by Google's AIP-194
/// ([`Classification::from_code`]): temporary for 502 and 503, and for 429
/// with a `Retry-After` (`retry_after_known`); a timeout (not temporary)
/// for 408 and 504.
fn status_flags(status: StatusCode, retry_after_known: bool) -> (bool, bool) {
    let class = Classification::from_code(Code::from_http_status(status), retry_after_known);
    (class.temporary, class.timeout)
}

/// `HTTP 503 Service Unavailable`, or `HTTP 599` for a status without a
/// canonical reason.
fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

/// Why a body gave no error.
enum Unreadable {
    Empty,
    TooLarge,
    Unrecognised,
}

impl ErrorResult {
    /// The error an HTTP response describes. Lenient: never fails, never
    /// panics, whatever the status, headers and body.
    ///
    /// The body is read as:
    ///
    /// - a problem+json body ([`ProblemDetails`]) when the `Content-Type` is
    ///   `application/problem+json`, unless the body is plainly a Goa body
    ///   (it has a `message` and none of `type`, `title`, `status`, `detail`,
    ///   `instance`);
    /// - otherwise a Goa body ([`GoaBody`], strictly), unless it plainly is a
    ///   problem (it has some of those members and no `message`): content
    ///   types lie, shapes do not;
    /// - a body that is neither, empty, not JSON, not an object, of the wrong
    ///   types, truncated, or larger than [`MAX_BODY_BYTES`] (then not
    ///   parsed at all) is *unreadable*.
    ///
    /// A readable body gives its error with:
    ///
    /// - the response's status as the HTTP status;
    /// - the code of the body, else (a Goa body from Goa itself has none)
    ///   the status's ([`Code::from_http_status`]) when the status is 4xx or
    ///   5xx, else the one the flags imply;
    /// - the name of the body, else (only a foreign problem has none) the
    ///   `Goa-Error` header's, else `http_<status>`;
    /// - for a problem without flags, those the status implies: temporary for
    ///   502 and 503 (and 429 with a `Retry-After`), a timeout (not
    ///   temporary) for 408 and 504: Google's AIP-194, by the status's code.
    ///
    /// An unreadable body gives an error named `http_<status>` (`http_503`:
    /// unambiguous for any status, and no catalog's name), with the code
    /// [`Code::from_http_status`] (`Unknown` for a status that is not 4xx or
    /// 5xx: a 2xx response with an unreadable body still is an error here,
    /// since the caller expected one), the flags the status implies, and a
    /// message saying what came back: `HTTP 502 Bad Gateway with an
    /// unreadable body (text/html): <html>...`, with at most
    /// [`MAX_ECHO_CHARS`] characters of the body (control characters as
    /// spaces, cut on a character boundary, `…` when cut).
    ///
    /// In every case the `Retry-After` header, when it holds delta-seconds,
    /// is the error's [`retry_after`](ServiceError::retry_after) (an HTTP
    /// date or garbage is ignored).
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    /// use http::{HeaderMap, HeaderValue, StatusCode, header};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    /// headers.insert("goa-error", HeaderValue::from_static("bad_request"));
    /// let body = br#"{"name":"bad_request","id":"Fz4_q-1a","message":"missing field","temporary":false,"timeout":false,"fault":false}"#;
    /// let err = ErrorResult::from_http_response(StatusCode::BAD_REQUEST, &headers, body);
    /// assert_eq!(err.name(), "bad_request");
    /// assert_eq!(err.id(), "Fz4_q-1a");
    /// assert_eq!(err.code(), Code::InvalidArgument); // Goa sends no code: from the status
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    /// headers.insert(header::RETRY_AFTER, HeaderValue::from_static("120"));
    /// let err = ErrorResult::from_http_response(StatusCode::SERVICE_UNAVAILABLE, &headers, b"<h1>down</h1>");
    /// assert_eq!(err.name(), "http_503");
    /// assert_eq!(err.code(), Code::Unavailable);
    /// assert!(err.is_temporary());
    /// assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(120)));
    /// assert_eq!(err.message(), "HTTP 503 Service Unavailable with an unreadable body (text/html): <h1>down</h1>");
    /// ```
    #[must_use]
    pub fn from_http_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorResult {
        let builder =
            decode(status, headers, body).unwrap_or_else(|why| unreadable(status, headers, body, &why));
        finish(builder, status, headers)
    }
}

/// Sets what the response itself says: its status and `Retry-After`.
fn finish(mut builder: ErrorResultBuilder, status: StatusCode, headers: &HeaderMap) -> ErrorResult {
    builder = builder.http_status(status);
    if let Some(after) = parse_retry_after(headers) {
        builder = builder.retry_after(after);
    }
    builder.build()
}

/// The error of a readable body.
fn decode(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<ErrorResultBuilder, Unreadable> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Unreadable::TooLarge);
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Unreadable::Empty);
    }
    // The body is read once; every format below reads from its members.
    let members = Members::parse(body).ok_or(Unreadable::Unrecognised)?;
    #[cfg(feature = "tonic")]
    if let Some(builder) = google_body(&members, status) {
        return Ok(builder);
    }
    let shape = Shape::of(&members);
    let labelled_problem =
        content_type(headers).is_some_and(|content_type| content_type == BodyFormat::Problem.content_type());
    // `Goa-Error` percent-encodes what is not visible ASCII (and `%`).
    let header_name = headers
        .get(GOA_ERROR)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| if name.contains('%') { percent_decode_lossy(name.as_bytes()) } else { name.to_owned() });
    let header_name = header_name.as_deref();
    let problem = || {
        let problem: ProblemDetails = members.read().map_err(|_| Unreadable::Unrecognised)?;
        Ok(problem.into_builder(Some(status), header_name, parse_retry_after(headers).is_some()))
    };
    let looks_like_problem = if labelled_problem {
        shape.problem_members || !shape.message
    } else {
        shape.problem_members && !shape.message
    };
    if looks_like_problem {
        return problem();
    }
    // Goa sends a custom type with its `Goa-Error` header; without one,
    // only a text `name` member tells a custom body from foreign JSON.
    if shape.custom && (header_name.is_some() || shape.name_is_text) {
        return Ok(custom(status, header_name, &members));
    }
    match members.read::<GoaBody>() {
        Ok(goa) => {
            let code = goa.code.unwrap_or_else(|| {
                if status.is_client_error() || status.is_server_error() {
                    Code::from_http_status(status)
                } else {
                    Code::from_flags(goa.timeout, goa.fault, goa.temporary)
                }
            });
            // A blank name says nothing: the header's, else the status's.
            let blank = goa.name.trim().is_empty();
            let builder = goa.into_builder(code);
            Ok(if blank {
                builder.name(header_name.map_or_else(|| fallback_name(status), str::to_owned))
            } else {
                builder
            })
        }
        Err(_) if labelled_problem || shape.problem_members => problem(),
        // A custom type with nothing but its message (`{"message": ...}`)
        // is named by its header alone.
        Err(_) if header_name.is_some() => Ok(custom(status, header_name, &members)),
        Err(_) => Err(Unreadable::Unrecognised),
    }
}

/// The error of a body in Google's format: a single `error` member
/// holding an object.
#[cfg(feature = "tonic")]
fn google_body(members: &Members<'_>, status: StatusCode) -> Option<ErrorResultBuilder> {
    let mut all = members.iter();
    let (key, value) = all.next()?;
    let single = key == "error" && all.next().is_none() && value.get().trim_start().starts_with('{');
    single.then(|| google::read(&format!("{{\"error\":{}}}", value.get()), status)).flatten()
}

/// The error of a Goa custom-type body (the user type's attributes at the
/// top level): named by the `Goa-Error` header, else by a `name` member that
/// is text, else by the status; `message` its message; every other member
/// that is a string, number or boolean a wire field with that JSON type (the
/// name member among them: a decoder cannot tell which member a design
/// marked), and `field_violations` its violations. Code and flags come
/// from the status, as for a Goa body.
fn custom(status: StatusCode, header_name: Option<&str>, body: &Members<'_>) -> ErrorResultBuilder {
    let members = body.read::<problem::ScalarMembers>().map(|members| members.0).unwrap_or_default();
    let text = |key: &str| members.iter().find(|(name, _)| name == key).and_then(|(_, value)| value.as_str());
    let named = text("name").filter(|name| !name.trim().is_empty());
    let name = header_name.or(named).map_or_else(|| fallback_name(status), str::to_owned);
    let code = if status.is_client_error() || status.is_server_error() {
        Code::from_http_status(status)
    } else {
        Code::Unknown
    };
    let (temporary, timeout) = status_flags(status, false);
    let mut builder = ErrorResult::builder(name, code)
        .message(text("message").unwrap_or(status_line(status).as_str()))
        .temporary(temporary)
        .timeout(timeout)
        .body(BodyShape::Custom { name_member: None });
    let fields = members.into_iter().filter(|(name, _)| name != "message").collect();
    builder = goa::read_fields(builder, fields);
    builder.field_violations(custom_violations(body))
}

/// The `field_violations` member of a custom-type body, read as in a Goa body.
fn custom_violations(body: &Members<'_>) -> Vec<crate::model::field_violation::FieldViolation> {
    let listed = body.get("field_violations").and_then(|raw| serde_json::from_str(raw.get()).ok());
    listed.as_ref().map(violations::read).unwrap_or_default()
}

/// Which members a JSON object has that tell the formats apart; only an
/// object has a shape.
#[allow(clippy::struct_excessive_bools, reason = "one independent fact per member")]
struct Shape {
    /// Any of RFC 9457's `type`, `title`, `status`, `detail`, `instance`.
    problem_members: bool,
    /// Goa's `message`.
    message: bool,
    /// No `id` and a member that is none of a Goa body's (nor of a
    /// problem's): a Goa custom-type body, if anything names it.
    custom: bool,
    /// A `name` member that is text.
    name_is_text: bool,
}

impl Shape {
    /// The shape of an object's members.
    fn of(members: &Members<'_>) -> Shape {
        let mut shape = Shape { problem_members: false, message: false, custom: false, name_is_text: false };
        let (mut id, mut foreign) = (false, false);
        for (key, value) in members.iter() {
            match key {
                "name" => {
                    let name =
                        serde_json::from_str::<problem::Scalar>(value.get()).ok().and_then(|name| name.0);
                    shape.name_is_text = matches!(name, Some(serde_json::Value::String(_)));
                }
                "type" | "title" | "status" | "detail" | "instance" => shape.problem_members = true,
                "message" => shape.message = true,
                "id" => id = true,
                key if !goa::GOA_MEMBERS.contains(&key) => foreign = true,
                _ => {}
            }
        }
        shape.custom = !id && foreign;
        shape
    }
}

/// The error of a response whose body gave none.
fn unreadable(status: StatusCode, headers: &HeaderMap, body: &[u8], why: &Unreadable) -> ErrorResultBuilder {
    let mut message = status_line(status);
    match why {
        Unreadable::Empty => message.push_str(" with an empty body"),
        Unreadable::TooLarge => {
            let _ = write!(message, " with a body of more than {MAX_BODY_BYTES} bytes");
        }
        Unreadable::Unrecognised => message.push_str(" with an unreadable body"),
    }
    if !matches!(why, Unreadable::Empty) {
        if let Some(content_type) = headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()) {
            let _ = write!(message, " ({})", excerpt(content_type.as_bytes(), 64));
        }
        let _ = write!(message, ": {}", excerpt(body, MAX_ECHO_CHARS));
    }
    status_error(status, headers, message)
}

/// An error known only by its status, with this message.
fn status_error(status: StatusCode, headers: &HeaderMap, message: String) -> ErrorResultBuilder {
    let (temporary, timeout) = status_flags(status, parse_retry_after(headers).is_some());
    ErrorResult::builder(fallback_name(status), Code::from_http_status(status))
        .message(message)
        .temporary(temporary)
        .timeout(timeout)
}

/// At most `max_chars` characters of `bytes`, read as lossy UTF-8, control
/// characters as spaces, whitespace trimmed, `…` when cut.
fn excerpt(bytes: &[u8], max_chars: usize) -> String {
    // A character is at most 4 bytes: this prefix holds enough of them.
    let prefix = bytes.get(..max_chars.saturating_mul(4)).unwrap_or(bytes);
    let text = String::from_utf8_lossy(prefix);
    let text = text.trim();
    let mut out: String =
        text.chars().take(max_chars).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if text.chars().nth(max_chars).is_some() || prefix.len() < bytes.len() {
        out.push('…');
    }
    out
}

/// The media type of the `Content-Type` header, lower-cased, without parameters.
fn content_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next().unwrap_or(value).trim();
    Some(essence.to_ascii_lowercase())
}

/// `Retry-After` in delta-seconds; `None` for an HTTP date, garbage, or
/// several differing values.
fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let mut values = headers.get_all(RETRY_AFTER).iter();
    let first = values.next()?;
    if values.any(|other| other != first) {
        return None;
    }
    let text = first.to_str().ok()?.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Beyond u64 seconds, any wait is forever: saturate.
    Some(Duration::from_secs(text.parse().unwrap_or(u64::MAX)))
}

#[cfg(feature = "reqwest")]
impl ErrorResult {
    /// The error a `reqwest` response describes, as
    /// [`from_http_response`](ErrorResult::from_http_response) reads it.
    ///
    /// At most [`MAX_BODY_BYTES`] (and one more byte, to know it is more)
    /// of the body are read. When reading the body fails, the error is
    /// named `http_<status>` as for an unreadable body, says that reading
    /// failed, and has the `reqwest::Error` as its source.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use errdsl::{ErrorResult, ServiceError};
    ///
    /// let response = http::Response::builder()
    ///     .status(404)
    ///     .header("content-type", "application/json")
    ///     .body(r#"{"name":"no_user","id":"abcdEFGH","message":"no user 42","temporary":false,"timeout":false,"fault":false,"code":"not_found"}"#)
    ///     .unwrap();
    /// let err = ErrorResult::from_reqwest(reqwest::Response::from(response)).await;
    /// assert_eq!(err.name(), "no_user");
    /// assert_eq!(err.http_status(), 404);
    /// # }
    /// ```
    pub async fn from_reqwest(mut response: reqwest::Response) -> ErrorResult {
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let room = (MAX_BODY_BYTES + 1).saturating_sub(body.len());
                    body.extend_from_slice(chunk.get(..room).unwrap_or(&chunk));
                    if body.len() > MAX_BODY_BYTES {
                        break;
                    }
                }
                Ok(None) => break,
                Err(err) => {
                    let message = format!("{} and reading its body failed: {err}", status_line(status));
                    return finish(status_error(status, &headers, message).source(err), status, &headers);
                }
            }
        }
        ErrorResult::from_http_response(status, &headers, &body)
    }
}
