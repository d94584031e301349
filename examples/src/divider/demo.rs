//! The demo: calls every endpoint of running divider servers over the three
//! transports with real clients (reqwest, the tonic client generated from
//! `proto/divider.proto`, and connectrpc's Connect client generated from the
//! same file), and prints what a client sees of each answer: the HTTP
//! status, headers and body, the gRPC and Connect codes, messages and error
//! details, and the typed error errdsl decodes from it.

use std::error::Error;
use std::fmt::Debug;
use std::fmt::Write as _;
use std::io::Write;

use errdsl::{ErrorResult, ServiceError};
use prost::Message as _;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use tonic::metadata::{Ascii, MetadataValue};
use tonic_types::StatusExt;

use super::connect::pb::divider as connect_pb;
use super::grpc::{DividerClient, goapb, pb};
use super::{DEMO_TOKEN, DivideError, IntegerDivideError, Running, SLOW_DIVIDEND};

/// What the demo may fail with: a transport error (a server that cannot be
/// reached, say) or a failed write to the output.
pub type DemoError = Box<dyn Error + Send + Sync>;

/// One call of the demo, made over HTTP and (unless it is HTTP only) gRPC.
struct Case {
    /// The heading.
    title: &'static str,
    /// The HTTP request path.
    path: &'static str,
    /// The gRPC call, or `None` for an HTTP-only case.
    grpc: Option<Rpc>,
    /// The `authorization` to send, if any.
    authorization: Option<&'static str>,
    /// The `Accept` header to send, if any.
    accept: Option<&'static str>,
    /// Whether to call the server in maintenance mode.
    maintenance: bool,
}

/// A gRPC call with its operands.
#[derive(Clone, Copy)]
enum Rpc {
    IntegerDivide(i32, i32),
    Divide(f64, f64),
}

impl Case {
    /// A call to the normal server, with no credentials.
    const fn new(title: &'static str, path: &'static str, grpc: Option<Rpc>) -> Self {
        Self { title, path, grpc, authorization: None, accept: None, maintenance: false }
    }
}

/// The calls the demo makes, in order.
fn cases() -> Vec<Case> {
    vec![
        Case::new("success: integer_divide 12 / 4", "/idiv/12/4", Some(Rpc::IntegerDivide(12, 4))),
        Case {
            authorization: Some(DEMO_TOKEN),
            ..Case::new("success: divide 7 / 2, with the demo token", "/div/7/2", Some(Rpc::Divide(7.0, 2.0)))
        },
        Case::new("div_by_zero: integer_divide 7 / 0", "/idiv/7/0", Some(Rpc::IntegerDivide(7, 0))),
        Case::new("has_remainder: integer_divide 7 / 2", "/idiv/7/2", Some(Rpc::IntegerDivide(7, 2))),
        Case::new(
            "overflow (a fault): integer_divide -2147483648 / -1",
            "/idiv/-2147483648/-1",
            Some(Rpc::IntegerDivide(i32::MIN, -1)),
        ),
        Case::new(
            "timeout: divide 999999 / 3 (the slow dividend)",
            "/div/999999/3",
            Some(Rpc::Divide(f64::from(SLOW_DIVIDEND), 3.0)),
        ),
        Case::new("not_finite: divide inf / 2", "/div/inf/2", Some(Rpc::Divide(f64::INFINITY, 2.0))),
        Case::new(
            "divisor_too_large (Goa's custom-type body): integer_divide 7 / 2000000",
            "/idiv/7/2000000",
            Some(Rpc::IntegerDivide(7, 2_000_000)),
        ),
        Case {
            authorization: Some("Bearer not-the-demo-token"),
            ..Case::new(
                "unauthenticated: integer_divide 8 / 2 with a wrong token",
                "/idiv/8/2",
                Some(Rpc::IntegerDivide(8, 2)),
            )
        },
        Case::new("invalid_field_type (HTTP only): integer_divide abc / 2", "/idiv/abc/2", None),
        Case::new("not_found (HTTP only): an unknown route", "/nowhere", None),
        Case {
            maintenance: true,
            ..Case::new(
                "maintenance: integer_divide 8 / 2 on a server in maintenance mode",
                "/idiv/8/2",
                Some(Rpc::IntegerDivide(8, 2)),
            )
        },
        Case {
            accept: Some("application/problem+json"),
            ..Case::new("div_by_zero as RFC 9457 problem+json (HTTP only)", "/idiv/7/0", None)
        },
    ]
}

/// The width of the labels of the output.
const LABEL: usize = 14;

