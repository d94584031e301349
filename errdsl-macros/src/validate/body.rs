//! Goa's custom-type body (`custom_body`, `name_member`, `method`): whether
//! an error is sent in one, and the rules that keep its members apart. A
//! custom body has the error's `message`, its wire fields as top-level
//! members, and its name in the `name_member` when one is declared; over
//! gRPC, when its type names its Goa `method`, it is also the message a Goa
//! server sends (`goa_names`).

use syn::LitStr;

use super::Owner;
use crate::ast;
use crate::attr::ErrorKeys;
use crate::ctxt::Ctxt;
use crate::goa_names;
use crate::model::{CustomBody, ErrorDecl, Kind};

/// The member of every custom body that holds the wire message.
const MESSAGE: &str = "message";
/// The member Goa reserves (its generated code names the error by it): no
/// wire field of a custom body and no name member may have it.
const RESERVED: &str = "error_name";

/// Sets the custom body of `decl` when it, or its enum, declares one.
pub(super) fn resolve_custom_body(
    decl: &mut ErrorDecl,
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    defaults: Option<&ErrorKeys>,
    owner: &Owner,
    cx: &mut Ctxt,
) {
    let custom = keys.custom_body.is_present() || defaults.is_some_and(|d| d.custom_body.is_present());
    if !custom {
        if let Some(lit) = &keys.name_member {
            // The key is the mistake here, not its value.
            let written = error
                .written_key("name_member")
                .cloned()
                .unwrap_or_else(|| quote::ToTokens::to_token_stream(lit));
            cx.error_at(
                written,
                format!(
                    "`name_member` names the member of a custom body that holds the error's name, but `{}` is sent in Goa's `ErrorResult` body, whose `name` member holds it; add `custom_body`, or remove `name_member`",
                    error.ident
                ),
            );
        }
        return;
    }
    let fields = decl.wire_fields();
    for (name, _) in fields.iter().filter(|(name, _)| name == MESSAGE || name == RESERVED) {
        let index = decl.fields.iter().position(|field| field.wire_name() == *name);
        let (why, instead) = if name == MESSAGE {
            ("sends its message as the member `message`", "detail")
        } else {
            (
                "is a Goa type, whose generated Go code has an `ErrorName` method that a member `error_name` would clash with",
                "kind",
            )
        };
        let message = format!(
            "the custom body of `{}` {why}, so no field can travel under that name; give the field another wire name, e.g. `#[service_error(name = \"{instead}\")]`",
            error.ident
        );
        match index.map(|index| &error.fields[index]) {
            Some(field) => match &field.keys.name {
                Some(lit) => cx.error_at(lit, message),
                None => cx.error_at(&field.member, message),
            },
            None => cx.error_span(error.ident.span(), message),
        }
    }
    let lit = keys.name_member.as_ref().or(defaults.and_then(|d| d.name_member.as_ref()));
    let name_member = lit.and_then(|lit| check_name_member(lit, error, &fields, cx));
    if lit.is_some() && name_member.is_none() {
        return;
    }
    if let Kind::Static(spec) | Kind::Classified { spec, .. } = &mut decl.kind {
        let grpc_message = match (&owner.service, &owner.method) {
            (Some(service), Some(method)) => {
                Some(goa_names::custom_error_message(service, method, &spec.name))
            }
            _ => None,
        };
        spec.custom_body = Some(CustomBody { name_member, grpc_message });
    }
}

/// Rule: a Goa method is named in `snake_case` (`integer_divide`), as Goa
/// names the message of its custom error types after it.
pub(super) fn check_method(method: &LitStr, cx: &mut Ctxt) -> Option<String> {
    let value = method.value();
    let snake = value.starts_with(|c: char| c.is_ascii_lowercase())
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !value.ends_with('_')
        && !value.contains("__");
    if snake {
        return Some(value);
    }
    let suggestion = crate::case::snake_case(value.trim());
    let instead = if suggestion.is_empty() || suggestion == value {
        "e.g. `method = \"integer_divide\"`".to_owned()
    } else {
        format!("`method = {suggestion:?}`")
    };
    cx.error_at(
        method,
        format!("the method {value:?} is not a Goa method name in `snake_case`, after which Goa names the gRPC message of a custom error type; write {instead}"),
    );
    None
}

