//! The code of `errdsl-macros`, compiled as an ordinary library.
//!
//! A `proc-macro = true` crate exports nothing but its macros, so no
//! benchmark, property test or fuzz target can call what the two macros run.
//! This crate includes the very same source files (`#[path]` to their
//! directory, one line per module of `errdsl-macros/src/lib.rs`, as
//! `serde_derive_internals` does for `serde_derive`) and exposes the two
//! front ends over `proc_macro2`. It is never published and adds no code of
//! its own to the pipeline: a change to `errdsl-macros/src` is a change here.
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

// The modules of `errdsl-macros/src/lib.rs`, one line each. The `#[path]`
// names their directory, not each file: so `ast.rs` finds its children in
// `ast/`, as in the proc-macro crate (a file named by `#[path]` is read as
// a `mod.rs`, and would look for them beside itself). The `use` gives them
// the paths that crate gives them: `crate::ast`.
#[path = "../../src"]
mod sources {
    pub(crate) mod ast;
    pub(crate) mod attr;
    pub(crate) mod case;
    pub(crate) mod code_table;
    pub(crate) mod ctxt;
    pub(crate) mod derive;
    pub(crate) mod doc_text;
    pub(crate) mod errors_macro;
    pub(crate) mod expand;
    pub(crate) mod fmt;
    pub(crate) mod goa_names;
    pub(crate) mod json_type;
    pub(crate) mod lower;
    pub(crate) mod model;
    pub(crate) mod suggest;
    pub(crate) mod thread_safety;
    pub(crate) mod tree;
    pub(crate) mod validate;
    pub(crate) mod wire_keys;
}

use sources::{
    ast, attr, case, code_table, ctxt, derive, doc_text, errors_macro, expand, fmt, goa_names, json_type,
    lower, model, suggest, thread_safety, tree, validate, wire_keys,
};

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
    errors_macro::errors(input)
}

/// The name of every key `#[service_error(...)]` takes (`attr::KEYS`), for
/// the test that holds errdsl's docs to them.
#[must_use]
pub fn key_names() -> Vec<&'static str> {
    attr::KEYS.iter().map(|key| key.name).collect()
}
