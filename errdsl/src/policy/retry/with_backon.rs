//! [`with_backon`]: a `backon` retry that retries exactly what is safe and
//! honours `Retry-After`.

use super::{Idempotency, RetryHint, honour_retry_after};
use backon::{BackoffBuilder, Retryable};
use std::future::Future;
use std::time::Duration;

/// The retry [`with_backon`] returns: a `backon::Retry` with errdsl's
/// predicate ([`Idempotency::predicate`]) and adjust hook
/// ([`honour_retry_after`]), and
/// backon's default sleeper and notify. Await it, or chain more of backon's
/// builder methods (`.notify(...)`, `.sleep(...)`).
pub type BackonRetry<B, T, E, Fut, F> = backon::Retry<
    <B as BackoffBuilder>::Backoff,
    T,
    E,
    Fut,
    F,
    backon::DefaultSleeper,
    fn(&E) -> bool,
    fn(&E, Duration),
    fn(&E, Option<Duration>) -> Option<Duration>,
>;

/// Retries `op` with `backon` and the `backoff` given, when and only when its
/// error is safe to retry in a call of this idempotency
/// ([`is_retryable`](super::is_retryable): temporary, or a timeout of an
/// idempotent call), waiting at least the error's `Retry-After` between
/// attempts ([`honour_retry_after`]).
///
/// It is `op.retry(backoff).when(call.predicate()).adjust(retry::honour_retry_after)`.
/// A permanent error is returned at once. The backoff bounds the attempts
/// (backon's builders retry 3 times unless told otherwise,
/// `with_max_times`) and its own delays (`ExponentialBuilder::with_max_delay`,
/// `with_total_delay`); a `Retry-After` longer than the backoff's delay
/// replaces it, up to [`MAX_HONOURED_RETRY_AFTER`](super::MAX_HONOURED_RETRY_AFTER) each.
///
/// ```
/// use std::sync::atomic::{AtomicU32, Ordering};
/// use std::time::Duration;
/// use backon::ExponentialBuilder;
/// use errdsl::{Code, ErrorResult, ServiceError, retry};
/// use errdsl::retry::Idempotency::{Idempotent, NotIdempotent};
///
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let calls = AtomicU32::new(0);
/// let flaky = || async {
///     match calls.fetch_add(1, Ordering::Relaxed) {
///         0 | 1 => Err(ErrorResult::builder("busy", Code::Unavailable).temporary(true).build()),
///         _ => Ok("done"),
///     }
/// };
/// let backoff = ExponentialBuilder::default().with_max_times(5);
/// assert_eq!(retry::with_backon(flaky, backoff, NotIdempotent).await.unwrap(), "done");
/// assert_eq!(calls.load(Ordering::Relaxed), 3);
///
/// // A permanent error is not retried.
/// let calls = AtomicU32::new(0);
/// let denied = || async {
///     calls.fetch_add(1, Ordering::Relaxed);
///     Err::<(), _>(ErrorResult::new("denied", Code::PermissionDenied, "no"))
/// };
/// let err = retry::with_backon(denied, ExponentialBuilder::default(), NotIdempotent).await.unwrap_err();
/// assert_eq!(err.name(), "denied");
/// assert_eq!(calls.load(Ordering::Relaxed), 1);
///
/// // A timeout is retried only when the call is idempotent.
/// let calls = AtomicU32::new(0);
/// let slow = || async {
///     calls.fetch_add(1, Ordering::Relaxed);
///     Err::<(), _>(ErrorResult::builder("deadline_exceeded", Code::DeadlineExceeded).timeout(true).build())
/// };
/// let backoff = ExponentialBuilder::default().with_max_times(2);
/// assert!(retry::with_backon(slow, backoff, NotIdempotent).await.is_err());
/// assert_eq!(calls.load(Ordering::Relaxed), 1);
/// assert!(retry::with_backon(slow, backoff, Idempotent).await.is_err());
/// assert_eq!(calls.load(Ordering::Relaxed), 1 + 3);
/// # }
/// ```
pub fn with_backon<B, T, E, Fut, F>(op: F, backoff: B, call: Idempotency) -> BackonRetry<B, T, E, Fut, F>
where
    B: BackoffBuilder,
    Fut: Future<Output = Result<T, E>>,
    F: FnMut() -> Fut,
    E: RetryHint,
{
    op.retry(backoff)
        .when(call.predicate::<E>())
        .adjust(honour_retry_after::<E> as fn(&E, Option<Duration>) -> Option<Duration>)
}
