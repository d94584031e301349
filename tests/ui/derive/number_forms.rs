// Numbers as other code writes them: an axum `StatusCode`, a suffix, hex,
// a negative or fractional delay; and `OK`, which is no error.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("a")]
    #[service_error(http = StatusCode::NOT_FOUND)]
    A,
    #[error("b")]
    #[service_error(http = 404u16)]
    B,
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
