//! The body of every fuzz target, as a function of the fuzzer's bytes: the
//! binaries of `fuzz_targets/` call these under libFuzzer (nightly), and
//! `tests/replay.rs` calls them on stable over the committed seeds and
//! generated inputs, so that the properties hold in every test run.
//! Each panics on input that breaks its property: that is its report.
#![allow(clippy::missing_panics_doc, reason = "a panic is how a fuzz target reports")]

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use errdsl::grpc::goapb::ErrorResponse;
use errdsl::http::{GoaBody, ProblemDetails};
use errdsl::{ErrorResult, ServiceError};
use http::StatusCode;
use proc_macro2::TokenStream;
use prost::Message as _;
use tonic_types::{ErrorDetails, StatusExt};

use crate::{Name, Value, check_error, header_map};

/// A fuzz target: it panics on bytes that break a property.
pub type Target = fn(&[u8]);

/// Every target, by the name cargo-fuzz knows it by.
pub const ALL: [(&str, Target); 11] = [
    ("http_response", http_response),
    ("goa_body", goa_body),
    ("problem_body", problem_body),
    ("grpc_status", grpc_status),
    ("grpc_goapb", grpc_goapb),
    ("grpc_goa_custom", grpc_goa_custom),
    ("restate_message", restate_message),
    ("grpc_headers", grpc_headers),
    ("connect_body", connect_body),
    ("macro_derive", macro_derive),
    ("macro_errors", macro_errors),
];

/// The structured input of `data`, as libFuzzer's `fuzz_target!` makes it.
fn structured<'a, T: Arbitrary<'a>>(data: &'a [u8]) -> Option<T> {
    T::arbitrary_take_rest(Unstructured::new(data)).ok()
}

/// `ErrorResult::from_http_response`: a status from the first two bytes,
/// headers from structured input, the rest of the input as the body.
pub fn http_response(data: &[u8]) {
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
}

/// `GoaBody`'s `Deserialize`: any bytes as JSON; what decodes must write
/// back to a body that decodes to the same, and make an error.
pub fn goa_body(data: &[u8]) {
    let Ok(body) = serde_json::from_slice::<GoaBody>(data) else { return };
    let json = serde_json::to_vec(&body).expect("a decoded Goa body serializes");
    let back: GoaBody = serde_json::from_slice(&json).expect("a Goa body errdsl wrote reads back");
    assert_eq!(back, body, "round trip through {}", String::from_utf8_lossy(&json));
    check_error(&body.into_error());
}

/// `ProblemDetails`' `Deserialize`: any bytes as JSON; what decodes must
/// write back to problem details that decode to the same, and make an error.
pub fn problem_body(data: &[u8]) {
    let Ok(problem) = serde_json::from_slice::<ProblemDetails>(data) else { return };
    let json = serde_json::to_vec(&problem).expect("decoded problem details serialize");
    let back: ProblemDetails = serde_json::from_slice(&json).expect("problem details errdsl wrote read back");
    assert_eq!(back, problem, "round trip through {}", String::from_utf8_lossy(&json));
    check_error(&problem.into_error());
}

