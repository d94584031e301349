//! [`TemporaryPolicy`]: a `tower::retry::Policy` that retries exactly what
//! is safe to retry.

use super::{Idempotency, MAX_HONOURED_RETRY_AFTER, RetryHint, is_retryable};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tower::retry::Policy;
use tower::retry::backoff::{Backoff, ExponentialBackoff, ExponentialBackoffMaker, MakeBackoff};
use tower::util::rng::{HasherRng, Rng};

/// A `tower::retry::Policy` that retries a request exactly when its error is
/// safe to retry ([`is_retryable`]: temporary, or a timeout when the
/// requests are [`Idempotency::Idempotent`], see
/// [`with_idempotency`](Self::with_idempotency)), with an exponential
/// backoff, bounded in attempts and in total delay.
///
/// - A success, or an error that is not safe to retry, is returned at once.
/// - At most `max_attempts` attempts are made, the first one included.
/// - The delay before retry *n* (1, 2, ...) is `min_delay * 2^(n-1)`, at
///   most `max_delay`, with "equal jitter" (a random delay between half
///   of it and all of it) unless [`without_jitter`](Self::without_jitter);
///   at least the error's `Retry-After`
///   ([`RetryHint::min_retry_delay`]). An error asking to wait longer than
///   [`with_max_retry_after`](Self::with_max_retry_after) (default
///   [`MAX_HONOURED_RETRY_AFTER`]) is returned.
/// - The delays of one request add up to at most `max_total_delay`: a retry
///   whose delay would exceed it is not made, and the error is returned.
///
/// Defaults: 3 attempts, 50 ms minimum and 5 s maximum delay, 30 s in all.
/// The policy keeps per-request counts; `tower::retry::Retry` clones it for
/// each request, so every request starts afresh. `clone_request` needs
/// `Req: Clone`. To bound retries across requests too, combine it with a
/// `tower::retry::budget`.
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicU32, Ordering};
/// use std::time::Duration;
/// use errdsl::{Code, ErrorResult, retry::TemporaryPolicy};
/// use tower::{ServiceBuilder, ServiceExt};
///
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let calls = Arc::new(AtomicU32::new(0));
/// let counter = calls.clone();
/// let flaky = tower::service_fn(move |n: u32| {
///     let call = counter.fetch_add(1, Ordering::Relaxed);
///     async move {
///         if call < 2 {
///             Err(ErrorResult::builder("busy", Code::Unavailable).temporary(true).build())
///         } else {
///             Ok(n * 2)
///         }
///     }
/// });
/// let service = ServiceBuilder::new()
///     .retry(TemporaryPolicy::new(5).with_min_delay(Duration::from_millis(10)))
///     .service(flaky);
/// assert_eq!(service.oneshot(21).await.unwrap(), 42);
/// assert_eq!(calls.load(Ordering::Relaxed), 3);
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct TemporaryPolicy {
    max_attempts: u32,
    min_delay: Duration,
    max_delay: Duration,
    max_total_delay: Duration,
    max_retry_after: Duration,
    jitter: bool,
    idempotency: Idempotency,
    /// Attempts made for the current request.
    attempts: u32,
    /// Time waited for the current request.
    waited: Duration,
}

impl Default for TemporaryPolicy {
    /// [`TemporaryPolicy::new(3)`](TemporaryPolicy::new).
    fn default() -> Self {
        TemporaryPolicy::new(3)
    }
}

impl TemporaryPolicy {
    /// A policy that makes at most `max_attempts` attempts (the first
    /// included; 0 counts as 1: no retry), with the other defaults.
    ///
    /// ```
    /// use errdsl::retry::TemporaryPolicy;
    ///
    /// let policy = TemporaryPolicy::new(4);
    /// assert_eq!(policy.max_attempts(), 4);
    /// assert_eq!(TemporaryPolicy::new(0).max_attempts(), 1);
    /// ```
    #[must_use]
    pub const fn new(max_attempts: u32) -> Self {
        TemporaryPolicy {
            max_attempts: if max_attempts == 0 { 1 } else { max_attempts },
            min_delay: Duration::from_millis(50),
            max_delay: Duration::from_secs(5),
            max_total_delay: Duration::from_secs(30),
            max_retry_after: MAX_HONOURED_RETRY_AFTER,
            jitter: true,
            idempotency: Idempotency::NotIdempotent,
            attempts: 0,
            waited: Duration::ZERO,
        }
    }

