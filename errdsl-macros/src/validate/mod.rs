//! The rules of a declaration: one `check_*` or `resolve_*` function per rule
//! of DESIGN.md's "Compile-time checks", all reporting into one `Ctxt`, so a
//! user sees every mistake of an input in one compilation.
//!
//! `validate` turns the parsed input into the model `expand` reads; it
//! returns `None` when anything was reported. The rules only `errors!` has
//! (messages, parents, conversions) are in `catalog`.

pub(crate) mod catalog;
mod mapping;
mod outline;

use mapping::{Defaults, resolve_static};
pub(crate) use outline::check_outline;

use std::collections::HashMap;

use darling::util::{Flag, SpannedValue};
use proc_macro2::Span;
use syn::{Ident, LitStr};

use crate::ast::{self, Style};
use crate::attr::ErrorKeys;
use crate::case::snake_case;
use crate::codes;
use crate::ctxt::Ctxt;
use crate::fmt::{FieldRef, Template};
use crate::model::{Catalog, CodeSource, ErrorDecl, Field, Kind, Outline, Spec, Wire};
use crate::suggest::{did_you_mean, tidy};

/// Field names the wire format keeps for itself.
const RESERVED_FIELDS: &[&str] = &["error_name"];

/// Checks `input` and resolves it into the model, around its outline.
pub(crate) fn validate(input: &ast::Input<'_>, outline: Outline, cx: &mut Ctxt) -> Option<Catalog> {
    check_no_export(input, cx);
    let (errors, complete) = validate_errors(input, cx);
    check_unique_names(errors.iter().map(|e| (e, None)), cx);
    (complete && cx.is_clean()).then_some(Catalog { outline, errors })
}

/// Rule: only `errors!` enums are exported as parents; a derived type has
/// no parent or child.
fn check_no_export(input: &ast::Input<'_>, cx: &mut Ctxt) {
    if let Some(export) = input.container.as_ref().map(|c| c.export).filter(Flag::is_present) {
        cx.error_span(
            export.span(),
            "`export` lets other crates inherit from an `errors!` enum, but a derived type has no children; remove it",
        );
    }
}

/// Resolves every error of `input`, each checked on its own: the valid
/// ones, and whether all of them were.
pub(crate) fn validate_errors(input: &ast::Input<'_>, cx: &mut Ctxt) -> (Vec<ErrorDecl>, bool) {
    let container = input.container.as_ref();
    if input.is_enum
        && let Some(container) = container
    {
        check_enum_level_keys(&container.keys, cx);
    }
    let service = container.and_then(|c| c.service.as_ref()).and_then(|s| check_service(s, cx));
    let defaults = if input.is_enum { container.map(|c| &c.keys) } else { None };
    // An enum whose own keys did not parse has defaults nobody knows: its
    // variants may have meant to inherit a mapping from them.
    let defaults_known = !input.is_enum || container.is_some();

    let mut errors = Vec::new();
    let mut complete = container.is_some();
    for error in &input.errors {
        check_reserved_fields(error, cx);
        if !input.source_checked_elsewhere {
            check_single_source(error, cx);
        }
        // Keys that did not parse were reported by darling.
        let Some(keys) = &error.keys else {
            complete = false;
            continue;
        };
        let kind = if keys.transparent.is_present() {
            resolve_transparent(input, error, keys, cx)
        } else if keys.classify.is_present() {
            resolve_classified(error, keys, service.as_deref(), cx)
        } else {
            let defaults = Defaults { keys: defaults, known: defaults_known };
            resolve_static(error, keys, defaults, service.as_deref(), cx).map(Kind::Static)
        };
        let fields = resolve_wire_fields(error, keys, cx);
        let Some(kind) = kind else {
            complete = false;
            continue;
        };
        errors.push(ErrorDecl {
            variant: error.variant.cloned(),
            fields,
            description: error.doc.clone(),
            kind,
            display: None,
        });
    }
    (errors, complete)
}

