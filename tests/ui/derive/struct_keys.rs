// A struct is one error: it may be `transparent` over an error errdsl
// declares (not over `std::io::Error`), and it has no children to `export` to.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[error("x")]
#[service_error(transparent)]
struct Transparent(std::io::Error);
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[error("y")]
#[service_error(http = 400, export)]
struct Exported;
fn main() {}
