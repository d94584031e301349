// gRPC clients compare reasons without regard to case, so two wire names
// of one type may not differ only in case.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400)]
    DivByZero,
    #[error("y")]
    #[service_error(http = 400, name = "DIV_BY_ZERO")]
    Shouting,
}

fn main() {}
