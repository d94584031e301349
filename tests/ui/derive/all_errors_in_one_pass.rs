// Every mistake is reported at once, and the type stays usable: the calls in
// `main` produce no further errors.
use errdsl::{Catalog, ServiceError};

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider")]
enum DivideError {
    #[error("cannot divide {dividend} by zero")]
    #[service_error(grpc = InvalidArgumen, user_msg = "You can't divide {dividnd} by zero.")]
    DivByZero { dividend: i64 },
    #[error("maintenance")]
    #[service_error(temporary, http = 404)]
    Maintenance,
    #[error("slow")]
    Slow,
    #[error("storage")]
    #[service_error(classify)]
    Storage,
}

fn main() {
    let err = DivideError::div_by_zero(1);
    let _ = err.name();
    let _ = DivideError::maintenance().code();
    let _ = DivideError::ERRORS;
}
