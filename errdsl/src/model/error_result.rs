//! [`ErrorResult`], Goa's default error type: the type-erased, wire-level form
//! of any service error, and the wire message rule.

mod builder;
mod parts;

use crate::model::code::Code;
use crate::model::field_violation::FieldViolation;
use crate::model::id::Id;
use crate::model::service_error::ServiceError;
use crate::model::wire_field::{BodyShape, JsonType};
pub use builder::ErrorResultBuilder;
use http::StatusCode;
use parts::ErrorParts;
#[cfg(feature = "serde")]
pub(crate) use parts::Fields;
pub(crate) use parts::{Outgoing, WireMessage};
use std::borrow::Cow;
use std::error::Error;
use std::fmt;
use std::time::Duration;

/// A wire field as an [`ErrorResult`] holds it: its value as text, and the
/// JSON type the HTTP bodies write it with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) json_type: JsonType,
}

/// A source as callers hand it over.
type BoxError = Box<dyn Error + Send + Sync + 'static>;

/// The source an [`ErrorResult`] keeps: shared, so that the error is `Clone`.
type SharedError = std::sync::Arc<dyn Error + Send + Sync + 'static>;

/// The type-erased, wire-level form of any service error: Goa's `ErrorResult`.
///
/// It carries everything [`ServiceError`] answers (a wire name, a [`Code`],
/// an HTTP status, the flags temporary / timeout / fault, a user message, a
/// `Retry-After`, a service) plus a per-instance [`id`](ErrorResult::id) for
/// log correlation, the internal [`message`](ErrorResult::message) (its
/// `Display` text) and an optional boxed [`source`](Error::source).
///
/// Servers capture declared errors into it with
/// [`from_service_error`](ErrorResult::from_service_error); clients decode
/// responses into it; it implements [`ServiceError`] itself. The name, code,
/// status and flags are read through the [`ServiceError`] trait. With the
/// `serde` feature it is `Serialize` and `Deserialize` in Goa's JSON shape
/// (see those impls for the format). It is `Clone`; clones share the source.
///
/// ```
/// use errdsl::{Code, ErrorResult, ServiceError};
///
/// let err = ErrorResult::builder("quota_exceeded", Code::ResourceExhausted)
///     .message("account 42 used 1000 of 1000 requests")
///     .user_message("You have used up your quota for today.")
///     .temporary(true)
///     .build();
///
/// assert_eq!(err.name(), "quota_exceeded");
/// assert_eq!(err.http_status(), 429);
/// assert!(err.is_temporary());
/// assert_eq!(err.id().len(), 8);
/// assert_eq!(err.to_string(), "account 42 used 1000 of 1000 requests");
/// assert_eq!(err.wire_message(), "You have used up your quota for today.");
/// ```
#[derive(Clone, Debug)]
pub struct ErrorResult {
    // Boxed: a `Result<T, ErrorResult>` stays a pointer wide on the error side.
    inner: Box<Inner>,
}

/// What an [`ErrorResult`] holds: its parts, owned, and its source.
#[derive(Clone, Debug)]
struct Inner {
    parts: ErrorParts<'static, String>,
    source: Option<SharedError>,
}

impl ErrorResult {
    fn from_parts(parts: ErrorParts<'static, String>) -> Self {
        ErrorResult { inner: Box::new(Inner { parts, source: None }) }
    }

