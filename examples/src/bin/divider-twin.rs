//! The divider's `GET /idiv/{a}/{b}` with its answers written by hand, as a
//! service without errdsl would write them: the load test's twin
//! (`scripts/load-test.sh`, BENCHMARKS.md §5).
//!
//! ```text
//! divider-twin [--http ADDR]   serve until Ctrl-C (default 127.0.0.1:8001)
//! ```
//!
//! It runs the divider's own business logic ([`Divider::integer_divide`])
//! behind axum's `Path`, and answers the cases the load test sends exactly
//! as the divider does, the id aside: the quotient; `div_by_zero` (400) and
//! `overflow` (500, a fault, logged with its id and cause through the same
//! writer thread) in Goa's JSON, or in problem+json when the request's
//! `Accept` asks for it. The load test compares the bytes of both servers'
//! answers before it times them. Any other error is a bare 500: the twin
//! is a measuring stick, not a second divider.

use std::cell::RefCell;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU16, Ordering};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use errdsl_examples::divider::{Config, Divider, IntegerDivideError};
use serde::Serialize;
use tokio::net::TcpListener;

const GOA_ERROR: HeaderName = HeaderName::from_static("goa-error");

/// Goa's error body, the members in the order errdsl writes them.
#[derive(Serialize)]
struct GoaBody<'a> {
    name: &'a str,
    id: &'a str,
    message: &'a str,
    temporary: bool,
    timeout: bool,
    fault: bool,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Dividend>,
}

/// RFC 9457's body, with the same members as Goa's after its own five.
#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    name: &'a str,
    id: &'a str,
    code: &'a str,
    temporary: bool,
    timeout: bool,
    fault: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Dividend>,
}

/// The wire field of `div_by_zero`.
#[derive(Serialize)]
struct Dividend {
    dividend: f64,
}

/// What an error answer says beside its message and id, before it is
/// written in either format.
struct Answer<'a> {
    status: StatusCode,
    name: &'a str,
    title: &'a str,
    code: &'a str,
    user_message: bool,
    fault: bool,
    dividend: Option<f64>,
}

thread_local! {
    /// The thread's generator, seeded once from the operating system, as
    /// errdsl's ids are made.
    static RNG: RefCell<rand::rngs::StdRng> = RefCell::new({
        let mut seed = [0; 32];
        getrandom::fill(&mut seed).expect("the operating system's random generator answers");
        rand::SeedableRng::from_seed(seed)
    });
}

/// A fresh id in Goa's format: 4 random bytes and a 2-byte counter, as 8
/// characters of base64url.
fn new_id() -> String {
    static COUNTER: AtomicU16 = AtomicU16::new(0);
    let mut bytes = [0; 6];
    RNG.with_borrow_mut(|rng| rand::Rng::fill_bytes(rng, &mut bytes[..4]));
    bytes[4..].copy_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `GET /idiv/{a}/{b}`.
async fn integer_divide(
    State(divider): State<Divider>,
    headers: HeaderMap,
    Path((a, b)): Path<(i32, i32)>,
) -> Response {
    let admitted = divider.admit(headers.get(AUTHORIZATION).map(HeaderValue::as_bytes));
    let result = match admitted {
        Ok(()) => divider.integer_divide(a, b).await,
        Err(err) => Err(err.into()),
    };
    match result {
        Ok(quotient) => axum::Json(quotient).into_response(),
        Err(err) => error_response(&err, &headers),
    }
}

/// The answer to an error of the load test's cases.
fn error_response(err: &IntegerDivideError, headers: &HeaderMap) -> Response {
    let id = new_id();
    let answer = match err {
        IntegerDivideError::DivByZero { dividend } => {
            let message = format!("You can't divide {dividend} by zero.");
            Some((
                message,
                Answer {
                    status: StatusCode::BAD_REQUEST,
                    name: "div_by_zero",
                    title: "Div by zero",
                    code: "invalid_argument",
                    user_message: true,
                    fault: false,
                    dividend: Some(*dividend),
                },
            ))
        }
        IntegerDivideError::Overflow { cause } => {
            tracing::error!(
                error.id = id.as_str(),
                error.type = "overflow",
                exception.message = %err,
                error.sources = %cause,
                "service fault"
            );
            Some((
                format!("internal error (id: {id})"),
                Answer {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    name: "overflow",
                    title: "Overflow",
                    code: "internal",
                    user_message: false,
                    fault: true,
                    dividend: None,
                },
            ))
        }
        _ => None,
    };
    let Some((message, answer)) = answer else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let problem =
        headers.get(ACCEPT).is_some_and(|accept| accept.as_bytes().starts_with(b"application/problem+json"));
    let (content_type, body) = if problem {
        let kind = format!("/errors/{}", answer.name);
        (
            "application/problem+json",
            serde_json::to_vec(&ProblemBody {
                kind: &kind,
                title: answer.title,
                status: answer.status.as_u16(),
                detail: &message,
                name: answer.name,
                id: &id,
                code: answer.code,
                temporary: false,
                timeout: false,
                fault: answer.fault,
                user_message: answer.user_message.then_some(message.as_str()),
                fields: answer.dividend.map(|dividend| Dividend { dividend }),
            }),
        )
    } else {
        (
            "application/json",
            serde_json::to_vec(&GoaBody {
                name: answer.name,
                id: &id,
                message: &message,
                temporary: false,
                timeout: false,
                fault: answer.fault,
                code: answer.code,
                user_message: answer.user_message.then_some(message.as_str()),
                fields: answer.dividend.map(|dividend| Dividend { dividend }),
            }),
        )
    };
    let Ok(body) = body else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = (answer.status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(GOA_ERROR, HeaderValue::from_static(answer.name));
    response
}

/// The address to serve on, from `--http ADDR`.
fn address(args: &[String]) -> Result<SocketAddr, String> {
    match args {
        [] => Ok(SocketAddr::from(([127, 0, 0, 1], 8001))),
        [flag, value] if flag == "--http" => {
            value.parse().map_err(|_| format!("--http: {value:?} is not an address such as 127.0.0.1:8001"))
        }
        _ => Err("usage: divider-twin [--http ADDR]".to_owned()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let address = match address(&args) {
        Ok(address) => address,
        Err(message) => {
            eprintln!("divider-twin: {message}");
            return ExitCode::from(2);
        }
    };
    let _log = errdsl_examples::logging::to_stderr();
    let served = tokio::runtime::Runtime::new().and_then(|runtime| {
        runtime.block_on(async {
            let listener = TcpListener::bind(address).await?;
            tracing::info!(http = %listener.local_addr()?, "divider-twin serving");
            let app = Router::new()
                .route("/idiv/{a}/{b}", get(integer_divide))
                .with_state(Divider::new(Config::default()));
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        })
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("divider-twin: {err}");
            ExitCode::FAILURE
        }
    }
}
