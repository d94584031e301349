//! Without a framework: a hyper 1 `service_fn` answers a declared error with
//! one call (`errdsl::http::response_for`), served by hyper on 127.0.0.1 and
//! read by reqwest: the status, `Goa-Error`, `Retry-After`, the format the
//! request's `Accept` asks for, and the typed error decoded back.
#![cfg(feature = "transports")]

use std::convert::Infallible;

use errdsl::ErrorResult;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

errdsl::errors! {
    /// Errors of the divider.
    #[service_error(service = "divider")]
    enum DivideError {
        #[error("cannot divide {dividend} by zero")]
        #[service_error(http = 400, user_msg = "You can't divide {dividend} by zero.")]
        DivByZero { #[service_error(wire)] dividend: i64 },

        #[error("divider is in maintenance")]
        #[service_error(temporary, http = 503, retry_after_secs = 30)]
        Maintenance,
    }
}

/// The service: `/maintenance` fails with `Maintenance`, anything else
/// divides 7 by zero.
async fn handle(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let err = if request.uri().path() == "/maintenance" {
        DivideError::maintenance()
    } else {
        DivideError::div_by_zero(7)
    };
    Ok(errdsl::http::response_for(&err, request.headers()).map(Full::from))
}

/// Serves [`handle`] with hyper on a free port of 127.0.0.1.
async fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), service_fn(handle)));
        }
    });
    format!("http://{address}")
}

#[tokio::test]
async fn a_service_fn_answers_a_declared_error_in_either_format() {
    let base = serve().await;
    let client = reqwest::Client::new();

    let response = client.get(format!("{base}/divide")).send().await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["goa-error"], "div_by_zero");
    let result = ErrorResult::from_reqwest(response).await;
    assert_eq!(result.wire_message(), "You can't divide 7 by zero.");
    assert!(matches!(DivideError::try_from(result), Ok(DivideError::DivByZero { dividend: 7 })));

    let response = client
        .get(format!("{base}/maintenance"))
        .header("accept", "application/problem+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    assert_eq!(response.headers()["retry-after"], "30");
    let body: serde_json::Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["status"], 503);
    assert_eq!(body["name"], "maintenance");
    assert_eq!(body["temporary"], true);
}
