#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400, user_msg = "Unclosed {dividend")]
    Unclosed { dividend: i64 },
    #[error("y")]
    #[service_error(http = 400, user_msg = "Empty {} placeholder.")]
    Empty(i64),
}
fn main() {}
