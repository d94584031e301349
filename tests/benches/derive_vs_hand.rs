//! `#[derive(ServiceError)]` against the hand-written `match` it replaces.
//!
//! Run with:
//!
//! ```text
//! cargo bench -p errdsl-tests --bench derive_vs_hand
//! ```
//!
//! (append `-- --warm-up-time 1 --measurement-time 3` for a quicker run).
//!
//! `Derived` and `Hand` declare the same eight errors; `Hand` implements
//! `ServiceError` the way a careful human would. Each criterion group times one
//! method over a slice holding every variant once, derived and hand-written
//! side by side. The twins are checked to agree on every method before timing.

use std::borrow::Cow;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use errdsl::{Code, ServiceError};
use http::StatusCode;

/// The errors of a divider service, declared with the derive.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider")]
pub enum Derived {
    #[error("cannot divide {dividend} by zero")]
    #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
    DivByZero { dividend: i64 },

    #[error("divider is in maintenance")]
    #[service_error(temporary, http = 503, retry_after_secs = 30)]
    Maintenance,

    #[error("result {0} out of range [{1}, {2}]")]
    #[service_error(grpc = OutOfRange, user_msg = "The result {0} is too large (max {2}).")]
    OutOfRange(f64, f64, f64),

    #[error("deadline of {budget_ms} ms passed")]
    #[service_error(timeout, user_msg = "The request took too long.")]
    Slow { budget_ms: u64 },

    #[error("storage broke: {0}")]
    #[service_error(fault)]
    Broken(String),

    #[error("throttled")]
    #[service_error(grpc = ResourceExhausted, http = 429, temporary, retry_after_secs = 5, user_msg = "Slow down.")]
    Throttled,

    #[error("no such account {account}")]
    #[service_error(http = 404, user_msg = "Account {account} does not exist.")]
    UnknownAccount { account: String },

    #[error("permission denied for {0}")]
    #[service_error(grpc = PermissionDenied, user_msg = "You may not do that.")]
    Forbidden(String),
}

/// The same errors, with `ServiceError` written by hand.
#[derive(Debug, thiserror::Error)]
pub enum Hand {
    #[error("cannot divide {dividend} by zero")]
    DivByZero { dividend: i64 },

    #[error("divider is in maintenance")]
    Maintenance,

    #[error("result {0} out of range [{1}, {2}]")]
    OutOfRange(f64, f64, f64),

    #[error("deadline of {budget_ms} ms passed")]
    Slow { budget_ms: u64 },

    #[error("storage broke: {0}")]
    Broken(String),

    #[error("throttled")]
    Throttled,

    #[error("no such account {account}")]
    UnknownAccount { account: String },

    #[error("permission denied for {0}")]
    Forbidden(String),
}

impl ServiceError for Hand {
    fn name(&self) -> &str {
        match self {
            Self::DivByZero { .. } => "div_by_zero",
            Self::Maintenance => "maintenance",
            Self::OutOfRange(..) => "out_of_range",
            Self::Slow { .. } => "slow",
            Self::Broken(_) => "broken",
            Self::Throttled => "throttled",
            Self::UnknownAccount { .. } => "unknown_account",
            Self::Forbidden(_) => "forbidden",
        }
    }

    fn code(&self) -> Code {
        match self {
            Self::DivByZero { .. } => Code::InvalidArgument,
            Self::Maintenance => Code::Unavailable,
            Self::OutOfRange(..) => Code::OutOfRange,
            Self::Slow { .. } => Code::DeadlineExceeded,
            Self::Broken(_) => Code::Internal,
            Self::Throttled => Code::ResourceExhausted,
            Self::UnknownAccount { .. } => Code::NotFound,
            Self::Forbidden(_) => Code::PermissionDenied,
        }
    }