/// Rule: a type that names its Goa `method` and sends a custom body names
/// its `service` too: the message of a custom error type is in the proto
/// package of the service.
pub(super) fn check_method_has_a_service(input: &ast::Input<'_>, cx: &mut Ctxt) {
    let Some(container) = input.container.as_ref() else { return };
    let (Some(method), None) = (&container.method, &container.service) else { return };
    let custom = container.keys.custom_body.is_present()
        || input
            .errors
            .iter()
            .any(|error| error.keys.as_ref().is_some_and(|keys| keys.custom_body.is_present()));
    if custom {
        let written = input.container_written.iter().find(|written| written.key == "method");
        let tokens = written
            .map_or_else(|| quote::ToTokens::to_token_stream(method), |written| written.tokens.clone());
        cx.error_at(
            tokens,
            format!(
                "Goa sends a custom error type over gRPC as a message of its service's proto package, named after the method, but `{}` names no service; add `service = \"...\"` beside `method`",
                input.ident
            ),
        );
    }
}

/// Rule: an enum's `name_member` is the default of its custom bodies, so the
/// enum or one of its variants has `custom_body`.
pub(super) fn check_enum_name_member(input: &ast::Input<'_>, cx: &mut Ctxt) {
    let Some(container) = input.container.as_ref().filter(|_| input.is_enum) else { return };
    let Some(lit) = &container.keys.name_member else { return };
    let any_custom = container.keys.custom_body.is_present()
        || input
            .errors
            .iter()
            .any(|error| error.keys.as_ref().is_some_and(|keys| keys.custom_body.is_present()));
    if !any_custom {
        // The key is the mistake, not its value.
        let written = input.container_written.iter().find(|written| written.key == "name_member");
        let tokens =
            written.map_or_else(|| quote::ToTokens::to_token_stream(lit), |written| written.tokens.clone());
        cx.error_at(
            tokens,
            "`name_member` on the enum is the default of its variants' custom bodies, but no variant has one; add `custom_body` to the enum or to the variants sent in Goa's custom-type body, or remove `name_member`",
        );
    }
}

/// Rule: the name member is a plain member name, not Goa's reserved
/// `error_name`, not `message`, and no wire field's name.
fn check_name_member(
    lit: &LitStr,
    error: &ast::Error<'_>,
    fields: &[(String, crate::json_type::JsonType)],
    cx: &mut Ctxt,
) -> Option<String> {
    let member = lit.value();
    let plain = member.starts_with(|c: char| c.is_ascii_alphabetic())
        && member.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let problem = if !plain {
        Some(format!(
            "{member:?} is not a plain member name: use ASCII letters, digits and `_`, starting with a letter, e.g. `name_member = \"name\"`"
        ))
    } else if member == RESERVED {
        Some("Goa reserves `error_name` for the name its generated code gives the error; choose another member, e.g. `name_member = \"name\"`".to_owned())
    } else if member == MESSAGE {
        Some("the member `message` holds the error's message in a custom body; choose another member for the name, e.g. `name_member = \"name\"`".to_owned())
    } else if fields.iter().any(|(name, _)| *name == member) {
        let other = if member == "name" { "error_kind" } else { "name" };
        Some(format!(
            "the custom body of `{}` sends its field `{member}` as the member `{member}`, so the name cannot go there too; put the name in another member, e.g. `name_member = \"{other}\"`, or give the field another wire name with `#[service_error(name = \"...\")]`",
            error.ident
        ))
    } else {
        None
    };
    match problem {
        Some(problem) => {
            cx.error_at(lit, problem);
            None
        }
        None => Some(member),
    }
}
