//! End to end over Connect: the divider's Connect routes on its HTTP port,
//! called by connectrpc's own client (the Connect project's Rust
//! implementation), with JSON and with binary protobuf bodies, and by a
//! plain HTTP client reading the raw error body. Every declared error (but
//! the HTTP-only `invalid_field_type`) is triggered; each arrives with the
//! code, message and details the gRPC transport sends for the same call, and
//! decodes back into the same variant.

// Exact: floats must cross the wire unchanged.
#![allow(clippy::float_cmp)]

mod common;

use common::details::{connect_details, grpc_details, without_id};

use std::collections::BTreeSet;
use std::time::Duration;

use base64::Engine as _;
use connectrpc::ConnectError;
use connectrpc::client::{ClientConfig, HttpClient};
use errdsl::{ErrorResult, ServiceError};
use errdsl_examples::divider::connect::{DividerClient, pb::divider as pb};
use errdsl_examples::divider::grpc;
use errdsl_examples::divider::{DEMO_TOKEN, DivideError, IntegerDivideError, Running, SLOW_DIVIDEND};
use prost::Message as _;

/// The two codecs every Connect client offers.
#[derive(Clone, Copy, Debug)]
enum Codec {
    Json,
    Proto,
}

const CODECS: [Codec; 2] = [Codec::Json, Codec::Proto];

fn client(servers: &Running, codec: Codec, authorization: Option<&str>) -> DividerClient<HttpClient> {
    let mut config = ClientConfig::new(servers.http_url().parse().expect("a URI"));
    config = match codec {
        Codec::Json => config.json(),
        Codec::Proto => config.proto(),
    };
    if let Some(value) = authorization {
        config = config.with_default_header("authorization", value);
    }
    DividerClient::new(HttpClient::plaintext(), config)
}

