#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(servce = "divider")]
enum E {
    #[error("x")]
    #[service_error(http = 404)]
    Lost,
}
fn main() {}
