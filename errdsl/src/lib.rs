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
//! - [`classify`]: flags and a code for foreign errors (`std::io` and more);
//! - [`testing`]: compare errors with templates in tests.
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
//! - `serde`: `Serialize`/`Deserialize` for [`ErrorResult`] in Goa's JSON shape.
//! - `tonic`: conversions between [`Code`] and `tonic::Code`.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod classify;
mod code;
mod error_result;
mod id;
#[cfg(feature = "serde")]
mod json;
mod service_error;
pub mod testing;

pub use classify::{Classification, classify};
pub use code::{Code, UnknownCode};
pub use errdsl_macros::{ServiceError, errors};
pub use error_result::{ErrorResult, ErrorResultBuilder};
pub use service_error::{Catalog, ErrorSpec, ServiceError};

/// Items the generated code uses. Not public API: no stability promise.
#[doc(hidden)]
pub mod __private;
