// The derive's checks run on errors! declarations too, all in one pass, and
// the enums stay usable while the user fixes them.
use errdsl::ServiceError;

errdsl::errors! {
    #[service_error(servce = "divider")]
    pub enum DivideError {
        #[error("cannot divide {dividend} by zero")]
        #[service_error(grpc = InvalidArgumen)]
        DivByZero { dividend: i64 },
        #[error("slow")]
        #[service_error(timeout, http = 503)]
        Slow,
        #[error("nothing")]
        Nothing,
    }
}

fn main() {
    let err = DivideError::DivByZero { dividend: 1 };
    let _ = err.name();
    let _ = err.to_string();
}
