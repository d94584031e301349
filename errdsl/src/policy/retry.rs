//! Retries that retry exactly what is safe, with the ecosystem's retry
//! crates rather than a backoff engine of errdsl's own.
//!
//! What is safe to retry follows Google's AIP-194: an error the server
//! declared temporary is retried; a timeout that is not declared temporary
//! (an undeclared `DEADLINE_EXCEEDED`, a 504, a socket that timed out) only
//! when the caller says the call is [`Idempotency::Idempotent`], since the
//! call may have taken effect before time ran out; everything else is
//! returned at once. An undeclared `ABORTED` is not retried: a conflict is
//! resolved by retrying the whole transaction (read, decide, write), which
//! only the caller can do. An undeclared `RESOURCE_EXHAUSTED` is temporary
//! only when the server said how long to wait. (The table of codes is on
//! [`classify`](crate::classify) and [`Classification::from_code`].)
//!
//! - [`RetryHint`]: what a retry loop asks an error (its [`Classification`]
//!   and the server's `Retry-After`), for every declared error, for
//!   [`ErrorResult`], and through [`classify`](crate::classify) for `std::io::Error`, boxed
//!   errors and the foreign errors `classify` knows;
//! - [`is_retryable`]: the rule above, for a call of a given
//!   [`Idempotency`]; [`is_temporary`], the same for a call that is not
//!   idempotent (the predicate for `backon`'s `Retry::when`), and
//!   [`Idempotency::predicate`] for either;
//! - [`honour_retry_after`]: the `Retry-After` of an error as the minimum
//!   next delay, for `backon`'s `Retry::adjust`;
//! - [`with_backon`] (feature `backon`): both at once;
//! - [`TemporaryPolicy`] (feature `tower`): a `tower::retry::Policy` that
//!   retries exactly what is safe, bounded in attempts and total delay.
//!
//! Permanent errors are returned at once, on the first attempt. Attempts are
//! bounded (by the backoff builder with `backon`, by
//! [`TemporaryPolicy::new`]'s `max_attempts` with tower), and so is the time
//! spent waiting: a server's `Retry-After` is honoured up to
//! [`MAX_HONOURED_RETRY_AFTER`]; asking for longer ends the retries (the error is
//! returned) rather than hanging the caller.
//!
//! ```
//! use std::io;
//! use errdsl::retry::{self, RetryHint};
//!
//! use errdsl::retry::Idempotency::{Idempotent, NotIdempotent};
//!
//! assert!(retry::is_temporary(&io::Error::from(io::ErrorKind::ConnectionReset)));
//! assert!(!retry::is_temporary(&io::Error::from(io::ErrorKind::PermissionDenied)));
//!
//! // A timeout: retried only when the call is idempotent.
//! let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(io::Error::from(io::ErrorKind::TimedOut));
//! assert!(boxed.classification().timeout);
//! assert!(retry::is_retryable(&boxed, Idempotent));
//! assert!(!retry::is_retryable(&boxed, NotIdempotent));
//! ```

#[cfg(test)]
mod tests;

use crate::model::error_result::ErrorResult;
use crate::model::service_error::ServiceError;
use crate::policy::error_class::Classification;
use std::error::Error;
use std::time::Duration;

/// The longest `Retry-After` the helpers of this module wait for: one
/// minute. An error asking for more ends the retries; a caller that waits
/// that long should decide so itself ([`honour_retry_after_up_to`],
/// [`TemporaryPolicy::with_max_retry_after`]).
pub const MAX_HONOURED_RETRY_AFTER: Duration = Duration::from_secs(60);

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
/// use errdsl::retry::RetryHint;
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
pub trait RetryHint {
    /// The error's code and flags; `temporary` decides whether it is retried.
    fn classification(&self) -> Classification;

    /// How long the server asked to wait before the next attempt, if it did.
    fn min_retry_delay(&self) -> Option<Duration> {
        None
    }
}

