//! [`Classification`]: what errdsl can tell about an error it did not
//! declare, and the one table of when a failed call may be tried again
//! (Google's AIP-194, by code) that [`classify`](crate::classify), the gRPC
//! and HTTP decoders and the database rules share.

use crate::model::code::Code;
use crate::model::service_error::ServiceError;
use http::StatusCode;

/// What errdsl can tell about an error it did not declare.
///
/// ```
/// use errdsl::{Classification, Code};
///
/// assert_eq!(Classification::UNKNOWN, Classification::new(Code::Unknown, false, false));
/// let class = Classification::new(Code::Unavailable, true, false);
/// assert!(class.temporary && !class.timeout);
/// ```
///
/// It is `#[non_exhaustive]`, so that later versions can tell more (a
/// database error's category, say) without breaking code that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Classification {
    /// The gRPC code that fits the error best.
    pub code: Code,
    /// Whether the failed operation may succeed if tried again as it is.
    pub temporary: bool,
    /// Whether the error is a timeout.
    pub timeout: bool,
}

impl Classification {
    /// A classification with this code and flags.
    #[must_use]
    pub const fn new(code: Code, temporary: bool, timeout: bool) -> Self {
        Classification { code, temporary, timeout }
    }

    /// The classification of an error nothing is known about: `Unknown`,
    /// neither temporary nor a timeout.
    pub const UNKNOWN: Classification = Classification::permanent(Code::Unknown);

    /// A permanent error with this code: retrying it as it is fails again.
    pub(crate) const fn permanent(code: Code) -> Self {
        Classification { code, temporary: false, timeout: false }
    }

    /// A temporary error with this code: retrying it may succeed.
    pub(crate) const fn temporary(code: Code) -> Self {
        Classification { code, temporary: true, timeout: false }
    }

    /// A timeout: `DeadlineExceeded`, retried only by idempotent calls
    /// (AIP-194): the call may have taken effect before time ran out.
    pub(crate) const TIMEOUT: Classification =
        Classification { code: Code::DeadlineExceeded, temporary: false, timeout: true };

    /// The text a client may see for an error classified so: its code's
    /// [generic message](Code::user_message), or `None` for a fault (a
    /// server-side code), whose wire text is the fault's and its id. Never
    /// the classified error's own text, which is internal.
    ///
    /// ```
    /// use errdsl::{Code, classify};
    ///
    /// let missing = std::io::Error::new(std::io::ErrorKind::NotFound, "/etc/shop/secrets.toml");
    /// assert_eq!(classify(&missing).code, Code::NotFound);
    /// assert_eq!(classify(&missing).user_message(), Some("the requested resource was not found"));
    ///
    /// let broken = std::io::Error::other("disk on fire");
    /// assert_eq!(classify(&broken).user_message(), None);
    /// ```
    #[must_use]
    pub const fn user_message(self) -> Option<&'static str> {
        if self.code.is_server_side() { None } else { Some(self.code.user_message()) }
    }

    /// Whether the classification says something: anything but a plain
    /// [`UNKNOWN`](Classification::UNKNOWN).
    pub(crate) const fn is_informative(self) -> bool {
        !matches!(self, Classification { code: Code::Unknown, temporary: false, timeout: false })
    }

    /// The classification a declared error gives itself: its code and flags.
    ///
    /// [`classify`](crate::classify) sees a declared error only through `dyn Error`, where
    /// only [`ErrorResult`](crate::ErrorResult) can be recognised (see [`classify`](crate::classify) on declared
    /// types); with the type in hand, this asks it directly.
    ///
    /// ```
    /// use errdsl::{Classification, Code, ServiceError};
    ///
    /// #[derive(Debug, thiserror::Error, ServiceError)]
    /// pub enum StoreError {
    ///     #[error("store is in maintenance")]
    ///     #[service_error(temporary, http = 503)]
    ///     Maintenance,
    /// }
    ///
    /// let class = Classification::of(&StoreError::maintenance());
    /// assert_eq!(class, Classification::new(Code::Unavailable, true, false));
    /// ```
    #[must_use]
    pub fn of<E: ServiceError + ?Sized>(err: &E) -> Self {
        Classification { code: err.code(), temporary: err.is_temporary(), timeout: err.is_timeout() }
    }

    /// The classification of an HTTP response status whose body said
    /// nothing: its code ([`Code::from_http_status`]) by
    /// [`from_code`](Classification::from_code), without a known retry
    /// delay: 502 and 503 are temporary, 408 and 504 are timeouts (retried
    /// only by idempotent calls), any other 4xx or 5xx (429 too: see
    /// `from_code` for it with a `Retry-After`) is permanent. A status that
    /// is no error (1xx, 2xx, 3xx) is [`UNKNOWN`](Classification::UNKNOWN).
    ///
    /// ```
    /// use errdsl::{Classification, Code};
    /// use http::StatusCode;
    ///
    /// let class = Classification::from_http_status(StatusCode::SERVICE_UNAVAILABLE);
    /// assert_eq!(class, Classification::new(Code::Unavailable, true, false));
    /// let class = Classification::from_http_status(StatusCode::GATEWAY_TIMEOUT);
    /// assert!(class.timeout && !class.temporary);
    /// let class = Classification::from_http_status(StatusCode::NOT_FOUND);
    /// assert_eq!(class, Classification::new(Code::NotFound, false, false));
    /// assert_eq!(Classification::from_http_status(StatusCode::OK), Classification::UNKNOWN);
    /// ```
    #[must_use]
    pub fn from_http_status(status: StatusCode) -> Self {
        http_status(status).unwrap_or(Classification::UNKNOWN)
    }
}

