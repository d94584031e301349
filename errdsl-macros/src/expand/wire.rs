//! What crosses the wire: `ServiceError::wire_fields`, the client-side
//! `TryFrom<ErrorResult>`, and the transport impls (axum, tonic) that
//! errdsl's features switch on.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::field_access::{shown as shown_value, transparent_call};
use super::{binding, match_errors, where_clause};
use crate::model::{Catalog, ErrorDecl, Kind, Outline, Wire};

/// `wire_fields()` and `field_violations()`, each where the trait's
/// default is not right.
pub(super) fn wire_methods(catalog: &Catalog) -> TokenStream {
    let wire_fields = wire_fields_body(catalog).map(|body| {
        quote! {
            fn wire_fields(&self) -> ::std::vec::Vec<(&str, ::std::string::String)> { #body }
        }
    });
    let field_violations = field_violations_body(catalog).map(|body| {
        quote! {
            fn field_violations(&self) -> &[::errdsl::__private::FieldViolation] { #body }
        }
    });
    quote!(#wire_fields #field_violations)
}

/// The body of `wire_fields()`: the fields declared `wire`, then those the
/// sent message shows ([`ErrorDecl::shown`]), as the message shows them;
/// `None` when no error of the type has a field that travels (the trait's
/// default, no fields, is then right).
fn wire_fields_body(catalog: &Catalog) -> Option<TokenStream> {
    let any = catalog.errors.iter().any(|error| {
        matches!(error.kind, Kind::Transparent { .. })
            || error.fields.iter().any(|f| f.wire == Wire::Travels)
            || !error.shown().fields.is_empty()
    });
    if !any {
        return None;
    }
    Some(match_errors(&catalog.errors, |error| {
        if let Kind::Transparent { field, .. } = error.kind {
            let (inner, ty) = (binding(field), &error.fields[field].ty);
            return Some((vec![field], transparent_call(ty, &inner, &quote!(wire_fields))));
        }
        let travelling: Vec<usize> =
            (0..error.fields.len()).filter(|&i| error.fields[i].wire == Wire::Travels).collect();
        // A `wire` field's type is checked (`WireValue`, in errdsl's words,
        // on the type) here and where it is decoded, in `TryFrom`: the same
        // error twice, which the compiler shows once.
        // Shown fields are never cfg'd (`errors!` turns that away); a
        // `wire` one is an element under its cfg.
        let pairs = travelling.iter().map(|&i| {
            let (name, value, cfgs) = (error.fields[i].wire_name(), binding(i), &error.fields[i].cfgs);
            let ty = &error.fields[i].ty;
            let to_wire = quote_spanned!(ty.span()=> <#ty as ::errdsl::__private::WireValue>::to_wire);
            quote!(#(#cfgs)* (#name, #to_wire(#value)))
        });
        let pairs: Vec<TokenStream> = pairs.collect();
        let shown = error.shown();
        let shown_pairs: Vec<TokenStream> = shown
            .fields
            .iter()
            .map(|(i, spec)| {
                let (name, value, ty) = (error.fields[*i].wire_name(), binding(*i), &error.fields[*i].ty);
                let by_display = crate::fmt::is_display_spec(spec);
                let value = if by_display { shown_value(ty, &value) } else { quote!(#value) };
                if spec.is_empty() {
                    return quote!((#name, ::std::string::ToString::to_string(#value)));
                }
                // `{amount:.2}`: the text as the message shows it.
                let format = syn::LitStr::new(&format!("{{:{spec}}}"), proc_macro2::Span::call_site());
                quote!((#name, ::std::format!(#format, #value)))
            })
            .collect();
        let mut bound = travelling;
        bound.extend(shown.fields.iter().map(|&(i, _)| i));
        let all: Vec<&TokenStream> = pairs.iter().chain(&shown_pairs).collect();
        let body =
            if all.is_empty() { quote!(::std::vec::Vec::new()) } else { quote!(::std::vec![#(#all),*]) };
        Some((bound, body))
    }))
}

/// The body of `field_violations()`: the `violations` field's, delegated
/// for transparent errors, none for the others; `None` when no error of
/// the type has such a field or delegates (the trait's default is then
/// right).
fn field_violations_body(catalog: &Catalog) -> Option<TokenStream> {
    let violations_field = |error: &ErrorDecl| error.fields.iter().position(|f| f.wire == Wire::Violations);
    let any = catalog
        .errors
        .iter()
        .any(|error| matches!(error.kind, Kind::Transparent { .. }) || violations_field(error).is_some());
    if !any {
        return None;
    }
    Some(match_errors(&catalog.errors, |error| {
        if let Kind::Transparent { field, .. } = error.kind {
            let (inner, ty) = (binding(field), &error.fields[field].ty);
            return Some((vec![field], transparent_call(ty, &inner, &quote!(field_violations))));
        }
        let Some(index) = violations_field(error) else {
            return Some((Vec::new(), quote!(&[])));
        };
        let (field, ty) = (binding(index), &error.fields[index].ty);
        let list =
            quote_spanned!(ty.span()=> <#ty as ::errdsl::__private::ViolationList>::violations(#field));
        Some((vec![index], list))
    }))
}

/// `TryFrom<ErrorResult>`: the error with the result's wire name, its
/// travelling fields parsed back; the result itself when the name is not in
/// the catalog, a field is missing or does not parse, or the error has a
/// field that never travels.
pub(super) fn try_from(catalog: &Catalog) -> TokenStream {
    let outline = &catalog.outline;
    let ident = &outline.ident;
    let (impl_generics, ty_generics, _) = outline.generics.split_for_impl();
    let where_clause = where_clause(outline, Vec::new());

    // Names compare without regard to case, as gRPC reasons do (the
    // macros reject names of one catalog that differ only in case).
    let arms = catalog.errors.iter().filter_map(|error| {
        let spec = error.spec()?;
        let decodable = decodable_cfg(&error.local_field_cfgs()?);
        let (name, cfgs) = (&spec.name, &error.cfgs);
        let construct = construct(error);
        Some(quote!(#(#cfgs)* #decodable () if name.eq_ignore_ascii_case(#name) => { #construct }))
    });
    let arms: Vec<TokenStream> = arms.collect();
    // A `match` with guards rather than `if`s: its arms take `#[cfg]`.
    let by_name = (!arms.is_empty()).then(|| {
        quote! {
            let name = ::errdsl::__private::ServiceError::name(&result);
            match () {
                #(#arms)*
                () => {}
            }
        }
    });
    let transparents = catalog.errors.iter().filter_map(|error| {
        let Kind::Transparent { field, .. } = error.kind else { return None };
        let (ty, member) = (&error.fields[field].ty, &error.fields[field].member);
        let path = variant_path(error);
        // Only the decoder is spanned on the type (so a missing impl is
        // reported there); `result` keeps the span of the other bindings.
        let decoder = quote_spanned!(ty.span()=> (&&::errdsl::__private::Decode::<#ty>::NEW));
        let cfgs = &error.cfgs;
        Some(quote! {
            #(#cfgs)*
            let result = {
                #[allow(unused_imports)]
                use ::errdsl::__private::{DecodeNever as _, DecodeWithTryFrom as _};
                match #decoder.decode(result) {
                    ::errdsl::__private::Ok(inner) => return ::errdsl::__private::Ok(#path { #member: inner }),
                    ::errdsl::__private::Err(result) => result,
                }
            };
        })
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics ::errdsl::__private::TryFrom<::errdsl::__private::ErrorResult> for #ident #ty_generics #where_clause {
            type Error = ::errdsl::__private::ErrorResult;

            fn try_from(result: ::errdsl::__private::ErrorResult) -> ::errdsl::__private::Result<Self, Self::Error> {
                #by_name
                #(#transparents)*
                ::errdsl::__private::Err(result)
            }
        }
    }
}

/// The `#[cfg(...)]` of the configurations in which none of the local
/// fields with these `cfgs` is compiled in (nothing when there are none).
fn decodable_cfg(cfgs: &[&[syn::Attribute]]) -> TokenStream {
    if cfgs.is_empty() {
        return TokenStream::new();
    }
    let compiled_in = cfgs.iter().map(|attrs| {
        let predicates = attrs.iter().filter_map(|attr| attr.parse_args::<TokenStream>().ok());
        quote!(all(#(#predicates),*))
    });
    quote!(#[cfg(not(any(#(#compiled_in),*)))])
}

/// `return Ok(Self::Variant { .. })`, or `return Err(result)` when a
/// travelling field is missing or malformed.
fn construct(error: &ErrorDecl) -> TokenStream {
    let path = variant_path(error);
    let fields = error.fields.iter().map(|field| {
        let (member, ty) = (&field.member, &field.ty);
        let cfgs = &field.cfgs;
        let value = if field.wire == Wire::Travels {
            let name = field.wire_name();
            quote! {
                match <#ty as ::errdsl::__private::WireValue>::from_field(&result, #name) {
                    ::errdsl::__private::Some(value) => value,
                    ::errdsl::__private::None => return ::errdsl::__private::Err(result),
                }
            }
        } else if field.wire == Wire::Violations {
            quote_spanned!(ty.span()=> <#ty as ::errdsl::__private::ViolationList>::from_violations(
                ::errdsl::__private::ServiceError::field_violations(&result)
            ))
        } else if field.wire == Wire::Location {
            // Where the client decodes it: the error was made in another process.
            super::field_access::caller(ty)
        } else {
            quote!(<#ty as ::errdsl::__private::DecodesAsDefault>::decoded())
        };
        quote!(#(#cfgs)* #member: #value)
    });
    quote!(return ::errdsl::__private::Ok(#path { #(#fields),* });)
}

fn variant_path(error: &ErrorDecl) -> TokenStream {
    error.variant.as_ref().map_or_else(|| quote!(Self), |variant| quote!(Self::#variant))
}

/// `IntoResponse`, actix-web's `ResponseError`, `From<_> for tonic::Status`, `From<_> for
/// connectrpc::ConnectError`, utoipa's `IntoResponses`, aide's
/// `OperationOutput` and async-graphql's `ErrorExtensions`, through errdsl's `__private` macros, which expand to
/// nothing when the errdsl feature of each is off: the user's crate needs
/// none of these dependencies.
pub(super) fn transports(outline: &Outline) -> TokenStream {
    let ident = &outline.ident;
    let (impl_generics, ty_generics, _) = outline.generics.split_for_impl();
    // A bound on a type with no parameters would be a trivial bound, and
    // a second report of what the `ServiceError` impl already reports.
    let bound: Option<syn::WherePredicate> = (!outline.generics.params.is_empty())
        .then(|| syn::parse_quote!(#ident #ty_generics: ::errdsl::__private::ServiceError));
    let where_clause = where_clause(outline, bound.into_iter().collect());
    let input = quote!([#impl_generics] [#ident #ty_generics] [#where_clause]);
    quote! {
        ::errdsl::__private::axum_impls! { #input }
        ::errdsl::__private::actix_impls! { #input }
        ::errdsl::__private::tonic_impls! { #input }
        ::errdsl::__private::connect_impls! { #input }
        ::errdsl::__private::utoipa_impls! { #input }
        ::errdsl::__private::aide_impls! { #input }
        ::errdsl::__private::graphql_impls! { #input }
    }
}
