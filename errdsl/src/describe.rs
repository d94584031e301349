//! What a catalog tells its readers: Markdown, OpenAPI and an error
//! reference ([`docs`]), and the contract clients rely on ([`contract`]).

#[cfg(feature = "serde")]
pub mod contract;
pub mod docs;
