//! Fuzz target `connect_body`: its property is [`errdsl_fuzz::targets::connect_body`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::connect_body(data));
