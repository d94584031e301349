//! End to end: a variant classified at run time (`#[service_error(classify)]`
//! over an `io::Error`, as the thiserror migration writes it) never sends
//! the foreign error's text, over a real axum server read with reqwest (Goa's
//! body and problem+json) and a real tonic server read with the generated
//! client: a client error gets its class's generic text, a fault the fault
//! text and its id. (Connect and Restate encode the same `Outgoing` view:
//! `tests/tests/classified_messages.rs` checks their bytes.)

use std::io;
use std::net::Ipv4Addr;

use errdsl::{ErrorResult, ServiceError};
use errdsl_examples::divider::grpc::pb;
use tokio::net::TcpListener;
use tonic::{Request, Response, Status};

/// In the text of every foreign error below.
const SECRET: &str = "SECRET-51c0";

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "shop")]
enum ShopError {
    #[error(transparent)]
    #[service_error(classify)]
    Io(#[from] io::Error),
}

/// The foreign error a request for `kind` fails with: its text names a
/// secret file.
fn failure(kind: &str) -> ShopError {
    let kind = match kind {
        "not_found" => io::ErrorKind::NotFound,
        "permission_denied" => io::ErrorKind::PermissionDenied,
        _ => io::ErrorKind::Other,
    };
    ShopError::from(io::Error::new(kind, format!("/etc/shop/{SECRET}.toml: cannot open")))
}

/// A gRPC service whose calls fail as `failure` of the dividend's kind:
/// 404 not found, 403 permission denied, anything else a fault.
struct Failing;

fn kind_of(code: i32) -> &'static str {
    match code {
        404 => "not_found",
        403 => "permission_denied",
        _ => "other",
    }
}

#[tonic::async_trait]
impl pb::divider_server::Divider for Failing {
    async fn integer_divide(
        &self,
        request: Request<pb::IntegerDivideRequest>,
    ) -> Result<Response<pb::IntegerDivideResponse>, Status> {
        Err(failure(kind_of(request.into_inner().a)).into())
    }

    async fn divide(&self, _: Request<pb::DivideRequest>) -> Result<Response<pb::DivideResponse>, Status> {
        Err(failure("other").into())
    }
}

async fn fail(axum::extract::Path(kind): axum::extract::Path<String>) -> Result<(), ShopError> {
    Err(failure(&kind))
}

/// Both servers on 127.0.0.1: the HTTP base URL and the gRPC endpoint.
async fn servers() -> (String, String) {
    let http = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let grpc = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let urls =
        (format!("http://{}", http.local_addr().unwrap()), format!("http://{}", grpc.local_addr().unwrap()));
    let router = axum::Router::new().route("/shop/{kind}", axum::routing::get(fail));
    tokio::spawn(async move { axum::serve(http, router).await });
    let service = pb::divider_server::DividerServer::new(Failing);
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(grpc)),
    );
    urls
}

fn assert_no_secret(what: &str, text: &str) {
    assert!(
        !text.contains(SECRET) && !text.contains("/etc/shop"),
        "{what} leaks the io::Error's text: {text}"
    );
}

/// The wire message each transport delivers for `kind`, every byte of each
/// answer checked for the secret: (Goa body, problem+json, gRPC).
async fn messages(http: &str, grpc: &str, kind: &str, code: i32) -> [String; 3] {
    let client = reqwest::Client::new();
    let mut http_messages = Vec::new();
    for accept in ["application/json", "application/problem+json"] {
        let response =
            client.get(format!("{http}/shop/{kind}")).header("accept", accept).send().await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        assert_no_secret("the HTTP headers", &format!("{headers:?}"));
        let body = response.bytes().await.unwrap();
        assert_no_secret("the HTTP body", &String::from_utf8_lossy(&body));
        http_messages.push(ErrorResult::from_http_response(status, &headers, &body).message().to_owned());
    }
    let mut client = pb::divider_client::DividerClient::connect(grpc.to_owned()).await.unwrap();
    let status = client.integer_divide(pb::IntegerDivideRequest { a: code, b: 1 }).await.unwrap_err();
    assert_no_secret("the gRPC message", status.message());
    assert_no_secret("the gRPC details", &String::from_utf8_lossy(status.details()));
    for (key, value) in status.metadata().clone().into_headers() {
        assert_no_secret("the gRPC metadata", &format!("{key:?}: {value:?}"));
    }
    let grpc_message = ErrorResult::from_grpc_status(&status).message().to_owned();
    let [goa, problem] = <[String; 2]>::try_from(http_messages).unwrap();
    [goa, problem, grpc_message]
}

#[tokio::test]
async fn a_classified_io_error_never_sends_its_text() {
    let (http, grpc) = servers().await;
    assert!(!failure("not_found").is_fault());
    for message in messages(&http, &grpc, "not_found", 404).await {
        assert_eq!(message, "the requested resource was not found");
    }
    for message in messages(&http, &grpc, "permission_denied", 403).await {
        assert_eq!(message, "permission denied");
    }
    assert!(failure("other").is_fault());
    for message in messages(&http, &grpc, "other", 500).await {
        assert!(message.starts_with("internal error (id: "), "{message}");
    }
}
