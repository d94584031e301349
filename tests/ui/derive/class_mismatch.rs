#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(grpc = Internal, http = 404)]
    ServerCodeClientStatus,
    #[error("y")]
    #[service_error(grpc = NotFound, http = 503)]
    ClientCodeServerStatus,
}
fn main() {}
