//! The demo: a local `restate-server`, the notify deployment registered
//! with it, both of Dispatch's examples invoked through the ingress, and
//! what the caller sees and what the engine recorded, printed.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, SocketAddr};

use errdsl::{ErrorResult, ServiceError};
use serde_json::json;

use super::server::{Record, Response, RestateServer};
use super::{DEACTIVATED_USER, MISCONFIGURED_USER, Notify, NotifyError};

/// Attempts of each notification that fail while in maintenance.
pub const MAINTENANCE_ATTEMPTS: u32 = 2;

/// Runs the demo and returns what it prints.
///
/// # Errors
///
/// The server could not be started, or a call failed on the way.
pub async fn run() -> Result<String, String> {
    let server = RestateServer::start().await?;
    let notify = Notify::new(MAINTENANCE_ATTEMPTS);
    let attempts = notify.attempts();
    let endpoint =
        super::spawn(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), notify).await.map_err(|e| e.to_string())?;
    server.register(endpoint).await?;
    let mut out = format!("restate-server at {}, notify deployment at {endpoint}\n", server.ingress());

    let calls = [
        ("1. while the relay is in maintenance", "user_42"),
        ("2. a deactivated user", DEACTIVATED_USER),
        ("3. a fault (the relay refuses the credentials; its address stays in the log)", MISCONFIGURED_USER),
    ];
    for (title, user) in calls {
        let response = server.call("Notify", "notify_user", &json!(user)).await?;
        let id = response.invocation_id.clone().ok_or("the ingress made no invocation")?;
        let record = server.wait_for(&id, |record| record.status == "completed").await?;
        writeln!(out, "\n{title}: POST /Notify/notify_user {user:?}").ok();
        describe(&mut out, &response, &record, attempts.of(user));
    }
    Ok(out)
}

/// What the caller saw, and the attempts as the engine and the handler
/// counted them.
fn describe(out: &mut String, response: &Response, record: &Record, handler_attempts: u32) {
    writeln!(out, "   caller sees: HTTP {} {}", response.status, response.text()).ok();
    if response.status >= 400 {
        let err = ErrorResult::from_restate_response(response.status, &response.body);
        writeln!(out, "   decoded: {} (id {}), temporary: {}", err.name(), err.id(), err.is_temporary()).ok();
        match NotifyError::try_from(err) {
            Ok(typed) => writeln!(out, "   typed: {typed:?}").ok(),
            Err(err) => writeln!(out, "   not a NotifyError: {}", err.name()).ok(),
        };
    }
    writeln!(
        out,
        "   attempts: {} by the engine's records ({} retryable failures, then {}), {handler_attempts} by the handler",
        record.attempts(),
        record.transient_errors.len(),
        record.completion_result.as_deref().unwrap_or("?"),
    )
    .ok();
}
