//! Field violations end to end, from garde and validator reports, over
//! real servers on loopback: an axum service whose handlers validate their
//! JSON bodies and answer with `RequestError::InvalidFields`, read with
//! reqwest in Goa's body and in problem+json; and a tonic service that
//! validates the divider's requests, read with tonic's client, through
//! errdsl's decoder and through tonic-types' own reader of `BadRequest`.

use std::net::{Ipv4Addr, SocketAddr};

use axum::Router;
use axum::routing::post;
use errdsl::axum::{Json, RequestError, negotiate};
use errdsl::{ErrorResult, FieldViolation, FieldViolations, ServiceError};
use errdsl_examples::divider::grpc::{DividerClient, pb};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tonic::{Request, Response, Status};
use tonic_types::StatusExt as _;
// The derive calls `validate` on nested values by method syntax.
use validator::Validate as _;

/// A signup form, checked by garde.
#[derive(Debug, serde::Deserialize, garde::Validate)]
struct GardeSignup {
    #[garde(length(min = 3))]
    name: String,
    #[garde(range(min = 18))]
    age: u8,
    #[garde(dive)]
    items: Vec<GardeItem>,
}

#[derive(Debug, serde::Deserialize, garde::Validate)]
struct GardeItem {
    #[garde(alphanumeric, length(min = 1))]
    sku: String,
}

/// The same form, checked by validator.
#[derive(Debug, serde::Deserialize, validator::Validate)]
struct ValidatorSignup {
    #[validate(length(min = 3))]
    name: String,
    #[validate(range(min = 18, message = "must be at least 18"))]
    age: u8,
    #[validate(nested)]
    items: Vec<ValidatorItem>,
}

#[derive(Debug, serde::Deserialize, validator::Validate)]
struct ValidatorItem {
    #[validate(length(min = 1))]
    sku: String,
}

async fn garde_signup(Json(form): Json<GardeSignup>) -> Result<&'static str, RequestError> {
    garde::Validate::validate(&form)?;
    Ok("welcome")
}

async fn validator_signup(Json(form): Json<ValidatorSignup>) -> Result<&'static str, RequestError> {
    validator::Validate::validate(&form)?;
    Ok("welcome")
}

