//! The procedural macros of [errdsl](https://docs.rs/errdsl): use them through
//! `errdsl`, which re-exports them and the runtime their code names.
//!
//! The crate is a pipeline shared by both macros:
//! `attr`/`ast` (parse) -> `validate` (every rule, every error reported) ->
//! `model` -> `expand` (tokens). `derive` is the derive's front end.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod case;
mod codes;
mod ctxt;
mod derive;
mod errors;
mod expand;
mod fmt;
mod model;
mod suggest;
mod validate;

use proc_macro::TokenStream;

/// Derives `errdsl::ServiceError`, `errdsl::Catalog` and constructors for an
/// error enum or struct. See the `errdsl` crate for the attribute keys.
#[proc_macro_derive(ServiceError, attributes(service_error))]
pub fn derive_service_error(input: TokenStream) -> TokenStream {
    derive::derive(input.into()).into()
}

/// Declares error enums and everything `#[derive(ServiceError)]` gives them,
/// plus `Display`, `Error`, `From` conversions and inheritance from a parent
/// enum (`enum DivideError: DividerError { .. }`). See the `errdsl` crate.
#[proc_macro]
pub fn errors(input: TokenStream) -> TokenStream {
    errors::errors(input.into()).into()
}

#[cfg(test)]
mod fuzz_tests;