/// When a call that failed may be tried again, for an error whose server
/// did not say: Google's AIP-194, by code. A server's declared flags always
/// win over this table; it serves the decoders (gRPC statuses and HTTP
/// responses without flags) and [`classify`](crate::classify).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RetryRule {
    /// Retry: the call did not happen (`Unavailable`).
    Always,
    /// A timeout: the call may or may not have taken effect, so only an
    /// idempotent call is retried (`DeadlineExceeded`).
    IfIdempotent,
    /// Retry only after the delay the server asked for: without one a
    /// retry adds to the load that caused the error (`ResourceExhausted`).
    AfterRetryDelay,
    /// Not at the call level: the client retries a whole transaction
    /// (`Aborted`), or nothing at all (every other code).
    Never,
}

/// The codes [`RetryRule`] retries in some case, as documented on
/// [`classify`](crate::classify); any other code is [`RetryRule::Never`].
pub(crate) const RETRY_RULES: &[(Code, RetryRule)] = &[
    (Code::Unavailable, RetryRule::Always),
    (Code::DeadlineExceeded, RetryRule::IfIdempotent),
    (Code::ResourceExhausted, RetryRule::AfterRetryDelay),
    (Code::Aborted, RetryRule::Never),
];

impl RetryRule {
    pub(crate) fn of(code: Code) -> RetryRule {
        RETRY_RULES.iter().find(|(c, _)| *c == code).map_or(RetryRule::Never, |&(_, rule)| rule)
    }
}

impl Classification {
    /// The classification of an error known only by its code, by Google's
    /// AIP-194 (the table on [`classify`](crate::classify)): `Unavailable` is temporary;
    /// `DeadlineExceeded` is a timeout, which only an idempotent call
    /// retries ([`retry::is_retryable`](crate::retry::is_retryable));
    /// `ResourceExhausted` is temporary when the server said how long to
    /// wait (`retry_delay_known`: a `RetryInfo` or `Retry-After`); every
    /// other code, `Aborted` included, is permanent.
    ///
    /// ```
    /// use errdsl::{Classification, Code};
    ///
    /// assert!(Classification::from_code(Code::Unavailable, false).temporary);
    /// let deadline = Classification::from_code(Code::DeadlineExceeded, false);
    /// assert!(deadline.timeout && !deadline.temporary);
    /// assert!(!Classification::from_code(Code::ResourceExhausted, false).temporary);
    /// assert!(Classification::from_code(Code::ResourceExhausted, true).temporary);
    /// assert!(!Classification::from_code(Code::Aborted, true).temporary);
    /// ```
    #[must_use]
    pub fn from_code(code: Code, retry_delay_known: bool) -> Classification {
        match RetryRule::of(code) {
            RetryRule::Always => Classification::temporary(code),
            RetryRule::IfIdempotent => Classification { code, temporary: false, timeout: true },
            RetryRule::AfterRetryDelay => {
                Classification { code, temporary: retry_delay_known, timeout: false }
            }
            RetryRule::Never => Classification::permanent(code),
        }
    }
}

/// An HTTP error status (4xx, 5xx) by its code ([`Code::from_http_status`])
/// and [`RETRY_RULES`]; `None` for any other status.
pub(crate) fn http_status(status: StatusCode) -> Option<Classification> {
    (status.is_client_error() || status.is_server_error())
        .then(|| Classification::from_code(Code::from_http_status(status), false))
}
