//! Compiles `proto/divider.proto` into the tonic client and server of the
//! divider example, and errdsl's `goapb/error_response.proto` (Goa's error
//! message) into the message a Goa client decodes, and the divider's
//! Connect server and client (connectrpc-build), with protox (a protobuf
//! compiler in pure Rust): no `protoc` is needed. Also sets
//! `cfg(errdsl_grpc_peer)` when `ERRDSL_GRPC_PEER` names the Python peer, and
//! `cfg(errdsl_connect_peer)` when `ERRDSL_CONNECT_PEER` names `buf`,
//! `cfg(errdsl_restate)` when `ERRDSL_RESTATE_SERVER` names `restate-server`,
//! `cfg(errdsl_typescript_peer)` when `ERRDSL_TYPESCRIPT_PEER` names the
//! TypeScript peer's packages, and `cfg(errdsl_python_models_peer)` when
//! `ERRDSL_PYTHON_MODELS_PEER` names the Python models peer's python,
//! `cfg(errdsl_google_api_peer)` when `ERRDSL_GOOGLE_API_PEER` names the
//! Google API client peer's python, and `cfg(errdsl_chromium)` when
//! `ERRDSL_CHROMIUM` names a Chromium.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `tests/e2e_grpc_peer.rs` runs when the Python peer is installed
    // (`scripts/grpc-peer.sh`), and is reported ignored, with the reason,
    // when it is not.
    // Likewise `tests/e2e_connect_peer.rs` with `buf curl`
    // (`scripts/connect-peer.sh`), and `tests/restate_*.rs` with
    // `restate-server` (`scripts/restate-server.sh`), and
    // `tests/e2e_openapi_typescript.rs` with openapi-typescript and tsc
    // (`scripts/typescript-peer.sh`), and `tests/e2e_openapi_python.rs`
    // with datamodel-code-generator (`scripts/python-models-peer.sh`), and
    // `tests/e2e_google_errors.rs` with google-api-core
    // (`scripts/google-api-peer.sh`), and
    // `tests/e2e_error_reference.rs` with headless Chromium
    // (`scripts/chromium.sh`).
    for (cfg, var) in [
        ("errdsl_grpc_peer", "ERRDSL_GRPC_PEER"),
        ("errdsl_connect_peer", "ERRDSL_CONNECT_PEER"),
        ("errdsl_restate", "ERRDSL_RESTATE_SERVER"),
        ("errdsl_typescript_peer", "ERRDSL_TYPESCRIPT_PEER"),
        ("errdsl_python_models_peer", "ERRDSL_PYTHON_MODELS_PEER"),
        ("errdsl_google_api_peer", "ERRDSL_GOOGLE_API_PEER"),
        ("errdsl_chromium", "ERRDSL_CHROMIUM"),
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        println!("cargo::rerun-if-env-changed={var}");
        if std::env::var_os(var).is_some_and(|peer| !peer.is_empty()) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
    println!("cargo:rerun-if-changed=proto/divider.proto");
    println!("cargo:rerun-if-changed=../errdsl/proto/goapb/error_response.proto");
    let fds = protox::compile(["divider.proto", "goapb/error_response.proto"], ["proto", "../errdsl/proto"])?;
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .emit_rerun_if_changed(false)
        .compile_fds(fds)?;

    // The Connect server and client (connectrpc, with buffa messages), from
    // the same descriptors, compiled by protox: connectrpc-build reads them
    // as a precompiled set instead of running `protoc`.
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let connect_out = out.join("connect");
    std::fs::create_dir_all(&connect_out)?;
    let descriptors = out.join("divider.fds.bin");
    let fds = protox::compile(["divider.proto"], ["proto"])?;
    std::fs::write(&descriptors, prost::Message::encode_to_vec(&fds))?;
    connectrpc_build::Config::new()
        .files(&["divider.proto"])
        .descriptor_set(&descriptors)
        .out_dir(&connect_out)
        .include_file("_connectrpc.rs")
        .emit_rerun_directives(false)
        .compile()?;
    Ok(())
}
