//! The error catalog of a small calculator API, declared once with
//! `errdsl::errors!`, in Goa's three levels:
//!
//! ```text
//! ApiError                 every service of the API
//! ├── DividerError         the "divider" service
//! │   ├── DivideError      divider.divide
//! │   └── ModuloError      divider.modulo
//! └── CalcError            the "calc" service (with StoreError, transparently)
//!     ├── EvaluateError    calc.evaluate
//!     └── AssignError      calc.assign
//! StoreError               the variable store behind calc
//! ```
//!
//! A child enum has every error of its ancestors as its own variants, and
//! converts from each of them with `From`, so a method can `?` any error of its
//! service or of the API:
//!
//! ```
//! use errdsl::{Catalog, Code, ServiceError};
//! use errdsl_examples::catalog::{ApiError, DivideError};
//!
//! fn divide(dividend: i64, divisor: i64, signed_in: bool) -> Result<i64, DivideError> {
//!     if !signed_in {
//!         Err(ApiError::unauthenticated())?;
//!     }
//!     dividend.checked_div(divisor).ok_or_else(|| match divisor {
//!         0 => DivideError::div_by_zero(dividend),
//!         _ => DivideError::overflow(dividend, divisor),
//!     })
//! }
//!
//! let err = divide(7, 0, true).unwrap_err();
//! assert_eq!(err.code(), Code::InvalidArgument);
//! assert_eq!(err.user_message().as_deref(), Some("You can't divide 7 by zero."));
//! assert_eq!(divide(7, 0, false).unwrap_err().name(), "unauthenticated");
//! assert_eq!(DivideError::ERRORS.len(), 15);
//! ```

use std::io;

