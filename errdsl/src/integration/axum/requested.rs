//! The body format the enclosing middleware sends, known to the
//! `IntoResponse` impls while the handler runs, so that an error response
//! is encoded once, in that format, rather than in Goa's and then again.
//!
//! A thread-local set around each poll of the inner service's future
//! (what `tokio::task_local!` does, written here so that the `axum`
//! feature needs no runtime of its own): a response made while that
//! future is polled sees the format; one made elsewhere (in a spawned
//! task) sees none, is encoded in Goa's format and re-encoded, as before.

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::pin;

use crate::transport::http::BodyFormat;

thread_local! {
    static REQUESTED: Cell<Option<BodyFormat>> = const { Cell::new(None) };
}

/// Puts back the format requested before, when dropped (even when a poll
/// panics).
pub(super) struct Restore(Option<BodyFormat>);

impl Drop for Restore {
    fn drop(&mut self) {
        REQUESTED.set(self.0);
    }
}

/// `format` is the requested format until the guard is dropped.
pub(super) fn enter(format: BodyFormat) -> Restore {
    Restore(REQUESTED.replace(Some(format)))
}

/// `future`, during each poll of which `format` is the requested format.
pub(super) async fn scoped<F: Future>(format: BodyFormat, future: F) -> F::Output {
    let mut future = pin!(future);
    poll_fn(|cx| {
        let _restore = enter(format);
        future.as_mut().poll(cx)
    })
    .await
}

/// The format of the middleware whose inner future is being polled.
pub(super) fn requested() -> Option<BodyFormat> {
    REQUESTED.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_innermost_scope_decides_and_each_is_put_back() {
        assert_eq!(requested(), None);
        let seen = scoped(BodyFormat::Problem, async {
            let outer = requested();
            let inner = scoped(BodyFormat::Goa, async { requested() }).await;
            (outer, inner, requested())
        })
        .await;
        assert_eq!(seen, (Some(BodyFormat::Problem), Some(BodyFormat::Goa), Some(BodyFormat::Problem)));
        assert_eq!(requested(), None);
    }

    #[tokio::test]
    async fn the_format_holds_across_a_pending_poll() {
        let seen = scoped(BodyFormat::Problem, async {
            tokio::task::yield_now().await;
            requested()
        })
        .await;
        assert_eq!(seen, Some(BodyFormat::Problem));
        assert_eq!(requested(), None);
    }
}