    /// The encoders' view of the error.
    #[cfg_attr(
        not(any(feature = "serde", feature = "tonic")),
        allow(dead_code, reason = "the transports read it: HTTP needs `serde`, gRPC `tonic`")
    )]
    pub(crate) fn outgoing(&self) -> Outgoing<'_> {
        self.inner.parts.view()
    }

    /// The wire message of a fault without a user message, followed by
    /// `" (id: <id>)"` when the error's id is known.
    ///
    /// A fault's own text may name hosts, queries or file paths, so it never
    /// leaves the process; the id is what lets a user's report be matched
    /// with the server's log line, which has the full text.
    pub const FAULT_MESSAGE: &'static str = Code::Internal.user_message();

    /// A builder for an error with this wire name and code.
    ///
    /// Unless set otherwise: a fresh id, the HTTP status of the code
    /// ([`Code::http_status`]), the name as the message, all flags `false`
    /// and no user message, `Retry-After`, service or source.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    /// use http::StatusCode;
    ///
    /// let err = ErrorResult::builder("maintenance", Code::Unavailable).build();
    /// assert_eq!(err.http_status(), StatusCode::SERVICE_UNAVAILABLE);
    /// assert_eq!(err.message(), "maintenance");
    /// assert!(!err.is_temporary());
    /// ```
    pub fn builder(name: impl Into<String>, code: Code) -> ErrorResultBuilder {
        ErrorResultBuilder::new(name.into(), code)
    }

    /// An error with this wire name, code and message, and everything else
    /// as [`ErrorResult::builder`] leaves it.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    ///
    /// let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
    /// assert_eq!(err.to_string(), "no user 42");
    /// assert_eq!(err.http_status(), 404);
    /// ```
    #[must_use]
    pub fn new(name: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        Self::builder(name, code).message(message).build()
    }

    /// Captures any service error: every answer of its [`ServiceError`]
    /// methods, its `Display` text as the message, and a fresh id.
    ///
    /// The source chain is not captured (it is borrowed from `err`); attach an
    /// owned one with [`with_source`](ErrorResult::with_source).
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    ///
    /// let original = ErrorResult::builder("maintenance", Code::Unavailable)
    ///     .message("divider is in maintenance")
    ///     .temporary(true)
    ///     .build();
    /// let captured = ErrorResult::from_service_error(&original);
    /// assert_eq!(captured.name(), "maintenance");
    /// assert_eq!(captured.message(), "divider is in maintenance");
    /// assert!(captured.is_temporary());
    /// assert_ne!(captured.id(), original.id());
    /// ```
    #[must_use]
    pub fn from_service_error<E: ServiceError + ?Sized>(err: &E) -> Self {
        let id = Id::new();
        let message = err.to_string();
        Outgoing::of(&err, id.as_str()).into_error(message)
    }

    /// The error with this source, returned by [`Error::source`].
    ///
    /// ```
    /// use std::error::Error;
    /// use errdsl::{Code, ErrorResult};
    ///
    /// let io = std::io::Error::new(std::io::ErrorKind::TimedOut, "read timed out");
    /// let err = ErrorResult::new("storage", Code::Unavailable, "storage failed").with_source(io);
    /// assert_eq!(err.source().unwrap().to_string(), "read timed out");
    /// ```
    #[must_use]
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.inner.source = Some(SharedError::from(source.into()));
        self
    }

    /// The per-instance id, for log correlation: 8 characters of unpadded
    /// base64url, Goa's format.
    pub fn id(&self) -> &str {
        &self.inner.parts.id
    }

    /// The fields that travel with the error ([`ServiceError::wire_fields`]),
    /// in declaration order.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult};
    ///
    /// let err = ErrorResult::builder("div_by_zero", Code::InvalidArgument).field("dividend", "7").build();
    /// assert_eq!(err.field("dividend"), Some("7"));
    /// assert_eq!(err.fields().count(), 1);
    /// ```
    pub fn fields(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.inner.parts.fields.iter().map(|(name, value, _)| (name, value))
    }

    /// The JSON type the HTTP bodies write the wire field `name` with: the
    /// one its declaration gives (a number for an integer field), the one it
    /// arrived with, or [`JsonType::String`]; `None` when there is no such
    /// field.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, JsonType};
    ///
    /// let err = ErrorResult::builder("too_large", Code::OutOfRange)
    ///     .typed_field("limit", "1000", JsonType::Integer)
    ///     .field("unit", "requests")
    ///     .build();
    /// assert_eq!(err.field_type("limit"), Some(JsonType::Integer));
    /// assert_eq!(err.field_type("unit"), Some(JsonType::String));
    /// assert_eq!(err.field_type("other"), None);
    /// ```
    pub fn field_type(&self, name: &str) -> Option<JsonType> {
        self.inner.parts.fields.iter().find(|(field, _, _)| *field == name).map(|(_, _, json_type)| json_type)
    }

    /// The shape of the error's Goa JSON body: its declaration's, or the
    /// one it arrived in.
    ///
    /// ```
    /// use errdsl::{BodyShape, Code, ErrorResult};
    ///
    /// assert_eq!(ErrorResult::new("x", Code::Internal, "x").body_shape(), BodyShape::ErrorResult);
    /// ```
    pub fn body_shape(&self) -> BodyShape {
        self.inner.parts.body
    }

    /// What is wrong with each field of the request, in order
    /// ([`ServiceError::field_violations`]); empty when the error does not
    /// say.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, FieldViolation, ServiceError};
    ///
    /// let err = ErrorResult::builder("invalid_fields", Code::InvalidArgument)
    ///     .field_violation(FieldViolation::new("email", "must be an email address"))
    ///     .build();
    /// assert_eq!(err.field_violations()[0].description(), "must be an email address");
    /// ```
    pub fn field_violations(&self) -> &[FieldViolation] {
        &self.inner.parts.violations
    }

    /// The value of the wire field `name`, if the error carries it.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields().find(|(field, _)| *field == name).map(|(_, value)| value)
    }

    /// The internal message, the `Display` text. For a fault it must not
    /// leave the process: send [`wire_message`](ErrorResult::wire_message).
    pub fn message(&self) -> &str {
        &self.inner.parts.message
    }

    /// The message to send on the wire, by the rule every transport follows:
    /// the user message if there is one, else the `Display` text, except for
    /// a fault, whose `Display` text never leaves the process: it gets
    /// [`FAULT_MESSAGE`](ErrorResult::FAULT_MESSAGE) and its id instead.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult};
    ///
    /// let err = ErrorResult::builder("db_down", Code::Internal)
    ///     .message("connect to 10.0.0.7:5432: connection refused")
    ///     .fault(true)
    ///     .id("x7Fq9-Ab")
    ///     .build();
    /// assert_eq!(err.wire_message(), "internal error (id: x7Fq9-Ab)");
    ///
    /// let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
    /// assert_eq!(err.wire_message(), "no user 42");
    /// ```
    pub fn wire_message(&self) -> Cow<'_, str> {
        let parts = &self.inner.parts;
        let message = WireMessage::Text(&parts.message);
        parts::wire_message(parts.user_message.as_deref(), parts.fault, Some(&parts.id), message).to_cow()
    }

    /// [`wire_message`](ErrorResult::wire_message)'s rule for any service
    /// error, without capturing it first. `id` is the id the error is logged
    /// and sent with, if it has one; a fault without a user message then
    /// names it.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult};
    ///
    /// let err = ErrorResult::builder("db_down", Code::Internal)
    ///     .message("connect to 10.0.0.7:5432: connection refused")
    ///     .fault(true)
    ///     .build();
    /// assert_eq!(ErrorResult::wire_message_of(&err, None), "internal error");
    /// assert_eq!(
    ///     ErrorResult::wire_message_of(&err, Some("x7Fq9-Ab")),
    ///     "internal error (id: x7Fq9-Ab)",
    /// );
    /// ```
    pub fn wire_message_of<'a, E: ServiceError + ?Sized>(err: &'a E, id: Option<&str>) -> Cow<'a, str> {
        match err.user_message() {
            Some(message) => message,
            None => Cow::Owned(
                parts::wire_message(None, err.is_fault(), id, WireMessage::Shown(&err)).to_string(),
            ),
        }
    }
}

