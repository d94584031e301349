//! The README's text blocks are what errdsl does: the enum its first
//! example declares (kept in `readme/divide_error.rs`, compiled here), what
//! a client receives for it over HTTP and gRPC, and the compile error it
//! quotes. Ids aside, each block must equal what errdsl produces.
#![cfg(feature = "transports")]

use errdsl::grpc::goapb;
use errdsl::http::{self, BodyFormat};
use prost::Message as _;

const README: &str = include_str!("../../README.md");

include!("readme/divide_error.rs");

/// The text of the README block that follows `after` (a line of prose),
/// fenced as `lang`.
fn block_after(after: &str, lang: &str) -> &'static str {
    let rest = README.split_once(after).unwrap_or_else(|| panic!("the README has no `{after}`")).1;
    let fence = format!("```{lang}\n");
    let body = rest.split_once(fence.as_str()).expect("a fenced block").1;
    body.split_once("```").expect("a closed block").0
}

/// `text` with every occurrence of `id` replaced by `<id>`.
fn without_id(text: &str, id: &str) -> String {
    text.replace(id, "<id>")
}

/// The id the README shows, replaced as errdsl's is.
const README_ID: &str = "Jx5bXQ9C";

#[test]
fn the_first_example_declares_the_enum_this_test_compiles() {
    assert!(
        README.contains(include_str!("readme/divide_error.rs")),
        "README.md's first example and tests/tests/readme/divide_error.rs differ"
    );
}

#[test]
fn the_http_block_is_what_an_http_client_receives() {
    let err = DivideError::div_by_zero(7);
    let response = http::response(&err, BodyFormat::Goa);
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    let id = body["id"].as_str().unwrap().to_owned();
    let mut text = format!(
        "HTTP/1.1 {} {}\n",
        response.status().as_u16(),
        response.status().canonical_reason().unwrap()
    );
    for (name, value) in response.headers() {
        text.push_str(&format!("{name}: {}\n", value.to_str().unwrap()));
    }
    text.push('\n');
    text.push_str(std::str::from_utf8(response.body()).unwrap());
    text.push('\n');
    let shown = block_after("clients decode as their own:", "text");
    assert_eq!(without_id(shown, README_ID), without_id(&text, &id));
}

#[test]
fn the_grpc_block_is_what_a_grpc_client_receives() {
    let status = tonic::Status::from(DivideError::div_by_zero(7));
    let rpc = tonic_types::pb::Status::decode(status.details()).unwrap();
    let mut text = format!("code: {:?}, message: {:?}\n", status.code(), status.message());
    let mut id = String::new();
    for detail in &rpc.details {
        let value = detail.value.as_slice();
        let line = match detail.type_url.rsplit('/').next().unwrap() {
            "goapb.ErrorResponse" => {
                let goa = goapb::ErrorResponse::decode(value).unwrap();
                id.clone_from(&goa.id);
                format!(
                    "goapb.ErrorResponse: name {:?}, id {:?}, msg {:?}, temporary {}, timeout {}, fault {}",
                    goa.name, goa.id, goa.msg, goa.temporary, goa.timeout, goa.fault
                )
            }
            "google.rpc.ErrorInfo" => {
                let info = tonic_types::pb::ErrorInfo::decode(value).unwrap();
                let mut metadata: Vec<_> = info.metadata.iter().collect();
                metadata.sort();
                let metadata: Vec<String> = metadata.iter().map(|(k, v)| format!("{k}: {v:?}")).collect();
                format!(
                    "google.rpc.ErrorInfo: reason {:?}, domain {:?},\n    metadata {{{}}}",
                    info.reason,
                    info.domain,
                    metadata.join(", ")
                )
            }
            "google.rpc.LocalizedMessage" => {
                let localized = tonic_types::pb::LocalizedMessage::decode(value).unwrap();
                format!(
                    "google.rpc.LocalizedMessage: locale {:?}, message {:?}",
                    localized.locale, localized.message
                )
            }
            other => panic!("the README does not show a detail of type {other}"),
        };
        text.push_str(&format!("  {line}\n"));
    }
    let shown = block_after("whose details are Goa's and Google's", "text");
    assert_eq!(without_id(shown, README_ID), without_id(&text, &id));
}

#[test]
fn the_compile_error_shown_is_the_one_errdsl_emits() {
    let shown = block_after("A mapping that makes no sense", "text");
    let emitted = include_str!("../ui/derive/class_mismatch.stderr");
    let first = shown.lines().next().unwrap();
    assert!(first.starts_with("error: "), "the README's block starts with the error line");
    assert!(
        emitted.lines().any(|line| line == first),
        "tests/ui/derive/class_mismatch.stderr has no line `{first}`"
    );
}
