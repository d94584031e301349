//! From the input as written (`ast`) to the [`Outline`] of a type: the names
//! and bounds generated code uses, decided once, here, whether or not the
//! declaration is valid.

use proc_macro2::Span;
use quote::format_ident;
use syn::spanned::Spanned;
use syn::{Ident, WherePredicate};

use crate::ast::{self, Input};
use crate::case::snake_case;
use crate::model::{Field, Outline, VariantOutline, Wire};

/// The outline of a type as the derive sees it (no enum definition).
pub(crate) fn outline(input: &Input<'_>) -> Outline {
    let variants = input
        .errors
        .iter()
        .filter_map(|error| {
            let ident = error.variant?.clone();
            Some(VariantOutline {
                constructor: Some(constructor_name(&ident)),
                ident,
                fields: fields(error),
                syntax: None,
                from: false,
            })
        })
        .collect();
    Outline {
        ident: input.ident.clone(),
        generics: input.generics.clone(),
        vis: input.vis.clone(),
        bounds: bounds(input),
        variants,
        definition: None,
    }
}

/// The outline with its clashes (reported by `validate::check_outline`)
/// taken out, for the fallback: a constructor name a variant before already
/// has, and a second `From` for a type (or one for an ancestor, which
/// converts by itself). The variants themselves stay, so that code naming
/// them keeps compiling.
pub(crate) fn without_clashes(mut outline: Outline) -> Outline {
    let ancestors: Vec<String> = outline
        .definition
        .iter()
        .flat_map(|d| &d.ancestors)
        .map(|a| {
            let path = &a.path;
            quote::quote!(#path).to_string()
        })
        .collect();
    let (mut constructors, mut froms) = (Vec::new(), ancestors);
    for variant in &mut outline.variants {
        if let Some(name) = &variant.constructor {
            if constructors.contains(name) {
                variant.constructor = None;
            } else {
                constructors.push(name.clone());
            }
        }
        if variant.from {
            let ty = variant.fields.first().map(|f| {
                let ty = &f.ty;
                quote::quote!(#ty).to_string()
            });
            match ty {
                Some(ty) if !froms.contains(&ty) => froms.push(ty),
                _ => variant.from = false,
            }
        }
    }
    outline
}

/// The fields of an error, before `validate` decides what travels.
pub(crate) fn fields(error: &ast::Error<'_>) -> Vec<Field> {
    error
        .fields
        .iter()
        .map(|f| Field { member: f.member.clone(), ty: f.ty.clone(), wire: Wire::Local })
        .collect()
}

/// The bounds generated impls need: the supertraits of `ServiceError` on a
/// generic type, and `ServiceError` on the fields of transparent errors
/// (spanned on the field, so a missing impl is reported there).
fn bounds(input: &Input<'_>) -> Vec<WherePredicate> {
    let mut bounds = Vec::new();
    if !input.generics.params.is_empty() {
        // The type by name, not `Self`: some impls are for other types
        // (`From<Type> for tonic::Status`).
        let ident = input.ident;
        let (_, ty_generics, _) = input.generics.split_for_impl();
        bounds.push(syn::parse_quote!(
            #ident #ty_generics: ::std::error::Error + ::core::marker::Send + ::core::marker::Sync + 'static
        ));
    }
    for error in &input.errors {
        let transparent = error.keys.as_ref().is_some_and(|keys| keys.transparent.is_present());
        if let (true, [field]) = (transparent, error.fields.as_slice()) {
            let ty = field.ty;
            bounds.push(syn::parse_quote_spanned!(ty.span()=> #ty: ::errdsl::__private::ServiceError));
        }
    }
    bounds
}

/// The constructor of a variant: its `snake_case` name, raw if it is a
/// keyword, with a trailing `_` for the keywords that cannot be raw.
pub(crate) fn constructor_name(variant: &Ident) -> Ident {
    let name = snake_case(&variant.to_string());
    match name.as_str() {
        "self" | "super" | "crate" | "_" => format_ident!("{}_", name),
        _ => syn::parse_str::<Ident>(&name).unwrap_or_else(|_| Ident::new_raw(&name, Span::call_site())),
    }
}
