//! Table tests for [`classify`](super::classify): every row of every table,
//! the chain walk, and a property test that nothing panics.

use super::*;
use crate::policy::error_class::http_status;
use crate::policy::source_chain::MAX_DEPTH;
use http::StatusCode;
use proptest::prelude::*;
use std::fmt;

/// An error with an optional source, to build chains.
#[derive(Debug)]
struct Wrapper(Option<Box<dyn Error + Send + Sync + 'static>>);

impl fmt::Display for Wrapper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("wrapper")
    }
}

impl Error for Wrapper {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.0.as_deref().map(|e| e as &(dyn Error + 'static))
    }
}

fn wrap(inner: impl Into<Box<dyn Error + Send + Sync>>) -> Wrapper {
    Wrapper(Some(inner.into()))
}

fn class(code: Code, temporary: bool, timeout: bool) -> Classification {
    Classification { code, temporary, timeout }
}

/// Every row of the io table, written out again as the documentation states it.
#[test]
fn io_kind_table() {
    use io::ErrorKind as K;
    let temporary = [
        K::ConnectionRefused,
        K::ConnectionReset,
        K::ConnectionAborted,
        K::NotConnected,
        K::BrokenPipe,
        K::AddrNotAvailable,
        K::AddrInUse,
        K::NetworkDown,
        K::NetworkUnreachable,
        K::HostUnreachable,
        K::Interrupted,
        K::WouldBlock,
        K::UnexpectedEof,
        K::WriteZero,
        K::ResourceBusy,
        K::ExecutableFileBusy,
        K::StaleNetworkFileHandle,
    ];
    let permanent = [
        (K::NotFound, Code::NotFound),
        (K::PermissionDenied, Code::PermissionDenied),
        (K::AlreadyExists, Code::AlreadyExists),
        (K::InvalidInput, Code::InvalidArgument),
        (K::InvalidData, Code::InvalidArgument),
        (K::InvalidFilename, Code::InvalidArgument),
        (K::ArgumentListTooLong, Code::InvalidArgument),
        (K::NotADirectory, Code::FailedPrecondition),
        (K::IsADirectory, Code::FailedPrecondition),
        (K::DirectoryNotEmpty, Code::FailedPrecondition),
        (K::ReadOnlyFilesystem, Code::FailedPrecondition),
        (K::CrossesDevices, Code::FailedPrecondition),
        (K::NotSeekable, Code::FailedPrecondition),
        (K::Unsupported, Code::Unimplemented),
        (K::OutOfMemory, Code::ResourceExhausted),
        (K::StorageFull, Code::ResourceExhausted),
        (K::QuotaExceeded, Code::ResourceExhausted),
        (K::FileTooLarge, Code::ResourceExhausted),
        (K::TooManyLinks, Code::ResourceExhausted),
    ];
    let mut expected = vec![
        (K::TimedOut, class(Code::DeadlineExceeded, false, true)),
        (K::Deadlock, class(Code::Aborted, true, false)),
    ];
    expected.extend(temporary.map(|kind| (kind, class(Code::Unavailable, true, false))));
    expected.extend(permanent.map(|(kind, code)| (kind, class(code, false, false))));

    for &(kind, want) in &expected {
        assert_eq!(classify(&io::Error::from(kind)), want, "{kind:?}");
        assert_eq!(classify(&io::Error::new(kind, "with a message")), want, "{kind:?}");
        assert_eq!(classify(&wrap(io::Error::from(kind))), want, "wrapped {kind:?}");
    }
    assert_eq!(expected.len(), IO_KINDS.len(), "a table row is untested");
}

/// Every row of the errno table, as the documentation states it, through
/// `io::Error::from_raw_os_error` (what a failed system call gives).
#[cfg(all(
    any(target_os = "linux", target_os = "android"),
    not(any(
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "mips32r6",
        target_arch = "mips64r6",
        target_arch = "sparc",
        target_arch = "sparc64"
    ))
))]
#[test]
fn errno_table() {
    let unavailable = class(Code::Unavailable, true, false);
    let exhausted = class(Code::ResourceExhausted, true, false);
    let expected = [
        (4, "EINTR", unavailable),
        (11, "EAGAIN", unavailable),
        (23, "ENFILE", exhausted),
        (24, "EMFILE", exhausted),
        (102, "ENETRESET", unavailable),
        (105, "ENOBUFS", exhausted),
        (112, "EHOSTDOWN", unavailable),
    ];
    assert_eq!(ERRNOS, expected, "the table differs from the documentation");
    for (number, name, want) in expected {
        let err = io::Error::from_raw_os_error(number);
        assert_eq!(classify(&err), want, "{name}");
        assert_eq!(errno(number), Some(want), "{name}");
        // Wrapped in another io::Error and in a foreign error.
        assert_eq!(classify(&io::Error::other(io::Error::from_raw_os_error(number))), want, "{name}");
        assert_eq!(classify(&wrap(io::Error::from_raw_os_error(number))), want, "{name}");
    }
    // The errors std leaves uncategorised are decided by this table, not the
    // kind table.
    for number in [23, 24, 102, 105, 112] {
        let kind = io::Error::from_raw_os_error(number).kind();
        assert_eq!(io_kind(kind), None, "{number}: {kind:?}");
    }
    // A number nobody lists says nothing.
    assert_eq!(classify(&io::Error::from_raw_os_error(100_000)), Classification::UNKNOWN);
    assert_eq!(errno(-1), None);
}

