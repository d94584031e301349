#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400)]
    Bad { error_name: String },
}
fn main() {}
