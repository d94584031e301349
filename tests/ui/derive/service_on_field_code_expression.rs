#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[error("no user {user_id}")]
#[service_error(http = 404)]
struct UserNotFound {
    #[service_error(service = "users")]
    user_id: u64,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(grpc = 1 + 2)]
    Lost,
}
fn main() {}
