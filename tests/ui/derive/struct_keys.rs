// A struct is one error: it has no variants to delegate or children.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[error("x")]
#[service_error(transparent)]
struct Transparent(std::io::Error);
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[error("y")]
#[service_error(http = 400, export)]
struct Exported;
fn main() {}