    /// The most attempts made for one request, the first one included.
    ///
    /// ```
    /// use errdsl::retry::TemporaryPolicy;
    ///
    /// assert_eq!(TemporaryPolicy::default().max_attempts(), 3);
    /// ```
    #[must_use]
    pub const fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The delay before the first retry (default 50 ms); it doubles for
    /// each retry after.
    ///
    /// ```
    /// use std::time::Duration;
    /// use errdsl::retry::TemporaryPolicy;
    ///
    /// let policy = TemporaryPolicy::new(3).with_min_delay(Duration::from_millis(10));
    /// # let _ = policy;
    /// ```
    #[must_use]
    pub const fn with_min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = delay;
        self
    }

    /// The longest delay between two attempts, before the `Retry-After`
    /// (default 5 s).
    ///
    /// ```
    /// use std::time::Duration;
    /// use errdsl::retry::TemporaryPolicy;
    ///
    /// let policy = TemporaryPolicy::new(10).with_max_delay(Duration::from_secs(1));
    /// # let _ = policy;
    /// ```
    #[must_use]
    pub const fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The most time one request waits between its attempts, in all
    /// (default 30 s).
    ///
    /// ```
    /// use std::time::Duration;
    /// use errdsl::retry::TemporaryPolicy;
    ///
    /// let policy = TemporaryPolicy::new(10).with_max_total_delay(Duration::from_secs(2));
    /// # let _ = policy;
    /// ```
    #[must_use]
    pub const fn with_max_total_delay(mut self, delay: Duration) -> Self {
        self.max_total_delay = delay;
        self
    }

    /// The longest `Retry-After` honoured (default [`MAX_HONOURED_RETRY_AFTER`]); an
    /// error asking for more is returned.
    ///
    /// ```
    /// use std::time::Duration;
    /// use errdsl::retry::TemporaryPolicy;
    ///
    /// let policy = TemporaryPolicy::new(3).with_max_retry_after(Duration::from_secs(5));
    /// # let _ = policy;
    /// ```
    #[must_use]
    pub const fn with_max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Whether the requests are idempotent (default:
    /// [`Idempotency::NotIdempotent`]); timeouts are retried only for
    /// idempotent ones.
    ///
    /// ```
    /// use errdsl::retry::{Idempotency, TemporaryPolicy};
    ///
    /// let policy = TemporaryPolicy::new(3).with_idempotency(Idempotency::Idempotent);
    /// assert_eq!(policy.idempotency(), Idempotency::Idempotent);
    /// assert_eq!(TemporaryPolicy::new(3).idempotency(), Idempotency::NotIdempotent);
    /// ```
    #[must_use]
    pub const fn with_idempotency(mut self, idempotency: Idempotency) -> Self {
        self.idempotency = idempotency;
        self
    }

    /// Whether the requests are idempotent, as set by
    /// [`with_idempotency`](Self::with_idempotency).
    #[must_use]
    pub const fn idempotency(&self) -> Idempotency {
        self.idempotency
    }

    /// Exact delays, without jitter: for tests, or when something else
    /// spreads the clients' retries.
    ///
    /// ```
    /// use errdsl::retry::TemporaryPolicy;
    ///
    /// let policy = TemporaryPolicy::new(3).without_jitter();
    /// # let _ = policy;
    /// ```
    #[must_use]
    pub const fn without_jitter(mut self) -> Self {
        self.jitter = false;
        self
    }

    /// The delay before the next retry after an error, and the bookkeeping
    /// for it; `None` when the error is returned instead.
    pub(super) fn next_delay<E: RetryHint + ?Sized>(&mut self, err: &E) -> Option<Duration> {
        self.attempts = self.attempts.saturating_add(1);
        if self.attempts >= self.max_attempts || !is_retryable(err, self.idempotency) {
            return None;
        }
        let doubling = 2_u32.checked_pow(self.attempts - 1).unwrap_or(u32::MAX);
        let mut delay = self.min_delay.checked_mul(doubling).unwrap_or(Duration::MAX).min(self.max_delay);
        if self.jitter {
            let half = delay / 2;
            delay = half + half.mul_f64(HasherRng::default().next_f64());
        }
        match err.min_retry_delay() {
            Some(after) if after > self.max_retry_after => return None,
            Some(after) => delay = delay.max(after),
            None => {}
        }
        let waited = self.waited.checked_add(delay).filter(|&total| total <= self.max_total_delay)?;
        self.waited = waited;
        Some(delay)
    }
}

impl<Req: Clone, Res, E: RetryHint> Policy<Req, Res, E> for TemporaryPolicy {
    type Future = Delay;

    fn retry(&mut self, _req: &mut Req, result: &mut Result<Res, E>) -> Option<Self::Future> {
        let err = result.as_ref().err()?;
        self.next_delay(err).map(Delay::new)
    }

    fn clone_request(&mut self, req: &Req) -> Option<Req> {
        Some(req.clone())
    }
}

/// The timer tower's own backoff uses: tokio's sleep.
type Sleep = <ExponentialBackoff as Backoff>::Future;

/// The wait before a retry of [`TemporaryPolicy`]: a timer on tokio's clock
/// (so a paused clock in tests skips it).
///
/// ```
/// use std::time::Duration;
/// use errdsl::retry::Delay;
///
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let start = tokio::time::Instant::now();
/// Delay::new(Duration::from_secs(2)).await;
/// assert_eq!(start.elapsed(), Duration::from_secs(2));
/// # }
/// ```
pub struct Delay(Pin<Box<Sleep>>);

impl Delay {
    /// A timer that fires after `delay`. It must be created within a tokio
    /// runtime with the time driver enabled.
    #[must_use]
    pub fn new(delay: Duration) -> Self {
        // tower's `retry` feature turns on tokio's timer, but errdsl's `tower`
        // feature does not name tokio. An exponential backoff whose minimum and
        // maximum are both `delay`, without jitter, sleeps exactly `delay`:
        // tower's public way to that timer. (`max` must not be zero.)
        let max = delay.max(Duration::from_nanos(1));
        let mut maker = ExponentialBackoffMaker::new(delay, max, 0.0, HasherRng::default())
            .unwrap_or_else(|_| ExponentialBackoffMaker::default());
        Delay(Box::pin(maker.make_backoff().next_backoff()))
    }
}

impl std::fmt::Debug for Delay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delay").field("deadline", &self.0.deadline()).finish()
    }
}

impl Future for Delay {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0.as_mut().poll(cx)
    }
}
