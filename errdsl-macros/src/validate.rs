//! The rules of a declaration: one `check_*` or `resolve_*` function per rule
//! of the declaration (`docs/decisions.md`), all reporting into one `Ctxt`, so a
//! user sees every mistake of an input in one compilation.
//!
//! `validate` turns the parsed input into the model `expand` reads; it
//! returns `None` when anything was reported. There is one entry point per
//! front end, which runs every rule: [`validate`] for the derive,
//! [`catalog_rules::check_decls`] and [`catalog_rules::validate_enum`] for
//! `errors!`, whose own rules (messages, parents, conversions) are in
//! `catalog_rules`.

mod body;
pub(crate) mod catalog_rules;
mod fields;
mod mapping;
mod outline;

use mapping::{Defaults, check_inherited_retry_after, resolve_static};
use outline::check_outline;

use std::collections::HashMap;

use darling::util::Flag;
use proc_macro2::Span;
use syn::{Ident, LitStr};

use crate::ast::{self, Style};
use crate::attr::{ErrorKeys, Written};
use crate::case::snake_case;
use crate::code_table;
use crate::ctxt::Ctxt;
use crate::fmt::{FieldRef, Template};
use crate::model::{Catalog, CodeSource, ErrorDecl, Kind, Outline, Spec};
use crate::suggest::{did_you_mean, tidy};
use crate::thread_safety;
use crate::wire_keys;

/// Every rule of a derived type: checks `input` and resolves it into the
/// model, around its outline.
pub(crate) fn validate(input: &ast::Input<'_>, outline: Outline, cx: &mut Ctxt) -> Option<Catalog> {
    check_no_export(input, cx);
    check_no_lifetimes(input.generics, cx);
    let (errors, complete) = validate_errors(input, cx);
    check_unique_names(errors.iter().map(|e| (e, None)), cx);
    check_outline(&outline, 0, cx);
    (complete && cx.is_clean()).then_some(Catalog { outline, errors })
}

/// Rule: only `errors!` enums are exported as parents; a derived type has
/// no parent or child.
fn check_no_export(input: &ast::Input<'_>, cx: &mut Ctxt) {
    if let Some(export) = input.container.as_ref().map(|c| c.export).filter(Flag::is_present) {
        cx.error_span(
            export.span(),
            "`export` is only for enums declared in `errors!` (it lets other crates inherit from them); a derived type has no children: remove it",
        );
    }
}

/// Rule: a derived type has no lifetime parameter. A service error is
/// `'static`: it outlives the request that made it (it is sent, logged,
/// retried, kept in a `tonic::Status`).
fn check_no_lifetimes(generics: &syn::Generics, cx: &mut Ctxt) {
    for param in generics.lifetimes() {
        cx.error_at(
            param,
            format!(
                "a service error cannot borrow: it outlives the request that made it, so `ServiceError` needs `'static`; own the data instead (e.g. `String` for `&{} str`) and remove `{}`",
                param.lifetime, param.lifetime
            ),
        );
    }
}

