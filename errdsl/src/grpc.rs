//! gRPC transport: `tonic::Status` with the Google rich error model, and client decoding.
