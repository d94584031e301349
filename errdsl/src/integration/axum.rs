//! axum integration: `IntoResponse` for service errors, middleware that
//! chooses the body format, and extractors and fallbacks whose rejections
//! are declared errors ([`RequestError`]: [`Json`], [`Query`], [`Form`],
//! [`Path`], [`not_found`], [`method_not_allowed`]).
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
//! Both are `axum::middleware::from_fn` functions, and [`ErrorFormatLayer`]
//! is each of them as a tower layer, which saves the boxes `from_fn` makes
//! for every request. An error response made while the handler runs under
//! one of them is encoded in its format once. Re-encoding keeps the
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
//!     .layer(errdsl::axum::ErrorFormatLayer::negotiate());
//! // The same answers, through `from_fn`:
//! let app: Router = Router::new()
//!     .route("/divide", get(divide))
//!     .layer(middleware::from_fn(errdsl::axum::negotiate));
//! ```

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::HeaderValue;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use std::sync::Arc;

mod extract;
mod layer;
mod requested;

pub use crate::integration::request_error::RequestError;
use crate::model::error_result::ErrorResult;
use crate::model::service_error::ServiceError;
use crate::transport::capture::{Transport, send_for_wire};
use crate::transport::http::{BodyFormat, encode, encode_body};
pub use extract::{Form, Json, Path, Query, method_not_allowed, not_found};
use layer::Choice;
pub use layer::{ErrorFormat, ErrorFormatFuture, ErrorFormatLayer};

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

/// The axum response for `err`: [`crate::http::response`] in Goa's format
/// (or, made while a handler under [`negotiate`], [`problem_json`] or
/// `google_json` runs, in the format that middleware sends, so that the
/// body is encoded once), with a [`WireError`] extension. The
/// `IntoResponse` impl of every declared type calls it.
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
    let format = requested::requested().unwrap_or(BodyFormat::Goa);
    let (mut response, wire) = send_for_wire(err, Transport::Http, |outgoing| {
        let response = encode(&outgoing, format).map(Body::from);
        (response, outgoing.into_wire_safe_error())
    });
    response.extensions_mut().insert(WireError(Arc::new(wire)));
    response.extensions_mut().insert(EncodedAs(format));
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
    let bytes = encode_body(&wire.error().outgoing(), format, parts.status);
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
    answer_in(Choice::Negotiated, request, next).await
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
    answer_in(Choice::Problem, request, next).await
}

/// Middleware: every error response in Google's HTTP error format
/// ([`BodyFormat::Google`]), for services that choose AIP-193's HTTP
/// mapping, and problem+json when the request's `Accept` prefers it. For
/// `axum::middleware::from_fn(errdsl::axum::google_json)`; needs the
/// `tonic` feature.
///
/// ```
/// use axum::{Router, middleware, routing::get};
///
/// let app: Router = Router::new()
///     .route("/", get(|| async { "ok" }))
///     .layer(middleware::from_fn(errdsl::axum::google_json));
/// ```
#[cfg(feature = "tonic")]
pub async fn google_json(request: Request, next: Next) -> Response {
    answer_in(Choice::Google, request, next).await
}

