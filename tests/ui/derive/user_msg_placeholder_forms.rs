// Every placeholder mistake a message can hold, each named on its literal.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("a")]
    #[service_error(http = 400, user_msg = "Value {value} is bad.")]
    Tuple(i64),
    #[error("b")]
    #[service_error(http = 400, user_msg = "Value {a-b} is bad.")]
    NotAName { a: i64 },
    #[error("c")]
    #[service_error(http = 400, user_msg = "Value {a:1$} is bad.")]
    Width { a: i64 },
    #[error("d")]
    #[service_error(http = 400, user_msg = "Value {99999999999999999999999} is bad.")]
    HugeIndex(i64),
    #[error("e")]
    #[service_error(http = 400, user_msg = "Value {zzz} is bad.")]
    NoCloseField { amount: i64, total: i64 },
    #[error("f")]
    #[service_error(http = 400, user_msg = "Value } is bad.")]
    Unmatched,
}
fn main() {}