impl fmt::Display for ErrorResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.parts.message)
    }
}

impl Error for ErrorResult {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.inner.source.as_deref().map(|source| source as &(dyn Error + 'static))
    }
}

impl ServiceError for ErrorResult {
    fn name(&self) -> &str {
        &self.inner.parts.name
    }

    fn code(&self) -> Code {
        self.inner.parts.code
    }

    fn http_status(&self) -> StatusCode {
        self.inner.parts.http_status
    }

    fn is_temporary(&self) -> bool {
        self.inner.parts.temporary
    }

    fn is_timeout(&self) -> bool {
        self.inner.parts.timeout
    }

    fn is_fault(&self) -> bool {
        self.inner.parts.fault
    }

    fn user_message(&self) -> Option<Cow<'_, str>> {
        self.inner.parts.user_message.as_deref().map(Cow::Borrowed)
    }

    fn retry_after(&self) -> Option<Duration> {
        self.inner.parts.retry_after
    }

    fn service(&self) -> Option<&str> {
        self.inner.parts.service.as_deref()
    }

    fn domain(&self) -> Option<&str> {
        self.inner.parts.domain.as_deref()
    }

    fn docs_url(&self) -> Option<&str> {
        self.inner.parts.docs_url.as_deref()
    }

    fn wire_fields(&self) -> Vec<(&str, String)> {
        self.fields().map(|(name, value)| (name, value.to_owned())).collect()
    }

    fn field_violations(&self) -> &[FieldViolation] {
        &self.inner.parts.violations
    }

    fn location(&self) -> Option<&'static std::panic::Location<'static>> {
        self.inner.parts.location
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written service error, standing in for a derived one.
    #[derive(Debug)]
    struct Maintenance {
        fault: bool,
        user_message: Option<&'static str>,
    }

    impl fmt::Display for Maintenance {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("node 3 drains for maintenance")
        }
    }

