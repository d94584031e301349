#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(timeout, grpc = Unavailable)]
    Slow,
}
fn main() {}
