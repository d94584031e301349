//! Test helpers in the style of xgo's `errors.Match` and `errors.Diff`:
//! compare a service error with a [`Template`] of the fields a test cares
//! about; and (feature `serde`) hold a catalog's contract to a committed
//! snapshot with `assert_contract`.
//!
//! ```
//! use errdsl::testing::Template;
//! use errdsl::{Code, ErrorResult};
//!
//! let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
//!
//! let template = Template::new().name("not_found").code(Code::NotFound);
//! assert!(template.matches(&err));
//!
//! let template = Template::new().code(Code::InvalidArgument).temporary(true);
//! assert_eq!(
//!     template.diff(&err),
//!     ["code: expected invalid_argument, got not_found", "temporary: expected true, got false"],
//! );
//!
//! errdsl::assert_service_error!(err, name = "not_found", code = NotFound, temporary = false);
//! ```

#[cfg(feature = "serde")]
mod snapshot;

use std::fmt::{self, Debug, Display};
use std::time::Duration;

use crate::model::code::Code;
use crate::model::service_error::{ErrorSpec, ServiceError};
use ::http::StatusCode;
#[cfg(feature = "serde")]
pub use snapshot::{BLESS_CONTRACT, assert_contract};

/// The expected values of some of a service error's fields; the fields not
/// set are not compared.
///
/// Each setter names a [`ServiceError`] method (`message` is the `Display`
/// text); `user_message`, `service` and `retry_after` take an `Option`, so a
/// template can also expect their absence.
///
/// ```
/// use std::time::Duration;
/// use errdsl::testing::Template;
/// use errdsl::{Code, ErrorResult, StatusCode};
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable)
///     .temporary(true)
///     .retry_after(Duration::from_secs(30))
///     .build();
/// let template = Template::new()
///     .name("maintenance")
///     .http_status(StatusCode::SERVICE_UNAVAILABLE)
///     .temporary(true)
///     .retry_after(Duration::from_secs(30))
///     .user_message(None);
/// assert!(template.matches(&err));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
// For the optional fields, `None` is "not compared" and `Some(None)` is
// "expected absent": exactly the three cases a template needs.
#[allow(clippy::option_option)]
pub struct Template {
    name: Option<String>,
    code: Option<Code>,
    http_status: Option<StatusCode>,
    temporary: Option<bool>,
    timeout: Option<bool>,
    fault: Option<bool>,
    user_message: Option<Option<String>>,
    message: Option<String>,
    service: Option<Option<String>>,
    retry_after: Option<Option<Duration>>,
}

impl Template {
    /// A template that expects nothing: every error matches it.
    pub fn new() -> Self {
        Template::default()
    }

    /// A template with what a catalog entry declares: name, service, code,
    /// HTTP status, the three flags and `Retry-After`.
    ///
    /// The user message is left out (the spec has it before `{field}`
    /// interpolation), and so are code, status and flags of an error
    /// classified at run time (the spec has only their fallbacks).
    ///
    /// ```
    /// use errdsl::testing::Template;
    /// use errdsl::{Code, ErrorResult, ErrorSpec};
    ///
    /// let spec = ErrorSpec::new("quota_exceeded", Code::ResourceExhausted).with_temporary(true);
    /// let err = ErrorResult::builder("quota_exceeded", Code::ResourceExhausted)
    ///     .temporary(true)
    ///     .build();
    /// assert!(Template::from_spec(&spec).matches(&err));
    /// ```
    pub fn from_spec(spec: &ErrorSpec) -> Self {
        let template = Template::new()
            .name(spec.name)
            .service(spec.service)
            .retry_after(spec.retry_after_secs.map(Duration::from_secs));
        if spec.classified {
            return template;
        }
        template
            .code(spec.code)
            .http_status(spec.http_status)
            .temporary(spec.temporary)
            .timeout(spec.timeout)
            .fault(spec.fault)
    }

    /// Expects this wire name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Expects this gRPC code.
    pub fn code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    /// Expects this HTTP status.
    pub fn http_status(mut self, status: StatusCode) -> Self {
        self.http_status = Some(status);
        self
    }

    /// Expects this `temporary` flag.
    pub fn temporary(mut self, temporary: bool) -> Self {
        self.temporary = Some(temporary);
        self
    }

