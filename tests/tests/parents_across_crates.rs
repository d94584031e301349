//! `errors!` parents declared in another crate with
//! `#[service_error(export)]`, named by their path, with or without a
//! leading `::`.

use errdsl::{Catalog, Code, ErrorResult, ServiceError};
use errdsl_test_api::api::{ApiError, StorageApiError};
use errdsl_test_api::types::Principal;

errdsl::errors! {
    /// Errors of the divider service, on top of the API's storage errors.
    #[service_error(service = "divider")]
    pub enum DividerError: ::errdsl_test_api::api::StorageApiError {
        /// Division by zero.
        #[error("cannot divide by zero")]
        #[service_error(grpc = InvalidArgument)]
        DivByZero,
    }

    /// Errors of a method of the divider.
    pub enum DivideError: DividerError {
        /// Overflow.
        #[error("overflow")]
        #[service_error(fault)]
        Overflow,
    }
}

errdsl::errors! {
    /// Two enums of one invocation, each waiting for another parent: each
    /// gets its own.
    pub enum ReportError: errdsl_test_api::api::ApiError {
        /// The report is empty.
        #[error("empty report")]
        #[service_error(http = 422)]
        Empty,
    }

    /// Errors of the archive, on the storage errors.
    pub enum ArchiveError: ::errdsl_test_api::api::StorageApiError {
        /// Nothing archived under that key.
        #[error("no such archive")]
        #[service_error(http = 404)]
        NoSuchArchive,
    }

    /// No parent at all, in the same invocation.
    pub enum LocalError {
        /// Local trouble.
        #[error("local")]
        #[service_error(fault)]
        Local,
    }
}

#[test]
fn enums_of_one_invocation_inherit_from_different_parents() {
    let names = |errors: &[errdsl::ErrorSpec]| errors.iter().map(|spec| spec.name).collect::<Vec<_>>();
    assert_eq!(names(ReportError::ERRORS), ["unauthenticated", "permission_denied", "empty"]);
    assert_eq!(
        names(ArchiveError::ERRORS),
        ["unauthenticated", "permission_denied", "storage_down", "no_such_archive"]
    );
    assert_eq!(names(LocalError::ERRORS), ["local"]);
    let err: ReportError = ApiError::unauthenticated().into();
    assert!(matches!(err, ReportError::Unauthenticated));
}

#[test]
fn inherits_the_other_crates_errors() {
    let names: Vec<&str> = DivideError::ERRORS.iter().map(|spec| spec.name).collect();
    assert_eq!(names, ["unauthenticated", "permission_denied", "storage_down", "div_by_zero", "overflow"]);
    let err = DividerError::permission_denied(Principal("ada".into()));
    assert_eq!(err.code(), Code::PermissionDenied);
    assert_eq!(err.service(), Some("api"));
    assert_eq!(DividerError::storage_down().retry_after(), Some(std::time::Duration::from_secs(5)));
    assert_eq!(DividerError::unauthenticated().user_message().as_deref(), Some("Please sign in."));
}

#[test]
fn converts_from_the_parent_it_names() {
    let err: DividerError = StorageApiError::storage_down().into();
    assert!(matches!(err, DividerError::StorageDown));
    let err: DivideError = DividerError::div_by_zero().into();
    assert!(matches!(err, DivideError::DivByZero));
    // The grandparent converts through the parent.
    let err: DividerError = StorageApiError::from(ApiError::unauthenticated()).into();
    assert!(matches!(err, DividerError::Unauthenticated));
}

#[test]
fn decodes_inherited_errors() {
    let result = ErrorResult::from_service_error(&ApiError::permission_denied(Principal("ada".into())));
    match DivideError::try_from(result) {
        Ok(DivideError::PermissionDenied { principal }) => assert_eq!(principal, Principal::default()),
        other => panic!("{other:?}"),
    }
}
