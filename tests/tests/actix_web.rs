//! The divider's errors served by an actix-web app on 127.0.0.1, read with
//! reqwest: for every error and both formats (Goa's, and problem+json
//! negotiated by `errdsl::actix::negotiate`), the status, `Content-Type`,
//! `Goa-Error`, `Retry-After` and body equal what the axum impl answers
//! (ids aside). The divider's crate has no actix-web code of its own: its
//! `ResponseError` impls are generated through errdsl's feature.
#![cfg(feature = "transports")]

use std::io;
use std::sync::mpsc;

use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use errdsl::http::BodyFormat;
use errdsl::{Code, ErrorResult};
use errdsl_examples::divider::{DivideError, DividerError, IntegerDivideError, WorkerFault};
use serde_json::Value;

/// The error the app answers `name` with (a fault's text must stay in the
/// process).
fn error(name: &str) -> actix_web::Error {
    match name {
        "div_by_zero" => DividerError::div_by_zero(7.0).into(),
        "maintenance" => DividerError::maintenance().into(),
        "unauthenticated" => DividerError::unauthenticated().into(),
        "timeout" => DividerError::timeout(100).into(),
        "has_remainder" => IntegerDivideError::has_remainder(7, 2, 1).into(),
        "divisor_too_large" => IntegerDivideError::divisor_too_large(2_000_000, 1_000_000).into(),
        "overflow" => IntegerDivideError::Overflow { cause: WorkerFault::new("SECRET worker 3 died") }.into(),
        "not_finite" => DivideError::not_finite(f64::INFINITY, 2.0).into(),
        "shelf" => ShelfError::shelf(io::Error::new(io::ErrorKind::NotFound, "SECRET /etc/shop.toml")).into(),
        _ => ErrorResult::builder("db_down", Code::Unavailable)
            .message("SECRET dsn")
            .fault(true)
            .build()
            .into(),
    }
}

errdsl::errors! {
    /// A foreign error classified at run time: its text is never sent.
    enum ShelfError {
        #[error("reading the shelf failed")]
        #[service_error(classify)]
        Shelf(#[source] io::Error),
    }
}

/// What the axum impl answers for the same error: `IntoResponse`, then
/// `errdsl::axum::negotiate`'s re-encoding.
fn axum_answer(name: &str, format: BodyFormat) -> (u16, Vec<(String, String)>, Value) {
    let response = match name {
        "div_by_zero" => errdsl::axum::error_response(&DividerError::div_by_zero(7.0)),
        "maintenance" => errdsl::axum::error_response(&DividerError::maintenance()),
        "unauthenticated" => errdsl::axum::error_response(&DividerError::unauthenticated()),
        "timeout" => errdsl::axum::error_response(&DividerError::timeout(100)),
        "has_remainder" => errdsl::axum::error_response(&IntegerDivideError::has_remainder(7, 2, 1)),
        "divisor_too_large" => {
            errdsl::axum::error_response(&IntegerDivideError::divisor_too_large(2_000_000, 1_000_000))
        }
        "overflow" => errdsl::axum::error_response(&IntegerDivideError::Overflow {
            cause: WorkerFault::new("SECRET worker 3 died"),
        }),
        "not_finite" => errdsl::axum::error_response(&DivideError::not_finite(f64::INFINITY, 2.0)),
        "shelf" => errdsl::axum::error_response(&ShelfError::shelf(io::Error::new(
            io::ErrorKind::NotFound,
            "SECRET /etc/shop.toml",
        ))),
        _ => errdsl::axum::error_response(
            &ErrorResult::builder("db_down", Code::Unavailable).message("SECRET dsn").fault(true).build(),
        ),
    };
    let response = errdsl::axum::reencode(response, format);
    let status = response.status().as_u16();
    let headers = answer_headers(response.headers().iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap())));
    let body = futures_body(response.into_body());
    (status, headers, without_id(serde_json::from_slice(&body).unwrap()))
}

/// An axum body's bytes (errdsl's bodies are one chunk, ready at once).
fn futures_body(body: axum::body::Body) -> Vec<u8> {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(axum::body::to_bytes(body, usize::MAX)).unwrap().to_vec()
}

/// The headers both answers must agree on.
fn answer_headers<'a>(headers: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = headers
        .filter(|(name, _)| ["content-type", "goa-error", "retry-after"].contains(name))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    kept.sort();
    kept
}

/// A body with its id (and the fault message that quotes it) masked.
fn without_id(mut body: Value) -> Value {
    let id = body["id"].as_str().or_else(|| body["instance"].as_str()).map(str::to_owned);
    if let Some(id) = id {
        let text = body.to_string().replace(&id, "<id>");
        body = serde_json::from_str(&text).unwrap();
    }
    body
}

async fn answer(name: web::Path<String>) -> Result<&'static str, actix_web::Error> {
    Err(error(&name))
}