/// One sample error of a row of [`ERROR_TYPES`], and what it classifies as.
type Sample = (&'static str, Box<dyn Error + Send + Sync>, Classification);

fn samples() -> Vec<Sample> {
    let invalid = class(Code::InvalidArgument, false, false);
    let mut uri_parts = http::uri::Parts::default();
    uri_parts.scheme = Some(http::uri::Scheme::HTTP);
    #[allow(unused_mut)] // pushed to only with some features
    let mut samples: Vec<Sample> = vec![
        (
            "errdsl::ErrorResult",
            Box::new(ErrorResult::builder("busy", Code::Aborted).temporary(true).build()),
            class(Code::Aborted, true, false),
        ),
        (
            "std::io::Error",
            Box::new(io::Error::from(io::ErrorKind::BrokenPipe)),
            class(Code::Unavailable, true, false),
        ),
        ("std::num::ParseIntError", Box::new("x".parse::<u8>().unwrap_err()), invalid),
        ("std::num::ParseFloatError", Box::new("x".parse::<f64>().unwrap_err()), invalid),
        ("std::num::TryFromIntError", Box::new(u8::try_from(300_i32).unwrap_err()), invalid),
        ("std::str::ParseBoolError", Box::new("x".parse::<bool>().unwrap_err()), invalid),
        (
            "std::str::Utf8Error",
            Box::new(std::str::from_utf8(std::hint::black_box(&[0xff])).unwrap_err()),
            invalid,
        ),
        ("std::string::FromUtf8Error", Box::new(String::from_utf8(vec![0xff]).unwrap_err()), invalid),
        ("std::string::FromUtf16Error", Box::new(String::from_utf16(&[0xd800]).unwrap_err()), invalid),
        ("std::char::ParseCharError", Box::new("ab".parse::<char>().unwrap_err()), invalid),
        ("std::char::CharTryFromError", Box::new(char::try_from(0xd800_u32).unwrap_err()), invalid),
        (
            "std::char::DecodeUtf16Error",
            Box::new(char::decode_utf16([0xd800_u16]).next().unwrap().unwrap_err()),
            invalid,
        ),
        ("std::net::AddrParseError", Box::new("x".parse::<std::net::IpAddr>().unwrap_err()), invalid),
        ("std::array::TryFromSliceError", Box::new(<[u8; 2]>::try_from(&[1_u8][..]).unwrap_err()), invalid),
        ("http::Error", Box::new(http::Request::builder().uri("\n").body(()).unwrap_err()), invalid),
        ("http::uri::InvalidUri", Box::new("\n".parse::<http::Uri>().unwrap_err()), invalid),
        ("http::uri::InvalidUriParts", Box::new(http::Uri::from_parts(uri_parts).unwrap_err()), invalid),
        (
            "http::header::InvalidHeaderName",
            Box::new(http::HeaderName::from_bytes(b"\n").unwrap_err()),
            invalid,
        ),
        (
            "http::header::InvalidHeaderValue",
            Box::new(http::HeaderValue::from_bytes(b"\n").unwrap_err()),
            invalid,
        ),
        (
            "http::header::ToStrError",
            Box::new(http::HeaderValue::from_bytes(&[0xff]).unwrap().to_str().unwrap_err()),
            invalid,
        ),
        ("http::method::InvalidMethod", Box::new(http::Method::from_bytes(b"\n").unwrap_err()), invalid),
        ("http::status::InvalidStatusCode", Box::new(StatusCode::from_u16(1000).unwrap_err()), invalid),
    ];
    #[cfg(feature = "tokio")]
    samples.push(("tokio::time::error::Elapsed", Box::new(elapsed()), Classification::TIMEOUT));
    #[cfg(feature = "tonic")]
    samples.push((
        "tonic::Status",
        Box::new(tonic::Status::aborted("conflict")),
        class(Code::Aborted, false, false),
    ));
    #[cfg(feature = "reqwest")]
    samples.push((
        "reqwest::Error",
        Box::new(reqwest::Client::new().get("not a url").build().unwrap_err()),
        invalid,
    ));
    #[cfg(feature = "serde")]
    samples.push(("serde_json::Error", Box::new(serde_json::from_str::<u8>("x").unwrap_err()), invalid));
    #[cfg(feature = "sqlx")]
    samples.push((
        "sqlx::Error (errdsl::db)",
        Box::new(sqlx::Error::PoolTimedOut),
        class(Code::DeadlineExceeded, true, true),
    ));
    samples
}

/// A `tokio::time::error::Elapsed`, from a timeout that expires.
#[cfg(feature = "tokio")]
fn elapsed() -> tokio::time::error::Elapsed {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
    runtime
        .block_on(async {
            tokio::time::timeout(std::time::Duration::from_secs(1), std::future::pending::<()>()).await
        })
        .unwrap_err()
}

/// Every row of the type table recognises its type, first, and classifies a
/// sample as documented, alone and at the end of a chain.
#[test]
fn error_type_table() {
    let samples = samples();
    let names: Vec<_> = ERROR_TYPES.iter().map(|row| row.name).collect();
    let sample_names: Vec<_> = samples.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(names, sample_names, "every row has a sample, in order");
    for (name, err, want) in samples {
        let row = ERROR_TYPES.iter().find(|row| match row.rule {
            Rule::Fixed(is, _) => is(&*err),
            Rule::Inspect(inspect) => inspect(&*err).is_some(),
        });
        assert_eq!(row.map(|row| row.name), Some(name));
        let size = row.and_then(|row| row.size);
        assert!(size.is_none_or(|size| size == size_of_val(&*err)), "{name}: the row's size is its type's");
        assert_eq!(classify(&*err), want, "{name}");
        assert_eq!(classify(&wrap(wrap(err))), want, "wrapped {name}");
    }
}

/// AIP-194's table, row by row, with and without a known retry delay.
#[test]
fn retry_rules_follow_aip_194() {
    assert_eq!(
        RETRY_RULES,
        [
            (Code::Unavailable, RetryRule::Always),
            (Code::DeadlineExceeded, RetryRule::IfIdempotent),
            (Code::ResourceExhausted, RetryRule::AfterRetryDelay),
            (Code::Aborted, RetryRule::Never),
        ]
    );
    for code in Code::ALL {
        for delay in [false, true] {
            let want = match code {
                Code::Unavailable => class(code, true, false),
                Code::DeadlineExceeded => class(code, false, true),
                Code::ResourceExhausted => class(code, delay, false),
                _ => class(code, false, false),
            };
            assert_eq!(Classification::from_code(code, delay), want, "{code:?}, delay known: {delay}");
        }
    }
}

/// Every status from 0 to 999: an error status by its code and AIP-194,
/// anything else unknown.
#[test]
fn http_statuses_follow_their_codes() {
    for n in 0..1000 {
        let Ok(status) = StatusCode::from_u16(n) else { continue };
        let want = if (400..600).contains(&n) {
            Classification::from_code(Code::from_http_u16(n), false)
        } else {
            Classification::UNKNOWN
        };
        assert_eq!(Classification::from_http_status(status), want, "{n}");
        assert_eq!(http_status(status).is_some(), (400..600).contains(&n), "{n}");
    }
    let flags = |n| {
        let class = Classification::from_http_status(StatusCode::from_u16(n).unwrap());
        (class.temporary, class.timeout)
    };
    for (n, want) in [
        (408, (false, true)),
        (429, (false, false)),
        (502, (true, false)),
        (503, (true, false)),
        (504, (false, true)),
        (409, (false, false)),
    ] {
        assert_eq!(flags(n), want, "{n}");
    }
    assert_eq!(Classification::from_http_status(StatusCode::BAD_REQUEST).code, Code::InvalidArgument);
    assert_eq!(Classification::from_http_status(StatusCode::IM_A_TEAPOT).code, Code::FailedPrecondition);
}

#[test]
fn uninformative_io_kinds_are_unknown() {
    assert_eq!(classify(&io::Error::other("boom")), Classification::UNKNOWN);
    assert_eq!(classify(&io::Error::from(io::ErrorKind::Other)), Classification::UNKNOWN);
}

#[test]
fn io_error_wrapping_an_error_is_looked_into() {
    let inner = ErrorResult::builder("busy", Code::ResourceExhausted).temporary(true).build();
    let err = io::Error::other(inner);
    assert_eq!(classify(&err), class(Code::ResourceExhausted, true, false));
    // Twice wrapped, and with the inner error's own source chain.
    let err = io::Error::other(io::Error::other(wrap(io::Error::from(io::ErrorKind::TimedOut))));
    assert_eq!(classify(&err), Classification::TIMEOUT);
    // The error that decided is the wrapped one.
    let err = io::Error::other(io::Error::other(ErrorResult::new("x", Code::NotFound, "x")));
    let (found, _) = recognised(&err).unwrap();
    assert!(found.is::<ErrorResult>());
    let err = io::Error::new(io::ErrorKind::NotFound, ErrorResult::new("x", Code::DataLoss, "x"));
    let (found, _) = recognised(&err).unwrap();
    assert!(found.is::<io::Error>());
    // A parse error inside an io::Error.
    let err = io::Error::other("x".parse::<u8>().unwrap_err());
    assert_eq!(classify(&err), class(Code::InvalidArgument, false, false));
}

#[test]
fn an_informative_io_kind_wins_over_what_it_wraps() {
    let inner = ErrorResult::new("x", Code::DataLoss, "x");
    let err = io::Error::new(io::ErrorKind::NotFound, inner);
    assert_eq!(classify(&err), class(Code::NotFound, false, false));
}

#[test]
fn error_result_classifies_as_itself() {
    let err = ErrorResult::builder("slow", Code::DeadlineExceeded).temporary(true).timeout(true).build();
    assert_eq!(classify(&err), class(Code::DeadlineExceeded, true, true));
    let err = ErrorResult::new("x", Code::PermissionDenied, "x");
    assert_eq!(classify(&err), class(Code::PermissionDenied, false, false));
    let err = ErrorResult::builder("x", Code::Unknown).temporary(true).build();
    assert_eq!(classify(&err), class(Code::Unknown, true, false));
}

#[test]
fn plain_unknown_says_nothing() {
    let err = ErrorResult::new("x", Code::Unknown, "x").with_source(io::Error::from(io::ErrorKind::TimedOut));
    assert_eq!(classify(&err), Classification::TIMEOUT);
    let err = io::Error::other(ErrorResult::new("x", Code::Unknown, "x"));
    assert_eq!(classify(&err), Classification::UNKNOWN);
}

#[test]
fn outermost_recognised_error_wins() {
    let inner = io::Error::from(io::ErrorKind::TimedOut);
    let middle = ErrorResult::new("denied", Code::PermissionDenied, "denied").with_source(inner);
    let outer = wrap(wrap(middle));
    assert_eq!(classify(&outer), class(Code::PermissionDenied, false, false));
    let (found, _) = recognised(&outer).unwrap();
    assert!(found.is::<ErrorResult>());
}

/// go-mysql misses wrapped errors; the walk does not, down to its bound.
#[test]
fn deep_chains_are_followed_to_the_bound() {
    let chain = |depth: usize| {
        let mut err = wrap(io::Error::from(io::ErrorKind::ConnectionReset));
        for _ in 1..depth {
            err = wrap(err);
        }
        err
    };
    // `depth` wrappers then the io::Error: the io::Error is error number depth + 1.
    assert_eq!(classify(&chain(MAX_DEPTH - 1)), class(Code::Unavailable, true, false));
    assert_eq!(classify(&chain(MAX_DEPTH)), Classification::UNKNOWN);
}

#[test]
fn unrecognised_errors_are_unknown() {
    assert_eq!(classify(&Wrapper(None)), Classification::UNKNOWN);
    assert_eq!(classify(&wrap(wrap("text"))), Classification::UNKNOWN);
    assert_eq!(classify(&fmt::Error), Classification::UNKNOWN);
    assert!(recognised(&fmt::Error).is_none());
}

/// A `source` that returns itself must not hang `classify`.
#[test]
fn cyclic_source_chain_terminates() {
    #[derive(Debug)]
    struct Loop;
    impl fmt::Display for Loop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("loop")
        }
    }
    impl Error for Loop {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&Loop)
        }
    }
    assert_eq!(classify(&Loop), Classification::UNKNOWN);
}

