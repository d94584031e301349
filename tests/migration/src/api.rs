//! The errors of a client of another HTTP API, as HTTP client crates
//! declare them with thiserror: the status as a `code`, the upstream's name
//! as a `service`.

/// What can go wrong calling the upstream API.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "orders")]
pub enum ApiError {
    /// The upstream answered with an error status.
    #[error("HTTP {code} from {url}")]
    #[service_error(grpc = Unavailable, temporary, user_msg = "The payment service answered {code}.")]
    Status {
        /// The HTTP status the upstream answered.
        #[service_error(wire, name = "upstream_status")]
        code: u16,
        /// The URL called, with its internal host.
        #[service_error(default)]
        url: String,
    },

    /// The upstream did not answer in time.
    #[error("request to {url} timed out")]
    #[service_error(timeout, user_msg = "The payment service did not answer in time.")]
    Timeout {
        /// The URL called.
        #[service_error(default)]
        url: String,
    },

    /// The upstream asks us to slow down.
    #[error("rate limited by {service}; retry in {retry_after} s")]
    #[service_error(grpc = ResourceExhausted, temporary, retry_after_secs = 30)]
    RateLimited {
        /// The upstream service.
        #[service_error(wire)]
        service: String,
        /// The seconds it asks us to wait.
        #[service_error(wire)]
        retry_after: u64,
    },

    /// The upstream's answer is not the JSON it documents.
    #[error("invalid response body")]
    #[service_error(fault)]
    Decode(#[from] serde_json::Error),
}
