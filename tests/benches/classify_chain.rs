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
//! the kinds the service cares about. The two are checked to agree on every
//! chain before anything is timed. One iteration classifies one chain.

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
                TimedOut => return Classification::new(Code::DeadlineExceeded, true, true),
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
    }
}

fn classify_chain(c: &mut Criterion) {
    assert_twins_agree();
    for (name, err) in chains() {
        let err: &(dyn Error + 'static) = err.as_ref();
        let mut group = c.benchmark_group(name);
        group.bench_function("errdsl", |b| b.iter(|| errdsl::classify(black_box(err))));
        group.bench_function("hand", |b| b.iter(|| hand_classify(black_box(err))));
        group.finish();
    }
}

criterion_group!(benches, classify_chain);
criterion_main!(benches);
