// The derive writes `From<E> for tonic::Status` and axum's `IntoResponse`,
// and a constructor per variant; a hand-written one clashes. The way out:
// `#[service_error(no_transport_impls)]` leaves both impls to you
// (tests/own_transport_impls.rs); rename a function a constructor is named like.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("not found")]
    #[service_error(http = 404)]
    NotFound,
}
impl From<E> for tonic::Status {
    fn from(_: E) -> Self {
        tonic::Status::not_found("")
    }
}
impl axum::response::IntoResponse for E {
    fn into_response(self) -> axum::response::Response {
        axum::http::StatusCode::NOT_FOUND.into_response()
    }
}
impl E {
    fn not_found() -> Self {
        E::NotFound
    }
}
fn main() {}