/// Resolves every error of `input`, each checked on its own: the valid
/// ones, and whether all of them were.
pub(crate) fn validate_errors(input: &ast::Input<'_>, cx: &mut Ctxt) -> (Vec<ErrorDecl>, bool) {
    let container = input.container.as_ref();
    let owner = Owner {
        service: container.and_then(|c| c.service.as_ref()).and_then(|s| check_service(s, cx)),
        domain: container.and_then(|c| c.domain.as_ref()).and_then(|d| check_domain(d, cx)),
        docs_url: container.and_then(|c| c.docs_url.as_ref()).and_then(|d| check_docs_url(d, cx)),
        method: container.and_then(|c| c.method.as_ref()).and_then(|m| body::check_method(m, cx)),
    };
    let defaults = if input.is_enum { container.map(|c| &c.keys) } else { None };
    // An enum whose mapping keys did not parse has defaults nobody knows:
    // its variants may have meant to inherit a mapping from them.
    let defaults_known = !input.is_enum
        || (container.is_some() && input.container_parsed != ast::Parsed::Partly { defaults_known: false });

    body::check_enum_name_member(input, cx);
    body::check_method_has_a_service(input, cx);
    let mut errors = Vec::new();
    // Variants that take the enum's `retry_after_secs` but are not temporary.
    let mut retry_misfits = Vec::new();
    let mut complete = container.is_some() && input.container_parsed == ast::Parsed::All;
    for error in &input.errors {
        check_thread_safe_fields(error, cx);
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
            resolve_classified(error, keys, &owner, cx)
        } else {
            let defaults = Defaults { keys: defaults, known: defaults_known };
            let spec = resolve_static(error, keys, defaults, &owner, cx);
            let inherits_delay = keys.retry_after_secs.is_none()
                && defaults.keys.is_some_and(|keys| keys.retry_after_secs.is_some());
            if inherits_delay && spec.as_ref().is_some_and(|spec| !spec.temporary) {
                retry_misfits.push(error.ident);
            }
            spec.map(Kind::Static)
        };
        let fields = fields::resolve_wire_fields(error, keys, cx);
        let Some(kind) = kind else {
            complete = false;
            continue;
        };
        // A message naming what is no field is thiserror's (or `errors!`'s)
        // to report; it then shows nothing here.
        let message = error
            .message
            .as_ref()
            .and_then(|lit| Template::parse(lit).ok())
            .filter(|template| template.fields.iter().all(|field| missing_field(field, error).is_none()));
        let mut decl = ErrorDecl {
            variant: error.variant.cloned(),
            fields,
            description: error.doc.clone(),
            kind,
            display: None,
            message,
            cfgs: error.cfgs.clone(),
        };
        fields::check_field_names(&decl, error, cx);
        fields::check_location_fields(&decl, error, cx);
        fields::check_metadata_keys(&decl, error, cx);
        body::resolve_custom_body(&mut decl, error, keys, defaults, &owner, cx);
        errors.push(decl);
    }
    check_inherited_retry_after(input, &retry_misfits, cx);
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

/// What the container says of all its errors: their service, domain,
/// docs and Goa method.
pub(super) struct Owner {
    service: Option<String>,
    domain: Option<String>,
    docs_url: Option<String>,
    method: Option<String>,
}

/// Rule: a documentation base is an absolute `http(s)` URL or an absolute
/// path, of visible ASCII, with no query or fragment, ending with `/`: an
/// error's name completes it into RFC 9457's problem `type`, which should
/// resolve to the error's docs.
fn check_docs_url(docs_url: &LitStr, cx: &mut Ctxt) -> Option<String> {
    let value = docs_url.value();
    let after_scheme = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    let problem = if let Some(c) = value.chars().find(|c| !c.is_ascii_graphic()) {
        Some(format!("has {} in it", shown_char(c)))
    } else if after_scheme.is_none() && !value.starts_with('/') {
        Some("is neither an `http(s)://` URL nor an absolute path".to_owned())
    } else if after_scheme.is_some_and(|rest| rest.is_empty() || rest.starts_with('/')) {
        Some("names no host".to_owned())
    } else if value.starts_with("//") {
        Some("starts with `//`, which names a host, not a path".to_owned())
    } else if let Some(start) = value.find('{') {
        let base = &value[..value[..start].rfind('/').map_or(start, |slash| slash + 1)];
        cx.error_at(
            docs_url,
            format!("the docs URL {value:?} is a template; errdsl appends each error's name to the base itself: write `docs_url = {base:?}`"),
        );
        return None;
    } else if value.contains(['?', '#']) {
        Some("has a query or a fragment, which the error's name could not follow".to_owned())
    } else if !value.ends_with('/') {
        Some("does not end with `/`, and the error's name is appended to it".to_owned())
    } else {
        None
    };
    match problem {
        Some(problem) => {
            cx.error_at(
                docs_url,
                format!("the docs URL {value:?} {problem}; write the base of the errors' documentation pages, e.g. `docs_url = \"https://api.example.com/errors/\"` or `docs_url = \"/errors/\"`"),
            );
            None
        }
        None => Some(value),
    }
}

