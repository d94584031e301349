//! The rules of a declaration: one `check_*` or `resolve_*` function per rule
//! of DESIGN.md's "Compile-time checks", all reporting into one `Ctxt`, so a
//! user sees every mistake of an input in one compilation.
//!
//! `validate` turns the parsed input into the model `expand` reads; it
//! returns `None` when anything was reported. The rules only `errors!` has
//! (messages, parents, conversions) are in `catalog`.

pub(crate) mod catalog;

use std::collections::HashMap;

use darling::util::{Flag, SpannedValue};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

use crate::ast::{self, Style};
use crate::attr::{CodeArg, ErrorKeys, StatusArg};
use crate::case::snake_case;
use crate::codes::{self, Code};
use crate::ctxt::Ctxt;
use crate::fmt::{FieldRef, Template};
use crate::model::{Catalog, CodeSource, ErrorDecl, Field, Kind, Outline, Spec, VariantOutline, Wire};
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

/// Rules on a type as a whole, its inherited variants (the first
/// `inherited` of `outline.variants`) and its own together; each is
/// reported on an own variant (an inherited one was checked in its enum).
pub(crate) fn check_outline(outline: &Outline, inherited: usize, cx: &mut Ctxt) {
    check_unique_from(outline, inherited, cx);
    check_unique_constructors(outline, inherited, cx);
    check_hidden_trait_fns(outline, inherited, cx);
}

/// Rule: no two `#[from]` variants convert from the same type (compared as
/// written), and none from an ancestor, which converts by itself: each would
/// be a second, conflicting `From` impl.
fn check_unique_from(outline: &Outline, inherited: usize, cx: &mut Ctxt) {
    let ident = &outline.ident;
    let ancestors: Vec<String> =
        outline.definition.iter().flat_map(|d| &d.ancestors).map(|a| tidy(&a.path)).collect();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (index, variant) in outline.variants.iter().enumerate() {
        let (true, [field]) = (variant.from, variant.fields.as_slice()) else { continue };
        let ty = tidy(&field.ty);
        let own = index >= inherited;
        if own && ancestors.contains(&ty) {
            cx.error_at(
                &field.ty,
                format!(
                    "`{ident}` converts from its ancestor `{ty}` already, so `#[from] {ty}` on `{}` would make a second `From<{ty}>`; remove `#[from]`",
                    variant.ident
                ),
            );
            continue;
        }
        match seen.iter().find(|(t, _)| *t == ty) {
            Some(&(_, first)) if own => {
                let first_ident = &outline.variants[first].ident;
                let origin = if first < inherited { " (inherited)" } else { "" };
                cx.error_at(
                    &field.ty,
                    format!(
                        "two `From<{ty}>` for `{ident}`: `{first_ident}`{origin} and `{}` both have `#[from] {ty}`; keep `#[from]` on one variant and build the other with its constructor, `{ident}::{}(..)`",
                        variant.ident,
                        constructor_of(variant),
                    ),
                );
            }
            Some(_) => {}
            None => seen.push((ty, index)),
        }
    }
}

/// Rule: no two variants make the same constructor (`HTTPError` and
/// `HttpError` both make `http_error`).
fn check_unique_constructors(outline: &Outline, inherited: usize, cx: &mut Ctxt) {
    let ident = &outline.ident;
    for (index, variant) in outline.variants.iter().enumerate().skip(inherited) {
        let name = constructor_of(variant);
        let Some(first) = outline.variants[..index].iter().position(|v| constructor_of(v) == name) else {
            continue;
        };
        let first_ident = &outline.variants[first].ident;
        let fix = if first < inherited {
            format!("`{first_ident}` is inherited, so rename `{}`", variant.ident)
        } else {
            "rename one of the variants".to_owned()
        };
        cx.error_at(
            &variant.ident,
            format!(
                "`{first_ident}` and `{}` both make the constructor `{ident}::{name}()`; {fix}",
                variant.ident
            ),
        );
    }
}

