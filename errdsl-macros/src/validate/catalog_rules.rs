//! The rules only `errors!` has: its enums' names and parents, the message
//! of every variant (`#[error("...")]`), `#[from]` conversions, and what a
//! child may declare beside what it inherits.

use syn::Ident;
use syn::parse::ParseStream;

use super::{check_outline, check_template, check_unique_names, validate_errors};
use crate::ast::decls::EnumDecl;
use crate::ast::{self, Input};
use crate::ctxt::Ctxt;
use crate::fmt::{FieldRef, Template};
use crate::model::{Display, DisplayDecl, ErrorDecl, Kind, Outline};
use crate::suggest::did_you_mean;
use crate::tree::Tree;

/// The rules of one `errors!` invocation as a whole: its enums' names,
/// generics and parents.
pub(crate) fn check_decls(tree: &Tree<'_>, cx: &mut Ctxt) {
    check_unique_enums(tree.decls, cx);
    check_no_generics(tree.decls, cx);
    check_parents(tree, cx);
}

/// The errors an enum inherits, each with the enum that declared it.
#[derive(Clone, Copy)]
pub(crate) enum Inherited<'a> {
    /// The enum has no parent.
    Nothing,
    /// Its parent (or an ancestor) is invalid, and reported.
    Invalid,
    Errors(&'a [(ErrorDecl, Ident)]),
}

/// Every rule of one `errors!` enum, once it is lowered: its own errors by
/// the derive's rules and by `errors!`'s, the rules of its `outline` (whose
/// first `inherited_variants` are its parent's), and what it declares
/// beside what it `inherits`. Returns the enum's errors, each with the enum
/// that declared it, when all of them are valid.
pub(crate) fn validate_enum(
    decl: &EnumDecl,
    input: &Input<'_>,
    outline: &Outline,
    inherited_variants: usize,
    inherits: Inherited<'_>,
    cx: &mut Ctxt,
) -> Option<Vec<(ErrorDecl, Ident)>> {
    let own = own_errors(decl, input, cx);
    check_outline(outline, inherited_variants, cx);
    match (inherits, own) {
        (Inherited::Invalid, _) | (_, None) => None,
        (Inherited::Errors(inherited), Some(own)) => {
            check_inherited(inherited, &own, cx);
            Some(inherited.iter().cloned().chain(own.into_iter().map(|e| (e, decl.ident.clone()))).collect())
        }
        (Inherited::Nothing, Some(own)) => {
            check_unique_names(own.iter().map(|e| (e, None)), cx);
            Some(own.into_iter().map(|e| (e, decl.ident.clone())).collect())
        }
    }
}

/// Rule: enum names are unique in one `errors!`. Returns the indices of
/// the enums this invocation declares, each name's first only.
pub(crate) fn check_unique_enums(decls: &[EnumDecl], cx: &mut Ctxt) -> Vec<usize> {
    let mut unique: Vec<usize> = Vec::new();
    for (i, decl) in decls.iter().enumerate().filter(|(_, d)| d.scope.is_none()) {
        if unique.iter().any(|&u| decls[u].ident == decl.ident) {
            cx.error_at(
                &decl.ident,
                format!("`{}` is declared twice in this `errors!`; rename one", decl.ident),
            );
        } else {
            unique.push(i);
        }
    }
    unique
}

/// Rule: enums in `errors!` are not generic (a catalog is a fixed list).
fn check_no_generics(decls: &[EnumDecl], cx: &mut Ctxt) {
    for decl in decls.iter().filter(|d| d.scope.is_none()) {
        if !decl.generics.params.is_empty() || decl.generics.where_clause.is_some() {
            cx.error_at(
                &decl.generics,
                "enums in `errors!` cannot be generic; use `#[derive(ServiceError)]` for a generic error type",
            );
        }
    }
}

