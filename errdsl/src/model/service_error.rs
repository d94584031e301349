//! The contract every declared error fulfils: [`ServiceError`], and the static
//! description of declared errors: [`ErrorSpec`] and [`Catalog`].

use crate::model::code::Code;
use crate::model::field_violation::FieldViolation;
use crate::model::wire_field::{BodyShape, JsonType, WireField};
use http::StatusCode;
use std::borrow::Cow;
use std::panic::Location;
use std::time::Duration;

/// What every declared error answers: its wire name, its classification and
/// how it maps onto HTTP and gRPC.
///
/// Implemented by `#[derive(ServiceError)]` and `errors! { ... }`, and by
/// [`ErrorResult`](crate::ErrorResult), the type-erased form of any service
/// error. The methods are cheap: for a declared enum each is a `match` that
/// returns constants.
///
/// ```
/// use errdsl::{Code, ServiceError};
///
/// #[derive(Debug, thiserror::Error, ServiceError)]
/// #[service_error(service = "divider")]
/// pub enum DivideError {
///     #[error("cannot divide {dividend} by zero")]
///     #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
///     DivByZero { dividend: i64 },
///     #[error("divider is in maintenance")]
///     #[service_error(temporary, http = 503, retry_after_secs = 30)]
///     Maintenance,
/// }
///
/// let err = DivideError::div_by_zero(7);
/// assert_eq!(err.name(), "div_by_zero");
/// assert_eq!(err.code(), Code::InvalidArgument);
/// assert_eq!(err.http_status(), 400);
/// assert!(!err.is_temporary());
/// assert_eq!(err.user_message().as_deref(), Some("You can't divide 7 by zero."));
///
/// let err = DivideError::maintenance();
/// assert_eq!(err.code(), Code::Unavailable);
/// assert!(err.is_temporary());
/// assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(30)));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a declared service error",
    label = "`{Self}` does not implement `errdsl::ServiceError`",
    note = "declare it with `#[derive(errdsl::ServiceError)]` or in `errdsl::errors! {{ ... }}`"
)]
pub trait ServiceError: std::error::Error + Send + Sync + 'static {
    /// The stable wire name of the error, e.g. `"div_by_zero"`.
    ///
    /// Clients decode errors by this name; renaming it is a breaking change.
    fn name(&self) -> &str;

    /// The gRPC code of the error.
    fn code(&self) -> Code;

    /// The HTTP status of the error.
    fn http_status(&self) -> StatusCode;

    /// Whether the same request may succeed if sent again as it is.
    fn is_temporary(&self) -> bool;

    /// Whether the error is a timeout.
    fn is_timeout(&self) -> bool;

    /// Whether the error is a server-side fault, whose details (its `Display`
    /// text, its sources) must never leave the process.
    fn is_fault(&self) -> bool;

    /// A message safe to show an end user, if the declaration gives one.
    fn user_message(&self) -> Option<Cow<'_, str>>;

    /// How long a client should wait before it retries, if known.
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// The service the error belongs to (Goa's service name), if the
    /// declaration names one.
    fn service(&self) -> Option<&str> {
        None
    }

    /// The domain of the error's wire name, a globally unique DNS name such
    /// as `divider.example.com` (gRPC's `ErrorInfo.domain`, AIP-193), if
    /// the declaration names one; transports fall back to the
    /// [`service`](ServiceError::service).
    ///
    /// ```
    /// use errdsl::ServiceError;
    ///
    /// errdsl::errors! {
    ///     #[service_error(service = "divider", domain = "divider.example.com")]
    ///     pub enum DivideError {
    ///         #[error("cannot divide by zero")]
    ///         #[service_error(grpc = InvalidArgument)]
    ///         DivByZero,
    ///     }
    /// }
    ///
    /// assert_eq!(DivideError::div_by_zero().domain(), Some("divider.example.com"));
    /// ```
    fn domain(&self) -> Option<&str> {
        None
    }

    /// Where the error's documentation is: the base its wire name is
    /// appended to, an absolute URL or an absolute path
    /// (`#[service_error(docs_url = "/errors/")]`), if the declaration gives
    /// one. The RFC 9457 problem `type` of the error is that base and its
    /// name; without it, `about:blank`.
    ///
    /// ```
    /// use errdsl::ServiceError;
    ///
    /// errdsl::errors! {
    ///     #[service_error(docs_url = "https://api.example.com/errors/")]
    ///     pub enum DivideError {
    ///         #[error("cannot divide by zero")]
    ///         #[service_error(grpc = InvalidArgument)]
    ///         DivByZero,
    ///     }
    /// }
    ///
    /// assert_eq!(DivideError::div_by_zero().docs_url(), Some("https://api.example.com/errors/"));
    /// ```
    fn docs_url(&self) -> Option<&str> {
        None
    }

    /// The fields that travel on the wire with the error, as `(name, value)`
    /// pairs of text: those declared `#[service_error(wire)]`, whose types are
    /// `Display + FromStr`, then those the message sent shows (the user
    /// message's, or the `#[error]` text's when that is what is sent), as the
    /// message shows them: they are on the wire already, and Google's
    /// AIP-193 wants them in `ErrorInfo`'s metadata. A client decodes the
    /// `wire` ones back into the typed error (`TryFrom<ErrorResult>`).
    /// Fields hold internal data unless opted in or shown, so the default
    /// is none.
    ///
    /// ```
    /// use errdsl::ServiceError;
    ///
    /// errdsl::errors! {
    ///     pub enum DivideError {
    ///         #[error("cannot divide {dividend} by zero")]
    ///         #[service_error(grpc = InvalidArgument)]
    ///         DivByZero {
    ///             #[service_error(wire)]
    ///             dividend: i64,
    ///         },
    ///     }
    /// }
    ///
    /// let err = DivideError::div_by_zero(7);
    /// assert_eq!(err.wire_fields(), [("dividend", "7".to_owned())]);
    /// ```
    fn wire_fields(&self) -> Vec<(&str, String)> {
        Vec::new()
    }

    /// What is wrong with each field of the request, when the error says
    /// (a `#[service_error(violations)]` field): every transport sends
    /// them, and clients decode them back. None by default.
    ///
    /// ```
    /// use errdsl::{FieldViolation, FieldViolations, ServiceError};
    ///
    /// errdsl::errors! {
    ///     pub enum SignupError {
    ///         #[error("the form has {violations}")]
    ///         #[service_error(grpc = InvalidArgument)]
    ///         InvalidForm {
    ///             #[service_error(violations)]
    ///             violations: FieldViolations,
    ///         },
    ///     }
    /// }
    ///
    /// let err = SignupError::invalid_form(vec![FieldViolation::new("email", "must be an email address")].into());
    /// assert_eq!(err.field_violations()[0].field(), "email");
    /// ```
    fn field_violations(&self) -> &[FieldViolation] {
        &[]
    }

    /// Where the error was made, when it records it (a
    /// `#[service_error(location)]` field): the log line of a fault names
    /// it (`code.file.path`, `code.line.number`), and no transport ever
    /// sends it. `errors!`'s constructors and `From` impls fill such a
    /// field with their caller's location (they are `#[track_caller]`); a
    /// decoded error's is where it was decoded. None by default.
    ///
    /// ```
    /// use std::panic::Location;
    /// use errdsl::ServiceError;
    ///
    /// errdsl::errors! {
    ///     pub enum StoreError {
    ///         #[error("the store failed")]
    ///         #[service_error(fault)]
    ///         Failed {
    ///             #[service_error(location)]
    ///             at: &'static Location<'static>,
    ///         },
    ///     }
    /// }
    ///
    /// let err = StoreError::failed();
    /// let location = err.location().unwrap();
    /// assert_eq!((location.file(), location.line()), (file!(), line!() - 2));
    /// ```
    fn location(&self) -> Option<&'static Location<'static>> {
        None
    }

    /// The static description of this error in its type's catalog, where
    /// the transports read what the instance does not say: the JSON type
    /// of each wire field and the shape of the Goa body. `None` for errors
    /// without one (an [`ErrorResult`](crate::ErrorResult), a hand-written
    /// impl); they travel with text fields in Goa's `ErrorResult` body.
    ///
    /// ```
    /// use errdsl::{JsonType, ServiceError};
    ///
    /// errdsl::errors! {
    ///     pub enum DivideError {
    ///         #[error("cannot divide {dividend} by zero")]
    ///         #[service_error(grpc = InvalidArgument)]
    ///         DivByZero {
    ///             #[service_error(wire)]
    ///             dividend: i64,
    ///         },
    ///     }
    /// }
    ///
    /// let spec = DivideError::div_by_zero(7).error_spec().unwrap();
    /// assert_eq!(spec.name, "div_by_zero");
    /// assert_eq!(spec.wire_fields[0].json_type, JsonType::Integer);
    /// ```
    fn error_spec(&self) -> Option<&'static ErrorSpec> {
        None
    }
}