/// What the middleware functions share with [`ErrorFormatLayer`]: the
/// format `choice` gives this request, told to the handler while it runs
/// and applied to its response.
async fn answer_in(choice: Choice, request: Request, next: Next) -> Response {
    let format = choice.format(request.headers());
    reencode(requested::scoped(format, next.run(request)).await, format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::code::Code;
    use axum::Router;
    use axum::middleware::from_fn;
    use axum::routing::get;
    use http::{Request as HttpRequest, StatusCode};
    use serde_json::Value;
    use std::io;
    use std::sync::Mutex;
    use tower::ServiceExt as _;

    fn fault() -> ErrorResult {
        ErrorResult::builder("db_down", Code::Internal)
            .message("SECRET connect to 10.0.0.7 failed")
            .fault(true)
            .retry_after(std::time::Duration::from_secs(5))
            .source("SECRET source")
            .build()
    }

    fn app() -> Router {
        Router::new()
            .route("/fault", get(|| async { fault() }))
            .route(
                "/not_found",
                get(|| async {
                    let mut response =
                        ErrorResult::new("not_found", Code::NotFound, "no user 42").into_response();
                    response.headers_mut().insert("x-handler", HeaderValue::from_static("kept"));
                    response
                }),
            )
            .route("/ok", get(|| async { (StatusCode::CREATED, "created") }))
    }

    async fn call(app: Router, path: &str, accept: Option<&str>) -> (Response, Vec<u8>) {
        let mut request = HttpRequest::get(path);
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        let response = app.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
        (Response::from_parts(parts, Body::empty()), bytes)
    }

    fn json(bytes: &[u8]) -> Value {
        serde_json::from_slice(bytes).unwrap()
    }

    /// The answer to `path` with `accept`, its id blanked: what the
    /// middleware and its layer must agree on.
    async fn answer(
        app: Router,
        path: &str,
        accept: Option<&str>,
    ) -> (StatusCode, Vec<(String, String)>, String) {
        let (response, body) = call(app, path, accept).await;
        let headers = response.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()));
        let mut body = String::from_utf8(body).unwrap();
        if let Some(wire) = response.extensions().get::<WireError>() {
            body = body.replace(wire.error().id(), "<id>");
        }
        (response.status(), headers.collect(), body)
    }

    #[tokio::test]
    async fn the_layer_answers_as_its_middleware_does() {
        let pairs = [
            (app().layer(from_fn(negotiate)), app().layer(ErrorFormatLayer::negotiate())),
            (app().layer(from_fn(problem_json)), app().layer(ErrorFormatLayer::problem_json())),
            #[cfg(feature = "tonic")]
            (app().layer(from_fn(google_json)), app().layer(ErrorFormatLayer::google_json())),
        ];
        for (middleware, layer) in pairs {
            for path in ["/fault", "/not_found", "/ok"] {
                for accept in [None, Some("application/problem+json"), Some("application/json")] {
                    let ours = answer(layer.clone(), path, accept).await;
                    assert_eq!(ours, answer(middleware.clone(), path, accept).await, "{path} {accept:?}");
                }
            }
        }
        // Outermost decides, through either.
        let stacked = app().layer(ErrorFormatLayer::problem_json()).layer(ErrorFormatLayer::negotiate());
        let (response, _) = call(stacked, "/fault", None).await;
        assert_eq!(response.headers()["content-type"], "application/json");
    }

    #[tokio::test]
    async fn an_error_made_under_a_middleware_is_encoded_once_in_its_format() {
        let response = requested::scoped(BodyFormat::Problem, async { error_response(&fault()) }).await;
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        assert!(matches!(response.extensions().get::<EncodedAs>(), Some(EncodedAs(BodyFormat::Problem))));
        let id = response.extensions().get::<WireError>().unwrap().error().id().to_owned();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert_eq!(json(&body)["id"], id);
        // Outside any middleware: Goa's.
        assert_eq!(error_response(&fault()).headers()["content-type"], "application/json");
    }

    #[tokio::test]
    async fn into_response_is_goa_with_the_wire_error_extension() {
        let (response, body) = call(app(), "/fault", None).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(response.headers()["goa-error"], "db_down");
        assert_eq!(response.headers()["retry-after"], "5");
        let body = json(&body);
        let wire = response.extensions().get::<WireError>().unwrap().error();
        assert_eq!(body["id"], wire.id());
        assert_eq!(body["message"], format!("internal error (id: {})", wire.id()));
        assert_eq!(wire.message(), body["message"]);
        assert!(std::error::Error::source(wire).is_none());
        assert_ne!(wire.id(), fault().id());
    }

    #[tokio::test]
    async fn negotiate_reencodes_when_accept_asks_for_problem_json() {
        let app = app().layer(from_fn(negotiate));
        let (goa, goa_body) = call(app.clone(), "/not_found", Some("application/json")).await;
        assert_eq!(goa.headers()["content-type"], "application/json");
        assert_eq!(json(&goa_body)["name"], "not_found");

        let (problem, problem_body) = call(app.clone(), "/not_found", Some("application/problem+json")).await;
        assert_eq!(problem.status(), StatusCode::NOT_FOUND);
        assert_eq!(problem.headers()["content-type"], "application/problem+json");
        assert_eq!(problem.headers()["goa-error"], "not_found");
        assert_eq!(problem.headers()["x-handler"], "kept");
        let body = json(&problem_body);
        let wire = problem.extensions().get::<WireError>().unwrap().error();
        assert_eq!(body["id"], wire.id());
        assert!(body.get("instance").is_none(), "{body}");
        assert_eq!(body["status"], 404);
        assert_eq!(body["detail"], "no user 42");

        // Non-error responses pass through untouched.
        let (ok, ok_body) = call(app, "/ok", Some("application/problem+json")).await;
        assert_eq!(ok.status(), StatusCode::CREATED);
        assert_eq!(ok_body, b"created");
    }

    #[tokio::test]
    async fn problem_json_always_reencodes_and_keeps_the_id_and_headers() {
        let app = app().layer(from_fn(problem_json));
        let (response, body) = call(app, "/fault", None).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        assert_eq!(response.headers()["retry-after"], "5");
        assert!(response.headers().get("content-length").is_none_or(|len| len == &body.len().to_string()));
        let body = json(&body);
        let id = response.extensions().get::<WireError>().unwrap().error().id().to_owned();
        assert_eq!(body["id"], id.as_str());
        assert_eq!(body["detail"], format!("internal error (id: {id})"));
        let text = body.to_string();
        assert!(!text.contains("SECRET") && !text.contains("10.0.0.7"), "{text}");
    }

    #[tokio::test]
    async fn the_outermost_layer_decides() {
        let app = app().layer(from_fn(problem_json)).layer(from_fn(negotiate));
        let (response, body) = call(app.clone(), "/not_found", None).await;
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(json(&body)["message"], "no user 42");
        let app = app.layer(from_fn(problem_json));
        let (response, body) = call(app, "/not_found", None).await;
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        assert_eq!(json(&body)["detail"], "no user 42");
    }

    #[test]
    fn reencode_to_the_same_format_keeps_the_body() {
        let response = error_response(&fault());
        let again = reencode(response, BodyFormat::Goa);
        assert_eq!(again.headers()["content-type"], "application/json");
        let plain = reencode(Response::new(Body::from("x")), BodyFormat::Problem);
        assert!(plain.headers().get("content-type").is_none());
    }

    /// A `tracing` writer that keeps what is logged.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// What `capture_for_wire` logs while `app` answers a request for a fault,
    /// and the id the response has.
    async fn logged(app: Router) -> (String, String) {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::TRACE)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        // Other tests' threads may have cached the callsite's interest
        // without this thread's subscriber.
        tracing::callsite::rebuild_interest_cache();
        let (response, _) = call(app, "/fault", Some("application/problem+json")).await;
        let id = response.extensions().get::<WireError>().unwrap().error().id().to_owned();
        let log = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        (log, id)
    }

    #[tokio::test]
    async fn a_fault_is_logged_once_under_the_id_it_is_sent_with() {
        let app = app().layer(from_fn(problem_json)).layer(from_fn(negotiate));
        // tracing's interest cache is process-wide: while other tests run in
        // parallel, a scoped subscriber may miss an event. Try again then.
        let mut attempt = 0;
        let (log, id) = loop {
            let (log, id) = logged(app.clone()).await;
            attempt += 1;
            if !log.is_empty() || attempt == 50 {
                break (log, id);
            }
            tokio::task::yield_now().await;
        };
        assert_eq!(log.matches("service fault").count(), 1, "{log}");
        assert!(log.contains(&id), "{log}");
        // The log, not the wire, has the details.
        assert!(log.contains("SECRET connect to 10.0.0.7 failed") && log.contains("SECRET source"), "{log}");
    }
}
