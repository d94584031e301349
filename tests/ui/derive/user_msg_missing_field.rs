#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400, user_msg = "You can't divide {dividnd} by zero.")]
    DivByZero { dividend: i64 },
    #[error("y")]
    #[service_error(http = 400, user_msg = "Value {1} is bad.")]
    Bad(i64),
    #[error("z")]
    #[service_error(http = 400, user_msg = "Value {0} is bad.")]
    Named { value: i64 },
    #[error("w")]
    #[service_error(http = 400, user_msg = "Value {value} is bad.")]
    Unit,
}
fn main() {}