#[test]
fn with_declared_finds_the_named_type_first() {
    let declared = ErrorResult::builder("busy", Code::Unavailable).temporary(true).build();
    let err = wrap(io::Error::other(declared));
    assert_eq!(Classification::with_declared::<ErrorResult>(&err), class(Code::Unavailable, true, false));
    // Outermost first: a table row above the declared type wins.
    let err = wrap(io::Error::new(io::ErrorKind::NotFound, "gone"));
    assert_eq!(Classification::with_declared::<ErrorResult>(&err), class(Code::NotFound, false, false));
    assert_eq!(Classification::with_declared::<ErrorResult>(&fmt::Error), Classification::UNKNOWN);
}

#[cfg(feature = "serde")]
#[test]
fn serde_json_errors() {
    for bad in ["{", "[1,", "nul", "{\"a\" 1}", "\"\\x\""] {
        let err = serde_json::from_str::<serde_json::Value>(bad).unwrap_err();
        assert_eq!(classify(&err), class(Code::InvalidArgument, false, false), "{bad}");
    }
    let err = serde_json::from_str::<u8>("\"text\"").unwrap_err();
    assert_eq!(classify(&err), class(Code::InvalidArgument, false, false));
    // An I/O failure while reading JSON is classified as the I/O failure.
    let err = serde_json::from_reader::<_, serde_json::Value>(FailingReader).unwrap_err();
    assert_eq!(classify(&err), class(Code::Unavailable, true, false));
    let err = serde_json::from_reader::<_, serde_json::Value>(OtherReader).unwrap_err();
    assert_eq!(classify(&err), Classification::UNKNOWN);
}

