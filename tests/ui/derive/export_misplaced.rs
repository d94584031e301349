#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(export)]
enum Derived {
    #[error("x")]
    #[service_error(http = 400, export)]
    X,
}
fn main() {}
