//! actix-web extractors whose rejection is a [`RequestError`], and the
//! fallbacks for what no route takes: every malformed request is answered
//! as a declared error, naming the field and what it must be in a client's
//! terms, as `errdsl::axum`'s extractors do.

use std::future::{Future, Ready, ready};
use std::pin::Pin;

use actix_router::PathDeserializer;
use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::Method;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::de::DeserializeOwned;

use crate::integration::request_error::{
    RequestError, echoed, field_error, field_path, is_json, media_type, parse_json, urlencoded,
};

/// A JSON body, as `actix_web::web::Json`, whose rejection is a
/// [`RequestError`]: `unsupported_media_type` without a JSON `Content-Type`,
/// `missing_payload`, `payload_too_large` (actix-web's `PayloadConfig`
/// limit), `decode_payload` for broken JSON, `missing_field` and
/// `invalid_field_type` naming the field's path (`items[0].count`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

/// A query string, as `actix_web::web::Query`, whose rejection is a
/// [`RequestError`] naming the parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

/// A form (`application/x-www-form-urlencoded`; the query of a `GET`), as
/// `actix_web::web::Form`, whose rejection is a [`RequestError`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

/// The route's parameters, as `actix_web::web::Path`, whose rejection is a
/// [`RequestError`] naming the parameter (`{a}` in `/div/{a}/{b}`), also
/// for a tuple or a single value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

/// What an extractor that reads the body returns.
type BodyFuture<T> = Pin<Box<dyn Future<Output = Result<T, RequestError>>>>;

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = RequestError;
    type Future = BodyFuture<Self>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = content_type(request).is_some_and(|media_type| is_json(&media_type));
        let body = web::Bytes::from_request(request, payload);
        Box::pin(async move {
            if !json {
                return Err(RequestError::unsupported_media_type("application/json".to_owned()));
            }
            parse_json(&body.await.map_err(|err| unreadable(&err))?).map(Json)
        })
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = RequestError;
    type Future = Ready<Result<Self, RequestError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(urlencoded(request.query_string().as_bytes()).map(Query))
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = RequestError;
    type Future = BodyFuture<Self>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if matches!(*request.method(), Method::GET | Method::HEAD) {
            let form = urlencoded(request.query_string().as_bytes()).map(Form);
            return Box::pin(async move { form });
        }
        let form =
            content_type(request).is_some_and(|media_type| media_type == "application/x-www-form-urlencoded");
        let body = web::Bytes::from_request(request, payload);
        Box::pin(async move {
            if !form {
                return Err(RequestError::unsupported_media_type(
                    "application/x-www-form-urlencoded".to_owned(),
                ));
            }
            let body = body.await.map_err(|err| unreadable(&err))?;
            if body.iter().all(u8::is_ascii_whitespace) {
                return Err(RequestError::missing_payload());
            }
            urlencoded(&body).map(Form)
        })
    }
}

impl<T: DeserializeOwned> FromRequest for Path<T> {
    type Error = RequestError;
    type Future = Ready<Result<Self, RequestError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let params = request.match_info();
        let value = serde_path_to_error::deserialize(PathDeserializer::new(params)).map_err(|err| {
            let path = field_path(err.path());
            // A tuple's element or a single value is named by its parameter.
            let names: Vec<&str> = params.iter().map(|(name, _)| name).collect();
            let index: Option<usize> =
                path.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')).and_then(|i| i.parse().ok());
            let name = match (index, names.as_slice()) {
                (Some(index), names) if index < names.len() => names[index].to_owned(),
                (None, [only]) if path == "." => (*only).to_owned(),
                _ => path,
            };
            field_error(&name, &err.into_inner().to_string())
        });
        ready(value.map(Path))
    }
}

/// The media type of the request's `Content-Type`, if it has one.
fn content_type(request: &HttpRequest) -> Option<String> {
    let value = request.headers().get(actix_web::http::header::CONTENT_TYPE)?;
    Some(media_type(value.to_str().ok()?))
}

/// A body that could not be read: too large, or cut off.
fn unreadable(err: &actix_web::Error) -> RequestError {
    match err.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => RequestError::payload_too_large(),
        _ => RequestError::decode_payload(
            "a body".to_owned(),
            "it could not be read".to_owned(),
            err.to_string(),
        ),
    }
}

/// The answer to a path no route takes: `not_found`, naming the path (an
/// `Err` always, so that actix-web treats it as the error it is). For
/// `App::default_service(web::to(errdsl::actix::not_found))`.
pub async fn not_found(request: HttpRequest) -> Result<HttpResponse, RequestError> {
    Err(RequestError::not_found(echoed(request.path())))
}

/// The answer to a method a resource does not take: `method_not_allowed`
/// (an `Err` always). For
/// `web::resource(..).default_service(web::to(errdsl::actix::method_not_allowed))`.
pub async fn method_not_allowed(request: HttpRequest) -> Result<HttpResponse, RequestError> {
    Err(RequestError::method_not_allowed(echoed(request.method().as_str())))
}
