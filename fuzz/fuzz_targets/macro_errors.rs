//! The `errors! { ... }` front end on any text that lexes as Rust tokens:
//! it answers with tokens that parse as a file, and never panics.
#![no_main]

use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;

fuzz_target!(|text: &str| {
    let Ok(input) = TokenStream::from_str(text) else { return };
    let output = errdsl_macros_internals::errors(input);
    if let Err(err) = syn::parse2::<syn::File>(output.clone()) {
        panic!("not a Rust file ({err}): {output}");
    }
});
