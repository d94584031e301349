//! From the input as written (`ast`) to the [`Outline`] of a type: the names
//! and bounds generated code uses, decided once, here, whether or not the
//! declaration is valid.

use proc_macro2::Span;
use quote::format_ident;
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, Path, Token, Variant, WherePredicate};

use crate::ast::decls::EnumDecl;
use crate::ast::{self, Input};
use crate::case::snake_case;
use crate::model::{Ancestor, AncestorVariant, EnumDefinition, Field, Outline, VariantOutline, Wire};
use crate::thread_safety::{known_thread_safe, not_thread_safe};
use crate::tree::Tree;

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
                cfgs: error.cfgs.clone(),
            })
        })
        .collect();
    let thread_checks = thread_checks(input);
    Outline {
        ident: input.ident.clone(),
        generics: input.generics.clone(),
        vis: input.vis.clone(),
        bounds: bounds(input, !thread_checks.is_empty()),
        thread_safe: input.errors.iter().flat_map(|e| &e.fields).all(|f| not_thread_safe(f.ty).is_none()),
        thread_checks,
        transport_impls: !input.container.as_ref().is_some_and(|c| c.no_transport_impls.is_present()),
        variants,
        definition: None,
    }
}

/// The outline of an `errors!` enum, on top of its parent's: the parent's
/// variants (inherited ones first), then its own (a variant redeclared here,
/// a mistake reported by `validate`, keeps its inherited form), and how to
/// write the enum, converting from `ancestors`.
pub(crate) fn enum_decl(
    decl: &EnumDecl,
    input: &Input<'_>,
    parent: Option<&Outline>,
    ancestors: Vec<Ancestor>,
) -> Outline {
    let mut outline = outline(input);
    let inherited = parent.map(|p| p.variants.clone()).unwrap_or_default();
    let own = decl.variants.iter().zip(&input.errors).map(|(variant, error)| VariantOutline {
        ident: variant.ident.clone(),
        constructor: Some(constructor_name(&variant.ident)),
        fields: fields(error),
        syntax: Some(clean_variant(variant)),
        from: {
            // `#[from]` on the one field beside those that record a location.
            let mut kept = error.fields.iter().filter(|f| !f.keys.location.is_present());
            matches!((kept.next(), kept.next()), (Some(field), None) if field.has_attr("from"))
        },
        cfgs: error.cfgs.clone(),
    });
    let own: Vec<VariantOutline> =
        own.filter(|own| !inherited.iter().any(|v| v.ident == own.ident)).collect();
    outline.variants = inherited.into_iter().chain(own).collect();
    outline.definition = Some(EnumDefinition {
        attrs: decl
            .attrs
            .iter()
            .filter(|a| !a.path().is_ident("service_error") && !hides_read(a))
            .filter_map(without_own_derives)
            .collect(),
        derive_debug: !derives_debug(&decl.attrs),
        ancestors,
    });
    outline
}

/// The ancestors of `tree.decls[index]` that `From` converts from, nearest
/// first, by the path the enum can name them with: local ones by name, a
/// borrowed parent by the path written (the ancestors of a borrowed parent
/// have no path known here), with the variants of their outlines.
pub(crate) fn ancestors<'a>(
    tree: &Tree<'_>,
    index: usize,
    outline_of: impl Fn(usize) -> Option<&'a Outline>,
) -> Vec<Ancestor> {
    let decl = &tree.decls[index];
    let chain = tree.ancestors(index).unwrap_or_default();
    chain
        .into_iter()
        .filter_map(|a| {
            let ancestor = &tree.decls[a];
            let path: Path = if ancestor.scope == decl.scope {
                ancestor.ident.clone().into()
            } else if Some(a) == tree.parent(index) {
                decl.parent.clone()?
            } else {
                return None;
            };
            let variants = outline_of(a)?
                .variants
                .iter()
                .map(|v| AncestorVariant {
                    ident: v.ident.clone(),
                    fields: v.fields.iter().map(|f| (f.member.clone(), f.cfgs.clone())).collect(),
                    cfgs: v.cfgs.clone(),
                })
                .collect();
            Some(Ancestor { path, variants })
        })
        .collect()
}

/// Whether `attr` is a `cfg_attr` that hides an attribute `errors!` reads
/// (a mistake, reported): the enum is written without it.
fn hides_read(attr: &Attribute) -> bool {
    ast::hidden_by_cfg_attr(std::slice::from_ref(attr)).is_some()
}

