//! `errors!` parents declared by another `errors!`, in another module: the
//! child names them by path and gets their errors as its own, as if they
//! were declared in the same invocation.

use errdsl::{Catalog, Code, ErrorResult, ServiceError};

/// The API-level errors, declared once for every service.
mod api {
    errdsl::errors! {
        /// Errors every service of the API may return.
        #[service_error(service = "api")]
        pub enum ApiError {
            /// No credentials.
            #[error("authentication required")]
            #[service_error(grpc = Unauthenticated)]
            Unauthenticated,
        }

        /// API errors of the services that store data.
        pub enum StorageApiError: ApiError {
            /// Storage is down.
            #[error("storage unavailable")]
            #[service_error(temporary, retry_after_secs = 5)]
            StorageDown,
        }
    }
}

/// A service whose errors extend the API's, from another module.
mod divider {
    errdsl::errors! {
        /// Errors of the divider service.
        #[service_error(service = "divider")]
        pub enum DividerError: crate::api::StorageApiError {
            /// Maintenance.
            #[error("divider is in maintenance")]
            #[service_error(temporary, http = 503)]
            Maintenance,
        }

        /// Errors of divider.divide.
        #[service_error(service = "divider")]
        pub enum DivideError: DividerError {
            /// Division by zero.
            #[error("cannot divide {dividend} by zero")]
            #[service_error(grpc = InvalidArgument)]
            DivByZero {
                /// The dividend.
                #[service_error(wire)]
                dividend: i64,
            },
        }
    }
}

/// Two borrowed parents in one invocation, one by a relative path, one the
/// grandchild of another borrowed enum.
mod reports {
    errdsl::errors! {
        /// Errors of the reports service.
        pub enum ReportError: super::api::ApiError {
            /// No such report.
            #[error("no report {report_id}")]
            #[service_error(http = 404)]
            NoReport {
                /// Which.
                report_id: u32,
            },
        }

        /// Errors of a method that also divides.
        pub enum RatioError: crate::divider::DivideError {
            /// The ratio is undefined.
            #[error("undefined ratio")]
            #[service_error(grpc = OutOfRange)]
            Undefined,
        }
    }
}

use api::{ApiError, StorageApiError};
use divider::{DivideError, DividerError};
use reports::{RatioError, ReportError};

fn names<E: Catalog>() -> Vec<&'static str> {
    E::ERRORS.iter().map(|spec| spec.name).collect()
}

#[test]
fn children_have_every_ancestor_error_first() {
    assert_eq!(names::<DividerError>(), ["unauthenticated", "storage_down", "maintenance"]);
    assert_eq!(names::<DivideError>(), ["unauthenticated", "storage_down", "maintenance", "div_by_zero"]);
    assert_eq!(names::<ReportError>(), ["unauthenticated", "no_report"]);
    assert_eq!(
        names::<RatioError>(),
        ["unauthenticated", "storage_down", "maintenance", "div_by_zero", "undefined"]
    );
}

#[test]
fn inherited_errors_keep_their_declaration() {
    let err = DivideError::unauthenticated();
    assert_eq!(err.code(), Code::Unauthenticated);
    assert_eq!(err.service(), Some("api"));
    assert_eq!(err.to_string(), "authentication required");
    let err = DivideError::storage_down();
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(5)));
    assert_eq!(err.service(), None, "StorageApiError declares no service");
    assert_eq!(DivideError::maintenance().service(), Some("divider"));
    assert_eq!(DivideError::ERRORS[0].description, "No credentials.");
}

#[test]
fn children_convert_from_the_parent_they_name() {
    let err: DividerError = StorageApiError::storage_down().into();
    assert!(matches!(err, DividerError::StorageDown));
    let err: ReportError = ApiError::unauthenticated().into();
    assert!(matches!(err, ReportError::Unauthenticated));
    let err: RatioError = DivideError::div_by_zero(3).into();
    assert!(matches!(err, RatioError::DivByZero { dividend: 3 }));
    // Within one invocation, from every ancestor.
    let err: DivideError = DividerError::maintenance().into();
    assert!(matches!(err, DivideError::Maintenance));
}

#[test]
fn inherited_errors_decode() {
    let result = ErrorResult::from_service_error(&DivideError::div_by_zero(9));
    assert!(matches!(RatioError::try_from(result), Ok(RatioError::DivByZero { dividend: 9 })));
    let result = ErrorResult::from_service_error(&ApiError::unauthenticated());
    assert!(matches!(DivideError::try_from(result), Ok(DivideError::Unauthenticated)));
}
