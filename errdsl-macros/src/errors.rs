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
use syn::{Attribute, DeriveInput, Generics, Ident, Path, Token, Variant, Visibility, braced};

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
    /// The parent as written: an enum of the same `errors!` by name, or one
    /// declared elsewhere by path (`crate::api::ApiError`).
    pub parent: Option<Path>,
    pub variants: Punctuated<Variant, Token![,]>,
    /// `None` for the enums this invocation declares; the index of the
    /// borrowed ancestry for the enums a parent's callback brought in.
    pub scope: Option<usize>,
}

/// The input: the enums to declare, and the ancestries of parents declared
/// elsewhere, which their callbacks prepended (`@__parent [path] { .. }`).
struct Decls {
    /// Each borrowed ancestry's path, as the child names its last enum.
    scopes: Vec<Path>,
    decls: Vec<EnumDecl>,
}

/// The marker of a borrowed ancestry in the input of `errors!`.
const PARENT_MARKER: &str = "__errdsl_parent";

impl Parse for Decls {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let (mut scopes, mut decls) = (Vec::new(), Vec::new());
        while input.peek(Token![@]) {
            input.parse::<Token![@]>()?;
            let marker: Ident = input.parse()?;
            if marker != PARENT_MARKER {
                return Err(syn::Error::new(
                    marker.span(),
                    "unexpected `@` in `errors!`: it declares enums, e.g. `pub enum Name { ... }` or `pub enum Name: Parent { ... }`",
                ));
            }
            let path;
            syn::bracketed!(path in input);
            let path: Path = path.parse()?;
            let body;
            braced!(body in input);
            while !body.is_empty() {
                let mut decl: EnumDecl = body.parse()?;
                decl.scope = Some(scopes.len());
                decls.push(decl);
            }
            scopes.push(path);
        }
        while !input.is_empty() {
            decls.push(input.parse()?);
        }
        Ok(Decls { scopes, decls })
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
            Some(input.call(Path::parse_mod_style)?)
        } else {
            None
        };
        let content;
        braced!(content in input);
        let variants = content.parse_terminated(Variant::parse, Token![,])?;
        Ok(EnumDecl { attrs, vis, ident, generics, parent, variants, scope: None })
    }
}

/// One enum, lowered: its outline, and its errors when all of them (its
/// ancestors' included) are valid, each with the enum that declared it.
struct Lowered {
    outline: Outline,
    errors: Option<Vec<(ErrorDecl, Ident)>>,
    /// `#[service_error(export)]`: other crates may name it as a parent.
    exported: bool,
}

