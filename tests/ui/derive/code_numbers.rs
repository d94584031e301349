#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("ok")]
    #[service_error(grpc = 0)]
    Okay,
    #[error("seventeen")]
    #[service_error(grpc = 17)]
    Seventeen,
}
fn main() {}
