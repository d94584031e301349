//! The divider over HTTP (axum): `GET /idiv/{a}/{b}` and `GET /div/{a}/{b}`,
//! as in Goa's example, and the same operands in a JSON body
//! (`POST /idiv`), a query string (`GET /div?a=7&b=2`) or a form
//! (`POST /div`), read by errdsl's extractors.
//!
//! A success is the bare quotient as JSON (`3`, `3.5`). An error is the
//! response errdsl makes of the declared error: its status, `Goa-Error:
//! <name>`, `Retry-After` when known, and Goa's JSON body, or RFC 9457
//! `application/problem+json` when the request's `Accept` prefers it
//! ([`errdsl::axum::ErrorFormatLayer::negotiate`]).

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::routing::get;
use errdsl::axum::{Form, Json, Path, Query, RequestError};
use serde::Deserialize;

use super::errors::{DivideError, DividerError, IntegerDivideError};
use super::service::Divider;

/// The largest request body the divider reads: its JSON and form bodies
/// are a few bytes; anything larger is `payload_too_large`.
pub const MAX_BODY_BYTES: usize = 4096;

/// The `OpenAPI` 3.1 document of the divider's HTTP API, through utoipa: each
/// operation's parameters, success body and every error it can return
/// (each error type's `utoipa::IntoResponses`, from errdsl), served at
/// `GET /openapi.json`. The error types are listed in `components` too:
/// their `utoipa::ToSchema` adds the schema of each error's body, which
/// the responses reference.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "divider", version = "1.0.0", description = "Goa's divider example, with errdsl's errors."),
    paths(integer_divide_path, integer_divide_json, divide_path, divide_query, divide_form),
    components(schemas(IntegerDivideError, DivideError))
)]
pub struct DividerApi;

/// `GET /openapi.json`.
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(<DividerApi as utoipa::OpenApi>::openapi())
}

/// The HTTP routes of the divider, with errdsl's problem+json negotiation
/// (`/idiv` and `/div`; under `/google/`, Google's HTTP error format),
/// the docs of its errors under `/errors/`, where the `type` of each
/// problem+json response points, its Connect methods ([`super::connect`]),
/// and errdsl's answers to requests no route takes (unknown paths and
/// methods), so that every error it sends is one of its catalog.
pub fn router(divider: Divider) -> Router {
    // The same operations answering in Google's HTTP error format
    // (AIP-193), for Google API clients; problem+json stays negotiable.
    let google = Router::new()
        .route("/google/idiv/{a}/{b}", get(integer_divide_path))
        .route("/google/div/{a}/{b}", get(divide_path))
        .with_state(divider.clone())
        .layer(errdsl::axum::ErrorFormatLayer::google_json());
    Router::new()
        .route("/idiv/{a}/{b}", get(integer_divide_path))
        .route("/idiv", axum::routing::post(integer_divide_json))
        .route("/div/{a}/{b}", get(divide_path))
        .route("/div", get(divide_query).post(divide_form))
        .route("/openapi.json", get(openapi))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .nest("/errors", errdsl::docs::router(super::errors::catalog()))
        .with_state(divider.clone())
        .merge(super::connect::router(divider))
        .fallback(errdsl::axum::not_found)
        .method_not_allowed_fallback(errdsl::axum::method_not_allowed)
        .layer(errdsl::axum::ErrorFormatLayer::negotiate())
        .merge(google)
}

/// The operands of `integer_divide`, from the path or a JSON body.
#[derive(Clone, Copy, Debug, Deserialize, utoipa::ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
struct IntegerOperands {
    /// The dividend.
    a: i32,
    /// The divisor.
    b: i32,
}

/// The operands of `divide`, from the path, the query or a form.
#[derive(Clone, Copy, Debug, Deserialize, utoipa::ToSchema, utoipa::IntoParams)]
struct Operands {
    /// The dividend.
    a: f64,
    /// The divisor.
    b: f64,
}

