//! `errdsl::classify` over a source chain, against the hand-written walk it
//! replaces.
//!
//! Run with:
//!
//! ```text
//! cargo bench -p errdsl-tests --bench classify_chain
//! ```
//!
//! (append `-- --warm-up-time 1 --measurement-time 3` for a quicker run).
//!
//! The chains are five errors deep, as a service's errors are: a handler
//! error wraps a service error, which wraps a repository error, which wraps
//! a pool error, which wraps the error that happened. That last one is an
//! `std::io::Error` (`ConnectionRefused`: temporary, `Unavailable`) or an
//! error nothing knows (`Opaque`: `Unknown`). **errdsl** is
//! `errdsl::classify(&err)`: at each error of the chain it tries every row
//! of its table of known types (a downcast each) and steps into the error an
//! `io::Error` wraps. **hand** is what a careful human writes for the same
//! answers: walk `source()`, downcast each error to `io::Error`, `match` on
//! the kinds the service cares about. **fair** recognises by hand what
//! errdsl recognises with the features errdsl-tests builds it with: the same
//! 25 types in the same order, each by a `downcast_ref`/`is`, stepping into
//! the error an `io::Error` wraps, on the same depth bound. What a recognised
//! `ErrorResult`, `tonic::Status`, `reqwest::Error` or `serde_json::Error`
//! says is read through errdsl (its own reading of that error alone): the
//! dispatch is what is hand-written, and what the chains here time. The
//! twins are checked to agree on every chain before anything is timed. One
//! iteration classifies one chain.

use std::error::Error;
use std::hint::black_box;
use std::io;

use criterion::{Criterion, criterion_group, criterion_main};
use errdsl::{Classification, Code};

