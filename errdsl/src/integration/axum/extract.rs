//! Drop-in extractors whose rejections are [`RequestError`]s, and router
//! fallbacks that answer unknown routes and methods the same way.

use super::RequestError;
use crate::integration::request_error::{
    echoed, field_error, in_client_terms, is_json as is_json_media_type, media_type, parse_json, urlencoded,
};
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, FailedToBufferBody, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, OriginalUri, Request};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderMap, HeaderValue, Method, header};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// `axum::Json`, with a [`RequestError`] as its rejection: a body that is
/// not `application/json` (or `+json`) is `unsupported_media_type`, an
/// empty one `missing_payload`, one larger than the body limit
/// (`axum::extract::DefaultBodyLimit`) `payload_too_large`, broken syntax
/// `decode_payload` (with its line and column), and a value of the wrong
/// shape `missing_field` or `invalid_field_type`, naming the field's path.
/// As a response, the value as JSON.
///
/// ```
/// use axum::{Router, routing::post};
/// use errdsl::axum::Json;
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct Operands { a: i32, b: i32 }
///
/// async fn sum(Json(operands): Json<Operands>) -> Json<i32> {
///     Json(operands.a + operands.b)
/// }
///
/// let app: Router = Router::new().route("/sum", post(sum));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

/// `axum::extract::Query`, with a [`RequestError`] as its rejection: a
/// query string of the wrong shape is `missing_field` or
/// `invalid_field_type`, naming the parameter.
///
/// ```
/// use axum::{Router, routing::get};
/// use errdsl::axum::Query;
///
/// #[derive(serde::Deserialize)]
/// struct Page { offset: u32 }
///
/// async fn list(Query(page): Query<Page>) -> String {
///     page.offset.to_string()
/// }
///
/// let app: Router = Router::new().route("/items", get(list));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

/// `axum::extract::Form`, with a [`RequestError`] as its rejection: the
/// query string of a `GET` or `HEAD` request, else an
/// `application/x-www-form-urlencoded` body (`unsupported_media_type`
/// otherwise), read as [`Query`] reads a query string.
///
/// ```
/// use axum::{Router, routing::post};
/// use errdsl::axum::Form;
///
/// #[derive(serde::Deserialize)]
/// struct Login { user: String }
///
/// async fn login(Form(login): Form<Login>) -> String {
///     login.user
/// }
///
/// let app: Router = Router::new().route("/login", post(login));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

/// `axum::extract::Path`, with a [`RequestError`] as its rejection: a
/// segment that does not parse is `invalid_field_type`, naming the
/// parameter and what it must be (`a 32-bit integer`); a route whose
/// parameters do not fit the extractor is the service's fault
/// (`route_mismatch`).
///
/// ```
/// use axum::{Router, routing::get};
/// use errdsl::axum::Path;
///
/// async fn user(Path(id): Path<u64>) -> String {
///     id.to_string()
/// }
///
/// let app: Router = Router::new().route("/users/{id}", get(user));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = RequestError;

    async fn from_request(request: Request, state: &S) -> Result<Self, RequestError> {
        if !is_json(request.headers()) {
            return Err(RequestError::unsupported_media_type("application/json".to_owned()));
        }
        let body = body(request, state).await?;
        parse_json(&body).map(Json)
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => {
                let mut response = Response::new(Body::from(body));
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
                response
            }
            // A value serde cannot write (a map with non-string keys) is the
            // service's mistake: a fault, logged with its id.
            Err(err) => crate::model::error_result::ErrorResult::builder(
                "serialize_response",
                crate::model::code::Code::Internal,
            )
            .message(format!("the response body does not serialize as JSON: {err}"))
            .fault(true)
            .build()
            .into_response(),
        }
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = RequestError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, RequestError> {
        urlencoded(parts.uri.query().unwrap_or_default().as_bytes()).map(Query)
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = RequestError;

    async fn from_request(request: Request, state: &S) -> Result<Self, RequestError> {
        if matches!(*request.method(), Method::GET | Method::HEAD) {
            return urlencoded(request.uri().query().unwrap_or_default().as_bytes()).map(Form);
        }
        if !has_media_type(request.headers(), |media_type| media_type == "application/x-www-form-urlencoded")
        {
            return Err(RequestError::unsupported_media_type("application/x-www-form-urlencoded".to_owned()));
        }
        let body = body(request, state).await?;
        urlencoded(&body).map(Form)
    }
}

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = RequestError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, RequestError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => {
                // A single value (`Path<u64>`) is named by the route's only
                // parameter (`/users/{id}`: `id`), which axum leaves out.
                let params = axum::extract::RawPathParams::from_request_parts(parts, state).await.ok();
                let only_key = params.and_then(|params| {
                    let mut keys = params.iter().map(|(key, _)| key);
                    keys.next().filter(|_| keys.next().is_none()).map(str::to_owned)
                });
                Err(path_error(&rejection, only_key))
            }
        }
    }
}