#[cfg(feature = "serde")]
struct FailingReader;

#[cfg(feature = "serde")]
impl io::Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::ErrorKind::ConnectionReset.into())
    }
}

#[cfg(feature = "serde")]
struct OtherReader;

#[cfg(feature = "serde")]
impl io::Read for OtherReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::other("disk on fire"))
    }
}

/// Every gRPC code, as a `tonic::Status`.
#[cfg(feature = "tonic")]
#[test]
fn tonic_status_codes() {
    for code in Code::ALL {
        let status = tonic::Status::new(code.into(), "status");
        let want = match code {
            Code::Unknown => Classification::UNKNOWN,
            _ => Classification::from_code(code, false),
        };
        assert_eq!(classify(&status), want, "{code:?}");
    }
    let ok = tonic::Status::new(tonic::Code::Ok, "odd");
    assert_eq!(classify(&ok), Classification::UNKNOWN);
}

/// tonic puts transport errors in the source of an `Unknown` status.
#[cfg(feature = "tonic")]
#[test]
fn unknown_tonic_status_is_looked_into() {
    let status = tonic::Status::from_error(Box::new(io::Error::from(io::ErrorKind::ConnectionRefused)));
    assert_eq!(status.code(), tonic::Code::Unknown);
    assert_eq!(classify(&status), class(Code::Unavailable, true, false));
}