async fn http_server() -> SocketAddr {
    let app = Router::new()
        .route("/garde", post(garde_signup))
        .route("/validator", post(validator_signup))
        .layer(axum::middleware::from_fn(negotiate));
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// Three bad fields, one of them in a list.
fn bad_form() -> Value {
    json!({"name": "Al", "age": 12, "items": [{"sku": "ok1"}, {"sku": ""}]})
}

/// A `(field, description, reason)` a client must read, written out.
type Triple = (&'static str, &'static str, Option<&'static str>);

/// What a client must read of garde's report of the bad form: its three
/// fields, as AIP-193 writes their paths, and garde's own words.
const GARDE_TRIPLES: [Triple; 3] = [
    ("age", "lower than 18", None),
    ("items[1].sku", "length is lower than 1", None),
    ("name", "length is lower than 3", None),
];

/// The same of validator's report: its messages (or its rule, in words)
/// and its codes as reasons.
const VALIDATOR_TRIPLES: [Triple; 3] = [
    ("age", "must be at least 18", Some("RANGE")),
    ("items[1].sku", "fails the length rule (min 1)", Some("LENGTH")),
    ("name", "fails the length rule (min 3)", Some("LENGTH")),
];

/// Where each of the three fields is, as RFC 9457's JSON Pointer.
const POINTERS: [&str; 3] = ["#/age", "#/items/1/sku", "#/name"];

/// `triples` as the owned triples [`triples`] gives.
fn owned(triples: &[Triple]) -> Vec<(String, String, Option<String>)> {
    triples
        .iter()
        .map(|(field, description, reason)| {
            ((*field).to_owned(), (*description).to_owned(), reason.map(str::to_owned))
        })
        .collect()
}

/// The violations of garde's report of the bad form, as errdsl converts
/// it: held to the literal triples, so that every later comparison is too.
fn garde_expected() -> FieldViolations {
    let form: GardeSignup = serde_json::from_value(bad_form()).unwrap();
    let expected: FieldViolations = garde::Validate::validate(&form).unwrap_err().into();
    assert_eq!(triples(&expected), owned(&GARDE_TRIPLES));
    expected
}

fn validator_expected() -> FieldViolations {
    let form: ValidatorSignup = serde_json::from_value(bad_form()).unwrap();
    let expected: FieldViolations = validator::Validate::validate(&form).unwrap_err().into();
    assert_eq!(triples(&expected), owned(&VALIDATOR_TRIPLES));
    expected
}

/// The `(field, description, reason)` triples of violations.
fn triples(violations: &[FieldViolation]) -> Vec<(String, String, Option<String>)> {
    violations
        .iter()
        .map(|v| (v.field().to_owned(), v.description().to_owned(), v.reason().map(str::to_owned)))
        .collect()
}

async fn post_form(addr: SocketAddr, path: &str, accept: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("http://{addr}{path}"))
        .header("accept", accept)
        .json(&bad_form())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn garde_and_validator_reports_reach_an_http_client_in_goa_s_body() {
    let addr = http_server().await;
    for (path, expected) in [("/garde", garde_expected()), ("/validator", validator_expected())] {
        assert_eq!(expected.len(), 3, "{path}: the form has three bad fields");
        let fields: Vec<&str> = expected.iter().map(FieldViolation::field).collect();
        assert!(fields.contains(&"items[1].sku"), "{path}: {fields:?}");

        let response = post_form(addr, path, "application/json").await;
        assert_eq!(response.status(), 400, "{path}");
        assert_eq!(response.headers()["goa-error"], "invalid_fields", "{path}");
        let body: Value = response.json().await.unwrap();
        for member in ["name", "id", "message", "temporary", "timeout", "fault"] {
            assert!(body.get(member).is_some(), "{path}: Goa's `{member}` is there: {body}");
        }
        assert_eq!(body["message"], "Some fields of the request are not valid.");
        let listed = body["field_violations"].as_array().expect("a field_violations array");
        assert_eq!(listed.len(), 3, "{path}: {body}");
        for (entry, violation) in listed.iter().zip(&expected) {
            assert_eq!(entry["field"], violation.field(), "{path}");
            assert_eq!(entry["description"], violation.description(), "{path}");
            assert_eq!(entry.get("reason").and_then(Value::as_str), violation.reason(), "{path}");
        }

        let err = ErrorResult::from_reqwest(post_form(addr, path, "application/json").await).await;
        assert_eq!(triples(err.field_violations()), triples(&expected), "{path}");
        match RequestError::try_from(err) {
            Ok(RequestError::InvalidFields { violations }) => assert_eq!(violations, expected, "{path}"),
            other => panic!("{path}: decoded {other:?}"),
        }
    }
}

#[tokio::test]
async fn garde_and_validator_reports_reach_an_http_client_in_problem_json() {
    let addr = http_server().await;
    for (path, expected) in [("/garde", garde_expected()), ("/validator", validator_expected())] {
        let response = post_form(addr, path, "application/problem+json").await;
        assert_eq!(response.status(), 400, "{path}");
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], 400);
        let errors = body["errors"].as_array().expect("RFC 9457's errors array");
        assert_eq!(errors.len(), 3, "{path}: {body}");
        for ((entry, violation), pointer) in errors.iter().zip(&expected).zip(POINTERS) {
            assert_eq!(entry["detail"], violation.description(), "{path}");
            assert_eq!(entry["pointer"], pointer, "{path}");
        }
        assert!(errors.iter().any(|entry| entry["pointer"] == "#/items/1/sku"), "{path}: {body}");

        let err = ErrorResult::from_reqwest(post_form(addr, path, "application/problem+json").await).await;
        assert_eq!(err.name(), "invalid_fields");
        match RequestError::try_from(err) {
            Ok(RequestError::InvalidFields { violations }) => assert_eq!(violations, expected, "{path}"),
            other => panic!("{path}: decoded {other:?}"),
        }
    }
}

