//! What the macros ask of the types of a declared error's fields. When a
//! field's type does not fit, the compiler names one of these traits, with
//! errdsl's message on the field's type; each is implemented for every type
//! that fits (you implement none of them yourself):
//!
//! | trait | asked of | which types have it |
//! | --- | --- | --- |
//! | [`WireValue`] | a `#[service_error(wire)]` field | `Display + FromStr`: numbers, `bool`, `char`, `String`, your own types with both |
//! | [`Shown`] | a field a message shows | `Display` |
//! | [`DecodesAsDefault`] | a `#[service_error(default)]` field, or one that stays in the process | `Default` |
//! | [`ViolationList`] | a `#[service_error(violations)]` field | [`FieldViolations`] |
//! | [`LocationField`] | a `#[service_error(location)]` field | `&'static Location<'static>` |
//! | [`Transparent`] | the field of a `transparent` error | errors declared by the derive or `errors!` |
//! | [`ThreadSafe`] | every field | `Send + Sync` |
//! | [`StdError`] | a type of the derive itself | `std::error::Error` |
//! | [`Source`] | a `#[source]` or `#[from]` field | `std::error::Error`, and what derefs to a `dyn Error` (`Box<dyn Error + Send + Sync>`, `anyhow::Error`) |
//!
//! Every use of a field's type in generated code goes through one of them
//! (as `<Type as Bound>::item`), so that a type that does not fit is one
//! error, on the whole type, and no other. [`Source`] is the exception: it
//! is called as a method, as thiserror does, so that a box or an alias of
//! one (tower's `BoxError`) reaches the `dyn Error` inside it.

use crate::model::error_result::ErrorResult;
use crate::model::field_violation::{FieldViolation, FieldViolations};
use crate::model::service_error::{Catalog, ErrorSpec, ServiceError};
use std::panic::Location;

/// The type of a `#[service_error(transparent)]` field: an error errdsl
/// declares, whose catalog and answers the variant's are. Every use of the
/// field's type goes through this one trait, so that a type errdsl does
/// not declare is one error, in errdsl's words, on the field's type.
///
/// ```
/// use errdsl::bounds::Transparent;
///
/// #[derive(Debug, thiserror::Error, errdsl::ServiceError)]
/// pub enum Inner {
///     #[error("gone")]
///     #[service_error(http = 410)]
///     Gone,
/// }
///
/// assert_eq!(<Inner as Transparent>::ERRORS[0].name, "gone");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an error errdsl declares, so `transparent` cannot delegate to it",
    label = "declared neither with `#[derive(errdsl::ServiceError)]` nor in `errdsl::errors!`",
    note = "map the error itself instead, e.g. `#[service_error(http = 500)]` or `#[service_error(fault)]`, or classify this source at run time with `#[service_error(classify)]`"
)]
pub trait Transparent {
    /// The inner type's catalog.
    const ERRORS: &'static [ErrorSpec];
    /// The inner error, to delegate to.
    fn service_error(&self) -> &dyn ServiceError;
}

#[diagnostic::do_not_recommend]
impl<T: ServiceError + Catalog> Transparent for T {
    const ERRORS: &'static [ErrorSpec] = T::ERRORS;
    #[inline]
    fn service_error(&self) -> &dyn ServiceError {
        self
    }
}

/// What a `#[service_error(wire)]` field's type must be: it travels as text.
///
/// ```
/// use errdsl::bounds::WireValue;
///
/// assert_eq!(42_u16.to_wire(), "42");
/// assert_eq!(u16::from_wire("42"), Some(42));
/// assert_eq!(u16::from_wire("forty-two"), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot travel on the wire: a `#[service_error(wire)]` field is sent as text",
    label = "needs `Display` (to send it) and `FromStr` (to decode it)",
    note = "a `wire` field is a number, `bool`, `char`, `String`, or a type of yours with both `Display` and `FromStr`; `Option`, `Vec`, `Duration` and other std types have neither: send a `String` (or a type of yours), or mark the field `#[service_error(default)]` (it stays in the process and decodes as its default)"
)]
pub trait WireValue {
    /// The text sent.
    fn to_wire(&self) -> String;
    /// The value decoded from the text sent.
    fn from_wire(text: &str) -> Option<Self>
    where
        Self: Sized;

