//! The divider demo: declares the errors of a small division service, makes a
//! few of them, and prints what errdsl derives for each: name, code, HTTP
//! status, flags, the message a user sees, the classification, and the JSON
//! body a Goa client would receive.
//!
//! Run it with `cargo run -p errdsl-examples --bin divider`.

use std::error::Error as _;
use std::io;

use errdsl::{ErrorResult, ServiceError, classify};

/// Errors of the divider service.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider")]
pub enum DivideError {
    /// The divisor was zero.
    #[error("cannot divide {dividend} by zero")]
    #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
    DivByZero {
        /// The number that was to be divided.
        dividend: i64,
    },

    /// The service is down for maintenance.
    #[error("divider is in maintenance")]
    #[service_error(temporary, http = 503, retry_after_secs = 30)]
    Maintenance,

    /// The result store failed; its code and flags come from the I/O error.
    #[error("result store failed")]
    #[service_error(classify)]
    Store(#[source] io::Error),

    /// A bug: the quotient did not check out.
    #[error("quotient check failed: {dividend} / {divisor}")]
    #[service_error(fault)]
    CheckFailed {
        /// The number that was to be divided.
        dividend: i64,
        /// The number it was to be divided by.
        divisor: i64,
    },
}

/// Divides, or says why not.
fn divide(dividend: i64, divisor: i64) -> Result<i64, DivideError> {
    if divisor == 0 {
        return Err(DivideError::div_by_zero(dividend));
    }
    // Only i64::MIN / -1 overflows; the demo treats it as a server bug.
    dividend.checked_div(divisor).ok_or_else(|| DivideError::check_failed(dividend, divisor))
}

fn main() {
    println!("12 / 4 = {:?}", divide(12, 4).map_err(|e| e.to_string()));

    let errors = [
        divide(7, 0).unwrap_err(),
        DivideError::maintenance(),
        DivideError::store(io::Error::from(io::ErrorKind::ConnectionReset)),
        divide(i64::MIN, -1).unwrap_err(),
    ];
    for err in &errors {
        report(err);
    }
}

/// Prints one error the way a server would log it and send it.
fn report(err: &DivideError) {
    // Capture it under a fresh id: the id goes to the log and on the wire.
    let result = ErrorResult::from_service_error(err);
    println!();
    println!("{} [{}]: {err}", err.name(), result.id());
    println!(
        "  code {} / HTTP {}, temporary {}, timeout {}, fault {}",
        err.code(),
        err.http_status().as_u16(),
        err.is_temporary(),
        err.is_timeout(),
        err.is_fault(),
    );
    if let Some(after) = err.retry_after() {
        println!("  retry after {}s", after.as_secs());
    }
    println!("  user sees: {}", result.wire_message());
    if let Some(source) = err.source() {
        let class = classify(source);
        println!(
            "  source \"{source}\" classifies as {} (temporary {}, timeout {})",
            class.code, class.temporary, class.timeout
        );
    }
    match serde_json::to_string(&result) {
        Ok(body) => println!("  JSON: {body}"),
        Err(e) => println!("  JSON: cannot encode: {e}"),
    }
}