/// Rule: a parent named alone is an enum of the same `errors!` (one named
/// by path is looked up by the compiler), and no enum is its own ancestor.
fn check_parents(tree: &Tree<'_>, cx: &mut Ctxt) {
    let decls = tree.decls;
    for (i, decl) in decls.iter().enumerate() {
        let Some(parent) = &decl.parent else { continue };
        if decl.scope.is_some() {
            continue;
        }
        if tree.parent(i).is_none() {
            let name = parent.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            let names: Vec<String> =
                decls.iter().filter(|d| d.scope.is_none()).map(|d| d.ident.to_string()).collect();
            let hint = did_you_mean(&name, names.iter().map(String::as_str)).map_or_else(
                || format!("; to inherit from an enum another `errors!` declares, name it by its path, e.g. `crate::api::{name}`"),
                |s| format!("; did you mean `{s}`?"),
            );
            cx.error_at(
                parent,
                format!("unknown parent `{name}`: it is not declared in this `errors!`{hint}"),
            );
        } else if let Some(cycle) = tree.cycle(i) {
            // One report per cycle, on its first enum; an enum that only
            // leads into a cycle is not a mistake of its own.
            if cycle.iter().min() != Some(&i) {
                continue;
            }
            let message = if let [_] = cycle.as_slice() {
                format!(
                    "`{}` inherits from itself; parents cannot form a cycle: remove its parent",
                    decl.ident
                )
            } else {
                let names: Vec<String> = cycle.iter().map(|&e| format!("`{}`", decls[e].ident)).collect();
                let chain: Vec<String> =
                    cycle.iter().chain([&i]).map(|&e| decls[e].ident.to_string()).collect();
                let (last, first) = names.split_last().unwrap_or((&names[0], &[]));
                format!(
                    "{} and {last} inherit from one another (`{}`); parents cannot form a cycle: remove one of these parents",
                    first.join(", "),
                    chain.join(": ")
                )
            };
            cx.error_at(parent, message);
        }
    }
}

/// The own errors of an enum, checked by the derive's rules and by the
/// rules of `errors!`; `None` when any is invalid (and reported).
fn own_errors(decl: &EnumDecl, ast: &Input<'_>, cx: &mut Ctxt) -> Option<Vec<ErrorDecl>> {
    check_no_cfg_attr(&decl.attrs, cx);
    check_no_own_derives(&decl.attrs, cx);
    check_export_is_pub(decl, ast, cx);
    let mut displays = Vec::new();
    for (variant, error) in decl.variants.iter().zip(&ast.errors) {
        check_no_cfg_attr(&variant.attrs, cx);
        for field in &variant.fields {
            check_no_cfg_attr(&field.attrs, cx);
        }
        check_field_cfgs(error, cx);
        check_from(variant, error, cx);
        check_source_is_an_error(variant, error, cx);
        displays.push(
            display(variant, error, cx).map(|display| DisplayDecl { display, source: error.source_field() }),
        );
    }
    let (errors, complete) = validate_errors(ast, cx);
    let displays: Option<Vec<DisplayDecl>> = displays.into_iter().collect();
    let (true, Some(displays)) = (complete, displays) else {
        return None;
    };
    let errors = errors
        .into_iter()
        .zip(displays)
        .map(|(error, display)| ErrorDecl { display: Some(display), ..error })
        .collect();
    Some(errors)
}

/// Rule: a variant's source is an error. Types that are plainly not one
/// (text, numbers, collections) are named here; any other is left to the
/// compiler, which reports it on the field's type.
fn check_source_is_an_error(variant: &syn::Variant, error: &ast::Error<'_>, cx: &mut Ctxt) {
    const NOT_ERRORS: &[&str] = &[
        "String", "str", "Vec", "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16",
        "i32", "i64", "i128", "isize", "f32", "f64",
    ];
    let Some(index) = error.source_field() else { return };
    let field = &error.fields[index];
    let mut ty = field.ty;
    while let syn::Type::Reference(reference) = ty {
        ty = &reference.elem;
    }
    let syn::Type::Path(path) = ty else { return };
    let Some(last) = path.path.segments.last().filter(|s| NOT_ERRORS.iter().any(|n| s.ident == n)) else {
        return;
    };
    let why = if field.has_attr("from") {
        "`#[from]` makes the field the source; remove `#[from]` and write the `From` impl by hand"
    } else if field.has_attr("source") {
        "remove `#[source]`"
    } else {
        "rename the field (one named `source` is the source)"
    };
    cx.error_at(
        field.ty,
        format!(
            "`{}` is not an error, so it cannot be the source of `{}`: {why}, and show it in the message instead, e.g. `{{{}}}`",
            last.ident,
            variant.ident,
            field.name().unwrap_or_else(|| index.to_string())
        ),
    );
}

