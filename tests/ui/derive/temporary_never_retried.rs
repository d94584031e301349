#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(temporary, grpc = InvalidArgument)]
    Bad,
    #[error("y")]
    #[service_error(temporary, http = 404)]
    Gone,
}
fn main() {}
