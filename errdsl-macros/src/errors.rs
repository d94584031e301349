//! The `errors! { ... }` front end: parses whole catalogs of error enums,
//! each optionally inheriting every error of a parent (Goa's API-, service-
//! and method-level errors), and lowers them to the model. Rules live in
//! `validate::catalog`, tokens in `expand`.
//!
//! Each enum is lowered to a `syn::DeriveInput` holding its own variants, so
//! the derive's receivers and rules serve it too. Its outline and catalog
//! are then its parent's (already lowered, with the parent's specs)
//! followed by its own.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, DeriveInput, Generics, Ident, Token, Variant, Visibility, braced};

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::expand;
use crate::lower;
use crate::model::{Ancestor, Catalog, EnumDefinition, ErrorDecl, Outline, VariantOutline};
use crate::validate::catalog as rules;

/// One `enum Name: Parent { ... }` of the input.
pub(crate) struct EnumDecl {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub generics: Generics,
    pub parent: Option<Ident>,
    pub variants: Punctuated<Variant, Token![,]>,
}

struct Decls(Vec<EnumDecl>);

impl Parse for Decls {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut decls = Vec::new();
        while !input.is_empty() {
            decls.push(input.parse()?);
        }
        Ok(Decls(decls))
    }
}

impl Parse for EnumDecl {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        if !input.peek(Token![enum]) {
            return Err(input.error(
                "`errors!` declares enums: write `pub enum Name { ... }` or `pub enum Name: Parent { ... }`",
            ));
        }
        input.parse::<Token![enum]>()?;
        let ident = input.parse()?;
        let generics = input.parse()?;
        let parent = if input.peek(Token![:]) {
            input.parse::<Token![:]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        let content;
        braced!(content in input);
        let variants = content.parse_terminated(Variant::parse, Token![,])?;
        Ok(EnumDecl { attrs, vis, ident, generics, parent, variants })
    }
}

/// One enum, lowered: its outline, and its errors when all of them (its
/// ancestors' included) are valid, each with the enum that declared it.
struct Lowered {
    outline: Outline,
    errors: Option<Vec<(ErrorDecl, Ident)>>,
}