/// Rule: no `#[cfg_attr(...)]` holds an attribute `errors!` reads. The
/// compiler evaluates `cfg_attr` after a function-like macro has run, so
/// `errors!` would expand as if the attribute were not there.
fn check_no_cfg_attr(attrs: &[syn::Attribute], cx: &mut Ctxt) {
    if let Some((attr, read)) = ast::hidden_by_cfg_attr(attrs) {
        cx.error_at(
            attr,
            format!(
                "`errors!` runs before the compiler evaluates `cfg_attr`, so it cannot see this `#[{read}(...)]`; write the attribute without `cfg_attr`, and put a `#[cfg(...)]` on the whole variant if it depends on a configuration"
            ),
        );
    }
}

/// Rule: an `errors!` enum derives neither `thiserror::Error` nor
/// `ServiceError`: `errors!` writes `Display`, `Error` and `ServiceError`
/// itself, and a derive would be a second impl.
fn check_no_own_derives(attrs: &[syn::Attribute], cx: &mut Ctxt) {
    for path in attrs.iter().filter_map(ast::derived).flatten() {
        let Some(implemented) = ast::own_derive(&path) else { continue };
        let written = crate::suggest::tidy(&path);
        let what = if implemented == "ServiceError" {
            "`errors!` implements `ServiceError` itself".to_owned()
        } else {
            "`errors!` writes `Display` and `std::error::Error` itself, from each variant's `#[error(...)]`"
                .to_owned()
        };
        cx.error_at(&path, format!("{what}; remove `{written}` from the derive"));
    }
}

/// Rule: a `#[cfg(...)]` on a field of an `errors!` variant goes on every
/// item that names the field (the enum, patterns, the constructor's
/// parameters, `TryFrom`, the wire fields and the catalog), as it would
/// for a derive, whose input the compiler strips first. That works for a
/// named field that every configuration can do without: not a positional
/// one (the fields after it would be renumbered), not the source,
/// `#[from]`, `violations` or `transparent` field, and not one a message
/// shows.
fn check_field_cfgs(error: &ast::Error<'_>, cx: &mut Ctxt) {
    let keys = error.keys.as_ref();
    let messages: Vec<Template> = error
        .message
        .iter()
        .chain(keys.and_then(|keys| keys.user_msg.as_ref()))
        .filter_map(|lit| Template::parse(lit).ok())
        .collect();
    let source = error.source_field();
    for (index, field) in error.fields.iter().enumerate() {
        let Some(cfg) = field.attrs.iter().find(|a| a.path().is_ident("cfg")) else { continue };
        let variant = &error.ident;
        let role = if Some(index) == source {
            Some("source")
        } else if field.keys.violations.is_present() {
            Some("field violations")
        } else if keys.is_some_and(|keys| keys.transparent.is_present()) {
            Some("inner error")
        } else {
            None
        };
        let problem = if let Some(name) = field.name() {
            let shown =
                messages.iter().find(|template| template.fields.contains(&FieldRef::Named(name.clone())));
            match (role, shown) {
                (Some(role), _) => format!(
                    "`{name}` holds the {role} of `{variant}`, which it needs in every configuration; put the `#[cfg(...)]` on the variant instead, with one variant per configuration"
                ),
                (None, Some(template)) => format!(
                    "the message {:?} of `{variant}` shows `{name}`, which exists only under this `#[cfg(...)]`; stop showing it, or put the `#[cfg(...)]` on the variant, with one variant per configuration",
                    template.lit.value()
                ),
                (None, None) => continue,
            }
        } else {
            format!(
                "a `#[cfg(...)]` on a positional field of `{variant}` would renumber the fields after it; name the variant's fields (`{variant} {{ ... }}`), or put the `#[cfg(...)]` on the variant"
            )
        };
        cx.error_at(cfg, problem);
    }
}

