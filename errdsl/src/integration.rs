//! The frameworks errdsl plugs into beside the transports: axum's
//! responses, extractors and fallbacks, actix-web's responses, async-graphql's errors, and
//! Restate's handlers.

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "async-graphql")]
pub mod graphql;
// What axum's and actix-web's extractors and fallbacks answer with.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) mod request_error;
#[cfg(feature = "restate")]
pub mod restate;
