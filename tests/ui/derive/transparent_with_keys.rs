#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum Inner {
    #[error("x")]
    #[service_error(fault)]
    Lost,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error(transparent)]
    #[service_error(transparent, grpc = Internal, name = "inner")]
    Inner(Inner),
}
fn main() {}
