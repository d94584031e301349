//! Declare the errors of a service once; get everything that follows from the
//! declaration generated and checked at compile time.
//!
//! - [`ServiceError`]: what every declared error answers (a stable name, the
//!   flags temporary / timeout / fault, a gRPC [`Code`] and an HTTP status, a
//!   message safe to show an end user);
//! - `#[derive(ServiceError)]`: implements it for error enums and structs
//!   you already have (beside `thiserror` or a hand-written `Display`), with
//!   constructors and a [`Catalog`];
//! - [`ErrorResult`]: the type-erased, wire-level form of any service error,
//!   with a per-instance id;
//! - transports: an HTTP response ([`http`], [`axum`](mod@crate::axum)) or a
//!   `tonic::Status` ([`grpc`]) from any service error, and the
//!   [`ErrorResult`] a client decodes back from either, then the typed error
//!   through `TryFrom<ErrorResult>`;
//! - [`classify`]: flags and a code for foreign errors (`std::io`, HTTP and
//!   gRPC statuses, `reqwest`, `serde_json`, tokio timeouts, databases);
//!   [`db`]: database errors in go-mysql's categories; [`retry`]: retries
//!   of exactly what is temporary, with `backon` or `tower::retry`;
//! - [`docs`]: a Markdown table and `OpenAPI` 3.1 components of any catalog;
//! - [`testing`]: compare errors with templates in tests;
//! - [`guide`]: a chapter per task, from declaring errors to keeping the
//!   contract; start there.
//!
//! ```
//! use errdsl::{Catalog, Code, ServiceError};
//!
//! #[derive(Debug, thiserror::Error, ServiceError)]
//! #[service_error(service = "divider")]
//! pub enum DivideError {
//!     /// The divisor was zero.
//!     #[error("cannot divide {dividend} by zero")]
//!     #[service_error(grpc = InvalidArgument, user_msg = "You can't divide by zero.")]
//!     DivByZero { dividend: i64 },
//!
//!     #[error("divider is in maintenance")]
//!     #[service_error(temporary, http = 503)]
//!     Maintenance,
//! }
//!
//! let err = DivideError::div_by_zero(10);
//! assert_eq!(err.name(), "div_by_zero");
//! assert_eq!(err.http_status(), 400);
//! assert_eq!(DivideError::maintenance().code(), Code::Unavailable);
//! assert_eq!(DivideError::ERRORS.len(), 2);
//! ```
//!
//! # Cargo features
//!
//! - `serde`: `Serialize`/`Deserialize` for [`ErrorResult`] in Goa's JSON
//!   shape, and the HTTP transport, [`http`]: the Goa and RFC 9457 bodies
//!   ([`http::GoaBody`], [`http::ProblemDetails`]), responses
//!   ([`http::response`], [`http::response_for`]) and client decoding
//!   ([`ErrorResult::from_http_response`]).
//! - `axum`: `axum::response::IntoResponse` for every declared type and for
//!   [`ErrorResult`], and middleware choosing the body by the request's
//!   `Accept` ([`axum::negotiate`]).
//! - `error-pages`: the error reference pages that RFC 9457 problem
//!   `type`s point to, served by [`docs::router`] (with `axum`).
//! - `actix-web`: `actix_web::ResponseError` for every declared type and
//!   for [`ErrorResult`], answering as the axum impl does, and middleware
//!   choosing the body by the request's `Accept` ([`actix::negotiate`]).
//! - `tonic`: `From<YourError>` and `From<ErrorResult>` for `tonic::Status`
//!   in the Google rich error model ([`grpc`]), client decoding
//!   ([`ErrorResult::from_grpc_status`]), and conversions between [`Code`]
//!   and `tonic::Code`.
//! - `connect`: `From<YourError>` and `From<ErrorResult>` for
//!   `connectrpc::ConnectError`, with the code and details of the gRPC
//!   transport ([`connect`]), and client decoding
//!   ([`ErrorResult::from_connect_error`],
//!   [`ErrorResult::from_connect_response`]).
//! - `opentelemetry`: every error that leaves through a transport sets
//!   `error.type` (its wire name) on the current `tracing` span, and the
//!   span's status to error when the error is the server's (5xx over HTTP, a
//!   server-side code over gRPC and Connect), through
//!   `tracing-opentelemetry`. Fault logs always use OpenTelemetry's names
//!   (`error.type`, `exception.message`).
//! - `utoipa`: `utoipa::IntoResponses` for every declared type, the
//!   responses of its catalog by HTTP status ([`docs::utoipa_responses`]),
//!   for `#[utoipa::path(responses(...))]`.
//! - `aide`: `aide::OperationOutput` for every declared type, the same
//!   responses ([`docs::aide_responses`]), so that aide documents a handler
//!   returning `Result<T, YourError>` with every error it can return.
//! - `reqwest`: [`ErrorResult::from_reqwest`] reads a client response, and
//!   [`classify`] knows `reqwest::Error`.
//! - `tokio`: [`classify`] knows `tokio::time::error::Elapsed` (a timeout).
//! - `backon`: [`retry::with_backon`], a retry of what is temporary that
//!   waits at least the error's `retry_after()`.
//! - `tower`: [`retry::TemporaryPolicy`], a `tower::retry::Policy` bounded
//!   in attempts and delay.
//! - `garde`, `validator`: a validation report converts into
//!   [`FieldViolations`] (and, with `axum`, into
//!   [`axum::RequestError`]'s `invalid_fields`),
//!   which every transport sends and decodes.
//! - `async-graphql`: `async_graphql::ErrorExtensions` for every declared
//!   type and for [`ErrorResult`]: `.extend()?` in a resolver sends the wire
//!   message with errdsl's extensions ([`graphql`]).
//! - `restate`: a Restate handler returning [`restate::HandlerResult`] has a
//!   temporary error retried by the engine and a permanent one ended as a
//!   `TerminalError` with its HTTP status; callers decode the failure
//!   ([`ErrorResult::from_restate_response`]). restate-sdk 0.13 needs Rust 1.90.
//! - `sqlx`, `sqlx-mysql`, `sqlx-postgres`: [`db::DbErrorKind::from_sqlx`]
//!   and [`classify`] know `sqlx::Error` and the drivers' error numbers and
//!   SQLSTATEs.
//!
//! The generated transport impls live in your crate but need neither axum
//! nor tonic nor connectrpc among its dependencies: they are switched on by errdsl's own
//! features.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The guide: a chapter per task, each example a doctest.
///
/// A chapter's first line names the errdsl features and the crates its
/// examples use; the chapter is compiled in with exactly those features,
/// and `scripts/guide-examples.sh` runs its examples with those features
/// alone, so that what a chapter says it needs is all it needs.
pub mod guide {
    #[doc = include_str!("../docs/declaring-errors.md")]
    #[cfg(feature = "serde")]
    pub mod declaring_errors {}

