//! [`ProblemDetails`]: RFC 9457 `application/problem+json` bodies.

use super::goa::{FieldsOut, insert_field, read_fields};
use super::violations::{self, Form, ViolationsOut};
use super::{fallback_name, status_flags, status_line};
use crate::model::code::Code;
use crate::model::error_result::{ErrorResult, ErrorResultBuilder};
use crate::model::error_result::{Outgoing, WireMessage};
use crate::model::field_violation::FieldViolation;
use crate::model::id::new_id;
use crate::model::service_error::ServiceError;
use crate::percent::{percent_decode, percent_encode};
use http::StatusCode;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

/// An RFC 9457 problem details object, errdsl's alternative HTTP error
/// format (`application/problem+json`):
///
/// ```json
/// {"type":"https://api.example.com/errors/div_by_zero","title":"Div by zero","status":400,
///  "detail":"You can't divide by zero.",
///  "name":"div_by_zero","id":"x7Fq9-Ab","code":"invalid_argument",
///  "temporary":false,"timeout":false,"fault":false,
///  "user_message":"You can't divide by zero.","fields":{"dividend":"7"}}
/// ```
///
/// The standard members, as `ProblemDetails::from(&ErrorResult)`
/// writes them:
///
/// - `type`: the error's documentation base
///   ([`ServiceError::docs_url`], `#[service_error(docs_url = "...")]`)
///   followed by its name, a URI that resolves to the error's docs (RFC 9457
///   §3.1.1; a base that is an absolute path, `/errors/`, is a relative
///   reference, which a client resolves against the request's URL, and
///   [`crate::docs::router`] serves those pages); characters of the name
///   other than ASCII letters, digits and `-._~` are percent-encoded.
///   Without a base, `about:blank`, the type RFC 9457 defines for "no more
///   than the status says" (the `name` member still names the error);
/// - `title`: the name made readable, the same for every occurrence of the
///   error, as RFC 9457 asks: `div_by_zero` gives `Div by zero`; for
///   `about:blank`, the status phrase, as RFC 9457 §4.2.1 asks;
/// - `status`: the HTTP status;
/// - `detail`: the wire message ([`ErrorResult::wire_message`]), never a
///   fault's own text;
/// - `instance` is not written: RFC 9457 makes it optional, and errdsl
///   knows no URI that identifies an occurrence (a made-up URN namespace,
///   errdsl's earlier `urn:errdsl:id:<id>`, is no registered namespace, RFC
///   8141); the occurrence is the `id` extension member, the id the server
///   logged it with. An `instance` a peer sends is kept, and errdsl's
///   earlier one still gives the id.
///
/// Then the extension members, named as in [`GoaBody`](super::GoaBody):
/// `name`, `id`, `code`, `temporary`, `timeout`, `fault`, and `user_message`
/// and `fields` when there are any. Members that are `None` are not written.
///
/// The field violations ([`ErrorResult::field_violations`]), when there
/// are any, are the `errors` array of RFC 9457 §3's example: each entry's
/// `detail` says what is wrong and `pointer` where (a JSON Pointer,
/// `#/items/0/name`), and errdsl adds the same path as the other
/// transports write it (`field`: `items[0].name`) and the `reason`, when
/// there is one. A client reads `field`, else `pointer`.
///
/// Reading follows RFC 9457 rather than `ErrorResult`'s strict contract: the
/// body must be a JSON object, but a member of the wrong type (or a `code`
/// that names no code, a `status` outside 100..=999) is ignored as if it
/// were absent, and so is a `fields` value that is no string, number or
/// boolean. A missing `type`
/// is `about:blank`.
///
/// ```
/// use errdsl::http::ProblemDetails;
/// use errdsl::{Code, ErrorResult, ServiceError};
///
/// let err = ErrorResult::builder("div_by_zero", Code::InvalidArgument)
///     .id("x7Fq9-Ab")
///     .message("cannot divide 7 by zero")
///     .user_message("You can't divide by zero.")
///     .docs_url("https://api.example.com/errors/")
///     .build();
/// let problem = ProblemDetails::from(&err);
/// assert_eq!(problem.problem_type, "https://api.example.com/errors/div_by_zero");
/// assert_eq!(problem.title.as_deref(), Some("Div by zero"));
/// assert_eq!(problem.status, Some(400));
/// assert_eq!(problem.instance, None);
/// assert_eq!(problem.id.as_deref(), Some("x7Fq9-Ab"));
///
/// let json = serde_json::to_value(&problem).unwrap();
/// assert_eq!(json["detail"], "You can't divide by zero.");
/// assert_eq!(json["code"], "invalid_argument");
///
/// // A foreign problem: no errdsl members, a wrong-typed one ignored.
/// let problem: ProblemDetails = serde_json::from_str(
///     r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.",
///         "status":403,"detail":"Your balance is 30, but that costs 50.","temporary":"no"}"#,
/// ).unwrap();
/// assert_eq!(problem.temporary, None);
/// let err = problem.into_error();
/// assert_eq!(err.name(), "http_403");
/// assert_eq!(err.code(), Code::PermissionDenied);
/// assert_eq!(err.message(), "Your balance is 30, but that costs 50.");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemDetails {
    /// `type`: a URI reference that identifies the problem type.
    pub problem_type: String,
    /// `title`: a short summary of the problem type.
    pub title: Option<String>,
    /// `status`: the HTTP status.
    pub status: Option<u16>,
    /// `detail`: an explanation of this occurrence, the wire message.
    pub detail: Option<String>,
    /// `instance`: a URI reference that identifies this occurrence.
    pub instance: Option<String>,
    /// Extension `name`: the wire name of the error.
    pub name: Option<String>,
    /// Extension `id`: the per-instance id.
    pub id: Option<String>,
    /// Extension `code`: the gRPC code, written as its `snake_case` name.
    pub code: Option<Code>,
    /// Extension `temporary`.
    pub temporary: Option<bool>,
    /// Extension `timeout`.
    pub timeout: Option<bool>,
    /// Extension `fault`.
    pub fault: Option<bool>,
    /// Extension `user_message`: the message safe to show an end user.
    pub user_message: Option<String>,
    /// Extension `fields`: the wire fields, in order, each a JSON string,
    /// number or boolean; empty when there are none.
    pub fields: Vec<(String, Value)>,
    /// Extension `errors`: the field violations, in order; empty when there
    /// are none.
    pub field_violations: Vec<FieldViolation>,
}