impl<E: ServiceError + ?Sized> RetryHint for E {
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
    let Some((found, class)) = crate::policy::classify::recognised(err) else {
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

/// `RetryHint` through [`classify`](crate::classify), for error types that
/// are not declared: `$as_dyn` turns `self` into the `dyn Error` to walk.
macro_rules! through_classify {
    ($($(#[$attr:meta])* $ty:ty => |$this:ident| $as_dyn:expr,)*) => {$(
        $(#[$attr])*
        impl RetryHint for $ty {
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

/// Whether repeating a call has the same effect as making it once: what
/// decides whether a timeout is retried.
///
/// A read, a `PUT` of a whole resource or a call with an idempotency key
/// is idempotent; creating an order without one is not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Idempotency {
    /// Repeating the call may repeat its effect: only errors declared (or
    /// classified) temporary are retried. The default.
    #[default]
    NotIdempotent,
    /// Repeating the call is harmless: timeouts are retried too.
    Idempotent,
}

impl Idempotency {
    /// The retry predicate for calls of this idempotency, as a function
    /// pointer (what `backon`'s `Retry::when` takes): [`is_temporary`] or
    /// [`is_retryable`] with [`Idempotency::Idempotent`].
    ///
    /// ```
    /// use std::io;
    /// use errdsl::retry::Idempotency;
    ///
    /// let timed_out = io::Error::from(io::ErrorKind::TimedOut);
    /// assert!(Idempotency::Idempotent.predicate()(&timed_out));
    /// assert!(!Idempotency::NotIdempotent.predicate()(&timed_out));
    /// ```
    #[must_use]
    pub fn predicate<E: RetryHint + ?Sized>(self) -> fn(&E) -> bool {
        match self {
            Idempotency::NotIdempotent => is_temporary::<E>,
            Idempotency::Idempotent => |err| is_retryable(err, Idempotency::Idempotent),
        }
    }
}

/// Whether to retry `err` in a call of this idempotency: when it is
/// temporary, or when it is a timeout and the call is idempotent.
///
/// ```
/// use errdsl::{Code, ErrorResult, retry};
/// use errdsl::retry::Idempotency::{Idempotent, NotIdempotent};
///
/// // A timeout its server did not declare temporary (as a client decodes
/// // a plain DEADLINE_EXCEEDED or a 504).
/// let err = ErrorResult::builder("deadline_exceeded", Code::DeadlineExceeded).timeout(true).build();
/// assert!(retry::is_retryable(&err, Idempotent));
/// assert!(!retry::is_retryable(&err, NotIdempotent));
///
/// let busy = ErrorResult::builder("busy", Code::Unavailable).temporary(true).build();
/// assert!(retry::is_retryable(&busy, NotIdempotent));
/// ```
pub fn is_retryable<E: RetryHint + ?Sized>(err: &E, call: Idempotency) -> bool {
    let class = err.classification();
    class.temporary || (call == Idempotency::Idempotent && class.timeout)
}

/// Whether to retry `err` in a call that is not idempotent: exactly when it
/// is temporary ([`is_retryable`] with [`Idempotency::NotIdempotent`]).
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
pub fn is_temporary<E: RetryHint + ?Sized>(err: &E) -> bool {
    err.classification().temporary
}

/// The next delay of a retry loop, honouring the error's `Retry-After`: the
/// longer of the backoff's `next` delay and the `Retry-After`, up to
/// [`MAX_HONOURED_RETRY_AFTER`]. `None` (stop retrying) when the backoff is
/// exhausted (`next` is `None`) or the error asks to wait longer than
/// [`MAX_HONOURED_RETRY_AFTER`].
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
pub fn honour_retry_after<E: RetryHint + ?Sized>(err: &E, next: Option<Duration>) -> Option<Duration> {
    at_least_retry_after(err, next, MAX_HONOURED_RETRY_AFTER)
}

/// [`honour_retry_after`] with another limit than [`MAX_HONOURED_RETRY_AFTER`]: an
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
pub fn honour_retry_after_up_to<E: RetryHint + ?Sized>(
    limit: Duration,
) -> impl Fn(&E, Option<Duration>) -> Option<Duration> + Clone + Send + Sync + 'static {
    move |err, next| at_least_retry_after(err, next, limit)
}

fn at_least_retry_after<E: RetryHint + ?Sized>(
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
