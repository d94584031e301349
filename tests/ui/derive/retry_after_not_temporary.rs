#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 503, retry_after_secs = 30)]
    Maintenance,
}
fn main() {}