impl ProblemDetails {
    /// The prefix of the `type` errdsl wrote before types resolved to
    /// documentation ([`ServiceError::docs_url`]); still read, for peers
    /// that send it.
    pub(crate) const TYPE_PREFIX: &'static str = "urn:errdsl:error:";
    /// The prefix of the `instance` URI errdsl wrote before it left
    /// `instance` out (see the type's docs); still read: the error's id
    /// follows it.
    pub(crate) const INSTANCE_PREFIX: &'static str = "urn:errdsl:id:";
    /// RFC 9457's default `type`: no more semantics than the HTTP status.
    pub const ABOUT_BLANK: &'static str = "about:blank";

    /// The error the problem describes.
    ///
    /// - name: `name` unless it is blank, else the name in an errdsl `type` URN, else
    ///   `http_<status>` (`"problem"` without a usable `status`);
    /// - documentation base: what precedes the name at the end of `type`,
    ///   so that the error re-encodes with the same `type`;
    /// - id: `id`, else the id in an errdsl `instance` URN, else a fresh one;
    /// - HTTP status: `status` when it is one, else the code's;
    /// - code: `code`, else from an error `status` (4xx, 5xx) by
    ///   [`Code::from_http_status`], else from the flags as
    ///   [`GoaBody::into_error`](super::GoaBody::into_error) does;
    /// - flags: `temporary`, `timeout`, `fault`; when absent, from the
    ///   status by Google's AIP-194: temporary for 502 and 503 (and for 429
    ///   with a `Retry-After`), a timeout (not temporary) for 408 and 504,
    ///   no fault;
    /// - message: `detail`, else `title`, else the status line
    ///   (`HTTP 503 Service Unavailable`), else the name.
    ///
    /// ```
    /// use errdsl::http::ProblemDetails;
    /// use errdsl::{Code, ServiceError};
    ///
    /// let problem: ProblemDetails = serde_json::from_str(r#"{"status":503}"#).unwrap();
    /// let err = problem.into_error();
    /// assert_eq!(err.name(), "http_503");
    /// assert_eq!(err.code(), Code::Unavailable);
    /// assert!(err.is_temporary());
    /// ```
    #[must_use]
    pub fn into_error(self) -> ErrorResult {
        self.into_builder(None, None, false).build()
    }

