// `#[service_error]` takes its keys in parentheses.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error]
    X,
    #[error("y")]
    #[service_error = "http = 404"]
    Y,
    #[error("z")]
    #[service_error(http = )]
    Z,
}
fn main() {}
