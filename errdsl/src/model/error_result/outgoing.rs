//! [`Outgoing`]: an error as the encoders write it, borrowed from the error
//! it describes, whether a declared error on its way out (nothing is copied
//! into an [`ErrorResult`] first) or an `ErrorResult` (a kept or decoded one).

#![cfg_attr(
    not(any(feature = "serde", feature = "tonic")),
    allow(dead_code, reason = "the transports read it: HTTP needs `serde`, gRPC `tonic`")
)]

use super::{ErrorResult, Field, Inner};
use crate::model::code::Code;
use crate::model::field_violation::FieldViolation;
use crate::model::service_error::{ErrorSpec, ServiceError};
use crate::model::wire_field::{BodyShape, JsonType};
use http::StatusCode;
use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// Everything a transport writes about one error, borrowed.
///
/// The one reader of a [`ServiceError`]'s answers
/// ([`Outgoing::of`]): capturing an error into an `ErrorResult` goes
/// through it too ([`Outgoing::into_error`]).
#[derive(Clone)]
pub(crate) struct Outgoing<'a> {
    pub(crate) name: &'a str,
    /// `name`, when it is the `'static` name of the error's declaration:
    /// headers then borrow it instead of copying it.
    #[cfg_attr(not(feature = "serde"), allow(dead_code, reason = "only HTTP has headers"))]
    pub(crate) static_name: Option<&'static str>,
    pub(crate) id: &'a str,
    pub(crate) code: Code,
    pub(crate) http_status: StatusCode,
    pub(crate) temporary: bool,
    pub(crate) timeout: bool,
    pub(crate) fault: bool,
    pub(crate) user_message: Option<Cow<'a, str>>,
    /// The internal message, the `Display` text; rendered only when it is
    /// what is sent (or kept).
    display: &'a dyn fmt::Display,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) service: Option<&'a str>,
    pub(crate) domain: Option<&'a str>,
    pub(crate) docs_url: Option<&'a str>,
    pub(crate) fields: Fields<'a>,
    pub(crate) violations: &'a [FieldViolation],
    pub(crate) body: BodyShape,
    /// The error's declaration, when it is a declared error or the capture
    /// of one.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code, reason = "only gRPC's custom messages ask"))]
    pub(crate) spec: Option<&'static ErrorSpec>,
}

/// The wire fields of an [`Outgoing`] error, as its source holds them.
#[derive(Clone)]
pub(crate) enum Fields<'a> {
    /// A service error's [`wire_fields`](ServiceError::wire_fields), one per
    /// name, with the declaration that gives their JSON types.
    Declared(Vec<(&'a str, String)>, Option<&'static ErrorSpec>),
    /// An `ErrorResult`'s.
    Captured(&'a [Field]),
}

impl<'a> Fields<'a> {
    /// Each field's name, value and JSON type, in order.
    #[cfg_attr(
        not(feature = "serde"),
        allow(dead_code, reason = "the JSON bodies are the only typed writers")
    )]
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str, JsonType)> + '_ {
        let (declared, spec, captured): (&[(&str, String)], _, &[Field]) = match self {
            Fields::Declared(fields, spec) => (fields, *spec, &[]),
            Fields::Captured(fields) => (&[], None, fields),
        };
        let declared =
            declared.iter().map(move |(name, value)| (*name, value.as_str(), json_type(spec, name)));
        let captured =
            captured.iter().map(|field| (field.name.as_str(), field.value.as_str(), field.json_type));
        declared.chain(captured)
    }

    /// Each field's name and value, the values moved out where they are
    /// owned: for writers that need owned text and no JSON type.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code, reason = "gRPC metadata is the only such writer"))]
    pub(crate) fn into_texts(self) -> impl Iterator<Item = (&'a str, Cow<'a, str>)> {
        let (declared, captured) = match self {
            Fields::Declared(fields, _) => (fields, &[][..]),
            Fields::Captured(fields) => (Vec::new(), fields),
        };
        let declared = declared.into_iter().map(|(name, value)| (name, Cow::Owned(value)));
        let captured =
            captured.iter().map(|field| (field.name.as_str(), Cow::Borrowed(field.value.as_str())));
        declared.chain(captured)
    }

    /// The text of the field `name`, if there is one.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code, reason = "only gRPC's custom messages ask"))]
    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        match self {
            Fields::Declared(fields, _) => {
                fields.iter().find(|(field, _)| *field == name).map(|(_, value)| value.as_str())
            }
            Fields::Captured(fields) => {
                fields.iter().find(|field| field.name == name).map(|field| field.value.as_str())
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Fields::Declared(fields, _) => fields.len(),
            Fields::Captured(fields) => fields.len(),
        }
    }

    #[cfg_attr(not(feature = "serde"), allow(dead_code, reason = "the JSON bodies skip empty fields"))]
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The fields as an `ErrorResult` holds them; declared values are
    /// moved, not copied.
    fn into_owned(self) -> Vec<Field> {
        match self {
            Fields::Declared(fields, spec) => fields
                .into_iter()
                .map(|(name, value)| Field { json_type: json_type(spec, name), name: name.to_owned(), value })
                .collect(),
            Fields::Captured(fields) => fields.to_vec(),
        }
    }
}