/// The input of [`grpc_status`].
#[derive(Arbitrary, Debug)]
enum StatusInput {
    /// Any code, message and details bytes.
    Raw { code: i32, message: String, details: Vec<u8> },
    /// A status in Google's rich error model, every part optional.
    Rich {
        code: i32,
        message: String,
        error_info: Option<(String, String, HashMap<String, String>)>,
        retry: Retry,
        localized: Option<(String, String)>,
        bad_request: Vec<(String, String)>,
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

/// `ErrorResult::from_grpc_status`: statuses with any code, message and
/// details bytes, or with rich details (`ErrorInfo`, `RetryInfo`,
/// `LocalizedMessage`, `BadRequest`) holding any values. What decodes must
/// survive a round trip through `tonic::Status` with its name, code and
/// field violations.
pub fn grpc_status(data: &[u8]) {
    let Some(input) = structured::<StatusInput>(data) else { return };
    let status = match input {
        StatusInput::Raw { code, message, details } => {
            tonic::Status::with_details(tonic::Code::from(code), message, details.into())
        }
        StatusInput::Rich { code, message, error_info, retry, localized, bad_request } => {
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
            if !bad_request.is_empty() {
                let violations = bad_request
                    .into_iter()
                    .map(|(field, description)| tonic_types::FieldViolation::new(field, description));
                details.set_bad_request(violations.collect::<Vec<_>>());
            }
            tonic::Status::with_error_details(tonic::Code::from(code), message, details)
        }
    };
    let err = ErrorResult::from_grpc_status(&status);
    assert!(!err.name().is_empty(), "an error without a name: {err:?}");
    check_error(&err);

    let again = ErrorResult::from_grpc_status(&tonic::Status::from(err.clone()));
    assert_eq!((again.name(), again.code()), (err.name(), err.code()), "{err:?} became {again:?}");
    assert_eq!(again.field_violations(), err.field_violations(), "{err:?} became {again:?}");
}

/// The input of [`grpc_goapb`].
#[derive(Arbitrary, Debug)]
struct GoapbInput {
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

/// `ErrorResult::from_grpc_status` on statuses built as a Goa server builds
/// them: `goapb.ErrorResponse` details, well formed or any bytes, anywhere
/// in the list, beside an `ErrorInfo` or not. What a well-formed first
/// `goapb.ErrorResponse` says must be what decodes.
pub fn grpc_goapb(data: &[u8]) {
    let Some(input) = structured::<GoapbInput>(data) else { return };
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
                if let Ok(goa) = ErrorResponse::decode(bytes.as_slice()) {
                    first_goa.get_or_insert(goa);
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
}

errdsl::errors! {
    /// A method's errors with Goa custom error types of every protobuf type.
    #[service_error(service = "shop", method = "place_order")]
    pub enum OrderError {
        /// Every protobuf type errdsl writes.
        #[error("{sku} is out of stock")]
        #[service_error(grpc = FailedPrecondition, custom_body, name_member = "name")]
        OutOfStock {
            /// `string`.
            #[service_error(wire)] sku: String,
            /// `sint32`.
            #[service_error(wire)] left: i32,
            /// `uint64`.
            #[service_error(wire)] backlog: u64,
            /// `float`.
            #[service_error(wire)] ratio: f32,
            /// `double`.
            #[service_error(wire)] price: f64,
            /// `bool`.
            #[service_error(wire)] gift: bool,
        },
        /// No name member: the message is field 1.
        #[error("closed")]
        #[service_error(grpc = Unavailable, temporary, custom_body)]
        Closed {
            /// `uint32`.
            #[service_error(wire)] until: u32,
        },
    }
}

/// The input of [`grpc_goa_custom`].
#[derive(Arbitrary, Debug)]
enum CustomInput {
    /// A well-formed `OutOfStock` sent by errdsl, then cut to its first
    /// detail: what a Goa server sends.
    OutOfStock { sku: String, left: i32, backlog: u64, ratio: f32, price: f64, gift: bool },
    /// Any bytes under one of the catalog's message names.
    Bytes { closed: bool, value: Vec<u8>, goapb_too: bool },
}

/// `ErrorResult::from_grpc_status_in` on statuses whose first detail is a
/// Goa custom error type's message, as a Goa server sends it: well formed
/// (it must decode into the same variant, every field as sent) or any
/// bytes (never a panic; with `goapb.ErrorResponse` beside it, that wins).
pub fn grpc_goa_custom(data: &[u8]) {
    use errdsl::Catalog as _;
    let Some(input) = structured::<CustomInput>(data) else { return };
    let (status, sent) = match input {
        CustomInput::OutOfStock { sku, left, backlog, ratio, price, gift } => {
            let err = OrderError::out_of_stock(sku.clone(), left, backlog, ratio, price, gift);
            let full = errdsl::grpc::to_status(&err);
            let mut rpc = tonic_types::pb::Status::decode(full.details()).expect("errdsl's own status");
            rpc.details.truncate(1);
            let status = tonic::Status::with_details(full.code(), full.message(), rpc.encode_to_vec().into());
            (status, Some((sku, left, backlog, ratio, price, gift)))
        }
        CustomInput::Bytes { closed, value, goapb_too } => {
            let name = if closed { "ClosedError" } else { "OutOfStockError" };
            let mut details = vec![any(&format!("type.googleapis.com/shop.PlaceOrder{name}"), value)];
            if goapb_too {
                let goa = ErrorResponse { name: "from_goapb".into(), ..ErrorResponse::default() };
                details.push(any(ErrorResponse::TYPE_URL, goa.encode_to_vec()));
            }
            let rpc = tonic_types::pb::Status { code: 9, message: "m".into(), details };
            let status =
                tonic::Status::with_details(tonic::Code::FailedPrecondition, "m", rpc.encode_to_vec().into());
            if goapb_too {
                assert_eq!(
                    ErrorResult::from_grpc_status_in(&status, OrderError::ERRORS).name(),
                    "from_goapb"
                );
            }
            (status, None)
        }
    };
    let err = ErrorResult::from_grpc_status_in(&status, OrderError::ERRORS);
    check_error(&err);
    let typed = OrderError::try_from(err.clone());
    if let Some((sku, left, backlog, ratio, price, gift)) = sent {
        let Ok(OrderError::OutOfStock {
            sku: read_sku,
            left: read_left,
            backlog: read_backlog,
            ratio: read_ratio,
            price: read_price,
            gift: read_gift,
        }) = typed
        else {
            panic!("{err:?} did not decode into OutOfStock");
        };
        assert_eq!((read_sku, read_left, read_backlog, read_gift), (sku, left, backlog, gift), "{err:?}");
        assert!(same_float(f64::from(read_ratio), f64::from(ratio)), "{err:?}");
        assert!(same_float(read_price, price), "{err:?}");
    }
}

/// Whether two floats are the same value (any NaN is any other, and the
/// zero value, which proto3 does not send, reads back without its sign).
fn same_float(read: f64, sent: f64) -> bool {
    read.to_bits() == sent.to_bits() || (read.is_nan() && sent.is_nan()) || (read == 0.0 && sent == 0.0)
}

/// The input of [`restate_message`].
#[derive(Arbitrary, Debug)]
struct RestateInput {
    status: u16,
    text: String,
    /// The pairs of a tag at the end of the message, if any.
    tag: Option<Vec<(String, Option<String>)>>,
    /// A response body of any bytes.
    body: Vec<u8>,
}

/// `ErrorResult::from_terminal_error` and `from_restate_response` on a
/// Restate failure's message with any text and, at its end, a tag of any
/// pairs (errdsl's keys or others, any values), and on any body: never a
/// panic, an error with a name, and the same error from the terminal
/// failure and from the ingress's JSON body with that message.
pub fn restate_message(data: &[u8]) {
    let Some(input) = structured::<RestateInput>(data) else { return };
    let mut message = input.text;
    if let Some(pairs) = &input.tag {
        let pairs: Vec<String> = pairs
            .iter()
            .map(|(key, value)| match value {
                Some(value) => format!("{key}={value}"),
                None => key.clone(),
            })
            .collect();
        message = format!("{message} [errdsl?{}]", pairs.join("&"));
    }
    let terminal = restate_sdk::errors::TerminalError::new_with_code(input.status, message.clone());
    let err = ErrorResult::from_terminal_error(&terminal);
    assert!(!err.name().is_empty(), "an error without a name: {err:?}");
    check_error(&err);
    let body =
        serde_json::to_vec(&serde_json::json!({"code": input.status, "message": message})).expect("JSON");
    if body.len() < 4096 {
        let from_body = ErrorResult::from_restate_response(input.status, &body);
        // Ids aside: without one in the tag, each decoding makes its own.
        assert_eq!(
            (from_body.name(), from_body.code(), from_body.message(), from_body.is_fault()),
            (err.name(), err.code(), err.message(), err.is_fault()),
            "the ingress's body and the terminal failure disagree"
        );
        assert!(from_body.fields().eq(err.fields()), "{from_body:?} {err:?}");
    }
    check_error(&ErrorResult::from_restate_response(input.status, &input.body));
}

/// `ErrorResult::from_grpc_headers`: header maps of `grpc-status`,
/// `grpc-message`, `grpc-status-details-bin` and others, with any values
/// (base64 or not). An error decodes exactly when `grpc-status` is there.
pub fn grpc_headers(data: &[u8]) {
    let Some(headers) = structured::<Vec<(Name, Value)>>(data) else { return };
    let headers = header_map(&headers);
    let err = ErrorResult::from_grpc_headers(&headers);
    assert_eq!(err.is_some(), headers.contains_key("grpc-status"));
    if let Some(err) = err {
        assert!(!err.name().is_empty(), "an error without a name: {err:?}");
        check_error(&err);
    }
}

/// `ErrorResult::from_connect_response`: any HTTP status (the first two
/// bytes) and any body (the rest). What decodes must survive a round trip
/// through a `ConnectError` and its JSON body with its name, id and code.
pub fn connect_body(data: &[u8]) {
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
}

/// The `#[derive(ServiceError)]` front end on any text that lexes as Rust
/// tokens: it answers with tokens that parse as a file, and never panics.
pub fn macro_derive(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(input) = TokenStream::from_str(text) else { return };
    let output = errdsl_macros_internals::derive(input);
    assert!(!output.is_empty(), "no tokens for {text}");
    if let Err(err) = syn::parse2::<syn::File>(output.clone()) {
        panic!("not a Rust file ({err}): {output}");
    }
}

/// The `errors! { ... }` front end on any text that lexes as Rust tokens:
/// it answers with tokens that parse as a file, and never panics.
pub fn macro_errors(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(input) = TokenStream::from_str(text) else { return };
    let output = errdsl_macros_internals::errors(input);
    if let Err(err) = syn::parse2::<syn::File>(output.clone()) {
        panic!("not a Rust file ({err}): {output}");
    }
}