    impl Error for Maintenance {}

    impl ServiceError for Maintenance {
        fn name(&self) -> &'static str {
            "maintenance"
        }
        fn code(&self) -> Code {
            Code::Unavailable
        }
        fn http_status(&self) -> StatusCode {
            StatusCode::BAD_GATEWAY
        }
        fn is_temporary(&self) -> bool {
            true
        }
        fn is_timeout(&self) -> bool {
            false
        }
        fn is_fault(&self) -> bool {
            self.fault
        }
        fn user_message(&self) -> Option<Cow<'_, str>> {
            self.user_message.map(Cow::Borrowed)
        }
        fn retry_after(&self) -> Option<Duration> {
            Some(Duration::from_secs(30))
        }
        fn service(&self) -> Option<&str> {
            Some("divider")
        }
    }

    const MAINTENANCE: Maintenance = Maintenance { fault: false, user_message: None };

    #[test]
    fn builder_defaults() {
        let err = ErrorResult::builder("div_by_zero", Code::InvalidArgument).build();
        assert_eq!(err.name(), "div_by_zero");
        assert_eq!(err.code(), Code::InvalidArgument);
        assert_eq!(err.http_status(), StatusCode::BAD_REQUEST);
        assert_eq!(err.message(), "div_by_zero");
        assert_eq!(err.id().len(), 8);
        assert!(!err.is_temporary() && !err.is_timeout() && !err.is_fault());
        assert_eq!(err.user_message(), None);
        assert_eq!(err.retry_after(), None);
        assert_eq!(err.service(), None);
        assert!(err.source().is_none());
    }

    #[test]
    fn builder_sets_every_field() {
        let err = ErrorResult::builder("first_name", Code::Internal)
            .name("slow_disk")
            .code(Code::DeadlineExceeded)
            .id("abcdEF-_")
            .message("fsync took 31s")
            .http_status(StatusCode::GATEWAY_TIMEOUT)
            .temporary(true)
            .timeout(true)
            .fault(true)
            .user_message("Try again later.")
            .retry_after(Duration::from_secs(5))
            .service("storage")
            .source("disk 2 degraded")
            .build();
        assert_eq!(err.name(), "slow_disk");
        assert_eq!(err.code(), Code::DeadlineExceeded);
        assert_eq!(err.id(), "abcdEF-_");
        assert_eq!(err.message(), "fsync took 31s");
        assert_eq!(err.http_status(), StatusCode::GATEWAY_TIMEOUT);
        assert!(err.is_temporary() && err.is_timeout() && err.is_fault());
        assert_eq!(err.user_message().as_deref(), Some("Try again later."));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(5)));
        assert_eq!(err.service(), Some("storage"));
        assert_eq!(err.source().map(ToString::to_string).as_deref(), Some("disk 2 degraded"));
    }

    #[test]
    fn http_status_follows_the_code_unless_set() {
        for code in Code::ALL {
            let err = ErrorResult::builder("x", Code::Unknown).code(code).build();
            assert_eq!(err.http_status(), code.http_status(), "{code:?}");
        }
        let err = ErrorResult::builder("x", Code::Unknown)
            .http_status(StatusCode::IM_A_TEAPOT)
            .code(Code::NotFound)
            .build();
        assert_eq!(err.http_status(), StatusCode::IM_A_TEAPOT);
    }

    #[test]
    fn new_sets_name_code_and_message() {
        let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
        assert_eq!(err.name(), "not_found");
        assert_eq!(err.code(), Code::NotFound);
        assert_eq!(err.message(), "no user 42");
        assert_eq!(err.to_string(), "no user 42");
        assert_eq!(err.http_status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn every_instance_gets_its_own_id() {
        let a = ErrorResult::new("a", Code::Unknown, "a");
        let b = ErrorResult::new("a", Code::Unknown, "a");
        assert_ne!(a.id(), b.id());
    }

    #[test]
    fn from_service_error_captures_every_method() {
        let original = Maintenance { fault: true, user_message: Some("Back soon.") };
        let err = ErrorResult::from_service_error(&original);
        assert_eq!(err.name(), "maintenance");
        assert_eq!(err.code(), Code::Unavailable);
        assert_eq!(err.http_status(), StatusCode::BAD_GATEWAY);
        assert!(err.is_temporary() && !err.is_timeout() && err.is_fault());
        assert_eq!(err.user_message().as_deref(), Some("Back soon."));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
        assert_eq!(err.service(), Some("divider"));
        assert_eq!(err.message(), "node 3 drains for maintenance");
        assert_eq!(err.id().len(), 8);
    }

    #[test]
    fn from_service_error_takes_trait_objects() {
        let boxed: Box<dyn ServiceError> = Box::new(MAINTENANCE);
        let err = ErrorResult::from_service_error(&*boxed);
        assert_eq!(err.name(), "maintenance");
        assert_eq!(err.user_message(), None);
        // And an ErrorResult captures another one, under a new id.
        let again = ErrorResult::from_service_error(&err);
        assert_eq!(again.message(), err.message());
        assert_ne!(again.id(), err.id());
    }

    #[test]
    fn source_chain() {
        let io = std::io::Error::new(std::io::ErrorKind::TimedOut, "read timed out");
        let inner = ErrorResult::new("storage", Code::Unavailable, "storage failed").with_source(io);
        let outer = ErrorResult::new("divide", Code::Internal, "divide failed").with_source(inner);
        let chain: Vec<String> =
            std::iter::successors(Some(&outer as &(dyn Error + 'static)), |&e| e.source())
                .map(ToString::to_string)
                .collect();
        assert_eq!(chain, ["divide failed", "storage failed", "read timed out"]);
    }

    #[test]
    fn debug_shows_the_fields() {
        let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
        let debug = format!("{err:?}");
        for part in ["ErrorResult", "not_found", "NotFound", "no user 42", err.id()] {
            assert!(debug.contains(part), "{debug}");
        }
    }

    #[test]
    fn clones_keep_the_id_and_share_the_source() {
        let err = ErrorResult::new("storage", Code::Unavailable, "storage failed").with_source("disk full");
        let copy = err.clone();
        assert_eq!((copy.id(), copy.message()), (err.id(), err.message()));
        let (a, b) = (err.source().unwrap(), copy.source().unwrap());
        assert!(std::ptr::addr_eq(a, b), "one source, shared");
        let safe = err.outgoing().into_wire_safe_error();
        assert!(safe.source().is_none());
        assert_eq!(safe.message(), err.wire_message());
    }

    #[test]
    fn is_a_send_sync_static_service_error() {
        fn assert_bounds<T: ServiceError + Send + Sync + 'static>() {}
        assert_bounds::<ErrorResult>();
        let _: Box<dyn ServiceError> = Box::new(ErrorResult::new("a", Code::Unknown, "a"));
    }

    #[test]
    fn wire_message_prefers_the_user_message() {
        let err = ErrorResult::builder("x", Code::InvalidArgument)
            .message("internal detail")
            .user_message("Shown to users.")
            .build();
        assert_eq!(err.wire_message(), "Shown to users.");
        // A fault with a declared user message shows it too: it is safe by declaration.
        let err = ErrorResult::builder("x", Code::Internal)
            .message("internal detail")
            .user_message("Shown to users.")
            .fault(true)
            .build();
        assert_eq!(err.wire_message(), "Shown to users.");
    }

    #[test]
    fn wire_message_is_the_display_text_of_non_faults() {
        let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
        assert!(matches!(err.wire_message(), Cow::Borrowed("no user 42")));
    }

    #[test]
    fn wire_message_hides_fault_text_and_names_the_id() {
        let err = ErrorResult::builder("db_down", Code::Internal)
            .message("password for admin@10.0.0.7 rejected")
            .fault(true)
            .build();
        let message = err.wire_message();
        assert_eq!(message, format!("internal error (id: {})", err.id()));
        assert!(!message.contains("password"));
        // An empty id is no id.
        let err = ErrorResult::builder("db_down", Code::Internal).fault(true).id("").build();
        assert_eq!(err.wire_message(), "internal error");
    }

    #[test]
    fn wire_message_of_any_service_error() {
        assert_eq!(
            ErrorResult::wire_message_of(&MAINTENANCE, Some("abcdefgh")),
            "node 3 drains for maintenance"
        );
        let with_user = Maintenance { fault: false, user_message: Some("Back soon.") };
        assert!(matches!(ErrorResult::wire_message_of(&with_user, None), Cow::Borrowed("Back soon.")));
        let fault = Maintenance { fault: true, user_message: None };
        assert_eq!(ErrorResult::wire_message_of(&fault, None), "internal error");
        let dynamic: &dyn ServiceError = &fault;
        assert_eq!(ErrorResult::wire_message_of(dynamic, Some("abcdefgh")), "internal error (id: abcdefgh)");
    }
}
