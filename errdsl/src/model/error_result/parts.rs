//! [`ErrorParts`]: everything an error says, in one struct, borrowed or
//! owned. [`Outgoing`] is the view the encoders write, borrowed from a
//! declared error on its way out (nothing is copied first) or from an
//! [`ErrorResult`]; an `ErrorResult` keeps the same parts, owned, and its
//! builder fills them.

#![cfg_attr(
    not(any(feature = "serde", feature = "tonic")),
    allow(dead_code, reason = "the transports read it: HTTP needs `serde`, gRPC `tonic`")
)]

use super::{ErrorResult, Field};
use crate::model::code::Code;
use crate::model::field_violation::FieldViolation;
use crate::model::service_error::{ErrorSpec, ServiceError};
use crate::model::wire_field::{BodyShape, JsonType};
use http::StatusCode;
use std::borrow::Cow;
use std::fmt;
use std::panic::Location;
use std::time::Duration;

/// Everything an error says: the answers of its [`ServiceError`] methods,
/// its id and its internal message.
///
/// The one list of an error's members. `Message` is how the internal
/// message is held: `&dyn Display` in the encoders' view ([`Outgoing`]),
/// rendered only when it is what is sent; `String` in an [`ErrorResult`];
/// `Option<String>` in its builder, until the default is decided.
#[derive(Clone, Debug)]
pub(crate) struct ErrorParts<'a, Message = &'a dyn fmt::Display> {
    pub(crate) name: Cow<'a, str>,
    /// `name`, when it is the `'static` name of the error's declaration:
    /// headers then borrow it instead of copying it.
    #[cfg_attr(not(feature = "serde"), allow(dead_code, reason = "only HTTP has headers"))]
    pub(crate) static_name: Option<&'static str>,
    pub(crate) id: Cow<'a, str>,
    pub(crate) code: Code,
    pub(crate) http_status: StatusCode,
    pub(crate) temporary: bool,
    pub(crate) timeout: bool,
    pub(crate) fault: bool,
    pub(crate) user_message: Option<Cow<'a, str>>,
    /// The internal message, the `Display` text.
    pub(crate) message: Message,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) service: Option<Cow<'a, str>>,
    pub(crate) domain: Option<Cow<'a, str>>,
    pub(crate) docs_url: Option<Cow<'a, str>>,
    pub(crate) fields: Fields<'a>,
    pub(crate) violations: Cow<'a, [FieldViolation]>,
    pub(crate) body: BodyShape,
    /// The error's declaration, when it is a declared error or the capture
    /// of one: what a transport needs beyond the answers (a Goa custom
    /// type's gRPC message and its fields' protobuf types) to send it again
    /// as it was first sent.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code, reason = "only gRPC's custom messages ask"))]
    pub(crate) spec: Option<&'static ErrorSpec>,
    /// Where the error was made, if it records it: for the log, never sent.
    pub(crate) location: Option<&'static Location<'static>>,
}

/// An error as the encoders write it, borrowed from the error it describes.
pub(crate) type Outgoing<'a> = ErrorParts<'a, &'a dyn fmt::Display>;

/// The wire fields of an error, as its source holds them.
#[derive(Clone, Debug)]
pub(crate) enum Fields<'a> {
    /// A service error's [`wire_fields`](ServiceError::wire_fields), one per
    /// name, with the declaration that gives their JSON types: they are
    /// written as they are, with no copy of the names.
    Declared(Vec<(&'a str, String)>, Option<&'static ErrorSpec>),
    /// An `ErrorResult`'s, or a view of them.
    Kept(Cow<'a, [Field]>),
}

impl<'a> Fields<'a> {
    /// Each field's name, value and JSON type, in order.
    pub(crate) fn iter(&self) -> FieldsIter<'_> {
        match self {
            Fields::Declared(fields, spec) => FieldsIter::Declared(fields.iter(), *spec),
            Fields::Kept(fields) => FieldsIter::Kept(fields.iter()),
        }
    }

    /// Each field's name and value, the values moved out where they are
    /// owned: for writers that need owned text and no JSON type.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code, reason = "gRPC metadata is the only such writer"))]
    pub(crate) fn into_texts(self) -> impl Iterator<Item = (Cow<'a, str>, Cow<'a, str>)> {
        let (declared, borrowed, owned) = match self {
            Fields::Declared(fields, _) => (fields, &[][..], Vec::new()),
            Fields::Kept(Cow::Borrowed(fields)) => (Vec::new(), fields, Vec::new()),
            Fields::Kept(Cow::Owned(fields)) => (Vec::new(), &[][..], fields),
        };
        let declared = declared.into_iter().map(|(name, value)| (Cow::Borrowed(name), Cow::Owned(value)));
        let borrowed = borrowed
            .iter()
            .map(|field| (Cow::Borrowed(field.name.as_str()), Cow::Borrowed(field.value.as_str())));
        let owned = owned.into_iter().map(|field| (Cow::Owned(field.name), Cow::Owned(field.value)));
        declared.chain(borrowed).chain(owned)
    }

    /// The text of the field `name`, if there is one.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code, reason = "only gRPC's custom messages ask"))]
    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        self.iter().find(|(field, _, _)| *field == name).map(|(_, value, _)| value)
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Fields::Declared(fields, _) => fields.len(),
            Fields::Kept(fields) => fields.len(),
        }
    }

    #[cfg_attr(not(feature = "serde"), allow(dead_code, reason = "the JSON bodies skip empty fields"))]
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The fields as a view borrowed from these.
    fn view(&self) -> Fields<'_> {
        match self {
            Fields::Declared(fields, spec) => {
                Fields::Declared(fields.iter().map(|(name, value)| (*name, value.clone())).collect(), *spec)
            }
            Fields::Kept(fields) => Fields::Kept(Cow::Borrowed(fields)),
        }
    }

    /// The fields, owned; declared values are moved, not copied.
    fn into_owned(self) -> Fields<'static> {
        Fields::Kept(Cow::Owned(self.into_vec()))
    }

    /// The fields as a list to change; declared values are moved, not
    /// copied.
    pub(crate) fn to_mut(&mut self) -> &mut Vec<Field> {
        if let Fields::Declared(..) = self {
            let declared = std::mem::replace(self, Fields::Kept(Cow::Owned(Vec::new())));
            *self = Fields::Kept(Cow::Owned(declared.into_vec()));
        }
        match self {
            Fields::Kept(fields) => fields.to_mut(),
            Fields::Declared(..) => unreachable!("made kept above"),
        }
    }

    fn into_vec(self) -> Vec<Field> {
        match self {
            Fields::Declared(fields, spec) => fields
                .into_iter()
                .map(|(name, value)| Field { json_type: json_type(spec, name), name: name.to_owned(), value })
                .collect(),
            Fields::Kept(fields) => fields.into_owned(),
        }
    }
}

