#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error(transparent)]
    #[service_error(transparent)]
    Io(std::io::Error),
}
fn main() {}
