//! errdsl's gRPC client against a server that builds its error statuses
//! the way a Goa server does (`goagrpc.NewStatusError`): the status code,
//! the message, and one detail, `goapb.ErrorResponse`, compiled from the
//! `.proto` as a peer would. No `ErrorInfo`: everything errdsl reads comes
//! from Goa's message.

use std::net::{Ipv4Addr, SocketAddr};

use errdsl::retry::{Idempotency, is_retryable};
use errdsl::{Code, ErrorResult, ServiceError};
use errdsl_examples::divider::DividerError;
use errdsl_examples::divider::grpc::{DividerClient, goapb, pb};
use prost::Message as _;
use tokio::net::TcpListener;
use tonic::{Request, Response, Status};

/// A status as Goa builds it: `status.New(code, err.Error())` with the
/// error's `goapb.ErrorResponse` as its only detail.
fn goa_status(code: tonic::Code, goa: &goapb::ErrorResponse) -> Status {
    let detail = prost_types::Any {
        type_url: "type.googleapis.com/goapb.ErrorResponse".to_owned(),
        value: goa.encode_to_vec(),
    };
    let rpc = tonic_types::pb::Status { code: code as i32, message: goa.msg.clone(), details: vec![detail] };
    Status::with_details(code, goa.msg.clone(), rpc.encode_to_vec().into())
}

/// A divider whose every call fails as a Goa service's would: `integer_divide`
/// is in maintenance (temporary), `divide` refuses the caller.
struct GoaDivider;

#[tonic::async_trait]
impl pb::divider_server::Divider for GoaDivider {
    async fn integer_divide(
        &self,
        _: Request<pb::IntegerDivideRequest>,
    ) -> Result<Response<pb::IntegerDivideResponse>, Status> {
        let goa = goapb::ErrorResponse {
            name: "maintenance".to_owned(),
            id: "Goa1d-xy".to_owned(),
            msg: "the divider is in maintenance".to_owned(),
            temporary: true,
            timeout: false,
            fault: false,
        };
        Err(goa_status(tonic::Code::Unavailable, &goa))
    }

    async fn divide(&self, _: Request<pb::DivideRequest>) -> Result<Response<pb::DivideResponse>, Status> {
        let goa = goapb::ErrorResponse {
            name: "unauthenticated".to_owned(),
            id: "Goa2d-xy".to_owned(),
            msg: "who are you?".to_owned(),
            temporary: false,
            timeout: false,
            fault: false,
        };
        Err(goa_status(tonic::Code::Unauthenticated, &goa))
    }
}

async fn goa_server() -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tonic::transport::Server::builder()
        .add_service(pb::divider_server::DividerServer::new(GoaDivider))
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener));
    tokio::spawn(server);
    addr
}

#[tokio::test]
async fn a_goa_status_decodes_with_its_name_id_and_flags() {
    let addr = goa_server().await;
    let mut client = DividerClient::connect(format!("http://{addr}")).await.unwrap();

    let status = client.integer_divide(pb::IntegerDivideRequest { a: 1, b: 1 }).await.unwrap_err();
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!(err.name(), "maintenance");
    assert_eq!(err.id(), "Goa1d-xy");
    assert_eq!(err.code(), Code::Unavailable);
    assert_eq!(err.message(), "the divider is in maintenance");
    assert!(err.is_temporary() && !err.is_timeout() && !err.is_fault());
    assert!(is_retryable(&err, Idempotency::NotIdempotent));
    assert!(matches!(DividerError::try_from(err), Ok(DividerError::Maintenance)));

    let status = client.divide(pb::DivideRequest { a: 1.0, b: 1.0 }).await.unwrap_err();
    let err = ErrorResult::from_grpc_status(&status);
    assert_eq!((err.name(), err.id(), err.message()), ("unauthenticated", "Goa2d-xy", "who are you?"));
    assert_eq!(err.code(), Code::Unauthenticated);
    assert!(!err.is_temporary() && !err.is_fault());
    assert!(matches!(DividerError::try_from(err), Ok(DividerError::Unauthenticated)));
}
