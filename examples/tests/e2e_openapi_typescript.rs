//! The divider's `/openapi.json` as a TypeScript developer uses it, with
//! tools no one here wrote: openapi-typescript turns the document into
//! types, `tsc --strict` compiles `peers/typescript/client.ts` against
//! them (every error narrowed by its `name`, every field read by type, no
//! `!`, no cast, an exhaustive switch), and the compiled client, on
//! openapi-fetch, calls the running divider: each error it reads is the
//! one the divider declares, with its fields' values and JSON types.
//!
//! It needs the peer: `scripts/typescript-peer.sh install`, then
//! `eval "$(scripts/typescript-peer.sh env)"` before building. Without it
//! the test is reported ignored, with the reason; `.ci/run` installs the
//! peer and checks that it ran.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use errdsl_examples::divider::MAX_DIVISOR;
use serde_json::{Value, json};

/// Runs `program` with `args` in `dir`, and fails with its output unless
/// it succeeds.
fn run(dir: &Path, program: &Path, args: &[&str]) -> Output {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|err| panic!("run {}: {err}", program.display()));
    assert!(
        output.status.success(),
        "{} {args:?} failed:\n{}\n{}",
        program.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A fresh directory for the generated client, beside the peer's packages.
fn workspace(peer: &Path) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errdsl-typescript-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("../peers/typescript");
    for file in ["package.json", "tsconfig.json", "client.ts"] {
        std::fs::copy(sources.join(file), dir.join(file)).unwrap_or_else(|err| panic!("copy {file}: {err}"));
    }
    std::os::unix::fs::symlink(peer.join("node_modules"), dir.join("node_modules"))
        .expect("link node_modules");
    dir
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_typescript_peer),
    ignore = "needs the TypeScript peer: scripts/typescript-peer.sh install, then eval \"$(scripts/typescript-peer.sh env)\""
)]
async fn a_typescript_client_generated_from_the_document_reads_every_error_by_type() {
    let peer = PathBuf::from(std::env::var("ERRDSL_TYPESCRIPT_PEER").expect(
        "ERRDSL_TYPESCRIPT_PEER was set when this test was built; run eval \"$(scripts/typescript-peer.sh env)\"",
    ));
    let servers = common::servers().await;
    let maintenance = common::maintenance_servers().await;
    let document = reqwest::get(format!("{}/openapi.json", servers.http_url()))
        .await
        .expect("the document")
        .bytes()
        .await
        .expect("its bytes");

    let dir = workspace(&peer);
    std::fs::write(dir.join("openapi.json"), &document).expect("write the document");
    let bin = peer.join("node_modules/.bin");
    let (dir_in_task, urls) = (dir.clone(), [servers.http_url(), maintenance.http_url()]);
    let output = tokio::task::spawn_blocking(move || {
        let dir = dir_in_task;
        run(&dir, &bin.join("openapi-typescript"), &["openapi.json", "-o", "schema.d.ts"]);
        run(&dir, &bin.join("tsc"), &["-p", "."]);
        run(&dir, Path::new("node"), &["out/client.js", &urls[0], &urls[1]])
    })
    .await
    .expect("the client ran");

    // The generated types stay small: one schema per error, referenced.
    let types = std::fs::read_to_string(dir.join("schema.d.ts")).expect("schema.d.ts");
    assert!(types.contains("DivByZero: components[\"schemas\"][\"GoaError\"] & {"), "{types}");
    let lines = types.lines().count();
    assert!(lines < 4000, "schema.d.ts has {lines} lines");

    let seen: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}")))
        .collect();
    let expected = [
        json!({"label": "div_by_zero", "status": 400, "format": "goa", "name": "div_by_zero", "fields": {"dividend": 7}}),
        json!({"label": "has_remainder", "status": 417, "format": "goa", "name": "has_remainder",
               "fields": {"dividend": 7, "divisor": 2, "remainder": 1}}),
        json!({"label": "overflow", "status": 500, "format": "goa", "name": "overflow", "fields": {"code": "internal"}}),
        json!({"label": "divisor_too_large", "status": 422, "format": "goa", "name": "divisor_too_large",
               "fields": {"divisor": 2_000_000, "limit": MAX_DIVISOR}}),
        json!({"label": "unauthenticated", "status": 401, "format": "goa", "name": "unauthenticated",
               "fields": {"code": "unauthenticated"}}),
        json!({"label": "has_remainder_problem", "status": 417, "format": "problem", "name": "has_remainder",
               "fields": {"dividend": 7, "divisor": 2, "remainder": 1}}),
        json!({"label": "divisor_too_large_problem", "status": 422, "format": "problem", "name": "divisor_too_large",
               "fields": {"divisor": 2_000_000, "limit": MAX_DIVISOR}}),
        json!({"label": "maintenance", "status": 503, "format": "goa", "name": "maintenance", "fields": {"code": "unavailable"}}),
        json!({"label": "div_by_zero_json", "status": 400, "format": "goa", "name": "div_by_zero", "fields": {"dividend": 7}}),
        // Not finite: the text the document gives the field's type, not Rust's `inf`.
        json!({"label": "not_finite_infinity", "status": 400, "format": "goa", "name": "not_finite",
               "fields": {"dividend": "Infinity", "divisor": 2}}),
        json!({"label": "not_finite_overflow", "status": 400, "format": "goa", "name": "not_finite",
               "fields": {"dividend": 1e308, "divisor": 1e-308}}),
        json!({"label": "timeout", "status": 504, "format": "goa", "name": "timeout", "fields": {"deadline_ms": 100}}),
        json!({"label": "div_by_zero_query", "status": 400, "format": "goa", "name": "div_by_zero", "fields": {"dividend": 7}}),
        json!({"label": "div_by_zero_form", "status": 400, "format": "goa", "name": "div_by_zero", "fields": {"dividend": 7}}),
    ];
    assert_eq!(seen.len(), expected.len(), "{seen:#?}");
    for (seen, expected) in seen.iter().zip(&expected) {
        assert_eq!(seen, expected);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
