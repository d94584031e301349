//! What the derive emits beside its errors when the input is invalid: stub
//! impls, so the user reads only the real mistakes, not a cascade of "trait
//! `ServiceError` is not implemented" wherever the type is used.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Input;

pub(crate) fn fallback(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::errdsl::__private::ServiceError for #ident #ty_generics #where_clause {
            fn name(&self) -> &str { ::core::unreachable!() }
            fn code(&self) -> ::errdsl::__private::Code { ::core::unreachable!() }
            fn http_status(&self) -> ::errdsl::__private::StatusCode { ::core::unreachable!() }
            fn is_temporary(&self) -> bool { ::core::unreachable!() }
            fn is_timeout(&self) -> bool { ::core::unreachable!() }
            fn is_fault(&self) -> bool { ::core::unreachable!() }
            fn user_message(&self) -> ::errdsl::__private::Option<::errdsl::__private::Cow<'_, str>> {
                ::core::unreachable!()
            }
        }
        #[automatically_derived]
        impl #impl_generics ::errdsl::__private::Catalog for #ident #ty_generics #where_clause {
            const ERRORS: &'static [::errdsl::__private::ErrorSpec] = &[];
        }
    }
}