    /// The builder of the error, with the status of the response it came
    /// with, if known, the name from its `Goa-Error` header, if any, and
    /// whether it said how long to wait (`Retry-After`).
    pub(super) fn into_builder(
        self,
        status: Option<StatusCode>,
        header_name: Option<&str>,
        retry_after_known: bool,
    ) -> ErrorResultBuilder {
        let status = status.or_else(|| self.status.and_then(|status| StatusCode::from_u16(status).ok()));
        // A blank name says nothing, as in a Goa body, wherever it is read.
        let given = |name: &String| !name.trim().is_empty();
        let name = self
            .name
            .filter(given)
            .or_else(|| header_name.map(str::to_owned).filter(given))
            .or_else(|| {
                self.problem_type.strip_prefix(Self::TYPE_PREFIX).and_then(percent_decode).filter(given)
            })
            .unwrap_or_else(|| status.map_or_else(|| "problem".to_owned(), fallback_name));
        let id = self
            .id
            .or_else(|| {
                self.instance
                    .as_deref()
                    .and_then(|i| i.strip_prefix(Self::INSTANCE_PREFIX))
                    .and_then(percent_decode)
            })
            .unwrap_or_else(new_id);
        let (default_temporary, default_timeout) =
            status.map_or((false, false), |status| status_flags(status, retry_after_known));
        let temporary = self.temporary.unwrap_or(default_temporary);
        let timeout = self.timeout.unwrap_or(default_timeout);
        let fault = self.fault.unwrap_or(false);
        let code = self.code.unwrap_or_else(|| match status {
            Some(status) if status.is_client_error() || status.is_server_error() => {
                Code::from_http_status(status)
            }
            _ => Code::from_flags(timeout, fault, temporary),
        });
        let message =
            self.detail.or(self.title).unwrap_or_else(|| status.map_or_else(|| name.clone(), status_line));
        let docs_url = docs_base(&self.problem_type, &name).map(str::to_owned);
        let mut builder = ErrorResult::builder(name, code)
            .id(id)
            .message(message)
            .temporary(temporary)
            .timeout(timeout)
            .fault(fault);
        if let Some(status) = status {
            builder = builder.http_status(status);
        }
        if let Some(message) = self.user_message {
            builder = builder.user_message(message);
        }
        if let Some(base) = docs_url {
            builder = builder.docs_url(base);
        }
        read_fields(builder, self.fields).field_violations(self.field_violations)
    }

    /// The problem of a JSON object's members (but `fields`, read in order
    /// beforehand), ignoring those of the wrong type.
    fn from_members(object: &Map<String, Value>, fields: Vec<(String, Value)>) -> Self {
        let field_violations =
            object.get(violations::PROBLEM_MEMBER).map(violations::read).unwrap_or_default();
        let string = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
        let flag = |key: &str| object.get(key).and_then(Value::as_bool);
        ProblemDetails {
            problem_type: string("type").unwrap_or_else(|| Self::ABOUT_BLANK.to_owned()),
            title: string("title"),
            status: object
                .get("status")
                .and_then(Value::as_u64)
                .and_then(|status| u16::try_from(status).ok())
                .filter(|status| (100..=999).contains(status)),
            detail: string("detail"),
            instance: string("instance"),
            name: string("name"),
            id: string("id"),
            code: object.get("code").and_then(Value::as_str).and_then(|code| code.parse().ok()),
            temporary: flag("temporary"),
            timeout: flag("timeout"),
            fault: flag("fault"),
            user_message: string("user_message"),
            fields,
            field_violations,
        }
    }
}