/// Rule: an enum other crates may inherit from (`export`) is one they can
/// see: `pub`.
fn check_export_is_pub(decl: &EnumDecl, ast: &Input<'_>, cx: &mut Ctxt) {
    let Some(export) = ast.container.as_ref().map(|c| c.export).filter(darling::util::Flag::is_present)
    else {
        return;
    };
    if !matches!(decl.vis, syn::Visibility::Public(_)) {
        cx.error_span(
            export.span(),
            format!(
                "`export` lets other crates inherit from `{}`, which they cannot see: make the enum `pub`, or remove `export`",
                decl.ident
            ),
        );
    }
}

/// Rule: a `#[from]` field is the variant's only field, beside those that
/// record where the error was made (which `From` fills).
fn check_from(variant: &syn::Variant, error: &ast::Error<'_>, cx: &mut Ctxt) {
    let from = error.fields.iter().flat_map(|f| f.attrs).find(|a| a.path().is_ident("from"));
    let given = error.fields.iter().filter(|f| !f.keys.location.is_present()).count();
    if let Some(from) = from
        && given != 1
    {
        cx.error_at(
            from,
            format!(
                "`#[from]` converts a value into `{v}`, so it must be the variant's only field (a `location` field aside), but `{v}` has {given}; write `#[source]` instead and build it with its constructor",
                v = variant.ident,
            ),
        );
    }
}

/// Rule: a variant has one `#[error("...")]` or `#[error(transparent)]`
/// whose placeholders name existing fields.
fn display(variant: &syn::Variant, error: &ast::Error<'_>, cx: &mut Ctxt) -> Option<Display> {
    let mut attrs = variant.attrs.iter().filter(|a| a.path().is_ident("error"));
    let Some(attr) = attrs.next() else {
        cx.error_at(
            &variant.ident,
            format!(
                "`{}` needs a message: add `#[error(\"...\")]`, or `#[error(transparent)]` to show its only field",
                variant.ident
            ),
        );
        return None;
    };
    if let Some(extra) = attrs.next() {
        cx.error_at(extra, "a variant takes one `#[error(...)]`; remove this one");
        return None;
    }
    if !matches!(attr.meta, syn::Meta::List(_)) {
        cx.error_at(
            attr,
            "`#[error]` takes its message in parentheses: write `#[error(\"...\")]`, or `#[error(transparent)]` to show the only field",
        );
        return None;
    }
    let parsed = attr.parse_args_with(|input: ParseStream<'_>| {
        if input.peek(syn::Ident) && input.fork().parse::<Ident>().is_ok_and(|i| i == "transparent") {
            input.parse::<Ident>()?;
            return Ok(None);
        }
        let lit: syn::LitStr = input.parse().map_err(|error| {
            syn::Error::new(
                error.span(),
                "`#[error]` takes a message in quotes, e.g. `#[error(\"cannot divide {dividend} by zero\")]`, or `transparent`",
            )
        })?;
        if !input.is_empty() {
            let rest: proc_macro2::TokenStream = input.parse()?;
            let written = crate::suggest::tidy(&rest);
            return Err(syn::Error::new_spanned(
                rest,
                format!("format arguments are not supported in `#[error]`: remove `{written}` and name the fields in the message itself, e.g. `{{0}}` or `{{amount}}`"),
            ));
        }
        Ok(Some(lit))
    });
    match parsed {
        Err(error) => {
            cx.syn_error(error);
            None
        }
        Ok(None) if error.fields.len() != 1 => {
            cx.error_at(
                attr,
                format!(
                    "`#[error(transparent)]` shows the variant's only field, but `{}` has {}; write a message instead, e.g. `#[error(\"{}\")]`",
                    variant.ident,
                    error.fields.len(),
                    placeholders(error),
                ),
            );
            None
        }
        Ok(None) => Some(Display::Transparent),
        Ok(Some(lit)) => check_template(&lit, error, "`#[error]`", cx).map(Display::Message),
    }
}

/// Every field of `error` as a placeholder, for a suggested message:
/// `{0}, {1}` or `{id}, {name}`.
fn placeholders(error: &ast::Error<'_>) -> String {
    let fields = error.fields.iter().enumerate();
    let names: Vec<String> =
        fields.map(|(i, f)| format!("{{{}}}", f.name().unwrap_or_else(|| i.to_string()))).collect();
    names.join(", ")
}

