//! The code of `errdsl-macros`, compiled as an ordinary library.
//!
//! A `proc-macro = true` crate exports nothing but its macros, so no
//! benchmark, property test or fuzz target can call what the two macros run.
//! This crate includes the very same source files (`#[path]`, one line per
//! module of `errdsl-macros/src/lib.rs`, as `serde_derive_internals` does for
//! `serde_derive`) and exposes the two front ends over `proc_macro2`. It is
//! never published and adds no code of its own to the pipeline: a change to
//! `errdsl-macros/src` is a change here.
//!
//! ```
//! let output = errdsl_macros_internals::errors(quote::quote! {
//!     pub enum ApiError {
//!         #[error("authentication required")]
//!         #[service_error(grpc = Unauthenticated)]
//!         Unauthorized,
//!     }
//! });
//! assert!(syn::parse2::<syn::File>(output).is_ok());
//! ```
#![forbid(unsafe_code)]

#[path = "../../src/ast/mod.rs"]
mod ast;
#[path = "../../src/attr.rs"]
mod attr;
#[path = "../../src/case.rs"]
mod case;
#[path = "../../src/codes.rs"]
mod codes;
#[path = "../../src/ctxt.rs"]
mod ctxt;
#[path = "../../src/derive.rs"]
mod derive;
#[path = "../../src/doc_text.rs"]
mod doc_text;
#[path = "../../src/errors.rs"]
mod errors;
#[path = "../../src/expand/mod.rs"]
mod expand;
#[path = "../../src/fmt.rs"]
mod fmt;
#[path = "../../src/goa_names.rs"]
mod goa_names;
#[path = "../../src/json_type.rs"]
mod json_type;
#[path = "../../src/lower.rs"]
mod lower;
#[path = "../../src/model.rs"]
mod model;
#[path = "../../src/suggest.rs"]
mod suggest;
#[path = "../../src/thread_safety.rs"]
mod thread_safety;
#[path = "../../src/tree.rs"]
mod tree;
#[path = "../../src/validate/mod.rs"]
mod validate;
#[path = "../../src/wire_keys.rs"]
mod wire_keys;

use proc_macro2::TokenStream;

/// What `#[derive(errdsl::ServiceError)]` expands `input` (the item it is
/// on, attributes included) to: the impls, or `compile_error!`s and the
/// fallback impls beside them. Never panics.
pub fn derive(input: TokenStream) -> TokenStream {
    derive::derive(input)
}

/// What `errdsl::errors! { input }` expands to: the enums and their impls,
/// or `compile_error!`s and the fallback beside them. Never panics.
pub fn errors(input: TokenStream) -> TokenStream {
    errors::errors(input)
}

/// The name of every key `#[service_error(...)]` takes (`attr::KEYS`), for
/// the test that holds errdsl's docs to them.
#[must_use]
pub fn key_names() -> Vec<&'static str> {
    attr::KEYS.iter().map(|key| key.name).collect()
}
