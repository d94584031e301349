//! axum integration: `IntoResponse` for service errors, and middleware that
//! chooses the body format.
//!
//! Every type declared with `#[derive(ServiceError)]` or `errors!` is
//! `axum::response::IntoResponse` under this feature, through
//! [`error_response`], and so is [`ErrorResult`]. The response is the one
//! [`crate::http::response`] describes, in Goa's format: the error is
//! captured under a fresh id (a fault is logged with it), and the response
//! carries, as an extension, a [`WireError`]: the captured error in
//! wire-safe form (its message is the wire message, it has no source).
//!
//! The format is the service's choice or the request's:
//!
//! - [`negotiate`] re-encodes error responses as problem+json when the
//!   request's `Accept` prefers it ([`BodyFormat::from_accept`]);
//! - [`problem_json`] re-encodes every error response as problem+json.
//!
//! Both are `axum::middleware::from_fn` functions. Re-encoding keeps the
//! status, the headers (`Goa-Error`, `Retry-After` and any a handler or
//! layer added), the extensions and the id, and logs nothing: the error was
//! logged once, when it was captured. Responses without a [`WireError`]
//! pass through untouched. The outermost of the two layers decides.
//!
//! ```
//! use axum::{Router, middleware, routing::get};
//! use errdsl::ServiceError;
//!
//! #[derive(Debug, thiserror::Error, ServiceError)]
//! enum DivideError {
//!     #[error("cannot divide {0} by zero")]
//!     #[service_error(grpc = InvalidArgument)]
//!     DivByZero(i64),
//! }
//!
//! async fn divide() -> Result<String, DivideError> {
//!     Err(DivideError::div_by_zero(7))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/divide", get(divide))
//!     .layer(middleware::from_fn(errdsl::axum::negotiate));
//! ```

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::HeaderValue;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};

use crate::capture::capture_for_wire;
use crate::http::{BodyFormat, encode, encode_body, wire_safe};
use crate::{ErrorResult, ServiceError};

/// The error an error response was made from, as a response extension: the
/// captured error in wire-safe form, whose message is the wire message
/// (never a fault's own text) and which has no source. Middleware reads it
/// to re-encode or inspect the error, e.g. to log its id.
///
/// ```
/// use errdsl::axum::WireError;
/// use errdsl::{Code, ErrorResult, ServiceError};
///
/// let err = ErrorResult::builder("db_down", Code::Internal).message("secret dsn").fault(true).build();
/// let response = errdsl::axum::error_response(&err);
/// let wire = response.extensions().get::<WireError>().unwrap();
/// assert_eq!(wire.error().name(), "db_down");
/// assert_eq!(wire.error().message(), format!("internal error (id: {})", wire.error().id()));
/// ```
#[derive(Clone, Debug)]
pub struct WireError(Arc<ErrorResult>);

impl WireError {
    /// The captured error.
    pub fn error(&self) -> &ErrorResult {
        &self.0
    }

    /// The captured error, shared.
    pub fn into_inner(self) -> Arc<ErrorResult> {
        self.0
    }
}

/// The format a response's body is in, beside its [`WireError`].
#[derive(Clone, Copy, Debug)]
struct EncodedAs(BodyFormat);

/// The axum response for `err`: [`crate::http::response`] in Goa's format,
/// with a [`WireError`] extension. The `IntoResponse` impl of every declared
/// type calls it.
///
/// ```
/// use errdsl::{Code, ErrorResult};
///
/// let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
/// let response = errdsl::axum::error_response(&err);
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// assert_eq!(response.headers()["goa-error"], "not_found");
/// ```
pub fn error_response<E: ServiceError + ?Sized>(err: &E) -> Response {
    let wire = wire_safe(&capture_for_wire(err));
    let mut response = encode(&wire, BodyFormat::Goa).map(Body::from);
    response.extensions_mut().insert(WireError(Arc::new(wire)));
    response.extensions_mut().insert(EncodedAs(BodyFormat::Goa));
    response
}

/// The response of `err`, by [`error_response`]: captured under a fresh id
/// (the id of `err` itself is not sent; a fault is logged with the new one).
impl IntoResponse for ErrorResult {
    fn into_response(self) -> Response {
        error_response(&self)
    }
}

/// `response` with its body in `format`, when it is an error response with a
/// [`WireError`]; any other response as it is. The status, the other
/// headers, the extensions and the id stay; `Content-Type` follows the
/// format and a stale `Content-Length` is dropped. Nothing is logged.
///
/// ```
/// use errdsl::http::BodyFormat;
/// use errdsl::{Code, ErrorResult};
///
/// let response = errdsl::axum::error_response(&ErrorResult::new("not_found", Code::NotFound, "no user 42"));
/// let response = errdsl::axum::reencode(response, BodyFormat::Problem);
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// ```
pub fn reencode(response: Response, format: BodyFormat) -> Response {
    let (mut parts, body) = response.into_parts();
    let Some(wire) = parts.extensions.get::<WireError>().cloned() else {
        return Response::from_parts(parts, body);
    };
    if parts.extensions.get::<EncodedAs>().is_some_and(|encoded| encoded.0 == format) {
        return Response::from_parts(parts, body);
    }
    drop(body);
    let bytes = encode_body(wire.error(), format, parts.status);
    parts.headers.insert(CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    parts.headers.remove(CONTENT_LENGTH);
    parts.extensions.insert(EncodedAs(format));
    Response::from_parts(parts, Body::from(bytes))
}

/// Middleware: error responses in the format the request's `Accept` prefers
/// ([`BodyFormat::from_accept`]): problem+json when it asks for it, Goa's
/// otherwise. For `axum::middleware::from_fn(errdsl::axum::negotiate)`.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::{Router, middleware, routing::get};
/// use errdsl::{Code, ErrorResult};
/// use tower::ServiceExt as _;
///
/// let app = Router::new()
///     .route("/", get(|| async { ErrorResult::new("not_found", Code::NotFound, "no user 42") }))
///     .layer(middleware::from_fn(errdsl::axum::negotiate));
/// let request = http::Request::get("/")
///     .header("accept", "application/problem+json")
///     .body(axum::body::Body::empty())
///     .unwrap();
/// let response = app.oneshot(request).await.unwrap();
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// # }
/// ```
pub async fn negotiate(request: Request, next: Next) -> Response {
    let format = BodyFormat::from_accept(request.headers());
    reencode(next.run(request).await, format)
}

/// Middleware: every error response as problem+json, whatever the request
/// accepts, for services that choose RFC 9457. For
/// `axum::middleware::from_fn(errdsl::axum::problem_json)`.
///
/// ```
/// use axum::{Router, middleware, routing::get};
///
/// let app: Router = Router::new()
///     .route("/", get(|| async { "ok" }))
///     .layer(middleware::from_fn(errdsl::axum::problem_json));
/// ```
pub async fn problem_json(request: Request, next: Next) -> Response {
    reencode(next.run(request).await, BodyFormat::Problem)
}
