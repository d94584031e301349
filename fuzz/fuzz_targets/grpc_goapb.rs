//! Fuzz target `grpc_goapb`: its property is [`errdsl_fuzz::targets::grpc_goapb`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::grpc_goapb(data));
