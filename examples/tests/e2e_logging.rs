//! The server side of a fault: what the client does not get is in the
//! server's log, under the id the client got, over HTTP, gRPC and Restate
//! (where the log line is the only copy of the fault's report). Its own test binary, so that
//! the global `tracing` subscriber it installs sees only these calls.

mod common;

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use errdsl::{ErrorResult, ServiceError};
use errdsl_examples::divider::grpc::{DividerClient, pb};
use errdsl_examples::divider::{IntegerDivideError, SECRET_MARKER, WorkerFault};
use tracing_subscriber::fmt::MakeWriter;

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}

impl io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// The log lines that mention `id`.
fn lines_with(log: &str, id: &str) -> Vec<String> {
    log.lines().filter(|line| line.contains(id)).map(str::to_owned).collect()
}

#[tokio::test]
async fn faults_are_logged_with_the_id_the_client_got() {
    let captured = Captured::default();
    tracing_subscriber::fmt().with_writer(captured.clone()).with_ansi(false).init();
    let servers = common::servers().await;

    // HTTP.
    let response =
        reqwest::get(format!("{}/idiv/-2147483648/-1", servers.http_url())).await.expect("a response");
    let http_error = ErrorResult::from_reqwest(response).await;
    assert!(http_error.is_fault());

    // gRPC.
    let mut client = DividerClient::connect(servers.grpc_url()).await.expect("connect");
    let status = client.integer_divide(pb::IntegerDivideRequest { a: i32::MIN, b: -1 }).await.unwrap_err();
    let grpc_error = ErrorResult::from_grpc_status(&status);
    assert!(grpc_error.is_fault());
    assert_ne!(http_error.id(), grpc_error.id());

    // The responses were written after the log lines, so both are there.
    let log = captured.text();
    for id in [http_error.id(), grpc_error.id()] {
        let lines = lines_with(&log, id);
        assert_eq!(lines.len(), 1, "one log line per fault, with its id {id}:\n{log}");
        let line = &lines[0];
        assert!(line.contains("ERROR"), "{line}");
        assert!(line.contains("overflow"), "{line}");
        assert!(line.contains(SECRET_MARKER), "the log has the report the client did not get: {line}");
        assert!(line.contains("node-7"), "{line}");
    }

    // Restate: a handler's fault becomes the failure the engine records,
    // and the log line is the only copy of its report.
    let report = format!("{SECRET_MARKER}: worker node-7 lost its lease");
    let failure = errdsl::restate::Failure::from(IntegerDivideError::overflow(WorkerFault::new(report)));
    let restate_error = failure.error().expect("errdsl captured it").clone();
    assert!(restate_error.is_fault());
    let recorded = restate_sdk::prelude::HandlerError::from(failure);
    common::assert_no_secret("the failure Restate records", format!("{recorded:?}").as_bytes());
    let lines = lines_with(&captured.text(), restate_error.id());
    assert_eq!(lines.len(), 1, "one log line for the Restate fault, with its id");
    assert!(lines[0].contains("ERROR") && lines[0].contains(SECRET_MARKER), "{}", lines[0]);

    // Errors that are not faults are not logged as faults.
    let response = reqwest::get(format!("{}/idiv/7/0", servers.http_url())).await.expect("a response");
    let not_a_fault = ErrorResult::from_reqwest(response).await;
    assert!(!not_a_fault.is_fault());
    assert!(lines_with(&captured.text(), not_a_fault.id()).is_empty());
}
