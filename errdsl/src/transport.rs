//! The wire formats: HTTP bodies (Goa's and RFC 9457's), gRPC statuses in
//! Google's rich error model, Connect errors, and the one rule of what an
//! error sends ([`capture`]) that they share.

#[cfg(any(feature = "serde", feature = "tonic"))]
pub(crate) mod capture;
#[cfg(feature = "connect")]
pub mod connect;
#[cfg(feature = "tonic")]
pub mod grpc;
#[cfg(feature = "serde")]
pub mod http;