    #[doc = include_str!("../docs/sending-errors.md")]
    #[cfg(all(feature = "axum", feature = "tonic", feature = "connect"))]
    pub mod sending_errors {}

    #[doc = include_str!("../docs/rejecting-requests.md")]
    #[cfg(all(feature = "axum", feature = "garde"))]
    pub mod rejecting_requests {}

    #[doc = include_str!("../docs/openapi.md")]
    #[cfg(all(feature = "axum", feature = "utoipa", feature = "aide", feature = "tonic"))]
    pub mod openapi {}

    #[doc = include_str!("../docs/classifying-and-retrying.md")]
    pub mod classifying_and_retrying {}

    #[doc = include_str!("../docs/durable-retries.md")]
    #[cfg(feature = "restate")]
    pub mod durable_retries {}

    #[doc = include_str!("../docs/error-reference.md")]
    #[cfg(feature = "error-pages")]
    pub mod error_reference {}

    #[doc = include_str!("../docs/testing-errors.md")]
    #[cfg(feature = "serde")]
    pub mod testing_errors {}

    #[doc = include_str!("../docs/without-a-framework.md")]
    #[cfg(feature = "serde")]
    pub mod without_a_framework {}

    #[doc = include_str!("../docs/from-thiserror.md")]
    #[cfg(feature = "axum")]
    pub mod from_thiserror {}
}

