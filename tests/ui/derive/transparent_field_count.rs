#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum Inner {
    #[error("x")]
    #[service_error(fault)]
    Lost,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("two")]
    #[service_error(transparent)]
    Two(Inner, Inner),
    #[error("none")]
    #[service_error(transparent)]
    None,
}
fn main() {}
