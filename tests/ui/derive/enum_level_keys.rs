#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(name = "e", user_msg = "Oops.", transparent)]
enum E {
    #[error("x")]
    #[service_error(http = 400)]
    Lost,
}
fn main() {}
