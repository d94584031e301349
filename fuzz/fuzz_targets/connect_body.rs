//! `ErrorResult::from_connect_response`: any HTTP status (the first two
//! bytes) and any body (the rest). What decodes must survive a round trip
//! through a `ConnectError` and its JSON body with its name, id and code.
#![no_main]

use errdsl::{ErrorResult, ServiceError};
use errdsl_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((status, body)) = data.split_first_chunk::<2>() else { return };
    let status = u16::from_be_bytes(*status) % 1000;
    let err = ErrorResult::from_connect_response(status, body);
    assert!(!err.name().is_empty(), "an error without a name: {err:?}");
    check_error(&err);

    let sent = connectrpc::ConnectError::from(err.clone());
    let again = ErrorResult::from_connect_response(sent.http_status().as_u16(), &sent.to_json());
    assert_eq!(
        (again.name(), again.id(), again.code()),
        (err.name(), err.id(), err.code()),
        "{err:?} became {again:?}"
    );
    assert_eq!(ErrorResult::from_connect_error(&sent).name(), err.name());
});
