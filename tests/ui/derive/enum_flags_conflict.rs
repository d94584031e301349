// Keys on the enum apply to every variant: a variant's own mapping must agree.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(temporary)]
enum E {
    #[error("not found")]
    #[service_error(http = 404)]
    NotFound,
    #[error("busy")]
    #[service_error(http = 503)]
    Busy,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(fault)]
enum F {
    #[error("bad input")]
    #[service_error(http = 400)]
    BadInput,
}
fn main() {}
