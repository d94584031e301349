//! The divider's errors in Google's HTTP error format (AIP-193's HTTP
//! mapping, under `/google/`) through a client no one here wrote:
//! google-api-core, Python's base of Google's API clients.
//! `peers/google-api-core/peer.py` gets each answer with requests and
//! hands it to `exceptions.from_http_response`; the exception's class,
//! code, message, reason, domain, metadata and details must be what errdsl
//! sent, as written out here.
//!
//! It needs the peer: `scripts/google-api-peer.sh install`, then
//! `eval "$(scripts/google-api-peer.sh env)"` before building. Without it
//! the test is reported ignored, with the reason; `.ci/run` installs the
//! peer and checks that it ran.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

/// `metadata` as errdsl's keys (the flags in `set` true, the others false)
/// and the error's fields, with the id masked; `service` when the error
/// names one.
fn metadata(code: &str, set: &[&str], service: bool, fields: &Value) -> Value {
    let flag = |name: &str| set.contains(&name).to_string();
    let mut metadata = json!({
        "code": code,
        "fault": flag("fault"),
        "id": "<id>",
        "temporary": flag("temporary"),
        "timeout": flag("timeout"),
    });
    if service {
        metadata["service"] = json!("divider");
    }
    for (key, value) in fields.as_object().unwrap() {
        metadata[key] = value.clone();
    }
    metadata
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_google_api_peer),
    ignore = "needs the Google API client peer: scripts/google-api-peer.sh install, then eval \"$(scripts/google-api-peer.sh env)\""
)]
async fn google_api_core_reads_every_error_as_its_own_exception() {
    let python = std::env::var("ERRDSL_GOOGLE_API_PEER").expect(
        "ERRDSL_GOOGLE_API_PEER was set when this test was built; run eval \"$(scripts/google-api-peer.sh env)\"",
    );
    let servers = common::servers().await;
    let calls = json!([
        {"label": "div_by_zero", "path": "/google/idiv/7/0"},
        {"label": "has_remainder", "path": "/google/idiv/7/2"},
        {"label": "overflow", "path": "/google/idiv/-2147483648/-1"},
        {"label": "divisor_too_large", "path": "/google/idiv/7/2000000"},
        {"label": "invalid_field_type", "path": "/google/idiv/abc/2"},
        {"label": "timeout", "path": "/google/div/999999/3"},
        {"label": "problem_negotiated", "path": "/google/idiv/7/0", "accept": "application/problem+json"},
    ]);
    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../peers/google-api-core/peer.py");
    let base = servers.http_url();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg(peer)
            .args(["--base", &base, "--calls", &calls.to_string()])
            .output()
            .expect("run the Google API client peer")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the peer failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );

    let goa = "type.googleapis.com/goapb.ErrorResponse";
    let info = "type.googleapis.com/google.rpc.ErrorInfo";
    let localized = "type.googleapis.com/google.rpc.LocalizedMessage";
    let domain = "divider.example.com";
    let expected = [
        json!({"label": "div_by_zero", "class": "BadRequest", "code": 400,
               "message": "You can't divide 7 by zero.", "reason": "DIV_BY_ZERO", "domain": domain,
               "metadata": metadata("invalid_argument", &[], true, &json!({"dividend": "7"})),
               "detail_types": [goa, info, localized]}),
        // google-api-core has no class of its own for 417 and 422.
        json!({"label": "has_remainder", "class": "GoogleAPICallError", "code": 417,
               "message": "7 is not divisible by 2 (remainder 1).", "reason": "HAS_REMAINDER", "domain": domain,
               "metadata": metadata("failed_precondition", &[], true,
                                    &json!({"dividend": "7", "divisor": "2", "remainder": "1"})),
               "detail_types": [goa, info, localized]}),
        json!({"label": "overflow", "class": "InternalServerError", "code": 500,
               "message": "internal error (id: <id>)", "reason": "OVERFLOW", "domain": domain,
               "metadata": metadata("internal", &["fault"], true, &json!({})),
               "detail_types": [goa, info]}),
        json!({"label": "divisor_too_large", "class": "GoogleAPICallError", "code": 422,
               "message": "Divide by at most 1000000 (in absolute value).", "reason": "DIVISOR_TOO_LARGE",
               "domain": domain,
               "metadata": metadata("out_of_range", &[], true,
                                    &json!({"divisor": "2000000", "limit": "1000000"})),
               "detail_types": [goa, info, localized]}),
        // errdsl's own catalog of request errors, in its own domain.
        json!({"label": "invalid_field_type", "class": "BadRequest", "code": 400,
               "message": "`a` must be a 32-bit integer.", "reason": "INVALID_FIELD_TYPE", "domain": "errdsl",
               "metadata": metadata("invalid_argument", &[], false,
                                    &json!({"expected": "a 32-bit integer", "field": "a"})),
               "detail_types": [goa, info, localized]}),
        json!({"label": "timeout", "class": "GatewayTimeout", "code": 504,
               "message": "The computation took longer than 100 ms.", "reason": "TIMEOUT", "domain": domain,
               "metadata": metadata("deadline_exceeded", &["temporary", "timeout"], true, &json!({"deadlineMs": "100"})),
               "detail_types": [goa, info, localized]}),
        // problem+json stays negotiable: not Google's body, so the client
        // knows only the status.
        json!({"label": "problem_negotiated", "class": "BadRequest", "code": 400,
               "message": "unknown error", "reason": null, "domain": null, "metadata": null, "detail_types": []}),
    ];
    let read: Vec<Value> = stdout.lines().map(|line| serde_json::from_str(line).expect("JSON")).collect();
    assert_eq!(read.len(), expected.len(), "{stdout}");
    let base = servers.http_url();
    for (mut read, expected) in read.into_iter().zip(expected) {
        // google-api-core prefixes the method and URL.
        let label = read["label"].as_str().unwrap().to_owned();
        let call = if label == "problem_negotiated" { "/google/idiv/7/0" } else { "" };
        let message = read["message"].as_str().unwrap().to_owned();
        let (prefix, text) = message.split_once(": ").unwrap();
        assert!(prefix.starts_with(&format!("GET {base}/google/")) && prefix.ends_with(call), "{message}");
        read["message"] = json!(text);
        // The id: the same in the metadata and a fault's message, then masked.
        if let Some(id) = read["metadata"]["id"].as_str().map(str::to_owned) {
            assert_eq!(id.len(), 8, "{label}");
            read["metadata"]["id"] = json!("<id>");
            read["message"] = json!(text.replace(&id, "<id>"));
        }
        assert_eq!(read, expected, "{label}");
    }
}