/// The JSON type of the declared field `name`: its declaration's, or a
/// string for an error without one.
fn json_type(spec: Option<&ErrorSpec>, name: &str) -> JsonType {
    spec.map_or(JsonType::String, |spec| spec.json_type_of(name))
}

/// The message sent on the wire ([`ErrorResult::wire_message`]'s rule), as
/// text to write or render.
#[derive(Clone, Copy)]
pub(crate) enum WireMessage<'a> {
    /// The user message, or a captured error's message.
    Text(&'a str),
    /// A fault without a user message: the generic text, with the id if
    /// there is one.
    Fault(Option<&'a str>),
    /// The `Display` text of the error itself.
    Shown(&'a dyn fmt::Display),
}

impl<'a> WireMessage<'a> {
    /// The message as text, rendered only when it is not text already.
    pub(crate) fn to_cow(self) -> Cow<'a, str> {
        match self {
            WireMessage::Text(text) => Cow::Borrowed(text),
            WireMessage::Fault(None) => Cow::Borrowed(ErrorResult::FAULT_MESSAGE),
            // Sized up front, which `format!` does not do for this format.
            WireMessage::Fault(Some(id)) => Cow::Owned(fault_text(id).concat()),
            WireMessage::Shown(display) => Cow::Owned(display.to_string()),
        }
    }
}

impl fmt::Display for WireMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireMessage::Text(text) => f.write_str(text),
            WireMessage::Fault(None) => f.write_str(ErrorResult::FAULT_MESSAGE),
            WireMessage::Fault(Some(id)) => fault_text(id).iter().try_for_each(|part| f.write_str(part)),
            WireMessage::Shown(display) => display.fmt(f),
        }
    }
}

/// The wire message of a fault with this id, in pieces:
/// `internal error (id: x7Fq9-Ab)`.
fn fault_text(id: &str) -> [&str; 4] {
    [ErrorResult::FAULT_MESSAGE, " (id: ", id, ")"]
}

/// Written as a JSON string; the `Display` text and the fault text are
/// written as they are rendered, without a `String` in between.
#[cfg(feature = "serde")]
impl serde::Serialize for WireMessage<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            WireMessage::Text(text) => serializer.serialize_str(text),
            WireMessage::Fault(None) => serializer.serialize_str(ErrorResult::FAULT_MESSAGE),
            _ => serializer.collect_str(self),
        }
    }
}

/// The wire message rule, in one place: the user message, else (for a
/// fault) the generic text with the id, else the `Display` text.
pub(super) fn wire_message<'a>(
    user_message: Option<&'a str>,
    fault: bool,
    id: Option<&'a str>,
    display: WireMessage<'a>,
) -> WireMessage<'a> {
    match user_message {
        Some(message) => WireMessage::Text(message),
        None if fault => WireMessage::Fault(id.filter(|id| !id.is_empty())),
        None => display,
    }
}

impl<'a> Outgoing<'a> {
    /// `err`'s answers under `id`. `err` comes by a double reference so that
    /// an unsized error (a `dyn ServiceError`) can be shown through
    /// `&dyn Display`.
    pub(crate) fn of<E: ServiceError + ?Sized>(err: &'a &'a E, id: &'a str) -> Self {
        let spec = err.error_spec();
        let name = err.name();
        Outgoing {
            name,
            static_name: spec.map(|spec| spec.name).filter(|static_name| *static_name == name),
            id,
            code: err.code(),
            http_status: err.http_status(),
            temporary: err.is_temporary(),
            timeout: err.is_timeout(),
            fault: err.is_fault(),
            user_message: err.user_message(),
            display: err,
            retry_after: err.retry_after(),
            service: err.service(),
            domain: err.domain(),
            docs_url: err.docs_url(),
            fields: Fields::Declared(one_per_name(err.wire_fields()), spec),
            violations: err.field_violations(),
            body: spec.map_or(BodyShape::ErrorResult, |spec| spec.body),
            spec,
        }
    }

