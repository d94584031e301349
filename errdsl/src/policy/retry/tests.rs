//! Tests of the retry helpers. Everything that waits runs on tokio's paused
//! clock: delays are checked exactly, and no test sleeps for real.

use std::error::Error;
use std::io;
use std::time::Duration;

use super::*;
use crate::model::code::Code;
#[cfg(feature = "tower")]
use proptest::prelude::*;

fn busy() -> ErrorResult {
    ErrorResult::builder("busy", Code::Unavailable).temporary(true).build()
}

fn busy_for(after: Duration) -> ErrorResult {
    ErrorResult::builder("busy", Code::Unavailable).temporary(true).retry_after(after).build()
}

fn denied() -> ErrorResult {
    ErrorResult::new("denied", Code::PermissionDenied, "no")
}

const fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn classify_for_declared_foreign_and_boxed_errors() {
    assert!(is_temporary(&busy()));
    assert!(!is_temporary(&denied()));
    assert!(is_temporary(&io::Error::from(io::ErrorKind::ConnectionReset)));
    assert!(!is_temporary(&io::Error::from(io::ErrorKind::NotFound)));
    assert!(!is_temporary(&io::Error::other("unknown")));

    let boxed: Box<dyn Error + Send + Sync> = Box::new(io::Error::other(busy_for(ms(300))));
    assert!(is_temporary(&boxed));
    assert_eq!(boxed.min_retry_delay(), Some(ms(300)));
    assert!(is_temporary(&*boxed));
    let boxed: Box<dyn Error> = Box::new(denied());
    assert!(!is_temporary(&boxed));
    assert_eq!(boxed.min_retry_delay(), None);
    let shared: std::sync::Arc<dyn Error + Send + Sync> = std::sync::Arc::new(busy_for(ms(7)));
    assert_eq!(shared.min_retry_delay(), Some(ms(7)));
    // The Retry-After is that of the error classify goes by, not a deeper one.
    let outer = denied().with_source(busy_for(ms(9)));
    let boxed: Box<dyn Error + Send> = Box::new(outer);
    assert_eq!((boxed.classification().code, boxed.min_retry_delay()), (Code::PermissionDenied, None));
}

/// A status from an errdsl server carries the declared flags and
/// `RetryInfo`; the retry side reads them, `classify` goes by the code.
#[cfg(feature = "tonic")]
#[test]
fn tonic_status_from_an_errdsl_server() {
    let sent = ErrorResult::builder("flaky", Code::Internal)
        .fault(true)
        .temporary(true)
        .retry_after(ms(1500))
        .build();
    let status = tonic::Status::from(sent);
    // Its declared flags count, not only its code.
    assert!(crate::policy::classify::classify(&status).temporary);
    assert!(status.classification().temporary);
    assert_eq!(status.min_retry_delay(), Some(ms(1500)));
    // Wrapped, it is found too.
    let boxed: Box<dyn Error + Send + Sync> = Box::new(status);
    assert!(is_temporary(&boxed));
    assert_eq!(boxed.min_retry_delay(), Some(ms(1500)));
    // A plain status: by its code.
    assert!(is_temporary(&tonic::Status::unavailable("x")));
    assert!(!is_temporary(&tonic::Status::not_found("x")));
}

#[test]
fn honour_retry_after_rows() {
    let cases = [
        (busy(), Some(ms(100)), Some(ms(100))),
        (busy(), None, None),
        (busy_for(ms(500)), Some(ms(100)), Some(ms(500))),
        (busy_for(ms(500)), Some(ms(900)), Some(ms(900))),
        (busy_for(ms(500)), None, None),
        (busy_for(MAX_HONOURED_RETRY_AFTER), Some(ms(1)), Some(MAX_HONOURED_RETRY_AFTER)),
        (busy_for(MAX_HONOURED_RETRY_AFTER + ms(1)), Some(ms(1)), None),
    ];
    for (err, next, want) in cases {
        assert_eq!(honour_retry_after(&err, next), want, "{:?} {next:?}", err.retry_after());
    }
    let adjust = honour_retry_after_up_to::<ErrorResult>(ms(10));
    assert_eq!(adjust(&busy_for(ms(10)), Some(ms(1))), Some(ms(10)));
    assert_eq!(adjust(&busy_for(ms(11)), Some(ms(1))), None);
}

