errdsl::errors! {
    pub enum DivideError {
        #[error("cannot divide {dividnd} by zero")]
        #[service_error(grpc = InvalidArgument)]
        DivByZero { dividend: i64 },
        #[error("bad value {1}")]
        #[service_error(grpc = InvalidArgument)]
        Bad(i64),
    }
}
fn main() {}
