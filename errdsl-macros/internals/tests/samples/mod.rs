//! Valid inputs of both macros, with holes: each hole is a place where the
//! property tests splice arbitrary tokens (an attribute's contents, a field
//! attribute, part of an enum header). Filled with [`Holes::valid`], every
//! sample is a valid input.

use proc_macro2::TokenStream;
use quote::quote;

/// The contents of every hole of a sample, in order:
///
/// 0. `#[service_error(...)]` on the enum or struct;
/// 1. `#[service_error(...)]` on a variant;
/// 2. `#[error(...)]` on a variant;
/// 3. a whole attribute on a field (`#[...]`);
/// 4. what follows the enum's name, up to its `{` (generics, a parent,
///    `where` clauses);
/// 5. what precedes `enum` (visibility and the like).
pub(crate) type Holes = [TokenStream; 6];

/// The contents that make each sample valid.
pub(crate) fn valid() -> Holes {
    [
        quote!(service = "divider"),
        quote!(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero."),
        quote!("cannot divide {dividend} by zero"),
        quote!(service_error(wire)),
        quote!(),
        quote!(pub),
    ]
}

/// A derive input: an enum with one variant of each shape and most keys.
pub(crate) fn derive_enum(holes: &Holes) -> TokenStream {
    let [container, variant, error, field, header, vis] = holes;
    quote! {
        #[derive(Debug, thiserror::Error, errdsl::ServiceError)]
        #[service_error(#container)]
        #vis enum DivideError #header {
            /// The divisor was zero.
            #[error(#error)]
            #[service_error(#variant)]
            DivByZero { #[#field] dividend: i64 },
            #[error("divider is in maintenance")]
            #[service_error(temporary, http = 503, retry_after_secs = 30, name = "maint")]
            Maintenance,
            #[error("result {0} out of range")]
            #[service_error(grpc = OutOfRange, user_msg = "The result {0:>8.2} is too large.")]
            OutOfRange(f64),
            #[error("storage broke")]
            #[service_error(classify)]
            Storage(#[source] std::io::Error),
            #[error("slow")]
            #[service_error(timeout)]
            Slow,
        }
    }
}

/// A derive input: a generic struct, one error.
pub(crate) fn derive_struct(holes: &Holes) -> TokenStream {
    let [container, _, error, field, header, vis] = holes;
    quote! {
        #[error(#error)]
        #[service_error(grpc = ResourceExhausted, temporary, #container)]
        #vis struct Quota #header { #[#field] dividend: u32, limit: u64 }
    }
}

/// An `errors!` input: an API enum and a service enum inheriting from it.
pub(crate) fn catalog(holes: &Holes) -> TokenStream {
    let [container, variant, error, field, header, vis] = holes;
    quote! {
        /// Errors of every service.
        pub enum ApiError {
            #[error("authentication required")]
            #[service_error(grpc = Unauthenticated)]
            Unauthorized,
            #[error("{0}")]
            #[service_error(http = 400, user_msg = "Bad request: {0}.")]
            BadRequest(#[service_error(wire)] String),
        }
        /// Errors of the divider.
        #[service_error(#container)]
        #vis enum DividerError: ApiError #header {
            #[error(#error)]
            #[service_error(#variant)]
            DivByZero { #[#field] dividend: i64 },
            #[error("divider is in maintenance: {0}")]
            #[service_error(temporary, http = 503, retry_after_secs = 30)]
            Maintenance(#[from] std::io::Error),
            #[error("store failed on shard {shard}")]
            #[service_error(fault, name = "store_failed")]
            Store { shard: u32 },
        }
    }
}
