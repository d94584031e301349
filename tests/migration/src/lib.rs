//! Three error enums in the style of popular crates' (an object store with
//! `Io(#[from] io::Error)`, an HTTP client with `code` and `service`
//! fields, a database layer), moved from thiserror to errdsl by adding
//! attributes only: `errdsl::ServiceError` to the derive, and
//! `#[service_error(...)]` on the enums, variants and fields.
//! `original/` holds the thiserror enums as they were;
//! `tests/only_attributes.rs` checks that nothing else changed, and that
//! the crate compiles under the strictest lints a user may set.
#![deny(warnings, clippy::all, clippy::pedantic, missing_docs)]
#![forbid(unsafe_code)]

pub mod api;
pub mod db;
pub mod store;