/// Expands `errors! { ... }`.
pub(crate) fn errors(input: TokenStream) -> TokenStream {
    let decls = match syn::parse2::<Decls>(input) {
        Ok(decls) => decls.0,
        Err(error) => return error.to_compile_error(),
    };
    let mut cx = Ctxt::new();
    rules::check_unique_enums(&decls, &mut cx);
    rules::check_no_generics(&decls, &mut cx);
    rules::check_parents(&decls, &mut cx);

    let mut lowered: Vec<Option<Lowered>> = (0..decls.len()).map(|_| None).collect();
    for index in parents_first(&decls) {
        let parent = ancestors_of(index, &decls).and_then(|chain| chain.first().copied());
        let parent = parent.and_then(|p| lowered[p].as_ref());
        let ancestors = ancestor_outlines(index, &decls, &lowered);
        lowered[index] = Some(lower_enum(&decls[index], parent, ancestors, &mut cx));
    }

    // One expansion per name: a duplicate enum is reported, not defined twice.
    let unique = |i: &usize| !decls[..*i].iter().any(|d| d.ident == decls[*i].ident);
    let lowered: Vec<Lowered> = (0..decls.len()).filter(unique).filter_map(|i| lowered[i].take()).collect();
    match cx.finish() {
        Ok(()) => {
            let expanded = lowered.into_iter().filter_map(|l| {
                let errors = l.errors?.into_iter().map(|(error, _)| error).collect();
                Some(expand::expand(&Catalog { outline: l.outline, errors }))
            });
            quote!(#(#expanded)*)
        }
        Err(errors) => {
            let errors = errors.to_compile_error();
            let fallbacks = lowered.iter().map(|l| expand::fallback(&l.outline));
            quote!(#errors #(#fallbacks)*)
        }
    }
}

/// Lowers one enum on top of its parent, checking its own errors.
fn lower_enum(decl: &EnumDecl, parent: Option<&Lowered>, ancestors: Vec<Ancestor>, cx: &mut Ctxt) -> Lowered {
    let input = decl.derive_input();
    let ast = Input::from_syn(&input, cx);
    let own = rules::validate_enum(decl, &ast, cx);

    let mut outline = lower::outline(&ast);
    let own_variants = decl.variants.iter().zip(&ast.errors).map(|(variant, error)| VariantOutline {
        ident: variant.ident.clone(),
        constructor: lower::constructor_name(&variant.ident),
        fields: lower::fields(error),
        syntax: Some(clean_variant(variant)),
        from: error.fields.len() == 1 && error.fields[0].has_attr("from"),
    });
    let inherited = parent.map(|p| p.outline.variants.clone()).unwrap_or_default();
    // A variant redeclared here (a mistake, reported) keeps its inherited form.
    let own_variants: Vec<VariantOutline> =
        own_variants.filter(|own| !inherited.iter().any(|v| v.ident == own.ident)).collect();
    outline.variants = inherited.into_iter().chain(own_variants).collect();
    outline.definition = Some(EnumDefinition {
        attrs: decl.attrs.iter().filter(|a| !a.path().is_ident("service_error")).cloned().collect(),
        derive_debug: !derives_debug(&decl.attrs),
        ancestors,
    });

    let errors = match (parent.map(|p| p.errors.as_ref()), own) {
        (Some(None), _) | (_, None) => None,
        (Some(Some(inherited)), Some(own)) => {
            rules::check_inherited(inherited, &own, cx);
            Some(inherited.iter().cloned().chain(own.into_iter().map(|e| (e, decl.ident.clone()))).collect())
        }
        (None, Some(own)) => {
            crate::validate::check_unique_names(own.iter().map(|e| (e, None)), cx);
            Some(own.into_iter().map(|e| (e, decl.ident.clone())).collect())
        }
    };
    Lowered { outline, errors }
}

impl EnumDecl {
    /// The enum with its own variants, as the derive would see it.
    fn derive_input(&self) -> DeriveInput {
        let (attrs, vis, ident, generics, variants) =
            (&self.attrs, &self.vis, &self.ident, &self.generics, &self.variants);
        syn::parse_quote!(#(#attrs)* #vis enum #ident #generics { #variants })
    }
}

/// Whether the user derives `Debug` already.
fn derives_debug(attrs: &[Attribute]) -> bool {
    attrs.iter().filter(|a| a.path().is_ident("derive")).any(|a| {
        a.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
            .is_ok_and(|paths| paths.iter().any(|p| p.segments.last().is_some_and(|s| s.ident == "Debug")))
    })
}

/// The variant without the attributes errdsl and thiserror read.
fn clean_variant(variant: &Variant) -> Variant {
    let mut variant = variant.clone();
    variant.attrs.retain(|a| !a.path().is_ident("error") && !a.path().is_ident("service_error"));
    for field in &mut variant.fields {
        field.attrs.retain(|a| {
            !["source", "from", "backtrace", "service_error"].iter().any(|n| a.path().is_ident(n))
        });
    }
    variant
}

/// The ancestors of `decls[index]` that `From` converts from, nearest first.
fn ancestor_outlines(index: usize, decls: &[EnumDecl], lowered: &[Option<Lowered>]) -> Vec<Ancestor> {
    let chain = ancestors_of(index, decls).unwrap_or_default();
    chain
        .into_iter()
        .filter_map(|a| {
            let outline = &lowered[a].as_ref()?.outline;
            let variants = outline
                .variants
                .iter()
                .map(|v| (v.ident.clone(), v.fields.iter().map(|f| f.member.clone()).collect()))
                .collect();
            Some(Ancestor { path: decls[a].ident.clone().into(), variants })
        })
        .collect()
}

/// The enums whose ancestry resolves, parents before children; declaration
/// order within a depth.
fn parents_first(decls: &[EnumDecl]) -> Vec<usize> {
    let mut depths: Vec<(usize, usize)> =
        (0..decls.len()).filter_map(|i| Some((ancestors_of(i, decls)?.len(), i))).collect();
    depths.sort_unstable();
    depths.into_iter().map(|(_, i)| i).collect()
}

/// The index of the enum named `ident`.
pub(crate) fn position(decls: &[EnumDecl], ident: &Ident) -> Option<usize> {
    decls.iter().position(|d| d.ident == *ident)
}

/// The chain of ancestors of `decls[i]`, nearest first; `None` on a cycle or
/// an unknown parent.
pub(crate) fn ancestors_of(i: usize, decls: &[EnumDecl]) -> Option<Vec<usize>> {
    let mut chain = Vec::new();
    let mut current = i;
    while let Some(parent) = &decls[current].parent {
        let next = position(decls, parent)?;
        if next == i || chain.contains(&next) {
            return None;
        }
        chain.push(next);
        current = next;
    }
    Some(chain)
}