/// `tokio::time::timeout`'s error, alone and as the `io::Error` tokio
/// converts it into.
#[cfg(feature = "tokio")]
#[test]
fn tokio_elapsed_is_a_timeout() {
    assert_eq!(classify(&elapsed()), Classification::TIMEOUT);
    assert_eq!(classify(&io::Error::from(elapsed())), Classification::TIMEOUT);
    assert_eq!(classify(&wrap(elapsed())), Classification::TIMEOUT);
}

/// Statuses as `reqwest::Error`s from `error_for_status`, without a network.
#[cfg(feature = "reqwest")]
#[test]
fn reqwest_status_errors() {
    for n in [400_u16, 404, 408, 409, 429, 500, 502, 503, 504] {
        let response = http::Response::builder().status(n).body("").unwrap();
        let err = reqwest::Response::from(response).error_for_status().unwrap_err();
        let status = StatusCode::from_u16(n).unwrap();
        assert_eq!(classify(&err), Classification::from_http_status(status), "{n}");
    }
}

/// A real connection refused on loopback: `is_connect`.
#[cfg(feature = "reqwest")]
#[tokio::test]
async fn reqwest_connect_error_is_temporary() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let err = reqwest::Client::new().get(format!("http://{addr}/")).send().await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert_eq!(classify(&err), class(Code::Unavailable, true, false));
}

