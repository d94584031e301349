#[service_error(export)]
pub enum ApiError {
    #[error("authentication required")]
    #[service_error(grpc = Unauthenticated)]
    Unauthorized,
    #[error("{0}")]
    #[service_error(http = 400, user_msg = "Bad request: {0}.")]
    BadRequest(#[service_error(wire)] String),
}
#[service_error(service = "divider")]
pub enum DividerError: ApiError {
    #[error("divider is in maintenance {0}")]
    #[service_error(temporary, http = 503, retry_after_secs = 30)]
    Maintenance(#[from] std::io::Error),
}
pub enum DivideError: DividerError {
    #[error("cannot divide {dividend} by zero")]
    #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
    DivByZero { dividend: i64 },
}
pub enum Other: ::api_errors::ApiError {}