/// The error of a path that does not fit its extractor; `only_key` is the
/// route's parameter when it has one.
fn path_error(rejection: &PathRejection, only_key: Option<String>) -> RequestError {
    use axum::extract::path::ErrorKind;
    let PathRejection::FailedToDeserializePathParams(failed) = rejection else {
        return RequestError::route_mismatch(rejection.body_text());
    };
    match failed.kind() {
        ErrorKind::ParseErrorAtKey { key, expected_type, .. } => {
            RequestError::invalid_field_type(key.clone(), in_client_terms(expected_type))
        }
        ErrorKind::ParseErrorAtIndex { index, expected_type, .. } => {
            RequestError::invalid_field_type(index.to_string(), in_client_terms(expected_type))
        }
        ErrorKind::ParseError { expected_type, .. } => RequestError::invalid_field_type(
            only_key.unwrap_or_else(|| ".".to_owned()),
            in_client_terms(expected_type),
        ),
        ErrorKind::InvalidUtf8InPathParam { key } => {
            RequestError::invalid_field_type(key.clone(), "text (UTF-8)".to_owned())
        }
        ErrorKind::DeserializeError { key, message, .. } => field_error(key, message),
        _ => RequestError::route_mismatch(failed.body_text()),
    }
}

/// The whole body, or the error of one that is missing or too large.
async fn body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, RequestError> {
    let body = Bytes::from_request(request, state).await.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
            RequestError::payload_too_large()
        }
        other => RequestError::decode_payload(
            "a body".to_owned(),
            "it could not be read".to_owned(),
            other.body_text(),
        ),
    })?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(RequestError::missing_payload());
    }
    Ok(body)
}

/// Whether the `Content-Type` is JSON: `application/json` or
/// `application/<anything>+json`, parameters aside.
fn is_json(headers: &HeaderMap) -> bool {
    has_media_type(headers, is_json_media_type)
}

/// Whether the `Content-Type`, lower-cased and without parameters, passes.
fn has_media_type(headers: &HeaderMap, accept: impl Fn(&str) -> bool) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(media_type)
        .is_some_and(|media_type| accept(&media_type))
}

/// A router fallback that answers every unknown route with
/// [`RequestError::NotFound`] (404), in Goa's body or problem+json like any
/// other error: `Router::new()...fallback(errdsl::axum::not_found)`.
///
/// ```
/// use axum::Router;
///
/// let app: Router = Router::new().fallback(errdsl::axum::not_found);
/// ```
pub async fn not_found(OriginalUri(uri): OriginalUri) -> RequestError {
    RequestError::not_found(echoed(uri.path()))
}