/// `GET /idiv/{a}/{b}`.
#[utoipa::path(
    get,
    path = "/idiv/{a}/{b}",
    operation_id = "integer_divide",
    params(IntegerOperands),
    responses((status = 200, description = "The quotient.", body = i32, content_type = "application/json"), IntegerDivideError)
)]
async fn integer_divide_path(
    State(divider): State<Divider>,
    headers: HeaderMap,
    operands: Result<Path<IntegerOperands>, RequestError>,
) -> Result<Json<i32>, IntegerDivideError> {
    integer_divide(&divider, &headers, operands.map(|Path(operands)| operands)).await
}

/// `POST /idiv` with `{"a": 7, "b": 2}`.
#[utoipa::path(
    post,
    path = "/idiv",
    operation_id = "integer_divide_json",
    request_body = IntegerOperands,
    responses((status = 200, description = "The quotient.", body = i32, content_type = "application/json"), IntegerDivideError)
)]
async fn integer_divide_json(
    State(divider): State<Divider>,
    headers: HeaderMap,
    operands: Result<Json<IntegerOperands>, RequestError>,
) -> Result<Json<i32>, IntegerDivideError> {
    integer_divide(&divider, &headers, operands.map(|Json(operands)| operands)).await
}

/// `GET /div/{a}/{b}`.
#[utoipa::path(
    get,
    path = "/div/{a}/{b}",
    operation_id = "divide",
    params(("a" = f64, Path, description = "The dividend."), ("b" = f64, Path, description = "The divisor.")),
    responses((status = 200, description = "The quotient.", body = f64, content_type = "application/json"), DivideError)
)]
async fn divide_path(
    State(divider): State<Divider>,
    headers: HeaderMap,
    operands: Result<Path<Operands>, RequestError>,
) -> Result<Json<f64>, DivideError> {
    divide(&divider, &headers, operands.map(|Path(operands)| operands)).await
}

/// `GET /div?a=7&b=2`.
#[utoipa::path(
    get,
    path = "/div",
    operation_id = "divide_query",
    params(("a" = f64, Query, description = "The dividend."), ("b" = f64, Query, description = "The divisor.")),
    responses((status = 200, description = "The quotient.", body = f64, content_type = "application/json"), DivideError)
)]
async fn divide_query(
    State(divider): State<Divider>,
    headers: HeaderMap,
    operands: Result<Query<Operands>, RequestError>,
) -> Result<Json<f64>, DivideError> {
    divide(&divider, &headers, operands.map(|Query(operands)| operands)).await
}

/// `POST /div` with the form `a=7&b=2`.
#[utoipa::path(
    post,
    path = "/div",
    operation_id = "divide_form",
    request_body(content = Operands, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, description = "The quotient.", body = f64, content_type = "application/json"), DivideError)
)]
async fn divide_form(
    State(divider): State<Divider>,
    headers: HeaderMap,
    operands: Result<Form<Operands>, RequestError>,
) -> Result<Json<f64>, DivideError> {
    divide(&divider, &headers, operands.map(|Form(operands)| operands)).await
}

/// `integer_divide`, once the call is admitted: maintenance and
/// credentials are answered before the operands are looked at.
async fn integer_divide(
    divider: &Divider,
    headers: &HeaderMap,
    operands: Result<IntegerOperands, RequestError>,
) -> Result<Json<i32>, IntegerDivideError> {
    admit(divider, headers)?;
    let IntegerOperands { a, b } = operands.map_err(DividerError::Request)?;
    Ok(Json(divider.integer_divide(a, b).await?))
}

/// `divide`, once the call is admitted.
async fn divide(
    divider: &Divider,
    headers: &HeaderMap,
    operands: Result<Operands, RequestError>,
) -> Result<Json<f64>, DivideError> {
    admit(divider, headers)?;
    let Operands { a, b } = operands.map_err(DividerError::Request)?;
    Ok(Json(divider.divide(a, b).await?))
}

/// Maintenance mode and the `authorization` header.
fn admit(divider: &Divider, headers: &HeaderMap) -> Result<(), DividerError> {
    divider.admit(headers.get(AUTHORIZATION).map(axum::http::HeaderValue::as_bytes))
}
