//! The frameworks errdsl plugs into beside the transports: axum's
//! responses, extractors and fallbacks, and Restate's handlers.

#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "restate")]
pub mod restate;