    fn http_status(&self) -> StatusCode {
        match self {
            Self::DivByZero { .. } | Self::OutOfRange(..) => StatusCode::BAD_REQUEST,
            Self::Maintenance => StatusCode::SERVICE_UNAVAILABLE,
            Self::Slow { .. } => StatusCode::GATEWAY_TIMEOUT,
            Self::Broken(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Throttled => StatusCode::TOO_MANY_REQUESTS,
            Self::UnknownAccount { .. } => StatusCode::NOT_FOUND,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
        }
    }

    fn is_temporary(&self) -> bool {
        matches!(self, Self::Maintenance | Self::Throttled)
    }

    fn is_timeout(&self) -> bool {
        matches!(self, Self::Slow { .. })
    }

    fn is_fault(&self) -> bool {
        matches!(self, Self::Broken(_))
    }

    fn user_message(&self) -> Option<Cow<'_, str>> {
        match self {
            Self::DivByZero { dividend } => Some(Cow::Owned(format!("You can't divide {dividend} by zero."))),
            Self::OutOfRange(result, _, max) => {
                Some(Cow::Owned(format!("The result {result} is too large (max {max}).")))
            }
            Self::Slow { .. } => Some(Cow::Borrowed("The request took too long.")),
            Self::Throttled => Some(Cow::Borrowed("Slow down.")),
            Self::UnknownAccount { account } => {
                Some(Cow::Owned(format!("Account {account} does not exist.")))
            }
            Self::Forbidden(_) => Some(Cow::Borrowed("You may not do that.")),
            Self::Maintenance | Self::Broken(_) => None,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Maintenance => Some(Duration::from_secs(30)),
            Self::Throttled => Some(Duration::from_secs(5)),
            _ => None,
        }
    }

    fn service(&self) -> Option<&str> {
        Some("divider")
    }
}

fn derived_errors() -> Vec<Derived> {
    vec![
        Derived::DivByZero { dividend: 7 },
        Derived::Maintenance,
        Derived::OutOfRange(1234.5, 0.0, 100.0),
        Derived::Slow { budget_ms: 250 },
        Derived::Broken("disk full".to_owned()),
        Derived::Throttled,
        Derived::UnknownAccount { account: "acct-42".to_owned() },
        Derived::Forbidden("alice".to_owned()),
    ]
}

fn hand_errors() -> Vec<Hand> {
    vec![
        Hand::DivByZero { dividend: 7 },
        Hand::Maintenance,
        Hand::OutOfRange(1234.5, 0.0, 100.0),
        Hand::Slow { budget_ms: 250 },
        Hand::Broken("disk full".to_owned()),
        Hand::Throttled,
        Hand::UnknownAccount { account: "acct-42".to_owned() },
        Hand::Forbidden("alice".to_owned()),
    ]
}

/// Panics unless the twins answer every method alike, so that the benchmark
/// compares equal work.
fn assert_twins_agree() {
    let (derived, hand) = (derived_errors(), hand_errors());
    assert_eq!(derived.len(), hand.len());
    for (d, h) in derived.iter().zip(&hand) {
        assert_eq!(d.to_string(), h.to_string());
        assert_eq!(d.name(), h.name(), "{d}");
        assert_eq!(d.code(), h.code(), "{d}");
        assert_eq!(d.http_status(), h.http_status(), "{d}");
        assert_eq!(d.is_temporary(), h.is_temporary(), "{d}");
        assert_eq!(d.is_timeout(), h.is_timeout(), "{d}");
        assert_eq!(d.is_fault(), h.is_fault(), "{d}");
        assert_eq!(d.user_message(), h.user_message(), "{d}");
        assert_eq!(
            matches!(d.user_message(), Some(Cow::Borrowed(_))),
            matches!(h.user_message(), Some(Cow::Borrowed(_))),
            "{d}"
        );
        assert_eq!(d.retry_after(), h.retry_after(), "{d}");
        assert_eq!(d.service(), h.service(), "{d}");
    }
}

/// One criterion group: `method` over every variant, derived then hand-written.
fn compare(c: &mut Criterion, method: &str, derived: impl Fn(&Derived), hand: impl Fn(&Hand)) {
    let (derived_errors, hand_errors) = (derived_errors(), hand_errors());
    let mut group = c.benchmark_group(method);
    group.bench_function("derived", |b| {
        b.iter(|| {
            for error in black_box(derived_errors.as_slice()) {
                derived(error);
            }
        });
    });
    group.bench_function("hand", |b| {
        b.iter(|| {
            for error in black_box(hand_errors.as_slice()) {
                hand(error);
            }
        });
    });
    group.finish();
}

fn code(c: &mut Criterion) {
    assert_twins_agree();
    compare(c, "code", |e| _ = black_box(e.code()), |e| _ = black_box(e.code()));
}

fn http_status(c: &mut Criterion) {
    compare(c, "http_status", |e| _ = black_box(e.http_status()), |e| _ = black_box(e.http_status()));
}

fn is_temporary(c: &mut Criterion) {
    compare(c, "is_temporary", |e| _ = black_box(e.is_temporary()), |e| _ = black_box(e.is_temporary()));
}

fn user_message(c: &mut Criterion) {
    compare(c, "user_message", |e| _ = black_box(e.user_message()), |e| _ = black_box(e.user_message()));
}

criterion_group!(benches, code, http_status, is_temporary, user_message);
criterion_main!(benches);
