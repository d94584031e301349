//! Fuzz target `grpc_status`: its property is [`errdsl_fuzz::targets::grpc_status`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::grpc_status(data));
