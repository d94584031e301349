//! Dispatch's two examples as one Restate service, `Notify/notify_user`:
//! errdsl's `temporary` flag decides what the durable-execution engine does.
//!
//! - While the mail relay is in maintenance, the first attempts fail with
//!   the temporary `maintenance` error and the engine retries them; the
//!   attempt after the maintenance succeeds.
//! - `user_123` is deactivated: a permanent `user_deactivated`, which the
//!   engine never retries; the caller receives it as a terminal failure and
//!   decodes it back into [`NotifyError::UserDeactivated`].
//! - `user_500` hits a misconfigured relay: a permanent fault, whose text
//!   (the relay's address) stays in the service's log.
//!
//! [`demo`] runs both against a local `restate-server` (`cargo run -p
//! errdsl-examples --bin notify`).

pub mod demo;
mod errors;
pub mod server;
mod service;

use std::net::SocketAddr;

use restate_sdk::prelude::{Endpoint, HttpServer};
use tokio::net::TcpListener;

pub use errors::NotifyError;
pub use service::{
    Attempts, DEACTIVATED_USER, MISCONFIGURED_USER, Notify, NotifyIngressClient, RELAY_SECRET,
};

/// Serves `notify` as a Restate deployment on `listener` until the process
/// ends.
pub async fn serve(listener: TcpListener, notify: Notify) {
    HttpServer::new(Endpoint::builder().bind(notify).build()).serve(listener).await;
}

/// Binds `addr` and serves `notify` there in the background; returns the
/// address bound.
///
/// # Errors
///
/// The address could not be bound.
pub async fn spawn(addr: SocketAddr, notify: Notify) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve(listener, notify));
    Ok(addr)
}
