//! The rich error details of a status or a Connect error, in a form that
//! compares across calls and transports: each detail's type and decoded
//! content, with the id (which differs from call to call) taken out.

use std::collections::BTreeMap;

use base64::Engine as _;
use connectrpc::ConnectError;
use errdsl_examples::divider::grpc::goapb;
use prost::Message as _;

/// A detail with what differs from call to call (the id) taken out, in a
/// form that compares: its type and its decoded content.
pub fn comparable(type_name: &str, value: &[u8]) -> (String, String) {
    let content = match type_name {
        "goapb.ErrorResponse" => {
            let mut goa = goapb::ErrorResponse::decode(value).expect("a goapb.ErrorResponse");
            assert_eq!(goa.id.len(), 8, "{goa:?}");
            goa.msg = without_id(&goa.msg, &goa.id);
            goa.id.clear();
            format!("{goa:?}")
        }
        "divider.IntegerDivideDivisorTooLargeError" => {
            let custom = errdsl_examples::divider::grpc::pb::IntegerDivideDivisorTooLargeError::decode(value)
                .expect("the custom error type's message");
            format!("{custom:?}")
        }
        "google.rpc.ErrorInfo" => {
            let info = tonic_types::pb::ErrorInfo::decode(value).expect("an ErrorInfo");
            let metadata: BTreeMap<_, _> = info.metadata.into_iter().filter(|(key, _)| key != "id").collect();
            format!("{} {} {metadata:?}", info.reason, info.domain)
        }
        "google.rpc.RetryInfo" => {
            format!("{:?}", tonic_types::pb::RetryInfo::decode(value).expect("a RetryInfo"))
        }
        "google.rpc.LocalizedMessage" => {
            format!("{:?}", tonic_types::pb::LocalizedMessage::decode(value).expect("a LocalizedMessage"))
        }
        other => panic!("unexpected detail {other}"),
    };
    (type_name.to_owned(), content)
}

pub fn connect_details(err: &ConnectError) -> Vec<(String, String)> {
    err.details
        .iter()
        .map(|detail| {
            let value = detail.value.as_deref().expect("a value");
            let bytes =
                base64::engine::general_purpose::STANDARD_NO_PAD.decode(value).expect("unpadded base64");
            comparable(&detail.type_url, &bytes)
        })
        .collect()
}

pub fn grpc_details(status: &tonic::Status) -> Vec<(String, String)> {
    let rpc = tonic_types::pb::Status::decode(status.details()).expect("a google.rpc.Status");
    rpc.details
        .iter()
        .map(|any| {
            let name = any.type_url.strip_prefix("type.googleapis.com/").expect("a type URL");
            comparable(name, &any.value)
        })
        .collect()
}

/// The message with the fault's id (which differs from call to call) taken
/// out.
pub fn without_id(message: &str, id: &str) -> String {
    message.replace(id, "<id>")
}
