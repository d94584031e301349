//! The errors of a client of another HTTP API, as HTTP client crates
//! declare them with thiserror: the status as a `code`, the upstream's name
//! as a `service`.

/// What can go wrong calling the upstream API.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The upstream answered with an error status.
    #[error("HTTP {code} from {url}")]
    Status {
        /// The HTTP status the upstream answered.
        code: u16,
        /// The URL called, with its internal host.
        url: String,
    },

    /// The upstream did not answer in time.
    #[error("request to {url} timed out")]
    Timeout {
        /// The URL called.
        url: String,
    },

    /// The upstream asks us to slow down.
    #[error("rate limited by {service}; retry in {retry_after} s")]
    RateLimited {
        /// The upstream service.
        service: String,
        /// The seconds it asks us to wait.
        retry_after: u64,
    },

    /// The upstream's answer is not the JSON it documents.
    #[error("invalid response body")]
    Decode(#[from] serde_json::Error),
}
