//! `#[derive(ServiceError)]` on enums: every method on every variant shape.

use std::borrow::Cow;
use std::time::Duration;

use errdsl::{Catalog, Code, ServiceError};

/// Errors of the divider.
#[derive(Debug, thiserror::Error, ServiceError)]
#[service_error(service = "divider")]
pub enum DivideError {
    /// The divisor was zero.
    #[error("cannot divide {dividend} by zero")]
    #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
    DivByZero { dividend: i64 },

    #[error("divider is in maintenance")]
    #[service_error(temporary, http = 503, retry_after_secs = 30)]
    Maintenance,

    #[error("result {0} out of range [{1}, {2}]")]
    #[service_error(grpc = 11, user_msg = "The result {0:.2} is too large (max {2}).")]
    OutOfRange(f64, f64, f64),

    #[error("deadline passed")]
    #[service_error(timeout)]
    Slow,

    #[error("storage broke")]
    #[service_error(fault, name = "storage_broken")]
    Broken,

    #[error("throttled")]
    #[service_error(grpc = ResourceExhausted, http = 429, temporary, user_msg = "Slow down {{please}}.")]
    Throttled,
}

#[test]
fn named_fields_with_interpolated_user_message() {
    let err = DivideError::div_by_zero(7);
    assert!(matches!(err, DivideError::DivByZero { dividend: 7 }));
    assert_eq!(err.name(), "div_by_zero");
    assert_eq!(err.code(), Code::InvalidArgument);
    assert_eq!(err.http_status(), 400);
    assert!(!err.is_temporary());
    assert!(!err.is_timeout());
    assert!(!err.is_fault());
    assert_eq!(err.user_message().as_deref(), Some("You can't divide 7 by zero."));
    assert!(matches!(err.user_message(), Some(Cow::Owned(_))));
    assert_eq!(err.retry_after(), None);
    assert_eq!(err.service(), Some("divider"));
    assert_eq!(err.to_string(), "cannot divide 7 by zero");
}

#[test]
fn unit_variant_from_http_status() {
    let err = DivideError::maintenance();
    assert_eq!(err.name(), "maintenance");
    assert_eq!(err.code(), Code::Unavailable);
    assert_eq!(err.http_status(), 503);
    assert!(err.is_temporary());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(err.user_message(), None);
}

#[test]
fn tuple_variant_with_positional_placeholders_and_format_specs() {
    let err = DivideError::out_of_range(1234.5678, 0.0, 100.0);
    assert_eq!(err.code(), Code::OutOfRange);
    assert_eq!(err.http_status(), 400);
    assert_eq!(err.user_message().as_deref(), Some("The result 1234.57 is too large (max 100)."));
}

#[test]
fn mappings_implied_by_flags() {
    let slow = DivideError::slow();
    assert_eq!((slow.code(), slow.http_status().as_u16()), (Code::DeadlineExceeded, 504));
    assert!(slow.is_timeout());
    let broken = DivideError::broken();
    assert_eq!((broken.code(), broken.http_status().as_u16()), (Code::Internal, 500));
    assert!(broken.is_fault());
    assert_eq!(broken.name(), "storage_broken");
}

#[test]
fn static_user_message_is_borrowed_and_unescaped() {
    let err = DivideError::throttled();
    assert_eq!(err.user_message(), Some(Cow::Borrowed("Slow down {please}.")));
    assert_eq!(err.http_status(), 429);
}

#[test]
fn catalog_lists_every_error_in_declaration_order() {
    let names: Vec<_> = DivideError::ERRORS.iter().map(|e| e.name).collect();
    assert_eq!(names, ["div_by_zero", "maintenance", "out_of_range", "slow", "storage_broken", "throttled"]);
    let div = DivideError::spec("div_by_zero").unwrap();
    assert_eq!(div.description, "The divisor was zero.");
    assert_eq!(div.code, Code::InvalidArgument);
    assert_eq!(div.http_status, 400);
    assert_eq!(div.service, Some("divider"));
    assert_eq!(div.user_message, Some("You can't divide {dividend} by zero."));
    let maintenance = DivideError::spec("maintenance").unwrap();
    assert!(maintenance.temporary);
    assert_eq!(maintenance.retry_after_secs, Some(30));
    assert_eq!(maintenance.description, "");
    assert!(DivideError::spec("nope").is_none());
}
