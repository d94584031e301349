//! axum integration: `IntoResponse` for service errors, body-format negotiation.
