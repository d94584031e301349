//! `#[service_error(classify)]` variants go by `errdsl::classify` of their
//! source at run time: the rows of its tables reach declared errors.

use std::error::Error;
use std::io;

use errdsl::{Classification, Code, ErrorResult, ServiceError, classify};

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "store")]
pub enum StoreError {
    #[error("storage failed")]
    #[service_error(classify)]
    Storage(#[source] Box<dyn Error + Send + Sync>),

    #[error("i/o failed")]
    #[service_error(classify, name = "io_error")]
    Io(#[from] io::Error),

    #[error("bad number")]
    #[service_error(classify)]
    Parse(#[from] std::num::ParseIntError),

    #[error("bad json")]
    #[service_error(classify)]
    Json(#[from] serde_json::Error),

    #[error("not found")]
    #[service_error(grpc = NotFound)]
    Missing,
}

errdsl::errors! {
    /// The same, declared by `errors!`.
    pub enum FetchError {
        #[error("fetch failed")]
        #[service_error(classify)]
        Upstream { source: io::Error },
    }
}

/// The answers of a classified variant: code, flags and status.
fn answers(err: &dyn ServiceError) -> (Code, bool, bool, u16) {
    (err.code(), err.is_temporary(), err.is_timeout(), err.http_status().as_u16())
}

fn storage(err: impl Into<Box<dyn Error + Send + Sync>>) -> StoreError {
    StoreError::Storage(err.into())
}

#[test]
fn io_kinds_reach_classified_variants() {
    use io::ErrorKind as K;
    let rows = [
        (K::TimedOut, (Code::DeadlineExceeded, false, true, 504)),
        (K::ConnectionRefused, (Code::Unavailable, true, false, 503)),
        (K::UnexpectedEof, (Code::Unavailable, true, false, 503)),
        (K::Deadlock, (Code::Aborted, true, false, 409)),
        (K::NotFound, (Code::NotFound, false, false, 404)),
        (K::PermissionDenied, (Code::PermissionDenied, false, false, 403)),
        (K::InvalidData, (Code::InvalidArgument, false, false, 400)),
        (K::Unsupported, (Code::Unimplemented, false, false, 501)),
        (K::StorageFull, (Code::ResourceExhausted, false, false, 429)),
    ];
    for (kind, want) in rows {
        assert_eq!(answers(&StoreError::Io(kind.into())), want, "{kind:?}");
        assert_eq!(answers(&storage(io::Error::from(kind))), want, "{kind:?}");
        assert_eq!(answers(&FetchError::upstream(kind.into())), want, "{kind:?}");
        let class = classify(&io::Error::from(kind));
        assert_eq!((class.code, class.temporary, class.timeout), (want.0, want.1, want.2));
    }
}

/// The errno rows: EMFILE is what std leaves uncategorised.
#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64")))]
#[test]
fn errno_rows_reach_classified_variants() {
    const EMFILE: i32 = 24;
    const EHOSTDOWN: i32 = 112;
    let err = StoreError::Io(io::Error::from_raw_os_error(EMFILE));
    assert_eq!(answers(&err), (Code::ResourceExhausted, true, false, 429));
    let err = storage(io::Error::from_raw_os_error(EHOSTDOWN));
    assert_eq!(answers(&err), (Code::Unavailable, true, false, 503));
}

#[test]
fn parse_and_json_errors_are_invalid_arguments() {
    let err = StoreError::from("x".parse::<i64>().unwrap_err());
    assert_eq!(answers(&err), (Code::InvalidArgument, false, false, 400));
    let err = StoreError::from(serde_json::from_str::<u8>("[").unwrap_err());
    assert_eq!(answers(&err), (Code::InvalidArgument, false, false, 400));
    let err = storage("x".parse::<f64>().unwrap_err());
    assert_eq!(answers(&err), (Code::InvalidArgument, false, false, 400));
    let err = storage("x".parse::<std::net::IpAddr>().unwrap_err());
    assert_eq!(answers(&err), (Code::InvalidArgument, false, false, 400));
    let err = storage("\n".parse::<http::Uri>().unwrap_err());
    assert_eq!(answers(&err), (Code::InvalidArgument, false, false, 400));
}

#[test]
fn wrapped_sources_are_found() {
    // An ErrorResult inside an io::Error inside the box.
    let inner = ErrorResult::builder("busy", Code::ResourceExhausted).temporary(true).build();
    let err = storage(io::Error::other(inner));
    assert_eq!(answers(&err), (Code::ResourceExhausted, true, false, 429));
    // A gRPC status in the chain: by its code.
    let err = storage(tonic::Status::unavailable("draining"));
    assert_eq!(answers(&err), (Code::Unavailable, true, false, 503));
    let err = storage(tonic::Status::deadline_exceeded("slow"));
    assert_eq!(answers(&err), (Code::DeadlineExceeded, false, true, 504));
}

#[test]
fn unrecognised_sources_are_unknown_faults() {
    let err = storage("some text");
    assert_eq!(answers(&err), (Code::Unknown, false, false, 500));
    assert!(err.is_fault());
    assert_eq!(classify(&err), Classification::UNKNOWN);
    assert_eq!(answers(&StoreError::missing()), (Code::NotFound, false, false, 404));
}

/// A declared error seen through `dyn Error`: by naming its type.
#[test]
fn declared_types_through_dyn_error() {
    let err = io::Error::other(StoreError::Io(io::ErrorKind::ConnectionReset.into()));
    // The declared error's own source is still found by walking on.
    assert_eq!(classify(&err).code, Code::Unavailable);
    let err = io::Error::other(StoreError::missing());
    assert_eq!(classify(&err), Classification::UNKNOWN);
    let class = Classification::with_declared::<StoreError>(&err);
    assert_eq!(class, Classification::new(Code::NotFound, false, false));
    assert_eq!(Classification::of(&StoreError::missing()), class);
}
