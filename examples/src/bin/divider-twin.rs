//! The divider's `IntegerDivide` with its answers written by hand, as a
//! service without errdsl would write them: the load test's twin
//! (`scripts/load-test.sh`, BENCHMARKS.md §5).
//!
//! ```text
//! divider-twin [--http ADDR] [--grpc ADDR]
//!     serve until Ctrl-C (defaults 127.0.0.1:8001 and 127.0.0.1:8081)
//! ```
//!
//! It runs the divider's own business logic ([`Divider::integer_divide`])
//! behind axum's `Path` (`GET /idiv/{a}/{b}`) and tonic's generated
//! service (`divider.Divider/IntegerDivide`), and answers the cases the
//! load test sends as the divider does, the id aside: the quotient;
//! `div_by_zero` and `overflow` (a fault, logged with its id and cause
//! through the same writer thread), over HTTP in Goa's JSON or, when the
//! request's `Accept` asks for it, problem+json, and over gRPC with Goa's
//! `ErrorResponse`, `ErrorInfo` and `LocalizedMessage` details. The load
//! test compares both servers' answers before it times them. Any other
//! error is a bare 500 or `INTERNAL`, and `Divide` is not served: the twin
//! is a measuring stick, not a second divider.

use std::cell::RefCell;
use std::collections::HashMap;
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
use errdsl_examples::divider::grpc::goapb::ErrorResponse;
use errdsl_examples::divider::grpc::pb::divider_server::{Divider as DividerRpc, DividerServer};
use errdsl_examples::divider::grpc::pb::{
    DivideRequest, DivideResponse, IntegerDivideRequest, IntegerDivideResponse,
};
use errdsl_examples::divider::{Config, Divider, IntegerDivideError};
use prost::Message as _;
use serde::Serialize;
use tokio::net::TcpListener;
use tonic_types::pb;

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

/// An error answer: its message (with the id in it for a fault) and what
/// both transports say of it.
struct Answer {
    message: String,
    status: StatusCode,
    grpc: tonic::Code,
    name: &'static str,
    title: &'static str,
    code: &'static str,
    /// Whether `message` is the user message too.
    user_message: bool,
    fault: bool,
    dividend: Option<f64>,
}

