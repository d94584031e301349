//! `ErrorResult::from_grpc_status`: statuses with any code, message and
//! details bytes, or with rich details (`ErrorInfo`, `RetryInfo`,
//! `LocalizedMessage`) holding any values. What decodes must survive a
//! round trip through `tonic::Status` with its name and code.
#![no_main]

use std::collections::HashMap;
use std::time::Duration;

use arbitrary::Arbitrary;
use errdsl::{ErrorResult, ServiceError};
use errdsl_fuzz::check_error;
use libfuzzer_sys::fuzz_target;
use tonic_types::{ErrorDetails, StatusExt};

#[derive(Arbitrary, Debug)]
enum Input {
    /// Any code, message and details bytes.
    Raw { code: i32, message: String, details: Vec<u8> },
    /// A status in Google's rich error model, every part optional.
    Rich {
        code: i32,
        message: String,
        error_info: Option<(String, String, HashMap<String, String>)>,
        retry: Retry,
        localized: Option<(String, String)>,
    },
}

/// The `RetryInfo` of a rich status.
#[derive(Arbitrary, Debug)]
enum Retry {
    /// None.
    Absent,
    /// One without a delay.
    NoDelay,
    /// One with this delay, in seconds and nanoseconds.
    Delay(u64, u32),
}

fuzz_target!(|input: Input| {
    let status = match input {
        Input::Raw { code, message, details } => {
            tonic::Status::with_details(tonic::Code::from(code), message, details.into())
        }
        Input::Rich { code, message, error_info, retry, localized } => {
            let mut details = ErrorDetails::new();
            if let Some((reason, domain, metadata)) = error_info {
                details.set_error_info(reason, domain, metadata);
            }
            match retry {
                Retry::Absent => {}
                Retry::NoDelay => {
                    details.set_retry_info(None);
                }
                Retry::Delay(secs, nanos) => {
                    details.set_retry_info(Some(Duration::new(secs, nanos % 1_000_000_000)));
                }
            }
            if let Some((locale, message)) = localized {
                details.set_localized_message(locale, message);
            }
            tonic::Status::with_error_details(tonic::Code::from(code), message, details)
        }
    };
    let err = ErrorResult::from_grpc_status(&status);
    assert!(!err.name().is_empty(), "an error without a name: {err:?}");
    check_error(&err);

    let again = ErrorResult::from_grpc_status(&tonic::Status::from(err.clone()));
    assert_eq!((again.name(), again.code()), (err.name(), err.code()), "{err:?} became {again:?}");
});
