//! Fuzz target `grpc_headers`: its property is [`errdsl_fuzz::targets::grpc_headers`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::grpc_headers(data));
