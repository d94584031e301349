//! Where an error was made: a `#[service_error(location)]` field, filled by
//! `errors!`'s constructors and `From` impls with their caller's location,
//! read by `ServiceError::location`, carried by a fault's log line
//! (`code.file.path`, `code.line.number`), and never sent to a client.
#![cfg(feature = "transports")]

#[path = "support/process_log.rs"]
mod process_log;

use std::io;
use std::panic::Location;

use errdsl::http::{self, BodyFormat};
use errdsl::{Code, ErrorResult, ServiceError};

errdsl::errors! {
    #[service_error(service = "store")]
    pub enum StoreError {
        /// The disk failed.
        #[error("reading {path} failed")]
        #[service_error(fault)]
        Read {
            path: String,
            #[service_error(location)]
            at: &'static Location<'static>,
        },
        /// An I/O error, converted by `?`.
        #[error("store I/O failed")]
        #[service_error(fault)]
        Io(#[from] io::Error, #[service_error(location)] &'static Location<'static>),
        /// A client's mistake also records where it was made.
        #[error("no item {item}")]
        #[service_error(http = 404)]
        Missing {
            #[service_error(wire)]
            item: u64,
            #[service_error(location)]
            at: &'static Location<'static>, // Missing's location
        },
        /// An error that records nothing.
        #[error("busy")]
        #[service_error(temporary)]
        Busy,
    }
}

/// `line` of this file.
fn here(line: u32) -> (&'static str, u32) {
    (file!(), line)
}

/// The line of this file that holds `marker` (found in its text, so that
/// the tests do not hard-code line numbers).
fn line_of(marker: &str) -> u32 {
    let index = include_str!("error_location.rs").lines().position(|line| line.contains(marker));
    u32::try_from(index.expect("the marker is in this file") + 1).expect("a small file")
}

fn at(err: &dyn ServiceError) -> Option<(&'static str, u32)> {
    err.location().map(|location| (location.file(), location.line()))
}

fn open_store() -> Result<(), StoreError> {
    Err(io::Error::other("sdb1 is gone"))?;
    Ok(())
}

#[test]
fn constructors_and_from_record_their_callers_location() {
    let err = StoreError::read("/var/store".to_owned());
    assert_eq!(at(&err), Some(here(line!() - 1)));
    let err = StoreError::missing(7);
    assert_eq!(at(&err), Some(here(line!() - 1)));
    // `?` converts through the generated `From`: the location is the `?`.
    let err = open_store().unwrap_err();
    assert_eq!(at(&err), Some(here(line_of("sdb1 is gone"))), "the line of `?` in open_store");
    assert!(matches!(err, StoreError::Io(..)));
    let err = StoreError::from(io::Error::other("x"));
    assert_eq!(at(&err), Some(here(line!() - 1)));
    // A variant without a location field has none.
    assert_eq!(StoreError::busy().location(), None);
}

#[test]
fn a_capture_keeps_the_location_and_a_builder_sets_one() {
    let err = StoreError::read("/var/store".to_owned());
    let captured = ErrorResult::from_service_error(&err);
    assert_eq!(captured.location(), err.location());
    let made = Location::caller();
    let built = ErrorResult::builder("x", Code::Internal).location(made).build();
    assert_eq!(built.location(), Some(made));
    assert_eq!(ErrorResult::new("x", Code::Internal, "x").location(), None);
}

#[test]
fn no_transport_sends_the_location() {
    let errs: [Box<dyn ServiceError>; 2] =
        [Box::new(StoreError::missing(7)), Box::new(StoreError::read("/var/store".to_owned()))];
    for err in &errs {
        let file = err.location().expect("a location").file();
        for format in [BodyFormat::Goa, BodyFormat::Problem, BodyFormat::Google] {
            let response = http::response(err.as_ref(), format);
            let body = String::from_utf8_lossy(response.body()).into_owned();
            assert!(!body.contains(file), "{format:?}: {body}");
            assert!(!body.contains("error_location"), "{format:?}: {body}");
            for value in response.headers().values() {
                assert!(!value.to_str().unwrap_or_default().contains("error_location"));
            }
        }
        let status = errdsl::grpc::to_status(err.as_ref());
        let details = String::from_utf8_lossy(status.details()).into_owned();
        assert!(!details.contains("error_location"), "{details}");
        assert!(!status.message().contains("error_location"));
    }
}

#[test]
fn a_decoded_error_is_made_where_it_is_declared() {
    let sent = StoreError::missing(7);
    let response = http::response(&sent, BodyFormat::Goa);
    let received = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
    let decoded = StoreError::try_from(received).expect("decodes");
    assert!(matches!(decoded, StoreError::Missing { item: 7, .. }));
    // Made in another process: the location is the field's declaration.
    let location = decoded.location().expect("a location");
    assert_eq!((location.file(), location.line()), here(line_of("// Missing's location")));
}

/// A thiserror enum records a location the same way: the derive reads the
/// field, and the user's code fills it.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum LegacyError {
    #[error("quota used up")]
    #[service_error(http = 429, temporary)]
    Quota {
        #[service_error(location)]
        at: &'static Location<'static>,
    },
}

errdsl::errors! {
    /// A transparent variant answers with its inner error's location.
    pub enum ApiError {
        #[error(transparent)]
        #[service_error(transparent)]
        Store(#[from] StoreError),
    }
}

#[test]
fn the_derive_and_transparent_variants_read_the_location() {
    let err = LegacyError::Quota { at: Location::caller() };
    assert_eq!(at(&err), Some(here(line!() - 1)));
    let api = ApiError::from(StoreError::missing(7));
    assert_eq!(at(&api), Some(here(line!() - 1)));
    let response = http::response(&err, BodyFormat::Goa);
    let received = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
    let decoded = LegacyError::try_from(received).expect("decodes");
    assert!(decoded.location().is_some());
}

#[test]
fn a_faults_log_line_says_where_it_was_made() {
    process_log::log();
    let err = StoreError::read("/var/store/secret-7f3a".to_owned());
    let line = line!() - 1;
    let _ = http::response(&err, BodyFormat::Goa);
    let log = process_log::log();
    let entry = log.lines().find(|entry| entry.contains("secret-7f3a")).expect("the fault is logged");
    assert!(entry.contains(&format!("code.file.path=\"{}\"", file!())), "{entry}");
    assert!(entry.contains(&format!("code.line.number={line}")), "{entry}");
    assert!(entry.contains("code.column.number="), "{entry}");
}
