#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400, http = 404)]
    Same,
    #[error("y")]
    #[service_error(grpc = NotFound)]
    #[service_error(grpc = InvalidArgument)]
    Split,
}
fn main() {}
