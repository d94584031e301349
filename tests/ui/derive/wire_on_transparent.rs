#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum Inner {
    #[error("x")]
    #[service_error(http = 400)]
    Lost,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum Outer {
    #[error(transparent)]
    #[service_error(transparent)]
    Inner(#[service_error(wire)] Inner),
}
fn main() {}