/// A real server that accepts and never answers: `is_timeout`. The clock is
/// paused, so the timeout fires as soon as everything waits.
#[cfg(feature = "reqwest")]
#[tokio::test(start_paused = true)]
async fn reqwest_timeout_is_a_timeout() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        std::future::pending::<()>().await;
        drop(socket);
    });
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(5)).build().unwrap();
    let err = client.get(format!("http://{addr}/")).send().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(classify(&err), Classification::TIMEOUT);
    server.abort();
}

/// Every stable `io::ErrorKind`, for the property test.
const ALL_KINDS: &[io::ErrorKind] = {
    use io::ErrorKind as K;
    &[
        K::NotFound,
        K::PermissionDenied,
        K::ConnectionRefused,
        K::ConnectionReset,
        K::HostUnreachable,
        K::NetworkUnreachable,
        K::ConnectionAborted,
        K::NotConnected,
        K::AddrInUse,
        K::AddrNotAvailable,
        K::NetworkDown,
        K::BrokenPipe,
        K::AlreadyExists,
        K::WouldBlock,
        K::NotADirectory,
        K::IsADirectory,
        K::DirectoryNotEmpty,
        K::ReadOnlyFilesystem,
        K::StaleNetworkFileHandle,
        K::InvalidInput,
        K::InvalidData,
        K::TimedOut,
        K::WriteZero,
        K::StorageFull,
        K::NotSeekable,
        K::QuotaExceeded,
        K::FileTooLarge,
        K::ResourceBusy,
        K::ExecutableFileBusy,
        K::Deadlock,
        K::CrossesDevices,
        K::TooManyLinks,
        K::InvalidFilename,
        K::ArgumentListTooLong,
        K::Interrupted,
        K::Unsupported,
        K::UnexpectedEof,
        K::OutOfMemory,
        K::Other,
    ]
};