/// The outermost error: what a handler returns.
#[derive(Debug, thiserror::Error)]
#[error("handler failed")]
pub struct HandlerError(#[source] ServiceLayerError);

/// What the service layer returns.
#[derive(Debug, thiserror::Error)]
#[error("service failed")]
pub struct ServiceLayerError(#[source] RepoError);

/// What the repository returns.
#[derive(Debug, thiserror::Error)]
#[error("repository failed")]
pub struct RepoError(#[source] PoolError);

/// What the connection pool returns: the error that happened, boxed.
#[derive(Debug, thiserror::Error)]
#[error("pool failed")]
pub struct PoolError(#[source] Box<dyn Error + Send + Sync>);

/// An error neither errdsl nor the hand-written walk knows.
#[derive(Debug, thiserror::Error)]
#[error("something opaque")]
pub struct Opaque;

/// A chain of five: four layers around `cause`.
fn chain(cause: Box<dyn Error + Send + Sync>) -> HandlerError {
    HandlerError(ServiceLayerError(RepoError(PoolError(cause))))
}

/// The hand-written classification: the first `io::Error` of the chain, by
/// the kinds that matter here.
fn hand_classify(err: &(dyn Error + 'static)) -> Classification {
    let mut next = Some(err);
    while let Some(err) = next {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            use io::ErrorKind::{
                BrokenPipe, ConnectionAborted, ConnectionRefused, ConnectionReset, NotConnected, NotFound,
                PermissionDenied, TimedOut,
            };
            match io.kind() {
                // Not temporary: the call may have taken effect (AIP-194).
                TimedOut => return Classification::new(Code::DeadlineExceeded, false, true),
                ConnectionRefused | ConnectionReset | ConnectionAborted | NotConnected | BrokenPipe => {
                    return Classification::new(Code::Unavailable, true, false);
                }
                NotFound => return Classification::new(Code::NotFound, false, false),
                PermissionDenied => return Classification::new(Code::PermissionDenied, false, false),
                _ => {}
            }
        }
        next = err.source();
    }
    Classification::UNKNOWN
}

/// The fair twin: errdsl's 25 types, by hand, in errdsl's order; the first
/// informative answer of the chain, outermost first.
fn fair_classify(err: &(dyn Error + 'static)) -> Classification {
    let mut next = Some(err);
    for _ in 0..64 {
        let Some(err) = next else { break };
        if let Some(class) = fair_one(err).filter(|class| *class != Classification::UNKNOWN) {
            return class;
        }
        next = match err.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
            Some(inner) => Some(inner),
            None => err.source(),
        };
    }
    Classification::UNKNOWN
}

/// What one error of the chain says, if its type is one errdsl knows.
fn fair_one(err: &(dyn Error + 'static)) -> Option<Classification> {
    use std::{array, char, net, num, str, string};
    const INVALID: Classification = Classification::new(Code::InvalidArgument, false, false);
    if let Some(result) = err.downcast_ref::<errdsl::ErrorResult>() {
        return Some(Classification::of(result));
    }
    if let Some(io) = err.downcast_ref::<io::Error>() {
        return Some(hand_classify(io)).filter(|class| *class != Classification::UNKNOWN);
    }
    let invalid = err.is::<num::ParseIntError>()
        || err.is::<num::ParseFloatError>()
        || err.is::<num::TryFromIntError>()
        || err.is::<str::ParseBoolError>()
        || err.is::<str::Utf8Error>()
        || err.is::<string::FromUtf8Error>()
        || err.is::<string::FromUtf16Error>()
        || err.is::<char::ParseCharError>()
        || err.is::<char::CharTryFromError>()
        || err.is::<char::DecodeUtf16Error>()
        || err.is::<net::AddrParseError>()
        || err.is::<array::TryFromSliceError>()
        || err.is::<http::Error>()
        || err.is::<http::uri::InvalidUri>()
        || err.is::<http::uri::InvalidUriParts>()
        || err.is::<http::header::InvalidHeaderName>()
        || err.is::<http::header::InvalidHeaderValue>()
        || err.is::<http::header::ToStrError>()
        || err.is::<http::method::InvalidMethod>()
        || err.is::<http::status::InvalidStatusCode>();
    if invalid {
        return Some(INVALID);
    }
    if let Some(status) = err.downcast_ref::<tonic::Status>() {
        return Some(errdsl::classify(status));
    }
    if let Some(reqwest) = err.downcast_ref::<reqwest::Error>() {
        return Some(errdsl::classify(reqwest));
    }
    if let Some(json) = err.downcast_ref::<serde_json::Error>() {
        return Some(errdsl::classify(json));
    }
    None
}

/// The chains, by name.
fn chains() -> Vec<(&'static str, Box<dyn Error + Send + Sync>)> {
    vec![
        ("io_at_depth_5", Box::new(chain(Box::new(io::Error::from(io::ErrorKind::ConnectionRefused))))),
        ("unknown_at_depth_5", Box::new(chain(Box::new(Opaque)))),
        ("io_alone", Box::new(io::Error::from(io::ErrorKind::ConnectionRefused))),
    ]
}

fn assert_twins_agree() {
    let expected = [
        Classification::new(Code::Unavailable, true, false),
        Classification::UNKNOWN,
        Classification::new(Code::Unavailable, true, false),
    ];
    for ((name, err), expected) in chains().iter().zip(expected) {
        let err: &(dyn Error + 'static) = err.as_ref();
        assert_eq!(errdsl::classify(err), expected, "errdsl, {name}");
        assert_eq!(hand_classify(err), expected, "hand, {name}");
        assert_eq!(fair_classify(err), expected, "fair, {name}");
    }
}

/// The fair twin knows what errdsl knows: one error of each kind of type,
/// at depth 5.
fn assert_fair_twin_knows_the_same_types() {
    let samples: Vec<Box<dyn Error + Send + Sync>> = vec![
        Box::new(errdsl::ErrorResult::new("quota", Code::ResourceExhausted, "slow down")),
        Box::new(io::Error::from(io::ErrorKind::TimedOut)),
        Box::new("x".parse::<u8>().unwrap_err()),
        Box::new(String::from_utf8(vec![0xff]).unwrap_err()),
        Box::new("bad uri\u{0}".parse::<http::Uri>().unwrap_err()),
        Box::new(http::header::HeaderValue::from_bytes(b"\n").unwrap_err()),
        Box::new(tonic::Status::unavailable("draining")),
        Box::new(serde_json::from_str::<u8>("{").unwrap_err()),
    ];
    for cause in samples {
        let shown = cause.to_string();
        let err = chain(cause);
        let expected = errdsl::classify(&err);
        assert_ne!(expected, Classification::UNKNOWN, "errdsl knows {shown}");
        assert_eq!(fair_classify(&err), expected, "fair, {shown}");
    }
    assert_eq!(fair_classify(&chain(Box::new(Opaque))), Classification::UNKNOWN);
}

fn classify_chain(c: &mut Criterion) {
    assert_twins_agree();
    assert_fair_twin_knows_the_same_types();
    for (name, err) in chains() {
        let err: &(dyn Error + 'static) = err.as_ref();
        let mut group = c.benchmark_group(name);
        group.bench_function("errdsl", |b| b.iter(|| errdsl::classify(black_box(err))));
        group.bench_function("hand", |b| b.iter(|| hand_classify(black_box(err))));
        group.bench_function("fair", |b| b.iter(|| fair_classify(black_box(err))));
        group.finish();
    }
}

criterion_group!(benches, classify_chain);
criterion_main!(benches);