/// `attr` without the derives of what `errors!` implements itself (a
/// mistake, reported); `None` when nothing is left of it.
fn without_own_derives(attr: &Attribute) -> Option<Attribute> {
    let Some(paths) = ast::derived(attr) else { return Some(attr.clone()) };
    if !paths.iter().any(|path| ast::own_derive(path).is_some()) {
        return Some(attr.clone());
    }
    let kept: Vec<&Path> = paths.iter().filter(|path| ast::own_derive(path).is_none()).collect();
    (!kept.is_empty()).then(|| syn::parse_quote!(#[derive(#(#kept),*)]))
}

/// Whether the user derives `Debug` already.
fn derives_debug(attrs: &[Attribute]) -> bool {
    attrs.iter().filter(|a| a.path().is_ident("derive")).any(|a| {
        a.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
            .is_ok_and(|paths| paths.iter().any(|p| p.segments.last().is_some_and(|s| s.ident == "Debug")))
    })
}

/// The variant without the attributes errdsl and thiserror read (a
/// field's `#[cfg(...)]` stays).
fn clean_variant(variant: &Variant) -> Variant {
    let mut variant = variant.clone();
    variant
        .attrs
        .retain(|a| !a.path().is_ident("error") && !a.path().is_ident("service_error") && !hides_read(a));
    for field in &mut variant.fields {
        field.attrs.retain(|a| {
            !["source", "from", "backtrace", "service_error"].iter().any(|n| a.path().is_ident(n))
                && !hides_read(a)
        });
    }
    variant
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
            let ty = variant.converted_field().map(|f| {
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
        .map(|f| Field {
            member: f.member.clone(),
            ty: f.ty.clone(),
            // Known before validation: constructors and `From` impls fill it.
            wire: if f.keys.location.is_present() { Wire::Location } else { Wire::Local },
            name: f.keys.name.as_ref().map(syn::LitStr::value),
            cfgs: f.cfgs(),
        })
        .collect()
}

/// The bounds generated impls need: the supertraits of `ServiceError` on a
/// generic type, `WireValue` on the `wire` fields, `std::error::Error` on the
/// sources of classified errors and `Transparent` on the fields of
/// transparent errors, whose types name a generic parameter. (A field of a concrete type needs no
/// bound: a missing impl is reported once, where the field is used.)
fn bounds(input: &Input<'_>, thread_checked: bool) -> Vec<WherePredicate> {
    let mut bounds = Vec::new();
    if input.generics.params.is_empty() {
        // What `ServiceError` asks of the type itself. Bound by a lifetime,
        // the predicate is not checked where the impl is written: a type
        // that is no `std::error::Error`, or a field that is not `Send +
        // Sync`, is reported once, by errdsl's checks (`StdError`,
        // `ThreadSafe`), not by every impl.
        let ident = input.ident;
        let thread_safe =
            thread_checked.then(|| quote::quote!(+ ::core::marker::Send + ::core::marker::Sync));
        bounds.push(syn::parse_quote!(for<'__errdsl> #ident: ::std::error::Error #thread_safe));
    }
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
        // A `wire` field of a generic type needs what it needs to travel,
        // as serde's derive asks for `Serialize` of its parameters.
        for field in error.fields.iter().filter(|f| f.keys.wire.is_present()) {
            if ast::mentions_generics(input.generics, field.ty) {
                let ty = field.ty;
                bounds.push(syn::parse_quote!(#ty: ::errdsl::__private::WireValue));
            }
        }
        // A classified source of a generic type is an error for the
        // parameters that make it one, as thiserror's `Error` impl asks.
        let classified = error.keys.as_ref().is_some_and(|keys| keys.classify.is_present());
        if let (true, Some(source)) = (classified, error.source_field())
            && ast::mentions_generics(input.generics, error.fields[source].ty)
        {
            let ty = error.fields[source].ty;
            bounds.push(syn::parse_quote!(#ty: ::std::error::Error + 'static));
        }
        let transparent = error.keys.as_ref().is_some_and(|keys| keys.transparent.is_present());
        if let (true, [field]) = (transparent, error.fields.as_slice())
            && ast::mentions_generics(input.generics, field.ty)
        {
            let ty = field.ty;
            bounds.push(syn::parse_quote!(#ty: ::errdsl::__private::Transparent));
        }
    }
    bounds
}

/// The field types to check for `Send + Sync` ([`Outline::thread_checks`]):
/// each concrete type once, but those std makes thread-safe and those the
/// validation already turned away as written.
fn thread_checks(input: &Input<'_>) -> Vec<syn::Type> {
    let mut seen = std::collections::HashSet::new();
    input
        .errors
        .iter()
        .flat_map(|error| &error.fields)
        .map(|field| field.ty)
        .filter(|ty| {
            !known_thread_safe(ty)
                && not_thread_safe(ty).is_none()
                && !ast::mentions_generics(input.generics, ty)
        })
        .filter(|ty| seen.insert(quote::ToTokens::to_token_stream(ty).to_string()))
        .cloned()
        .collect()
}

/// The constructor of a variant: its `snake_case` name, raw if it is a
/// keyword, with a trailing `_` for the keywords that cannot be raw.
/// It is located at the variant, so that a function of the same name
/// written by hand is reported there.
pub(crate) fn constructor_name(variant: &Ident) -> Ident {
    let name = snake_case(&variant.to_string());
    let mut ident = match name.as_str() {
        "self" | "super" | "crate" | "_" => format_ident!("{}_", name),
        _ => syn::parse_str::<Ident>(&name).unwrap_or_else(|_| Ident::new_raw(&name, Span::call_site())),
    };
    ident.set_span(Span::call_site().located_at(variant.span()));
    ident
}
