//! What `errors!` generates beyond the derive: the enum itself, `Display`,
//! `Error` and the `From` conversions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{LitStr, Variant};

use super::service_error::format_args;
use super::{binding, match_errors};
use crate::errors::EnumDecl;
use crate::model::{Catalog, Display, ErrorDecl};

/// Everything `errors!` writes for one enum of a valid input.
pub(crate) fn errors(decl: &EnumDecl, catalog: &Catalog, ancestors: Vec<&Catalog>) -> TokenStream {
    let variants = catalog
        .errors
        .iter()
        .filter_map(|e| Some(e.definition.as_ref()?.variant.clone()))
        .collect::<Vec<_>>();
    let enum_def = enum_definition(decl, &variants);
    let display = display(catalog);
    let error = error_impl(catalog);
    let froms = from_fields(catalog);
    let upcasts = ancestors.into_iter().map(|ancestor| from_ancestor(catalog, ancestor));
    let derived = super::derive(catalog);
    quote! {
        #enum_def
        #display
        #error
        #froms
        #(#upcasts)*
        #derived
    }
}

/// The enum: the user's attributes (without errdsl's), `Debug` unless the
/// user derives it, and the given variants.
pub(crate) fn enum_definition(decl: &EnumDecl, variants: &[Variant]) -> TokenStream {
    let attrs = decl.attrs.iter().filter(|a| !a.path().is_ident("service_error"));
    let derives_debug = decl.attrs.iter().filter(|a| a.path().is_ident("derive")).any(|a| {
        a.parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
            .is_ok_and(|paths| paths.iter().any(|p| p.segments.last().is_some_and(|s| s.ident == "Debug")))
    });
    let debug = (!derives_debug).then(|| quote!(#[derive(::core::fmt::Debug)]));
    let (vis, ident, generics) = (&decl.vis, &decl.ident, &decl.generics);
    quote! {
        #(#attrs)*
        #debug
        #vis enum #ident #generics {
            #(#variants,)*
        }
    }
}

fn display(catalog: &Catalog) -> TokenStream {
    let ident = &catalog.ident;
    let body = match_errors(&catalog.errors, |error| {
        let definition = error.definition.as_ref()?;
        Some(match &definition.display {
            Display::Transparent => {
                let inner = binding(0);
                (vec![0], quote!(::core::fmt::Display::fmt(#inner, __formatter)))
            }
            Display::Message(template) if template.is_static() => {
                let text = LitStr::new(&template.static_text(), template.lit.span());
                (Vec::new(), quote!(__formatter.write_str(#text)))
            }
            Display::Message(template) => {
                let (bound, args) = format_args(error, template);
                let lit = LitStr::new(&template.rewritten, template.lit.span());
                (bound, quote!(::core::write!(__formatter, #lit #(, #args)*)))
            }
        })
    });
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}

fn error_impl(catalog: &Catalog) -> TokenStream {
    let ident = &catalog.ident;
    let body = match_errors(&catalog.errors, |error| {
        let definition = error.definition.as_ref()?;
        Some(match (&definition.display, definition.source) {
            // A transparent error is its inner error: it has the inner's source.
            (Display::Transparent, _) => {
                let inner = binding(0);
                let body = quote!(::std::error::Error::source({
                    use ::errdsl::__private::AsDynError as _;
                    (*#inner).as_dyn_error()
                }));
                (vec![0], body)
            }
            (Display::Message(_), Some(source)) => {
                let field = binding(source);
                let body = quote!(::errdsl::__private::Some({
                    use ::errdsl::__private::AsDynError as _;
                    (*#field).as_dyn_error()
                }));
                (vec![source], body)
            }
            (Display::Message(_), None) => (Vec::new(), quote!(::errdsl::__private::None)),
        })
    });
    quote! {
        #[automatically_derived]
        impl ::std::error::Error for #ident {
            fn source(&self) -> ::errdsl::__private::Option<&(dyn ::std::error::Error + 'static)> {
                #body
            }
        }
    }
}

/// `From<T>` for every `#[from] T` field, inherited ones included.
fn from_fields(catalog: &Catalog) -> TokenStream {
    let ident = &catalog.ident;
    let impls =
        catalog.errors.iter().filter(|e| e.definition.as_ref().is_some_and(|d| d.from)).map(|error| {
            let field = &error.fields[0];
            let (ty, member) = (&field.ty, &field.member);
            let variant = &error.variant;
            quote! {
                #[automatically_derived]
                impl ::core::convert::From<#ty> for #ident {
                    fn from(source: #ty) -> Self {
                        Self::#variant { #member: source }
                    }
                }
            }
        });
    quote!(#(#impls)*)
}

/// `From<Ancestor> for Child`: every error of the ancestor is one of the child's.
fn from_ancestor(child: &Catalog, ancestor: &Catalog) -> TokenStream {
    let (child_ident, ancestor_ident) = (&child.ident, &ancestor.ident);
    let arms = ancestor.errors.iter().map(|error: &ErrorDecl| {
        let variant = &error.variant;
        let members: Vec<_> = error.fields.iter().map(|f| &f.member).collect();
        let bindings: Vec<_> = (0..error.fields.len()).map(binding).collect();
        quote! {
            #ancestor_ident::#variant { #(#members: #bindings),* } => Self::#variant { #(#members: #bindings),* },
        }
    });
    let body =
        if ancestor.errors.is_empty() { quote!(match error {}) } else { quote!(match error { #(#arms)* }) };
    let doc = format!("Every error of [`{ancestor_ident}`] is also one of [`{child_ident}`].");
    quote! {
        #[doc = #doc]
        #[automatically_derived]
        impl ::core::convert::From<#ancestor_ident> for #child_ident {
            fn from(error: #ancestor_ident) -> Self {
                #body
            }
        }
    }
}

/// A `Display` stub for the fallback, so the stub `Error` impls resolve.
pub(crate) fn display_fallback(decl: &EnumDecl) -> TokenStream {
    let ident = &decl.ident;
    let (impl_generics, ty_generics, where_clause) = decl.generics.split_for_impl();
    let unused = format_ident!("__formatter");
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
            fn fmt(&self, #unused: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }
        #[automatically_derived]
        impl #impl_generics ::std::error::Error for #ident #ty_generics #where_clause {}
    }
}