/// A fallback for methods a route does not take, answering
/// [`RequestError::MethodNotAllowed`] (405):
/// `Router::new()...method_not_allowed_fallback(errdsl::axum::method_not_allowed)`.
///
/// ```
/// use axum::{Router, routing::get};
///
/// let app: Router = Router::new()
///     .route("/", get(|| async { "hello" }))
///     .method_not_allowed_fallback(errdsl::axum::method_not_allowed);
/// ```
pub async fn method_not_allowed(method: Method) -> RequestError {
    RequestError::method_not_allowed(echoed(method.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::service_error::ServiceError as _;
    use axum::Router;
    use axum::routing::{get, post};
    use proptest::prelude::*;
    use tower::ServiceExt as _;

    #[derive(serde::Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Payload {
        count: u32,
        ratio: f64,
        tags: Vec<String>,
        inner: Inner,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Inner {
        flag: bool,
    }

    fn app() -> Router {
        Router::new()
            .route("/json", post(|Json(_): Json<Payload>| async { "ok" }))
            .route("/query", get(|Query(_): Query<Inner>| async { "ok" }))
            .route("/form", post(|Form(_): Form<Inner>| async { "ok" }))
            .route("/path/{count}", get(|Path(_): Path<u32>| async { "ok" }))
    }

    /// The answer to a request: its status and body.
    fn answer(request: Request) -> (u16, String) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let response = runtime.block_on(app().oneshot(request)).unwrap();
        let status = response.status().as_u16();
        let body = runtime.block_on(axum::body::to_bytes(response.into_body(), 1 << 20)).unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// What a rejection must be: a declared error of the catalog, whose
    /// body names no Rust type.
    fn check_rejection(status: u16, body: &str) -> Result<(), TestCaseError> {
        if status == 200 {
            return Ok(());
        }
        let json: serde_json::Value =
            serde_json::from_str(body).map_err(|err| TestCaseError::fail(format!("{err}: {body}")))?;
        let name = json["name"].as_str().unwrap_or_default();
        prop_assert!(
            <RequestError as crate::model::service_error::Catalog>::spec(name).is_some(),
            "{}",
            body
        );
        for rust in ["u32", "f64", "bool", "Payload", "Inner", "struct", "Vec"] {
            prop_assert!(!json["message"].as_str().unwrap_or_default().contains(rust), "{}", body);
        }
        Ok(())
    }

    #[test]
    fn nested_fields_are_named_by_their_path() {
        let request = |body: &str| {
            Request::post("/json")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_owned()))
                .unwrap()
        };
        let (status, body) =
            answer(request(r#"{"count": 1, "ratio": 1, "tags": ["a", 7], "inner": {"flag": true}}"#));
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"tags[1]","expected":"a string""#), "{body}");
        let (_, body) = answer(request(r#"{"count": 1, "ratio": 1, "tags": [], "inner": {}}"#));
        assert!(
            body.contains(r#""name":"missing_field""#) && body.contains(r#""field":"inner.flag""#),
            "{body}"
        );
        let (_, body) = answer(request(r#"{"count": -1, "ratio": 1, "tags": [], "inner": {"flag": true}}"#));
        assert!(body.contains(r#""expected":"a non-negative 32-bit integer""#), "{body}");
        let (status, body) = answer(Request::get("/path/x").body(Body::empty()).unwrap());
        assert_eq!(status, 400);
        assert!(body.contains(r#""expected":"a non-negative 32-bit integer""#), "{body}");
        // A single value is named by the route's parameter, `/path/{count}`.
        assert!(body.contains(r#""field":"count""#), "{body}");
        assert!(body.contains("`count` must be"), "{body}");
        let max = crate::transport::http::MAX_ECHO_CHARS;
        let err = RequestError::not_found(echoed(&"/x".repeat(max)));
        assert_eq!(err.wire_fields()[0].1.chars().count(), max + 1, "cut, with an ellipsis");
    }

    proptest! {
        #[test]
        fn any_json_body_is_a_success_or_a_declared_error(body in prop::collection::vec(any::<u8>(), 0..200), json in "[\\[\\]{}\",:0-9a-z. -]{0,80}") {
            for bytes in [body, json.into_bytes()] {
                let request = Request::post("/json").header(header::CONTENT_TYPE, "application/json").body(Body::from(bytes)).unwrap();
                let (status, body) = answer(request);
                check_rejection(status, &body)?;
            }
        }

        #[test]
        fn any_query_or_form_is_a_success_or_a_declared_error(text in "[a-z=&%0-9+]{0,40}") {
            let (status, body) = answer(Request::get(format!("/query?{text}")).body(Body::empty()).unwrap());
            check_rejection(status, &body)?;
            let request = Request::post("/form").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from(text)).unwrap();
            let (status, body) = answer(request);
            check_rejection(status, &body)?;
        }
    }
}
