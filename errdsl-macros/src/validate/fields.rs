//! The rules of an error's fields on the wire: which travel, under which
//! wire name, and under which `ErrorInfo.metadata` key.

use proc_macro2::Span;
use syn::LitStr;
use syn::ext::IdentExt as _;

use crate::ast;
use crate::attr::ErrorKeys;
use crate::case::snake_case;
use crate::ctxt::Ctxt;
use crate::model::{ErrorDecl, Field, Wire};
use crate::wire_keys;

/// Rule: a field travels (`wire`), decodes as its default (`default`) or
/// holds the error's field violations (`violations`): one of them, none on
/// a transparent error (whose inner error encodes and decodes itself), and
/// one field of violations per error.
pub(super) fn resolve_wire_fields(error: &ast::Error<'_>, keys: &ErrorKeys, cx: &mut Ctxt) -> Vec<Field> {
    let transparent = keys.transparent.is_present();
    let mut violations_field: Option<String> = None;
    error
        .fields
        .iter()
        .map(|field| {
            let written: Vec<(&str, Wire, Span)> = [
                ("wire", Wire::Travels, field.keys.wire),
                ("default", Wire::Defaulted, field.keys.default),
                ("violations", Wire::Violations, field.keys.violations),
                ("location", Wire::Location, field.keys.location),
            ]
            .into_iter()
            .filter(|(_, _, flag)| flag.is_present())
            .map(|(name, mode, flag)| (name, mode, flag.span()))
            .collect();
            let mode = match written.as_slice() {
                [] => Wire::Local,
                [(_, mode, _)] => *mode,
                [(first, ..), (second, _, span), ..] => {
                    cx.error_span(*span, both_message(first, second));
                    Wire::Local
                }
            };
            if let (true, Some((name, _, span))) = (transparent, written.first()) {
                cx.error_span(
                    *span,
                    format!("`{name}` has no effect on a `transparent` error: its inner error travels and decodes by its own declaration; remove it"),
                );
            }
            if mode == Wire::Violations {
                let name = match &field.member {
                    syn::Member::Named(ident) => ident.to_string(),
                    syn::Member::Unnamed(index) => index.index.to_string(),
                };
                match &violations_field {
                    Some(first) => cx.error_span(
                        field.keys.violations.span(),
                        format!("an error carries one list of field violations, and `{first}` holds it already; put every violation in that field"),
                    ),
                    None => violations_field = Some(name),
                }
            }
            let name = field.keys.name.as_ref().map(LitStr::value);
            Field { member: field.member.clone(), ty: field.ty.clone(), wire: mode, name, cfgs: field.cfgs() }
        })
        .collect()
}

/// The message for a field with two of `wire`, `default` and `violations`.
fn both_message(first: &str, second: &str) -> String {
    let what = |key: &str| match key {
        "wire" => "travels on the wire (`wire`)",
        "default" => "stays in the process and decodes as its default (`default`)",
        "location" => "holds where the error was made (`location`)",
        _ => "holds the error's field violations (`violations`)",
    };
    format!("a field either {} or {}, not both; remove one", what(first), what(second))
}

/// The indices of the fields that travel: declared `wire`, or shown in the
/// message sent, in order.
fn travelling(decl: &ErrorDecl) -> Vec<usize> {
    let shown = decl.shown().fields.into_iter().map(|(index, _)| index);
    let wire = (0..decl.fields.len()).filter(|&i| decl.fields[i].wire == Wire::Travels);
    let mut indices: Vec<usize> = wire.chain(shown).collect();
    indices.sort_unstable();
    indices
}

/// How a message names a field: "the field `x`", or "field 0".
fn field_words(error: &ast::Error<'_>, index: usize) -> String {
    match &error.fields[index].member {
        syn::Member::Named(ident) => format!("the field `{}`", ident.unraw()),
        syn::Member::Unnamed(i) => format!("field {}", i.index),
    }
}

/// Whether `name` is written as a declared wire name must be: a lowercase
/// ASCII letter, then lowercase letters, digits and `_`.
fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Rule: an error records where it was made in one field, which the
/// message sent to clients does not show (it never leaves the process).
pub(super) fn check_location_fields(decl: &ErrorDecl, error: &ast::Error<'_>, cx: &mut Ctxt) {
    let located: Vec<usize> =
        (0..decl.fields.len()).filter(|&i| decl.fields[i].wire == Wire::Location).collect();
    if let [first, rest @ ..] = located.as_slice() {
        for &index in rest {
            cx.error_span(
                error.fields[index].keys.location.span(),
                format!(
                    "`{}` records where it was made in {} already; remove `location` here",
                    error.ident,
                    field_words(error, *first)
                ),
            );
        }
    }
    // On the message that shows it (the `user_msg`, else `#[error]`): the
    // fix is there.
    let sent = decl.spec().and_then(|spec| spec.user_msg.as_ref()).or(decl.message.as_ref());
    for (index, _) in decl.shown().fields {
        if decl.fields[index].wire == Wire::Location {
            let span = sent.map_or_else(|| error.fields[index].keys.location.span(), |sent| sent.lit.span());
            cx.error_span(
                span,
                format!(
                    "this message is sent to clients, but it shows {} of `{}`, which holds where the error was made and never leaves the process; show something else, or log the location instead",
                    field_words(error, index),
                    error.ident
                ),
            );
        }
    }
}

