//! Retries that retry exactly what is temporary, with the ecosystem's retry
//! crates rather than a backoff engine of errdsl's own:
//!
//! - [`Classify`]: what a retry loop asks an error (its [`Classification`]
//!   and the server's `Retry-After`), for every declared error, for
//!   [`ErrorResult`], and through [`classify`](crate::classify) for `std::io::Error`, boxed
//!   errors and the foreign errors `classify` knows;
//! - [`is_temporary`]: the predicate, for `backon`'s `Retry::when`;
//! - [`honour_retry_after`]: the `Retry-After` of an error as the minimum
//!   next delay, for `backon`'s `Retry::adjust`;
//! - [`with_backon`] (feature `backon`): both at once;
//! - [`TemporaryPolicy`] (feature `tower`): a `tower::retry::Policy` that
//!   retries exactly what is temporary, bounded in attempts and total delay.
//!
//! Permanent errors are returned at once, on the first attempt. Attempts are
//! bounded (by the backoff builder with `backon`, by
//! [`TemporaryPolicy::new`]'s `max_attempts` with tower), and so is the time
//! spent waiting: a server's `Retry-After` is honoured up to
//! [`MAX_RETRY_AFTER`]; asking for longer ends the retries (the error is
//! returned) rather than hanging the caller.
//!
//! ```
//! use std::io;
//! use errdsl::retry::{self, Classify};
//!
//! assert!(retry::is_temporary(&io::Error::from(io::ErrorKind::ConnectionReset)));
//! assert!(!retry::is_temporary(&io::Error::from(io::ErrorKind::PermissionDenied)));
//!
//! let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(io::Error::from(io::ErrorKind::TimedOut));
//! assert!(boxed.classification().timeout);
//! ```

#[cfg(test)]
mod tests;

use std::error::Error;
use std::time::Duration;

use crate::{Classification, ErrorResult, ServiceError};

/// The longest `Retry-After` the helpers of this module wait for: one
/// minute. An error asking for more ends the retries; a caller that waits
/// that long should decide so itself ([`honour_retry_after_up_to`],
/// [`TemporaryPolicy::with_max_retry_after`]).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// What a retry loop asks an error: whether to retry it, and how long the
/// server asked to wait first.
///
/// Implemented for every declared error (every [`ServiceError`], which
/// answers for itself: [`Classification::of`] and
/// [`ServiceError::retry_after`]), and, through [`classify`](crate::classify),
/// for `std::io::Error`, `dyn Error` and boxed errors, and the foreign
/// errors `classify` knows under their features (`tonic::Status`,
/// `reqwest::Error`, `serde_json::Error`, `tokio::time::error::Elapsed`).
/// Through `classify`, the `Retry-After` is that of the error `classify`
/// goes by, when it is an [`ErrorResult`] or (feature `tonic`) a
/// `tonic::Status` carrying `RetryInfo`; a `tonic::Status` from an errdsl
/// server is read as [`ErrorResult::from_grpc_status`] reads it, so its
/// declared flags count, not only its code.
///
/// The method names differ from [`ServiceError`]'s, so that both traits can
/// be in scope.
///
/// ```
/// use std::time::Duration;
/// use errdsl::retry::Classify;
/// use errdsl::{Code, ErrorResult};
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable)
///     .temporary(true)
///     .retry_after(Duration::from_secs(5))
///     .build();
/// assert!(err.classification().temporary);
/// assert_eq!(err.min_retry_delay(), Some(Duration::from_secs(5)));
///
/// // Wrapped in a foreign error, it is found by walking the chain.
/// let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(std::io::Error::other(err));
/// assert_eq!(boxed.min_retry_delay(), Some(Duration::from_secs(5)));
/// ```
pub trait Classify {
    /// The error's code and flags; `temporary` decides whether it is retried.
    fn classification(&self) -> Classification;

    /// How long the server asked to wait before the next attempt, if it did.
    fn min_retry_delay(&self) -> Option<Duration> {
        None
    }
}

impl<E: ServiceError + ?Sized> Classify for E {
    fn classification(&self) -> Classification {
        Classification::of(self)
    }

    fn min_retry_delay(&self) -> Option<Duration> {
        self.retry_after()
    }
}

