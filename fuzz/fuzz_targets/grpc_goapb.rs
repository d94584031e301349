//! `ErrorResult::from_grpc_status` on statuses built as a Goa server builds
//! them: `goapb.ErrorResponse` details, well formed or any bytes, anywhere
//! in the list, beside an `ErrorInfo` or not. What a well-formed first
//! `goapb.ErrorResponse` says must be what decodes.
#![no_main]

use arbitrary::Arbitrary;
use errdsl::grpc::goapb::ErrorResponse;
use errdsl::{ErrorResult, ServiceError};
use errdsl_fuzz::check_error;
use libfuzzer_sys::fuzz_target;
use prost::Message as _;

#[derive(Arbitrary, Debug)]
struct Input {
    code: i32,
    message: String,
    details: Vec<Detail>,
}

/// One detail of the status.
#[derive(Arbitrary, Debug)]
enum Detail {
    /// A well-formed `goapb.ErrorResponse`.
    Goa { name: String, id: String, msg: String, temporary: bool, timeout: bool, fault: bool },
    /// Any bytes under goapb's type URL.
    GoaBytes(Vec<u8>),
    /// An `ErrorInfo`.
    ErrorInfo { reason: String, domain: String, metadata: Vec<(String, String)> },
    /// Any bytes under any type URL.
    Other { type_url: String, value: Vec<u8> },
}

fn any(type_url: &str, value: Vec<u8>) -> prost_types::Any {
    prost_types::Any { type_url: type_url.to_owned(), value }
}

fuzz_target!(|input: Input| {
    let mut first_goa = None;
    let details: Vec<prost_types::Any> = input
        .details
        .into_iter()
        .map(|detail| match detail {
            Detail::Goa { name, id, msg, temporary, timeout, fault } => {
                let goa = ErrorResponse { name, id, msg, temporary, timeout, fault };
                let value = goa.encode_to_vec();
                first_goa.get_or_insert(goa);
                any(ErrorResponse::TYPE_URL, value)
            }
            Detail::GoaBytes(bytes) => {
                if ErrorResponse::decode(bytes.as_slice()).is_ok() {
                    first_goa.get_or_insert_with(|| ErrorResponse::decode(bytes.as_slice()).unwrap());
                }
                any(ErrorResponse::TYPE_URL, bytes)
            }
            Detail::ErrorInfo { reason, domain, metadata } => {
                let info =
                    tonic_types::pb::ErrorInfo { reason, domain, metadata: metadata.into_iter().collect() };
                any(tonic_types::ErrorInfo::TYPE_URL, info.encode_to_vec())
            }
            Detail::Other { type_url, value } => any(&type_url, value),
        })
        .collect();
    let code = tonic::Code::from(input.code);
    let rpc = tonic_types::pb::Status { code: code as i32, message: input.message.clone(), details };
    let status = tonic::Status::with_details(code, input.message, rpc.encode_to_vec().into());

    let err = ErrorResult::from_grpc_status(&status);
    assert!(!err.name().is_empty(), "an error without a name: {err:?}");
    check_error(&err);
    if code != tonic::Code::Ok
        && let Some(goa) = first_goa
    {
        assert_eq!(err.is_temporary(), goa.temporary, "{goa:?} gave {err:?}");
        assert_eq!(err.is_timeout(), goa.timeout, "{goa:?} gave {err:?}");
        assert_eq!(err.is_fault(), goa.fault, "{goa:?} gave {err:?}");
        if !goa.name.is_empty() && goa.name.len() <= errdsl::grpc::MAX_TEXT_BYTES {
            assert_eq!(err.name(), goa.name, "{goa:?} gave {err:?}");
        }
    }
});
