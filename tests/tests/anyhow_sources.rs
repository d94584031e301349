//! A service that uses anyhow inside: a declared variant holds an
//! `anyhow::Error` as its source (`#[source]` or `#[from]`, as thiserror
//! allows), `classify` sees through the anyhow error and its context lines
//! to the error that caused it, and a fault's log carries the whole chain,
//! context lines included, while the client sees none of it.
#![cfg(feature = "transports")]

#[path = "support/process_log.rs"]
mod process_log;

use std::io;

use anyhow::Context as _;
use errdsl::http::{self, BodyFormat};
use errdsl::{Code, ServiceError, classify};

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "sync")]
enum SyncError {
    /// The upstream failed; its class decides the code.
    #[error("upstream failed")]
    #[service_error(classify)]
    Upstream(#[source] anyhow::Error),

    /// The store failed.
    #[error("store failed")]
    #[service_error(fault)]
    Store(#[from] anyhow::Error),
}

/// An I/O error wrapped twice in anyhow's context, as a service writes it.
fn refused_with_context() -> anyhow::Error {
    Err::<(), _>(io::Error::new(io::ErrorKind::ConnectionRefused, "10.0.0.7:5432 refused"))
        .context("connecting to the user database")
        .context("loading user 42")
        .unwrap_err()
}

#[test]
fn classify_sees_through_anyhow_and_its_context() {
    let err = refused_with_context();
    let class = classify(&*err);
    assert_eq!((class.code, class.temporary, class.timeout), (Code::Unavailable, true, false));
}

#[test]
fn a_classify_variant_takes_its_class_from_the_anyhow_chain() {
    let err = SyncError::upstream(refused_with_context());
    assert_eq!(err.code(), Code::Unavailable);
    assert!(err.is_temporary());
    // The source chain is the variant's, then anyhow's context lines, then the I/O error.
    let mut chain = Vec::new();
    let mut next = std::error::Error::source(&err);
    while let Some(source) = next {
        chain.push(source.to_string());
        next = source.source();
    }
    assert_eq!(chain, ["loading user 42", "connecting to the user database", "10.0.0.7:5432 refused"]);
    // None of that text is the client's.
    let body = String::from_utf8(http::response(&err, BodyFormat::Goa).into_body()).unwrap();
    for secret in ["loading user", "user database", "10.0.0.7"] {
        assert!(!body.contains(secret), "{body}");
    }
}

#[test]
fn question_mark_converts_anyhow_into_the_declared_fault() {
    fn load() -> Result<(), SyncError> {
        Err(refused_with_context())?;
        Ok(())
    }
    let err = load().unwrap_err();
    assert!(matches!(err, SyncError::Store(_)));
    assert!(err.is_fault());
    assert_eq!(err.code(), Code::Internal);
}

#[test]
fn a_faults_log_carries_anyhows_whole_chain_and_the_client_none_of_it() {
    process_log::log();
    let err = SyncError::from(refused_with_context());
    let response = http::response(&err, BodyFormat::Goa);
    let log = process_log::log();
    for line in
        ["store failed", "loading user 42", "connecting to the user database", "10.0.0.7:5432 refused"]
    {
        assert!(log.contains(line), "the fault's log lacks `{line}`: {log}");
    }
    let body = String::from_utf8(response.into_body()).unwrap();
    for secret in ["store failed", "loading user", "user database", "10.0.0.7"] {
        assert!(!body.contains(secret), "{body}");
    }
}

errdsl::errors! {
    /// The same in a catalog: `errors!` writes `source()` and `From` itself.
    enum ImportError {
        #[error("import failed")]
        #[service_error(classify)]
        Failed(#[from] anyhow::Error),
    }
}

#[test]
fn errors_macro_variants_hold_anyhow_too() {
    let err = ImportError::from(refused_with_context());
    assert_eq!(err.code(), Code::Unavailable);
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("loading user 42"));
}
