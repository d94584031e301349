//! What `errors!` writes beyond the derive: the enum itself, `Display`,
//! `Error` and the `From` conversions. Nothing for the derive, whose input
//! has no enum definition in its outline.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::LitStr;

use super::field_access::format_args;
use super::{as_dyn_error, binding, match_errors};
use crate::model::{Ancestor, AncestorVariant, Catalog, Display, Outline, Wire};

/// For a valid `errors!` enum: the enum, `Display`, `Error` and the `From`
/// conversions.
pub(super) fn definition(catalog: &Catalog) -> TokenStream {
    if catalog.outline.definition.is_none() {
        return TokenStream::new();
    }
    let conversions = outline_definition(&catalog.outline);
    let display = display(catalog);
    let error = error_impl(catalog);
    quote! {
        #conversions
        #display
        #error
    }
}

/// What an `errors!` enum's outline alone gives, valid or not: the enum and
/// its `From` conversions. For the fallback, stubs of `Display` and `Error`
/// too. Nothing for the derive.
pub(super) fn outline_definition(outline: &Outline) -> TokenStream {
    let Some(definition) = &outline.definition else {
        return TokenStream::new();
    };
    let attrs = &definition.attrs;
    let debug = definition.derive_debug.then(|| quote!(#[derive(::core::fmt::Debug)]));
    let (vis, ident, generics) = (&outline.vis, &outline.ident, &outline.generics);
    let variants = outline.variants.iter().filter_map(|v| v.syntax.as_ref());
    let froms = from_fields(outline);
    let upcasts = definition.ancestors.iter().map(|ancestor| from_ancestor(outline, ancestor));
    quote! {
        #(#attrs)*
        #debug
        #vis enum #ident #generics {
            #(#variants,)*
        }
        #froms
        #(#upcasts)*
    }
}

fn display(catalog: &Catalog) -> TokenStream {
    let ident = &catalog.outline.ident;
    let body = match_errors(&catalog.errors, |error| {
        let display = &error.display.as_ref()?.display;
        Some(match display {
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
    let ident = &catalog.outline.ident;
    let body = match_errors(&catalog.errors, |error| {
        let display = error.display.as_ref()?;
        Some(match (&display.display, display.source) {
            // A transparent error is its inner error: it has the inner's source.
            (Display::Transparent, _) => {
                let inner = as_dyn_error(&binding(0), &error.fields[0].ty);
                (vec![0], quote!(::std::error::Error::source(#inner)))
            }
            (Display::Message(_), Some(source)) => {
                let field = as_dyn_error(&binding(source), &error.fields[source].ty);
                (vec![source], quote!(::errdsl::__private::Some(#field)))
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
fn from_fields(outline: &Outline) -> TokenStream {
    let ident = &outline.ident;
    let impls = outline.variants.iter().filter(|v| v.from).filter_map(|variant| {
        let field = variant.converted_field()?;
        let (ty, member, cfgs) = (&field.ty, &field.member, &variant.cfgs);
        let located: Vec<TokenStream> = variant
            .fields
            .iter()
            .filter(|f| f.wire == Wire::Location)
            .map(|f| {
                let member = &f.member;
                let caller = super::field_access::caller(&f.ty);
                quote!(#member: #caller)
            })
            .collect();
        // Where `?` converts, when the variant records it.
        let track_caller = (!located.is_empty()).then(|| quote!(#[track_caller]));
        let variant = &variant.ident;
        Some(quote! {
            #(#cfgs)*
            #[automatically_derived]
            impl ::core::convert::From<#ty> for #ident {
                #track_caller
                fn from(source: #ty) -> Self {
                    Self::#variant { #member: source, #(#located),* }
                }
            }
        })
    });
    quote!(#(#impls)*)
}

/// `From<Ancestor> for Child`: every error of the ancestor is one of the child's.
fn from_ancestor(child: &Outline, ancestor: &Ancestor) -> TokenStream {
    let (child_ident, path) = (&child.ident, &ancestor.path);
    let arms = ancestor.variants.iter().map(|AncestorVariant { ident: variant, fields, cfgs }| {
        let fields: Vec<TokenStream> = fields
            .iter()
            .enumerate()
            .map(|(i, (member, field_cfgs))| {
                let binding = binding(i);
                quote!(#(#field_cfgs)* #member: #binding)
            })
            .collect();
        quote! {
            #(#cfgs)*
            #path::#variant { #(#fields),* } => Self::#variant { #(#fields),* },
        }
    });
    let body =
        if ancestor.variants.is_empty() { quote!(match error {}) } else { quote!(match error { #(#arms)* }) };
    let name = quote!(#path).to_string().replace(' ', "");
    let doc = format!("Every error of [`{name}`] is also one of [`{child_ident}`].");
    quote! {
        #[doc = #doc]
        #[automatically_derived]
        impl ::core::convert::From<#path> for #child_ident {
            fn from(error: #path) -> Self {
                #body
            }
        }
    }
}

/// `Display` and `Error` stubs for the fallback of an `errors!` enum, so
/// that the stub `ServiceError` impl resolves.
pub(super) fn display_stubs(outline: &Outline) -> TokenStream {
    if outline.definition.is_none() {
        return TokenStream::new();
    }
    let ident = &outline.ident;
    let (impl_generics, ty_generics, where_clause) = outline.generics.split_for_impl();
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
