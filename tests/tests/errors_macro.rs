//! `errors! { ... }`: catalogs with API-, service- and method-level errors.

use std::error::Error as _;

use errdsl::{Catalog, Code, ServiceError};

errdsl::errors! {
    /// Errors every service of the API may return.
    pub enum ApiError {
        /// The caller is not signed in.
        #[error("authentication required")]
        #[service_error(grpc = Unauthenticated)]
        Unauthorized,

        #[error("i/o failed: {0}")]
        #[service_error(classify, name = "io_error")]
        Io(#[from] std::io::Error),
    }

    /// Errors of the divider service.
    #[service_error(service = "divider")]
    #[derive(Debug)]
    pub enum DividerError: ApiError {
        #[error("divider is in maintenance")]
        #[service_error(temporary, http = 503, retry_after_secs = 30)]
        Maintenance,
    }

    /// Errors of divider.divide.
    #[service_error(service = "divider")]
    #[non_exhaustive]
    pub enum DivideError: DividerError {
        #[error("cannot divide {dividend} by zero")]
        #[service_error(grpc = InvalidArgument, user_msg = "You can't divide by zero.")]
        DivByZero { dividend: i64 },

        #[error("{0:?} is not a number")]
        #[service_error(http = 400)]
        NotANumber(String),

        #[error(transparent)]
        #[service_error(transparent)]
        Quota(QuotaError),
    }

    pub enum QuotaError {
        #[error("quota of {user} exhausted: {used:>4}/{limit}")]
        #[service_error(grpc = ResourceExhausted, temporary)]
        Exhausted { user: String, used: u32, limit: u32 },
    }
}

#[test]
fn display_from_error_attributes() {
    assert_eq!(DivideError::div_by_zero(7).to_string(), "cannot divide 7 by zero");
    assert_eq!(DivideError::not_a_number("x".into()).to_string(), "\"x\" is not a number");
    let quota = QuotaError::exhausted("ann".into(), 7, 10);
    assert_eq!(quota.to_string(), "quota of ann exhausted:    7/10");
    assert_eq!(DivideError::quota(quota).to_string(), "quota of ann exhausted:    7/10");
    assert_eq!(ApiError::unauthorized().to_string(), "authentication required");
}

#[test]
fn sources_and_from_fields() {
    let io = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    let err = ApiError::from(io);
    assert_eq!(err.to_string(), "i/o failed: connection refused");
    assert!(err.source().unwrap().is::<std::io::Error>());
    assert_eq!(err.code(), Code::Unavailable);
    assert!(err.is_temporary());
    assert!(ApiError::unauthorized().source().is_none());
    // `?` works with the #[from] field of an inherited error, too.
    fn read() -> Result<(), DivideError> {
        let io: Result<(), std::io::Error> = Err(std::io::ErrorKind::TimedOut.into());
        io?;
        Ok(())
    }
    assert!(read().unwrap_err().is_timeout());
}

#[test]
fn children_inherit_every_error_of_their_ancestors() {
    let err = DivideError::unauthorized();
    assert_eq!(err.name(), "unauthorized");
    assert_eq!(err.code(), Code::Unauthenticated);
    // An inherited error keeps its declaration: ApiError names no service.
    assert_eq!(err.service(), None);
    assert_eq!(DivideError::maintenance().service(), Some("divider"));
    assert_eq!(DivideError::maintenance().retry_after(), Some(std::time::Duration::from_secs(30)));
}

#[test]
fn from_every_ancestor() {
    let err: DivideError = ApiError::Unauthorized.into();
    assert!(matches!(err, DivideError::Unauthorized));
    let err: DivideError = DividerError::Maintenance.into();
    assert!(matches!(err, DivideError::Maintenance));
    let err: DividerError = ApiError::unauthorized().into();
    assert!(matches!(err, DividerError::Unauthorized));
    let io = std::io::Error::other("disk");
    let err: DivideError = ApiError::Io(io).into();
    assert!(matches!(err, DivideError::Io(_)));
}

#[test]
fn catalogs_list_inherited_errors_first() {
    let names = |specs: &[errdsl::ErrorSpec]| specs.iter().map(|s| s.name).collect::<Vec<_>>();
    assert_eq!(names(ApiError::ERRORS), ["unauthorized", "io_error"]);
    assert_eq!(names(DividerError::ERRORS), ["unauthorized", "io_error", "maintenance"]);
    assert_eq!(
        names(DivideError::ERRORS),
        ["unauthorized", "io_error", "maintenance", "div_by_zero", "not_a_number", "exhausted"]
    );
    assert_eq!(ApiError::ERRORS[0].description, "The caller is not signed in.");
    assert_eq!(DivideError::ERRORS[0], ApiError::ERRORS[0]);
}

#[test]
fn transparent_variants_delegate() {
    let err = DivideError::quota(QuotaError::exhausted("bob".into(), 1, 1));
    assert_eq!(err.name(), "exhausted");
    assert!(err.is_temporary());
    assert_eq!(err.http_status(), 429);
}

macro_rules! catalog_in_macro {
    ($name:ident, $msg:literal) => {
        errdsl::errors! {
            enum $name {
                #[error($msg)]
                #[service_error(grpc = InvalidArgument, user_msg = $msg)]
                Tuple(u32, &'static str),
            }
        }
    };
}

catalog_in_macro!(FromMacro, "bad {0} in {1}");

#[test]
fn errors_inside_macro_rules_with_positional_placeholders() {
    let err = FromMacro::tuple(5, "x");
    assert_eq!(err.to_string(), "bad 5 in x");
    assert_eq!(err.user_message().as_deref(), Some("bad 5 in x"));
}