/// The static description of one declared error, for documentation, clients
/// and tests.
///
/// Built by the macros; read through [`Catalog::ERRORS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(clippy::struct_excessive_bools)] // the flags are independent facts, as in Goa
pub struct ErrorSpec {
    /// The stable wire name, e.g. `"div_by_zero"`.
    pub name: &'static str,
    /// The doc comment of the declaration, trimmed; empty when there is none.
    pub description: &'static str,
    /// The service the error belongs to, if declared.
    pub service: Option<&'static str>,
    /// The domain of its wire name (`ErrorInfo.domain`), if declared.
    pub domain: Option<&'static str>,
    /// The base of its documentation's URL, which its name completes
    /// (RFC 9457's problem `type`), if declared.
    pub docs_url: Option<&'static str>,
    /// The gRPC code. For errors classified at run time, the fallback code
    /// used when their source is not recognised (`Unknown`).
    pub code: Code,
    /// The HTTP status.
    pub http_status: StatusCode,
    /// Whether the error is temporary.
    pub temporary: bool,
    /// Whether the error is a timeout.
    pub timeout: bool,
    /// Whether the error is a server-side fault.
    pub fault: bool,
    /// The message safe to show an end user, before `{field}` interpolation.
    pub user_message: Option<&'static str>,
    /// The declared `Retry-After`, in seconds.
    pub retry_after_secs: Option<u64>,
    /// Whether code and flags are decided at run time by classifying the
    /// error's source (`#[service_error(classify)]`); the values above are
    /// then only the fallback.
    pub classified: bool,
    /// The fields that travel with the error, with their JSON types: those
    /// declared `wire`, then those the sent message shows.
    pub wire_fields: &'static [WireField],
    /// The shape of its Goa JSON body.
    pub body: BodyShape,
    /// For a Goa custom error type whose type names its Goa method, the
    /// full name of the gRPC message a Goa server sends for it, e.g.
    /// `divider.IntegerDivideDivisorTooLargeError` (see
    /// [`grpc`](crate::grpc)).
    pub goa_message: Option<&'static str>,
    /// Whether it carries field violations (a `#[service_error(violations)]`
    /// field): gRPC's `BadRequest`, the bodies' `field_violations` and `errors`.
    pub field_violations: bool,
}