/// The problem details of `err`, every member set (`user_message` and
/// `fields` when it has them).
impl From<&ErrorResult> for ProblemDetails {
    fn from(err: &ErrorResult) -> Self {
        ProblemOut::of(&err.outgoing(), err.http_status()).into_owned()
    }
}

/// `type`: the error's documentation URL, its docs base and its name;
/// `about:blank` without one.
fn problem_type(docs_url: Option<&str>, name: &str) -> Cow<'static, str> {
    match docs_url {
        Some(base) => Cow::Owned(format!("{base}{}", percent_encode(name))),
        None => Cow::Borrowed(ProblemDetails::ABOUT_BLANK),
    }
}

/// `title`: the readable name of a documented error, else the status's
/// reason phrase (RFC 9457: `about:blank` problems have it as title).
fn title(docs_url: Option<&str>, name: &str, status: StatusCode) -> Cow<'static, str> {
    match docs_url {
        Some(_) => Cow::Owned(title_of(name)),
        None => Cow::Borrowed(status.canonical_reason().unwrap_or("Error")),
    }
}

impl From<ProblemDetails> for ErrorResult {
    fn from(problem: ProblemDetails) -> Self {
        problem.into_error()
    }
}

impl Serialize for ProblemDetails {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ProblemOut {
            problem_type: Cow::Borrowed(&self.problem_type),
            title: self.title.as_deref().map(Cow::Borrowed),
            status: self.status,
            detail: self.detail.as_deref().map(WireMessage::Text),
            instance: self.instance.as_deref(),
            name: self.name.as_deref(),
            id: self.id.as_deref(),
            code: self.code,
            temporary: self.temporary,
            timeout: self.timeout,
            fault: self.fault,
            user_message: self.user_message.as_deref(),
            fields: FieldsOut::Json(&self.fields),
            field_violations: &self.field_violations,
        }
        .serialize(serializer)
    }
}

/// Writes the problem details of `err`, sent with `status`, straight from
/// it: what `ProblemDetails::from(&ErrorResult)` would write.
pub(crate) fn serialize_error<S: Serializer>(
    err: &Outgoing<'_>,
    status: StatusCode,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    ProblemOut::of(err, status).serialize(serializer)
}

/// The problem details as written, borrowed from a [`ProblemDetails`] or
/// from an error on its way out.
struct ProblemOut<'a> {
    problem_type: Cow<'a, str>,
    title: Option<Cow<'a, str>>,
    status: Option<u16>,
    detail: Option<WireMessage<'a>>,
    instance: Option<&'a str>,
    name: Option<&'a str>,
    id: Option<&'a str>,
    code: Option<Code>,
    temporary: Option<bool>,
    timeout: Option<bool>,
    fault: Option<bool>,
    user_message: Option<&'a str>,
    fields: FieldsOut<'a>,
    field_violations: &'a [FieldViolation],
}

impl<'a> ProblemOut<'a> {
    /// The problem details of `err`, sent with `status`: every member set
    /// (`user_message` and `fields` when it has them).
    fn of(err: &'a Outgoing<'a>, status: StatusCode) -> Self {
        ProblemOut {
            problem_type: problem_type(err.docs_url.as_deref(), &err.name),
            title: Some(title(err.docs_url.as_deref(), &err.name, err.http_status)),
            status: Some(status.as_u16()),
            detail: Some(err.wire_message()),
            instance: None,
            name: Some(&err.name),
            id: Some(&err.id),
            code: Some(err.code),
            temporary: Some(err.temporary),
            timeout: Some(err.timeout),
            fault: Some(err.fault),
            user_message: err.user_message.as_deref(),
            fields: FieldsOut::Outgoing(&err.fields),
            field_violations: &err.violations,
        }
    }

