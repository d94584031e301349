//! The divider's `/openapi.json` through a second generator no one here
//! wrote, in another language: datamodel-code-generator writes pydantic
//! models from the document, and `peers/python-models/peer.py` reads the
//! divider's real error bodies with them (each operation's error type a
//! union that pydantic narrows by `name`; a problem+json body with its
//! error's own model), in both formats, and checks that each model refuses
//! a number sent as text. Every body must be the model of its error, with
//! the fields' values and types the divider sent.
//!
//! It needs the peer: `scripts/python-models-peer.sh install`, then
//! `eval "$(scripts/python-models-peer.sh env)"` before building. Without
//! it the test is reported ignored, with the reason; `.ci/run` installs the
//! peer and checks that it ran.

mod common;

use std::path::Path;
use std::process::Command;

use errdsl_examples::divider::MAX_DIVISOR;
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_python_models_peer),
    ignore = "needs the Python models peer: scripts/python-models-peer.sh install, then eval \"$(scripts/python-models-peer.sh env)\""
)]
async fn models_generated_from_the_document_read_every_error_body() {
    let python = std::env::var("ERRDSL_PYTHON_MODELS_PEER").expect(
        "ERRDSL_PYTHON_MODELS_PEER was set when this test was built; run eval \"$(scripts/python-models-peer.sh env)\"",
    );
    let servers = common::servers().await;
    let problem = "application/problem+json";
    let calls = json!([
        {"label": "div_by_zero", "path": "/idiv/7/0", "model": "IntegerDivideError"},
        {"label": "has_remainder", "path": "/idiv/7/2", "model": "IntegerDivideError"},
        {"label": "has_remainder_problem", "path": "/idiv/7/2", "model": "HasRemainderProblem", "accept": problem},
        {"label": "overflow", "path": "/idiv/-2147483648/-1", "model": "IntegerDivideError"},
        {"label": "divisor_too_large", "path": "/idiv/7/2000000", "model": "IntegerDivideError"},
        {"label": "divisor_too_large_problem", "path": "/idiv/7/2000000", "model": "DivisorTooLargeProblem", "accept": problem},
        {"label": "invalid_field_type", "path": "/idiv/abc/2", "model": "IntegerDivideError"},
        {"label": "not_found", "path": "/nowhere", "model": "IntegerDivideError"},
        {"label": "not_finite_infinity", "path": "/div/inf/2", "model": "DivideError"},
        {"label": "not_finite_overflow", "path": "/div/1e308/1e-308", "model": "DivideError"},
        {"label": "timeout", "path": "/div/999999/3", "model": "DivideError"},
    ]);
    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../peers/python-models/peer.py");
    let base = servers.http_url();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg(peer)
            .args(["--base", &base, "--calls", &calls.to_string()])
            .output()
            .expect("run the Python models peer")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the peer failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );

    let read: Vec<Value> = stdout.lines().map(|line| serde_json::from_str(line).expect("JSON")).collect();
    let expected = [
        // `dividend` is an `f64` field: pydantic makes it a float.
        json!({"label": "div_by_zero", "status": 400, "class": "DivByZero", "name": "div_by_zero", "fields": {"dividend": 7.0}}),
        json!({"label": "has_remainder", "status": 417, "class": "HasRemainder", "name": "has_remainder",
               "fields": {"dividend": 7, "divisor": 2, "remainder": 1}}),
        json!({"label": "has_remainder_problem", "status": 417, "class": "HasRemainderProblem", "name": "has_remainder",
               "fields": {"dividend": 7, "divisor": 2, "remainder": 1}}),
        json!({"label": "overflow", "status": 500, "class": "Overflow", "name": "overflow", "fields": {}}),
        json!({"label": "divisor_too_large", "status": 422, "class": "DivisorTooLarge", "name": "divisor_too_large",
               "fields": {"divisor": 2_000_000, "limit": MAX_DIVISOR}}),
        json!({"label": "divisor_too_large_problem", "status": 422, "class": "DivisorTooLargeProblem",
               "name": "divisor_too_large", "fields": {"divisor": 2_000_000, "limit": MAX_DIVISOR}}),
        json!({"label": "invalid_field_type", "status": 400, "class": "InvalidFieldType", "name": "invalid_field_type",
               "fields": {"expected": "a 32-bit integer", "field": "a"}}),
        json!({"label": "not_found", "status": 404, "class": "NotFound", "name": "not_found", "fields": {"path": "/nowhere"}}),
        // `"Infinity"` on the wire, a float to pydantic (shown as Python's `inf`).
        json!({"label": "not_finite_infinity", "status": 400, "class": "NotFinite", "name": "not_finite",
               "fields": {"dividend": "inf", "divisor": 2.0}}),
        json!({"label": "not_finite_overflow", "status": 400, "class": "NotFinite", "name": "not_finite",
               "fields": {"dividend": 1e308, "divisor": 1e-308}}),
        json!({"label": "timeout", "status": 504, "class": "TimeoutModel", "name": "timeout", "fields": {"deadline_ms": 100}}),
    ];
    assert_eq!(read.len(), expected.len(), "{stdout}");
    for (read, expected) in read.iter().zip(&expected) {
        assert_eq!(read, expected);
    }
}
