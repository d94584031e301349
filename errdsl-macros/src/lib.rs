//! The procedural macros of [errdsl](https://docs.rs/errdsl): use them through
//! `errdsl`, which re-exports them and the runtime their code names.
//!
//! The crate is a pipeline shared by both macros:
//!
//! 1. parse: `derive` and `errors_macro` (the two front ends) read their input;
//!    `attr` (darling receivers) and `ast` give the input as written, and
//!    `tree` how the enums of one `errors!` inherit;
//! 2. lower: `lower` makes the `model::Outline` of each type (names, bounds,
//!    variants, inherited ones included), valid or not;
//! 3. validate: `validate` applies every rule, reports every mistake into
//!    one `ctxt::Ctxt`, and resolves each error into the `model::Catalog`;
//! 4. expand: `expand` writes tokens from the model alone: the impls of a
//!    catalog, or, beside the errors of an invalid input, the fallback of
//!    its outline.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod case;
mod code_table;
mod ctxt;
mod derive;
mod doc_text;
mod errors_macro;
mod expand;
mod fmt;
mod goa_names;
mod json_type;
mod lower;
mod model;
mod suggest;
mod thread_safety;
mod tree;
mod validate;
mod wire_keys;

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
    errors_macro::errors(input.into()).into()
}

#[cfg(test)]
mod fuzz_tests;