/// The iterator of [`Fields::iter`]: each field's name, value and JSON type.
pub(crate) enum FieldsIter<'f> {
    Declared(std::slice::Iter<'f, (&'f str, String)>, Option<&'static ErrorSpec>),
    Kept(std::slice::Iter<'f, Field>),
}

impl<'f> Iterator for FieldsIter<'f> {
    type Item = (&'f str, &'f str, JsonType);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            FieldsIter::Declared(fields, spec) => {
                fields.next().map(|(name, value)| (*name, value.as_str(), json_type(*spec, name)))
            }
            FieldsIter::Kept(fields) => {
                fields.next().map(|field| (field.name.as_str(), field.value.as_str(), field.json_type))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            FieldsIter::Declared(fields, _) => fields.size_hint(),
            FieldsIter::Kept(fields) => fields.size_hint(),
        }
    }
}

impl ExactSizeIterator for FieldsIter<'_> {}

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
        ErrorParts {
            name: Cow::Borrowed(name),
            static_name: spec.map(|spec| spec.name).filter(|static_name| *static_name == name),
            id: Cow::Borrowed(id),
            code: err.code(),
            http_status: err.http_status(),
            temporary: err.is_temporary(),
            timeout: err.is_timeout(),
            fault: err.is_fault(),
            user_message: err.user_message(),
            message: err,
            retry_after: err.retry_after(),
            service: err.service().map(Cow::Borrowed),
            domain: err.domain().map(Cow::Borrowed),
            docs_url: err.docs_url().map(Cow::Borrowed),
            fields: Fields::Declared(one_per_name(err.wire_fields()), spec),
            violations: Cow::Borrowed(err.field_violations()),
            body: spec.map_or(BodyShape::ErrorResult, |spec| spec.body),
            spec,
            location: err.location(),
        }
    }

    /// The message sent on the wire ([`ErrorResult::wire_message`]).
    pub(crate) fn wire_message(&self) -> WireMessage<'_> {
        wire_message(
            self.user_message.as_deref(),
            self.fault,
            Some(&self.id),
            WireMessage::Shown(self.message),
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
        ErrorResult::from_parts(self.into_owned(message))
    }

    /// The error captured as code that may send or show it gets it: the
    /// wire message as its message, and no source.
    #[cfg_attr(not(feature = "axum"), allow(dead_code, reason = "only axum keeps what it sends"))]
    pub(crate) fn into_wire_safe_error(self) -> ErrorResult {
        let message = self.wire_message().to_cow().into_owned();
        self.into_error(message)
    }
}

impl<Message: fmt::Display> ErrorParts<'_, Message> {
    /// The parts as the encoders read them, borrowed from these.
    pub(crate) fn view(&self) -> Outgoing<'_> {
        ErrorParts {
            name: Cow::Borrowed(&self.name),
            static_name: self.static_name,
            id: Cow::Borrowed(&self.id),
            code: self.code,
            http_status: self.http_status,
            temporary: self.temporary,
            timeout: self.timeout,
            fault: self.fault,
            user_message: self.user_message.as_deref().map(Cow::Borrowed),
            message: &self.message,
            retry_after: self.retry_after,
            service: self.service.as_deref().map(Cow::Borrowed),
            domain: self.domain.as_deref().map(Cow::Borrowed),
            docs_url: self.docs_url.as_deref().map(Cow::Borrowed),
            fields: self.fields.view(),
            violations: Cow::Borrowed(&self.violations),
            body: self.body,
            spec: self.spec,
            location: self.location,
        }
    }
}

impl<Message> ErrorParts<'_, Message> {
    /// The parts, owned, with `message` for the message: what was borrowed
    /// is copied, what was owned is moved.
    pub(crate) fn into_owned<Owned>(self, message: Owned) -> ErrorParts<'static, Owned> {
        ErrorParts {
            name: Cow::Owned(self.name.into_owned()),
            static_name: self.static_name,
            id: Cow::Owned(self.id.into_owned()),
            code: self.code,
            http_status: self.http_status,
            temporary: self.temporary,
            timeout: self.timeout,
            fault: self.fault,
            user_message: self.user_message.map(|text| Cow::Owned(text.into_owned())),
            message,
            retry_after: self.retry_after,
            service: self.service.map(|text| Cow::Owned(text.into_owned())),
            domain: self.domain.map(|text| Cow::Owned(text.into_owned())),
            docs_url: self.docs_url.map(|text| Cow::Owned(text.into_owned())),
            fields: self.fields.into_owned(),
            violations: Cow::Owned(self.violations.into_owned()),
            body: self.body,
            spec: self.spec,
            location: self.location,
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
