//! The servers' log: `tracing`'s text lines on stderr, written by a thread
//! of their own, as a production service writes its log, so that a request
//! that logs (every fault does) does not wait for the write.

use std::io::IsTerminal;

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};

/// Sends the process's `tracing` events to stderr through a writer thread.
/// Nothing is dropped: when the thread falls behind, a request that logs
/// waits for it (the load test counts every fault line). Keep the guard
/// until the process ends: dropping it writes out what is still queued.
///
/// # Panics
///
/// When a global `tracing` subscriber is already set.
#[must_use = "dropping the guard stops the writer thread"]
pub fn to_stderr() -> WorkerGuard {
    let (writer, guard) = NonBlockingBuilder::default().lossy(false).finish(std::io::stderr());
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
    guard
}