    /// The field `name` of `result`, decoded; `None` when it is missing or
    /// malformed.
    fn from_field(result: &ErrorResult, name: &str) -> Option<Self>
    where
        Self: Sized,
    {
        Self::from_wire(result.field(name)?)
    }
}

#[diagnostic::do_not_recommend]
impl<T: core::fmt::Display + core::str::FromStr> WireValue for T {
    fn to_wire(&self) -> String {
        self.to_string()
    }

    fn from_wire(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// What a field that does not travel must be for its error to decode: it
/// decodes as its `Default`.
///
/// ```
/// use errdsl::bounds::DecodesAsDefault;
///
/// assert_eq!(<String as DecodesAsDefault>::decoded(), "");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no `Default`, so a client cannot decode this field",
    label = "a `#[service_error(default)]` field decodes as `Default::default()`",
    note = "implement `Default` for `{Self}`, or, if it is `Display` and `FromStr`, send the field with `#[service_error(wire)]`"
)]
pub trait DecodesAsDefault {
    /// The value a client decodes the field as.
    fn decoded() -> Self;
}

#[diagnostic::do_not_recommend]
impl<T: Default> DecodesAsDefault for T {
    fn decoded() -> Self {
        T::default()
    }
}

/// What a `#[service_error(violations)]` field's type must be: errdsl's
/// list of field violations, which every transport sends and decodes.
///
/// ```
/// use errdsl::bounds::ViolationList;
/// use errdsl::{FieldViolation, FieldViolations};
///
/// let sent: FieldViolations = vec![FieldViolation::new("email", "is not an address")].into();
/// let received = FieldViolations::from_violations(sent.violations());
/// assert_eq!(received.violations()[0].field(), "email");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `errdsl::FieldViolations`, the type a `#[service_error(violations)]` field holds",
    label = "the field's violations travel in gRPC's `BadRequest` and the HTTP bodies",
    note = "write the field as `violations: errdsl::FieldViolations` (it converts from a `Vec<FieldViolation>` and, with errdsl's `garde` or `validator` feature, from a validation report)"
)]
pub trait ViolationList {
    /// The violations, to send.
    fn violations(&self) -> &[FieldViolation];
    /// The field, from the violations a client received.
    fn from_violations(violations: &[FieldViolation]) -> Self;
}

// Not recommended: the note says what to write, in errdsl's words.
#[diagnostic::do_not_recommend]
impl ViolationList for FieldViolations {
    fn violations(&self) -> &[FieldViolation] {
        self
    }

    fn from_violations(violations: &[FieldViolation]) -> Self {
        violations.to_vec().into()
    }
}

/// What the type of a `#[service_error(location)]` field must be: the
/// location of a call, `&'static std::panic::Location<'static>`, which
/// `Location::caller()` gives.
///
/// ```
/// use std::panic::Location;
/// use errdsl::bounds::LocationField;
///
/// let here: &'static Location<'static> = Location::caller();
/// assert_eq!(LocationField::location(&here).line(), here.line());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not where an error was made: a `#[service_error(location)]` field holds `&'static Location<'static>`",
    label = "filled with `std::panic::Location::caller()`",
    note = "write the field as `at: &'static std::panic::Location<'static>`"
)]
pub trait LocationField {
    /// The location the field holds.
    fn location(&self) -> &'static Location<'static>;
    /// The field's value where the caller of a `#[track_caller]` function
    /// is.
    #[track_caller]
    fn caller() -> Self;
}

// Not recommended: the note says what to write, in errdsl's words.
#[diagnostic::do_not_recommend]
impl LocationField for &'static Location<'static> {
    fn location(&self) -> &'static Location<'static> {
        self
    }

    #[track_caller]
    fn caller() -> Self {
        Location::caller()
    }
}

/// What the type of every field of a declared error must be: `Send +
/// Sync`, since a service error crosses threads (axum and tonic handlers,
/// retries, spans). Checked once per field type, on the type, in errdsl's
/// words, also for a named type that holds an `Rc` or a `dyn Error`
/// somewhere inside it.
///
/// ```
/// fn thread_safe<T: errdsl::bounds::ThreadSafe + ?Sized>() {}
/// thread_safe::<std::io::Error>();
/// thread_safe::<std::sync::Arc<String>>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `Send + Sync`, and a service error crosses threads (axum, tonic, retries), so every field of it is",
    label = "not `Send + Sync`",
    note = "hold shared data in an `Arc` rather than an `Rc`, and a boxed error as `Box<dyn Error + Send + Sync>`"
)]
pub trait ThreadSafe {
    /// Evaluated where generated code checks a field's type.
    const CHECKED: () = ();
}