/// Serves the app on a free port of 127.0.0.1, on actix's own runtime.
fn serve() -> String {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new().wrap(from_fn(errdsl::actix::negotiate)).route("/{name}", web::get().to(answer))
            })
            .workers(1)
            .bind(("127.0.0.1", 0))
            .unwrap();
            sender.send(server.addrs()[0]).unwrap();
            server.run().await.unwrap();
        });
    });
    format!("http://{}", receiver.recv().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn actix_answers_every_error_as_axum_does_in_both_formats() {
    let base = serve();
    let client = reqwest::Client::new();
    let names = [
        "div_by_zero",
        "maintenance",
        "unauthenticated",
        "timeout",
        "has_remainder",
        "divisor_too_large",
        "overflow",
        "not_finite",
        "shelf",
        "db_down",
    ];
    for name in names {
        for (accept, format) in
            [("application/json", BodyFormat::Goa), ("application/problem+json", BodyFormat::Problem)]
        {
            let response =
                client.get(format!("{base}/{name}")).header("accept", accept).send().await.unwrap();
            let status = response.status().as_u16();
            let headers =
                answer_headers(response.headers().iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap())));
            let text = response.text().await.unwrap();
            assert!(!text.contains("SECRET"), "{name}: {text}");
            let body = without_id(serde_json::from_str(&text).unwrap());
            let expected = tokio::task::spawn_blocking(move || axum_answer(name, format)).await.unwrap();
            assert_eq!((status, headers, body), expected, "{name} as {accept}");
        }
    }
}

/// Operands of the malformed-request routes.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "only deserialized")]
struct Operands {
    a: i32,
    b: i32,
}

/// A nested body, so that a field is named by its path.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "only deserialized")]
struct Order {
    items: Vec<Item>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "only deserialized")]
struct Item {
    count: u32,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "only deserialized")]
struct Page {
    page: u32,
}

/// Serves errdsl's extractors and fallbacks with actix-web on 127.0.0.1.
fn serve_extractors() -> String {
    use errdsl::actix::{Json, Path, Query};
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .wrap(from_fn(errdsl::actix::negotiate))
                    .route("/json", web::post().to(|_: Json<Operands>| async { "ok" }))
                    .route("/order", web::post().to(|_: Json<Order>| async { "ok" }))
                    .route("/query", web::get().to(|_: Query<Page>| async { "ok" }))
                    .route("/div/{a}/{b}", web::get().to(|_: Path<(i32, i32)>| async { "ok" }))
                    .service(
                        web::resource("/users/{id}")
                            .route(web::get().to(|_: Path<u64>| async { "ok" }))
                            .default_service(web::to(errdsl::actix::method_not_allowed)),
                    )
                    .default_service(web::to(errdsl::actix::not_found))
            })
            .workers(1)
            .bind(("127.0.0.1", 0))
            .unwrap();
            sender.send(server.addrs()[0]).unwrap();
            server.run().await.unwrap();
        });
    });
    format!("http://{}", receiver.recv().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_requests_get_errdsl_request_errors_naming_the_field() {
    let base = serve_extractors();
    let client = reqwest::Client::new();
    let json = "application/json";
    // (method, path, content type, body, status, name, message)
    let cases = [
        (
            "POST",
            "/json",
            json,
            r#"{"a": 1, "b": "x"}"#,
            400,
            "invalid_field_type",
            "`b` must be a 32-bit integer.",
        ),
        ("POST", "/json", json, r#"{"a": 1}"#, 400, "missing_field", "`b` is missing."),
        (
            "POST",
            "/json",
            json,
            r#"{"a": 1,"#,
            400,
            "decode_payload",
            "The request body is not valid JSON: it ends early.",
        ),
        ("POST", "/json", json, "", 400, "missing_payload", "The request needs a body."),
        (
            "POST",
            "/json",
            "text/plain",
            "a=1",
            415,
            "unsupported_media_type",
            "The request body must be application/json.",
        ),
        (
            "POST",
            "/order",
            json,
            r#"{"items": [{"count": -1}]}"#,
            400,
            "invalid_field_type",
            "`items[0].count` must be a non-negative 32-bit integer.",
        ),
        // A query's value is text: its parser says only that it is no integer.
        ("GET", "/query?page=x", json, "", 400, "invalid_field_type", "`page` must be an integer."),
        ("GET", "/div/7/x", json, "", 400, "invalid_field_type", "`b` must be a 32-bit integer."),
        ("GET", "/users/me", json, "", 400, "invalid_field_type", "`id` must be a non-negative integer."),
        ("POST", "/users/7", json, "", 405, "method_not_allowed", "POST is not allowed here."),
        ("GET", "/nowhere", json, "", 404, "not_found", "Nothing is at /nowhere."),
    ];
    for (method, path, content_type, body, status, name, message) in cases {
        for problem in [false, true] {
            let request = client
                .request(method.parse().unwrap(), format!("{base}{path}"))
                .header("content-type", content_type)
                .body(body);
            let request =
                if problem { request.header("accept", "application/problem+json") } else { request };
            let response = request.send().await.unwrap();
            assert_eq!(response.status().as_u16(), status, "{method} {path}");
            assert_eq!(response.headers()["goa-error"], name, "{method} {path}");
            let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
            let shown = if problem { &body["detail"] } else { &body["message"] };
            assert_eq!(shown, message, "{method} {path}, problem+json: {problem}");
        }
    }
}
