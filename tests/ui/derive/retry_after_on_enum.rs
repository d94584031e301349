// `retry_after_secs` on the enum is a default of its variants: one that is
// not temporary is told once, on the key.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(retry_after_secs = 30)]
enum E {
    #[error("a")]
    #[service_error(http = 400)]
    A,
    #[error("b")]
    #[service_error(http = 404)]
    B,
}

fn main() {}
