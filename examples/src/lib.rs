//! Examples of errdsl.
//!
//! - [`divider`]: Goa's divider example as a real HTTP (axum) and gRPC
//!   (tonic) service, its errors declared in one `errdsl::errors!`, with a
//!   demo that calls it with real clients and prints what they see
//!   (`cargo run -p errdsl-examples --bin divider`).
//! - [`notify`]: Dispatch's two examples (a temporary maintenance retried, a
//!   deactivated user never retried) as one Restate service, on a real
//!   `restate-server` (`cargo run -p errdsl-examples --bin notify`).
//! - [`catalog`]: the error catalog of a small calculator API, declared with
//!   one `errdsl::errors!`: API-level errors every service may return,
//!   service-level errors of the `divider` and `calc` services, and
//!   method-level errors of their methods, in Goa's three levels.
//! - [`logging`]: the servers' log on stderr, through a writer thread.

pub mod catalog;
pub mod divider;
pub mod logging;
pub mod notify;
