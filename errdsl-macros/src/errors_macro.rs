//! The `errors! { ... }` front end: parses whole catalogs of error enums,
//! each optionally inheriting every error of a parent (Goa's API-, service-
//! and method-level errors); lowers, validates and expands them, parents
//! first.
//!
//! Each enum is parsed as a `syn::DeriveInput` holding its own variants, so
//! the derive's receivers and rules serve it too; its outline is its
//! parent's followed by its own variants.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Ident, Path};

use crate::ast::Input;
use crate::ast::decls::{Decls, EnumDecl};
use crate::ctxt::Ctxt;
use crate::expand;
use crate::expand::callback::callback;
use crate::lower;
use crate::model::{Catalog, ErrorDecl, Outline};
use crate::tree::Tree;
use crate::validate::catalog_rules::{self as rules, Inherited};

/// One enum, lowered and validated: its outline, and its errors when all of
/// them (its ancestors' included) are valid, each with the enum that
/// declared it.
struct Lowered {
    outline: Outline,
    errors: Option<Vec<(ErrorDecl, Ident)>>,
    /// `#[service_error(export)]`: other crates may name it as a parent.
    exported: bool,
}

/// Expands `errors! { ... }`.
pub(crate) fn errors(input: TokenStream) -> TokenStream {
    let Decls { scopes, decls } = match syn::parse2::<Decls>(input) {
        Ok(decls) => decls,
        Err(error) => return error.to_compile_error(),
    };
    let tree = Tree { decls: &decls, scopes: &scopes };
    // A parent declared elsewhere: ask it for its ancestry, then come back.
    if (0..decls.len()).any(|i| tree.awaited_path(i).is_some()) {
        return ask_for_ancestries(&tree);
    }

    let mut cx = Ctxt::new();
    rules::check_decls(&tree, &mut cx);
    // Borrowed ancestries were checked where they were declared; what they
    // report again here is not the user's mistake in this invocation.
    let mut borrowed_cx = Ctxt::new();
    let mut lowered: Vec<Option<Lowered>> = (0..decls.len()).map(|_| None).collect();
    for index in tree.parents_first() {
        let cx = if decls[index].scope.is_some() { &mut borrowed_cx } else { &mut cx };
        lowered[index] = Some(lower_enum(&tree, index, &lowered, cx));
    }
    let _ = borrowed_cx.finish();
    let errors: Vec<Option<&[(ErrorDecl, Ident)]>> =
        lowered.iter().map(|l| l.as_ref().and_then(|l| l.errors.as_deref())).collect();
    rules::check_transparent_names(&decls, &errors, &mut cx);

    // One expansion per name: a duplicate enum is reported, not defined twice.
    let local = |i: &usize| decls[*i].scope.is_none();
    let unique = |i: &usize| !decls[..*i].iter().any(|d| d.scope.is_none() && d.ident == decls[*i].ident);
    let expanded: Vec<(usize, Lowered)> =
        (0..decls.len()).filter(local).filter(unique).filter_map(|i| Some((i, lowered[i].take()?))).collect();
    let clean = cx.is_clean();
    let items = expanded.into_iter().map(|(i, l)| {
        let callback = callback(&tree, i, l.exported);
        let items = match (clean, l.errors) {
            (true, Some(errors)) => {
                let errors = errors.into_iter().map(|(error, _)| error).collect();
                expand::expand(&Catalog { outline: l.outline, errors })
            }
            // A borrowed parent is invalid: reported where it is declared.
            (true, None) => expand::fallback(&l.outline),
            (false, _) => expand::fallback(&lower::without_clashes(l.outline)),
        };
        under_cfgs(&decls[i].attrs, quote!(#items #callback))
    });
    let items: Vec<TokenStream> = items.collect();
    let errors = cx.finish().err().map(|errors| errors.to_compile_error());
    quote!(#errors #(#items)*)
}

/// `items` with the `#[cfg(...)]` of the enum they are generated for on
/// each of them: the compiler strips a cfg'd enum, and with it must go
/// everything that names it.
fn under_cfgs(attrs: &[Attribute], items: TokenStream) -> TokenStream {
    let cfgs: Vec<&Attribute> = attrs.iter().filter(|attr| attr.path().is_ident("cfg")).collect();
    if cfgs.is_empty() {
        return items;
    }
    let Ok(file) = syn::parse2::<syn::File>(items.clone()) else {
        return items;
    };
    let items = file.items.into_iter().map(|item| quote!(#(#cfgs)* #item));
    quote!(#(#items)*)
}

/// The invocation again, split by the parent path each enum's ancestry
/// waits for: every group through the callback of its parent, which
/// prepends the parent's ancestry to it, and the enums that wait for none
/// on their own. Each group expands on its own, so every path that leads
/// to no `errors!` enum is reported, not only the first.
fn ask_for_ancestries(tree: &Tree<'_>) -> TokenStream {
    let mut cx = Ctxt::new();
    // Checked across groups here, so that no group holds a duplicate.
    let unique = rules::check_unique_enums(tree.decls, &mut cx);
    let mut groups: Vec<(Option<&Path>, Vec<&EnumDecl>)> = Vec::new();
    for (i, decl) in tree.decls.iter().enumerate().filter(|(i, _)| unique.contains(i)) {
        let path = tree.awaited_path(i);
        let key = |p: &Path| quote!(#p).to_string();
        match groups.iter_mut().find(|(awaited, _)| awaited.map(key) == path.map(key)) {
            Some((_, group)) => group.push(decl),
            None => groups.push((path, vec![decl])),
        }
    }
    let groups = groups.into_iter().map(|(path, decls)| {
        path.map_or_else(
            || quote!(::errdsl::errors! { #(#decls)* }),
            |path| quote!(#path! { [#path] #(#decls)* }),
        )
    });
    let errors = cx.finish().err().map(|errors| errors.to_compile_error());
    quote!(#errors #(#groups)*)
}

/// Parses, lowers and validates `tree.decls[index]` on top of its parent,
/// already lowered in `lowered`.
fn lower_enum(tree: &Tree<'_>, index: usize, lowered: &[Option<Lowered>], cx: &mut Ctxt) -> Lowered {
    let decl = &tree.decls[index];
    let input = decl.derive_input();
    let ast = Input::from_syn(&input, cx);
    let parent = tree.parent(index).and_then(|p| lowered[p].as_ref());
    let ancestors = lower::ancestors(tree, index, |a| lowered[a].as_ref().map(|l| &l.outline));
    let outline = lower::enum_decl(decl, &ast, parent.map(|p| &p.outline), ancestors);
    let inherited = parent.map_or(0, |p| p.outline.variants.len());
    let inherits = match parent.map(|p| p.errors.as_deref()) {
        None => Inherited::Nothing,
        Some(None) => Inherited::Invalid,
        Some(Some(errors)) => Inherited::Errors(errors),
    };
    let errors = rules::validate_enum(decl, &ast, &outline, inherited, inherits, cx);
    let exported = ast.container.as_ref().is_some_and(|c| c.export.is_present());
    Lowered { outline, errors, exported }
}