/// Runs the demo against `servers` and `maintenance` (servers started with
/// [`Config::maintenance`](super::Config::maintenance)), writing to `out`.
pub async fn run(
    servers: &Running,
    maintenance: &Running,
    out: &mut (dyn Write + Send),
) -> Result<(), DemoError> {
    let http = reqwest::Client::new();
    let mut grpc = DividerClient::connect(servers.grpc_url()).await?;
    let mut grpc_maintenance = DividerClient::connect(maintenance.grpc_url()).await?;

    writeln!(
        out,
        "errdsl divider demo: Goa's divider example over HTTP, gRPC and Connect (on the HTTP port)"
    )?;
    writeln!(out, "  {:<LABEL$}HTTP {}   gRPC {}", "servers", servers.http_url(), servers.grpc_url())?;
    writeln!(
        out,
        "  {:<LABEL$}HTTP {}   gRPC {}",
        "maintenance",
        maintenance.http_url(),
        maintenance.grpc_url()
    )?;

    for case in cases() {
        writeln!(out)?;
        writeln!(out, "== {} ==", case.title)?;
        let target = if case.maintenance { maintenance } else { servers };
        http_call(&http, target, &case, out).await?;
        if let Some(rpc) = case.grpc {
            let client = if case.maintenance { &mut grpc_maintenance } else { &mut grpc };
            grpc_call(client, rpc, case.authorization, out).await?;
            connect_call(target, rpc, case.authorization, out).await?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Faults are logged on the server (stderr) with the id the client got.")?;
    Ok(())
}

/// Makes the HTTP request of `case` and prints the answer.
async fn http_call(
    client: &reqwest::Client,
    servers: &Running,
    case: &Case,
    out: &mut (dyn Write + Send),
) -> Result<(), DemoError> {
    let mut request = client.get(format!("{}{}", servers.http_url(), case.path));
    if let Some(token) = case.authorization {
        request = request.header(AUTHORIZATION, token);
    }
    if let Some(accept) = case.accept {
        request = request.header(ACCEPT, accept);
    }
    let mut line = format!("GET {}", case.path);
    for (name, value) in [("Authorization", case.authorization), ("Accept", case.accept)] {
        if let Some(value) = value {
            let _ = write!(line, "  ({name}: {value})");
        }
    }
    writeln!(out, "HTTP  {line}")?;

    let response = request.send().await?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    label(out, "status", &status)?;
    for (name, value) in interesting_headers(&headers) {
        label(out, &name, &value)?;
    }
    label(out, "body", &String::from_utf8_lossy(&body))?;
    if !status.is_success() {
        let result = ErrorResult::from_http_response(status, &headers, &body);
        let decoded = if case.path.starts_with("/idiv/") {
            decoded::<IntegerDivideError>(result)
        } else {
            decoded::<DivideError>(result)
        };
        label(out, "decoded", &decoded)?;
    }
    Ok(())
}

/// Makes the gRPC call `rpc` and prints the answer.
async fn grpc_call(
    client: &mut DividerClient<tonic::transport::Channel>,
    rpc: Rpc,
    authorization: Option<&str>,
    out: &mut (dyn Write + Send),
) -> Result<(), DemoError> {
    let authorization = authorization.map(MetadataValue::try_from).transpose()?;
    let authorization = authorization.as_ref();
    let (status, decoded) = match rpc {
        Rpc::IntegerDivide(a, b) => {
            writeln!(out, "gRPC  IntegerDivide {{ a: {a}, b: {b} }}")?;
            let request = with_auth(pb::IntegerDivideRequest { a, b }, authorization);
            match client.integer_divide(request).await {
                Ok(response) => return label(out, "response", &response.get_ref().field),
                Err(status) => {
                    let decoded = decoded::<IntegerDivideError>(ErrorResult::from_grpc_status(&status));
                    (status, decoded)
                }
            }
        }
        Rpc::Divide(a, b) => {
            writeln!(out, "gRPC  Divide {{ a: {a}, b: {b} }}")?;
            match client.divide(with_auth(pb::DivideRequest { a, b }, authorization)).await {
                Ok(response) => return label(out, "response", &response.get_ref().field),
                Err(status) => {
                    let decoded = decoded::<DivideError>(ErrorResult::from_grpc_status(&status));
                    (status, decoded)
                }
            }
        }
    };
    label(out, "code", &format!("{:?}", status.code()))?;
    label(out, "message", &status.message())?;
    // details[0], where a Goa client looks: Goa's error message.
    let first =
        tonic_types::pb::Status::decode(status.details()).ok().and_then(|rpc| rpc.details.into_iter().next());
    if let Some(first) = first {
        match goapb::ErrorResponse::decode(first.value.as_slice()) {
            Ok(goa) if first.type_url.ends_with("/goapb.ErrorResponse") => label(
                out,
                "goapb (1st)",
                &format!(
                    "name {}, id {}, temporary {}, timeout {}, fault {}",
                    goa.name, goa.id, goa.temporary, goa.timeout, goa.fault
                ),
            )?,
            _ => label(out, "1st detail", &first.type_url)?,
        }
    }
    let details = status.get_error_details();
    if let Some(info) = details.error_info() {
        let mut metadata: Vec<_> = info.metadata.iter().map(|(k, v)| format!("{k}={v}")).collect();
        metadata.sort();
        label(out, "ErrorInfo", &format!("reason {}, domain {}", info.reason, info.domain))?;
        label(out, "  metadata", &metadata.join(", "))?;
    }
    if let Some(retry) = details.retry_info().and_then(|retry| retry.retry_delay) {
        label(out, "RetryInfo", &format!("retry after {}s", retry.as_secs()))?;
    }
    if let Some(message) = details.localized_message() {
        label(out, "Localized", &format!("[{}] {}", message.locale, message.message))?;
    }
    label(out, "decoded", &decoded)
}

/// Makes the call `rpc` over Connect (JSON) with connectrpc's client and
/// prints the answer.
async fn connect_call(
    servers: &Running,
    rpc: Rpc,
    authorization: Option<&str>,
    out: &mut (dyn Write + Send),
) -> Result<(), DemoError> {
    let mut config = connectrpc::client::ClientConfig::new(servers.http_url().parse()?).json();
    if let Some(value) = authorization {
        config = config.with_default_header("authorization", value);
    }
    let client = super::connect::DividerClient::new(connectrpc::client::HttpClient::plaintext(), config);
    let (err, decoded) = match rpc {
        Rpc::IntegerDivide(a, b) => {
            writeln!(out, "Connect  POST /divider.Divider/IntegerDivide {{\"a\":{a},\"b\":{b}}}")?;
            let request = connect_pb::IntegerDivideRequest { a, b, ..Default::default() };
            match client.integer_divide(request).await {
                Ok(response) => return label(out, "response", &response.view().field),
                Err(err) => {
                    let decoded = decoded::<IntegerDivideError>(ErrorResult::from_connect_error(&err));
                    (err, decoded)
                }
            }
        }
        Rpc::Divide(a, b) => {
            writeln!(out, "Connect  POST /divider.Divider/Divide {{\"a\":{a},\"b\":{b}}}")?;
            let request = connect_pb::DivideRequest { a, b, ..Default::default() };
            match client.divide(request).await {
                Ok(response) => return label(out, "response", &response.view().field),
                Err(err) => {
                    let decoded = decoded::<DivideError>(ErrorResult::from_connect_error(&err));
                    (err, decoded)
                }
            }
        }
    };
    label(out, "code", &format!("{} (HTTP {})", err.code.as_str(), err.http_status().as_u16()))?;
    label(out, "message", &err.message.as_deref().unwrap_or_default())?;
    let types: Vec<&str> = err.details.iter().map(|detail| detail.type_url.as_str()).collect();
    label(out, "details", &types.join(", "))?;
    label(out, "decoded", &decoded)
}

/// A gRPC request with `authorization` metadata, if given.
fn with_auth<T>(message: T, authorization: Option<&MetadataValue<Ascii>>) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    if let Some(value) = authorization {
        request.metadata_mut().insert("authorization", value.clone());
    }
    request
}

/// The typed error of the method, or what made decoding fail.
fn decoded<E>(result: ErrorResult) -> String
where
    E: TryFrom<ErrorResult, Error = ErrorResult> + Debug,
{
    let type_name = std::any::type_name::<E>().rsplit("::").next().unwrap_or_default();
    match E::try_from(result) {
        Ok(err) => format!("{type_name}::{err:?}"),
        Err(result) => format!("not an error {type_name} declares: {} ({})", result.name(), result.code()),
    }
}

/// `goa-error` as `Goa-Error`.
fn header_title(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes one aligned `label value` line.
fn label(out: &mut (dyn Write + Send), name: &str, value: &dyn std::fmt::Display) -> Result<(), DemoError> {
    writeln!(out, "  {name:<LABEL$}{value}")?;
    Ok(())
}

/// `(name, value)` of `Goa-Error`, `Retry-After` and `Content-Type`, those
/// present.
fn interesting_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    ["goa-error", RETRY_AFTER.as_str(), CONTENT_TYPE.as_str()]
        .into_iter()
        .filter_map(|name| {
            let value = headers.get(name)?;
            Some((header_title(name), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        })
        .collect()
}
