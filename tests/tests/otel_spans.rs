//! Errors leaving through a transport mark the current span, read from
//! real exported spans (tracing-opentelemetry into the OpenTelemetry SDK's
//! in-memory exporter): `error.type` is the wire name, and the span's
//! status is an error only for the server's errors (5xx over HTTP;
//! `UNKNOWN`, `DEADLINE_EXCEEDED`, `UNIMPLEMENTED`, `INTERNAL`,
//! `UNAVAILABLE`, `DATA_LOSS` over gRPC and Connect), so that a client's
//! mistake pages no one.
#![cfg(feature = "transports")]

use errdsl::http::{self, BodyFormat};
use errdsl::{Code, ErrorResult};
use opentelemetry::trace::{Status, TracerProvider as _};
use opentelemetry::{Key, Value};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tracing_subscriber::prelude::*;

errdsl::errors! {
    pub enum ApiError {
        #[error("no user {0}")]
        #[service_error(http = 404)]
        NoUser(u32),
        #[error("database at 10.0.0.7 refused")]
        #[service_error(fault)]
        DbDown,
        #[error("the computation took too long")]
        #[service_error(timeout, temporary)]
        TooSlow,
        #[error("slow down")]
        #[service_error(grpc = ResourceExhausted, temporary, retry_after_secs = 1)]
        RateLimited,
    }
}

/// The one span exported while `send` ran inside it.
fn span_of(send: impl FnOnce()) -> SpanData {
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder().with_simple_exporter(exporter.clone()).build();
    let subscriber = tracing_subscriber::registry()
        .with(tracing_opentelemetry::layer().with_tracer(provider.tracer("errdsl")));
    tracing::subscriber::with_default(subscriber, || {
        let span = tracing::info_span!("request");
        let _entered = span.enter();
        send();
    });
    provider.force_flush().expect("flush the spans");
    let mut spans = exporter.get_finished_spans().expect("the exported spans");
    assert_eq!(spans.len(), 1, "{spans:?}");
    spans.remove(0)
}

fn error_type(span: &SpanData) -> Option<&Value> {
    span.attributes.iter().find(|kv| kv.key == Key::from_static_str("error.type")).map(|kv| &kv.value)
}

fn is_error(span: &SpanData) -> bool {
    matches!(span.status, Status::Error { .. })
}

#[test]
fn a_client_error_names_itself_and_leaves_the_status_alone() {
    for span in [
        span_of(|| drop(http::response(&ApiError::no_user(7), BodyFormat::Goa))),
        span_of(|| drop(tonic::Status::from(ApiError::no_user(7)))),
        span_of(|| drop(connectrpc::ConnectError::from(ApiError::no_user(7)))),
        span_of(|| drop(tonic::Status::from(ApiError::rate_limited()))),
    ] {
        assert!(error_type(&span).is_some(), "{span:?}");
        assert_eq!(span.status, Status::Unset, "{span:?}");
    }
    let span = span_of(|| drop(http::response(&ApiError::no_user(7), BodyFormat::Problem)));
    assert_eq!(error_type(&span), Some(&Value::from("no_user")));
}

#[test]
fn a_fault_and_a_timeout_are_the_servers_errors() {
    for (name, span) in [
        ("db_down", span_of(|| drop(http::response(&ApiError::db_down(), BodyFormat::Goa)))),
        ("db_down", span_of(|| drop(tonic::Status::from(ApiError::db_down())))),
        ("too_slow", span_of(|| drop(http::response(&ApiError::too_slow(), BodyFormat::Goa)))),
        ("too_slow", span_of(|| drop(connectrpc::ConnectError::from(ApiError::too_slow())))),
        (
            "unavailable",
            span_of(|| drop(tonic::Status::from(ErrorResult::new("unavailable", Code::Unavailable, "x")))),
        ),
    ] {
        assert_eq!(error_type(&span), Some(&Value::from(name)), "{span:?}");
        assert!(is_error(&span), "{name}: {span:?}");
        // The status says which error, never the fault's text.
        assert!(!format!("{:?}", span.status).contains("10.0.0.7"), "{span:?}");
    }
}

#[test]
fn the_fault_log_uses_semantic_convention_names() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
    let status = tracing::subscriber::with_default(subscriber, || tonic::Status::from(ApiError::db_down()));
    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    let id = ErrorResult::from_grpc_status(&status).id().to_owned();
    assert!(log.contains(&format!("error.id=\"{id}\"")) || log.contains(&format!("error.id={id}")), "{log}");
    assert!(log.contains("error.type=\"db_down\"") || log.contains("error.type=db_down"), "{log}");
    assert!(log.contains("exception.message=database at 10.0.0.7 refused"), "{log}");
}
