//! Constructors: one `snake_case` function per variant, like Goa's `MakeXxx`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Ident, Member};

use crate::case::snake_case;
use crate::model::{Catalog, Field};

/// What constructors are made from: a type and its variants' fields. The
/// fallback builds it from unvalidated input, so that calls to constructors
/// keep compiling while the user fixes the attributes.
pub(crate) struct Shape<'a> {
    pub ident: &'a Ident,
    pub generics: &'a syn::Generics,
    pub vis: &'a syn::Visibility,
    pub variants: Vec<(&'a Ident, Vec<Field>)>,
}

impl<'a> Shape<'a> {
    pub(crate) fn of(catalog: &'a Catalog) -> Self {
        Shape {
            ident: &catalog.ident,
            generics: &catalog.generics,
            vis: &catalog.vis,
            variants: catalog
                .errors
                .iter()
                .filter_map(|error| Some((error.variant.as_ref()?, error.fields.clone())))
                .collect(),
        }
    }
}

/// `impl Type { pub fn div_by_zero(dividend: i64) -> Self { .. } }`, one
/// function per variant. Structs get none: their literal is the constructor.
pub(crate) fn constructors(shape: &Shape<'_>) -> TokenStream {
    if shape.variants.is_empty() {
        return TokenStream::new();
    }
    let ident = shape.ident;
    let vis = shape.vis;
    let (impl_generics, ty_generics, where_clause) = shape.generics.split_for_impl();
    let fns = shape.variants.iter().map(|(variant, fields)| {
        let error = Fields { fields };
        let name = fn_name(variant);
        let tuple = error.fields.iter().all(|f| matches!(f.member, Member::Unnamed(_)));
        let params: Vec<Ident> = error
            .fields
            .iter()
            .map(|f| match &f.member {
                Member::Named(ident) => ident.clone(),
                Member::Unnamed(_) if error.fields.len() == 1 => format_ident!("value"),
                Member::Unnamed(index) => format_ident!("field{}", index.index),
            })
            .collect();
        let types = error.fields.iter().map(|f| &f.ty);
        let body = if error.fields.is_empty() {
            quote!(Self::#variant)
        } else if tuple {
            quote!(Self::#variant(#(#params),*))
        } else {
            quote!(Self::#variant { #(#params),* })
        };
        let doc = format!("Creates the [`{ident}::{variant}`] error.");
        quote! {
            #[doc = #doc]
            #[must_use]
            #[inline]
            #vis fn #name(#(#params: #types),*) -> Self {
                #body
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #(#fns)*
        }
    }
}

struct Fields<'a> {
    fields: &'a [Field],
}

/// The constructor's name: the variant in `snake_case`, raw if it is a keyword.
fn fn_name(variant: &Ident) -> Ident {
    let name = snake_case(&variant.to_string());
    match name.as_str() {
        // Keywords that cannot be raw identifiers.
        "self" | "super" | "crate" | "_" => format_ident!("{}_", name),
        _ => syn::parse_str::<Ident>(&name).unwrap_or_else(|_| Ident::new_raw(&name, Span::call_site())),
    }
}