/// The divider's requests, validated: `integer_divide` by garde, `divide`
/// by validator.
struct ValidatingDivider;

#[derive(garde::Validate)]
struct IntegerOperands {
    #[garde(range(min = -1000, max = 1000))]
    a: i32,
    #[garde(range(min = 1, max = 100))]
    b: i32,
}

#[derive(validator::Validate)]
struct Operands {
    #[validate(range(min = -1000.0, max = 1000.0))]
    a: f64,
    #[validate(range(min = 1.0, max = 100.0, message = "must be between 1 and 100"))]
    b: f64,
}

#[tonic::async_trait]
impl pb::divider_server::Divider for ValidatingDivider {
    async fn integer_divide(
        &self,
        request: Request<pb::IntegerDivideRequest>,
    ) -> Result<Response<pb::IntegerDivideResponse>, Status> {
        let pb::IntegerDivideRequest { a, b } = request.into_inner();
        garde::Validate::validate(&IntegerOperands { a, b }).map_err(RequestError::from)?;
        Ok(Response::new(pb::IntegerDivideResponse { field: a / b }))
    }

    async fn divide(
        &self,
        request: Request<pb::DivideRequest>,
    ) -> Result<Response<pb::DivideResponse>, Status> {
        let pb::DivideRequest { a, b } = request.into_inner();
        validator::Validate::validate(&Operands { a, b }).map_err(RequestError::from)?;
        Ok(Response::new(pb::DivideResponse { field: a / b }))
    }
}

async fn grpc_server() -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tonic::transport::Server::builder()
        .add_service(pb::divider_server::DividerServer::new(ValidatingDivider))
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener));
    tokio::spawn(server);
    addr
}

/// What tonic-types, an independent reader of the rich error model, finds
/// in the status's `BadRequest`.
fn bad_request_of(status: &Status) -> Vec<(String, String, Option<String>)> {
    let details = status.get_error_details();
    let bad_request = details.bad_request().expect("a google.rpc.BadRequest detail");
    bad_request
        .field_violations
        .iter()
        .map(|v| (v.field.clone(), v.description.clone(), Some(v.reason.clone()).filter(|r| !r.is_empty())))
        .collect()
}

#[tokio::test]
async fn garde_and_validator_reports_reach_a_grpc_client_in_bad_request() {
    let addr = grpc_server().await;
    let mut client = DividerClient::connect(format!("http://{addr}")).await.unwrap();

    let status = client.integer_divide(pb::IntegerDivideRequest { a: 5000, b: 500 }).await.unwrap_err();
    let expected: FieldViolations =
        garde::Validate::validate(&IntegerOperands { a: 5000, b: 500 }).unwrap_err().into();
    assert_eq!(
        triples(&expected),
        owned(&[("a", "greater than 1000", None), ("b", "greater than 100", None)])
    );
    let statuses = vec![(status, expected)];

    let status = client.divide(pb::DivideRequest { a: 1.0, b: 0.5 }).await.unwrap_err();
    let expected: FieldViolations =
        validator::Validate::validate(&Operands { a: 1.0, b: 0.5 }).unwrap_err().into();
    assert_eq!(triples(&expected), owned(&[("b", "must be between 1 and 100", Some("RANGE"))]));

    for (status, expected) in statuses.into_iter().chain([(status, expected)]) {
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert_eq!(status.message(), "Some fields of the request are not valid.");
        assert_eq!(bad_request_of(&status), triples(&expected));

        let err = ErrorResult::from_grpc_status(&status);
        assert_eq!(err.name(), "invalid_fields");
        assert_eq!(triples(err.field_violations()), triples(&expected));
        match RequestError::try_from(err) {
            Ok(RequestError::InvalidFields { violations }) => assert_eq!(violations, expected),
            other => panic!("decoded {other:?}"),
        }
    }

    // A valid request still succeeds.
    let ok = client.integer_divide(pb::IntegerDivideRequest { a: 9, b: 3 }).await.unwrap();
    assert_eq!(ok.into_inner().field, 3);
}
