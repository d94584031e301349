//! What every transport does first with an error it is about to send:
//! capture it under a fresh id, for a fault log what must not leave the
//! process, and (feature `opentelemetry`) mark the current span.

use crate::model::error_result::ErrorResult;
use crate::model::error_result::Outgoing;
use crate::model::id::Id;
use crate::model::service_error::ServiceError;
use std::error::Error;

/// The transport an error leaves through, which says what is the server's
/// fault on a span: a 5xx status over HTTP, a server-side code over gRPC and
/// Connect (`UNKNOWN`, `DEADLINE_EXCEEDED`, `UNIMPLEMENTED`, `INTERNAL`,
/// `UNAVAILABLE`, `DATA_LOSS`: [`Code::is_server_side`](crate::Code::is_server_side)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    not(all(feature = "serde", feature = "tonic")),
    allow(dead_code, reason = "each transport needs its feature: `serde` for HTTP, `tonic` for RPC")
)]
pub(crate) enum Transport {
    Http,
    Rpc,
}

/// Sends `err` off under a fresh id ([`send_off`]) and hands it to `write`
/// as it leaves ([`Outgoing::of`]): where nothing keeps the error, nothing
/// is copied into an [`ErrorResult`].
pub(crate) fn send_for_wire<E: ServiceError + ?Sized, T>(
    err: &E,
    transport: Transport,
    write: impl FnOnce(Outgoing<'_>) -> T,
) -> T {
    let id = Id::new();
    let id = id.as_str();
    send_off(id, err, transport);
    write(Outgoing::of(&err, id))
}

/// Captures `err` for the wire ([`ErrorResult::from_service_error`]) and
/// sends it off ([`send_off`], under the new id), for a transport that
/// keeps it.
#[cfg_attr(not(feature = "restate"), allow(dead_code, reason = "only restate keeps what it sends"))]
pub(crate) fn capture_for_wire<E: ServiceError + ?Sized>(err: &E, transport: Transport) -> ErrorResult {
    let result = ErrorResult::from_service_error(err);
    send_off(result.id(), err, transport);
    result
}

/// What happens to every error as it leaves: a fault is logged at `ERROR`
/// level through `tracing` with `id`, its name, `Display` text and full
/// source chain (that log line is the only place its details go, and the id
/// the client gets finds it); the current span gets the error's name as
/// `error.type`, and an error status when the error is the server's.
pub(crate) fn send_off<E: ServiceError + ?Sized>(id: &str, err: &E, transport: Transport) {
    if err.is_fault() {
        log_fault(id, err);
    }
    mark_span(err, transport);
}

/// Logs a fault at `ERROR` level under `id`, with OpenTelemetry's semantic
/// convention names: `error.type` (the wire name), `exception.message` (the
/// `Display` text), the source chain, and where the error was made when it
/// records it ([`ServiceError::location`]: `code.file.path`,
/// `code.line.number`, `code.column.number`), which never leave the
/// process any other way.
fn log_fault<E: ServiceError + ?Sized>(id: &str, err: &E) {
    let location = err.location();
    tracing::error!(
        error.id = id,
        error.type = err.name(),
        exception.message = %err,
        error.sources = %SourceChain(err.source()),
        code.file.path = location.map(std::panic::Location::file),
        code.line.number = location.map(std::panic::Location::line),
        code.column.number = location.map(std::panic::Location::column),
        "service fault"
    );
}

/// Sets OpenTelemetry's `error.type` on the current span (a low-cardinality
/// attribute: the wire name), and its status to error only when the error
/// is the server's, so that a client's mistake pages no one.
#[cfg(feature = "opentelemetry")]
fn mark_span<E: ServiceError + ?Sized>(err: &E, transport: Transport) {
    use tracing_opentelemetry::OpenTelemetrySpanExt as _;
    // Without a subscriber there is no span to mark.
    if !tracing::dispatcher::has_been_set() {
        return;
    }
    let span = tracing::Span::current();
    if span.is_disabled() {
        return;
    }
    span.set_attribute("error.type", err.name().to_owned());
    let server_side = match transport {
        Transport::Http => err.http_status().is_server_error(),
        Transport::Rpc => err.code().is_server_side(),
    };
    if server_side {
        span.set_status(opentelemetry::trace::Status::error(err.name().to_owned()));
    }
}

#[cfg(not(feature = "opentelemetry"))]
fn mark_span<E: ServiceError + ?Sized>(_: &E, _: Transport) {}

/// The source chain of an error, displayed as `a: b: c`.
struct SourceChain<'a>(Option<&'a (dyn Error + 'static)>);

impl std::fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `source()` only, not `chain`'s step into the error an
        // `io::Error` wraps: the `io::Error` displays that error's text
        // already, which the log would repeat. Bounded as `chain` is.
        let chain =
            std::iter::successors(self.0, |&err| err.source()).take(crate::policy::source_chain::MAX_DEPTH);
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
    use crate::model::code::Code;

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
        let captured = capture_for_wire(&err, Transport::Http);
        assert_eq!(captured.name(), "db_down");
        assert!(captured.is_fault());
        assert_ne!(captured.id(), "abcdEFGH");
    }
}
