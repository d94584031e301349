#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("storage failed")]
    #[service_error(classify, grpc = Unavailable, temporary)]
    Storage(#[source] std::io::Error),
}
fn main() {}