// The macros' generated code names `::errdsl`, also where errdsl declares
// errors of its own (`RequestError`, of `axum` and `actix`).
#[cfg(any(feature = "axum", feature = "actix-web"))]
extern crate self as errdsl;

// The folders are the roles: `model` (what an error is), `transport` (the
// wire formats), `integration` (frameworks), `describe` (what a catalog
// tells readers), `policy` (what to do with an error: classify, retry).
mod describe;
mod integration;
mod model;
mod percent;
mod policy;
#[cfg(all(test, feature = "serde"))]
mod test_fixtures;
pub mod testing;
mod transport;

#[cfg(feature = "serde")]
pub use describe::contract;
pub use describe::docs;
/// Derives [`ServiceError`](trait@ServiceError), [`Catalog`] and constructors.
///
/// On an enum, `#[service_error(...)]` on each variant describes that error;
/// on the enum it gives `service = "..."`, `domain = "divider.example.com"`
/// (the AIP-193 `ErrorInfo.domain`; default: the service) and defaults (`grpc`, `http`,
/// `temporary`, `timeout`, `fault`, `retry_after_secs`) for variants that
/// declare no mapping. On a struct, the struct is one error.
///
/// | key | meaning |
/// | --- | --- |
/// | `grpc = NotFound` or `grpc = 5` | the gRPC code; the HTTP status follows from the standard table |
/// | `http = 404` | the HTTP status (400..=599); the code follows from the semantic inverse table |
/// | `temporary`, `timeout`, `fault` | the flags; with no `grpc`/`http` they imply the mapping: `timeout` `DeadlineExceeded`/504, else `fault` `Internal`/500, else `temporary` `Unavailable`/503 |
/// | `user_msg = "... {field} ..."` | the message safe to show users; `{field}`, `{0}` and format specs such as `{amount:.2}` |
/// | `retry_after_secs = 30` | `retry_after()`, for temporary errors |
/// | `name = "wire_name"` | the wire name; default: the `snake_case` of the variant (of the type, on a struct). ASCII letters, digits and `_`, 3 to 63 of them, from a letter to a letter or digit, unique in the catalog without regard to case (gRPC sends it upper-cased as `ErrorInfo.reason`) |
/// | `classify` | code, status, `temporary` and `timeout` come from [`classify`]ing the `#[source]`/`#[from]`/`source` field at run time; a server-side result is a fault; the wire message is never the source's text: the class's [generic text](Code::user_message) (a fault, the fault's), unless `user_msg` is declared |
/// | `transparent` | every method is delegated to the only field, itself a `ServiceError` |
/// | `custom_body` | the Goa JSON body is a Goa custom error type: `message` and the wire fields at the top level ([`BodyShape::Custom`]) |
/// | `name_member = "name"` | with `custom_body`: the member that holds the wire name (Goa's `struct:error:name`); not `error_name`, `message` or a wire field's name |
/// | `docs_url = "/errors/"` (on the type) | the base of the errors' documentation pages: RFC 9457's problem `type` is the base and the name ([`docs::router`](crate::docs) serves them) |
/// | `no_transport_impls` (on the type) | you write `IntoResponse` and the `From` impls for `tonic::Status` and `connectrpc::ConnectError` yourself |
/// | `export` (on an [`errors!`] enum) | other crates may name the enum as a parent |
/// | `method = "integer_divide"` (on the type) | the Goa method of the type's errors, in `snake_case`: with `service`, a custom error type is sent over gRPC as the message a Goa server sends ([`ErrorSpec::goa_message`]) |
///
/// On a field: `violations` holds the error's field violations
/// ([`FieldViolations`], gRPC's `BadRequest`); `wire` sends it with the error (its type is `Display +
/// FromStr`; see [`ServiceError::wire_fields`]; JSON writes integers and
/// floats as numbers and `bool` as a boolean, see [`JsonType`]; a field the
/// sent message shows travels too, as the message shows it); `default` keeps
/// it in the process and has clients decode it as `Default::default()`;
/// `location` records where the error was made (the field is a
/// `&'static std::panic::Location<'static>`; see [`ServiceError::location`]);
/// `name = "status_code"` gives a travelling field its wire name (the member
/// of `fields` in both bodies, the catalog's name, and in gRPC's metadata its
/// lowerCamelCase key `statusCode`). A field named like one of errdsl's own
/// metadata keys (`id`, `code`, `service`, the flags) needs no rename: it
/// travels in gRPC's metadata as `field_id`, which clients read back as
/// `id`. A
/// client decodes an error back into its variant with `TryFrom<ErrorResult>`
/// (generated for every type) when each of its fields is `wire` or
/// `default`.
///
/// A variant's doc comment is its [`ErrorSpec::description`]: what the
/// error reference pages, the `OpenAPI` documents, the contract and the
/// reasons' `.proto` show the API's clients. A section after a `# Internal`
/// heading stays out of it (it stays in rustdoc, for the service's own
/// developers), and Rust intra-doc links are shown as their text.
///
/// ```
/// use errdsl::Catalog;
///
/// #[derive(Debug, thiserror::Error, errdsl::ServiceError)]
/// enum ShelfError {
///     /// No shelf has that number; see [`MAX_SHELF`].
///     ///
///     /// # Internal
///     ///
///     /// The shelves come from the warehouse database.
///     #[error("no shelf")]
///     #[service_error(http = 404)]
///     NoSuchShelf,
/// }
/// const MAX_SHELF: u32 = 40;
///
/// assert_eq!(ShelfError::ERRORS[0].description, "No shelf has that number; see `MAX_SHELF`.");
/// # let _ = MAX_SHELF;
/// ```
///
/// Every mistake is a compile error on the offending tokens, all reported in
/// one pass: unknown keys, statuses outside 400..=599, unknown codes, a
/// missing mapping, an HTTP status and code that blame different sides, a
/// `fault` with a client-side code, a `timeout` not mapped to
/// `DeadlineExceeded`/408/504, a `temporary` error with a code that is never
/// retried, `retry_after_secs` on a permanent error, duplicate wire names
/// (or names that differ only in case), names gRPC cannot send as an
/// AIP-193 reason, a `domain` that is no DNS name, a travelling field whose
/// `ErrorInfo` metadata key would not read back, two fields under one wire
/// name, a field type that is not `Send + Sync` (one error, on the type,
/// through `ThreadSafe`), misused `transparent`/`classify`, a custom
/// body's field under the member `message` or Goa's reserved `error_name`,
/// and `user_msg` placeholders naming missing fields.
///
/// A constructor per variant is generated (`DivideError::div_by_zero(dividend)`),
/// with the enum's visibility.
#[doc(inline)]
pub use errdsl_macros::ServiceError;
#[cfg(feature = "actix-web")]
pub use integration::actix;
#[cfg(feature = "axum")]
pub use integration::axum;
#[cfg(feature = "async-graphql")]
pub use integration::graphql;
#[cfg(feature = "restate")]
pub use integration::restate;
pub use model::bounds;
pub use model::code::{Code, UnknownCode};
pub use model::wire_field::{BodyShape, JsonType, NON_FINITE_TEXTS, ProtoType, WireField};
pub use policy::classify::classify;
pub use policy::error_class::Classification;
pub use policy::{db, retry};
#[cfg(feature = "connect")]
pub use transport::connect;
#[cfg(feature = "tonic")]
pub use transport::grpc;
#[cfg(feature = "serde")]
pub use transport::http;

