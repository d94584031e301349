//! The notify service: `Notify/notify_user(user_id)`, in two journaled
//! steps (look the user up, send the notification), each a `ctx.run`.
// restate-sdk's macro generates `NotifyIngressClient`, whose methods have
// no docs of their own.
#![allow(missing_docs)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use errdsl::restate::{HandlerResult, IntoRestate as _};
use restate_sdk::prelude::*;

use super::NotifyError;

/// The user who is deactivated: notifying them fails for good.
pub const DEACTIVATED_USER: &str = "user_123";
/// The user whose notification hits the misconfigured relay (a fault).
pub const MISCONFIGURED_USER: &str = "user_500";
/// What a fault's text holds that must never reach a caller or the
/// engine's records.
pub const RELAY_SECRET: &str = "smtp://10.0.0.9:25";

/// How many times `notify_user` ran for each user, counted by the handler.
#[derive(Debug, Default)]
pub struct Attempts(Mutex<HashMap<String, u32>>);

impl Attempts {
    /// Counts one more attempt for `user_id`, and returns the count.
    fn record(&self, user_id: &str) -> u32 {
        let mut counts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let count = counts.entry(user_id.to_owned()).or_default();
        *count += 1;
        *count
    }

    /// How many times `notify_user` ran for `user_id`.
    #[must_use]
    pub fn of(&self, user_id: &str) -> u32 {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).get(user_id).copied().unwrap_or(0)
    }
}

/// The notify service. While it is in maintenance, the first
/// `maintenance_attempts` attempts of every notification fail with the
/// temporary `maintenance` error; the engine retries them.
#[derive(Debug, Clone)]
pub struct Notify {
    maintenance_attempts: u32,
    attempts: Arc<Attempts>,
}

impl Notify {
    /// A service whose relay is in maintenance for the first
    /// `maintenance_attempts` attempts of each notification (0: never).
    #[must_use]
    pub fn new(maintenance_attempts: u32) -> Self {
        Notify { maintenance_attempts, attempts: Arc::default() }
    }

    /// The handler's own count of its attempts.
    #[must_use]
    pub fn attempts(&self) -> Arc<Attempts> {
        Arc::clone(&self.attempts)
    }
}

#[restate_sdk::service]
impl Notify {
    /// Notifies `user_id`; returns a receipt.
    #[handler]
    async fn notify_user(&self, ctx: Context<'_>, user_id: String) -> HandlerResult<String> {
        let attempt = self.attempts.record(&user_id);
        tracing::info!(user_id, attempt, "notify_user");
        // A terminal failure inside `ctx.run` is journaled; `?` passes it on.
        let user = user_id.clone();
        let email = ctx.run(|| async move { look_up(&user).into_restate() }).name("look up user").await?;
        let in_maintenance = attempt <= self.maintenance_attempts;
        let receipt = ctx
            .run(|| async move { send(&email, in_maintenance).into_restate() })
            .name("send notification")
            .await?;
        Ok(receipt)
    }
}

/// The address to notify `user_id` at.
fn look_up(user_id: &str) -> Result<String, NotifyError> {
    if user_id == DEACTIVATED_USER {
        return Err(NotifyError::user_deactivated(user_id.to_owned()));
    }
    Ok(format!("{user_id}@example.com"))
}

/// Sends the notification through the relay.
fn send(email: &str, in_maintenance: bool) -> Result<String, NotifyError> {
    if in_maintenance {
        return Err(NotifyError::maintenance());
    }
    if email.starts_with(MISCONFIGURED_USER) {
        return Err(NotifyError::relay_misconfigured(
            RELAY_SECRET.to_owned(),
            "notify@relay.internal".to_owned(),
        ));
    }
    Ok(format!("notified {email}"))
}
