//! Fuzz target `macro_derive`: its property is [`errdsl_fuzz::targets::macro_derive`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::macro_derive(data));
