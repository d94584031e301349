//! Constructors: one `snake_case` function per variant, like Goa's `MakeXxx`.
//! Made from the outline, so that calls to them keep compiling while the
//! user fixes a declaration's attributes.

use proc_macro2::TokenStream;
use quote::{ToTokens as _, format_ident, quote, quote_spanned};
use syn::{Ident, Member};

use super::field_access::caller;
use crate::model::{Field, Outline, Wire};

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
        // A field that records a location is no parameter: the caller's
        // location fills it.
        let given: Vec<&Field> = fields.iter().filter(|f| f.wire != Wire::Location).collect();
        let param = |f: &Field| match &f.member {
            Member::Named(ident) => ident.clone(),
            Member::Unnamed(_) if given.len() == 1 => format_ident!("value"),
            Member::Unnamed(index) => format_ident!("field{}", index.index),
        };
        let params: Vec<Ident> = given.iter().map(|f| param(f)).collect();
        let types = given.iter().map(|f| &f.ty);
        // A cfg'd field (named: `errors!` turns away a positional one) is a
        // parameter, and a field of the literal, under its cfg.
        let param_cfgs: Vec<_> = given.iter().map(|f| &f.cfgs).collect();
        let values: Vec<TokenStream> = fields
            .iter()
            .map(|f| if f.wire == Wire::Location { caller(&f.ty) } else { param(f).to_token_stream() })
            .collect();
        let members = fields.iter().map(|f| &f.member);
        let field_cfgs = fields.iter().map(|f| &f.cfgs);
        let body = if fields.is_empty() {
            quote!(Self::#variant)
        } else if tuple {
            quote!(Self::#variant(#(#values),*))
        } else {
            quote!(Self::#variant { #(#(#field_cfgs)* #members: #values),* })
        };
        let track_caller = (given.len() < fields.len()).then(|| quote!(#[track_caller]));
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
            #track_caller
            #vis fn #name(#(#(#param_cfgs)* #params: #types),*) -> Self {
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
