//! Stub impls for an invalid declaration, so the user reads only the real
//! mistakes, not a cascade of "trait `ServiceError` is not implemented"
//! wherever the type is used. They carry the same bounds as the real impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::definition::display_stubs;
use super::where_clause;
use crate::model::Outline;

pub(super) fn stubs(outline: &Outline) -> TokenStream {
    let ident = &outline.ident;
    let (impl_generics, ty_generics, own_where) = outline.generics.split_for_impl();
    let where_clause = where_clause(outline, Vec::new());
    let display = display_stubs(outline);
    let service_error = outline.thread_safe.then(|| {
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
        }
    });
    quote! {
        #display
        #service_error
        #[automatically_derived]
        impl #impl_generics ::errdsl::__private::Catalog for #ident #ty_generics #own_where {
            const ERRORS: &'static [::errdsl::__private::ErrorSpec] = &[];
        }
        #[automatically_derived]
        impl #impl_generics ::errdsl::__private::TryFrom<::errdsl::__private::ErrorResult> for #ident #ty_generics #where_clause {
            type Error = ::errdsl::__private::ErrorResult;

            fn try_from(result: ::errdsl::__private::ErrorResult) -> ::errdsl::__private::Result<Self, Self::Error> {
                ::errdsl::__private::Err(result)
            }
        }
    }
}
