//! The callback of every `errors!` enum: a `macro_rules!` beside it (for an
//! exported enum, `#[macro_export]`ed, so at the root of its crate),
//! re-exported under the enum's own name, through which a later `errors!`
//! that names the enum as a parent by path gets its ancestry.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, Visibility};

use crate::ast::decls::PARENT_MARKER;
use crate::tree::Tree;

/// The name a callback is defined under; the enum's module re-exports it
/// as the enum's own name, in the macro namespace, so that a child invokes
/// the parent's path as written (`crate::api::ApiError! { .. }`) and the
/// compiler, when that path leads to no `errors!` enum, names only what
/// the user wrote.
fn callback_name(ident: &Ident) -> Ident {
    quote::format_ident!("__errdsl_parent_{}", ident)
}

/// The name of the callback of an exported enum: `#[macro_export]` puts it
/// at the root of its crate, so exported names are unique in a crate.
fn exported_callback_name(ident: &Ident) -> Ident {
    quote::format_ident!("__errdsl_export_{}", ident)
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
pub(crate) fn callback(tree: &Tree<'_>, index: usize, exported: bool) -> TokenStream {
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
    let marker = Ident::new(PARENT_MARKER, proc_macro2::Span::call_site());
    // Spanned on the enum: the compiler points there when a child names a
    // callback it may not use (a parent in another crate, not exported).
    let (name, rules, vis) = if exported {
        (exported_callback_name(ident), quote!(#[macro_export]), quote!(pub))
    } else {
        // A `macro_rules!` is at most `pub(crate)`; a private enum's
        // callback is private too.
        let vis = match &decl.vis {
            Visibility::Inherited => quote!(),
            Visibility::Restricted(restricted) => quote!(#restricted),
            Visibility::Public(_) => quote!(pub(crate)),
        };
        (callback_name(ident), quote!(), vis)
    };
    let name = Ident::new(&name.to_string(), ident.span());
    // Inside the module that holds the re-export: visible as far as the
    // glob that re-exports it again.
    let inner_vis = match &decl.vis {
        _ if exported => quote!(pub),
        Visibility::Inherited => quote!(pub(super)),
        _ => quote!(pub(crate)),
    };
    let enums = if exported { dollar_crate(quote!(#(#enums)*)) } else { quote!(#(#enums)*) };
    quote! {
        #[doc(hidden)]
        #rules
        macro_rules! #name {
            ([$($path:tt)*] $($input:tt)*) => {
                ::errdsl::errors! { @#marker [$($path)*] { #enums } $($input)* }
            };
        }
        // Re-exported under the enum's name through a glob, which an
        // explicit import of that name in the module shadows instead of
        // clashing with (`use thiserror::Error;` beside an enum `Error`).
        #[doc(hidden)]
        #[allow(non_snake_case)]
        mod #name {
            #[allow(unused_imports)]
            #inner_vis use #name as #ident;
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #name::*;
    }
}
