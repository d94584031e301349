//! `#[service_error(no_transport_impls)]`: the user writes `IntoResponse`
//! and `From<_> for tonic::Status` (which would otherwise clash with
//! errdsl's, see `ui/derive/hand_impl_clash.rs`), e.g. to add a header.

use axum::response::IntoResponse;
use errdsl::ServiceError;

#[derive(Debug, thiserror::Error, ServiceError)]
#[service_error(no_transport_impls)]
pub enum ShelfError {
    #[error("no such shelf")]
    #[service_error(http = 404)]
    NoSuchShelf,
}

impl IntoResponse for ShelfError {
    fn into_response(self) -> axum::response::Response {
        let mut response = errdsl::axum::error_response(&self);
        response.headers_mut().insert("x-shelf", http::HeaderValue::from_static("gone"));
        response
    }
}

impl From<ShelfError> for tonic::Status {
    fn from(err: ShelfError) -> Self {
        let mut status = errdsl::grpc::to_status(&err);
        status.metadata_mut().insert("x-shelf", tonic::metadata::MetadataValue::from_static("gone"));
        status
    }
}

errdsl::errors! {
    #[service_error(no_transport_impls)]
    pub enum BookError {
        #[error("no such book")]
        #[service_error(http = 404)]
        NoSuchBook,
    }
}

impl From<BookError> for tonic::Status {
    fn from(err: BookError) -> Self {
        tonic::Status::not_found(format!("hand-written: {err}"))
    }
}

#[test]
fn hand_written_transport_impls_are_the_ones_used() {
    let response = ShelfError::no_such_shelf().into_response();
    assert_eq!(response.status(), http::StatusCode::NOT_FOUND);
    assert_eq!(response.headers()["x-shelf"], "gone");

    let status = tonic::Status::from(ShelfError::no_such_shelf());
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.metadata().get("x-shelf").and_then(|v| v.to_str().ok()), Some("gone"));
    // Still errdsl's status otherwise: the details decode back.
    assert_eq!(errdsl::ErrorResult::from_grpc_status(&status).name(), "no_such_shelf");

    let status = tonic::Status::from(BookError::no_such_book());
    assert_eq!(status.message(), "hand-written: no such book");
}
