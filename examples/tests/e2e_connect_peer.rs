//! The divider's Connect errors as a client no one here wrote reads them:
//! `buf curl` (Buf's CLI, in Go, on connect-go), compiling
//! `proto/divider.proto` itself and calling the Connect routes with binary
//! protobuf. For every divider error (but the HTTP-only one) the error it
//! prints has the code, message and details the gRPC transport sends for
//! the same call, and decodes back into the same variant.
//!
//! It needs the peer: `scripts/connect-peer.sh install`, then
//! `eval "$(scripts/connect-peer.sh env)"` before building. Without it the
//! test is reported ignored, with the reason; `.ci/run` installs the peer
//! and checks that it ran.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use base64::Engine as _;
use common::details::{comparable, grpc_details, without_id};
use errdsl::{ErrorResult, ServiceError};
use errdsl_examples::divider::grpc::{DividerClient, pb};
use errdsl_examples::divider::{DEMO_TOKEN, DivideError, IntegerDivideError, Running, SLOW_DIVIDEND};
use serde_json::{Value, json};

/// One call: the method, its JSON request, and the `authorization` to send.
struct Call {
    method: &'static str,
    request: Value,
    authorization: Option<&'static str>,
}

impl Call {
    const fn new(method: &'static str, request: Value) -> Self {
        Call { method, request, authorization: None }
    }

    /// The error `buf curl` prints for this call: its exit status is not 0,
    /// and the error is Connect's error JSON on stderr.
    async fn buf_curl(&self, servers: &Running) -> Value {
        let buf = std::env::var("ERRDSL_CONNECT_PEER").expect(
            "ERRDSL_CONNECT_PEER was set when this test was built; run eval \"$(scripts/connect-peer.sh env)\"",
        );
        let proto = Path::new(env!("CARGO_MANIFEST_DIR")).join("proto/divider.proto");
        let url = format!("{}/divider.Divider/{}", servers.http_url(), self.method);
        let mut command = Command::new(buf);
        command.args(["curl", "--protocol", "connect", "--schema"]).arg(proto);
        command.arg("--data").arg(self.request.to_string());
        if let Some(value) = self.authorization {
            command.arg("--header").arg(format!("authorization: {value}"));
        }
        command.arg(url);
        let output =
            tokio::task::spawn_blocking(move || command.output().expect("run buf curl")).await.unwrap();
        assert!(
            !output.status.success(),
            "{} succeeded: {}",
            self.method,
            String::from_utf8_lossy(&output.stdout)
        );
        serde_json::from_slice(&output.stderr)
            .unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(&output.stderr)))
    }

    /// A gRPC request with the call's `authorization`.
    fn with_auth<T>(&self, message: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        if let Some(value) = self.authorization {
            request.metadata_mut().insert("authorization", value.parse().expect("ASCII"));
        }
        request
    }

    /// The status the gRPC transport sends for the same call.
    async fn grpc(&self, servers: &Running) -> tonic::Status {
        let mut client = DividerClient::connect(servers.grpc_url()).await.expect("connect over gRPC");
        let (a, b) = (&self.request["a"], &self.request["b"]);
        if self.method == "IntegerDivide" {
            let to_i32 = |v: &Value| i32::try_from(v.as_i64().expect("an integer")).expect("an i32");
            let request = self.with_auth(pb::IntegerDivideRequest { a: to_i32(a), b: to_i32(b) });
            client.integer_divide(request).await.expect_err("an error")
        } else {
            let to_f64 = |v: &Value| v.as_f64().expect("a number");
            let request = self.with_auth(pb::DivideRequest { a: to_f64(a), b: to_f64(b) });
            client.divide(request).await.expect_err("an error")
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_connect_peer),
    ignore = "needs the Connect peer: scripts/connect-peer.sh install, then eval \"$(scripts/connect-peer.sh env)\""
)]
async fn buf_curl_reads_every_error_as_over_grpc() {
    let servers = common::servers().await;
    let maintenance = common::maintenance_servers().await;
    let calls = [
        (&servers, Call::new("IntegerDivide", json!({"a": 7, "b": 0}))),
        (&servers, Call::new("IntegerDivide", json!({"a": 7, "b": 2}))),
        (&servers, Call::new("IntegerDivide", json!({"a": i32::MIN, "b": -1}))),
        (&servers, Call::new("IntegerDivide", json!({"a": SLOW_DIVIDEND, "b": 1}))),
        (&servers, Call::new("IntegerDivide", json!({"a": 7, "b": 2_000_000}))),
        (
            &servers,
            Call { authorization: Some("Bearer guess"), ..Call::new("Divide", json!({"a": 1, "b": 1})) },
        ),
        (&servers, Call::new("Divide", json!({"a": 1e308, "b": 1e-308}))),
        (
            &maintenance,
            Call { authorization: Some(DEMO_TOKEN), ..Call::new("Divide", json!({"a": 1, "b": 2})) },
        ),
    ];
    let mut seen = BTreeSet::new();
    for (servers, call) in &calls {
        let printed = call.buf_curl(servers).await;
        let status = call.grpc(servers).await;
        let from_grpc = ErrorResult::from_grpc_status(&status);
        let name = from_grpc.name().to_owned();
        let spec = common::spec(&name);

        let code: connectrpc::ErrorCode =
            printed["code"].as_str().expect("a code").parse().unwrap_or_else(|()| panic!("{printed}"));
        assert_eq!(code.grpc_code(), status.code() as u32, "{name}: {printed}");
        assert_eq!(tonic::Code::from(spec.code), status.code(), "{name}");

        let body = serde_json::to_vec(&printed).unwrap();
        let decoded = ErrorResult::from_connect_response(code.http_status().as_u16(), &body);
        assert_eq!(decoded.name(), name, "{printed}");
        let message = printed["message"].as_str().expect("a message");
        assert_eq!(without_id(message, decoded.id()), without_id(status.message(), from_grpc.id()), "{name}");

        let details: Vec<(String, String)> = printed["details"]
            .as_array()
            .expect("details")
            .iter()
            .map(|detail| {
                let value = detail["value"].as_str().expect("a value");
                let bytes = base64::engine::general_purpose::STANDARD_NO_PAD.decode(value).expect("base64");
                comparable(detail["type"].as_str().expect("a type"), &bytes)
            })
            .collect();
        assert_eq!(details, grpc_details(&status), "{name}");
        assert_eq!(
            (decoded.is_temporary(), decoded.is_timeout(), decoded.is_fault()),
            (spec.temporary, spec.timeout, spec.fault),
            "{name}"
        );

        let typed = if call.method == "IntegerDivide" {
            IntegerDivideError::try_from(decoded).map(|err| err.to_string())
        } else {
            DivideError::try_from(decoded).map(|err| err.to_string())
        };
        let from_grpc_typed = if call.method == "IntegerDivide" {
            IntegerDivideError::try_from(from_grpc).map(|err| err.to_string())
        } else {
            DivideError::try_from(from_grpc).map(|err| err.to_string())
        };
        let typed = typed.unwrap_or_else(|err| panic!("{name} does not decode: {err:?}"));
        assert_eq!(Some(typed), from_grpc_typed.ok(), "{name}: the same variant, the same fields");
        common::assert_no_secret("what buf curl printed", printed.to_string().as_bytes());
        seen.insert(name);
    }
    assert_eq!(seen, common::rpc_names());
}