    /// The message sent on the wire ([`ErrorResult::wire_message`]).
    pub(crate) fn wire_message(&self) -> WireMessage<'_> {
        wire_message(
            self.user_message.as_deref(),
            self.fault,
            Some(self.id),
            WireMessage::Shown(self.display),
        )
    }

    /// The message sent on the wire as text; an owned user message is
    /// moved out, not copied.
    #[cfg_attr(
        not(feature = "tonic"),
        allow(dead_code, reason = "the HTTP bodies stream the message instead")
    )]
    pub(crate) fn take_wire_message(&mut self) -> String {
        let rendered = match self.wire_message() {
            // The user message is taken below.
            WireMessage::Text(_) => None,
            other => Some(other.to_cow().into_owned()),
        };
        rendered.unwrap_or_else(|| self.user_message.take().map(Cow::into_owned).unwrap_or_default())
    }

    /// The error captured as an [`ErrorResult`] with this message: owned
    /// copies of every answer, and no source.
    pub(crate) fn into_error(self, message: String) -> ErrorResult {
        ErrorResult::from_inner(Inner {
            name: self.name.to_owned(),
            id: self.id.to_owned(),
            message,
            code: self.code,
            http_status: self.http_status,
            temporary: self.temporary,
            timeout: self.timeout,
            fault: self.fault,
            user_message: self.user_message.map(Cow::into_owned),
            retry_after: self.retry_after,
            service: self.service.map(str::to_owned),
            domain: self.domain.map(str::to_owned),
            docs_url: self.docs_url.map(str::to_owned),
            fields: self.fields.into_owned(),
            violations: self.violations.to_vec(),
            body: self.body,
            spec: self.spec,
            source: None,
        })
    }

    /// The error captured as code that may send or show it gets it: the
    /// wire message as its message, and no source.
    #[cfg_attr(not(feature = "axum"), allow(dead_code, reason = "only axum keeps what it sends"))]
    pub(crate) fn into_wire_safe_error(self) -> ErrorResult {
        let message = self.wire_message().to_cow().into_owned();
        self.into_error(message)
    }
}

impl<'a> From<&'a ErrorResult> for Outgoing<'a> {
    fn from(err: &'a ErrorResult) -> Self {
        let inner = &*err.inner;
        Outgoing {
            name: &inner.name,
            static_name: None,
            id: &inner.id,
            code: inner.code,
            http_status: inner.http_status,
            temporary: inner.temporary,
            timeout: inner.timeout,
            fault: inner.fault,
            user_message: inner.user_message.as_deref().map(Cow::Borrowed),
            display: &inner.message,
            retry_after: inner.retry_after,
            service: inner.service.as_deref(),
            domain: inner.domain.as_deref(),
            docs_url: inner.docs_url.as_deref(),
            fields: Fields::Captured(&inner.fields),
            violations: &inner.violations,
            body: inner.body,
            spec: inner.spec,
        }
    }
}

/// `fields` with one entry per name, as [`ErrorResultBuilder::typed_field`](super::ErrorResultBuilder::typed_field)
/// keeps them: a name given again replaces the value in its first place.
fn one_per_name(mut fields: Vec<(&str, String)>) -> Vec<(&str, String)> {
    if fields.len() < 2 {
        return fields;
    }
    let mut i = 1;
    while i < fields.len() {
        match fields[..i].iter().position(|(name, _)| *name == fields[i].0) {
            Some(first) => {
                let (_, value) = fields.remove(i);
                fields[first].1 = value;
            }
            None => i += 1,
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_given_again_replaces_the_value_in_its_first_place() {
        let fields =
            vec![("a", "1".to_owned()), ("b", "2".to_owned()), ("a", "3".to_owned()), ("a", "4".to_owned())];
        assert_eq!(one_per_name(fields), [("a", "4".to_owned()), ("b", "2".to_owned())]);
    }

    #[test]
    fn the_wire_message_follows_the_rule() {
        let shown = WireMessage::Shown(&"node drains");
        assert_eq!(wire_message(Some("Try later."), true, Some("x7Fq9-Ab"), shown).to_string(), "Try later.");
        assert_eq!(
            wire_message(None, true, Some("x7Fq9-Ab"), shown).to_string(),
            "internal error (id: x7Fq9-Ab)"
        );
        assert_eq!(wire_message(None, true, Some(""), shown).to_string(), "internal error");
        assert_eq!(wire_message(None, true, None, shown).to_string(), "internal error");
        assert_eq!(wire_message(None, false, None, shown).to_string(), "node drains");
    }
}
