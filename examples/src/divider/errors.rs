//! The errors of the divider service, declared once, Goa style: the errors
//! every method may return (service level), and those of each method
//! (method level), which inherit them.
//!
//! Every error is sent in Goa's `ErrorResult` body, as in Goa's own divider
//! design, but `divisor_too_large`, which is sent as a Goa custom error type
//! would be (`custom_body`): its fields at the top level, numbers as
//! numbers, its name in the `name` member.
//!
//! | name | level | HTTP | gRPC | flags |
//! | --- | --- | --- | --- | --- |
//! | `unauthenticated` | service | 401 | `Unauthenticated` | |
//! | `maintenance` | service | 503, `Retry-After: 30` | `Unavailable` | temporary |
//! | errdsl's [`RequestError`](errdsl::axum::RequestError)s (`invalid_field_type`, `missing_field`, `invalid_fields`, `decode_payload`, `missing_payload`, `unsupported_media_type`, `payload_too_large`, `not_found`, `method_not_allowed`, `route_mismatch`) | service, HTTP only | 400, 415, 413, 404, 405, 500 | | `route_mismatch`: fault |
//! | `div_by_zero` | service | 400 | `InvalidArgument` | |
//! | `timeout` | service | 504 | `DeadlineExceeded` | temporary, timeout |
//! | `has_remainder` | `integer_divide` | 417 | `FailedPrecondition` | |
//! | `overflow` | `integer_divide` | 500 | `Internal` | fault |
//! | `divisor_too_large` | `integer_divide` | 422 | `OutOfRange` | (Goa's custom-type body) |
//! | `not_finite` | `divide` | 400 | `OutOfRange` | |

use std::fmt;

