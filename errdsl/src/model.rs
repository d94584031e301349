//! What an error is: its code ([`Code`](code::Code)), the trait every
//! declared error implements and its static description
//! ([`service_error`]), the owned wire form ([`error_result`]), its id, its
//! field violations, its wire fields' shapes, and AIP-193's reason and
//! domain.

#[cfg(any(feature = "serde", feature = "tonic"))]
pub(crate) mod aip193;
pub mod bounds;
pub(crate) mod code;
pub(crate) mod error_result;
pub(crate) mod field_violation;
pub(crate) mod id;
pub(crate) mod service_error;
pub(crate) mod wire_field;