/// One call of either method, with its operands and `authorization`.
#[derive(Clone, Copy, Debug)]
enum Call {
    Idiv(i32, i32, Option<&'static str>),
    Div(f64, f64, Option<&'static str>),
}

fn with_auth<T>(auth: Option<&str>, mut request: tonic::Request<T>) -> tonic::Request<T> {
    if let Some(value) = auth {
        request.metadata_mut().insert("authorization", value.parse().expect("ASCII"));
    }
    request
}

impl Call {
    async fn connect(self, servers: &Running, codec: Codec) -> Result<f64, ConnectError> {
        match self {
            Call::Idiv(a, b, auth) => {
                let request = pb::IntegerDivideRequest { a, b, ..Default::default() };
                let response = client(servers, codec, auth).integer_divide(request).await?;
                Ok(f64::from(response.view().field))
            }
            Call::Div(a, b, auth) => {
                let request = pb::DivideRequest { a, b, ..Default::default() };
                Ok(client(servers, codec, auth).divide(request).await?.view().field)
            }
        }
    }

    async fn grpc(self, servers: &Running) -> tonic::Status {
        let mut client = grpc::DividerClient::connect(servers.grpc_url()).await.expect("connect over gRPC");
        match self {
            Call::Idiv(a, b, auth) => {
                let request = with_auth(auth, tonic::Request::new(grpc::pb::IntegerDivideRequest { a, b }));
                client.integer_divide(request).await.expect_err("an error")
            }
            Call::Div(a, b, auth) => {
                let request = with_auth(auth, tonic::Request::new(grpc::pb::DivideRequest { a, b }));
                client.divide(request).await.expect_err("an error")
            }
        }
    }

    /// The typed error of the method called.
    fn decode(self, result: ErrorResult) -> Box<dyn ServiceError> {
        match self {
            Call::Idiv(..) => {
                Box::new(IntegerDivideError::try_from(result).expect("an integer_divide error"))
            }
            Call::Div(..) => Box::new(DivideError::try_from(result).expect("a divide error")),
        }
    }
}

/// Calls `call` over Connect with both codecs and over gRPC, and checks
/// that the Connect client sees what the gRPC client sees, that the error
/// is the declared one, and that it decodes back into the same variant.
/// Returns the wire name.
async fn check(servers: &Running, call: Call) -> String {
    let status = call.grpc(servers).await;
    let from_grpc = ErrorResult::from_grpc_status(&status);
    let name = from_grpc.name().to_owned();
    let spec = common::spec(&name);
    for codec in CODECS {
        let err = call.connect(servers, codec).await.expect_err("an error");
        let what = format!("{name} over Connect ({codec:?})");
        assert_eq!(err.code.grpc_code(), status.code() as u32, "{what}");
        assert_eq!(tonic::Code::from(spec.code), status.code(), "{what}");
        let decoded = ErrorResult::from_connect_error(&err);
        let message = err.message.as_deref().expect("a message");
        assert_eq!(without_id(message, decoded.id()), without_id(status.message(), from_grpc.id()), "{what}");
        assert_eq!(connect_details(&err), grpc_details(&status), "{what}");

        assert_eq!(decoded.name(), name, "{what}");
        assert_eq!(decoded.code(), spec.code, "{what}");
        assert_eq!(
            (decoded.is_temporary(), decoded.is_timeout(), decoded.is_fault()),
            (spec.temporary, spec.timeout, spec.fault),
            "{what}"
        );
        assert_eq!(decoded.retry_after(), spec.retry_after_secs.map(Duration::from_secs), "{what}");
        assert_eq!(decoded.service(), Some("divider"));
        let typed = call.decode(decoded);
        assert_eq!(typed.name(), name, "{what}");
        assert_eq!(call.decode(from_grpc.clone()).to_string(), typed.to_string(), "{what}: the same variant");
        common::assert_no_secret(&what, format!("{err:?}").as_bytes());
    }
    name
}

#[tokio::test]
async fn successful_calls_return_the_quotient_with_both_codecs() {
    let servers = common::servers().await;
    for codec in CODECS {
        assert_eq!(Call::Idiv(12, 4, None).connect(&servers, codec).await.unwrap(), 3.0);
        assert_eq!(Call::Idiv(-12, 4, Some(DEMO_TOKEN)).connect(&servers, codec).await.unwrap(), -3.0);
        assert_eq!(Call::Div(7.0, 2.0, None).connect(&servers, codec).await.unwrap(), 3.5);
    }
}

/// Every declared error but the HTTP-only one is reachable over Connect
/// and arrives as it does over gRPC.
#[tokio::test]
async fn every_declared_error_arrives_as_over_grpc() {
    let servers = common::servers().await;
    let maintenance = common::maintenance_servers().await;
    let calls = [
        (&servers, Call::Idiv(7, 0, None)),
        (&servers, Call::Div(-1.5, 0.0, None)),
        (&servers, Call::Idiv(7, 2, None)),
        (&servers, Call::Idiv(i32::MIN, -1, None)),
        (&servers, Call::Idiv(SLOW_DIVIDEND, 1, None)),
        (&servers, Call::Div(f64::from(SLOW_DIVIDEND), 1.0, None)),
        (&servers, Call::Idiv(1, 1, Some("Bearer guess"))),
        (&servers, Call::Div(1e308, 1e-308, None)),
        (&servers, Call::Idiv(7, 2_000_000, None)),
        (&maintenance, Call::Idiv(1, 1, None)),
        (&maintenance, Call::Div(1.0, 2.0, Some(DEMO_TOKEN))),
    ];
    let mut seen = BTreeSet::new();
    for (servers, call) in calls {
        seen.insert(check(servers, call).await);
    }
    assert_eq!(seen, common::rpc_names());
}

#[tokio::test]
async fn the_maintenance_servers_retry_info_arrives() {
    let maintenance = common::maintenance_servers().await;
    for codec in CODECS {
        let err = Call::Div(1.0, 2.0, None).connect(&maintenance, codec).await.unwrap_err();
        assert_eq!(err.code, connectrpc::ErrorCode::Unavailable);
        let retry = err.details.iter().find(|d| d.type_url == "google.rpc.RetryInfo").expect("a RetryInfo");
        let bytes =
            base64::engine::general_purpose::STANDARD_NO_PAD.decode(retry.value.as_deref().unwrap()).unwrap();
        let delay = tonic_types::pb::RetryInfo::decode(bytes.as_slice()).unwrap().retry_delay.unwrap();
        assert_eq!((delay.seconds, delay.nanos), (30, 0));
        assert_eq!(ErrorResult::from_connect_error(&err).retry_after(), Some(Duration::from_secs(30)));
    }
}

/// What any HTTP client sees: Connect's status for the code, a JSON body
/// `{code, message, details}`, and the same error decoded from the raw
/// response.
#[tokio::test]
async fn the_raw_response_is_connects_error_json() {
    let servers = common::servers().await;
    let http = reqwest::Client::new();
    let response = http
        .post(format!("{}/divider.Divider/IntegerDivide", servers.http_url()))
        .header("content-type", "application/json")
        .body(r#"{"a": 7, "b": 2}"#)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert_eq!(status, 400, "Connect's status for failed_precondition");
    assert_eq!(response.headers()["content-type"], "application/json");
    let body = response.bytes().await.unwrap();
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["code"], "failed_precondition");
    assert_eq!(json["message"], "7 is not divisible by 2 (remainder 1).");
    let object = json.as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["code", "details", "message"]);
    for detail in json["details"].as_array().unwrap() {
        let keys: Vec<_> = detail.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["type", "value"], "{detail}");
    }

    let err = ErrorResult::from_connect_response(status, &body);
    assert_eq!(err.name(), "has_remainder");
    assert!(matches!(
        IntegerDivideError::try_from(err),
        Ok(IntegerDivideError::HasRemainder { dividend: 7, divisor: 2, remainder: 1 })
    ));

    // The divider's own HTTP routes still answer in Goa's shape.
    let goa = http.get(format!("{}/idiv/7/2", servers.http_url())).send().await.unwrap();
    assert_eq!(goa.headers()["goa-error"], "has_remainder");
}
