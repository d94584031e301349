//! Procedural macros of errdsl. Placeholder.
use proc_macro::TokenStream;

/// Derives `errdsl::ServiceError`.
#[proc_macro_derive(ServiceError, attributes(service_error))]
pub fn derive_service_error(input: TokenStream) -> TokenStream {
    let _ = input;
    TokenStream::new()
}