/// The answer to an error of the load test's cases, the fault logged.
fn describe(err: &IntegerDivideError, id: &str) -> Option<Answer> {
    match err {
        IntegerDivideError::DivByZero { dividend } => Some(Answer {
            message: format!("You can't divide {dividend} by zero."),
            status: StatusCode::BAD_REQUEST,
            grpc: tonic::Code::InvalidArgument,
            name: "div_by_zero",
            title: "Div by zero",
            code: "invalid_argument",
            user_message: true,
            fault: false,
            dividend: Some(*dividend),
        }),
        IntegerDivideError::Overflow { cause } => {
            tracing::error!(
                error.id = id,
                error.type = "overflow",
                exception.message = %err,
                error.sources = %cause,
                "service fault"
            );
            Some(Answer {
                message: format!("internal error (id: {id})"),
                status: StatusCode::INTERNAL_SERVER_ERROR,
                grpc: tonic::Code::Internal,
                name: "overflow",
                title: "Overflow",
                code: "internal",
                user_message: false,
                fault: true,
                dividend: None,
            })
        }
        _ => None,
    }
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

/// The HTTP answer to an error: Goa's JSON, or problem+json when asked.
fn error_response(err: &IntegerDivideError, headers: &HeaderMap) -> Response {
    let id = new_id();
    let Some(answer) = describe(err, &id) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let message = answer.message.as_str();
    let user_message = answer.user_message.then_some(message);
    let fields = answer.dividend.map(|dividend| Dividend { dividend });
    let problem =
        headers.get(ACCEPT).is_some_and(|accept| accept.as_bytes().starts_with(b"application/problem+json"));
    let (content_type, body) = if problem {
        let kind = format!("/errors/{}", answer.name);
        let body = ProblemBody {
            kind: &kind,
            title: answer.title,
            status: answer.status.as_u16(),
            detail: message,
            name: answer.name,
            id: &id,
            code: answer.code,
            temporary: false,
            timeout: false,
            fault: answer.fault,
            user_message,
            fields,
        };
        ("application/problem+json", serde_json::to_vec(&body))
    } else {
        let body = GoaBody {
            name: answer.name,
            id: &id,
            message,
            temporary: false,
            timeout: false,
            fault: answer.fault,
            code: answer.code,
            user_message,
            fields,
        };
        ("application/json", serde_json::to_vec(&body))
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

/// `divider.Divider` over gRPC.
#[derive(Clone, Debug)]
struct TwinGrpc {
    divider: Divider,
}

#[tonic::async_trait]
impl DividerRpc for TwinGrpc {
    async fn integer_divide(
        &self,
        request: tonic::Request<IntegerDivideRequest>,
    ) -> Result<tonic::Response<IntegerDivideResponse>, tonic::Status> {
        let authorization =
            request.metadata().get("authorization").map(tonic::metadata::MetadataValue::as_bytes);
        let result = match self.divider.admit(authorization) {
            Ok(()) => {
                let IntegerDivideRequest { a, b } = *request.get_ref();
                self.divider.integer_divide(a, b).await
            }
            Err(err) => Err(err.into()),
        };
        match result {
            Ok(field) => Ok(tonic::Response::new(IntegerDivideResponse { field })),
            Err(err) => Err(error_status(&err)),
        }
    }

    async fn divide(
        &self,
        _request: tonic::Request<DivideRequest>,
    ) -> Result<tonic::Response<DivideResponse>, tonic::Status> {
        Err(tonic::Status::unimplemented("the twin answers IntegerDivide only"))
    }
}

/// The gRPC answer to an error: its code and message, and Goa's
/// `ErrorResponse`, `ErrorInfo` (AIP-193) and `LocalizedMessage` details.
fn error_status(err: &IntegerDivideError) -> tonic::Status {
    let id = new_id();
    let Some(answer) = describe(err, &id) else {
        return tonic::Status::internal("internal error");
    };
    let flag = |value: bool| if value { "true" } else { "false" }.to_owned();
    let goa = ErrorResponse {
        name: answer.name.to_owned(),
        id: id.clone(),
        msg: answer.message.clone(),
        temporary: false,
        timeout: false,
        fault: answer.fault,
    };
    let mut metadata = HashMap::with_capacity(7);
    metadata.insert("id".to_owned(), id);
    metadata.insert("temporary".to_owned(), flag(false));
    metadata.insert("timeout".to_owned(), flag(false));
    metadata.insert("fault".to_owned(), flag(answer.fault));
    metadata.insert("code".to_owned(), answer.code.to_owned());
    metadata.insert("service".to_owned(), "divider".to_owned());
    if let Some(dividend) = answer.dividend {
        metadata.insert("dividend".to_owned(), dividend.to_string());
    }
    let info = pb::ErrorInfo {
        reason: answer.name.to_ascii_uppercase(),
        domain: "divider.example.com".to_owned(),
        metadata,
    };
    let any = |type_url: &str, value: Vec<u8>| prost_types::Any { type_url: type_url.to_owned(), value };
    let mut details = vec![
        any("type.googleapis.com/goapb.ErrorResponse", goa.encode_to_vec()),
        any("type.googleapis.com/google.rpc.ErrorInfo", info.encode_to_vec()),
    ];
    if answer.user_message {
        let localized = pb::LocalizedMessage { locale: "en-US".to_owned(), message: answer.message.clone() };
        details.push(any("type.googleapis.com/google.rpc.LocalizedMessage", localized.encode_to_vec()));
    }
    let status = pb::Status { code: answer.grpc as i32, message: answer.message.clone(), details };
    tonic::Status::with_details(answer.grpc, answer.message, status.encode_to_vec().into())
}

/// The addresses to serve on, from `--http ADDR` and `--grpc ADDR`.
fn addresses(args: &[String]) -> Result<(SocketAddr, SocketAddr), String> {
    let mut http = SocketAddr::from(([127, 0, 0, 1], 8001));
    let mut grpc = SocketAddr::from(([127, 0, 0, 1], 8081));
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs an address"))?;
        let address = value
            .parse()
            .map_err(|_| format!("{flag}: {value:?} is not an address such as 127.0.0.1:8001"))?;
        match flag.as_str() {
            "--http" => http = address,
            "--grpc" => grpc = address,
            _ => {
                return Err(format!(
                    "unknown option {flag:?}; usage: divider-twin [--http ADDR] [--grpc ADDR]"
                ));
            }
        }
    }
    Ok((http, grpc))
}

/// Serves both transports until Ctrl-C.
async fn serve(http: SocketAddr, grpc: SocketAddr) -> std::io::Result<()> {
    let http = TcpListener::bind(http).await?;
    let grpc = TcpListener::bind(grpc).await?;
    tracing::info!(http = %http.local_addr()?, grpc = %grpc.local_addr()?, "divider-twin serving");
    let divider = Divider::new(Config::default());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let app = Router::new().route("/idiv/{a}/{b}", get(integer_divide)).with_state(divider.clone());
    let mut http_stopped = stopped.clone();
    let http = axum::serve(http, app).with_graceful_shutdown(async move {
        let _ = http_stopped.wait_for(|stop| *stop).await;
    });
    let mut grpc_stopped = stopped;
    let grpc = tonic::transport::Server::builder()
        .add_service(DividerServer::new(TwinGrpc { divider }))
        .serve_with_incoming_shutdown(tonic::transport::server::TcpIncoming::from(grpc), async move {
            let _ = grpc_stopped.wait_for(|stop| *stop).await;
        });
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
        let _ = stop.send(true);
    };
    let (http, grpc, ()) = tokio::join!(http, grpc, ctrl_c);
    http?;
    grpc.map_err(std::io::Error::other)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (http, grpc) = match addresses(&args) {
        Ok(addresses) => addresses,
        Err(message) => {
            eprintln!("divider-twin: {message}");
            return ExitCode::from(2);
        }
    };
    let _log = errdsl_examples::logging::to_stderr();
    let served = tokio::runtime::Runtime::new().and_then(|runtime| runtime.block_on(serve(http, grpc)));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("divider-twin: {err}");
            ExitCode::FAILURE
        }
    }
}