proptest! {
    /// `classify` never panics on an io::Error of any kind or OS error
    /// number, however wrapped, and agrees with the tables.
    #[test]
    fn classify_never_panics_on_io_errors(
        kind in proptest::sample::select(ALL_KINDS),
        number in any::<i32>(),
        depth in 0_usize..80,
        message in ".{0,16}",
    ) {
        let by_kind = classify(&io::Error::new(kind, message));
        prop_assert_eq!(by_kind, io_kind(kind).unwrap_or(Classification::UNKNOWN));

        let raw = io::Error::from_raw_os_error(number);
        let want = io_kind(raw.kind()).or_else(|| errno(number)).unwrap_or(Classification::UNKNOWN);
        prop_assert_eq!(classify(&raw), want);

        let mut err = wrap(io::Error::from_raw_os_error(number));
        for _ in 0..depth {
            err = wrap(err);
        }
        let class = classify(&err);
        prop_assert!(class == want || (depth + 2 > MAX_DEPTH && class == Classification::UNKNOWN));
    }
}

/// The AIP-194 table as the docs write it (on `classify`, and in the
/// guide's chapter on retries), held to `RETRY_RULES`: the same codes in the
/// same order with the same rule, the HTTP statuses each names mapping to
/// its code, and "no" for any other code.
#[test]
fn the_documented_retry_tables_are_retry_rules() {
    let tables = [
        ("classify's docs", include_str!("../classify.rs")),
        ("the guide", include_str!("../../../docs/classifying-and-retrying.md")),
    ];
    for (place, text) in tables {
        let rows: Vec<Vec<String>> = text
            .lines()
            .map(|line| line.trim_start_matches("///").trim())
            .skip_while(|line| !line.ends_with("| retried | why |"))
            .skip(2)
            .take_while(|line| line.starts_with('|'))
            .map(|line| line.trim_matches('|').split(" | ").map(|cell| cell.trim().to_owned()).collect())
            .collect();
        let (other, rows) = rows.split_last().unwrap_or_else(|| panic!("{place}: no retry table"));
        assert_eq!((other[0].as_str(), other[1].as_str()), ("any other", "no"), "{place}");
        let documented: Vec<(Code, RetryRule)> = rows
            .iter()
            .map(|row| {
                let name = row[0].split('`').nth(1).unwrap();
                let code = Code::ALL
                    .into_iter()
                    .find(|code| format!("{code:?}") == name || code.as_str().to_uppercase() == name)
                    .unwrap_or_else(|| panic!("{place}: `{name}` is not a code"));
                for status in row[0].split(['(', ',', ')']).filter_map(|part| part.trim().parse::<u16>().ok())
                {
                    assert_eq!(Code::from_http_u16(status), code, "{place}: {status}");
                }
                let retried = row[1].as_str();
                let rule = if retried.starts_with("yes") {
                    RetryRule::Always
                } else if retried.contains("idempotent") {
                    RetryRule::IfIdempotent
                } else if retried.starts_with("only") {
                    RetryRule::AfterRetryDelay
                } else {
                    assert!(retried.starts_with("no"), "{place}: `{retried}`");
                    RetryRule::Never
                };
                (code, rule)
            })
            .collect();
        assert_eq!(documented, RETRY_RULES, "{place}");
    }
}