/// Rule: a child does not redeclare an inherited error, by variant; its
/// wire names are unique among its own and its inherited errors.
fn check_inherited(inherited: &[(ErrorDecl, Ident)], own: &[ErrorDecl], cx: &mut Ctxt) {
    for error in own {
        let Some(variant) = &error.variant else { continue };
        if let Some((_, origin)) = inherited.iter().find(|(e, _)| e.variant.as_ref() == Some(variant)) {
            cx.error_at(
                variant,
                format!("`{variant}` is already inherited from `{origin}`; remove it here (it keeps `{origin}`'s declaration)"),
            );
        }
    }
    let redeclared = |e: &ErrorDecl| inherited.iter().any(|(i, _)| i.variant == e.variant);
    let inherited = inherited.iter().map(|(error, origin)| (error, Some(origin)));
    let own = own.iter().filter(|e| !redeclared(e)).map(|error| (error, None));
    check_unique_names(inherited.chain(own), cx);
}

/// Rule, checked here when both sides are declared in this `errors!`: a
/// transparent variant's inner enum declares none of the outer enum's wire
/// names, and two inner enums none in common. `errors[i]` holds the errors
/// of `decls[i]` when they are valid. An inner type declared elsewhere (or
/// under a `#[cfg]`) is checked when the catalog is evaluated at compile
/// time (`expand::catalog`), with the same words.
pub(crate) fn check_transparent_names(
    decls: &[EnumDecl],
    errors: &[Option<&[(ErrorDecl, Ident)]>],
    cx: &mut Ctxt,
) {
    // The enum of this invocation a field's type names, with its errors.
    fn local<'a>(
        ty: &'a syn::Type,
        decls: &[EnumDecl],
        errors: &[Option<&'a [(ErrorDecl, Ident)]>],
    ) -> Option<(&'a Ident, &'a [(ErrorDecl, Ident)])> {
        let syn::Type::Path(syn::TypePath { qself: None, path, .. }) = ty else { return None };
        let ident = path.get_ident()?;
        let index = decls.iter().position(|d| d.scope.is_none() && d.ident == *ident)?;
        Some((ident, errors[index]?))
    }
    for (decl, own) in decls.iter().zip(errors) {
        let (None, Some(own)) = (&decl.scope, own) else { continue };
        // Each transparent variant over an enum of this invocation, with
        // that enum's own wire names.
        let inners: Vec<(&Ident, &syn::Type, &Ident, Vec<&str>)> = own
            .iter()
            .filter_map(|(error, _)| match (&error.kind, &error.variant) {
                (Kind::Transparent { field, .. }, Some(variant)) if error.cfgs.is_empty() => {
                    let ty = &error.fields[*field].ty;
                    let (inner, inner_errors) = local(ty, decls, errors)?;
                    let names =
                        inner_errors.iter().filter_map(|(e, _)| Some(e.spec()?.name.as_str())).collect();
                    Some((variant, ty, inner, names))
                }
                _ => None,
            })
            .collect();
        for (error, _) in own.iter().filter(|(e, _)| e.cfgs.is_empty()) {
            let (Some(spec), Some(variant)) = (error.spec(), &error.variant) else { continue };
            for (inner_variant, _, inner, names) in &inners {
                if names.contains(&spec.name.as_str()) {
                    cx.error_span(
                        spec.name_span,
                        format!(
                            "wire name `{}` of `{}::{variant}` is also declared by `{inner}`, inside transparent variant `{inner_variant}`; rename one with `name = \"...\"`",
                            spec.name, decl.ident
                        ),
                    );
                }
            }
        }
        for (i, (second_variant, second_ty, second, second_names)) in inners.iter().enumerate() {
            for (first_variant, _, first, first_names) in &inners[..i] {
                if let Some(name) = first_names.iter().find(|name| second_names.contains(name)) {
                    cx.error_at(
                        second_ty,
                        format!(
                            "wire name `{name}` is declared by both `{first}` (inside transparent variant `{0}::{first_variant}`) and `{second}` (inside `{0}::{second_variant}`); rename it in one of their declarations",
                            decl.ident
                        ),
                    );
                }
            }
        }
    }
}
