//! How AIP-193 names an error to machines, whatever the transport: the
//! reason of a wire name and the domain of errors that declare none. The
//! gRPC transport sends them in `ErrorInfo` (`grpc::reason`,
//! `grpc::DEFAULT_DOMAIN`); the contract of a catalog records them.

/// The `ErrorInfo.domain` of errors that name neither a domain nor a
/// service (`grpc::DEFAULT_DOMAIN`).
pub(crate) const DEFAULT_DOMAIN: &str = "errdsl";

/// The longest reason AIP-193 allows, in characters
/// (`grpc::MAX_REASON_CHARS`).
pub(crate) const MAX_REASON_CHARS: usize = 63;

/// The reason of a wire name (`grpc::reason`): upper-cased, any character
/// other than an ASCII letter or digit as `_`, at most [`MAX_REASON_CHARS`].
pub(crate) fn reason(name: &str) -> String {
    let reason_of = |c: char| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' };
    if name.is_ascii() {
        // The common case, a declared name: upper-cased in one copy, with
        // nothing left to replace unless it has signs other than `_`.
        let mut reason = name[..name.len().min(MAX_REASON_CHARS)].to_owned();
        reason.make_ascii_uppercase();
        if !reason.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            reason = reason.chars().map(reason_of).collect();
        }
        return reason;
    }
    name.chars().map(reason_of).take(MAX_REASON_CHARS).collect()
}

/// The `ErrorInfo.domain` an error is sent with: its domain, else its
/// service, else [`DEFAULT_DOMAIN`] (an empty one counts as none).
pub(crate) fn domain<'a>(domain: Option<&'a str>, service: Option<&'a str>) -> &'a str {
    domain.or(service).filter(|domain| !domain.is_empty()).unwrap_or(DEFAULT_DOMAIN)
}