    /// The same members, owned.
    fn into_owned(self) -> ProblemDetails {
        ProblemDetails {
            problem_type: self.problem_type.into_owned(),
            title: self.title.map(Cow::into_owned),
            status: self.status,
            detail: self.detail.map(|detail| detail.to_cow().into_owned()),
            instance: self.instance.map(str::to_owned),
            name: self.name.map(str::to_owned),
            id: self.id.map(str::to_owned),
            code: self.code,
            temporary: self.temporary,
            timeout: self.timeout,
            fault: self.fault,
            user_message: self.user_message.map(str::to_owned),
            fields: self.fields.to_json(),
            field_violations: self.field_violations.to_vec(),
        }
    }
}

impl Serialize for ProblemOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let set = [
            self.title.is_some(),
            self.status.is_some(),
            self.detail.is_some(),
            self.instance.is_some(),
            self.name.is_some(),
            self.id.is_some(),
            self.code.is_some(),
            self.temporary.is_some(),
            self.timeout.is_some(),
            self.fault.is_some(),
            self.user_message.is_some(),
            !self.fields.is_empty(),
            !self.field_violations.is_empty(),
        ];
        let len = 1 + set.iter().filter(|set| **set).count();
        let mut out = serializer.serialize_struct("ProblemDetails", len)?;
        out.serialize_field("type", &self.problem_type)?;
        optional(&mut out, "title", self.title.as_ref())?;
        optional(&mut out, "status", self.status.as_ref())?;
        optional(&mut out, "detail", self.detail.as_ref())?;
        optional(&mut out, "instance", self.instance.as_ref())?;
        optional(&mut out, "name", self.name.as_ref())?;
        optional(&mut out, "id", self.id.as_ref())?;
        optional(&mut out, "code", self.code.map(Code::as_str).as_ref())?;
        optional(&mut out, "temporary", self.temporary.as_ref())?;
        optional(&mut out, "timeout", self.timeout.as_ref())?;
        optional(&mut out, "fault", self.fault.as_ref())?;
        optional(&mut out, "user_message", self.user_message.as_ref())?;
        let fields = (!self.fields.is_empty()).then_some(self.fields);
        optional(&mut out, "fields", fields.as_ref())?;
        let listed = (!self.field_violations.is_empty())
            .then_some(ViolationsOut(self.field_violations, Form::Problem));
        optional(&mut out, violations::PROBLEM_MEMBER, listed.as_ref())?;
        out.end()
    }
}

/// Writes the member when it is set, skips it otherwise.
fn optional<S: SerializeStruct, T: Serialize + ?Sized>(
    out: &mut S,
    key: &'static str,
    value: Option<&T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => out.serialize_field(key, value),
        None => out.skip_field(key),
    }
}

/// Reads a JSON object; members of the wrong type are ignored (RFC 9457,
/// section 3.1). Anything but an object is an error.
impl<'de> Deserialize<'de> for ProblemDetails {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ProblemVisitor)
    }
}

/// Collects the members, `fields` in the order the body has them (a
/// `serde_json::Map` sorts its keys).
struct ProblemVisitor;

impl<'de> Visitor<'de> for ProblemVisitor {
    type Value = ProblemDetails;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ProblemDetails, A::Error> {
        let mut members = Map::new();
        let mut fields = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "fields" => fields = map.next_value::<ScalarMembers>()?.0,
                "type"
                | "title"
                | "status"
                | "detail"
                | "instance"
                | "name"
                | "id"
                | "code"
                | "temporary"
                | "timeout"
                | "fault"
                | "user_message"
                | violations::PROBLEM_MEMBER => {
                    let value: Value = map.next_value()?;
                    members.insert(key, value);
                }
                // Other extension members are not errdsl's.
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(ProblemDetails::from_members(&members, fields))
    }
}

