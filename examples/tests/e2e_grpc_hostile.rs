//! A gRPC server that sends a `grpc-status-details-bin` that is not base64
//! (broken or hostile). tonic's own client panics on it (tonic 0.14, upstream
//! grpc/grpc-rust#2618); behind `errdsl::grpc::GuardDetailsLayer` the call
//! fails with the status's code and message, and `from_grpc_status` reads it.

use std::net::{Ipv4Addr, SocketAddr};

use errdsl::grpc::GuardDetailsLayer;
use errdsl::{Code, ErrorResult, ServiceError};
use errdsl_examples::divider::grpc::{DividerClient, DividerGrpc, pb};
use errdsl_examples::divider::{Config, Divider};
use http::HeaderValue;
use tokio::net::TcpListener;
use tower::ServiceBuilder;

/// The divider's gRPC server, with every `grpc-status-details-bin` of its
/// trailers-only error responses replaced by text that is not base64.
async fn hostile_server() -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let spoil = tower::util::MapResponseLayer::new(|mut response: http::Response<tonic::body::Body>| {
        if response.headers().contains_key("grpc-status-details-bin") {
            response
                .headers_mut()
                .insert("grpc-status-details-bin", HeaderValue::from_static("%%% not base64 %%%"));
        }
        response
    });
    let server = tonic::transport::Server::builder()
        .layer(spoil)
        .add_service(DividerGrpc::new(Divider::new(Config::default())).into_server())
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener));
    tokio::spawn(server);
    addr
}

async fn channel(addr: SocketAddr) -> tonic::transport::Channel {
    tonic::transport::Endpoint::from_shared(format!("http://{addr}")).unwrap().connect().await.unwrap()
}

#[tokio::test]
async fn the_guard_turns_a_hostile_status_into_an_error_result() {
    let addr = hostile_server().await;
    let guarded = ServiceBuilder::new().layer(GuardDetailsLayer).service(channel(addr).await);
    let mut client = DividerClient::new(guarded);
    let status = client.integer_divide(pb::IntegerDivideRequest { a: 7, b: 0 }).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    assert_eq!(status.message(), "You can't divide 7 by zero.");
    assert!(status.details().is_empty(), "the spoiled details are dropped");

    let result = ErrorResult::from_grpc_status(&status);
    assert_eq!(result.code(), Code::InvalidArgument);
    assert_eq!(result.name(), "invalid_argument", "no ErrorInfo: named after the code");
    assert_eq!(result.message(), "You can't divide 7 by zero.");

    // Successful calls go through the guard untouched.
    let reply = client.integer_divide(pb::IntegerDivideRequest { a: 12, b: 4 }).await.unwrap();
    assert_eq!(reply.into_inner().field, 3);
}

/// Why the guard exists: the same call without it panics inside tonic. If
/// this starts to fail, tonic has fixed its decoder and the guard can go.
#[tokio::test]
async fn without_the_guard_tonic_panics() {
    let addr = hostile_server().await;
    let mut client = DividerClient::new(channel(addr).await);
    let call =
        tokio::spawn(async move { client.integer_divide(pb::IntegerDivideRequest { a: 7, b: 0 }).await });
    let outcome = call.await;
    assert!(outcome.as_ref().is_err_and(tokio::task::JoinError::is_panic), "{outcome:?}");
}