/// Rule: a variant has one source (`Error::source` returns one field): at
/// most one field is marked `#[source]`. (A `#[from]` field is the only
/// field, a rule of `catalog`.)
fn check_single_source(error: &ast::Error<'_>, cx: &mut Ctxt) {
    if error.fields.iter().any(|field| field.has_attr("from")) {
        return;
    }
    let mut marked = error.fields.iter().filter_map(|field| {
        let attr = field.attrs.iter().find(|a| a.path().is_ident("source"))?;
        Some((field, attr))
    });
    let Some((first, _)) = marked.next() else { return };
    let first =
        first.name().map_or_else(|| format!("field {}", tidy(&first.member)), |name| format!("`{name}`"));
    for (_, attr) in marked {
        cx.error_at(
            attr,
            format!(
                "`{}` already takes its source from {first}, and `Error::source` returns one field; remove this `#[source]`",
                error.ident
            ),
        );
    }
}

/// Rule: keys that describe a single error go on a variant, not on the enum.
fn check_enum_level_keys(keys: &ErrorKeys, cx: &mut Ctxt) {
    for (key, span) in declared_keys(keys) {
        if ["name", "user_msg", "transparent", "classify"].contains(&key) {
            cx.error_span(
                span,
                format!("`{key}` describes a single error: put it on a variant, not on the enum"),
            );
        }
    }
}

/// Rule: the service name (the wire domain) is not empty.
fn check_service(service: &LitStr, cx: &mut Ctxt) -> Option<String> {
    let value = service.value();
    if value.trim().is_empty() {
        cx.error_at(service, "`service` must not be empty; name the service, e.g. `service = \"divider\"`");
        return None;
    }
    Some(value)
}

/// Rule: no field may use a name the wire format reserves.
fn check_reserved_fields(error: &ast::Error<'_>, cx: &mut Ctxt) {
    for field in &error.fields {
        if let Some(name) = field.name()
            && RESERVED_FIELDS.contains(&name.as_str())
        {
            cx.error_at(
                    &field.member,
                    format!("the field name `{name}` is reserved: errdsl uses it for the error's wire name; rename the field"),
                );
        }
    }
}

/// Rule: a field travels (`wire`) or decodes as its default (`default`), not
/// both; neither means anything on a transparent error, whose inner error
/// encodes and decodes itself.
fn resolve_wire_fields(error: &ast::Error<'_>, keys: &ErrorKeys, cx: &mut Ctxt) -> Vec<Field> {
    let transparent = keys.transparent.is_present();
    error
        .fields
        .iter()
        .map(|field| {
            let (wire, default) = (field.keys.wire, field.keys.default);
            let mode = match (wire.is_present(), default.is_present()) {
                (true, true) => {
                    cx.error_span(
                        default.span(),
                        "a field either travels on the wire (`wire`) or stays in the process and decodes as its default (`default`), not both; remove one",
                    );
                    Wire::Local
                }
                (true, false) => Wire::Travels,
                (false, true) => Wire::Defaulted,
                (false, false) => Wire::Local,
            };
            if transparent && mode != Wire::Local {
                let key = if wire.is_present() { wire } else { default };
                let name = if wire.is_present() { "wire" } else { "default" };
                cx.error_span(
                    key.span(),
                    format!("`{name}` has no effect on a `transparent` error: its inner error travels and decodes by its own declaration; remove it"),
                );
            }
            Field { member: field.member.clone(), ty: field.ty.clone(), wire: mode }
        })
        .collect()
}

/// Rule: wire names are unique within a type (clients decode by name),
/// inherited errors included. Each error comes with the enum it was
/// inherited from, if it was.
pub(crate) fn check_unique_names<'a>(
    errors: impl IntoIterator<Item = (&'a ErrorDecl, Option<&'a Ident>)>,
    cx: &mut Ctxt,
) {
    let mut seen: HashMap<&str, (&Ident, Option<&Ident>)> = HashMap::new();
    for (error, origin) in errors {
        let (Some(spec), Some(variant)) = (error.spec(), error.variant.as_ref()) else {
            continue;
        };
        let Some((first, first_origin)) = seen.get(spec.name.as_str()).copied() else {
            seen.insert(&spec.name, (variant, origin));
            continue;
        };
        // Reported on the error declared here: an inherited one cannot be changed here.
        let inherited =
            |origin: Option<&Ident>| origin.map(|o| format!(", inherited from `{o}`,")).unwrap_or_default();
        let span = if origin.is_none() { spec.name_span } else { variant.span() };
        cx.error_span(
            span,
            format!(
                "duplicate wire name `{}`: `{first}`{} already uses it; clients tell errors apart by name, so give this one another with `name = \"...\"`",
                spec.name,
                inherited(first_origin),
            ),
        );
    }
}

