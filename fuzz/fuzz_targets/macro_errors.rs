//! Fuzz target `macro_errors`: its property is [`errdsl_fuzz::targets::macro_errors`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::macro_errors(data));
