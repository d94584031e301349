//! `ErrorResult::from_http_response`: a status from the first two bytes,
//! headers from structured input, the rest of the input as the body.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use errdsl::{ErrorResult, ServiceError};
use errdsl_fuzz::{Name, Value, check_error, header_map};
use http::StatusCode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = Unstructured::new(data);
    let Ok(raw) = u16::arbitrary(&mut input) else { return };
    // Every status `http` accepts, 100..=999.
    let status = StatusCode::from_u16(100 + raw % 900).expect("100..=999 is a status");
    let Ok(headers) = Vec::<(Name, Value)>::arbitrary(&mut input) else { return };
    let headers = header_map(&headers);
    let body = input.take_rest();

    let err = ErrorResult::from_http_response(status, &headers, body);
    assert_eq!(err.http_status(), status, "the status of the response is the error's");
    check_error(&err);
});