/// Rule: `transparent` delegates to exactly one field and takes no other key.
fn resolve_transparent(
    input: &ast::Input<'_>,
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    cx: &mut Ctxt,
) -> Option<Kind> {
    let span = keys.transparent.span();
    for (key, key_span) in declared_keys(keys) {
        if key != "transparent" {
            cx.error_span(
                key_span,
                format!("`{key}` has no effect with `transparent`, which takes everything from the inner error; remove it"),
            );
        }
    }
    if error.fields.len() != 1 {
        cx.error_span(
            span,
            format!(
                "`transparent` delegates to the variant's only field, but `{}` has {} fields; wrap exactly one error that implements `ServiceError`",
                error.ident,
                error.fields.len()
            ),
        );
        return None;
    }
    // A const array's length cannot depend on generic parameters, so the
    // errors of a generic inner type stay out of the catalog.
    let in_catalog = !mentions_generics(input.generics, error.fields[0].ty);
    Some(Kind::Transparent { field: 0, in_catalog })
}

/// Rule: `classify` needs a source field and leaves code and flags to it.
fn resolve_classified(
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    service: Option<&str>,
    cx: &mut Ctxt,
) -> Option<Kind> {
    for (key, span) in declared_keys(keys) {
        if ["grpc", "http", "temporary", "timeout"].contains(&key) {
            cx.error_span(
                span,
                format!("`{key}` conflicts with `classify`: the code and the `temporary`/`timeout` flags come from the source at run time; remove it, or drop `classify` and declare the mapping"),
            );
        }
    }
    let Some(source) = error.source_field() else {
        cx.error_span(
            keys.classify.span(),
            format!("`classify` needs the error's source, but `{}` has none: mark a field `#[source]` or `#[from]`, or name it `source`", error.ident),
        );
        return None;
    };
    let (name, name_span) = resolve_name(error, keys, cx)?;
    let user_msg = keys.user_msg.as_ref().and_then(|lit| check_user_msg(lit, error, cx));
    let unknown = codes::UNKNOWN;
    Some(Kind::Classified {
        spec: Spec {
            name,
            name_span,
            service: service.map(str::to_owned),
            code: CodeSource::Named(unknown),
            http: None,
            temporary: false,
            timeout: false,
            fault: keys.fault.is_present(),
            user_msg,
            retry_after_secs: keys.retry_after_secs.as_ref().map(|v| **v),
        },
        source,
    })
}

/// Rule: a wire name is `name = "..."` or the `snake_case` of the Rust name,
/// and is made of ASCII letters, digits, `_`, `-` and `.`.
pub(super) fn resolve_name(
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    cx: &mut Ctxt,
) -> Option<(String, Span)> {
    let Some(lit) = &keys.name else {
        return Some((snake_case(&error.ident.to_string()), error.ident.span()));
    };
    let name = lit.value();
    let valid = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b));
    if valid {
        Some((name, lit.span()))
    } else {
        cx.error_at(
            lit,
            format!("invalid wire name {name:?}: use ASCII letters, digits, `_`, `-` and `.`, e.g. `name = \"div_by_zero\"`"),
        );
        None
    }
}

/// Rule: `user_msg` is a well-formed message that names existing fields only.
pub(super) fn check_user_msg(lit: &LitStr, error: &ast::Error<'_>, cx: &mut Ctxt) -> Option<Template> {
    check_template(lit, error, "`user_msg`", cx)
}

