//! HTTP transport: error bodies (Goa JSON, RFC 9457 problem+json), responses and client decoding.
