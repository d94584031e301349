#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 404)]
    NotFound,
    #[error("y")]
    #[service_error(http = 404, name = "not_found")]
    Missing,
}
fn main() {}
