// A service error is a `std::error::Error`: derive `Debug` and
// `thiserror::Error` (or write them) beside `ServiceError`.
#[derive(errdsl::ServiceError)]
enum NoDebugNoError {
    #[service_error(http = 400)]
    BadInput,
}
#[derive(Debug, errdsl::ServiceError)]
enum NoError {
    #[service_error(http = 400)]
    BadInput,
}
fn main() {}
