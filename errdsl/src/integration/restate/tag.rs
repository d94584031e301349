//! The tag that carries what Restate's terminal failures have no room for.
//!
//! A `TerminalError` of restate-sdk 0.13 is a status code and a message
//! (the protocol's failure metadata is left empty by the SDK), so the wire
//! name, the id, the flags and the wire fields ride at the end of the
//! message, after the wire message a person reads:
//!
//! ```text
//! This user is deactivated. [errdsl?name=user_deactivated&id=x7Fq9-Ab&field.user_id=user_123]
//! ```
//!
//! The tag is `application/x-www-form-urlencoded`, so no value can end it
//! early; `temporary`, `timeout` and `fault` appear (with no value) only
//! when set.

use crate::model::code::Code;
use crate::model::error_result::ErrorResult;
use crate::model::service_error::ServiceError;
use crate::policy::error_class::Classification;

/// What opens a tag; it runs to the `]` that ends the message.
const OPEN: &str = " [errdsl?";
/// The prefix of a wire field's key, so that a field named `id` or `name`
/// cannot be taken for the tag's own keys.
const FIELD: &str = "field.";
/// The most wire fields a tag gives back, as the gRPC decoder bounds them.
const MAX_FIELDS: usize = 64;

/// The message Restate gets for `err`: its wire message, then the tag.
pub(super) fn tagged_message(err: &ErrorResult) -> String {
    let mut tag = form_urlencoded::Serializer::new(String::new());
    tag.append_pair("name", err.name()).append_pair("id", err.id());
    let flags = [("temporary", err.is_temporary()), ("timeout", err.is_timeout()), ("fault", err.is_fault())];
    for (flag, _) in flags.iter().filter(|(_, set)| *set) {
        tag.append_key_only(flag);
    }
    for (name, value) in err.fields() {
        tag.append_pair(&format!("{FIELD}{name}"), value);
    }
    format!("{}{OPEN}{}]", err.wire_message(), tag.finish())
}

/// The error a Restate failure with this status and message stands for:
/// the tag's name, id, flags and fields when the message ends with one;
/// else an error named after the status's code, with the flags the status
/// implies (as the HTTP decoder reads a response without a body) and the
/// message as it is. It never fails.
pub(super) fn untagged(status: u16, message: &str) -> ErrorResult {
    let code = Code::from_http_u16(status);
    let status = http::StatusCode::from_u16(status).unwrap_or(code.http_status());
    let Some((text, tag)) = split(message) else {
        let class = Classification::from_http_status(status);
        return ErrorResult::builder(code.as_str(), code)
            .message(message)
            .user_message(message)
            .http_status(status)
            .temporary(class.temporary)
            .timeout(class.timeout)
            .build();
    };
    let mut builder = ErrorResult::builder(code.as_str(), code).message(text).http_status(status);
    let (mut fault, mut fields) = (false, 0);
    for (key, value) in form_urlencoded::parse(tag.as_bytes()) {
        builder = match (key.as_ref(), key.strip_prefix(FIELD)) {
            ("name", _) if !value.is_empty() => builder.name(value),
            ("id", _) => builder.id(value),
            ("temporary", _) => builder.temporary(true),
            ("timeout", _) => builder.timeout(true),
            ("fault", _) => {
                fault = true;
                builder.fault(true)
            }
            (_, Some(field)) if fields < MAX_FIELDS => {
                fields += 1;
                builder.field(field, value)
            }
            _ => builder,
        };
    }
    // What a fault sends is the generic text, not a message for the user.
    if !fault {
        builder = builder.user_message(text);
    }
    builder.build()
}

/// The wire message and the tag's query, when `message` ends with a tag.
fn split(message: &str) -> Option<(&str, &str)> {
    let open = message.rfind(OPEN)?;
    let tag = message[open + OPEN.len()..].strip_suffix(']')?;
    Some((&message[..open], tag))
}
