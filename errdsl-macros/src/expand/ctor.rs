//! Constructors: one `snake_case` function per variant, like Goa's `MakeXxx`.
//! Made from the outline, so that calls to them keep compiling while the
//! user fixes a declaration's attributes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::{Ident, Member};

use crate::model::Outline;

/// `impl Type { pub fn div_by_zero(dividend: i64) -> Self { .. } }`, one
/// function per variant. Structs get none: their literal is the constructor.
pub(super) fn constructors(outline: &Outline) -> TokenStream {
    if outline.variants.is_empty() {
        return TokenStream::new();
    }
    let (ident, vis) = (&outline.ident, &outline.vis);
    let (impl_generics, ty_generics, where_clause) = outline.generics.split_for_impl();
    let fns = outline.variants.iter().filter_map(|outline_variant| {
        let (name, fields, variant) =
            (outline_variant.constructor.as_ref()?, &outline_variant.fields, &outline_variant.ident);
        let tuple = fields.iter().all(|f| matches!(f.member, Member::Unnamed(_)));
        let params: Vec<Ident> = fields
            .iter()
            .map(|f| match &f.member {
                Member::Named(ident) => ident.clone(),
                Member::Unnamed(_) if fields.len() == 1 => format_ident!("value"),
                Member::Unnamed(index) => format_ident!("field{}", index.index),
            })
            .collect();
        let types = fields.iter().map(|f| &f.ty);
        // A cfg'd field (named: `errors!` turns away a positional one) is a
        // parameter, and a field of the literal, under its cfg.
        let field_cfgs: Vec<_> = fields.iter().map(|f| &f.cfgs).collect();
        let body = if fields.is_empty() {
            quote!(Self::#variant)
        } else if tuple {
            quote!(Self::#variant(#(#params),*))
        } else {
            quote!(Self::#variant { #(#(#field_cfgs)* #params),* })
        };
        let doc = format!("Creates the [`{ident}::{variant}`] error.");
        let cfgs = &outline_variant.cfgs;
        // Located at the variant: a function of this name written by hand
        // is reported beside the variant that makes this one. (Resolved as
        // the macro's own code still, so the user's lints, `dead_code`
        // among them, pass it by as generated.)
        let span = proc_macro2::Span::call_site().located_at(variant.span());
        Some(quote_spanned! {span=>
            #(#cfgs)*
            #[doc = #doc]
            #[must_use]
            #[inline]
            #vis fn #name(#(#(#field_cfgs)* #params: #types),*) -> Self {
                #body
            }
        })
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #(#fns)*
        }
    }
}