impl ErrorSpec {
    /// A spec with the given name and code, the HTTP status from the code's
    /// standard table, and everything else empty or `false`.
    ///
    /// ```
    /// use errdsl::{Code, ErrorSpec};
    ///
    /// let spec = ErrorSpec::new("quota_exceeded", Code::ResourceExhausted)
    ///     .with_description("The caller's quota is used up.")
    ///     .with_temporary(true)
    ///     .with_retry_after_secs(60);
    /// assert_eq!(spec.http_status, 429);
    /// assert!(spec.temporary);
    /// ```
    #[must_use]
    pub const fn new(name: &'static str, code: Code) -> Self {
        ErrorSpec {
            name,
            description: "",
            service: None,
            domain: None,
            docs_url: None,
            code,
            http_status: code.http_status(),
            temporary: false,
            timeout: false,
            fault: false,
            user_message: None,
            retry_after_secs: None,
            classified: false,
            wire_fields: &[],
            body: BodyShape::ErrorResult,
            goa_message: None,
            field_violations: false,
        }
    }

    /// The spec of an error that carries field violations, or not.
    #[must_use]
    pub const fn with_field_violations(mut self, field_violations: bool) -> Self {
        self.field_violations = field_violations;
        self
    }

    /// The spec with this description.
    #[must_use]
    pub const fn with_description(mut self, description: &'static str) -> Self {
        self.description = description;
        self
    }

