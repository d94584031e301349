//! Fuzz target `problem_body`: its property is [`errdsl_fuzz::targets::problem_body`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::problem_body(data));
