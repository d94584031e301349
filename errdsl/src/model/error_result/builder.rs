//! [`ErrorResultBuilder`]: fluent construction of an [`ErrorResult`].

use super::{BoxError, ErrorParts, ErrorResult, Field};
use crate::model::code::Code;
use crate::model::field_violation::FieldViolation;
use crate::model::id::new_id;
use crate::model::wire_field::{BodyShape, JsonType};
use http::StatusCode;
use std::borrow::Cow;
use std::time::Duration;

/// Builds an [`ErrorResult`]; made by [`ErrorResult::builder`].
///
/// Every setter replaces the value set before. What is not set gets the
/// defaults [`ErrorResult::builder`] lists, decided in
/// [`build`](ErrorResultBuilder::build): the HTTP status follows the last
/// code set, unless a status was set explicitly.
///
/// ```
/// use std::time::Duration;
/// use errdsl::{Code, ErrorResult, ServiceError};
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable)
///     .message("divider is in maintenance")
///     .temporary(true)
///     .retry_after(Duration::from_secs(30))
///     .service("divider")
///     .build();
/// assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
/// assert_eq!(err.service(), Some("divider"));
/// ```
#[derive(Debug)]
#[must_use = "a builder does nothing until .build() is called"]
pub struct ErrorResultBuilder {
    /// What is set; the message, id and HTTP status are decided in
    /// [`build`](ErrorResultBuilder::build) when they are not.
    parts: ErrorParts<'static, Option<String>>,
    id: Option<String>,
    http_status: Option<StatusCode>,
    source: Option<BoxError>,
}

impl ErrorResultBuilder {
    pub(super) fn new(name: String, code: Code) -> Self {
        ErrorResultBuilder {
            parts: ErrorParts {
                name: Cow::Owned(name),
                static_name: None,
                // Replaced in `build`.
                id: Cow::Borrowed(""),
                code,
                // Replaced in `build`.
                http_status: StatusCode::INTERNAL_SERVER_ERROR,
                temporary: false,
                timeout: false,
                fault: false,
                user_message: None,
                message: None,
                retry_after: None,
                service: None,
                domain: None,
                docs_url: None,
                fields: super::parts::Fields::Kept(Cow::Owned(Vec::new())),
                violations: Cow::Owned(Vec::new()),
                body: BodyShape::ErrorResult,
                spec: None,
                location: None,
            },
            id: None,
            http_status: None,
            source: None,
        }
    }

    /// The stable wire name, e.g. `"div_by_zero"`.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.parts.name = Cow::Owned(name.into());
        self
    }

    /// The gRPC code; also the HTTP status's, unless one is set.
    pub fn code(mut self, code: Code) -> Self {
        self.parts.code = code;
        self
    }

    /// The id, e.g. the one a peer sent; a fresh one by default.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The internal message, the `Display` text; the name by default.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.parts.message = Some(message.into());
        self
    }

    /// The HTTP status; the code's ([`Code::http_status`]) by default.
    pub fn http_status(mut self, status: StatusCode) -> Self {
        self.http_status = Some(status);
        self
    }

    /// Whether the same request may succeed if sent again as it is.
    pub fn temporary(mut self, temporary: bool) -> Self {
        self.parts.temporary = temporary;
        self
    }

    /// Whether the error is a timeout.
    pub fn timeout(mut self, timeout: bool) -> Self {
        self.parts.timeout = timeout;
        self
    }

    /// Whether the error is a server-side fault, whose message never leaves
    /// the process (see [`ErrorResult::wire_message`]).
    pub fn fault(mut self, fault: bool) -> Self {
        self.parts.fault = fault;
        self
    }

    /// A message safe to show an end user.
    pub fn user_message(mut self, message: impl Into<String>) -> Self {
        self.parts.user_message = Some(Cow::Owned(message.into()));
        self
    }

    /// How long a client should wait before it retries.
    pub fn retry_after(mut self, after: Duration) -> Self {
        self.parts.retry_after = Some(after);
        self
    }

    /// The service the error belongs to (Goa's service name).
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.parts.service = Some(Cow::Owned(service.into()));
        self
    }

    /// The domain of the error's wire name, e.g. `divider.example.com`
    /// ([`ServiceError::domain`](crate::ServiceError::domain)).
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.parts.domain = Some(Cow::Owned(domain.into()));
        self
    }

    /// The base of the error's documentation URL, which its name completes
    /// ([`ServiceError::docs_url`](crate::ServiceError::docs_url)).
    pub fn docs_url(mut self, docs_url: impl Into<String>) -> Self {
        self.parts.docs_url = Some(Cow::Owned(docs_url.into()));
        self
    }

    /// A field that travels with the error ([`ServiceError::wire_fields`](crate::ServiceError::wire_fields)),
    /// written as a JSON string; a field of the same name set before is
    /// replaced.
    pub fn field(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.typed_field(name, value, JsonType::String)
    }

    /// A field that travels with the error, written as JSON of this type
    /// (see [`JsonType`]); a field of the same name set before is replaced.
    pub fn typed_field(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        json_type: JsonType,
    ) -> Self {
        let field = Field { name: name.into(), value: value.into(), json_type };
        let fields = self.parts.fields.to_mut();
        match fields.iter_mut().find(|slot| slot.name == field.name) {
            Some(slot) => *slot = field,
            None => fields.push(field),
        }
        self
    }

    /// A field violation ([`ErrorResult::field_violations`]), after those
    /// added before.
    pub fn field_violation(mut self, violation: FieldViolation) -> Self {
        self.parts.violations.to_mut().push(violation);
        self
    }

    /// Field violations, after those added before.
    pub fn field_violations(mut self, violations: impl IntoIterator<Item = FieldViolation>) -> Self {
        self.parts.violations.to_mut().extend(violations);
        self
    }

    /// The shape of the error's Goa JSON body; Goa's `ErrorResult` by
    /// default.
    pub fn body(mut self, body: BodyShape) -> Self {
        self.parts.body = body;
        self
    }

    /// Where the error was made ([`ServiceError::location`](crate::ServiceError::location)):
    /// for the log line of a fault, never sent.
    pub fn location(mut self, location: &'static std::panic::Location<'static>) -> Self {
        self.parts.location = Some(location);
        self
    }

    /// The underlying error, returned by [`std::error::Error::source`].
    pub fn source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The error, with the defaults for what was not set.
    #[must_use]
    pub fn build(self) -> ErrorResult {
        let mut parts = self.parts;
        parts.id = Cow::Owned(self.id.unwrap_or_else(new_id));
        parts.http_status = self.http_status.unwrap_or_else(|| parts.code.http_status());
        let message = parts.message.take().unwrap_or_else(|| parts.name.clone().into_owned());
        let err = ErrorResult::from_parts(parts.into_owned(message));
        match self.source {
            Some(source) => err.with_source(source),
            None => err,
        }
    }
}