/// The associated functions without `self` of the traits every errdsl type
/// implements. They are called by path only (`Type::spec(name)`), where an
/// inherent function of the same name wins; methods still resolve by
/// method-call syntax, so constructors may share their names.
const TRAIT_FNS: &[(&str, &str, &str)] = &[
    ("spec", "Catalog::spec", "spec(name)"),
    ("from", "From::from", "from(value)"),
    ("try_from", "TryFrom::try_from", "try_from(value)"),
];

/// Rule: no constructor hides a trait's associated function: a variant
/// `Spec` would make `Type::spec(name)` call the constructor.
fn check_hidden_trait_fns(outline: &Outline, inherited: usize, cx: &mut Ctxt) {
    let ident = &outline.ident;
    for variant in outline.variants.iter().skip(inherited) {
        let name = constructor_of(variant);
        let Some((_, item, call)) = TRAIT_FNS.iter().find(|(f, _, _)| *f == name) else { continue };
        cx.error_at(
            &variant.ident,
            format!(
                "the variant `{v}` makes a constructor `{ident}::{name}()`, which hides `{item}`: `{ident}::{call}` would call the constructor; rename the variant, e.g. `{v}Error`",
                v = variant.ident
            ),
        );
    }
}

fn constructor_of(variant: &VariantOutline) -> String {
    variant.constructor.as_ref().map(|c| c.unraw().to_string()).unwrap_or_default()
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

/// The mapping and flags of an error declared in full.
fn resolve_static(
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    defaults: Defaults<'_>,
    service: Option<&str>,
    cx: &mut Ctxt,
) -> Option<Spec> {
    // Checks run in the order keys are usually written, so messages do too.
    let (known_defaults, defaults) = (defaults.known, defaults.keys);
    let flags = Flags::merge(keys, defaults);
    let mapping =
        resolve_mapping(error, keys, Defaults { keys: defaults, known: known_defaults }, &flags, cx);
    if let Some(mapping) = &mapping {
        check_fault(&flags, mapping, cx);
        check_timeout(&flags, mapping, cx);
        check_temporary(&flags, mapping, cx);
    }
    let name = resolve_name(error, keys, cx);
    let user_msg = match &keys.user_msg {
        Some(lit) => check_user_msg(lit, error, cx).map(Some),
        None => Some(None),
    };
    let retry_after = keys.retry_after_secs.as_ref().or(defaults.and_then(|d| d.retry_after_secs.as_ref()));
    check_retry_after(error, retry_after, &flags, cx);
    let mapping = mapping?;
    let (name, name_span) = name?;
    Some(Spec {
        name,
        name_span,
        service: service.map(str::to_owned),
        code: mapping.source,
        http: mapping.declared_http,
        temporary: flags.temporary.is_some(),
        timeout: flags.timeout.is_some(),
        fault: flags.fault.is_some(),
        user_msg: user_msg?,
        retry_after_secs: retry_after.map(|v| **v),
    })
}

/// Rule: a wire name is `name = "..."` or the `snake_case` of the Rust name,
/// and is made of ASCII letters, digits, `_`, `-` and `.`.
fn resolve_name(error: &ast::Error<'_>, keys: &ErrorKeys, cx: &mut Ctxt) -> Option<(String, Span)> {
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

/// The keys an enum's variants inherit, and whether they are known: not
/// when the enum's own keys did not parse.
#[derive(Clone, Copy)]
struct Defaults<'a> {
    keys: Option<&'a ErrorKeys>,
    known: bool,
}

/// The flags of an error, each with the span of the key that set it.
struct Flags {
    temporary: Option<Span>,
    timeout: Option<Span>,
    fault: Option<Span>,
}

impl Flags {
    fn merge(keys: &ErrorKeys, defaults: Option<&ErrorKeys>) -> Flags {
        let pick = |own: Flag, default: Option<Flag>| flag_span(own).or(default.and_then(flag_span));
        Flags {
            temporary: pick(keys.temporary, defaults.map(|d| d.temporary)),
            timeout: pick(keys.timeout, defaults.map(|d| d.timeout)),
            fault: pick(keys.fault, defaults.map(|d| d.fault)),
        }
    }
}

/// A resolved code and status, with the words that explain where they came
/// from, and what the declaration said (for the generated code).
struct Mapping {
    code: Code,
    http: u16,
    origin: String,
    source: CodeSource,
    declared_http: Option<u16>,
}

/// Rule: the variant's `grpc`/`http`, else the enum's, else the flags decide
/// the mapping (`timeout` -> `DeadlineExceeded`/504, `fault` -> `Internal`/500,
/// `temporary` -> `Unavailable`/503); with none of them it is an error.
fn resolve_mapping(
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    defaults: Defaults<'_>,
    flags: &Flags,
    cx: &mut Ctxt,
) -> Option<Mapping> {
    let Defaults { keys: defaults, known: known_defaults } = defaults;
    let source = if keys.grpc.is_some() || keys.http.is_some() {
        Some(keys)
    } else {
        defaults.filter(|d| d.grpc.is_some() || d.http.is_some())
    };
    let grpc = source.and_then(|s| s.grpc.as_ref());
    let http = source.and_then(|s| s.http.as_ref());
    let code = grpc.map(|g| resolve_code(g, cx));
    let status = http.map(|h| check_status(h, cx));
    match (code, status) {
        (Some(None), _) | (_, Some(None)) => None,
        (Some(Some(code)), Some(Some(status))) => {
            check_class(code, status, http.map_or_else(Span::call_site, SpannedValue::span), cx);
            Some(Mapping {
                code,
                http: status,
                origin: format!("`grpc = {}`", code.name),
                source: CodeSource::Named(code),
                declared_http: Some(status),
            })
        }
        (Some(Some(code)), None) => Some(Mapping {
            code,
            http: code.http,
            origin: format!("`grpc = {}`", code.name),
            source: CodeSource::Named(code),
            declared_http: None,
        }),
        (None, Some(Some(status))) => Some(Mapping {
            code: Code::from_http(status),
            http: status,
            origin: format!("`http = {status}`"),
            source: CodeSource::FromHttp(status),
            declared_http: Some(status),
        }),
        (None, None) => {
            let implied = [
                (flags.timeout, codes::DEADLINE_EXCEEDED, "timeout"),
                (flags.fault, codes::INTERNAL, "fault"),
                (flags.temporary, codes::UNAVAILABLE, "temporary"),
            ];
            if let Some((_, code, flag)) = implied.into_iter().find(|(span, _, _)| span.is_some()) {
                return Some(Mapping {
                    code,
                    http: code.http,
                    origin: format!("`{flag}`"),
                    source: CodeSource::Named(code),
                    declared_http: None,
                });
            }
            if !known_defaults {
                // The enum's keys, reported already, may have held the mapping.
                return None;
            }
            cx.error_span(
                error.ident.span(),
                format!(
                    "`{}` has no HTTP status or gRPC code: add `#[service_error(grpc = <Code>)]` or `#[service_error(http = <status>)]`, or a flag that implies one (`fault`, `timeout` or `temporary`)",
                    error.ident
                ),
            );
            None
        }
    }
}

/// Rule: `grpc` names one of the sixteen codes, by name or number (not OK).
fn resolve_code(arg: &SpannedValue<CodeArg>, cx: &mut Ctxt) -> Option<Code> {
    match &**arg {
        CodeArg::Name(name) => Code::from_name(name).or_else(|| {
            let hint = did_you_mean(name, codes::ALL.iter().map(|c| c.name)).map_or_else(
                || " (e.g. `InvalidArgument`, `NotFound`, `Internal`)".to_owned(),
                |s| format!("; did you mean `{s}`?"),
            );
            cx.error_span(arg.span(), format!("unknown gRPC code `{name}`{hint}"));
            None
        }),
        CodeArg::Number(0) => {
            cx.error_span(arg.span(), "gRPC code 0 is `OK`, which is not an error; use a code from 1 to 16, e.g. `grpc = InvalidArgument`");
            None
        }
        CodeArg::Number(n) => Code::from_number(*n).or_else(|| {
            cx.error_span(
                arg.span(),
                format!(
                    "unknown gRPC code {n}: codes are 1 to 16, e.g. `grpc = 3` or `grpc = InvalidArgument`"
                ),
            );
            None
        }),
    }
}

/// Rule: an error's HTTP status is in 400..=599.
fn check_status(status: &SpannedValue<StatusArg>, cx: &mut Ctxt) -> Option<u16> {
    if let Ok(code @ 400..=599) = u16::try_from(status.value) {
        Some(code)
    } else {
        cx.error_span(
            status.span(),
            format!("HTTP status {} is not an error status: use 400..=599, e.g. `http = 404`", status.digits),
        );
        None
    }
}

/// Rule: when both are given, status and code blame the same side (4xx with
/// a client-side code, 5xx with a server-side one), unless the status is the
/// one the standard table maps to the code (408 `DeadlineExceeded`).
fn check_class(code: Code, status: u16, span: Span, cx: &mut Ctxt) {
    let agrees = code.is_server_side() == (status >= 500) || Code::from_http(status) == code;
    if !agrees {
        let (status_side, code_side) =
            if status >= 500 { ("server", "client") } else { ("client", "server") };
        cx.error_span(
            span,
            format!(
                "`http = {status}` is a {status_side} error but `grpc = {}` is a {code_side}-side code; pick a pair that agrees, e.g. `http = {}` for `{}`",
                code.name, code.http, code.name
            ),
        );
    }
}

/// Rule: a fault is the server's failure, so its code is server-side.
fn check_fault(flags: &Flags, mapping: &Mapping, cx: &mut Ctxt) {
    if let Some(span) = flags.fault
        && !mapping.code.is_server_side()
    {
        cx.error_span(
                span,
                format!(
                    "`fault` marks a failure of the server, but `{}` (from {}) blames the client; use a server-side code such as `Internal` (500) or remove `fault`",
                    mapping.code.name, mapping.origin
                ),
            );
    }
}

/// Rule: a timeout maps to `DeadlineExceeded`, 408 or 504.
fn check_timeout(flags: &Flags, mapping: &Mapping, cx: &mut Ctxt) {
    if let Some(span) = flags.timeout
        && mapping.code != codes::DEADLINE_EXCEEDED
        && !matches!(mapping.http, 408 | 504)
    {
        cx.error_span(
                span,
                format!(
                    "`timeout` needs a timeout mapping, but the error maps to `{}`/{} (from {}); use `grpc = DeadlineExceeded`, `http = 504` or `http = 408`",
                    mapping.code.name, mapping.http, mapping.origin
                ),
            );
    }
}

/// Rule: a temporary error has a code that clients may retry.
fn check_temporary(flags: &Flags, mapping: &Mapping, cx: &mut Ctxt) {
    if let Some(span) = flags.temporary
        && !mapping.code.can_be_temporary()
    {
        cx.error_span(
                span,
                format!(
                    "`temporary` means a retry may succeed, but `{}` (from {}) says the request itself is wrong and is never retried; use a retryable code such as `Unavailable` or `ResourceExhausted`, or remove `temporary`",
                    mapping.code.name, mapping.origin
                ),
            );
    }
}

/// Rule: `retry_after_secs` only makes sense on a temporary error.
fn check_retry_after(
    error: &ast::Error<'_>,
    retry_after: Option<&SpannedValue<u64>>,
    flags: &Flags,
    cx: &mut Ctxt,
) {
    if let Some(retry_after) = retry_after
        && flags.temporary.is_none()
    {
        cx.error_span(
                retry_after.span(),
                format!("`retry_after_secs` tells clients when to retry, but `{}` is not `temporary`, so they never do; add `temporary` or remove it", error.ident),
            );
    }
}

/// Rule: `user_msg` is a well-formed message that names existing fields only.
fn check_user_msg(lit: &LitStr, error: &ast::Error<'_>, cx: &mut Ctxt) -> Option<Template> {
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

fn flag_span(flag: Flag) -> Option<Span> {
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