#[cfg(feature = "tower")]
proptest! {
    /// The tower policy's delays never panic, never exceed their bounds,
    /// and add up to at most the total, whatever the settings.
    #[test]
    fn policy_delays_are_bounded(
        max_attempts in 0_u32..40,
        min in any::<u64>(),
        max in any::<u64>(),
        total in any::<u64>(),
        after in proptest::option::of(any::<u64>()),
        jitter in any::<bool>(),
    ) {
        let (min, max, total) = (Duration::from_nanos(min), Duration::from_nanos(max), Duration::from_nanos(total));
        let mut policy = TemporaryPolicy::new(max_attempts).with_min_delay(min).with_max_delay(max).with_max_total_delay(total);
        if !jitter {
            policy = policy.without_jitter();
        }
        let err = match after {
            Some(after) => busy_for(Duration::from_nanos(after)),
            None => busy(),
        };
        let mut sum = Duration::ZERO;
        let mut retries = 0;
        while let Some(delay) = policy.next_delay(&err) {
            retries += 1;
            sum += delay;
            prop_assert!(delay <= max.max(err.retry_after().unwrap_or_default()));
            prop_assert!(retries < 64);
        }
        prop_assert!(sum <= total);
        prop_assert!(retries < max_attempts.max(1));
    }
}

#[cfg(feature = "tower")]
#[test]
fn policy_schedule_without_jitter() {
    let mut policy = TemporaryPolicy::new(6).with_min_delay(ms(100)).with_max_delay(ms(500)).without_jitter();
    let delays: Vec<_> = std::iter::from_fn(|| policy.next_delay(&busy())).collect();
    assert_eq!(delays, [ms(100), ms(200), ms(400), ms(500), ms(500)]);
    // Permanent: no retry.
    assert_eq!(TemporaryPolicy::new(6).next_delay(&denied()), None);
}

#[cfg(feature = "tower")]
#[test]
fn policy_jitter_stays_between_half_and_all() {
    for _ in 0..200 {
        let mut policy = TemporaryPolicy::new(2).with_min_delay(ms(1000));
        let delay = policy.next_delay(&busy()).unwrap();
        assert!((ms(500)..=ms(1000)).contains(&delay), "{delay:?}");
    }
}

#[cfg(feature = "backon")]
mod backon_tests {
    use super::*;
    use Idempotency::NotIdempotent;
    use backon::{ConstantBuilder, ExponentialBuilder};
    use std::sync::atomic::{AtomicU32, Ordering};
    use tokio::time::Instant;

    /// An operation that fails with `errors`, in turn, then succeeds; and
    /// the number of calls it got.
    fn scripted<E: Clone>(
        errors: Vec<E>,
    ) -> (impl FnMut() -> std::future::Ready<Result<u32, E>>, std::sync::Arc<AtomicU32>) {
        let calls = std::sync::Arc::new(AtomicU32::new(0));
        let counter = calls.clone();
        let op = move || {
            let call = counter.fetch_add(1, Ordering::Relaxed);
            std::future::ready(match errors.get(call as usize) {
                Some(err) => Err(err.clone()),
                None => Ok(call),
            })
        };
        (op, calls)
    }

    fn constant(delay: Duration, times: usize) -> ConstantBuilder {
        ConstantBuilder::new().with_delay(delay).with_max_times(times)
    }

    #[tokio::test(start_paused = true)]
    async fn temporary_errors_are_retried_until_success() {
        let (op, calls) = scripted(vec![busy(), busy()]);
        let start = Instant::now();
        assert_eq!(with_backon(op, constant(ms(1000), 5), NotIdempotent).await.unwrap(), 2);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert_eq!(start.elapsed(), ms(2000));
    }

