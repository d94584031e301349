//! Test-only package of errdsl: see `tests/` beside this file.
//!
//! The README's examples run as doctests of this crate.
//!
//! [`no_transport_deps`] declares errors in a crate (this library) that
//! depends on errdsl alone: neither axum nor tonic is among its own
//! dependencies, yet with errdsl's `axum` and `tonic` features on, its
//! types answer HTTP and gRPC (`tests/transport_impls.rs` checks).

#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// An error sent by every transport and decoded back, with the transport's
/// name: Goa's body, problem+json, a `tonic::Status`, a `ConnectError`.
#[cfg(feature = "transports")]
pub fn through_every_transport<E: errdsl::ServiceError>(err: &E) -> Vec<(&'static str, errdsl::ErrorResult)> {
    use errdsl::ErrorResult;
    use errdsl::http::{self, BodyFormat};
    let mut decoded = Vec::new();
    for (name, format) in [("goa", BodyFormat::Goa), ("problem", BodyFormat::Problem)] {
        let response = http::response(err, format);
        decoded.push((
            name,
            ErrorResult::from_http_response(response.status(), response.headers(), response.body()),
        ));
    }
    decoded.push(("grpc", ErrorResult::from_grpc_status(&errdsl::grpc::to_status(err))));
    decoded.push(("connect", ErrorResult::from_connect_error(&errdsl::connect::to_connect_error(err))));
    decoded
}

/// Errors declared without axum or tonic in scope.
pub mod no_transport_deps {
    errdsl::errors! {
        /// Errors of a service.
        #[service_error(service = "plain")]
        pub enum PlainError {
            /// The thing is missing.
            #[error("no thing {thing_id}")]
            #[service_error(http = 404, user_msg = "No thing {thing_id}.")]
            Missing {
                /// Which thing.
                #[service_error(wire)]
                thing_id: u32,
            },
            /// Try later.
            #[error("busy")]
            #[service_error(temporary, retry_after_secs = 3)]
            Busy,
        }
    }

    /// A derived error, generic, also without axum or tonic in scope.
    #[derive(Debug, thiserror::Error, errdsl::ServiceError)]
    pub enum GenericError<T: std::fmt::Debug + std::fmt::Display + Send + Sync + 'static> {
        /// Wraps a value.
        #[error("bad value {0}")]
        #[service_error(grpc = InvalidArgument)]
        Bad(T),
    }
}
