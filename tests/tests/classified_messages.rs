//! A variant classified at run time (`#[service_error(classify)]`) never
//! sends its source's text: a foreign error's text is internal (a path, a
//! query, a host). A client error sends its class's generic text, a fault
//! the fault text and its id, and a declared `user_msg` wins over both; on
//! every transport, checked on the bytes each one writes: both HTTP bodies
//! (and the axum response), the gRPC status as tonic writes it into HTTP/2
//! headers, Connect's JSON body, and the failure Restate's engine records.
#![cfg(feature = "transports")]

use std::io;

use errdsl::http::{self, BodyFormat};
use errdsl::restate::Failure;
use errdsl::{ErrorResult, ServiceError};

/// In every foreign error's text below; it must never reach a client.
const SECRET: &str = "SECRET-9c1e";

/// The enum a thiserror user brings, with the annotations the migration
/// guide gives it.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "shop")]
enum ShopError {
    #[error(transparent)]
    #[service_error(classify, name = "io_error")]
    Io(#[from] io::Error),

    #[error("the catalog database failed: {0}")]
    #[service_error(classify, user_msg = "The catalog cannot be read right now.")]
    Catalog(#[source] io::Error),
}

errdsl::errors! {
    /// The same, declared by `errors!`.
    #[service_error(service = "shop")]
    enum StockError {
        #[error("reading the stock file failed: {source}")]
        #[service_error(classify)]
        StockFile { source: io::Error },
    }
}

/// A foreign error of `kind` whose text names a secret file.
fn secret_io(kind: io::ErrorKind) -> io::Error {
    io::Error::new(kind, format!("/etc/shop/{SECRET}.toml: no such file"))
}

/// Everything a client receives for `err` on every transport, one text per
/// transport, each checked for the secret; returns the texts of the
/// message each transport carries.
fn sent_messages<E: ServiceError + Into<Failure>>(err: E) -> Vec<(&'static str, String)> {
    let mut messages = Vec::new();
    for (transport, format) in [("goa", BodyFormat::Goa), ("problem", BodyFormat::Problem)] {
        let response = http::response(&err, format);
        let headers = format!("{:?}", response.headers());
        assert_no_secret(transport, &headers);
        let body = String::from_utf8(response.body().to_vec()).unwrap();
        assert_no_secret(transport, &body);
        let decoded = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
        messages.push((transport, decoded.message().to_owned()));
    }

    let status = errdsl::grpc::to_status(&err);
    // What tonic's server writes: `grpc-status`, `grpc-message` and the
    // details, all as HTTP/2 headers.
    let wire = status.clone().into_http::<()>();
    for (key, value) in wire.headers() {
        assert_no_secret("grpc", &String::from_utf8_lossy(value.as_bytes()));
        if key == "grpc-status-details-bin" {
            use base64::Engine as _;
            use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
            let config = GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
            let engine = GeneralPurpose::new(&base64::alphabet::STANDARD, config);
            let details = engine.decode(value.as_bytes()).unwrap();
            assert_no_secret("grpc details", &String::from_utf8_lossy(&details));
        }
    }
    assert_no_secret("grpc details", &String::from_utf8_lossy(status.details()));
    messages.push(("grpc", status.message().to_owned()));

    let connect = errdsl::connect::to_connect_error(&err);
    let body = String::from_utf8(connect.to_json().to_vec()).unwrap();
    assert_no_secret("connect", &body);
    messages.push(("connect", ErrorResult::from_connect_error(&connect).message().to_owned()));

    let handler_error = restate_sdk::errors::HandlerError::from(err.into());
    let recorded = {
        let err: &dyn std::error::Error = handler_error.as_ref();
        err.to_string()
    };
    assert_no_secret("restate", &recorded);
    messages.push(("restate", recorded));
    messages
}

fn assert_no_secret(transport: &str, text: &str) {
    assert!(
        !text.contains(SECRET) && !text.contains("/etc/shop"),
        "{transport} leaks the source's text: {text}"
    );
}

/// Every transport's message is `expected` (Restate's record starts with
/// its status and ends with errdsl's tag).
fn assert_all_say(messages: &[(&str, String)], status: u16, expected: &str) {
    for (transport, message) in messages {
        if *transport == "restate" {
            let prefix = format!("Terminal error [{status}]: {expected} [errdsl?");
            assert!(message.starts_with(&prefix), "{transport}: {message}");
        } else {
            assert_eq!(message, expected, "{transport}");
        }
    }
}

#[test]
fn a_classified_client_error_sends_its_class_text_on_every_transport() {
    let err = ShopError::from(secret_io(io::ErrorKind::NotFound));
    assert_eq!(err.http_status(), 404);
    assert!(!err.is_fault());
    assert_all_say(&sent_messages(err), 404, "the requested resource was not found");

    let err = StockError::stock_file(secret_io(io::ErrorKind::PermissionDenied));
    assert_eq!(err.http_status(), 403);
    assert_all_say(&sent_messages(err), 403, "permission denied");

    let err = ShopError::from(secret_io(io::ErrorKind::AlreadyExists));
    assert_all_say(&sent_messages(err), 409, "the resource already exists");
}

#[test]
fn a_classified_fault_sends_the_fault_text_and_its_id() {
    for err in [ShopError::from(io::Error::other(SECRET)), ShopError::from(secret_io(io::ErrorKind::Other))] {
        assert!(err.is_fault());
        for (transport, message) in sent_messages(err) {
            assert!(message.contains("internal error (id: "), "{transport}: {message}");
        }
    }
}

#[test]
fn a_declared_user_msg_wins_over_the_class_text() {
    let err = ShopError::Catalog(secret_io(io::ErrorKind::NotFound));
    assert_eq!(err.http_status(), 404);
    assert_all_say(&sent_messages(err), 404, "The catalog cannot be read right now.");
}

#[test]
fn the_source_text_stays_in_the_process() {
    // What the server logs and `Display` shows is the full text.
    let err = ShopError::from(secret_io(io::ErrorKind::NotFound));
    assert!(err.to_string().contains(SECRET));
    let captured = ErrorResult::from_service_error(&err);
    assert!(captured.message().contains(SECRET));
    assert_eq!(captured.wire_message(), "the requested resource was not found");
}
