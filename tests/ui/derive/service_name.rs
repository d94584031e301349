// A service is named as Goa names services: no spaces.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider service")]
enum E {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid,
}

fn main() {}
