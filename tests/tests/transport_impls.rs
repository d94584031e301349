//! The axum, tonic and connectrpc impls errdsl's features give every
//! generated type, here for types of this package's library, which has none
//! of axum, tonic and connectrpc among its own dependencies.
#![cfg(feature = "transports")]

use axum::response::IntoResponse;
use errdsl::{ErrorResult, ServiceError};
use errdsl_tests::no_transport_deps::{GenericError, PlainError};

#[tokio::test]
async fn declared_types_are_axum_responses() {
    let response = PlainError::missing(7).into_response();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["goa-error"], "missing");
    let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
    let decoded =
        ErrorResult::from_http_response(http::StatusCode::NOT_FOUND, &http::HeaderMap::new(), &body);
    assert!(matches!(PlainError::try_from(decoded), Ok(PlainError::Missing { thing_id: 7 })));

    let response = PlainError::busy().into_response();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "3");

    let response = GenericError::Bad("x".to_owned()).into_response();
    assert_eq!(response.status(), 400);
}

#[test]
fn declared_types_are_tonic_statuses() {
    let status: tonic::Status = PlainError::missing(7).into();
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.message(), "No thing 7.");
    let decoded = ErrorResult::from_grpc_status(&status);
    assert_eq!(decoded.name(), "missing");
    assert!(matches!(PlainError::try_from(decoded), Ok(PlainError::Missing { thing_id: 7 })));

    let status = tonic::Status::from(GenericError::Bad(3));
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
}

#[test]
fn declared_types_are_connect_errors() {
    let sent = connectrpc::ConnectError::from(PlainError::missing(7));
    assert_eq!(sent.code, connectrpc::ErrorCode::NotFound);
    assert_eq!(sent.message.as_deref(), Some("No thing 7."));
    let decoded = ErrorResult::from_connect_response(404, &sent.to_json());
    assert!(matches!(PlainError::try_from(decoded), Ok(PlainError::Missing { thing_id: 7 })));

    let sent = connectrpc::ConnectError::from(GenericError::Bad(3));
    assert_eq!(sent.code, connectrpc::ErrorCode::InvalidArgument);
}

#[test]
fn declared_types_document_their_responses_for_aide() {
    use aide::OperationOutput as _;
    let mut operation = aide::openapi::Operation::default();
    let responses = aide::generate::in_context(|ctx| PlainError::inferred_responses(ctx, &mut operation));
    let statuses: Vec<Option<u16>> = responses.iter().map(|(status, _)| *status).collect();
    assert_eq!(statuses, [Some(404), Some(503)]);
    assert_eq!(responses[0].1.extensions["x-errdsl-errors"], serde_json::json!(["missing"]));
    let generic =
        aide::generate::in_context(|ctx| GenericError::<u8>::inferred_responses(ctx, &mut operation));
    assert!(!generic.is_empty());
}

#[test]
fn declared_types_document_their_responses_for_utoipa() {
    use utoipa::IntoResponses as _;
    let responses = PlainError::responses();
    assert_eq!(responses.keys().collect::<Vec<_>>(), ["404", "503"]);
    let not_found = serde_json::to_value(&responses["404"]).unwrap();
    assert_eq!(not_found["x-errdsl-errors"], serde_json::json!(["missing"]));
    assert!(not_found["content"]["application/json"]["schema"].is_object());
    assert!(!GenericError::<u8>::responses().is_empty());
}
