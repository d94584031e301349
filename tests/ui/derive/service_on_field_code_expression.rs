#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[error("no user {id}")]
#[service_error(http = 404)]
struct UserNotFound {
    #[service_error(service = "users")]
    id: u64,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(grpc = 1 + 2)]
    X,
}
fn main() {}
