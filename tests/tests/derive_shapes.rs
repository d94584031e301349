//! `#[derive(ServiceError)]` beyond plain enums: transparent and classified
//! variants, structs, generics, container defaults, the size of the type.

use std::io;

use errdsl::{Catalog, Code, ServiceError};

#[derive(Debug, thiserror::Error, ServiceError)]
#[service_error(service = "auth")]
pub enum AuthError {
    #[error("token expired")]
    #[service_error(grpc = Unauthenticated, user_msg = "Please sign in again.")]
    Expired,
    #[error("auth backend down")]
    #[service_error(temporary, retry_after_secs = 5)]
    Down,
}

#[derive(Debug, thiserror::Error, ServiceError)]
#[service_error(service = "users")]
pub enum UserError {
    #[error("no user {user_id}")]
    #[service_error(http = 404)]
    NotFound { user_id: u64 },

    #[error(transparent)]
    #[service_error(transparent)]
    Auth(#[from] AuthError),

    #[error("storage failed")]
    #[service_error(classify, user_msg = "Try again later.")]
    Storage(#[source] io::Error),

    #[error("storage failed hard")]
    #[service_error(classify, fault, name = "storage_fault")]
    StorageFault { source: io::Error },

    #[error("boxed failure")]
    #[service_error(classify)]
    Boxed(#[source] Box<dyn std::error::Error + Send + Sync>),
}

#[test]
fn transparent_delegates_every_method() {
    let err = UserError::from(AuthError::Down);
    assert_eq!(err.name(), "down");
    assert_eq!(err.code(), Code::Unavailable);
    assert_eq!(err.http_status(), 503);
    assert!(err.is_temporary());
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(5)));
    assert_eq!(err.service(), Some("auth"));
    let err = UserError::auth(AuthError::expired());
    assert_eq!(err.user_message().as_deref(), Some("Please sign in again."));
    assert_eq!(err.code(), Code::Unauthenticated);
}

#[test]
fn classify_takes_code_and_flags_from_the_source() {
    let err = UserError::storage(io::Error::from(io::ErrorKind::TimedOut));
    assert_eq!(err.name(), "storage");
    assert_eq!(err.code(), Code::DeadlineExceeded);
    assert_eq!(err.http_status(), 504);
    // A timeout: retried only by idempotent calls (AIP-194), so not temporary.
    assert!(!err.is_temporary());
    assert!(err.is_timeout());
    assert!(err.is_fault(), "a server-side code from a foreign error is a fault");
    assert_eq!(err.user_message().as_deref(), Some("Try again later."));
    assert_eq!(err.service(), Some("users"));

    let err = UserError::storage(io::Error::from(io::ErrorKind::NotFound));
    assert_eq!(err.code(), Code::NotFound);
    assert!(!err.is_temporary());
    assert!(!err.is_fault());
}

#[test]
fn classify_with_declared_fault_stays_a_fault() {
    let err = UserError::storage_fault(io::Error::from(io::ErrorKind::NotFound));
    assert_eq!(err.name(), "storage_fault");
    assert_eq!(err.code(), Code::NotFound);
    assert!(err.is_fault());
}

#[test]
fn classify_reads_boxed_sources() {
    let err = UserError::boxed(Box::new(io::Error::from(io::ErrorKind::ConnectionRefused)));
    assert_eq!(err.code(), Code::Unavailable);
    assert!(err.is_temporary());
    let err = UserError::boxed("plain text".into());
    assert_eq!(err.code(), Code::Unknown);
    assert!(!err.is_temporary());
}

#[test]
fn catalog_inlines_transparent_errors_and_marks_classified_ones() {
    let names: Vec<_> = UserError::ERRORS.iter().map(|e| e.name).collect();
    assert_eq!(names, ["not_found", "expired", "down", "storage", "storage_fault", "boxed"]);
    let expired = UserError::spec("expired").unwrap();
    assert_eq!(expired.service, Some("auth"));
    let storage = UserError::spec("storage").unwrap();
    assert!(storage.classified);
    assert_eq!(storage.code, Code::Unknown);
    assert!(!UserError::spec("not_found").unwrap().classified);
}

/// A single error as a struct.
#[derive(Debug, thiserror::Error, ServiceError)]
#[error("quota of {user} exceeded: {used}/{limit}")]
#[service_error(service = "quota", grpc = ResourceExhausted, temporary, retry_after_secs = 60,
    user_msg = "You used {used} of {limit} requests.")]
