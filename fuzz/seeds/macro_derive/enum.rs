#[service_error(service = "divider")]
pub enum DivideError<T: Send> where T: Sync {
    /// The divisor was zero.
    #[error("cannot divide {dividend} by zero")]
    #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend:>4} by zero.")]
    DivByZero { #[service_error(wire)] dividend: i64 },
    #[error("divider is in maintenance")]
    #[service_error(temporary, http = 503, retry_after_secs = 30, name = "maint")]
    Maintenance,
    #[error("storage broke")]
    #[service_error(classify)]
    Storage(#[source] std::io::Error),
    #[service_error(transparent)]
    Auth(AuthError<T>),
    #[service_error(timeout, fault)]
    Slow(#[service_error(default)] u64),
}