    /// Expects this `timeout` flag.
    pub fn timeout(mut self, timeout: bool) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Expects this `fault` flag.
    pub fn fault(mut self, fault: bool) -> Self {
        self.fault = Some(fault);
        self
    }

    /// Expects this user message (`"..."`), or none (`None`).
    pub fn user_message<'a>(mut self, message: impl Into<Option<&'a str>>) -> Self {
        self.user_message = Some(message.into().map(str::to_owned));
        self
    }

    /// Expects this internal message, the `Display` text.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Expects this service (`"..."`), or none (`None`).
    pub fn service<'a>(mut self, service: impl Into<Option<&'a str>>) -> Self {
        self.service = Some(service.into().map(str::to_owned));
        self
    }

    /// Expects this `Retry-After` (a `Duration`), or none (`None`).
    pub fn retry_after(mut self, after: impl Into<Option<Duration>>) -> Self {
        self.retry_after = Some(after.into());
        self
    }

    /// Whether `err` has every field the template sets.
    ///
    /// ```
    /// use errdsl::testing::Template;
    /// use errdsl::{Code, ErrorResult, StatusCode};
    ///
    /// let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
    /// assert!(Template::new().matches(&err));
    /// assert!(Template::new().message("no user 42").matches(&err));
    /// assert!(!Template::new().fault(true).matches(&err));
    /// ```
    #[must_use]
    pub fn matches(&self, err: &dyn ServiceError) -> bool {
        self.diff(err).is_empty()
    }

    /// The fields of `err` that differ from those the template sets, one
    /// line each in field order: `code: expected invalid_argument, got
    /// not_found`.
    ///
    /// Names and messages are quoted, so that an empty or padded text shows.
    ///
    /// ```
    /// use errdsl::testing::Template;
    /// use errdsl::{Code, ErrorResult, StatusCode};
    ///
    /// let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
    /// let template = Template::new().name("no_user").http_status(StatusCode::NOT_FOUND).user_message("Not found.");
    /// assert_eq!(
    ///     template.diff(&err),
    ///     [r#"name: expected "no_user", got "not_found""#, r#"user_message: expected "Not found.", got None"#],
    /// );
    /// ```
    #[must_use]
    pub fn diff(&self, err: &dyn ServiceError) -> Vec<String> {
        diff(self, err)
    }
}

/// [`Template::diff`].
fn diff(template: &Template, err: &dyn ServiceError) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, expected: &dyn Debug, got: &dyn Debug, same: bool| {
        if !same {
            out.push(format!("{field}: expected {expected:?}, got {got:?}"));
        }
    };
    if let Some(name) = &template.name {
        check("name", name, &err.name(), name == err.name());
    }
    if let Some(code) = template.code {
        let got = err.code();
        check("code", &Plain(code), &Plain(got), code == got);
    }
    if let Some(status) = template.http_status {
        let got = err.http_status();
        check("http_status", &status, &got, status == got);
    }
    if let Some(temporary) = template.temporary {
        let got = err.is_temporary();
        check("temporary", &temporary, &got, temporary == got);
    }
    if let Some(timeout) = template.timeout {
        let got = err.is_timeout();
        check("timeout", &timeout, &got, timeout == got);
    }
    if let Some(fault) = template.fault {
        let got = err.is_fault();
        check("fault", &fault, &got, fault == got);
    }
    if let Some(message) = &template.user_message {
        let got = err.user_message();
        let (expected, got) = (message.as_deref(), got.as_deref());
        check("user_message", &Text(expected), &Text(got), expected == got);
    }
    if let Some(message) = &template.message {
        let got = err.to_string();
        check("message", message, &got, *message == got);
    }
    if let Some(service) = &template.service {
        let got = err.service();
        check("service", &Text(service.as_deref()), &Text(got), service.as_deref() == got);
    }
    if let Some(after) = template.retry_after {
        let got = err.retry_after();
        check("retry_after", &Plain(Shown(after)), &Plain(Shown(got)), after == got);
    }
    out
}

/// Shows a value with its `Display` text in a diff line: `not_found`, `30s`.
struct Plain<T>(T);

impl<T: Display> Debug for Plain<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Display::fmt(&self.0, f)
    }
}

/// Shows an optional text in a diff line: `"text"` or `None`.
struct Text<'a>(Option<&'a str>);

impl Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(text) => Debug::fmt(text, f),
            None => f.write_str("None"),
        }
    }
}

