//! What every transport does first with an error it is about to send:
//! capture it under a fresh id and, for a fault, log what must not leave the
//! process.

use std::error::Error;

use crate::{ErrorResult, ServiceError};

/// Captures `err` for the wire ([`ErrorResult::from_service_error`]). A
/// fault is logged at `ERROR` level through `tracing` with its id, name,
/// `Display` text and full source chain: that log line is the only place
/// its details go, and the id the client gets finds it.
pub(crate) fn capture_for_wire<E: ServiceError + ?Sized>(err: &E) -> ErrorResult {
    let result = ErrorResult::from_service_error(err);
    if result.is_fault() {
        log_fault(result.id(), err);
    }
    result
}

/// Logs a fault at `ERROR` level under `id`: its name, `Display` text and
/// source chain, which never leave the process any other way.
pub(crate) fn log_fault<E: ServiceError + ?Sized>(id: &str, err: &E) {
    tracing::error!(
        error.id = id,
        error.name = err.name(),
        error.message = %err,
        error.sources = %SourceChain(err.source()),
        "service fault"
    );
}

/// The source chain of an error, displayed as `a: b: c`.
struct SourceChain<'a>(Option<&'a (dyn Error + 'static)>);

impl std::fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `source()` only, not `chain`'s step into the error an
        // `io::Error` wraps: the `io::Error` displays that error's text
        // already, which the log would repeat. Bounded as `chain` is.
        let chain = std::iter::successors(self.0, |&err| err.source()).take(crate::chain::MAX_DEPTH);
        for (i, err) in chain.enumerate() {
            if i > 0 {
                f.write_str(": ")?;
            }
            write!(f, "{err}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Code;

    #[test]
    fn source_chain_joins_every_source() {
        let io = std::io::Error::other("disk sdb1 full");
        let inner = ErrorResult::new("store", Code::Internal, "store failed").with_source(io);
        let outer = ErrorResult::new("divide", Code::Internal, "divide failed").with_source(inner);
        assert_eq!(SourceChain(outer.source()).to_string(), "store failed: disk sdb1 full");
        assert_eq!(SourceChain(None).to_string(), "");
    }

    #[test]
    fn capture_keeps_the_answers_under_a_fresh_id() {
        let err = ErrorResult::builder("db_down", Code::Internal).fault(true).id("abcdEFGH").build();
        let captured = capture_for_wire(&err);
        assert_eq!(captured.name(), "db_down");
        assert!(captured.is_fault());
        assert_ne!(captured.id(), "abcdEFGH");
    }
}