// Not recommended: rustc would otherwise report `Send` and `Sync` apart.
#[diagnostic::do_not_recommend]
impl<T: Send + Sync + ?Sized> ThreadSafe for T {}

/// What the type of a field an error's message shows must be: `Display`,
/// the form a message shows it in. Checked on the field's type, in errdsl's
/// words (without it, the compiler reports the missing `Display` on the
/// derive, once per use).
///
/// ```
/// fn shown<T: errdsl::bounds::Shown>() {}
/// shown::<u32>();
/// shown::<String>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be shown in an error's message: it is not `Display`",
    label = "a message shows its fields by `Display`",
    note = "show a field that holds the text to show (for a path, a `String` of `path.display()`; for a list, the items joined), or stop showing this one"
)]
pub trait Shown {
    /// The value, as the message shows it.
    fn shown(&self) -> &dyn core::fmt::Display;
}

// Not recommended: the note says what to write, in errdsl's words.
#[diagnostic::do_not_recommend]
impl<T: core::fmt::Display> Shown for T {
    #[inline]
    fn shown(&self) -> &dyn core::fmt::Display {
        self
    }
}

/// What a type declared with `#[derive(ServiceError)]` must be itself: a
/// `std::error::Error` (so `Debug` and `Display` too), as every service
/// error is. Checked once, on the type's name, in errdsl's words.
///
/// ```
/// fn std_error<T: errdsl::bounds::StdError + ?Sized>() {}
/// std_error::<std::io::Error>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `std::error::Error`, which every service error is",
    label = "derive `Debug` and `thiserror::Error` for it",
    note = "write `#[derive(Debug, thiserror::Error, errdsl::ServiceError)]` and an `#[error(\"...\")]` on each variant, or implement `Debug`, `Display` and `std::error::Error` yourself"
)]
pub trait StdError {
    /// Evaluated where generated code checks the type.
    const CHECKED: () = ();
}

// Not recommended: the note says what to write, in errdsl's words.
#[diagnostic::do_not_recommend]
impl<T: std::error::Error + ?Sized> StdError for T {}

/// What the type of an error's source (`#[source]`, `#[from]`, or a field
/// named `source`) must be: an error, or a pointer that derefs to one.
/// Generated code calls [`Source::as_dyn_source`] as a method, so that
/// auto-deref reaches the `dyn Error` inside a `Box`, an alias of one
/// (tower's `BoxError`) or an `anyhow::Error`, as thiserror's sources do.
/// A type that is none of these is reported by the compiler, which names
/// `std::error::Error` as the bound it misses.
///
/// ```
/// use errdsl::bounds::Source;
///
/// let io = std::io::Error::other("disk full");
/// assert_eq!(io.as_dyn_source().to_string(), "disk full");
///
/// let boxed: Box<dyn std::error::Error + Send + Sync> = "no route".into();
/// assert_eq!((*boxed).as_dyn_source().to_string(), "no route");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an error, so it cannot be the source of a service error",
    label = "not a `std::error::Error`",
    note = "a source is an error (`std::error::Error + 'static`) or a box of one; show text or numbers in the message instead"
)]
pub trait Source {
    /// The source, as the error trait object `Error::source` returns.
    fn as_dyn_source(&self) -> &(dyn std::error::Error + 'static);
}

// Not recommended: the note says what a source is, in errdsl's words.
#[diagnostic::do_not_recommend]
impl<T: std::error::Error + 'static> Source for T {
    #[inline]
    fn as_dyn_source(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl Source for dyn std::error::Error + 'static {
    #[inline]
    fn as_dyn_source(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl Source for dyn std::error::Error + Send + 'static {
    #[inline]
    fn as_dyn_source(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl Source for dyn std::error::Error + Send + Sync + 'static {
    #[inline]
    fn as_dyn_source(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}