/// The classification of an error's chain, and the `Retry-After` of the
/// error it goes by.
fn of_chain(err: &(dyn Error + 'static)) -> (Classification, Option<Duration>) {
    let Some((found, class)) = crate::classify::recognised(err) else {
        return (Classification::UNKNOWN, None);
    };
    if let Some(result) = found.downcast_ref::<ErrorResult>() {
        return (class, result.retry_after());
    }
    #[cfg(feature = "tonic")]
    if let Some(status) = found.downcast_ref::<tonic::Status>() {
        let result = ErrorResult::from_grpc_status(status);
        return (Classification::of(&result), result.retry_after());
    }
    (class, None)
}

/// `Classify` through [`classify`](crate::classify), for error types that
/// are not declared: `$as_dyn` turns `self` into the `dyn Error` to walk.
macro_rules! through_classify {
    ($($(#[$attr:meta])* $ty:ty => |$this:ident| $as_dyn:expr,)*) => {$(
        $(#[$attr])*
        impl Classify for $ty {
            fn classification(&self) -> Classification {
                let $this = self;
                of_chain($as_dyn).0
            }

            fn min_retry_delay(&self) -> Option<Duration> {
                let $this = self;
                of_chain($as_dyn).1
            }
        }
    )*};
}

through_classify! {
    dyn Error + 'static => |err| err,
    dyn Error + Send + 'static => |err| err,
    dyn Error + Send + Sync + 'static => |err| err,
    Box<dyn Error + 'static> => |err| &**err,
    Box<dyn Error + Send + 'static> => |err| &**err,
    Box<dyn Error + Send + Sync + 'static> => |err| &**err,
    std::sync::Arc<dyn Error + Send + Sync + 'static> => |err| &**err,
    std::io::Error => |err| err,
    #[cfg(feature = "tokio")]
    tokio::time::error::Elapsed => |err| err,
    #[cfg(feature = "tonic")]
    tonic::Status => |err| err,
    #[cfg(feature = "reqwest")]
    reqwest::Error => |err| err,
    #[cfg(feature = "serde")]
    serde_json::Error => |err| err,
}

/// Whether to retry `err`: exactly when it is temporary.
///
/// The predicate for `backon`'s `Retry::when` (or any retry loop).
///
/// ```
/// use errdsl::{Code, ErrorResult, retry};
///
/// let busy = ErrorResult::builder("busy", Code::Unavailable).temporary(true).build();
/// let denied = ErrorResult::new("denied", Code::PermissionDenied, "no");
/// assert!(retry::is_temporary(&busy));
/// assert!(!retry::is_temporary(&denied));
/// ```
pub fn is_temporary<E: Classify + ?Sized>(err: &E) -> bool {
    err.classification().temporary
}

/// The next delay of a retry loop, honouring the error's `Retry-After`: the
/// longer of the backoff's `next` delay and the `Retry-After`, up to
/// [`MAX_RETRY_AFTER`]. `None` (stop retrying) when the backoff is
/// exhausted (`next` is `None`) or the error asks to wait longer than
/// [`MAX_RETRY_AFTER`].
///
/// Its signature is that of `backon`'s `Retry::adjust`.
///
/// ```
/// use std::time::Duration;
/// use errdsl::{Code, ErrorResult, retry};
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable)
///     .temporary(true)
///     .retry_after(Duration::from_secs(5))
///     .build();
/// let ms = Duration::from_millis;
/// assert_eq!(retry::honour_retry_after(&err, Some(ms(100))), Some(ms(5000)));
/// assert_eq!(retry::honour_retry_after(&err, Some(ms(9000))), Some(ms(9000)));
/// assert_eq!(retry::honour_retry_after(&err, None), None);
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable)
///     .temporary(true)
///     .retry_after(Duration::from_secs(3600))
///     .build();
/// assert_eq!(retry::honour_retry_after(&err, Some(ms(100))), None);
/// ```
pub fn honour_retry_after<E: Classify + ?Sized>(err: &E, next: Option<Duration>) -> Option<Duration> {
    at_least_retry_after(err, next, MAX_RETRY_AFTER)
}

/// [`honour_retry_after`] with another limit than [`MAX_RETRY_AFTER`]: an
/// error asking to wait longer than `limit` stops the retries.
///
/// ```
/// use std::time::Duration;
/// use errdsl::{Code, ErrorResult, retry};
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable)
///     .temporary(true)
///     .retry_after(Duration::from_secs(300))
///     .build();
/// let mut adjust = retry::honour_retry_after_up_to(Duration::from_secs(600));
/// assert_eq!(adjust(&err, Some(Duration::from_secs(1))), Some(Duration::from_secs(300)));
/// let mut adjust = retry::honour_retry_after_up_to(Duration::from_secs(10));
/// assert_eq!(adjust(&err, Some(Duration::from_secs(1))), None);
/// ```
pub fn honour_retry_after_up_to<E: Classify + ?Sized>(
    limit: Duration,
) -> impl Fn(&E, Option<Duration>) -> Option<Duration> + Clone + Send + Sync + 'static {
    move |err, next| at_least_retry_after(err, next, limit)
}

fn at_least_retry_after<E: Classify + ?Sized>(
    err: &E,
    next: Option<Duration>,
    limit: Duration,
) -> Option<Duration> {
    let next = next?;
    match err.min_retry_delay() {
        Some(after) if after > limit => None,
        Some(after) => Some(next.max(after)),
        None => Some(next),
    }
}

#[cfg(feature = "backon")]
mod with_backon;
#[cfg(feature = "backon")]
pub use with_backon::{BackonRetry, with_backon};

#[cfg(feature = "tower")]
mod policy;
#[cfg(feature = "tower")]
pub use policy::{Delay, TemporaryPolicy};