    #[tokio::test(start_paused = true)]
    async fn permanent_errors_are_returned_at_once() {
        let (op, calls) = scripted(vec![denied(), busy()]);
        let start = Instant::now();
        let err = with_backon(op, constant(ms(1000), 5), NotIdempotent).await.unwrap_err();
        assert_eq!(err.name(), "denied");
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn attempts_are_bounded() {
        let (op, calls) = scripted(vec![busy(); 100]);
        let start = Instant::now();
        assert!(with_backon(op, constant(ms(10), 3), NotIdempotent).await.is_err());
        assert_eq!(calls.load(Ordering::Relaxed), 4);
        assert_eq!(start.elapsed(), ms(30));
    }

    #[tokio::test(start_paused = true)]
    async fn total_delay_is_bounded() {
        let (op, calls) = scripted(vec![busy(); 100]);
        let backoff = ExponentialBuilder::default()
            .with_min_delay(ms(100))
            .with_max_times(100)
            .with_total_delay(Some(ms(1000)));
        let start = Instant::now();
        assert!(with_backon(op, backoff, NotIdempotent).await.is_err());
        // 100 + 200 + 400 = 700; the next 800 would exceed the total.
        assert_eq!(calls.load(Ordering::Relaxed), 4);
        assert!(start.elapsed() <= ms(1000), "{:?}", start.elapsed());
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_is_the_minimum_delay() {
        let (op, calls) = scripted(vec![busy_for(ms(5000)), busy()]);
        let start = Instant::now();
        assert_eq!(with_backon(op, constant(ms(100), 5), NotIdempotent).await.unwrap(), 2);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert_eq!(start.elapsed(), ms(5100));
    }

    #[tokio::test(start_paused = true)]
    async fn too_long_a_retry_after_ends_the_retries() {
        let (op, calls) = scripted(vec![busy_for(MAX_HONOURED_RETRY_AFTER + ms(1)), busy()]);
        let start = Instant::now();
        let err = with_backon(op, constant(ms(100), 5), NotIdempotent).await.unwrap_err();
        assert_eq!(err.retry_after(), Some(MAX_HONOURED_RETRY_AFTER + ms(1)));
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    /// Foreign errors are classified: io kinds, and a boxed chain.
    #[tokio::test(start_paused = true)]
    async fn foreign_errors() {
        let calls = AtomicU32::new(0);
        let op = || async {
            match calls.fetch_add(1, Ordering::Relaxed) {
                0 => Err::<(), _>(io::Error::from(io::ErrorKind::ConnectionRefused)),
                1 => Err(io::Error::from(io::ErrorKind::TimedOut)),
                _ => Err(io::Error::from(io::ErrorKind::InvalidData)),
            }
        };
        let err: io::Error = with_backon(op, constant(ms(1), 10), Idempotency::Idempotent).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        // A timeout ends the retries of a call that is not idempotent.
        let calls = AtomicU32::new(0);
        let op = || async {
            match calls.fetch_add(1, Ordering::Relaxed) {
                0 => Err::<(), _>(io::Error::from(io::ErrorKind::ConnectionRefused)),
                _ => Err(io::Error::from(io::ErrorKind::TimedOut)),
            }
        };
        let err: io::Error = with_backon(op, constant(ms(1), 10), NotIdempotent).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(calls.load(Ordering::Relaxed), 2);

        let calls = AtomicU32::new(0);
        let op = || async {
            let call = calls.fetch_add(1, Ordering::Relaxed);
            let err: Box<dyn Error + Send + Sync> = if call == 0 {
                Box::new(io::Error::other(busy_for(ms(700))))
            } else {
                "text says nothing".into()
            };
            Err::<(), _>(err)
        };
        let start = Instant::now();
        assert!(with_backon(op, constant(ms(1), 10), NotIdempotent).await.is_err());
        assert_eq!(calls.load(Ordering::Relaxed), 2);
        assert_eq!(start.elapsed(), ms(700));
    }

    /// The parts, with backon's own builder methods: `when`, `adjust`, `notify`.
    #[tokio::test(start_paused = true)]
    async fn parts_with_backon_directly() {
        use backon::Retryable;

        let (op, calls) = scripted(vec![busy_for(ms(250)), busy()]);
        let mut waits = Vec::new();
        let result = op
            .retry(constant(ms(100), 5))
            .when(is_temporary)
            .adjust(honour_retry_after)
            .notify(|_, delay| waits.push(delay))
            .await;
        assert_eq!(result.unwrap(), 2);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert_eq!(waits, [ms(250), ms(100)]);
    }
}

#[cfg(feature = "tower")]
mod tower_tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    use tokio::time::Instant;
    use tower::retry::Policy;
    use tower::{Service, ServiceBuilder, ServiceExt};

    type BoxError = Box<dyn Error + Send + Sync>;

    /// A service that fails with `errors`, in turn, then answers the
    /// request; and the number of calls it got.
    fn scripted<E: Clone + Send + Sync + 'static>(
        errors: Vec<E>,
    ) -> (impl Service<u32, Response = u32, Error = E, Future = impl Send> + Clone, Arc<AtomicU32>) {
        let calls = Arc::new(AtomicU32::new(0));
        let counter = calls.clone();
        let errors = Arc::new(errors);
        let service = tower::service_fn(move |req: u32| {
            let call = counter.fetch_add(1, Ordering::Relaxed);
            let result = match errors.get(call as usize) {
                Some(err) => Err(err.clone()),
                None => Ok(req),
            };
            std::future::ready(result)
        });
        (service, calls)
    }

    fn exact(max_attempts: u32) -> TemporaryPolicy {
        TemporaryPolicy::new(max_attempts).with_min_delay(ms(100)).without_jitter()
    }

    #[tokio::test(start_paused = true)]
    async fn temporary_errors_are_retried_until_success() {
        let (service, calls) = scripted(vec![busy(), busy()]);
        let start = Instant::now();
        let service = ServiceBuilder::new().retry(exact(5)).service(service);
        assert_eq!(service.oneshot(7).await.unwrap(), 7);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert_eq!(start.elapsed(), ms(300));
    }

    #[tokio::test(start_paused = true)]
    async fn permanent_errors_are_returned_at_once() {
        let (service, calls) = scripted(vec![denied(), busy()]);
        let start = Instant::now();
        let err = ServiceBuilder::new().retry(exact(5)).service(service).oneshot(7).await.unwrap_err();
        assert_eq!(err.name(), "denied");
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn attempts_are_bounded() {
        let (service, calls) = scripted(vec![busy(); 100]);
        let start = Instant::now();
        let result = ServiceBuilder::new().retry(exact(4)).service(service).oneshot(7).await;
        assert!(result.is_err());
        assert_eq!(calls.load(Ordering::Relaxed), 4);
        assert_eq!(start.elapsed(), ms(100 + 200 + 400));
    }

    #[tokio::test(start_paused = true)]
    async fn total_delay_is_bounded() {
        let (service, calls) = scripted(vec![busy(); 100]);
        let start = Instant::now();
        let policy = exact(100).with_max_total_delay(ms(250));
        assert!(ServiceBuilder::new().retry(policy).service(service).oneshot(7).await.is_err());
        // 100, then 200 would make 300 > 250.
        assert_eq!(calls.load(Ordering::Relaxed), 2);
        assert_eq!(start.elapsed(), ms(100));
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_is_the_minimum_delay() {
        let (service, calls) = scripted(vec![busy_for(ms(3000)), busy()]);
        let start = Instant::now();
        assert_eq!(ServiceBuilder::new().retry(exact(5)).service(service).oneshot(7).await.unwrap(), 7);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert_eq!(start.elapsed(), ms(3000 + 200));

        let (service, calls) = scripted(vec![busy_for(ms(3000)), busy()]);
        let policy = exact(5).with_max_retry_after(ms(2999));
        let err = ServiceBuilder::new().retry(policy).service(service).oneshot(7).await.unwrap_err();
        assert_eq!(err.retry_after(), Some(ms(3000)));
        assert_eq!(calls.load(Ordering::Relaxed), 1);
    }

    /// tower's usual error type, `Box<dyn Error + Send + Sync>`, through
    /// `classify`.
    #[tokio::test(start_paused = true)]
    async fn boxed_errors() {
        let calls = Arc::new(AtomicU32::new(0));
        let counter = calls.clone();
        let service = tower::service_fn(move |req: u32| {
            let call = counter.fetch_add(1, Ordering::Relaxed);
            std::future::ready(match call {
                0 => Err::<u32, BoxError>(Box::new(io::Error::from(io::ErrorKind::ConnectionReset))),
                1 => Err(Box::new(io::Error::other(busy_for(ms(1000)))) as BoxError),
                2 => Err("says nothing".into()),
                _ => Ok(req),
            })
        });
        let start = Instant::now();
        let err = ServiceBuilder::new().retry(exact(10)).service(service).oneshot(7).await.unwrap_err();
        assert_eq!(err.to_string(), "says nothing");
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert_eq!(start.elapsed(), ms(100 + 1000));
    }

    /// Every request starts with the full number of attempts.
    #[tokio::test(start_paused = true)]
    async fn each_request_starts_afresh() {
        let calls = Arc::new(AtomicU32::new(0));
        let counter = calls.clone();
        // Two failures, then a success, over and over.
        let service = tower::service_fn(move |req: u32| {
            let call = counter.fetch_add(1, Ordering::Relaxed);
            std::future::ready(if call % 3 == 2 { Ok(req) } else { Err(busy()) })
        });
        let mut service = ServiceBuilder::new().retry(exact(3)).service(service);
        for req in 0..4 {
            let answer = service.ready().await.unwrap().call(req).await.unwrap();
            assert_eq!(answer, req);
        }
        assert_eq!(calls.load(Ordering::Relaxed), 12);
    }

    /// A response is never retried, whatever it holds.
    #[tokio::test(start_paused = true)]
    async fn responses_are_not_retried() {
        let mut policy = exact(5);
        let mut result: Result<u32, ErrorResult> = Ok(1);
        assert!(Policy::retry(&mut policy, &mut 0_u32, &mut result).is_none());
        assert_eq!(Policy::<u32, u32, ErrorResult>::clone_request(&mut policy, &9), Some(9));
    }

    #[tokio::test(start_paused = true)]
    async fn delay_sleeps_on_the_tokio_clock() {
        for delay in [Duration::ZERO, Duration::from_nanos(1), ms(1), ms(1500), Duration::from_secs(86_400)] {
            let start = Instant::now();
            Delay::new(delay).await;
            assert!(start.elapsed() >= delay && start.elapsed() <= delay + ms(1), "{delay:?}");
        }
        assert!(format!("{:?}", Delay::new(ms(1))).starts_with("Delay"));
    }
}

/// Google's AIP-194, row by row: a status or response its server did not
/// classify, decoded as a client sees it, retried (or not) by both retry
/// crates, for a call that is idempotent and one that is not.
#[cfg(all(feature = "backon", feature = "tower", feature = "tonic"))]
mod aip_194 {
    use super::*;
    use Idempotency::{Idempotent, NotIdempotent};
    use backon::ConstantBuilder;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    use tower::{ServiceBuilder, ServiceExt};

    /// A plain status with `RetryInfo` of one second, or without details.
    fn status(code: tonic::Code, retry_info: bool) -> tonic::Status {
        if !retry_info {
            return tonic::Status::new(code, "from a server that does not use errdsl");
        }
        let details = tonic_types::ErrorDetails::with_retry_info(Some(Duration::from_secs(1)));
        <tonic::Status as tonic_types::StatusExt>::with_error_details(code, "with RetryInfo", details)
    }

    /// A bodiless response, with `Retry-After: 1` or without.
    fn response(status: u16, retry_after: bool) -> ErrorResult {
        let mut headers = http::HeaderMap::new();
        if retry_after {
            headers.insert(http::header::RETRY_AFTER, http::HeaderValue::from_static("1"));
        }
        ErrorResult::from_http_response(http::StatusCode::from_u16(status).unwrap(), &headers, b"")
    }

    /// The rows: the decoded error, and whether it is retried when the call
    /// is not idempotent, and when it is.
    fn rows() -> Vec<(String, ErrorResult, bool, bool)> {
        use tonic::Code as C;
        let mut rows = Vec::new();
        for (code, retry_info, plain, idempotent) in [
            (C::Unavailable, false, true, true),
            (C::DeadlineExceeded, false, false, true),
            (C::ResourceExhausted, false, false, false),
            (C::ResourceExhausted, true, true, true),
            (C::Aborted, false, false, false),
            (C::Aborted, true, false, false),
            (C::InvalidArgument, false, false, false),
            (C::Internal, false, false, false),
        ] {
            let err = ErrorResult::from_grpc_status(&status(code, retry_info));
            rows.push((format!("gRPC {code:?}, RetryInfo: {retry_info}"), err, plain, idempotent));
        }
        for (status, retry_after, plain, idempotent) in [
            (503, false, true, true),
            (502, false, true, true),
            (504, false, false, true),
            (408, false, false, true),
            (429, false, false, false),
            (429, true, true, true),
            (409, false, false, false),
            (500, false, false, false),
        ] {
            let err = response(status, retry_after);
            rows.push((format!("HTTP {status}, Retry-After: {retry_after}"), err, plain, idempotent));
        }
        // A server's declared flags win over the table.
        let declared = ErrorResult::builder("conflict", Code::Aborted).temporary(true).build();
        let from_server = ErrorResult::from_grpc_status(&tonic::Status::from(declared));
        rows.push(("gRPC Aborted declared temporary".to_owned(), from_server, true, true));
        rows
    }

    /// How many calls an operation failing with `err` every time gets, out
    /// of 3 attempts, and how long that takes.
    async fn backon_calls(err: &ErrorResult, call: Idempotency) -> (u32, Duration) {
        let calls = AtomicU32::new(0);
        let op = || async {
            calls.fetch_add(1, Ordering::Relaxed);
            Err::<(), _>(err.clone())
        };
        let start = tokio::time::Instant::now();
        let backoff = ConstantBuilder::new().with_delay(Duration::from_millis(10)).with_max_times(2);
        assert!(with_backon(op, backoff, call).await.is_err());
        (calls.load(Ordering::Relaxed), start.elapsed())
    }

    async fn tower_calls(err: &ErrorResult, call: Idempotency) -> u32 {
        let calls = Arc::new(AtomicU32::new(0));
        let counter = calls.clone();
        let err = err.clone();
        let service = tower::service_fn(move |(): ()| {
            counter.fetch_add(1, Ordering::Relaxed);
            std::future::ready(Err::<(), _>(err.clone()))
        });
        let policy = TemporaryPolicy::new(3).with_min_delay(Duration::from_millis(10)).with_idempotency(call);
        assert!(ServiceBuilder::new().retry(policy).service(service).oneshot(()).await.is_err());
        calls.load(Ordering::Relaxed)
    }

    #[tokio::test(start_paused = true)]
    async fn every_row_with_and_without_idempotency() {
        for (row, err, plain, idempotent) in rows() {
            for (call, retried) in [(NotIdempotent, plain), (Idempotent, idempotent)] {
                let want = if retried { 3 } else { 1 };
                assert_eq!(is_retryable(&err, call), retried, "{row}, {call:?}");
                let (calls, waited) = backon_calls(&err, call).await;
                assert_eq!(calls, want, "backon: {row}, {call:?}");
                if retried && err.retry_after().is_some() {
                    // The server's delay is honoured between the attempts.
                    assert!(waited >= Duration::from_secs(2), "backon: {row}: waited {waited:?}");
                }
                assert_eq!(tower_calls(&err, call).await, want, "tower: {row}, {call:?}");
            }
        }
    }
}
