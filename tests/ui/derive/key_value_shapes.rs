// Each key's value has one shape; every mistake says what to write instead.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = divider)]
enum E {
    #[error("a")]
    #[service_error(http = 503, temporary = true, name = not_found)]
    A,
    #[error("b")]
    #[service_error(http = "404", user_msg = Oops)]
    B,
    #[error("c")]
    #[service_error(grpc = "NotFound", retry_after_secs = "30", temporary)]
    C,
    #[error("d")]
    #[service_error(http = NotFound, fault(yes))]
    D,
    #[error("e")]
    #[service_error(grpc, http = 503, temporary, retry_after_secs = 99999999999999999999999)]
    E,
}
fn main() {}
