//! The divider's gRPC errors as a client no one here wrote reads them:
//! `peers/grpc/peer.py`, on Python's grpcio (gRPC's C core), grpcio-status
//! and Google's protobuf runtime, compiling the `.proto` files itself. The
//! peer checks what a peer relies on (the status agrees with its details;
//! `details[0]` is Goa's `goapb.ErrorResponse`, or a Goa custom error
//! type's own message; one `ErrorInfo` by AIP-193) and prints what it
//! decoded; this test holds that to the catalog.
//!
//! It needs the peer: `scripts/grpc-peer.sh install`, then
//! `eval "$(scripts/grpc-peer.sh env)"` before building. Without it the test
//! is reported ignored, with the reason; `.ci/run` installs the peer and
//! checks that it ran.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use errdsl_examples::divider::SLOW_DIVIDEND;
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_grpc_peer),
    ignore = "needs the Python gRPC peer: scripts/grpc-peer.sh install, then eval \"$(scripts/grpc-peer.sh env)\""
)]
async fn a_python_grpc_client_reads_every_error_as_declared() {
    let python = std::env::var("ERRDSL_GRPC_PEER").expect(
        "ERRDSL_GRPC_PEER was set when this test was built; run eval \"$(scripts/grpc-peer.sh env)\"",
    );
    let servers = common::servers().await;
    let maintenance = common::maintenance_servers().await;
    let target = servers.grpc_addr().to_string();
    let down = maintenance.grpc_addr().to_string();
    let calls = json!([
        {"label": "div_by_zero", "target": target, "method": "IntegerDivide", "a": 7, "b": 0},
        {"label": "has_remainder", "target": target, "method": "IntegerDivide", "a": 7, "b": 2},
        {"label": "divisor_too_large", "target": target, "method": "IntegerDivide", "a": 7, "b": 2_000_000},
        {"label": "overflow", "target": target, "method": "IntegerDivide", "a": i32::MIN, "b": -1},
        {"label": "timeout", "target": target, "method": "IntegerDivide", "a": SLOW_DIVIDEND, "b": 1},
        {"label": "unauthenticated", "target": target, "method": "Divide", "a": 1.0, "b": 1.0, "authorization": "Bearer guess"},
        {"label": "maintenance", "target": down, "method": "IntegerDivide", "a": 8, "b": 2},
        {"label": "not_finite", "target": target, "method": "Divide", "a": 1e308, "b": 1e-308},
    ]);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg(manifest.join("../peers/grpc/peer.py"))
            .arg("--proto-dir")
            .arg(manifest.join("proto"))
            .arg("--proto-dir")
            .arg(manifest.join("../errdsl/proto"))
            .arg("--calls")
            .arg(calls.to_string())
            .output()
            .expect("run the Python peer")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the peer failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );

    let decoded: Vec<Value> = stdout.lines().map(|line| serde_json::from_str(line).expect("JSON")).collect();
    assert_eq!(decoded.len(), 8, "{stdout}");
    for got in &decoded {
        let name = got["label"].as_str().unwrap();
        let spec = common::spec(name);
        let code = tonic::Code::from(spec.code);
        // grpcio names codes in UPPER_SNAKE_CASE: DEADLINE_EXCEEDED.
        assert_eq!(got["code"], spec.code.as_str().to_ascii_uppercase(), "{name}: {code:?}");
        // A Goa custom error type's message first, where Goa's client looks.
        let goapb_at = match spec.goa_message {
            Some(message) => {
                assert_eq!(got["types"][0], format!("type.googleapis.com/{message}"), "{name}");
                1
            }
            None => 0,
        };
        assert_eq!(got["types"][goapb_at], "type.googleapis.com/goapb.ErrorResponse", "{name}");
        let goa = &got["goa"];
        assert_eq!(goa["name"], name);
        assert_eq!(goa["msg"], got["message"]);
        assert_eq!(goa["id"].as_str().unwrap().len(), 8);
        assert_eq!(
            (goa["temporary"].as_bool(), goa["timeout"].as_bool(), goa["fault"].as_bool()),
            (Some(spec.temporary), Some(spec.timeout), Some(spec.fault)),
            "{name}"
        );
        assert_eq!(got["reason"], name.to_ascii_uppercase());
        // The reason is a value of the divider's reasons .proto, in the
        // enum of its domain.
        assert_eq!(got["reason_enum"], "DividerExampleCom", "{name}");
        assert!(got["reason_number"].as_u64().is_some_and(|number| number > 0), "{name}");
        assert_eq!(got["domain"], "divider.example.com");
        let meta = &got["metadata"];
        assert_eq!(meta["id"], goa["id"]);
        assert_eq!(meta["service"], "divider");
        assert_eq!(meta["temporary"], spec.temporary.to_string());
        assert_eq!(meta["code"], spec.code.as_str());
        assert_eq!(
            got.get("retry_delay_secs").and_then(Value::as_u64).map(Duration::from_secs),
            spec.retry_after_secs.map(Duration::from_secs),
            "{name}"
        );
        match (&got.get("localized"), spec.user_message) {
            (Some(localized), Some(_)) => {
                assert_eq!(localized["locale"], "en-US");
                assert_eq!(localized["message"], got["message"], "{name}: the user message is the message");
            }
            (None, None) => {}
            (localized, declared) => {
                panic!("{name}: LocalizedMessage {localized:?}, user message {declared:?}")
            }
        }
    }
    check_values(&decoded);
    // The fault's report reaches the peer nowhere.
    common::assert_no_secret("what the Python peer read", stdout.as_bytes());
}

/// The values the peer read of each error: those the messages show, in the
/// metadata under lowerCamelCase keys, and the custom error type's message.
fn check_values(decoded: &[Value]) {
    let by_name = |name: &str| decoded.iter().find(|got| got["label"] == name).unwrap();
    assert_eq!(by_name("div_by_zero")["message"], "You can't divide 7 by zero.");
    assert_eq!(by_name("div_by_zero")["metadata"]["dividend"], "7");
    assert_eq!(by_name("timeout")["metadata"]["deadlineMs"], "100");
    assert_eq!(by_name("divisor_too_large")["metadata"]["limit"], "1000000");
    // The custom message, unpacked by Python's protobuf with the type of
    // divider.proto (protobuf's Python names `message_` as written).
    assert_eq!(
        by_name("divisor_too_large")["custom"],
        json!({
            "name": "divisor_too_large",
            "message_": "Divide by at most 1000000 (in absolute value).",
            "divisor": 2_000_000,
            "limit": 1_000_000,
        })
    );
    let remainder = &by_name("has_remainder")["metadata"];
    assert_eq!(
        (&remainder["dividend"], &remainder["divisor"], &remainder["remainder"]),
        (&json!("7"), &json!("2"), &json!("1"))
    );
    assert!(by_name("overflow")["message"].as_str().unwrap().starts_with("internal error (id: "));
}