errdsl::errors! {
    /// Errors every service of the API may return.
    pub enum ApiError {
        /// The request carries no valid credentials.
        #[error("authentication required")]
        #[service_error(grpc = Unauthenticated, user_msg = "Please sign in.")]
        Unauthenticated,

        /// The caller is signed in but may not do what it asked.
        #[error("{principal} may not {action}")]
        #[service_error(grpc = PermissionDenied, user_msg = "You are not allowed to {action}.")]
        PermissionDenied {
            /// Who asked.
            principal: String,
            /// What they asked to do, e.g. `"divide"`.
            action: String,
        },

        /// The caller sent too many requests; it may retry after a second.
        #[error("rate limit of {limit} requests per second exceeded")]
        #[service_error(
            grpc = ResourceExhausted,
            temporary,
            retry_after_secs = 1,
            user_msg = "Too many requests: at most {limit} per second, please slow down."
        )]
        RateLimited {
            /// The limit, in requests per second.
            limit: u32,
        },

        /// A bug or a broken invariant on the server. Its details never leave
        /// the process.
        #[error("internal error: {detail}")]
        #[service_error(fault)]
        Internal {
            /// What went wrong.
            detail: String,
        },

        /// The service cannot take requests right now.
        #[error("service unavailable")]
        #[service_error(grpc = Unavailable, temporary, retry_after_secs = 5)]
        Unavailable,

        /// The request did not complete before its deadline.
        #[error("deadline of {after_ms} ms exceeded")]
        #[service_error(grpc = DeadlineExceeded, timeout, temporary)]
        DeadlineExceeded {
            /// The deadline, in milliseconds after the request arrived.
            after_ms: u64,
        },

        /// The client cancelled the request.
        #[error("request cancelled by the client")]
        #[service_error(grpc = 1)]
        Cancelled,

        /// The method is part of the API but not of this server.
        #[error("{method} is not implemented")]
        #[service_error(http = 501, name = "not_implemented")]
        Unimplemented {
            /// The method, e.g. `"divider.sqrt"`.
            method: &'static str,
        },
    }

    /// Errors of every method of the divider service.
    #[service_error(service = "divider")]
    pub enum DividerError: ApiError {
        /// The divider is down for maintenance.
        #[error("divider is in maintenance")]
        #[service_error(
            temporary,
            http = 503,
            retry_after_secs = 30,
            user_msg = "The divider is down for maintenance; try again in a minute."
        )]
        Maintenance,

        /// The store of past results failed; its code and flags come from the
        /// I/O error at run time.
        #[error("result store failed")]
        #[service_error(classify, name = "result_store_failed")]
        ResultStore(#[source] io::Error),

        /// Too many divisions are in flight.
        #[error("{in_flight} divisions in flight, the limit is {limit}")]
        #[service_error(grpc = ResourceExhausted, temporary, retry_after_secs = 2)]
        Overloaded {
            /// Divisions being computed now.
            in_flight: usize,
            /// The most the divider computes at once.
            limit: usize,
        },
    }

    /// Errors of divider.divide.
    #[service_error(service = "divider")]
    pub enum DivideError: DividerError {
        /// The divisor was zero.
        #[error("cannot divide {dividend} by zero")]
        #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
        DivByZero {
            /// The number that was to be divided.
            dividend: i64,
        },

        /// The quotient does not fit in an `i64` (only `i64::MIN / -1`).
        #[error("{dividend} / {divisor} overflows")]
        #[service_error(
            grpc = OutOfRange,
            user_msg = "{dividend} / {divisor} does not fit in a 64-bit integer."
        )]
        Overflow {
            /// The number that was to be divided.
            dividend: i64,
            /// The number it was to be divided by.
            divisor: i64,
        },

        /// An operand is not a number.
        #[error("{0:?} is not a number")]
        #[service_error(http = 400, user_msg = "\"{0}\" is not a number.")]
        NotANumber(String),

        /// An exact division was asked for, and the divisor does not divide the
        /// dividend.
        #[error("{dividend} / {divisor} leaves a remainder of {remainder}")]
        #[service_error(
            grpc = FailedPrecondition,
            name = "inexact_division",
            user_msg = "{dividend} is not a multiple of {divisor}."
        )]
        Inexact {
            /// The number that was to be divided.
            dividend: i64,
            /// The number it was to be divided by.
            divisor: i64,
            /// What is left over.
            remainder: i64,
        },
    }

    /// Errors of divider.modulo.
    #[service_error(service = "divider")]
    pub enum ModuloError: DividerError {
        /// The modulus was zero.
        #[error("modulus is zero")]
        #[service_error(grpc = 3, user_msg = "The modulus cannot be zero.")]
        ZeroModulus,

        /// The modulus was negative; modulo is defined for positive moduli.
        #[error("modulus {0} is negative")]
        #[service_error(grpc = InvalidArgument, user_msg = "The modulus must be positive, not {0}.")]
        NegativeModulus(i64),
    }

    /// Errors of the variable store behind the calc service.
    #[service_error(service = "store")]
    pub enum StoreError {
        /// No variable has this name.
        #[error("no variable {variable:?}")]
        #[service_error(grpc = NotFound, user_msg = "There is no variable named {variable}.")]
        VariableNotFound {
            /// The name looked up.
            variable: String,
        },

        /// Someone else changed the variable first; reading it again and
        /// retrying may succeed.
        #[error("variable {variable:?} is at version {found}, not {expected}")]
        #[service_error(grpc = Aborted, temporary)]
        VersionConflict {
            /// The variable written.
            variable: String,
            /// The version the writer read.
            expected: u64,
            /// The version the store has.
            found: u64,
        },

        /// The store's disk or network failed; classified at run time.
        #[error("store I/O failed: {0}")]
        #[service_error(classify, name = "store_io")]
        Io(#[from] io::Error),
    }

    /// Errors of every method of the calc service.
    #[service_error(service = "calc")]
    pub enum CalcError: ApiError {
        /// An error of the variable store, passed through as it is.
        #[error(transparent)]
        #[service_error(transparent)]
        Store(#[from] StoreError),

        /// Another session holds the workspace.
        #[error("workspace {workspace} is locked by session {session}")]
        #[service_error(
            grpc = FailedPrecondition,
            user_msg = "Workspace {workspace} is open in another session."
        )]
        WorkspaceLocked {
            /// The workspace.
            workspace: String,
            /// The session that holds it.
            session: u64,
        },
    }

    /// Errors of calc.evaluate.
    #[service_error(service = "calc")]
    pub enum EvaluateError: CalcError {
        /// The expression does not parse.
        #[error("syntax error at {position}: unexpected {found:?}")]
        #[service_error(grpc = InvalidArgument, user_msg = "Unexpected '{found}' at position {position}.")]
        Syntax {
            /// The offset of the unexpected character, in characters.
            position: usize,
            /// The unexpected character.
            found: char,
        },

        /// The expression nests deeper than the evaluator allows.
        #[error("expression nests {depth} levels deep, the limit is {max}")]
        #[service_error(grpc = OutOfRange, name = "expression_too_deep")]
        TooDeep {
            /// How deep the expression nests.
            depth: u32,
            /// The deepest the evaluator goes.
            max: u32,
        },

        /// Evaluation took longer than the evaluator allows one expression.
        #[error("evaluation stopped after {0} ms")]
        #[service_error(timeout, http = 504)]
        EvaluationTimedOut(u64),
    }

    /// Errors of calc.assign.
    #[service_error(service = "calc")]
    pub enum AssignError: CalcError {
        /// The variable is a constant such as `pi`.
        #[error("{variable} is read-only")]
        #[service_error(grpc = FailedPrecondition, name = "read_only_variable")]
        ReadOnly {
            /// The variable.
            variable: String,
        },

        /// The variable exists, and the assignment asked to create it.
        #[error("{variable} is already defined")]
        #[service_error(grpc = AlreadyExists, user_msg = "{variable} already exists.")]
        AlreadyDefined {
            /// The variable.
            variable: String,
        },

        /// The variable's name is too long.
        #[error("variable name of {len} characters, the limit is {max}")]
        #[service_error(grpc = InvalidArgument, http = 422)]
        NameTooLong {
            /// The name's length, in characters.
            len: usize,
            /// The longest name allowed.
            max: usize,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::error::Error as _;
    use std::time::Duration;

    use errdsl::{Catalog, Code, ErrorResult, ErrorSpec, ServiceError};

    use super::*;

    fn names(specs: &[ErrorSpec]) -> Vec<&'static str> {
        specs.iter().map(|spec| spec.name).collect()
    }

    const API: [&str; 8] = [
        "unauthenticated",
        "permission_denied",
        "rate_limited",
        "internal",
        "unavailable",
        "deadline_exceeded",
        "cancelled",
        "not_implemented",
    ];

    #[test]
    fn catalog_sizes_count_inherited_and_transparent_errors() {
        let sizes = [
            ("ApiError", ApiError::ERRORS.len(), 8),
            ("DividerError", DividerError::ERRORS.len(), 8 + 3),
            ("DivideError", DivideError::ERRORS.len(), 8 + 3 + 4),
            ("ModuloError", ModuloError::ERRORS.len(), 8 + 3 + 2),
            ("StoreError", StoreError::ERRORS.len(), 3),
            // The transparent `Store` variant lists the store's three errors.
            ("CalcError", CalcError::ERRORS.len(), 8 + 3 + 1),
            ("EvaluateError", EvaluateError::ERRORS.len(), 8 + 3 + 1 + 3),
            ("AssignError", AssignError::ERRORS.len(), 8 + 3 + 1 + 3),
        ];
        for (enum_name, actual, expected) in sizes {
            assert_eq!(actual, expected, "{enum_name}::ERRORS");
        }
        // 27 distinct errors in the whole API.
        let all: HashSet<&str> =
            [DivideError::ERRORS, ModuloError::ERRORS, EvaluateError::ERRORS, AssignError::ERRORS]
                .into_iter()
                .flat_map(names)
                .collect();
        assert_eq!(all.len(), 27);
    }

    #[test]
    fn names_are_unique_within_every_catalog() {
        for specs in [
            ApiError::ERRORS,
            DividerError::ERRORS,
            DivideError::ERRORS,
            ModuloError::ERRORS,
            StoreError::ERRORS,
            CalcError::ERRORS,
            EvaluateError::ERRORS,
            AssignError::ERRORS,
        ] {
            let unique: HashSet<_> = names(specs).into_iter().collect();
            assert_eq!(unique.len(), specs.len(), "{:?}", names(specs));
        }
    }

    #[test]
    fn children_list_inherited_errors_first_with_their_declaration() {
        assert_eq!(names(ApiError::ERRORS), API);
        assert_eq!(names(&DivideError::ERRORS[..8]), API);
        assert_eq!(
            names(&DivideError::ERRORS[8..]),
            [
                "maintenance",
                "result_store_failed",
                "overloaded",
                "div_by_zero",
                "overflow",
                "not_a_number",
                "inexact_division"
            ]
        );
        assert_eq!(
            names(&CalcError::ERRORS[8..]),
            ["variable_not_found", "version_conflict", "store_io", "workspace_locked"]
        );
        assert_eq!(&EvaluateError::ERRORS[..CalcError::ERRORS.len()], CalcError::ERRORS);

        // An inherited error keeps its level: API errors name no service.
        assert_eq!(DivideError::ERRORS[0].service, None);
        assert_eq!(DivideError::spec("maintenance").and_then(|s| s.service), Some("divider"));
        assert_eq!(EvaluateError::spec("store_io").and_then(|s| s.service), Some("store"));
        assert_eq!(AssignError::spec("read_only_variable").and_then(|s| s.service), Some("calc"));
        assert_eq!(
            DivideError::spec("rate_limited").map(|s| s.description),
            Some("The caller sent too many requests; it may retry after a second.")
        );
    }

    #[test]
    fn mappings_follow_the_code_tables() {
        let spec = |specs: &'static [ErrorSpec], name| {
            let spec = specs.iter().find(|s| s.name == name).unwrap();
            (spec.code, spec.http_status.as_u16())
        };
        assert_eq!(spec(ApiError::ERRORS, "cancelled"), (Code::Cancelled, 499));
        assert_eq!(spec(ApiError::ERRORS, "not_implemented"), (Code::Unimplemented, 501));
        assert_eq!(spec(ApiError::ERRORS, "internal"), (Code::Internal, 500));
        assert_eq!(spec(ModuloError::ERRORS, "zero_modulus"), (Code::InvalidArgument, 400));
        assert_eq!(spec(DivideError::ERRORS, "maintenance"), (Code::Unavailable, 503));
        assert_eq!(spec(EvaluateError::ERRORS, "evaluation_timed_out"), (Code::DeadlineExceeded, 504));
        // Both given: the status is the declared one, not the table's 400.
        assert_eq!(spec(AssignError::ERRORS, "name_too_long"), (Code::InvalidArgument, 422));
    }

    #[test]
    fn from_every_ancestor_and_from_fields() {
        fn load() -> Result<u64, StoreError> {
            Err(io::Error::from(io::ErrorKind::ConnectionRefused))?
        }
        fn evaluate() -> Result<u64, EvaluateError> {
            Ok(load()?)
        }

        let err: DivideError = ApiError::unauthenticated().into();
        assert!(matches!(err, DivideError::Unauthenticated));
        let err: DivideError = DividerError::overloaded(9, 8).into();
        assert!(matches!(err, DivideError::Overloaded { in_flight: 9, limit: 8 }));
        let err: ModuloError = ApiError::rate_limited(100).into();
        assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
        let err: AssignError = CalcError::workspace_locked("w".into(), 7).into();
        assert_eq!(err.name(), "workspace_locked");

        // `?` climbs: io::Error -> StoreError (#[from]) -> EvaluateError
        // (the inherited `Store(#[from] StoreError)`).
        let err = evaluate().unwrap_err();
        assert!(matches!(err, EvaluateError::Store(StoreError::Io(_))));
        assert_eq!(err.name(), "store_io");
        assert_eq!(err.code(), Code::Unavailable);
        assert!(err.is_temporary());
    }

    #[test]
    fn display_and_user_messages_interpolate_fields() {
        let err = DivideError::div_by_zero(7);
        assert_eq!(err.to_string(), "cannot divide 7 by zero");
        assert_eq!(err.user_message().as_deref(), Some("You can't divide 7 by zero."));
        let err = DivideError::not_a_number("x1".into());
        assert_eq!(err.to_string(), "\"x1\" is not a number");
        assert_eq!(err.user_message().as_deref(), Some("\"x1\" is not a number."));
        let err = EvaluateError::syntax(4, ')');
        assert_eq!(err.to_string(), "syntax error at 4: unexpected ')'");
        assert_eq!(err.user_message().as_deref(), Some("Unexpected ')' at position 4."));
        let err = ApiError::permission_denied("ann".into(), "divide".into());
        assert_eq!(err.to_string(), "ann may not divide");
        assert_eq!(err.user_message().as_deref(), Some("You are not allowed to divide."));
        assert_eq!(
            ModuloError::negative_modulus(-3).user_message().as_deref(),
            Some("The modulus must be positive, not -3.")
        );
        assert_eq!(
            DivideError::overflow(1, 2).user_message().as_deref(),
            Some("1 / 2 does not fit in a 64-bit integer.")
        );
        assert_eq!(AssignError::read_only("pi".into()).user_message(), None);
    }

    #[test]
    fn transparent_errors_are_their_inner_error() {
        let inner = StoreError::variable_not_found("x".into());
        let err = CalcError::from(inner);
        assert_eq!(err.to_string(), "no variable \"x\"");
        assert_eq!(err.name(), "variable_not_found");
        assert_eq!(err.code(), Code::NotFound);
        assert_eq!(err.service(), Some("store"));
        assert_eq!(err.user_message().as_deref(), Some("There is no variable named x."));
        let err = CalcError::store(StoreError::version_conflict("x".into(), 1, 2));
        assert!(err.is_temporary());
        assert_eq!(err.http_status(), 409);
    }

    #[test]
    fn classified_errors_take_code_and_flags_from_their_source() {
        let err = DividerError::result_store(io::Error::from(io::ErrorKind::TimedOut));
        assert_eq!(err.name(), "result_store_failed");
        assert_eq!(err.code(), Code::DeadlineExceeded);
        assert!(err.is_timeout());
        assert!(err.source().unwrap().is::<io::Error>());
        let err = DividerError::result_store(io::Error::from(io::ErrorKind::PermissionDenied));
        assert_eq!(err.code(), Code::PermissionDenied);
        assert!(!err.is_temporary());
        assert!(DividerError::ERRORS.iter().any(|s| s.name == "result_store_failed" && s.classified));
    }

    #[test]
    fn faults_keep_their_details_in_the_process() {
        let err = DivideError::from(ApiError::internal("shard 3 returned garbage".into()));
        assert!(err.is_fault());
        assert_eq!(err.http_status(), 500);
        let result = ErrorResult::from_service_error(&err);
        assert_eq!(result.message(), "internal error: shard 3 returned garbage");
        assert!(!result.wire_message().contains("shard"));
        assert!(result.wire_message().contains(result.id()));
    }

    #[test]
    fn flags_and_retry_hints() {
        let err = DivideError::maintenance();
        assert!(err.is_temporary() && !err.is_fault());
        assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
        let err = AssignError::deadline_exceeded(250);
        assert!(err.is_timeout() && err.is_temporary());
        assert_eq!(err.http_status(), 504);
        assert!(EvaluateError::evaluation_timed_out(10).is_timeout());
        assert!(!EvaluateError::evaluation_timed_out(10).is_temporary());
        assert_eq!(ApiError::unavailable().retry_after(), Some(Duration::from_secs(5)));
        assert_eq!(DivideError::div_by_zero(1).retry_after(), None);
    }
}
