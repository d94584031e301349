//! What the end-to-end tests share: servers on loopback, and the check that
//! a secret never reaches a client.

#![allow(dead_code, unreachable_pub)] // each test crate uses a part

pub mod details;

use errdsl::{Catalog, ErrorSpec};
use errdsl_examples::divider::{self, Config, DivideError, IntegerDivideError, Running, SECRET_MARKER};

/// Divider servers on ephemeral 127.0.0.1 ports, ready for connections.
pub async fn servers() -> Running {
    divider::start(Config::default()).await.expect("start the divider")
}

/// Divider servers in maintenance mode.
pub async fn maintenance_servers() -> Running {
    divider::start(Config::maintenance()).await.expect("start the divider in maintenance mode")
}

/// Panics when `bytes` contain the overflow fault's secret marker, or any
/// piece of its internal report.
pub fn assert_no_secret(what: &str, bytes: &[u8]) {
    for needle in [SECRET_MARKER.as_bytes(), b"node-7"] {
        assert!(
            !bytes.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle)),
            "{what} leaks {:?}: {:?}",
            String::from_utf8_lossy(needle),
            String::from_utf8_lossy(bytes),
        );
    }
}

/// The spec of a declared error of either method, by wire name.
pub fn spec(name: &str) -> &'static ErrorSpec {
    IntegerDivideError::spec(name)
        .or_else(|| DivideError::spec(name))
        .unwrap_or_else(|| panic!("{name} is not declared"))
}

/// Every wire name the divider declares, sorted.
pub fn all_names() -> Vec<&'static str> {
    let mut names: Vec<_> =
        IntegerDivideError::ERRORS.iter().chain(DivideError::ERRORS).map(|spec| spec.name).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Every wire name the divider's RPC transports (gRPC, Connect) can send:
/// all but those of errdsl's HTTP extractors and fallbacks.
pub fn rpc_names() -> std::collections::BTreeSet<String> {
    use errdsl::Catalog as _;
    let http_only: Vec<&str> = errdsl::axum::RequestError::ERRORS.iter().map(|spec| spec.name).collect();
    all_names().into_iter().filter(|name| !http_only.contains(name)).map(str::to_owned).collect()
}
