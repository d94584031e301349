#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("something happened")]
    Something,
    #[error("with a message")]
    #[service_error(user_msg = "Oops.")]
    WithMessage,
}
fn main() {}
