//! `ErrorResult::from_grpc_headers`: header maps of `grpc-status`,
//! `grpc-message`, `grpc-status-details-bin` and others, with any values
//! (base64 or not). An error decodes exactly when `grpc-status` is there.
#![no_main]

use errdsl::{ErrorResult, ServiceError};
use errdsl_fuzz::{Name, Value, check_error, header_map};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|headers: Vec<(Name, Value)>| {
    let headers = header_map(&headers);
    let err = ErrorResult::from_grpc_headers(&headers);
    assert_eq!(err.is_some(), headers.contains_key("grpc-status"));
    if let Some(err) = err {
        assert!(!err.name().is_empty(), "an error without a name: {err:?}");
        check_error(&err);
    }
});
