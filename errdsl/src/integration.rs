//! The frameworks errdsl plugs into beside the transports: axum's
//! responses, extractors and fallbacks, async-graphql's errors, and
//! Restate's handlers.

#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "async-graphql")]
pub mod graphql;
#[cfg(feature = "restate")]
pub mod restate;
