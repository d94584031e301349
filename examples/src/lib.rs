//! Examples of errdsl.
//!
//! - [`catalog`]: the error catalog of a small calculator API, declared with
//!   one `errdsl::errors!`: API-level errors every service may return,
//!   service-level errors of the `divider` and `calc` services, and
//!   method-level errors of their methods, in Goa's three levels.
//! - `src/bin/divider.rs`: a runnable demo that prints what errdsl derives for
//!   a few errors (`cargo run -p errdsl-examples --bin divider`).

pub mod catalog;