/// Rule: `name = "..."` on a field gives the wire name of a field that
/// travels, in `snake_case`, and no two fields of an error travel under
/// one name.
pub(super) fn check_field_names(decl: &ErrorDecl, error: &ast::Error<'_>, cx: &mut Ctxt) {
    let travelling = travelling(decl);
    for (index, field) in error.fields.iter().enumerate() {
        let Some(lit) = &field.keys.name else { continue };
        let name = lit.value();
        if !travelling.contains(&index) {
            // The key is the mistake here, not its value.
            let written = field.written.iter().find(|written| written.key == "name");
            let tokens = written
                .map_or_else(|| quote::ToTokens::to_token_stream(lit), |written| written.tokens.clone());
            cx.error_at(
                tokens,
                format!(
                    "`name` gives the wire name of a field that travels, and {} of `{}` does not: add `wire` to send it, or remove `name`",
                    field_words(error, index),
                    error.ident
                ),
            );
        } else if !is_snake_case(&name) {
            let suggestion = snake_case(&name.replace(|c: char| !c.is_ascii_alphanumeric(), "_"));
            let suggestion = if is_snake_case(&suggestion) { suggestion } else { "status_code".to_owned() };
            cx.error_at(
                lit,
                format!(
                    "a field's wire name is written in snake_case (lowercase ASCII letters, digits and `_`, starting with a letter), which gRPC sends as a lowerCamelCase key; write e.g. `name = {suggestion:?}`"
                ),
            );
        }
    }
    for (position, &index) in travelling.iter().enumerate() {
        let name = decl.fields[index].wire_name();
        let Some(&first) = travelling[..position].iter().find(|&&i| decl.fields[i].wire_name() == name)
        else {
            continue;
        };
        let message = format!(
            "{} of `{}` travels as `{name}`, as {} does; clients read fields by name, so give one of them another wire name with `#[service_error(name = \"...\")]`",
            field_words(error, index),
            error.ident,
            field_words(error, first),
        );
        match &error.fields[index].keys.name {
            Some(lit) => cx.error_at(lit, message),
            None => cx.error_at(&error.fields[index].member, message),
        }
    }
}

/// Rule: every field that travels has an `ErrorInfo.metadata` key of its
/// own that reads back as its wire name (AIP-193: `lowerCamelCase`, at most
/// 64 characters). A field named like one of errdsl's own keys (`id`,
/// `code`, ...) travels as `field_<name>` (`wire_keys::metadata_key`), so
/// no field needs a rename. (A declared wire name that is no `snake_case`
/// is [`check_field_names`]' to report.)
pub(super) fn check_metadata_keys(decl: &ErrorDecl, error: &ast::Error<'_>, cx: &mut Ctxt) {
    // Keys that read back as their names cannot collide: distinct fields
    // have distinct names.
    for index in travelling(decl) {
        let field = &decl.fields[index];
        let declared = error.fields[index].keys.name.as_ref();
        if declared.is_some_and(|lit| !is_snake_case(&lit.value())) {
            continue;
        }
        let name = field.wire_name();
        let key = wire_keys::metadata_key(&name);
        let back = wire_keys::field_of_key(&key);
        let problem = if key.len() > 64 {
            format!(
                "travels in gRPC's `ErrorInfo.metadata` as a key of {} characters, and AIP-193 allows 64; give it a shorter wire name with `#[service_error(name = \"...\")]`",
                key.len()
            )
        } else if back != name {
            format!(
                "travels in gRPC's `ErrorInfo.metadata` under the lowerCamelCase key `{key}`, which a client turns back into `{back}`, not `{name}`; give it a wire name in which no word after a `_` starts with a digit, e.g. `#[service_error(name = \"{back}\")]`"
            )
        } else {
            continue;
        };
        let what = match declared {
            Some(_) => format!("{} (wire name `{name}`)", field_words(error, index)),
            None => field_words(error, index),
        };
        let message = format!("{what} of `{}` {problem}", error.ident);
        // A positional field has no name to point at: its type stands for it.
        match (declared, &field.member) {
            (Some(lit), _) => cx.error_at(lit, message),
            (None, syn::Member::Named(member)) => cx.error_at(member, message),
            (None, syn::Member::Unnamed(_)) => cx.error_at(&field.ty, message),
        }
    }
}
