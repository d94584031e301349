#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400, name = "not found")]
    NotFound,
    #[error("y")]
    #[service_error(http = 400, name = "")]
    Empty,
}
fn main() {}
