//! Fuzz target `grpc_goa_custom`: its property is [`errdsl_fuzz::targets::grpc_goa_custom`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::grpc_goa_custom(data));
