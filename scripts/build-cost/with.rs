//! The divider service with errdsl: the errors declared once.
use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider")]
pub enum DivideError {
    #[error("cannot divide {dividend} by zero")]
    #[service_error(http = 400, user_msg = "You can't divide {dividend} by zero.")]
    DivByZero { dividend: i64 },
    #[error("{dividend} is not divisible by {divisor}")]
    #[service_error(http = 422)]
    HasRemainder { dividend: i64, divisor: i64 },
    #[error("divider is in maintenance")]
    #[service_error(temporary, http = 503, retry_after_secs = 30)]
    Maintenance,
    #[error("storage failed")]
    #[service_error(fault)]
    Storage(#[from] std::io::Error),
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