/// Expands `errors! { ... }`.
pub(crate) fn errors(input: TokenStream) -> TokenStream {
    // Kept whole for a parent's callback, which re-invokes `errors!` with it.
    let original = input.clone();
    let Decls { scopes, decls } = match syn::parse2::<Decls>(input) {
        Ok(decls) => decls,
        Err(error) => return error.to_compile_error(),
    };
    let tree = Tree { decls: &decls, scopes: &scopes };
    // A parent declared elsewhere: ask it for its ancestry, then come back.
    if let Some(path) = tree.unresolved_path() {
        let callback = callback_path(path);
        return quote!(#callback! { [#path] #original });
    }

    let mut cx = Ctxt::new();
    rules::check_unique_enums(&decls, &mut cx);
    rules::check_no_generics(&decls, &mut cx);
    rules::check_parents(&tree, &mut cx);

    // Borrowed ancestries were checked where they were declared; what they
    // report again here is not the user's mistake in this invocation.
    let mut borrowed_cx = Ctxt::new();
    let mut lowered: Vec<Option<Lowered>> = (0..decls.len()).map(|_| None).collect();
    for index in tree.parents_first() {
        let parent = tree.parent(index).and_then(|p| lowered[p].as_ref());
        let ancestors = tree.ancestor_outlines(index, &lowered);
        let cx = if decls[index].scope.is_some() { &mut borrowed_cx } else { &mut cx };
        lowered[index] = Some(lower_enum(&decls[index], parent, ancestors, cx));
    }
    let _ = borrowed_cx.finish();

    // One expansion per name: a duplicate enum is reported, not defined twice.
    let local = |i: &usize| decls[*i].scope.is_none();
    let unique = |i: &usize| !decls[..*i].iter().any(|d| d.scope.is_none() && d.ident == decls[*i].ident);
    let expanded: Vec<(usize, Lowered)> =
        (0..decls.len()).filter(local).filter(unique).filter_map(|i| Some((i, lowered[i].take()?))).collect();
    let exports = expanded.iter().map(|(i, l)| export(&tree, *i, l.exported));
    let exports: Vec<TokenStream> = exports.collect();
    match cx.finish() {
        Ok(()) => {
            let expanded = expanded.into_iter().map(|(_, l)| match l.errors {
                Some(errors) => {
                    let errors = errors.into_iter().map(|(error, _)| error).collect();
                    expand::expand(&Catalog { outline: l.outline, errors })
                }
                // A borrowed parent is invalid: reported where it is declared.
                None => expand::fallback(&l.outline),
            });
            quote!(#(#expanded)* #(#exports)*)
        }
        Err(errors) => {
            let errors = errors.to_compile_error();
            let fallbacks =
                expanded.iter().map(|(_, l)| expand::fallback(&lower::without_clashes(l.outline.clone())));
            quote!(#errors #(#fallbacks)* #(#exports)*)
        }
    }
}

/// The name of the callback of the enum `ident`; the compiler names it when
/// a parent path leads to no enum `errors!` declared.
fn callback_name(ident: &Ident) -> Ident {
    quote::format_ident!("__errdsl_parent_{}", ident)
}

/// The name of the callback an exported enum `ident` has at the root of its
/// crate, for other crates.
fn exported_callback_name(ident: &Ident) -> Ident {
    quote::format_ident!("__errdsl_export_{}", ident)
}

/// Where the callback of the parent at `path` is: beside the enum for a
/// path in this crate; at the root of the other crate for a path that
/// starts with `::` (an enum declared with `#[service_error(export)]`).
fn callback_path(path: &Path) -> TokenStream {
    let Some(last) = path.segments.last() else {
        return quote!(#path);
    };
    match (path.leading_colon, path.segments.first()) {
        (Some(_), Some(krate)) if path.segments.len() > 1 => {
            let (krate, name) = (&krate.ident, exported_callback_name(&last.ident));
            quote!(::#krate::#name)
        }
        _ => {
            let mut callback = path.clone();
            if let Some(last) = callback.segments.last_mut() {
                last.ident = callback_name(&last.ident);
            }
            quote!(#callback)
        }
    }
}

/// `tokens` with every `crate` as `$crate`, so that paths an exported
/// ancestry names resolve in the crate that declared it.
fn dollar_crate(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .flat_map(|tree| -> Vec<proc_macro2::TokenTree> {
            match tree {
                proc_macro2::TokenTree::Ident(ident) if ident == "crate" => {
                    vec![proc_macro2::Punct::new('$', proc_macro2::Spacing::Alone).into(), ident.into()]
                }
                proc_macro2::TokenTree::Group(group) => {
                    let mut inner = proc_macro2::Group::new(group.delimiter(), dollar_crate(group.stream()));
                    inner.set_span(group.span());
                    vec![inner.into()]
                }
                other => vec![other],
            }
        })
        .collect()
}

/// The callback that lets later `errors!` invocations, in any module of the
/// crate, name `decl` as a parent by path: a `macro_rules!` beside the enum
/// that prepends the ancestry of `decl` to the input of `errors!`.
fn export(tree: &Tree<'_>, index: usize, exported: bool) -> TokenStream {
    let decl = &tree.decls[index];
    if !decl.generics.params.is_empty() {
        return TokenStream::new();
    }
    let Some(mut chain) = tree.ancestors(index) else {
        return TokenStream::new();
    };
    chain.reverse();
    chain.push(index);
    // The ancestry as one self-contained input: each enum's parent is the
    // one before it.
    let mut previous: Option<&Ident> = None;
    let enums = chain.iter().map(|&i| {
        let d = &tree.decls[i];
        // No visibility: a borrowed enum is never declared again.
        let (attrs, ident, variants) = (&d.attrs, &d.ident, &d.variants);
        let parent = previous.map(|p| quote!(: #p));
        previous = Some(ident);
        quote!(#(#attrs)* enum #ident #parent { #variants })
    });
    let enums: Vec<TokenStream> = enums.collect();
    let ident = &decl.ident;
    let hidden = callback_name(ident);
    let marker = Ident::new(PARENT_MARKER, proc_macro2::Span::call_site());
    // A `macro_rules!` is at most `pub(crate)`; a private enum's callback is
    // private too.
    let vis = match &decl.vis {
        Visibility::Inherited => quote!(),
        Visibility::Restricted(restricted) => quote!(#restricted),
        Visibility::Public(_) => quote!(pub(crate)),
    };
    let for_crates = exported.then(|| {
        let name = exported_callback_name(ident);
        let enums = dollar_crate(quote!(#(#enums)*));
        quote! {
            #[doc(hidden)]
            #[macro_export]
            macro_rules! #name {
                ([$($path:tt)*] $($input:tt)*) => {
                    ::errdsl::errors! { @#marker [$($path)*] { #enums } $($input)* }
                };
            }
        }
    });
    quote! {
        #[doc(hidden)]
        macro_rules! #hidden {
            ([$($path:tt)*] $($input:tt)*) => {
                ::errdsl::errors! { @#marker [$($path)*] { #(#enums)* } $($input)* }
            };
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #hidden;
        #for_crates
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
        constructor: Some(lower::constructor_name(&variant.ident)),
        fields: lower::fields(error),
        syntax: Some(clean_variant(variant)),
        from: error.fields.len() == 1 && error.fields[0].has_attr("from"),
    });
    let inherited = parent.map(|p| p.outline.variants.clone()).unwrap_or_default();
    // A variant redeclared here (a mistake, reported) keeps its inherited form.
    let own_variants: Vec<VariantOutline> =
        own_variants.filter(|own| !inherited.iter().any(|v| v.ident == own.ident)).collect();
    let inherited_count = inherited.len();
    outline.variants = inherited.into_iter().chain(own_variants).collect();
    outline.definition = Some(EnumDefinition {
        attrs: decl.attrs.iter().filter(|a| !a.path().is_ident("service_error")).cloned().collect(),
        derive_debug: !derives_debug(&decl.attrs),
        ancestors,
    });
    crate::validate::check_outline(&outline, inherited_count, cx);

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
    let exported = ast.container.as_ref().is_some_and(|c| c.export.is_present());
    Lowered { outline, errors, exported }
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

/// The enums of one input and how they inherit: the parent of a local enum
/// is a local enum by name or a borrowed ancestry by path; the parent of a
/// borrowed enum is the one before it in its ancestry.
pub(crate) struct Tree<'a> {
    pub decls: &'a [EnumDecl],
    scopes: &'a [Path],
}

impl Tree<'_> {
    /// The index of the parent of `decls[i]`, if it resolves.
    pub(crate) fn parent(&self, i: usize) -> Option<usize> {
        let decl = &self.decls[i];
        let path = decl.parent.as_ref()?;
        if let Some(ident) = path.get_ident() {
            let same_scope = |d: &EnumDecl| d.scope == decl.scope && d.ident == *ident;
            if let Some(found) = self.decls.iter().position(same_scope) {
                return Some(found);
            }
        }
        if decl.scope.is_some() {
            return None;
        }
        // A path: the last enum of the ancestry borrowed under that path.
        let wanted = quote!(#path).to_string();
        let scope = self.scopes.iter().position(|p| quote!(#p).to_string() == wanted)?;
        let last = path.segments.last()?;
        self.decls.iter().position(|d| d.scope == Some(scope) && d.ident == last.ident)
    }

    /// The first parent, by path, that neither this input nor a borrowed
    /// ancestry declares. A single name is never looked for elsewhere: it
    /// must be declared here (and is reported when it is not).
    fn unresolved_path(&self) -> Option<&Path> {
        self.decls.iter().enumerate().find_map(|(i, decl)| {
            let path = decl.parent.as_ref()?;
            (decl.scope.is_none() && path.get_ident().is_none() && self.parent(i).is_none()).then_some(path)
        })
    }

    /// The chain of ancestors of `decls[i]`, nearest first; `None` on a
    /// cycle or an unknown parent.
    pub(crate) fn ancestors(&self, i: usize) -> Option<Vec<usize>> {
        let mut chain = Vec::new();
        let mut current = i;
        while self.decls[current].parent.is_some() {
            let next = self.parent(current)?;
            if next == i || chain.contains(&next) {
                return None;
            }
            chain.push(next);
            current = next;
        }
        Some(chain)
    }

    /// The enums whose ancestry resolves, parents before children;
    /// declaration order within a depth.
    fn parents_first(&self) -> Vec<usize> {
        let mut depths: Vec<(usize, usize)> =
            (0..self.decls.len()).filter_map(|i| Some((self.ancestors(i)?.len(), i))).collect();
        depths.sort_unstable();
        depths.into_iter().map(|(_, i)| i).collect()
    }

    /// The ancestors of `decls[index]` that `From` converts from, nearest
    /// first, by the path the enum can name them with: local ones by name,
    /// a borrowed parent by the path written. (The ancestors of a borrowed
    /// parent have no path known here.)
    fn ancestor_outlines(&self, index: usize, lowered: &[Option<Lowered>]) -> Vec<Ancestor> {
        let decl = &self.decls[index];
        let chain = self.ancestors(index).unwrap_or_default();
        chain
            .into_iter()
            .filter_map(|a| {
                let ancestor = &self.decls[a];
                let path: Path = if ancestor.scope == decl.scope {
                    ancestor.ident.clone().into()
                } else if Some(a) == self.parent(index) {
                    decl.parent.clone()?
                } else {
                    return None;
                };
                let outline = &lowered[a].as_ref()?.outline;
                let variants = outline
                    .variants
                    .iter()
                    .map(|v| (v.ident.clone(), v.fields.iter().map(|f| f.member.clone()).collect()))
                    .collect();
                Some(Ancestor { path, variants })
            })
            .collect()
    }
}
