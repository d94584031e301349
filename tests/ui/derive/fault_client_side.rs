#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(fault, http = 404)]
    Missing,
}
fn main() {}
