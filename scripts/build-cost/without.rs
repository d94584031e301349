//! The divider service without errdsl: the same answers, written by hand.
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum DivideError {
    #[error("cannot divide {dividend} by zero")]
    DivByZero { dividend: i64 },
    #[error("{dividend} is not divisible by {divisor}")]
    HasRemainder { dividend: i64, divisor: i64 },
    #[error("divider is in maintenance")]
    Maintenance,
    #[error("storage failed")]
    Storage(#[from] std::io::Error),
}

/// Goa's error body.
#[derive(Serialize)]
struct Body<'a> {
    name: &'a str,
    id: String,
    message: String,
    temporary: bool,
    timeout: bool,
    fault: bool,
}

impl DivideError {
    fn describe(&self) -> (StatusCode, tonic::Code, &'static str, String) {
        match self {
            Self::DivByZero { dividend } => (
                StatusCode::BAD_REQUEST,
                tonic::Code::InvalidArgument,
                "div_by_zero",
                format!("You can't divide {dividend} by zero."),
            ),
            Self::HasRemainder { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, tonic::Code::InvalidArgument, "has_remainder", self.to_string())
            }
            Self::Maintenance => {
                (StatusCode::SERVICE_UNAVAILABLE, tonic::Code::Unavailable, "maintenance", self.to_string())
            }
            Self::Storage(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, tonic::Code::Internal, "storage", "internal error".to_owned())
            }
        }
    }
}

impl IntoResponse for DivideError {
    fn into_response(self) -> Response {
        let (status, _, name, message) = self.describe();
        let body = Body {
            name,
            id: String::new(),
            message,
            temporary: matches!(self, Self::Maintenance),
            timeout: false,
            fault: matches!(self, Self::Storage(_)),
        };
        let mut response = (status, Json(body)).into_response();
        response.headers_mut().insert("goa-error", HeaderValue::from_static(name));
        if matches!(self, Self::Maintenance) {
            response.headers_mut().insert("retry-after", HeaderValue::from_static("30"));
        }
        response
    }
}

impl From<DivideError> for tonic::Status {
    fn from(err: DivideError) -> Self {
        let (_, code, _, message) = err.describe();
        tonic::Status::new(code, message)
    }
}

async fn divide(Path((a, b)): Path<(i64, i64)>) -> Result<Json<i64>, DivideError> {
    check(a, b)?;
    Ok(Json(a / b))
}

fn check(a: i64, b: i64) -> Result<(), DivideError> {
    match b {
        0 => Err(DivideError::DivByZero { dividend: a }),
        _ if a % b != 0 => Err(DivideError::HasRemainder { dividend: a, divisor: b }),
        _ => Ok(()),
    }
}

/// What a gRPC method returns: the same errors as statuses.
pub fn rpc_divide(a: i64, b: i64) -> Result<i64, tonic::Status> {
    check(a, b)?;
    Ok(a / b)
}

#[tokio::main]
async fn main() {
    let app = Router::new().route("/div/{a}/{b}", get(divide));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    println!("{:?}", rpc_divide(1, 0).err().map(|status| status.code()));
    axum::serve(listener, app).await.expect("serves");
}
