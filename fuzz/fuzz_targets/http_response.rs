//! Fuzz target `http_response`: its property is [`errdsl_fuzz::targets::http_response`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::http_response(data));
