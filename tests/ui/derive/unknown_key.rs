#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(grpx = NotFound)]
    X,
}
fn main() {}
