//! [`GuardDetailsLayer`]: a client-side layer that keeps a hostile or broken
//! server from crashing a tonic client.
//!
//! tonic reads `grpc-status-details-bin` with `expect`: a value that is not
//! base64 panics the client task (tonic 0.14; upstream issue
//! grpc/grpc-rust#2618). This layer sits between tonic and the transport and
//! drops such a value from the response headers and trailers before tonic
//! sees them, so the call fails with the status's code and message, which
//! [`ErrorResult::from_grpc_status`](crate::ErrorResult::from_grpc_status)
//! then reads as usual.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT;
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The header tonic decodes without checking.
const DETAILS: &str = "grpc-status-details-bin";

/// Wraps a tonic client's transport in [`GuardDetails`].
///
/// ```no_run
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// use errdsl::grpc::GuardDetailsLayer;
/// use tower::ServiceBuilder;
///
/// let channel = tonic::transport::Endpoint::from_static("http://127.0.0.1:8080").connect().await?;
/// let guarded = ServiceBuilder::new().layer(GuardDetailsLayer).service(channel);
/// // let client = DividerClient::new(guarded);
/// # let _ = guarded;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct GuardDetailsLayer;

impl<S> tower_layer::Layer<S> for GuardDetailsLayer {
    type Service = GuardDetails<S>;

    fn layer(&self, inner: S) -> GuardDetails<S> {
        GuardDetails { inner }
    }
}

/// A transport whose responses carry no undecodable
/// `grpc-status-details-bin`; see [`GuardDetailsLayer`].
#[derive(Clone, Debug)]
pub struct GuardDetails<S> {
    inner: S,
}

impl<S, B, R> tower_service::Service<http::Request<B>> for GuardDetails<S>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<R>>,
    S::Future: Send + 'static,
{
    type Response = http::Response<GuardedBody<R>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let response = self.inner.call(request);
        Box::pin(async move {
            let mut response = response.await?;
            drop_undecodable_details(response.headers_mut());
            Ok(response.map(|inner| GuardedBody { inner }))
        })
    }
}

/// A response body whose trailers carry no undecodable
/// `grpc-status-details-bin`.
#[derive(Debug)]
pub struct GuardedBody<B> {
    inner: B,
}

impl<B: Body + Unpin> Body for GuardedBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let mut polled = Pin::new(&mut self.inner).poll_frame(cx);
        if let Poll::Ready(Some(Ok(frame))) = &mut polled
            && let Some(trailers) = frame.trailers_mut()
        {
            drop_undecodable_details(trailers);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Removes `grpc-status-details-bin` when it is not base64.
fn drop_undecodable_details(headers: &mut HeaderMap) {
    let undecodable =
        headers.get(DETAILS).is_some_and(|value| STANDARD_PAD_INDIFFERENT.decode(value.as_bytes()).is_err());
    if undecodable {
        tracing::debug!("grpc-status-details-bin is not base64; dropped before tonic reads it");
        headers.remove(DETAILS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn drops_only_what_tonic_cannot_decode() {
        let mut headers = HeaderMap::new();
        headers.insert(DETAILS, HeaderValue::from_static("not base64!"));
        drop_undecodable_details(&mut headers);
        assert!(headers.get(DETAILS).is_none());
        // tonic now reads the status instead of panicking.
        headers.insert("grpc-status", HeaderValue::from_static("14"));
        let status = tonic::Status::from_header_map(&headers).unwrap();
        assert_eq!(status.code(), tonic::Code::Unavailable);

        for good in ["CAM", "CAM=", "CAMSA2JhZA=="] {
            let mut headers = HeaderMap::new();
            headers.insert(DETAILS, HeaderValue::from_static(good));
            drop_undecodable_details(&mut headers);
            assert_eq!(headers[DETAILS], good);
        }
    }
}
