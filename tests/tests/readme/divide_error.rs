#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider")]
pub enum DivideError {
    /// The divisor was zero.
    #[error("cannot divide {dividend} by zero")]
    #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
    DivByZero { dividend: i64 },

    /// The service is down for maintenance.
    #[error("divider is in maintenance")]
    #[service_error(temporary, http = 503, retry_after_secs = 30)]
    Maintenance,

    /// The result store failed.
    #[error("result store failed on shard {shard}")]
    #[service_error(fault)]
    Store { shard: u32 },
}