/// Shows an optional duration: `30s` or `None`.
struct Shown(Option<Duration>);

impl Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(after) => Debug::fmt(&after, f),
            None => f.write_str("None"),
        }
    }
}

/// The panic message of [`assert_service_error!`](crate::assert_service_error)
/// (called through `__private`).
#[track_caller]
pub(crate) fn assert_matches(err: &dyn ServiceError, expr: &str, template: &Template) {
    let differences = diff(template, err);
    if !differences.is_empty() {
        let mut message = format!("assertion failed: `{expr}` does not match the template");
        for line in &differences {
            message.push_str("\n  ");
            message.push_str(line);
        }
        panic!("{message}\n  (the error: {err})");
    }
}

/// Asserts that a service error has the given fields, and otherwise panics
/// with every field that differs, expected and got.
///
/// Either `key = value` pairs, one per [`Template`] setter (`code` takes a
/// bare [`Code`] variant name as well as any expression of type `Code`), or
/// a [`Template`] (by value or by reference). The error is borrowed: pass a
/// value or a place (`err`, `*err_ref`, `*boxed`).
///
/// ```
/// use errdsl::testing::Template;
/// use errdsl::{Code, ErrorResult, assert_service_error};
///
/// let err = ErrorResult::builder("maintenance", Code::Unavailable).temporary(true).build();
/// assert_service_error!(err, name = "maintenance", code = Unavailable, temporary = true);
/// // `StatusCode` needs no import here, as `Code`'s variants do not.
/// assert_service_error!(err, code = Code::Unavailable, http_status = StatusCode::SERVICE_UNAVAILABLE, user_message = None);
///
/// let template = Template::new().name("maintenance").fault(false);
/// assert_service_error!(err, template);
/// ```
///
/// ```should_panic
/// # use errdsl::{Code, ErrorResult};
/// let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
/// // Panics with:
/// //   assertion failed: `err` does not match the template
/// //     code: expected invalid_argument, got not_found
/// //     temporary: expected true, got false
/// //     (the error: no user 42)
/// errdsl::assert_service_error!(err, code = InvalidArgument, temporary = true);
/// ```
#[macro_export]
macro_rules! assert_service_error {
    ($err:expr, $($key:ident = $value:expr),+ $(,)?) => {{
        #[allow(unused_mut)]
        let mut template = $crate::testing::Template::new();
        $(
            template = template.$key({
                // Lets `code = NotFound` name a variant without a path.
                #[allow(unused_imports, clippy::enum_glob_use, clippy::wildcard_imports)]
                use $crate::Code::*;
                #[allow(unused_imports)]
                use $crate::StatusCode;
                $value
            });
        )+
        $crate::__private::assert_service_error(&$err, ::core::stringify!($err), &template);
    }};
    ($err:expr, $template:expr $(,)?) => {
        $crate::__private::assert_service_error(
            &$err,
            ::core::stringify!($err),
            ::core::borrow::Borrow::<$crate::testing::Template>::borrow(&$template),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::error_result::ErrorResult;
    use std::borrow::Cow;
    use std::error::Error;

    /// A hand-written service error, standing in for a derived one.
    #[derive(Debug)]
    struct DivByZero;

    impl Display for DivByZero {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("cannot divide 7 by zero")
        }
    }

    impl Error for DivByZero {}

    impl ServiceError for DivByZero {
        fn name(&self) -> &'static str {
            "div_by_zero"
        }
        fn code(&self) -> Code {
            Code::InvalidArgument
        }
        fn http_status(&self) -> StatusCode {
            StatusCode::BAD_REQUEST
        }
        fn is_temporary(&self) -> bool {
            false
        }
        fn is_timeout(&self) -> bool {
            false
        }
        fn is_fault(&self) -> bool {
            false
        }
        fn user_message(&self) -> Option<Cow<'_, str>> {
            Some(Cow::Borrowed("You can't divide by zero."))
        }
        fn service(&self) -> Option<&str> {
            Some("divider")
        }
    }

    fn full_template() -> Template {
        Template::new()
            .name("div_by_zero")
            .code(Code::InvalidArgument)
            .http_status(StatusCode::BAD_REQUEST)
            .temporary(false)
            .timeout(false)
            .fault(false)
            .user_message("You can't divide by zero.")
            .message("cannot divide 7 by zero")
            .service("divider")
            .retry_after(None)
    }

    #[test]
    fn empty_template_matches_everything() {
        assert!(Template::new().matches(&DivByZero));
        assert!(diff(&Template::new(), &ErrorResult::new("x", Code::Unknown, "x")).is_empty());
    }

    #[test]
    fn full_template_matches() {
        assert_eq!(diff(&full_template(), &DivByZero), Vec::<String>::new());
        assert!(full_template().matches(&DivByZero));
    }

    #[test]
    fn every_field_differs() {
        let err = ErrorResult::builder("slow", Code::DeadlineExceeded)
            .message("took 31s")
            .temporary(true)
            .timeout(true)
            .fault(true)
            .retry_after(Duration::from_secs(30))
            .build();
        assert!(!full_template().matches(&err));
        assert_eq!(
            full_template().diff(&err),
            [
                r#"name: expected "div_by_zero", got "slow""#,
                "code: expected invalid_argument, got deadline_exceeded",
                "http_status: expected 400, got 504",
                "temporary: expected false, got true",
                "timeout: expected false, got true",
                "fault: expected false, got true",
                r#"user_message: expected "You can't divide by zero.", got None"#,
                r#"message: expected "cannot divide 7 by zero", got "took 31s""#,
                r#"service: expected "divider", got None"#,
                "retry_after: expected None, got 30s",
            ]
        );
    }

    #[test]
    fn absence_is_expected_with_none() {
        let template = Template::new().user_message(None).service(None).retry_after(Duration::from_secs(1));
        assert_eq!(
            diff(&template, &DivByZero),
            [
                r#"user_message: expected None, got "You can't divide by zero.""#,
                r#"service: expected None, got "divider""#,
                "retry_after: expected 1s, got None",
            ]
        );
    }

    #[test]
    fn from_spec_expects_what_the_spec_declares() {
        let spec = ErrorSpec::new("div_by_zero", Code::InvalidArgument)
            .with_service("divider")
            .with_user_message("You can't divide {dividend} by zero.");
        assert!(Template::from_spec(&spec).matches(&DivByZero));
        let spec = spec.with_temporary(true).with_retry_after_secs(5);
        assert_eq!(
            Template::from_spec(&spec).diff(&DivByZero),
            ["temporary: expected true, got false", "retry_after: expected 5s, got None"]
        );
        // A classified spec's code and flags are fallbacks: not compared.
        let spec = ErrorSpec::new("div_by_zero", Code::Unknown)
            .with_service("divider")
            .with_fault(true)
            .with_classified(true);
        assert!(Template::from_spec(&spec).matches(&DivByZero));
    }

    #[test]
    fn macro_with_keys() {
        assert_service_error!(DivByZero, name = "div_by_zero", code = InvalidArgument);
        let code = Code::InvalidArgument;
        assert_service_error!(
            DivByZero,
            code = code,
            http_status = StatusCode::BAD_REQUEST,
            temporary = false,
            timeout = false,
            fault = false,
            user_message = "You can't divide by zero.",
            message = "cannot divide 7 by zero",
            service = "divider",
            retry_after = None,
        );
        assert_service_error!(DivByZero, code = Code::InvalidArgument);
    }

    #[test]
    fn macro_with_a_template_or_a_reference() {
        let template = full_template();
        assert_service_error!(DivByZero, &template);
        assert_service_error!(DivByZero, template);
        assert_service_error!(DivByZero, Template::new().name("div_by_zero"));
        let boxed: Box<dyn ServiceError> = Box::new(DivByZero);
        assert_service_error!(*boxed, name = "div_by_zero");
        let by_ref = &DivByZero;
        assert_service_error!(*by_ref, name = "div_by_zero");
    }

    #[test]
    #[should_panic(expected = "assertion failed: `DivByZero` does not match the template
  code: expected not_found, got invalid_argument
  temporary: expected true, got false
  (the error: cannot divide 7 by zero)")]
    fn macro_panics_with_every_difference() {
        assert_service_error!(DivByZero, name = "div_by_zero", code = NotFound, temporary = true);
    }

    #[test]
    #[should_panic(expected = r#"name: expected "other", got "div_by_zero""#)]
    fn macro_with_a_template_panics_too() {
        assert_service_error!(DivByZero, Template::new().name("other"));
    }
}
