//! The `errors! { ... }` front end: whole catalogs of error enums, each
//! optionally inheriting every error of a parent (Goa's API-, service- and
//! method-level errors).
//!
//! Each enum is lowered to a `syn::DeriveInput` holding its own variants and
//! goes through the derive's parser and validator; its model is then its
//! parent's errors (already validated, with the parent's spec) followed by
//! its own. Besides what the derive generates, `errors!` writes the enum
//! itself, `Display`, `Error` and the `From` conversions.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, DeriveInput, Generics, Ident, Token, Variant, Visibility, braced};

use crate::ast::{self, Input};
use crate::ctxt::Ctxt;
use crate::expand;
use crate::fmt::Template;
use crate::model::{Catalog, Definition, Display};
use crate::suggest::did_you_mean;
use crate::validate::{missing_field, validate};

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

/// Expands `errors! { ... }`.
pub(crate) fn errors(input: TokenStream) -> TokenStream {
    let decls = match syn::parse2::<Decls>(input) {
        Ok(decls) => decls.0,
        Err(error) => return error.to_compile_error(),
    };
    let mut cx = Ctxt::new();
    check_unique_enums(&decls, &mut cx);
    check_no_generics(&decls, &mut cx);
    let order = resolve_parents(&decls, &mut cx);

    let mut catalogs: HashMap<String, Catalog> = HashMap::new();
    for &index in &order {
        let decl = &decls[index];
        let input = decl.derive_input();
        let ast = Input::from_syn(&input, &mut cx);
        let definitions = definitions(decl, &ast, &mut cx);
        let own = validate(&ast, &mut cx);
        let inherited = decl.parent.as_ref().and_then(|p| catalogs.get(&p.to_string()));
        if let (Some(mut own), Some(definitions)) = (own, definitions) {
            for (error, definition) in own.errors.iter_mut().zip(definitions) {
                error.definition = Some(definition);
            }
            if let Some(parent) = inherited {
                check_redeclared(parent, &own, &mut cx);
                let mut errors = parent.errors.clone();
                errors.append(&mut own.errors);
                own.errors = errors;
            }
            catalogs.insert(decl.ident.to_string(), own);
        }
    }

    if let Err(errors) = cx.finish() {
        let errors = errors.to_compile_error();
        // One stub per name: a duplicate enum is reported, not defined twice.
        let fallbacks = decls
            .iter()
            .enumerate()
            .filter(|(i, decl)| !decls[..*i].iter().any(|d| d.ident == decl.ident))
            .map(|(_, decl)| fallback(decl));
        return quote!(#errors #(#fallbacks)*);
    }
    let expanded = decls.iter().enumerate().filter_map(|(i, decl)| {
        let catalog = catalogs.get(&decl.ident.to_string())?;
        let ancestors = ancestors_of(i, &decls).unwrap_or_default().into_iter();
        let ancestors = ancestors.filter_map(|a| catalogs.get(&decls[a].ident.to_string()));
        Some(expand::errors(decl, catalog, ancestors.collect()))
    });
    quote!(#(#expanded)*)
}

impl EnumDecl {
    /// The enum with its own variants, as the derive would see it.
    fn derive_input(&self) -> DeriveInput {
        let (attrs, vis, ident, generics, variants) =
            (&self.attrs, &self.vis, &self.ident, &self.generics, &self.variants);
        syn::parse_quote!(#(#attrs)* #vis enum #ident #generics { #variants })
    }
}

/// Rule: every variant of `errors!` says how it displays, and a `#[from]`
/// variant has exactly one field. Returns one definition per variant.
fn definitions(decl: &EnumDecl, ast: &Input<'_>, cx: &mut Ctxt) -> Option<Vec<Definition>> {
    let mut definitions = Vec::new();
    let mut complete = true;
    for (variant, error) in decl.variants.iter().zip(&ast.errors) {
        let display = display(variant, error, cx);
        let from = error.fields.iter().any(|f| f.has_attr("from"));
        if from && error.fields.len() != 1 {
            cx.error_at(
                &variant.ident,
                format!(
                    "`#[from]` converts a value into `{}`, so it must be the variant's only field",
                    variant.ident
                ),
            );
        }
        let Some(display) = display else {
            complete = false;
            continue;
        };
        definitions.push(Definition {
            variant: clean_variant(variant),
            display,
            source: error.source_field(),
            from,
            origin: decl.ident.clone(),
        });
    }
    complete.then_some(definitions)
}

/// Rule: a variant has one `#[error("...")]` or `#[error(transparent)]`
/// whose placeholders name existing fields.
fn display(variant: &Variant, error: &ast::Error<'_>, cx: &mut Ctxt) -> Option<Display> {
    let mut attrs = variant.attrs.iter().filter(|a| a.path().is_ident("error"));
    let Some(attr) = attrs.next() else {
        cx.error_at(
            &variant.ident,
            format!("`{}` needs a message: add `#[error(\"...\")]`, or `#[error(transparent)]` to show its only field", variant.ident),
        );
        return None;
    };
    if let Some(extra) = attrs.next() {
        cx.error_at(extra, "a variant takes one `#[error(...)]`; remove this one");
        return None;
    }
    let parsed = attr.parse_args_with(|input: ParseStream<'_>| {
        if input.peek(syn::Ident) && input.fork().parse::<Ident>().is_ok_and(|i| i == "transparent") {
            input.parse::<Ident>()?;
            return Ok(None);
        }
        let lit: syn::LitStr = input.parse()?;
        if !input.is_empty() {
            return Err(input.error("format arguments are not supported in `#[error]`: name fields in the message, e.g. `{amount}`"));
        }
        Ok(Some(lit))
    });
    match parsed {
        Err(error) => {
            cx.error_span(error.span(), error);
            None
        }
        Ok(None) if error.fields.len() != 1 => {
            cx.error_at(
                attr,
                format!(
                    "`#[error(transparent)]` shows the variant's only field, but `{}` has {}",
                    variant.ident,
                    error.fields.len()
                ),
            );
            None
        }
        Ok(None) => Some(Display::Transparent),
        Ok(Some(lit)) => {
            let template = Template::parse(&lit)
                .map_err(|problem| cx.error_at(&lit, format!("`#[error]`: {problem}")))
                .ok()?;
            let mut ok = true;
            for field in &template.fields {
                if let Some(problem) = missing_field(field, error) {
                    cx.error_at(&lit, format!("`#[error]` names `{{{field}}}`, but {problem}"));
                    ok = false;
                }
            }
            ok.then_some(Display::Message(template))
        }
    }
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

/// Rule: enum names are unique in one `errors!`.
fn check_unique_enums(decls: &[EnumDecl], cx: &mut Ctxt) {
    for (i, decl) in decls.iter().enumerate() {
        if decls[..i].iter().any(|d| d.ident == decl.ident) {
            cx.error_at(
                &decl.ident,
                format!("`{}` is declared twice in this `errors!`; rename one", decl.ident),
            );
        }
    }
}

/// Rule: enums in `errors!` are not generic (a catalog is a fixed list).
fn check_no_generics(decls: &[EnumDecl], cx: &mut Ctxt) {
    for decl in decls {
        if !decl.generics.params.is_empty() || decl.generics.where_clause.is_some() {
            cx.error_at(&decl.generics, "enums in `errors!` cannot be generic; use `#[derive(ServiceError)]` for a generic error type");
        }
    }
}

/// Rule: a parent is an enum of the same `errors!`, and no enum is its own
/// ancestor. Returns the enums, parents before children; enums whose
/// ancestry is broken are left out (their mistakes are reported).
fn resolve_parents(decls: &[EnumDecl], cx: &mut Ctxt) -> Vec<usize> {
    for (i, decl) in decls.iter().enumerate() {
        let Some(parent) = &decl.parent else { continue };
        if position(decls, parent).is_none() {
            let names: Vec<String> = decls.iter().map(|d| d.ident.to_string()).collect();
            let hint = did_you_mean(&parent.to_string(), names.iter().map(String::as_str))
                .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
            cx.error_at(
                parent,
                format!("unknown parent `{parent}`: a parent must be declared in the same `errors!`{hint}"),
            );
        } else if ancestors_of(i, decls).is_none() {
            cx.error_at(
                parent,
                format!(
                    "`{}` inherits from itself through `{parent}`; parents cannot form a cycle",
                    decl.ident
                ),
            );
        }
    }
    // Parents first: sort by depth, keeping declaration order within a depth.
    let mut depths: Vec<(usize, usize)> =
        (0..decls.len()).filter_map(|i| Some((ancestors_of(i, decls)?.len(), i))).collect();
    depths.sort_unstable();
    depths.into_iter().map(|(_, i)| i).collect()
}

/// The index of the enum named `ident`.
fn position(decls: &[EnumDecl], ident: &Ident) -> Option<usize> {
    decls.iter().position(|d| d.ident == *ident)
}

/// The chain of ancestors of `decls[i]`, nearest first; `None` on a cycle or
/// an unknown parent.
fn ancestors_of(i: usize, decls: &[EnumDecl]) -> Option<Vec<usize>> {
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

/// Rule: a child does not redeclare an inherited error, by variant or by wire name.
fn check_redeclared(parent: &Catalog, own: &Catalog, cx: &mut Ctxt) {
    for error in &own.errors {
        let Some(variant) = &error.variant else { continue };
        for inherited in &parent.errors {
            let origin = inherited.definition.as_ref().map_or(&parent.ident, |d| &d.origin);
            if inherited.variant.as_ref() == Some(variant) {
                cx.error_at(
                    variant,
                    format!("`{variant}` is already inherited from `{origin}`; remove it here (it keeps `{origin}`'s declaration)"),
                );
            } else if let (Some(a), Some(b)) = (error.spec(), inherited.spec())
                && a.name == b.name
            {
                let other = inherited.variant.as_ref().map(ToString::to_string).unwrap_or_default();
                cx.error_at(
                        variant,
                        format!("duplicate wire name `{}`: `{other}`, inherited from `{origin}`, already uses it; give this one another with `name = \"...\"`", a.name),
                    );
            }
        }
    }
}

/// On invalid input: the enums as declared (own variants only), with stub
/// impls, so that code using them reports nothing beyond the real mistakes.
fn fallback(decl: &EnumDecl) -> TokenStream {
    let input = decl.derive_input();
    let mut cx = Ctxt::new();
    let ast = Input::from_syn(&input, &mut cx);
    // The real pass reported these errors already.
    let _ = cx.finish();
    let variants = decl.variants.iter().map(clean_variant);
    let enum_def = expand::enum_definition(decl, &variants.collect::<Vec<_>>());
    if !decl.generics.params.is_empty() {
        // Generic enums are rejected; stub impls would only add noise about bounds.
        return enum_def;
    }
    let stubs = expand::fallback(&ast);
    let display = expand::display_fallback(decl);
    quote!(#enum_def #stubs #display)
}