pub struct QuotaExceeded {
    pub user: String,
    pub used: u32,
    pub limit: u32,
}

#[test]
fn structs_are_one_error_named_after_the_type() {
    let err = QuotaExceeded { user: "ann".into(), used: 101, limit: 100 };
    assert_eq!(err.name(), "quota_exceeded");
    assert_eq!(err.code(), Code::ResourceExhausted);
    assert_eq!(err.http_status(), 429);
    assert!(err.is_temporary());
    assert_eq!(err.user_message().as_deref(), Some("You used 101 of 100 requests."));
    assert_eq!(QuotaExceeded::ERRORS.len(), 1);
    assert_eq!(QuotaExceeded::ERRORS[0].service, Some("quota"));
}

#[derive(Debug, thiserror::Error, ServiceError)]
#[error("the tuple struct failed")]
#[service_error(fault)]
pub struct TupleFault(pub &'static str);

#[test]
fn tuple_structs() {
    let err = TupleFault("x");
    assert_eq!(err.name(), "tuple_fault");
    assert_eq!(err.code(), Code::Internal);
    assert!(err.is_fault());
}

/// Defaults on the enum apply to variants that declare no mapping.
#[derive(Debug, thiserror::Error, ServiceError)]
#[service_error(service = "billing", grpc = Internal, fault)]
pub enum BillingError {
    #[error("ledger corrupt")]
    Ledger,
    #[error("card declined")]
    #[service_error(http = 500)]
    Declined,
}

#[test]
fn container_defaults() {
    assert_eq!(BillingError::ledger().code(), Code::Internal);
    assert!(BillingError::ledger().is_fault());
    assert_eq!(BillingError::declined().http_status(), 500);
    assert!(BillingError::declined().is_fault());
}

/// Generic parameters and where clauses pass through.
#[derive(Debug, thiserror::Error, ServiceError)]
pub enum Generic<T, E>
where
    T: std::fmt::Debug + std::fmt::Display + Send + Sync + 'static,
    E: ServiceError,
{
    #[error("bad value {0}")]
    #[service_error(grpc = InvalidArgument, user_msg = "Bad value: {0}")]
    Bad(T),
    #[error(transparent)]
    #[service_error(transparent)]
    Inner(E),
}

#[test]
fn generics_pass_through() {
    let err: Generic<i32, AuthError> = Generic::bad(42);
    assert_eq!(err.user_message().as_deref(), Some("Bad value: 42"));
    assert_eq!(err.code(), Code::InvalidArgument);
    let err: Generic<i32, AuthError> = Generic::inner(AuthError::Down);
    assert!(err.is_temporary());
    // The errors of a generic inner type are not known without its type.
    assert_eq!(<Generic<i32, AuthError> as Catalog>::ERRORS.len(), 1);
}

/// A generic source with no bounds of its own: like thiserror's `Error`
/// impl, the `ServiceError` impl asks what a source needs (an error that is
/// `Send` and `Sync`) where it is used, so the type is a service error
/// exactly for the sources that fit.
#[derive(Debug, thiserror::Error, ServiceError)]
pub enum Wrapped<T: std::fmt::Debug + std::fmt::Display> {
    #[error("wrapped")]
    #[service_error(classify)]
    Source(#[source] T),
}

#[test]
fn a_generic_source_is_classified_for_the_types_that_fit() {
    fn service_error<E: ServiceError>(_: &E) {}
    let err = Wrapped::Source(io::Error::from(io::ErrorKind::TimedOut));
    service_error(&err);
    assert_eq!(err.code(), Code::DeadlineExceeded);
    assert!(err.is_timeout());
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(source, Some(io::Error::from(io::ErrorKind::TimedOut).to_string()));
}

/// The same enum without the derive: the derive adds no field and no state.
#[derive(Debug)]
#[allow(dead_code)]
enum PlainUserError {
    NotFound { user_id: u64 },
    Auth(AuthError),
    Storage(io::Error),
    StorageFault { source: io::Error },
    Boxed(Box<dyn std::error::Error + Send + Sync>),
}

#[test]
fn derive_adds_nothing_to_the_size() {
    assert_eq!(size_of::<UserError>(), size_of::<PlainUserError>());
}

/// An empty enum is a valid (if useless) catalog.
#[derive(Debug, thiserror::Error, ServiceError)]
pub enum Never {}

#[test]
fn empty_enums() {
    assert!(Never::ERRORS.is_empty());
}
