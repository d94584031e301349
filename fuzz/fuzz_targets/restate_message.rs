//! Fuzz target `restate_message`: its property is [`errdsl_fuzz::targets::restate_message`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| errdsl_fuzz::targets::restate_message(data));