/// Rule: a domain is a DNS name (AIP-193 wants a globally unique one, such
/// as `divider.example.com`): at least two labels of lower-case letters,
/// digits and `-` (not first or last), each 1 to 63 characters, 253 in all.
fn check_domain(domain: &LitStr, cx: &mut Ctxt) -> Option<String> {
    let value = domain.value();
    // What users write instead of a bare name: a URL, a port, a rooted name.
    let host = value.split_once("://").map_or(value.as_str(), |(_, rest)| rest);
    let host = host.split(['/', ':']).next().unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
    let fixable = host != value && host.contains('.') && !host.is_empty();
    let problem = if fixable {
        let what = if value.contains("://") {
            "is a URL"
        } else if value.contains(':') {
            "has a port"
        } else if value.contains('/') {
            "has a path"
        } else if value.ends_with('.') {
            "ends with a dot"
        } else {
            "has capital letters"
        };
        cx.error_at(
            domain,
            format!("the domain {value:?} {what}; a domain is the bare DNS name the service owns (AIP-193's `ErrorInfo.domain`): write `domain = {host:?}`"),
        );
        return None;
    } else if value.len() > 253 {
        Some(format!("is {} characters long; a DNS name has at most 253", value.len()))
    } else if !value.contains('.') {
        Some(
            "is a single label; a domain is a DNS name the service owns, so that it is globally unique"
                .to_owned(),
        )
    } else {
        value.split('.').find_map(|label| {
            if label.is_empty() {
                Some("has an empty label (two dots in a row, or a dot at an end)".to_owned())
            } else if label.len() > 63 {
                Some(format!("has a label of {} characters; a label has at most 63", label.len()))
            } else if let Some(c) =
                label.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
            {
                Some(format!(
                    "has {} in it; a label is lower-case ASCII letters, digits and `-`",
                    shown_char(c)
                ))
            } else if label.starts_with('-') || label.ends_with('-') {
                Some(format!("has the label `{label}`, which starts or ends with `-`"))
            } else {
                None
            }
        })
    };
    match problem {
        None => Some(value),
        Some(problem) => {
            cx.error_at(domain, format!("the domain {value:?} {problem}; write a DNS name such as `domain = \"divider.example.com\"`"));
            None
        }
    }
}

/// Rule: the service name is a name: not empty, and made of ASCII letters,
/// digits, `_`, `-` and `.` (Goa's service names are identifiers).
fn check_service(service: &LitStr, cx: &mut Ctxt) -> Option<String> {
    let value = service.value();
    if value.trim().is_empty() {
        cx.error_at(service, "`service` must not be empty; name the service, e.g. `service = \"divider\"`");
        return None;
    }
    if let Some(c) = value.chars().find(|c| !(c.is_ascii_alphanumeric() || "_-.".contains(*c))) {
        let suggestion: String = value
            .trim()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || "-.".contains(c) { c } else { '_' })
            .collect();
        cx.error_at(
            service,
            format!("the service name {value:?} has {} in it; a service is named with ASCII letters, digits, `_`, `-` and `.`, e.g. `service = {suggestion:?}`", shown_char(c)),
        );
        return None;
    }
    Some(value)
}

/// Rule: no field's type is, as written, kept from being `Send + Sync`
/// (see `thread_safety`).
fn check_thread_safe_fields(error: &ast::Error<'_>, cx: &mut Ctxt) {
    for field in &error.fields {
        if let Some(found) = thread_safety::not_thread_safe(field.ty) {
            cx.error_at(
                found.ty,
                format!(
                    "a service error crosses threads (tonic, axum, retries), so its fields are `Send + Sync`, and `{}` is not; write {} instead",
                    tidy(found.ty),
                    found.instead
                ),
            );
        }
    }
}