/// An object read leniently (`fields`, a custom-type body): its string,
/// number and boolean members, in order; nothing from anything else.
pub(super) struct ScalarMembers(pub(super) Vec<(String, Value)>);

impl<'de> Deserialize<'de> for ScalarMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarMembersVisitor)
    }
}

struct ScalarMembersVisitor;

impl<'de> Visitor<'de> for ScalarMembersVisitor {
    type Value = ScalarMembers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScalarMembers, A::Error> {
        let mut fields = Vec::new();
        while let Some((name, Scalar(value))) = map.next_entry::<String, Scalar>()? {
            if let Some(value) = value {
                insert_field(&mut fields, name, value);
            }
        }
        Ok(ScalarMembers(fields))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ScalarMembers, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(ScalarMembers(Vec::new()))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<ScalarMembers, E> {
        Ok(ScalarMembers(Vec::new()))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<ScalarMembers, E> {
        Ok(ScalarMembers(Vec::new()))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<ScalarMembers, E> {
        Ok(ScalarMembers(Vec::new()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<ScalarMembers, E> {
        Ok(ScalarMembers(Vec::new()))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<ScalarMembers, E> {
        Ok(ScalarMembers(Vec::new()))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<ScalarMembers, E> {
        Ok(ScalarMembers(Vec::new()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<ScalarMembers, E> {
        Ok(ScalarMembers(Vec::new()))
    }

    fn visit_none<E: de::Error>(self) -> Result<ScalarMembers, E> {
        Ok(ScalarMembers(Vec::new()))
    }
}

/// A member's value if it is a string, number or boolean; `None` for
/// anything else, which is skipped without building it (however deep).
pub(super) struct Scalar(pub(super) Option<Value>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Scalar, E> {
        Ok(Scalar(Some(Value::Bool(value))))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Scalar, E> {
        Ok(Scalar(Some(Value::from(value))))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Scalar, E> {
        Ok(Scalar(Some(Value::from(value))))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Scalar, E> {
        Ok(Scalar(serde_json::Number::from_f64(value).map(Value::Number)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Scalar, E> {
        Ok(Scalar(Some(Value::from(value))))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar(None))
    }
}

/// The documentation base of a problem `type` that ends with `/` and the
/// (percent-encoded) `name`: what precedes the name, unless that is
/// errdsl's old URN prefix, which is no documentation.
fn docs_base<'a>(problem_type: &'a str, name: &str) -> Option<&'a str> {
    let base = problem_type.strip_suffix(percent_encode(name).as_str())?;
    (base.ends_with('/') && base != ProblemDetails::TYPE_PREFIX).then_some(base)
}

/// `div_by_zero` -> `Div by zero`: underscores become spaces, the first
/// letter is upper-cased; an empty name gives `Error`.
fn title_of(name: &str) -> String {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return "Error".to_owned();
    };
    let mut title: String = first.to_uppercase().collect();
    title.extend(chars.map(|c| if c == '_' { ' ' } else { c }));
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> ErrorResult {
        ErrorResult::builder("div_by_zero", Code::InvalidArgument)
            .id("x7Fq9-Ab")
            .message("cannot divide 7 by zero")
            .user_message("You can't divide by zero.")
            .field("dividend", "7")
            .docs_url("https://api.example.com/errors/")
            .build()
    }

    #[test]
    fn writes_standard_members_then_extensions_in_order() {
        let text = serde_json::to_string(&ProblemDetails::from(&sample())).unwrap();
        assert_eq!(
            text,
            concat!(
                r#"{"type":"https://api.example.com/errors/div_by_zero","title":"Div by zero","status":400,"#,
                r#""detail":"You can't divide by zero.","#,
                r#""name":"div_by_zero","id":"x7Fq9-Ab","code":"invalid_argument","#,
                r#""temporary":false,"timeout":false,"fault":false,"#,
                r#""user_message":"You can't divide by zero.","fields":{"dividend":"7"}}"#
            )
        );
    }

    #[test]
    fn without_a_docs_url_the_type_is_about_blank_titled_by_the_status() {
        let err = ErrorResult::builder("div_by_zero", Code::InvalidArgument).build();
        let problem = ProblemDetails::from(&err);
        assert_eq!(problem.problem_type, "about:blank");
        assert_eq!(problem.title.as_deref(), Some("Bad Request"));
        assert_eq!(problem.name.as_deref(), Some("div_by_zero"));
        assert_eq!(problem.into_error().docs_url(), None);
    }

    #[test]
    fn a_decoded_type_encodes_again_the_same() {
        for base in ["https://api.example.com/errors/", "/errors/"] {
            let err = ErrorResult::builder("ünï code", Code::Aborted).docs_url(base).build();
            let problem = ProblemDetails::from(&err);
            let back = problem.clone().into_error();
            assert_eq!(back.docs_url(), Some(base));
            assert_eq!(ProblemDetails::from(&back).problem_type, problem.problem_type);
        }
        // A type that does not end with the name, or errdsl's old URN, is no base.
        let foreign: ProblemDetails =
            serde_json::from_str(r#"{"type":"https://example.com/probs/out-of-credit","name":"credit"}"#)
                .unwrap();
        assert_eq!(foreign.into_error().docs_url(), None);
        let old: ProblemDetails =
            serde_json::from_str(r#"{"type":"urn:errdsl:error:x","name":"x"}"#).unwrap();
        assert_eq!(old.into_error().docs_url(), None);
    }

    #[test]
    fn unset_members_are_not_written() {
        let problem: ProblemDetails = serde_json::from_str("{}").unwrap();
        assert_eq!(problem.problem_type, "about:blank");
        assert_eq!(serde_json::to_string(&problem).unwrap(), r#"{"type":"about:blank"}"#);
    }

    #[test]
    fn fault_detail_is_the_generic_message() {
        let err = ErrorResult::builder("db_down", Code::Internal)
            .message("password rejected for admin")
            .fault(true)
            .id("abcdEFGH")
            .build();
        let problem = ProblemDetails::from(&err);
        assert_eq!(problem.detail.as_deref(), Some("internal error (id: abcdEFGH)"));
        assert!(!serde_json::to_string(&problem).unwrap().contains("password"));
    }

    #[test]
    fn names_and_ids_are_percent_encoded_in_uris() {
        let err = ErrorResult::builder("ünï code/x y%", Code::Aborted).id("a b").docs_url("/errors/").build();
        let problem = ProblemDetails::from(&err);
        assert_eq!(problem.problem_type, "/errors/%C3%BCn%C3%AF%20code%2Fx%20y%25");
        assert_eq!(problem.instance, None);
        // Without the extension members, errdsl's earlier URNs give name
        // and id back.
        let problem = ProblemDetails {
            name: None,
            id: None,
            instance: Some("urn:errdsl:id:a%20b".to_owned()),
            problem_type: "urn:errdsl:error:%C3%BCn%C3%AF%20code%2Fx%20y%25".to_owned(),
            ..problem
        };
        let back = problem.into_error();
        assert_eq!(back.name(), "ünï code/x y%");
        assert_eq!(back.id(), "a b");
    }

    #[test]
    fn titles() {
        assert_eq!(title_of("div_by_zero"), "Div by zero");
        assert_eq!(title_of("x"), "X");
        assert_eq!(title_of("ärger_x"), "Ärger x");
        assert_eq!(title_of(""), "Error");
    }

    #[test]
    fn wrong_types_are_ignored() {
        let problem = ProblemDetails::deserialize(json!({
            "type": 5, "title": ["t"], "status": "400", "detail": null, "instance": {},
            "name": 1, "id": true, "code": "nope", "temporary": "yes", "timeout": 0, "fault": null,
            "user_message": 7, "fields": {"a": 1, "b": "2", "c": null, "d": [1]}, "errors": {"a": 1},
        }))
        .unwrap();
        assert_eq!(
            problem,
            ProblemDetails {
                problem_type: "about:blank".into(),
                title: None,
                status: None,
                detail: None,
                instance: None,
                name: None,
                id: None,
                code: None,
                temporary: None,
                timeout: None,
                fault: None,
                user_message: None,
                fields: vec![("a".into(), json!(1)), ("b".into(), json!("2"))],
                field_violations: Vec::new(),
            }
        );
        let fields = |text: &str| serde_json::from_str::<ProblemDetails>(text).unwrap().fields;
        for text in [
            r#"{"fields":null}"#,
            r#"{"fields":[1,[2],{}]}"#,
            r#"{"fields":"a"}"#,
            r#"{"fields":1.5}"#,
            r#"{"fields":-1}"#,
            r#"{"fields":true}"#,
        ] {
            assert_eq!(fields(text), [], "{text}");
        }
        assert_eq!(
            fields(r#"{"fields":{"z":"1","a":[2],"m":"3","z":"4"}}"#),
            [("z".to_owned(), json!("4")), ("m".to_owned(), json!("3"))]
        );
        for status in [json!(99), json!(1000), json!(-1), json!(400.5), json!(70000)] {
            assert_eq!(ProblemDetails::deserialize(json!({"status": status})).unwrap().status, None);
        }
    }

    #[test]
    fn non_objects_are_errors() {
        for text in ["null", "[]", "1", "\"x\"", "true", "", "{", "{\"type\":}", r#"{"fields":{"a":}}"#] {
            assert!(serde_json::from_str::<ProblemDetails>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn round_trips_through_json() {
        let err = sample();
        let text = serde_json::to_string(&ProblemDetails::from(&err)).unwrap();
        let back = serde_json::from_str::<ProblemDetails>(&text).unwrap().into_error();
        assert_eq!(back.name(), err.name());
        assert_eq!(back.id(), err.id());
        assert_eq!(back.message(), err.wire_message());
        assert_eq!(back.code(), err.code());
        assert_eq!(back.http_status(), err.http_status());
        assert_eq!(back.user_message(), err.user_message());
        assert!(back.fields().eq(err.fields()));
        assert_eq!(ProblemDetails::from(&back), ProblemDetails::from(&err));
    }

    /// A blank name, in any member it is read from, says nothing: the
    /// status's fallback name stands, as for a Goa body.
    #[test]
    fn a_blank_legacy_type_names_no_error() {
        let problem: ProblemDetails =
            serde_json::from_str(r#"{"type":"urn:errdsl:error:","status":503,"title":"X"}"#).unwrap();
        let err = problem.into_builder(Some(StatusCode::SERVICE_UNAVAILABLE), Some(" "), false).build();
        assert_eq!(err.name(), "http_503");
    }

    #[test]
    fn defaults_of_foreign_problems() {
        let err = ProblemDetails::deserialize(json!({"status": 504, "title": "Gateway Timeout"}))
            .unwrap()
            .into_error();
        assert_eq!(err.name(), "http_504");
        assert_eq!(err.message(), "Gateway Timeout");
        assert_eq!(err.code(), Code::DeadlineExceeded);
        assert!(!err.is_temporary() && err.is_timeout() && !err.is_fault());
        assert_eq!(err.id().len(), 8);

        let err = ErrorResult::from(ProblemDetails::deserialize(json!({})).unwrap());
        assert_eq!(err.name(), "problem");
        assert_eq!(err.message(), "problem");
        assert_eq!(err.code(), Code::Unknown);

        // Flags decide the code when there is no error status.
        let err = ProblemDetails::deserialize(json!({"status": 200, "fault": true})).unwrap().into_error();
        assert_eq!(err.code(), Code::Internal);
        assert_eq!(err.http_status(), StatusCode::OK);

        // Foreign type URIs do not name the error.
        let err = ProblemDetails::deserialize(json!({"type": "https://example.com/probs/x", "status": 409}))
            .unwrap()
            .into_error();
        assert_eq!(err.name(), "http_409");
        assert_eq!(err.code(), Code::AlreadyExists);
    }
}
