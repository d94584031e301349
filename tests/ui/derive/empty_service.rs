#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "")]
enum E {
    #[error("x")]
    #[service_error(http = 400)]
    Lost,
}
fn main() {}
