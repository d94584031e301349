#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 70000)]
    Big,
    #[error("y")]
    #[service_error(http = not_a_number)]
    Text,
    #[error("z")]
    #[service_error(http = 99999999999999999999999)]
    Huge,
}
fn main() {}
