// Numbers as other code writes them: an axum `StatusCode`, hex, a
// negative or fractional delay; and `OK`, which is no error. (A suffix,
// `http = 404u16`, is accepted: `quote!` writes numbers so.)
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("a")]
    #[service_error(http = StatusCode::NOT_FOUND)]
    A,
    #[error("c")]
    #[service_error(http = 0x194)]
    C,
    #[error("d")]
    #[service_error(temporary, retry_after_secs = -1)]
    D,
    #[error("e")]
    #[service_error(temporary, retry_after_secs = 1.5)]
    E,
    #[error("f")]
    #[service_error(grpc = Ok)]
    F,
}

fn main() {}
