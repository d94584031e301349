//! Generated code compiles warning-free under the strictest lints a user may
//! set. `cargo clippy --all-targets` (run by `.ci/run`) checks the clippy part.
#![deny(warnings, clippy::all, clippy::pedantic, missing_docs)]
#![forbid(unsafe_code)]

use errdsl::{Catalog, ServiceError};

/// Every shape and key at once.
#[derive(Debug, thiserror::Error, ServiceError)]
#[service_error(service = "lints")]
pub enum LintedError {
    /// Unit.
    #[error("unit")]
    #[service_error(grpc = NotFound)]
    Unit,
    /// Named fields.
    #[error("named {amount}")]
    #[service_error(http = 402, user_msg = "Pay {amount:.2} first.")]
    Named {
        /// The amount.
        #[service_error(wire)]
        amount: f64,
        /// Unused by the message.
        #[service_error(default)]
        note: String,
    },
    /// Tuple fields.
    #[error("tuple {0}")]
    #[service_error(temporary, retry_after_secs = 1, user_msg = "Retry {0}.")]
    Tuple(u8, u16),
    /// Classified.
    #[error("io")]
    #[service_error(classify, fault, name = "io_error")]
    Io(#[from] std::io::Error),
    /// Transparent.
    #[error(transparent)]
    #[service_error(transparent)]
    Inner(InnerError),
    /// Timeout.
    #[error("slow")]
    #[service_error(timeout, name = "too_slow")]
    Slow,
    /// Field violations.
    #[error("invalid: {violations}")]
    #[service_error(http = 422)]
    Invalid {
        /// What is wrong with each field.
        #[service_error(violations)]
        violations: errdsl::FieldViolations,
    },
}

/// A transparent variant's inner error.
#[derive(Debug, thiserror::Error, ServiceError)]
pub enum InnerError {
    /// Fault.
    #[error("inner")]
    #[service_error(fault)]
    Fault,
}

/// A struct error.
#[derive(Debug, thiserror::Error, ServiceError)]
#[error("struct")]
#[service_error(grpc = Aborted, user_msg = "Aborted {0}.")]
pub struct LintedStruct(pub u32);

#[test]
fn linted_code_runs() {
    assert_eq!(LintedError::ERRORS.len(), 7);
    let violations: errdsl::FieldViolations = vec![errdsl::FieldViolation::new("a", "is bad")].into();
    assert_eq!(LintedError::invalid(violations).field_violations().len(), 1);
    assert_eq!(LintedError::slow().name(), "too_slow");
    assert_eq!(LintedError::tuple(1, 2).user_message().as_deref(), Some("Retry 1."));
    assert_eq!(LintedError::named(1.5, String::new()).user_message().as_deref(), Some("Pay 1.50 first."));
    assert_eq!(LintedStruct(3).user_message().as_deref(), Some("Aborted 3."));
    assert!(LintedError::inner(InnerError::fault()).is_fault());
}

errdsl::errors! {
    /// API level.
    #[service_error(service = "lints")]
    pub enum ApiLevel {
        /// Unit.
        #[error("unauthorized")]
        #[service_error(grpc = Unauthenticated, user_msg = "Sign in.")]
        Unauthorized,
        /// Io.
        #[error("io: {0}")]
        #[service_error(classify, name = "io_error")]
        Io(#[from] std::io::Error),
    }
    /// Method level.
    pub enum MethodLevel: ApiLevel {
        /// Named.
        #[error("bad {value:?}")]
        #[service_error(http = 400, user_msg = "Bad {value}.")]
        Bad {
            /// The value.
            value: String,
        },
        /// Transparent.
        #[error(transparent)]
        #[service_error(transparent)]
        Inner(InnerError),
        /// Source by name.
        #[error("wrapped")]
        #[service_error(fault)]
        Wrapped {
            /// The source.
            source: std::io::Error,
        },
        /// Field violations.
        #[error("invalid form")]
        #[service_error(grpc = InvalidArgument)]
        InvalidForm {
            /// What is wrong with each field.
            #[service_error(violations)]
            violations: errdsl::FieldViolations,
        },
        /// Where it was made, by its constructor.
        #[error("located")]
        #[service_error(fault)]
        Located {
            /// Where.
            #[service_error(location)]
            at: &'static std::panic::Location<'static>,
        },
        /// Where it was made, by `From`.
        #[error("parse")]
        #[service_error(http = 400)]
        Parse(#[from] std::num::ParseIntError, #[service_error(location)] &'static std::panic::Location<'static>),
    }
}

#[test]
fn linted_catalog_runs() {
    assert_eq!(MethodLevel::ERRORS.len(), 8);
    assert!(MethodLevel::located().location().is_some());
    let parsed: Result<u8, MethodLevel> = "x".parse::<u8>().map_err(MethodLevel::from);
    assert!(parsed.is_err_and(|err| err.location().is_some()));
    assert!(MethodLevel::invalid_form(errdsl::FieldViolations::new()).field_violations().is_empty());
    let err: MethodLevel = ApiLevel::unauthorized().into();
    assert_eq!(err.user_message().as_deref(), Some("Sign in."));
    assert_eq!(MethodLevel::bad("x".into()).to_string(), "bad \"x\"");
}

/// Parents across modules and crates, under the same lints: the callbacks
/// `errors!` leaves beside every enum, used or not, warn about nothing.
pub mod shared {
    errdsl::errors! {
        /// Declared here, inherited in another module.
        #[service_error(export)]
        pub enum SharedLevel {
            /// Unit.
            #[error("shared")]
            #[service_error(http = 409)]
            Shared,
        }
        /// Declared and never inherited.
        enum Unused {
            /// Unit.
            #[error("unused")]
            #[service_error(http = 410)]
            Gone,
        }
    }

    /// Uses the private enum, so that only its callback goes unused.
    #[must_use]
    pub fn gone_name() -> &'static str {
        use errdsl::Catalog;
        Unused::ERRORS[0].name
    }
}

errdsl::errors! {
    /// Inherits across a module and across a crate.
    pub enum Across: crate::shared::SharedLevel {
        /// Unit.
        #[error("across")]
        #[service_error(http = 400)]
        Here,
    }
    /// Inherits from another crate.
    pub enum OtherCrate: ::errdsl_test_api::api::ApiError {
        /// Unit.
        #[error("other")]
        #[service_error(http = 400)]
        Other,
    }
}

#[test]
fn linted_parents_across_modules_and_crates() {
    assert_eq!(Across::ERRORS.len(), 2);
    assert_eq!(OtherCrate::ERRORS.len(), 3);
    assert_eq!(shared::gone_name(), "gone");
    let err: Across = shared::SharedLevel::shared().into();
    assert_eq!(err.http_status(), 409);
}
