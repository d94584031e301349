//! `serve_until`: serves on listeners the caller bound, and stops both
//! servers when told to.

use std::net::Ipv4Addr;

use errdsl_examples::divider::grpc::{DividerClient, pb};
use errdsl_examples::divider::{self, Config};
use tokio::net::TcpListener;

#[tokio::test]
async fn serves_until_told_to_stop() {
    let http = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.expect("bind");
    let grpc = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.expect("bind");
    let (http_addr, grpc_addr) = (http.local_addr().unwrap(), grpc.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(divider::serve_until(http, grpc, Config::default(), async {
        let _ = stopped.await;
    }));

    let body = reqwest::get(format!("http://{http_addr}/idiv/9/3")).await.expect("a response").text().await;
    assert_eq!(body.expect("a body"), "3");
    let mut client = DividerClient::connect(format!("http://{grpc_addr}")).await.expect("connect");
    let reply = client.divide(pb::DivideRequest { a: 1.0, b: 8.0 }).await.expect("a reply");
    assert!((reply.into_inner().field - 0.125).abs() < f64::EPSILON);
    drop(client);

    stop.send(()).expect("the server is listening for the signal");
    server.await.expect("the server task").expect("a clean stop");
    assert!(tokio::net::TcpStream::connect(http_addr).await.is_err(), "HTTP stopped");
    assert!(tokio::net::TcpStream::connect(grpc_addr).await.is_err(), "gRPC stopped");
}
