//! Goa's gRPC error message, `goapb.ErrorResponse`: what a Goa-generated
//! gRPC client reads from the first detail of an error status.
//!
//! The message is declared in `errdsl/proto/goapb/error_response.proto`,
//! which peers can compile; [`ErrorResponse`] is that message for `prost`.

/// `goapb.ErrorResponse`: one error as Goa describes it.
///
/// [`to_status`](super::to_status) puts one first in the details of every
/// status it builds, as Goa's servers do, and
/// [`ErrorResult::from_grpc_status`](crate::ErrorResult::from_grpc_status)
/// reads it back, so that errdsl and Goa services understand each other's
/// errors.
///
/// ```
/// use errdsl::grpc::goapb::ErrorResponse;
/// use errdsl::{Code, ErrorResult};
/// use prost::Message as _;
///
/// let status = tonic::Status::from(ErrorResult::builder("busy", Code::Unavailable).temporary(true).id("x7Fq9-Ab").build());
/// let rpc = tonic_types::pb::Status::decode(status.details()).unwrap();
/// assert_eq!(rpc.details[0].type_url, ErrorResponse::TYPE_URL);
/// let goa = ErrorResponse::decode(rpc.details[0].value.as_slice()).unwrap();
/// assert_eq!((goa.name.as_str(), goa.id.as_str(), goa.temporary), ("busy", "x7Fq9-Ab", true));
/// assert_eq!(goa.msg, status.message());
/// ```
#[derive(Clone, PartialEq, Eq, prost::Message)]
pub struct ErrorResponse {
    /// The error's wire name, e.g. `div_by_zero`.
    #[prost(string, tag = "1")]
    pub name: String,
    /// The id of this occurrence of the error.
    #[prost(string, tag = "2")]
    pub id: String,
    /// The message: the same text as the status message.
    #[prost(string, tag = "3")]
    pub msg: String,
    /// Whether the same request may succeed if sent again.
    #[prost(bool, tag = "4")]
    pub temporary: bool,
    /// Whether the error is a timeout.
    #[prost(bool, tag = "5")]
    pub timeout: bool,
    /// Whether the error is a server-side fault.
    #[prost(bool, tag = "6")]
    pub fault: bool,
}

impl ErrorResponse {
    /// The type URL of the message in a `google.protobuf.Any`.
    pub const TYPE_URL: &'static str = "type.googleapis.com/goapb.ErrorResponse";
}
