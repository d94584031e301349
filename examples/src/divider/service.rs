//! The divider's business logic, shared by both transports: who is let in,
//! and the two divisions with their errors.

use std::future;
use std::sync::Arc;
use std::time::Duration;

use super::errors::{DivideError, DividerError, IntegerDivideError, WorkerFault};

/// The only credentials the divider accepts, as an HTTP `authorization`
/// header or gRPC `authorization` metadata. A request without credentials is
/// let in too (the demo stays simple); one with any other value gets
/// `unauthenticated`.
pub const DEMO_TOKEN: &str = "Bearer divider-demo-token";

/// A dividend that stands for a computation that never finishes: dividing it
/// (by anything, with either method) always runs into the server's deadline
/// and answers `timeout`. This makes the error reachable deterministically.
pub const SLOW_DIVIDEND: i32 = 999_999;

/// The largest divisor, in absolute value, `integer_divide` takes; beyond
/// it, `divisor_too_large`.
pub const MAX_DIVISOR: i32 = 1_000_000;

/// A marker in the internal report of the `overflow` fault
/// (`i32::MIN / -1`). It is in the server's log and must never reach a
/// client; the end-to-end tests look for it in everything a client receives.
pub const SECRET_MARKER: &str = "SECRET-7f3a";

/// How a divider server behaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Maintenance mode: every call is answered with `maintenance`.
    pub maintenance: bool,
    /// How long a computation may take before the call fails with
    /// `timeout`.
    pub deadline: Duration,
}

impl Default for Config {
    /// Not in maintenance, a deadline of 100 ms.
    fn default() -> Self {
        Self { maintenance: false, deadline: Duration::from_millis(100) }
    }
}

impl Config {
    /// The default configuration, in maintenance mode.
    pub fn maintenance() -> Self {
        Self { maintenance: true, ..Self::default() }
    }
}

/// The divider service, independent of the transport. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Divider {
    config: Arc<Config>,
}

impl Divider {
    /// A divider with this configuration.
    pub fn new(config: Config) -> Self {
        Self { config: Arc::new(config) }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Whether a call may go ahead: `maintenance` while in maintenance mode,
    /// else `unauthenticated` when `authorization` (the raw header or
    /// metadata value) is present and is not [`DEMO_TOKEN`].
    pub fn admit(&self, authorization: Option<&[u8]>) -> Result<(), DividerError> {
        if self.config.maintenance {
            return Err(DividerError::maintenance());
        }
        match authorization {
            Some(value) if value != DEMO_TOKEN.as_bytes() => Err(DividerError::unauthenticated()),
            _ => Ok(()),
        }
    }

    /// `integer_divide`: `a / b` when it is exact.
    pub async fn integer_divide(&self, a: i32, b: i32) -> Result<i32, IntegerDivideError> {
        self.within_deadline(a == SLOW_DIVIDEND).await?;
        if b == 0 {
            return Err(DividerError::div_by_zero(f64::from(a)).into());
        }
        if b.unsigned_abs() > MAX_DIVISOR.unsigned_abs() {
            return Err(IntegerDivideError::divisor_too_large(b, MAX_DIVISOR));
        }
        let (Some(quotient), Some(remainder)) = (a.checked_div(b), a.checked_rem(b)) else {
            // Only i32::MIN / -1 gets here. The report is internal: it
            // travels as the fault's source, to the log only.
            let report = format!("{SECRET_MARKER}: overflow on worker node-7 computing {a} / {b}");
            return Err(IntegerDivideError::overflow(WorkerFault::new(report)));
        };
        if remainder != 0 {
            return Err(IntegerDivideError::has_remainder(a, b, remainder));
        }
        Ok(quotient)
    }

    /// `divide`: `a / b`, when it is a finite number.
    pub async fn divide(&self, a: f64, b: f64) -> Result<f64, DivideError> {
        // The exact value, on purpose: only 999999 itself is slow.
        #[allow(clippy::float_cmp)]
        let slow = a == f64::from(SLOW_DIVIDEND);
        self.within_deadline(slow).await?;
        if b == 0.0 {
            return Err(DividerError::div_by_zero(a).into());
        }
        let quotient = a / b;
        if !quotient.is_finite() {
            return Err(DivideError::not_finite(a, b));
        }
        Ok(quotient)
    }

    /// Runs the (simulated) computation under the configured deadline. A
    /// slow computation never finishes, so it always fails, after exactly
    /// the deadline.
    async fn within_deadline(&self, slow: bool) -> Result<(), DividerError> {
        let computation = async {
            if slow {
                future::pending::<()>().await;
            }
        };
        tokio::time::timeout(self.config.deadline, computation).await.map_err(|_| {
            let deadline_ms = u64::try_from(self.config.deadline.as_millis()).unwrap_or(u64::MAX);
            DividerError::timeout(deadline_ms)
        })
    }
}
