//! Compiles `proto/divider.proto` into the tonic client and server of the
//! divider example, and errdsl's `goapb/error_response.proto` (Goa's error
//! message) into the message a Goa client decodes, with protox (a protobuf
//! compiler in pure Rust): no `protoc` is needed.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto/divider.proto");
    println!("cargo:rerun-if-changed=../errdsl/proto/goapb/error_response.proto");
    let fds = protox::compile(["divider.proto", "goapb/error_response.proto"], ["proto", "../errdsl/proto"])?;
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .emit_rerun_if_changed(false)
        .compile_fds(fds)?;
    Ok(())
}