/// Rule: wire names are unique within a type (clients decode by name),
/// inherited errors included. Each error comes with the enum it was
/// inherited from, if it was.
pub(crate) fn check_unique_names<'a>(
    errors: impl IntoIterator<Item = (&'a ErrorDecl, Option<&'a Ident>)>,
    cx: &mut Ctxt,
) {
    // By reason: gRPC clients compare names without regard to case.
    let mut seen: HashMap<String, (&str, &Ident, Option<&Ident>)> = HashMap::new();
    for (error, origin) in errors {
        let (Some(spec), Some(variant)) = (error.spec(), error.variant.as_ref()) else {
            continue;
        };
        let reason = wire_keys::reason(&spec.name);
        let Some((first_name, first, first_origin)) = seen.get(&reason).copied() else {
            seen.insert(reason, (&spec.name, variant, origin));
            continue;
        };
        // Reported on the error declared here: an inherited one cannot be changed here.
        let inherited =
            |origin: Option<&Ident>| origin.map(|o| format!(", inherited from `{o}`,")).unwrap_or_default();
        let span = if origin.is_none() { spec.name_span } else { variant.span() };
        let message = if first_name == spec.name {
            format!(
                "duplicate wire name `{}`: `{first}`{} already uses it; clients tell errors apart by name, so give this one a different name with `name = \"...\"`",
                spec.name,
                inherited(first_origin),
            )
        } else {
            format!(
                "the wire name `{}` differs from `{first_name}` of `{first}`{} only in case, and gRPC clients read both as the reason `{reason}`; give this one a different name with `name = \"...\"`",
                spec.name,
                inherited(first_origin),
                reason = wire_keys::reason(&spec.name),
            )
        };
        cx.error_span(span, message);
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
    for Written { key, tokens } in &error.written {
        if *key != "transparent" {
            cx.error_at(
                tokens,
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
    let ty = error.fields[0].ty;
    if let Some(foreign) = foreign_error(ty) {
        let message = if foreign.contains("ServiceError") {
            format!(
                "{foreign} has no catalog for `transparent` to delegate to: hold the declared error type itself (an enum of `errors!` or of the derive), or declare this variant's own mapping, e.g. `#[service_error(fault)]`"
            )
        } else {
            format!(
                "{foreign} is not an error errdsl declares, so `transparent` cannot delegate to it; classify it at run time with `#[service_error(classify)]` (its code and flags come from it; `#[error(transparent)]` can stay), or map it, e.g. `#[service_error(fault)]`"
            )
        };
        cx.error_at(ty, message);
        return None;
    }
    // A const array's length cannot depend on generic parameters, so the
    // errors of a generic inner type stay out of the catalog.
    let in_catalog = !ast::mentions_generics(input.generics, ty);
    Some(Kind::Transparent { field: 0, in_catalog })
}

/// The words for `ty` when it is, as written, an error type of std or of
/// a crate errdsl knows, which no `errors!` or derive declares: `transparent`
/// over it is a mistake the macro can name, once, before the compiler does
/// at every use.
fn foreign_error(ty: &syn::Type) -> Option<String> {
    const KNOWN: &[&str] = &[
        "io::Error",
        "std::io::Error",
        "fmt::Error",
        "std::fmt::Error",
        "anyhow::Error",
        "serde_json::Error",
        "reqwest::Error",
        "tonic::Status",
        "sqlx::Error",
        "String",
        "std::string::String",
    ];
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => {
            let written = tidy(&path.path);
            let written = written.trim_start_matches("::");
            if KNOWN.contains(&written) {
                return Some(format!("`{written}`"));
            }
            let last = path.path.segments.last()?;
            let boxed = last.ident == "Box" || last.ident == "Arc";
            let inner = match &last.arguments {
                syn::PathArguments::AngleBracketed(args) => args.args.first(),
                _ => None,
            };
            match inner {
                Some(syn::GenericArgument::Type(syn::Type::TraitObject(_))) if boxed => {
                    Some(format!("`{}`", tidy(ty)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Rule: `classify` needs a source field and leaves code and flags to it.
fn resolve_classified(
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    owner: &Owner,
    cx: &mut Ctxt,
) -> Option<Kind> {
    for Written { key, tokens } in &error.written {
        if ["grpc", "http", "temporary", "timeout"].contains(key) {
            cx.error_at(
                tokens,
                format!("`{key}` conflicts with `classify`: the code and the `temporary`/`timeout` flags come from the source at run time; remove it, or drop `classify` and declare the mapping"),
            );
        }
    }
    let Some(source) = error.source_field() else {
        cx.error_span(
            keys.classify.span(),
            match error.fields_style {
                Style::Named => format!("`classify` needs the error's source, but `{}` has none: mark a field `#[source]` or `#[from]`, or name it `source`", error.ident),
                Style::Tuple => format!("`classify` needs the error's source, but `{}` has none: mark the field that holds it `#[source]` or `#[from]`", error.ident),
                Style::Unit => format!("`classify` needs the error's source, but `{}` has no fields: add one that holds it, marked `#[source]`, or declare a mapping instead", error.ident),
            },
        );
        return None;
    };
    let (name, name_span) = resolve_name(error, keys, cx)?;
    let user_msg = keys.user_msg.as_ref().and_then(|lit| check_user_msg(lit, error, cx));
    let unknown = code_table::UNKNOWN;
    Some(Kind::Classified {
        spec: Spec {
            name,
            name_span,
            service: owner.service.clone(),
            domain: owner.domain.clone(),
            docs_url: owner.docs_url.clone(),
            code: CodeSource::Named(unknown),
            http: None,
            temporary: false,
            timeout: false,
            fault: keys.fault.is_present(),
            user_msg,
            retry_after_secs: keys.retry_after_secs.as_ref().map(|v| **v),
            custom_body: None,
        },
        source,
    })
}

/// Rule: a wire name is `name = "..."` or the `snake_case` of the Rust name
/// (followed by `_error` when that is shorter than AIP-193's 3 characters:
/// `Io` is `io_error`), and is one gRPC's `ErrorInfo.reason` can carry:
/// upper-cased, it matches AIP-193's `[A-Z][A-Z0-9_]+[A-Z0-9]` in at most 63
/// characters.
pub(super) fn resolve_name(
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    cx: &mut Ctxt,
) -> Option<(String, Span)> {
    let (name, span, origin) = match &keys.name {
        Some(lit) => (lit.value(), lit.span(), None),
        None => (default_name(error.ident), error.ident.span(), Some(error.ident)),
    };
    let Some(problem) = reason_problem(&name) else {
        return Some((name, span));
    };
    // A declared name with nothing to keep: the default may do.
    let default = default_name(error.ident);
    let instead =
        if origin.is_none() && name.trim_matches('_').is_empty() && reason_problem(&default).is_none() {
            format!("remove `name` to send the default, `{default}`")
        } else {
            format!("write e.g. `name = {:?}`", suggested_name(&name))
        };
    let origin = origin.map(|ident| format!(" (from `{ident}`)")).unwrap_or_default();
    cx.error_span(
        span,
        format!(
            "the wire name {name:?}{origin} {problem}; gRPC sends a wire name upper-cased as `ErrorInfo.reason`, which AIP-193 wants to match `[A-Z][A-Z0-9_]+[A-Z0-9]` (ASCII letters, digits and `_`, 3 to 63 of them); {instead}"
        ),
    );
    None
}

/// The wire name of an error that declares none: the `snake_case` of its
/// Rust name, followed by `_error` when that is too short for a reason
/// (`Io`, `Db`: thiserror enums are full of them).
pub(crate) fn default_name(ident: &Ident) -> String {
    let mut name = snake_case(&ident.to_string());
    if name.chars().count() < 3 {
        name.push_str("_error");
    }
    name
}

/// What keeps `name` from being a wire name, if anything.
fn reason_problem(name: &str) -> Option<String> {
    let count = name.chars().count();
    if name.is_empty() {
        Some("is empty".to_owned())
    } else if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
        Some(format!("has {} in it", shown_char(c)))
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("does not start with a letter".to_owned())
    } else if name.ends_with('_') {
        Some("ends with `_`".to_owned())
    } else if count < 3 {
        Some(format!("is {count} character{} long", if count == 1 { "" } else { "s" }))
    } else if count > wire_keys::MAX_REASON_CHARS {
        Some(format!("is {count} characters long"))
    } else {
        None
    }
}

/// A wire name close to `name` that [`reason_problem`] accepts.
fn suggested_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .flat_map(ascii_letters)
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let trimmed = out.trim_matches('_');
    if trimmed.is_empty() {
        return "div_by_zero".to_owned();
    }
    out = trimmed.to_owned();
    // Digits first keep their meaning behind a word.
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "error_");
    }
    if out.len() > wire_keys::MAX_REASON_CHARS {
        // Cut between words, so that no word is cut in half.
        out.truncate(wire_keys::MAX_REASON_CHARS + 1);
        let end = out.rfind('_').filter(|&end| end >= 3).unwrap_or(wire_keys::MAX_REASON_CHARS);
        out.truncate(end);
        while out.ends_with('_') {
            out.pop();
        }
    }
    if out.len() < 3 {
        out.push_str("_error");
    }
    out
}

/// `c` as the ASCII letters it is written with, for the Latin letters a
/// suggested wire name most often meets (`ü` as `u`, `ß` as `ss`); any
/// other character as itself.
fn ascii_letters(c: char) -> Vec<char> {
    const FOLDS: &[(&str, &str)] = &[
        ("àáâãäåā", "a"),
        ("çćč", "c"),
        ("ď", "d"),
        ("èéêëēěę", "e"),
        ("ìíîïī", "i"),
        ("ł", "l"),
        ("ñńň", "n"),
        ("òóôõöøō", "o"),
        ("řŕ", "r"),
        ("śšş", "s"),
        ("ťţ", "t"),
        ("ùúûüūů", "u"),
        ("ýÿ", "y"),
        ("źžż", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    let lower = c.to_lowercase().next().unwrap_or(c);
    FOLDS
        .iter()
        .find(|(from, _)| from.contains(lower))
        .map_or_else(|| vec![c], |(_, to)| to.chars().collect())
}

/// Rule: `user_msg` is a well-formed message that names existing fields
/// only, each shown by `Display`: an end user reads it, and Rust's debug
/// form (`{tags:?}`: `["a", "b"]`) is for developers.
pub(super) fn check_user_msg(lit: &LitStr, error: &ast::Error<'_>, cx: &mut Ctxt) -> Option<Template> {
    let template = check_template(lit, error, "`user_msg`", cx)?;
    let debug = template.fields.iter().zip(&template.specs).find(|(_, spec)| spec.contains('?'));
    if let Some((field, spec)) = debug {
        let plain = spec.replace(['?', '#'], "");
        let plain = if plain.is_empty() { String::new() } else { format!(":{plain}") };
        cx.error_at(
            lit,
            format!("`user_msg` shows `{{{field}:{spec}}}`, Rust's debug form, to end users; show `{{{field}{plain}}}` (its `Display`), or a field that holds the text to show"),
        );
        return None;
    }
    Some(template)
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
        (FieldRef::Named(name), Style::Unit) => Some(format!(
            "`{ident}` has no fields; remove the placeholder, or give `{ident}` a field `{name}`"
        )),
        (FieldRef::Index(_), Style::Unit) => {
            Some(format!("`{ident}` has no fields; remove the placeholder, or give `{ident}` a field"))
        }
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
            let last = count - 1;
            let write = if count == 1 { "`{0}`".to_owned() } else { format!("`{{0}}` to `{{{last}}}`") };
            Some(format!(
                "`{ident}` has only {count} {noun}, so there is no field {index}; fields count from 0: write {write}"
            ))
        }
    }
}

/// A character of a name, as a message shows it: a space is not readable
/// between backticks.
fn shown_char(c: char) -> String {
    if c == ' ' { "a space".to_owned() } else { format!("`{c}`") }
}

fn quoted_list(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

pub(super) fn flag_span(flag: Flag) -> Option<Span> {
    flag.is_present().then(|| flag.span())
}
