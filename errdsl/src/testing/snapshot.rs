//! A catalog's contract held to a committed snapshot.

use crate::describe::contract::{Contract, Severity, diff};
use crate::model::service_error::ErrorSpec;
use std::path::Path;

/// The environment variable that writes the snapshot instead of checking
/// it: `ERRDSL_BLESS_CONTRACT=1 cargo test`.
pub const BLESS_CONTRACT: &str = "ERRDSL_BLESS_CONTRACT";

/// Holds the contract of `specs` ([`Contract`]) to the snapshot at `path`,
/// in one line of a test:
///
/// - when the file is missing, or [`BLESS_CONTRACT`] is set to `1`, it
///   writes the contract there (commit the file);
/// - when the catalog breaks the snapshot (an error removed, a code, a
///   flag or a wire field's type changed: [`diff`]), it panics with every
///   change, one per line;
/// - compatible changes (an error or a field added, a message changed) are
///   printed, and the test passes; bless to record them.
///
/// ```no_run
/// use errdsl::Catalog;
///
/// errdsl::errors! {
///     pub enum DivideError {
///         #[error("cannot divide by zero")]
///         #[service_error(grpc = InvalidArgument)]
///         DivByZero,
///     }
/// }
///
/// #[test]
/// fn the_error_contract_holds() {
///     errdsl::testing::assert_contract(DivideError::ERRORS, concat!(env!("CARGO_MANIFEST_DIR"), "/errors.contract.json"));
/// }
/// ```
///
/// # Panics
///
/// On a breaking change, a snapshot that is no contract, or a file that
/// cannot be read or written.
#[track_caller]
pub fn assert_contract(specs: &[ErrorSpec], path: impl AsRef<Path>) {
    let path = path.as_ref();
    let current = Contract::of(specs);
    let bless = std::env::var(BLESS_CONTRACT).is_ok_and(|value| value == "1");
    if bless || !path.exists() {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).unwrap_or_else(|err| panic!("create {}: {err}", dir.display()));
        }
        std::fs::write(path, current.to_json())
            .unwrap_or_else(|err| panic!("write {}: {err}", path.display()));
        eprintln!("errdsl: wrote the error contract to {}", path.display());
        return;
    }
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()));
    let snapshot = Contract::from_json(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let mut changes = diff(&snapshot, &current);
    changes.sort_by_key(|change| std::cmp::Reverse(change.severity));
    let lines: Vec<String> = changes.iter().map(|change| format!("  {change}")).collect();
    assert!(
        changes.iter().all(|change| change.severity != Severity::Breaking),
        "the error catalog breaks its contract {}:\n{}\nclients already deployed rely on it; if the break is deliberate (a new major version), bless it: {BLESS_CONTRACT}=1 cargo test",
        path.display(),
        lines.join("\n")
    );
    if !changes.is_empty() {
        eprintln!(
            "errdsl: compatible changes to the error contract {}:\n{}\nrecord them with {BLESS_CONTRACT}=1 cargo test",
            path.display(),
            lines.join("\n")
        );
    }
}
