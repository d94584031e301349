//! What generated code does with a bound field's value: shows it as
//! `Display` (through `Shown`), calls a transparent variant's inner error
//! (through `Transparent`), and passes it to a message template; each
//! checked by its bound on the field's own type, so that a mistake is one
//! error there. Shared by the impls of `service_error`, `definition` and
//! `wire`.

use proc_macro2::TokenStream;
use quote::quote;

use super::binding;
use crate::model::{ErrorDecl, Template};

/// `method` called on the inner error of a transparent variant, bound to
/// `inner`, of type `ty`. Through `Transparent`, and spanned on the whole
/// type, so that a type errdsl does not declare is one error there.
pub(super) fn transparent_call(ty: &syn::Type, inner: &syn::Ident, method: &TokenStream) -> TokenStream {
    quote!(::errdsl::__private::ServiceError::#method(<#ty as ::errdsl::__private::Transparent>::service_error(#inner)))
}

/// The named arguments for a template: `name = __self_i` per field it names,
/// through `Shown` when the template shows it by `Display` only, so that a
/// field that is not `Display` is one error, on its type.
pub(super) fn format_args(error: &ErrorDecl, template: &Template) -> (Vec<usize>, Vec<TokenStream>) {
    let mut bound = Vec::new();
    let mut args = Vec::new();
    for (field, &displayed) in template.fields.iter().zip(&template.displayed) {
        let Some(index) = error.field_index(field) else {
            continue;
        };
        let arg = syn::Ident::new(&field.arg_name(), template.lit.span());
        let value = binding(index);
        let value = if displayed { shown(&error.fields[index].ty, &value) } else { quote!(#value) };
        bound.push(index);
        args.push(quote!(#arg = #value));
    }
    (bound, args)
}

/// `value`, of type `ty`, as the `Display` a message shows, checked
/// through `Shown` on the field's type.
pub(super) fn shown(ty: &syn::Type, value: &syn::Ident) -> TokenStream {
    let call =
        quote::quote_spanned!(syn::spanned::Spanned::span(ty)=> <#ty as ::errdsl::__private::Shown>::shown);
    quote!(#call(#value))
}

/// The location of the caller, for a `location` field of type `ty`: through
/// `LocationField`, spanned on the type, so that a field of another type is
/// one error there.
pub(super) fn caller(ty: &syn::Type) -> TokenStream {
    quote::quote_spanned!(syn::spanned::Spanned::span(ty)=> <#ty as ::errdsl::__private::LocationField>::caller())
}

/// The location a `location` field of type `ty`, bound to `value`, holds.
pub(super) fn location(ty: &syn::Type, value: &syn::Ident) -> TokenStream {
    let call = quote::quote_spanned!(syn::spanned::Spanned::span(ty)=> <#ty as ::errdsl::__private::LocationField>::location);
    quote!(#call(#value))
}