/// Declares whole error catalogs: the enums themselves, `Display` from
/// `#[error("...")]`, `std::error::Error` with `source()`, `From` for
/// `#[from]` fields, and everything [`derive@ServiceError`] generates.
///
/// An enum may name a parent after a colon: it then has every error of its
/// parent (and of the parent's ancestors) as its own variants, declared as
/// the ancestor declared them, and `From<Ancestor>` for each ancestor. This
/// is Goa's API-, service- and method-level errors. A parent is an enum of
/// the same `errors!` by name, or one another `errors!` of the crate
/// declares, by path (`pub enum DividerError: crate::api::ApiError`);
/// `From` then converts from the parent named. `#[service_error(export)]`
/// on an enum lets other crates inherit from it too, naming it by its path
/// (`pub enum DividerError: ::api_errors::api::ApiError`). Enums
/// get `#[derive(Debug)]` unless they derive it. A `#[cfg(...)]` on a
/// variant, an enum or a named field goes on every item generated for it
/// (a field no message shows, and not the source: those need the field in
/// every configuration); a `#[cfg_attr]` holding `service_error`, `error`,
/// `source` or `from` is a compile error (`errors!` runs before the
/// compiler evaluates it).
///
/// ```
/// use errdsl::{Catalog, Code, ServiceError};
///
/// errdsl::errors! {
///     /// Errors every service of the API may return.
///     pub enum ApiError {
///         #[error("authentication required")]
///         #[service_error(grpc = Unauthenticated)]
///         Unauthorized,
///     }
///     /// Errors of the divider service.
///     #[service_error(service = "divider")]
///     pub enum DividerError: ApiError {
///         #[error("divider is in maintenance")]
///         #[service_error(temporary, http = 503, retry_after_secs = 30)]
///         Maintenance,
///     }
///     /// Errors of divider.divide.
///     #[service_error(service = "divider")]
///     pub enum DivideError: DividerError {
///         #[error("cannot divide {dividend} by zero")]
///         #[service_error(grpc = InvalidArgument, user_msg = "You can't divide by zero.")]
///         DivByZero { dividend: i64 },
///     }
/// }
///
/// let err = DivideError::div_by_zero(3);
/// assert_eq!(err.to_string(), "cannot divide 3 by zero");
/// assert_eq!(err.code(), Code::InvalidArgument);
///
/// let err: DivideError = ApiError::unauthorized().into();
/// assert_eq!(err.http_status(), 401);
///
/// let names: Vec<_> = DivideError::ERRORS.iter().map(|e| e.name).collect();
/// assert_eq!(names, ["unauthorized", "maintenance", "div_by_zero"]);
/// ```
#[doc(inline)]
pub use errdsl_macros::errors;
pub use model::error_result::{ErrorResult, ErrorResultBuilder};
pub use model::field_violation::{FieldViolation, FieldViolations};
pub use model::service_error::{Catalog, ErrorSpec, ServiceError};

/// The type of every HTTP status in errdsl's API (the `http` crate's),
/// re-exported so that a hand-written [`ServiceError`] impl, an
/// [`ErrorSpec`] or a [`Template`](testing::Template) needs no `http`
/// dependency of its own.
///
/// ```
/// use errdsl::{Code, ErrorSpec, StatusCode};
///
/// let spec = ErrorSpec::new("teapot", Code::FailedPrecondition).with_http_status(StatusCode::IM_A_TEAPOT);
/// assert_eq!(spec.http_status, 418);
/// ```
pub use ::http::StatusCode;

/// Items the generated code uses. Not public API: no stability promise.
#[doc(hidden)]
pub mod __private;
