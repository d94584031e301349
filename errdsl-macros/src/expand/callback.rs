//! The callback of every `errors!` enum: a `macro_rules!` beside it (and,
//! for an exported enum, one at the root of its crate) through which a later
//! `errors!` that names the enum as a parent gets its ancestry.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, Path, Visibility};

use crate::ast::decls::PARENT_MARKER;
use crate::tree::Tree;

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
pub(crate) fn callback_path(path: &Path) -> TokenStream {
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
