//! The format middleware as a tower layer: what `from_fn(negotiate)` and its
//! siblings do, without the boxes `from_fn` makes for every request (the
//! inner service, the future), which cost the divider about a tenth of its
//! throughput on successes (BENCHMARKS.md §5).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::response::Response;
use http::HeaderMap;

use super::{reencode, requested};
use crate::transport::http::BodyFormat;

/// Which format a response's errors are sent in: the one rule of the
/// layer and of the middleware functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Choice {
    /// The one the request's `Accept` prefers: problem+json or Goa's.
    Negotiated,
    /// problem+json, whatever the request accepts.
    Problem,
    /// Google's, or problem+json when the request's `Accept` prefers it.
    #[cfg(feature = "tonic")]
    Google,
}

impl Choice {
    /// The format of the answer to a request with these headers.
    pub(super) fn format(self, headers: &HeaderMap) -> BodyFormat {
        match self {
            Choice::Negotiated => BodyFormat::from_accept(headers),
            Choice::Problem => BodyFormat::Problem,
            #[cfg(feature = "tonic")]
            Choice::Google => match BodyFormat::from_accept(headers) {
                BodyFormat::Problem => BodyFormat::Problem,
                _ => BodyFormat::Google,
            },
        }
    }
}

/// A tower layer that sends every error response of the services it wraps
/// in one format: [`negotiate`](super::negotiate),
/// [`problem_json`](super::problem_json) or `google_json` as a layer, for
/// `Router::layer`. The answers are the same as those middleware
/// functions' under `axum::middleware::from_fn`; the layer saves the boxes
/// `from_fn` makes for every request, errors and successes alike.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::{Router, routing::get};
/// use errdsl::axum::ErrorFormatLayer;
/// use errdsl::{Code, ErrorResult};
/// use tower::ServiceExt as _;
///
/// let app = Router::new()
///     .route("/", get(|| async { ErrorResult::new("not_found", Code::NotFound, "no user 42") }))
///     .layer(ErrorFormatLayer::negotiate());
/// let request = http::Request::get("/")
///     .header("accept", "application/problem+json")
///     .body(axum::body::Body::empty())
///     .unwrap();
/// let response = app.oneshot(request).await.unwrap();
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorFormatLayer(Choice);

impl ErrorFormatLayer {
    /// Error responses in the format the request's `Accept` prefers, as
    /// [`negotiate`](super::negotiate) sends them.
    #[must_use]
    pub const fn negotiate() -> Self {
        ErrorFormatLayer(Choice::Negotiated)
    }

    /// Every error response as problem+json, as
    /// [`problem_json`](super::problem_json) sends them.
    #[must_use]
    pub const fn problem_json() -> Self {
        ErrorFormatLayer(Choice::Problem)
    }

    /// Every error response in Google's HTTP error format, or problem+json
    /// when the request's `Accept` prefers it, as `google_json` sends them;
    /// needs the `tonic` feature.
    #[cfg(feature = "tonic")]
    #[must_use]
    pub const fn google_json() -> Self {
        ErrorFormatLayer(Choice::Google)
    }
}

impl<S> tower_layer::Layer<S> for ErrorFormatLayer {
    type Service = ErrorFormat<S>;

    fn layer(&self, inner: S) -> ErrorFormat<S> {
        ErrorFormat { inner, choice: self.0 }
    }
}

/// A service whose error responses are in the format its
/// [`ErrorFormatLayer`] chose.
#[derive(Clone, Debug)]
pub struct ErrorFormat<S> {
    inner: S,
    choice: Choice,
}

impl<S, B> tower_service::Service<http::Request<B>> for ErrorFormat<S>
where
    S: tower_service::Service<http::Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ErrorFormatFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let format = self.choice.format(request.headers());
        // A service may answer within `call`, before any poll.
        let _restore = requested::enter(format);
        ErrorFormatFuture { inner: self.inner.call(request), format }
    }
}

pin_project_lite::pin_project! {
    /// The response of an [`ErrorFormat`] service.
    #[derive(Debug)]
    pub struct ErrorFormatFuture<F> {
        #[pin]
        inner: F,
        format: BodyFormat,
    }
}

impl<F: Future<Output = Result<Response, E>>, E> Future for ErrorFormatFuture<F> {
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let format = *this.format;
        let response = {
            let _restore = requested::enter(format);
            ready!(this.inner.poll(cx))?
        };
        Poll::Ready(Ok(reencode(response, format)))
    }
}