/// Rule: a message (`user_msg`, `#[error]`) is well formed and names
/// existing fields only. `what` names the message in errors.
pub(crate) fn check_template(
    lit: &LitStr,
    error: &ast::Error<'_>,
    what: &str,
    cx: &mut Ctxt,
) -> Option<Template> {
    let template = match Template::parse(lit) {
        Ok(template) => template,
        Err(problem) => {
            cx.error_at(lit, format!("{what}: {problem}"));
            return None;
        }
    };
    let mut ok = true;
    for field in &template.fields {
        if let Some(problem) = missing_field(field, error) {
            cx.error_at(lit, format!("{what} names `{{{field}}}`, but {problem}"));
            ok = false;
        }
    }
    ok.then_some(template)
}

/// Why `field` is not a field of `error`, if it is not.
fn missing_field(field: &FieldRef, error: &ast::Error<'_>) -> Option<String> {
    let ident = error.ident;
    let names: Vec<String> = error.fields.iter().filter_map(ast::Field::name).collect();
    match (field, error.fields_style) {
        (FieldRef::Named(name), Style::Named) if names.contains(name) => None,
        (FieldRef::Index(index), Style::Tuple) if *index < error.fields.len() => None,
        (_, Style::Unit) => Some(format!("`{ident}` has no fields")),
        (FieldRef::Named(name), Style::Named) => {
            let hint = did_you_mean(name, names.iter().map(String::as_str)).map_or_else(
                || format!("; its fields are {}", quoted_list(&names)),
                |s| format!("; did you mean `{s}`?"),
            );
            Some(format!("`{ident}` has no field `{name}`{hint}"))
        }
        (FieldRef::Index(_), Style::Named) => {
            Some(format!("`{ident}` has named fields; name one: {}", quoted_list(&names)))
        }
        (FieldRef::Named(_), Style::Tuple) => {
            Some(format!("`{ident}` has positional fields; write `{{0}}` for the first"))
        }
        (FieldRef::Index(index), Style::Tuple) => {
            let count = error.fields.len();
            let noun = if count == 1 { "field" } else { "fields" };
            Some(format!("`{ident}` has only {count} {noun}, so there is no field {index}"))
        }
    }
}

/// Whether `ty` mentions any of the generic parameters.
fn mentions_generics(generics: &syn::Generics, ty: &syn::Type) -> bool {
    fn walk(tokens: proc_macro2::TokenStream, params: &[String]) -> bool {
        tokens.into_iter().any(|tree| match tree {
            proc_macro2::TokenTree::Ident(ident) => params.contains(&ident.to_string()),
            proc_macro2::TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    let params: Vec<String> = generics
        .params
        .iter()
        .map(|param| match param {
            syn::GenericParam::Type(t) => t.ident.to_string(),
            syn::GenericParam::Lifetime(l) => l.lifetime.ident.to_string(),
            syn::GenericParam::Const(c) => c.ident.to_string(),
        })
        .collect();
    !params.is_empty() && walk(quote::quote!(#ty), &params)
}

fn quoted_list(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

pub(super) fn flag_span(flag: Flag) -> Option<Span> {
    flag.is_present().then(|| flag.span())
}

/// Every key written on an error, with its span.
fn declared_keys(keys: &ErrorKeys) -> Vec<(&'static str, Span)> {
    [
        ("grpc", keys.grpc.as_ref().map(SpannedValue::span)),
        ("http", keys.http.as_ref().map(SpannedValue::span)),
        ("name", keys.name.as_ref().map(LitStr::span)),
        ("temporary", flag_span(keys.temporary)),
        ("timeout", flag_span(keys.timeout)),
        ("fault", flag_span(keys.fault)),
        ("user_msg", keys.user_msg.as_ref().map(LitStr::span)),
        ("retry_after_secs", keys.retry_after_secs.as_ref().map(SpannedValue::span)),
        ("transparent", flag_span(keys.transparent)),
        ("classify", flag_span(keys.classify)),
    ]
    .into_iter()
    .filter_map(|(key, span)| span.map(|span| (key, span)))
    .collect()
}
