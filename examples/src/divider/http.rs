//! The divider over HTTP (axum): `GET /idiv/{a}/{b}` and `GET /div/{a}/{b}`,
//! as in Goa's example.
//!
//! A success is the bare quotient as JSON (`3`, `3.5`). An error is the
//! response errdsl makes of the declared error: its status, `Goa-Error:
//! <name>`, `Retry-After` when known, and Goa's JSON body, or RFC 9457
//! `application/problem+json` when the request's `Accept` prefers it
//! ([`errdsl::axum::negotiate`]).

use std::str::FromStr;

use axum::Json;
use axum::Router;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::routing::get;

use super::errors::{DivideError, DividerError, IntegerDivideError};
use super::service::Divider;

/// The HTTP routes of the divider, with errdsl's problem+json negotiation,
/// the docs of its errors under `/errors/`, where the `type` of each
/// problem+json response points, and its Connect methods
/// ([`super::connect`]).
pub fn router(divider: Divider) -> Router {
    Router::new()
        .route("/idiv/{a}/{b}", get(integer_divide))
        .route("/div/{a}/{b}", get(divide))
        .layer(axum::middleware::from_fn(errdsl::axum::negotiate))
        .nest("/errors", errdsl::docs::router(super::errors::catalog()))
        .with_state(divider.clone())
        .merge(super::connect::router(divider))
}

/// `GET /idiv/{a}/{b}`.
async fn integer_divide(
    State(divider): State<Divider>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<i32>, IntegerDivideError> {
    const EXPECTED: &str = "a 32-bit integer";
    admit(&divider, &headers)?;
    let (a, b) = segments(path, EXPECTED)?;
    let a = operand("a", &a, EXPECTED)?;
    let b = operand("b", &b, EXPECTED)?;
    Ok(Json(divider.integer_divide(a, b).await?))
}

/// `GET /div/{a}/{b}`.
async fn divide(
    State(divider): State<Divider>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<f64>, DivideError> {
    const EXPECTED: &str = "a number";
    admit(&divider, &headers)?;
    let (a, b) = segments(path, EXPECTED)?;
    let a = operand("a", &a, EXPECTED)?;
    let b = operand("b", &b, EXPECTED)?;
    Ok(Json(divider.divide(a, b).await?))
}

/// Maintenance mode and the `authorization` header.
fn admit(divider: &Divider, headers: &HeaderMap) -> Result<(), DividerError> {
    divider.admit(headers.get(AUTHORIZATION).map(axum::http::HeaderValue::as_bytes))
}

/// The two path segments, or `invalid_field_type` when one is not text
/// (percent-encoded bytes that are not UTF-8, say) instead of axum's own
/// plain-text rejection: every error the divider sends is a declared one.
fn segments(
    path: Result<Path<(String, String)>, PathRejection>,
    expected: &str,
) -> Result<(String, String), DividerError> {
    let rejection = match path {
        Ok(Path(segments)) => return Ok(segments),
        Err(rejection) => rejection,
    };
    let field = match &rejection {
        PathRejection::FailedToDeserializePathParams(err) => match err.kind() {
            ErrorKind::InvalidUtf8InPathParam { key } => key.clone(),
            _ => "path".to_owned(),
        },
        _ => "path".to_owned(),
    };
    Err(DividerError::invalid_field_type(field, expected.to_owned(), rejection.body_text()))
}

/// Parses one path segment, or says which one is wrong and why.
fn operand<T: FromStr>(field: &str, value: &str, expected: &str) -> Result<T, DividerError> {
    value.parse().map_err(|_| {
        DividerError::invalid_field_type(field.to_owned(), expected.to_owned(), value.to_owned())
    })
}