errdsl::errors! {
    /// Errors every method of the divider service may return.
    #[service_error(service = "divider", domain = "divider.example.com", docs_url = "/errors/")]
    pub enum DividerError {
        /// The request carried credentials (an `authorization` header, or
        /// gRPC metadata) other than the demo token. A request without any
        /// is let in.
        #[error("the request's credentials are not the demo token")]
        #[service_error(grpc = Unauthenticated, user_msg = "Your credentials were not accepted.")]
        Unauthenticated,

        /// The service is down for maintenance; every call gets this answer
        /// while the server runs with `--maintenance`.
        #[error("the divider is in maintenance")]
        #[service_error(
            temporary,
            http = 503,
            retry_after_secs = 30,
            user_msg = "The divider is down for maintenance; try again in 30 seconds."
        )]
        Maintenance,

        /// A request errdsl's extractors or router fallbacks turn away: an
        /// operand that is not a number of the method's type
        /// (`invalid_field_type`), a JSON or form body that is broken or
        /// lacks an operand, an unknown path or method (HTTP only: gRPC and
        /// Connect operands are typed by the protobuf schema).
        #[error(transparent)]
        #[service_error(transparent)]
        Request(errdsl::axum::RequestError),

        /// The divisor was zero.
        #[error("cannot divide {dividend} by zero")]
        #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
        DivByZero {
            /// The number that was to be divided.
            #[service_error(wire)]
            dividend: f64,
        },

        /// The computation did not finish before the server's deadline.
        /// A dividend of [`SLOW_DIVIDEND`](super::SLOW_DIVIDEND) stands for
        /// a computation that never finishes, so this is reachable on
        /// purpose.
        #[error("the computation exceeded its deadline of {deadline_ms} ms")]
        #[service_error(
            temporary,
            timeout,
            user_msg = "The computation took longer than {deadline_ms} ms."
        )]
        Timeout {
            /// The deadline, in milliseconds.
            #[service_error(wire)]
            deadline_ms: u64,
        },
    }

    /// Errors of `divider.integer_divide`. Its Goa `method` names the gRPC
    /// message of its custom error type, `divider.IntegerDivideDivisorTooLargeError`
    /// (declared in `proto/divider.proto`).
    #[service_error(
        service = "divider",
        method = "integer_divide",
        domain = "divider.example.com",
        docs_url = "/errors/"
    )]
    pub enum IntegerDivideError: DividerError {
        /// The division is not exact: the divisor does not divide the
        /// dividend.
        ///
        /// # Internal
        ///
        /// Goa's example maps it to HTTP 417 (Expectation Failed); the
        /// standard table makes that `FailedPrecondition` on gRPC.
        #[error("{dividend} is not divisible by {divisor}: remainder {remainder}")]
        #[service_error(
            http = 417,
            user_msg = "{dividend} is not divisible by {divisor} (remainder {remainder})."
        )]
        HasRemainder {
            /// The dividend.
            #[service_error(wire)]
            dividend: i32,
            /// The divisor.
            #[service_error(wire)]
            divisor: i32,
            /// What is left over.
            #[service_error(wire)]
            remainder: i32,
        },

        /// The divisor is beyond [`MAX_DIVISOR`](super::MAX_DIVISOR) in
        /// absolute value: divide by a smaller number.
        ///
        /// # Internal
        ///
        /// Sent in Goa's custom-type body, as a Goa design with this user
        /// type would send it:
        ///
        /// ```go
        /// var DivisorTooLarge = Type("DivisorTooLarge", func() {
        ///     Attribute("name", String, func() { Meta("struct:error:name") })
        ///     Attribute("message", String)
        ///     Attribute("divisor", Int32)
        ///     Attribute("limit", Int32)
        ///     Required("name", "message", "divisor", "limit")
        /// })
        /// ```
        #[error("divisor {divisor} is beyond the limit of {limit}")]
        #[service_error(
            grpc = OutOfRange,
            http = 422,
            custom_body,
            name_member = "name",
            user_msg = "Divide by at most {limit} (in absolute value)."
        )]
        DivisorTooLarge {
            /// The divisor that was sent.
            #[service_error(wire)]
            divisor: i32,
            /// The largest divisor the service takes.
            #[service_error(wire)]
            limit: i32,
        },

        /// The quotient does not fit in 32 bits (`i32::MIN / -1`). A server
        /// fault: the worker's own report stays on the server; the client
        /// gets the error id to quote.
        #[error("integer division failed: {cause}")]
        #[service_error(fault)]
        Overflow {
            /// The worker's report, which names internal hosts.
            #[source]
            #[service_error(default)]
            cause: WorkerFault,
        },
    }

    /// Errors of `divider.divide`.
    #[service_error(service = "divider", domain = "divider.example.com", docs_url = "/errors/")]
    pub enum DivideError: DividerError {
        /// The quotient is not a finite number (it overflowed `f64`, or an
        /// operand was infinite or NaN); JSON cannot carry it.
        #[error("{dividend} / {divisor} is not a finite number")]
        #[service_error(grpc = OutOfRange, user_msg = "The result of {dividend} / {divisor} is out of range.")]
        NotFinite {
            /// The dividend.
            #[service_error(wire)]
            dividend: f64,
            /// The divisor.
            #[service_error(wire)]
            divisor: f64,
        },
    }
}

/// Every error the divider's methods return, each name once: the pages
/// its HTTP server serves under `/errors/`, where the `type` of each of its
/// problem+json responses (`docs_url = "/errors/"`) points.
pub fn catalog() -> Vec<errdsl::ErrorSpec> {
    use errdsl::Catalog;
    errdsl::docs::union(&[IntegerDivideError::ERRORS, DivideError::ERRORS])
}

/// An internal error of a division worker: what the server logs for an
/// [`IntegerDivideError::Overflow`] fault. Its text names internal hosts
/// (and, in this example, carries [`SECRET_MARKER`](super::SECRET_MARKER)
/// so that tests can prove it never reaches a client).
///
/// It is the fault's `#[service_error(default)]` field: it does not travel,
/// and a client decodes it as `WorkerFault::default()`, an empty report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkerFault {
    report: String,
}

impl WorkerFault {
    /// A worker report with this text.
    pub fn new(report: impl Into<String>) -> Self {
        Self { report: report.into() }
    }

    /// The report; empty on a client, where the fault was decoded.
    pub fn report(&self) -> &str {
        &self.report
    }
}

impl fmt::Display for WorkerFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.report.is_empty() {
            f.write_str("worker fault (report withheld)")
        } else {
            f.write_str(&self.report)
        }
    }
}

impl std::error::Error for WorkerFault {}
