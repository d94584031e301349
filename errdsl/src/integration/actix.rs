//! actix-web 4 (feature `actix-web`): every declared type, and
//! [`ErrorResult`], is an `actix_web::ResponseError` answering as the axum
//! impl does: the same status, `Goa-Error`, `Retry-After` and Goa body, a
//! fault logged under the id its client gets. The impl is generated in your
//! crate, which needs no actix-web-specific code of its own.
//!
//! actix-web calls `error_response` without the request, so the body is
//! Goa's; wrap the app in [`negotiate`]
//! (`actix_web::middleware::from_fn(errdsl::actix::negotiate)`) to answer
//! in problem+json when the request's `Accept` prefers it, or in
//! [`problem_json`] to answer so always. A malformed request is answered
//! as a declared error too: take errdsl's [`Json`], [`Query`], [`Form`] and
//! [`Path`] instead of actix-web's, whose rejection is a [`RequestError`]
//! naming the field and what it must be, and give the app
//! `default_service(web::to(errdsl::actix::not_found))`.
//!
//! ```
//! use actix_web::{App, HttpResponse, middleware::from_fn, test, web};
//!
//! errdsl::errors! {
//!     pub enum DivideError {
//!         #[error("cannot divide {dividend} by zero")]
//!         #[service_error(http = 400, user_msg = "You can't divide {dividend} by zero.")]
//!         DivByZero { #[service_error(wire)] dividend: i64 },
//!     }
//! }
//!
//! async fn divide(path: web::Path<(i64, i64)>) -> Result<HttpResponse, DivideError> {
//!     let (a, b) = path.into_inner();
//!     let quotient = a.checked_div(b).ok_or_else(|| DivideError::div_by_zero(a))?;
//!     Ok(HttpResponse::Ok().body(quotient.to_string()))
//! }
//!
//! # actix_web::rt::System::new().block_on(async {
//! let app = test::init_service(
//!     App::new().wrap(from_fn(errdsl::actix::negotiate)).route("/div/{a}/{b}", web::get().to(divide)),
//! )
//! .await;
//! let request = test::TestRequest::get().uri("/div/7/0").insert_header(("accept", "application/problem+json"));
//! let response = test::call_service(&app, request.to_request()).await;
//! assert_eq!(response.status(), 400);
//! assert_eq!(response.headers().get("content-type").unwrap(), "application/problem+json");
//! assert_eq!(response.headers().get("goa-error").unwrap(), "div_by_zero");
//! # });
//! ```

mod extract;

use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};

pub use crate::integration::request_error::RequestError;
pub use extract::{Form, Json, Path, Query, method_not_allowed, not_found};

use crate::model::error_result::ErrorResult;
use crate::model::service_error::ServiceError;
use crate::transport::capture::{Transport, send_for_wire};
use crate::transport::http::{BodyFormat, encode, encode_body};

/// The error an error response was made from, in wire-safe form, with the
/// format its body is in: what [`negotiate`] re-encodes from.
#[derive(Clone)]
struct Sent {
    error: Arc<ErrorResult>,
    format: BodyFormat,
}

/// The status of `err` in actix-web's types (actix-web 4 is on `http` 0.2).
///
/// ```
/// use errdsl::{Code, ErrorResult};
///
/// let err = ErrorResult::new("not_found", Code::NotFound, "no user 42");
/// assert_eq!(errdsl::actix::status_code(&err).as_u16(), 404);
/// ```
pub fn status_code<E: ServiceError + ?Sized>(err: &E) -> StatusCode {
    StatusCode::from_u16(err.http_status().as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The actix-web response for `err`: [`crate::http::response`] in Goa's
/// format. The `ResponseError` impl of every declared type calls it.
///
/// ```
/// use errdsl::{Code, ErrorResult};
///
/// let response = errdsl::actix::error_response(&ErrorResult::new("not_found", Code::NotFound, "no user 42"));
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers().get("goa-error").unwrap(), "not_found");
/// ```
pub fn error_response<E: ServiceError + ?Sized>(err: &E) -> HttpResponse {
    let (response, wire) = send_for_wire(err, Transport::Http, |outgoing| {
        (encode(&outgoing, BodyFormat::Goa), outgoing.into_wire_safe_error())
    });
    let (parts, body) = response.into_parts();
    let mut answer = HttpResponse::new(
        StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
    );
    for (name, value) in &parts.headers {
        // Every header errdsl writes is valid in both versions of `http`.
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(name.as_str().as_bytes()), HeaderValue::from_bytes(value.as_bytes()))
        {
            answer.headers_mut().insert(name, value);
        }
    }
    answer.extensions_mut().insert(Sent { error: Arc::new(wire), format: BodyFormat::Goa });
    answer.set_body(BoxBody::new(body))
}

/// The response of `err`, by [`error_response`]: captured under a fresh id.
impl ResponseError for ErrorResult {
    fn status_code(&self) -> StatusCode {
        status_code(self)
    }

    fn error_response(&self) -> HttpResponse {
        error_response(self)
    }
}

/// `response` with its body in `format`, when errdsl made it from an error;
/// any other response as it is. Nothing is logged; the id stays.
fn reencode(mut response: ServiceResponse<BoxBody>, format: BodyFormat) -> ServiceResponse<BoxBody> {
    let Some(sent) = response.response().extensions().get::<Sent>().cloned() else {
        return response;
    };
    if sent.format == format {
        return response;
    }
    let status = ::http::StatusCode::from_u16(response.status().as_u16()).unwrap_or_default();
    let body = encode_body(&sent.error.outgoing(), format, status);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.remove(CONTENT_LENGTH);
    response.response_mut().extensions_mut().insert(Sent { format, ..sent });
    response.map_body(|_, _| BoxBody::new(body))
}

/// Middleware: error responses in the format the request's `Accept` prefers
/// ([`BodyFormat::from_accept`]): problem+json when it asks for it, Goa's
/// otherwise. For `actix_web::middleware::from_fn(errdsl::actix::negotiate)`.
pub async fn negotiate(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let format = BodyFormat::from_accept(&request_headers(&request));
    Ok(reencode(next.call(request).await?.map_into_boxed_body(), format))
}

/// Middleware: every error response as problem+json, whatever the request
/// accepts. For `actix_web::middleware::from_fn(errdsl::actix::problem_json)`.
pub async fn problem_json(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    Ok(reencode(next.call(request).await?.map_into_boxed_body(), BodyFormat::Problem))
}

/// The request's `Accept` headers in the `http` crate's types.
fn request_headers(request: &ServiceRequest) -> ::http::HeaderMap {
    let mut headers = ::http::HeaderMap::new();
    for value in request.headers().get_all(actix_web::http::header::ACCEPT) {
        if let Ok(value) = ::http::HeaderValue::from_bytes(value.as_bytes()) {
            headers.append(::http::header::ACCEPT, value);
        }
    }
    headers
}
