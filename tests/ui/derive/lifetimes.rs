// A service error is `'static`: it outlives the request that made it.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E<'a> {
    #[error("no user {0}")]
    #[service_error(http = 404)]
    NoUser(&'a str),
}
fn main() {}
