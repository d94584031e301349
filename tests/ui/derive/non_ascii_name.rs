#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("too long")]
    #[service_error(http = 400)]
    Überlänge,
}
fn main() {}