    /// The spec with this service.
    #[must_use]
    pub const fn with_service(mut self, service: &'static str) -> Self {
        self.service = Some(service);
        self
    }

    /// The spec with this domain.
    #[must_use]
    pub const fn with_domain(mut self, domain: &'static str) -> Self {
        self.domain = Some(domain);
        self
    }

    /// The spec with this documentation base (see
    /// [`ServiceError::docs_url`]).
    #[must_use]
    pub const fn with_docs_url(mut self, docs_url: &'static str) -> Self {
        self.docs_url = Some(docs_url);
        self
    }

    /// The spec with this HTTP status.
    #[must_use]
    pub const fn with_http_status(mut self, status: StatusCode) -> Self {
        self.http_status = status;
        self
    }

    /// The spec with this `temporary` flag.
    #[must_use]
    pub const fn with_temporary(mut self, temporary: bool) -> Self {
        self.temporary = temporary;
        self
    }

    /// The spec with this `timeout` flag.
    #[must_use]
    pub const fn with_timeout(mut self, timeout: bool) -> Self {
        self.timeout = timeout;
        self
    }

    /// The spec with this `fault` flag.
    #[must_use]
    pub const fn with_fault(mut self, fault: bool) -> Self {
        self.fault = fault;
        self
    }

    /// The spec with this user message.
    #[must_use]
    pub const fn with_user_message(mut self, message: &'static str) -> Self {
        self.user_message = Some(message);
        self
    }

    /// The spec with this `Retry-After`, in seconds.
    #[must_use]
    pub const fn with_retry_after_secs(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    /// The spec marked as classified at run time.
    #[must_use]
    pub const fn with_classified(mut self, classified: bool) -> Self {
        self.classified = classified;
        self
    }

    /// Sets [`wire_fields`](ErrorSpec::wire_fields).
    #[must_use]
    pub const fn with_wire_fields(mut self, wire_fields: &'static [WireField]) -> Self {
        self.wire_fields = wire_fields;
        self
    }

    /// Sets [`body`](ErrorSpec::body).
    #[must_use]
    pub const fn with_body(mut self, body: BodyShape) -> Self {
        self.body = body;
        self
    }

    /// Sets [`goa_message`](ErrorSpec::goa_message).
    #[must_use]
    pub const fn with_goa_message(mut self, goa_message: &'static str) -> Self {
        self.goa_message = Some(goa_message);
        self
    }

    /// The JSON type of the wire field `name`: the declared one, else
    /// [`JsonType::String`].
    #[must_use]
    pub fn json_type_of(&self, name: &str) -> JsonType {
        self.wire_fields
            .iter()
            .find(|field| field.name == name)
            .map_or(JsonType::String, |field| field.json_type)
    }
}

/// The static list of every error a type can be, for docs, clients and tests.
///
/// Implemented by the macros for every type they see, in declaration order,
/// inherited errors (from `errors!` parents) and the errors of
/// `#[service_error(transparent)]` variants included.
///
/// ```
/// use errdsl::Catalog;
///
/// #[derive(Debug, thiserror::Error, errdsl::ServiceError)]
/// enum QuotaError {
///     /// The caller's quota is used up.
///     #[error("quota exceeded")]
///     #[service_error(grpc = ResourceExhausted, temporary)]
///     Exceeded,
///     #[error("no such account")]
///     #[service_error(http = 404)]
///     NoAccount,
/// }
///
/// let names: Vec<_> = QuotaError::ERRORS.iter().map(|e| e.name).collect();
/// assert_eq!(names, ["exceeded", "no_account"]);
/// assert_eq!(QuotaError::ERRORS[0].description, "The caller's quota is used up.");
/// assert_eq!(QuotaError::ERRORS[1].http_status, 404);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no error catalog",
    label = "`{Self}` does not implement `errdsl::Catalog`",
    note = "declare it with `#[derive(errdsl::ServiceError)]` or in `errdsl::errors! {{ ... }}`"
)]
pub trait Catalog {
    /// Every error the type can be.
    const ERRORS: &'static [ErrorSpec];

    /// The spec of the error with this wire name, if the type has one.
    #[must_use]
    fn spec(name: &str) -> Option<&'static ErrorSpec> {
        Self::ERRORS.iter().find(|spec| spec.name == name)
    }
}
