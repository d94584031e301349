#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(grpc = "NotFound")]
    X,
}
fn main() {}
