#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(grpc = InvalidArgumen)]
    Typo,
    #[error("y")]
    #[service_error(grpc = Teapot)]
    Unknown,
}
fn main() {}
