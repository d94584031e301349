#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("storage failed: {0}")]
    #[service_error(classify)]
    Storage(String),
}
fn main() {}
