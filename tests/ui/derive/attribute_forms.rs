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
    #[error("colon")]
    #[service_error(http: 404)]
    Colon,
    #[error("two values")]
    #[service_error(http = 404 500)]
    TwoValues,
    #[error("a string")]
    #[service_error("http = 404")]
    AString,
}
fn main() {}
