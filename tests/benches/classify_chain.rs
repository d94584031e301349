//! `errdsl::classify` over a source chain, against the hand-written walk it
//! replaces.
//!
//! Run with:
//!
//! ```text
//! cargo bench -p errdsl-tests --bench classify_chain
//! ```
//!
//! (append `-- --warm-up-time 1 --measurement-time 3` for a quicker run).
//!
//! The chains are five errors deep, as a service's errors are: a handler
//! error wraps a service error, which wraps a repository error, which wraps
//! a pool error, which wraps the error that happened. That last one is an
//! `std::io::Error` (`ConnectionRefused`: temporary, `Unavailable`) or an
//! error nothing knows (`Opaque`: `Unknown`). **errdsl** is
//! `errdsl::classify(&err)`: at each error of the chain it tries every row
//! of its table of known types (a downcast each) and steps into the error an
//! `io::Error` wraps. **hand** is what a careful human writes for the same
//! answers: walk `source()`, downcast each error to `io::Error`, `match` on
//! the kinds the service cares about. **fair** recognises by hand what
//! errdsl recognises with the features errdsl is built with: the rows of its
//! table of types in the same order, each by a `downcast_ref`/`is`, its
//! tables of `io::ErrorKind`s and OS error numbers as `match`es, stepping
//! into the error an `io::Error` wraps, on the same depth bound. What a
//! recognised `ErrorResult`, `tonic::Status` or `reqwest::Error` says is
//! read through errdsl (its own reading of that error alone): the dispatch
//! is what is hand-written, and what the chains here time. Before anything
//! is timed, the twins are checked to agree on every chain, and the fair
//! twin is held to errdsl's whole table, read from errdsl's source
//! ([`assert_fair_twin_knows_the_same_types`]). One
//! iteration classifies one chain.

use std::error::Error;
use std::hint::black_box;
use std::io;

use criterion::{Criterion, criterion_group, criterion_main};
use errdsl::{Classification, Code};

/// The outermost error: what a handler returns.
#[derive(Debug, thiserror::Error)]
#[error("handler failed")]
pub struct HandlerError(#[source] ServiceLayerError);

/// What the service layer returns.
#[derive(Debug, thiserror::Error)]
#[error("service failed")]
pub struct ServiceLayerError(#[source] RepoError);

/// What the repository returns.
#[derive(Debug, thiserror::Error)]
#[error("repository failed")]
pub struct RepoError(#[source] PoolError);

/// What the connection pool returns: the error that happened, boxed.
#[derive(Debug, thiserror::Error)]
#[error("pool failed")]
pub struct PoolError(#[source] Box<dyn Error + Send + Sync>);

/// An error neither errdsl nor the hand-written walk knows.
#[derive(Debug, thiserror::Error)]
#[error("something opaque")]
pub struct Opaque;

/// A chain of five: four layers around `cause`.
fn chain(cause: Box<dyn Error + Send + Sync>) -> HandlerError {
    HandlerError(ServiceLayerError(RepoError(PoolError(cause))))
}

/// The hand-written classification: the first `io::Error` of the chain, by
/// the kinds that matter here.
fn hand_classify(err: &(dyn Error + 'static)) -> Classification {
    let mut next = Some(err);
    while let Some(err) = next {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            use io::ErrorKind::{
                BrokenPipe, ConnectionAborted, ConnectionRefused, ConnectionReset, NotConnected, NotFound,
                PermissionDenied, TimedOut,
            };
            match io.kind() {
                // Not temporary: the call may have taken effect (AIP-194).
                TimedOut => return Classification::new(Code::DeadlineExceeded, false, true),
                ConnectionRefused | ConnectionReset | ConnectionAborted | NotConnected | BrokenPipe => {
                    return Classification::new(Code::Unavailable, true, false);
                }
                NotFound => return Classification::new(Code::NotFound, false, false),
                PermissionDenied => return Classification::new(Code::PermissionDenied, false, false),
                _ => {}
            }
        }
        next = err.source();
    }
    Classification::UNKNOWN
}

/// The fair twin: errdsl's table of types by hand, in errdsl's order; the
/// first informative answer of the chain, outermost first. `TOKIO` says
/// whether errdsl was built with its `tokio` feature, which a workspace
/// build turns on (the bench cannot read errdsl's `cfg`, so
/// [`errdsl_has_tokio`] asks errdsl and the bench picks the twin to match).
fn fair_classify<const TOKIO: bool>(err: &(dyn Error + 'static)) -> Classification {
    let mut next = Some(err);
    for _ in 0..64 {
        let Some(err) = next else { break };
        if let Some(class) = fair_one::<TOKIO>(err).filter(|class| *class != Classification::UNKNOWN) {
            return class;
        }
        next = match err.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
            Some(inner) => Some(inner),
            None => err.source(),
        };
    }
    Classification::UNKNOWN
}

const INVALID: Classification = Classification::new(Code::InvalidArgument, false, false);
const TIMEOUT: Classification = Classification::new(Code::DeadlineExceeded, false, true);

/// What one error of the chain says, if its type is one errdsl knows: one
/// branch per row of errdsl's table ([`fair_rows`]), in its order.
fn fair_one<const TOKIO: bool>(err: &(dyn Error + 'static)) -> Option<Classification> {
    use std::{array, char, net, num, str, string};
    if let Some(result) = err.downcast_ref::<errdsl::ErrorResult>() {
        return Some(Classification::of(result));
    }
    if let Some(io) = err.downcast_ref::<io::Error>() {
        return fair_io(io);
    }
    let invalid = err.is::<num::ParseIntError>()
        || err.is::<num::ParseFloatError>()
        || err.is::<num::TryFromIntError>()
        || err.is::<str::ParseBoolError>()
        || err.is::<str::Utf8Error>()
        || err.is::<string::FromUtf8Error>()
        || err.is::<string::FromUtf16Error>()
        || err.is::<char::ParseCharError>()
        || err.is::<char::CharTryFromError>()
        || err.is::<char::DecodeUtf16Error>()
        || err.is::<net::AddrParseError>()
        || err.is::<array::TryFromSliceError>()
        || err.is::<http::Error>()
        || err.is::<http::uri::InvalidUri>()
        || err.is::<http::uri::InvalidUriParts>()
        || err.is::<http::header::InvalidHeaderName>()
        || err.is::<http::header::InvalidHeaderValue>()
        || err.is::<http::header::ToStrError>()
        || err.is::<http::method::InvalidMethod>()
        || err.is::<http::status::InvalidStatusCode>();
    if invalid {
        return Some(INVALID);
    }
    if TOKIO && err.is::<tokio::time::error::Elapsed>() {
        return Some(TIMEOUT);
    }
    if let Some(status) = err.downcast_ref::<tonic::Status>() {
        return Some(errdsl::classify(status));
    }
    if let Some(reqwest) = err.downcast_ref::<reqwest::Error>() {
        return Some(errdsl::classify(reqwest));
    }
    if let Some(json) = err.downcast_ref::<serde_json::Error>() {
        return match json.io_error_kind() {
            Some(kind) => fair_io_kind(kind),
            None => Some(INVALID),
        };
    }
    None
}

/// An `io::Error`: by its kind, else by its OS error number.
fn fair_io(io: &io::Error) -> Option<Classification> {
    fair_io_kind(io.kind()).or_else(|| io.raw_os_error().and_then(fair_errno))
}

/// errdsl's table of `io::ErrorKind`s, as a `match`.
fn fair_io_kind(kind: io::ErrorKind) -> Option<Classification> {
    use io::ErrorKind as K;
    const fn permanent(code: Code) -> Classification {
        Classification::new(code, false, false)
    }
    Some(match kind {
        K::TimedOut => TIMEOUT,
        K::ConnectionRefused
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected
        | K::BrokenPipe
        | K::AddrNotAvailable
        | K::AddrInUse
        | K::NetworkDown
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::Interrupted
        | K::WouldBlock
        | K::UnexpectedEof
        | K::WriteZero
        | K::ResourceBusy
        | K::ExecutableFileBusy
        | K::StaleNetworkFileHandle => Classification::new(Code::Unavailable, true, false),
        K::Deadlock => Classification::new(Code::Aborted, true, false),
        K::NotFound => permanent(Code::NotFound),
        K::PermissionDenied => permanent(Code::PermissionDenied),
        K::AlreadyExists => permanent(Code::AlreadyExists),
        K::InvalidInput | K::InvalidData | K::InvalidFilename | K::ArgumentListTooLong => INVALID,
        K::NotADirectory
        | K::IsADirectory
        | K::DirectoryNotEmpty
        | K::ReadOnlyFilesystem
        | K::CrossesDevices
        | K::NotSeekable => permanent(Code::FailedPrecondition),
        K::Unsupported => permanent(Code::Unimplemented),
        K::OutOfMemory | K::StorageFull | K::QuotaExceeded | K::FileTooLarge | K::TooManyLinks => {
            permanent(Code::ResourceExhausted)
        }
        _ => return None,
    })
}

/// errdsl's table of OS error numbers (Linux's generic numbering), as a
/// `match`; on systems numbered otherwise, nothing, as in errdsl.
fn fair_errno(number: i32) -> Option<Classification> {
    const GENERIC_ERRNOS: bool = cfg!(all(
        any(target_os = "linux", target_os = "android"),
        not(any(
            target_arch = "mips",
            target_arch = "mips64",
            target_arch = "mips32r6",
            target_arch = "mips64r6",
            target_arch = "sparc",
            target_arch = "sparc64"
        ))
    ));
    if !GENERIC_ERRNOS {
        return None;
    }
    match number {
        4 | 11 | 102 | 112 => Some(Classification::new(Code::Unavailable, true, false)),
        23 | 24 | 105 => Some(Classification::new(Code::ResourceExhausted, true, false)),
        _ => None,
    }
}

/// The chains, by name.
fn chains() -> Vec<(&'static str, Box<dyn Error + Send + Sync>)> {
    vec![
        ("io_at_depth_5", Box::new(chain(Box::new(io::Error::from(io::ErrorKind::ConnectionRefused))))),
        ("unknown_at_depth_5", Box::new(chain(Box::new(Opaque)))),
        ("io_alone", Box::new(io::Error::from(io::ErrorKind::ConnectionRefused))),
    ]
}

fn assert_twins_agree() {
    let expected = [
        Classification::new(Code::Unavailable, true, false),
        Classification::UNKNOWN,
        Classification::new(Code::Unavailable, true, false),
    ];
    let fair = fair_for_this_build();
    for ((name, err), expected) in chains().iter().zip(expected) {
        let err: &(dyn Error + 'static) = err.as_ref();
        assert_eq!(errdsl::classify(err), expected, "errdsl, {name}");
        assert_eq!(hand_classify(err), expected, "hand, {name}");
        assert_eq!(fair(err), expected, "fair, {name}");
    }
}

/// errdsl's `src/classify.rs`, where its tables are: [`classify`] is
/// documented to be nothing but those tables, which errdsl does not export,
/// so the check reads them from there rather than from a copy.
///
/// [`classify`]: errdsl::classify
const CLASSIFY_RS: &str = include_str!("../../errdsl/src/policy/classify.rs");

/// The lines of [`CLASSIFY_RS`] after the one that starts with `head` up to
/// the next one at the left margin (the item's end), comments left out.
fn source_item(head: &str) -> Vec<&'static str> {
    let mut lines = CLASSIFY_RS.lines().skip_while(|line| !line.starts_with(head));
    assert!(
        lines.next().is_some(),
        "errdsl/src/policy/classify.rs has no `{head}`: where are errdsl's tables?"
    );
    lines
        .take_while(|line| line.starts_with(' ') || line.is_empty())
        .filter(|line| !line.trim().starts_with("//"))
        .collect()
}

/// The string literal that `line` has after `after`.
fn literal_after<'a>(line: &'a str, after: &str) -> Option<&'a str> {
    line.split_once(after).and_then(|(_, rest)| rest.split('"').next())
}

/// errdsl's table of error types, `ERROR_TYPES`: each row's name and the
/// feature of errdsl's that the row needs, if any, in the table's order.
fn errdsl_type_rows() -> Vec<(&'static str, Option<&'static str>)> {
    let (mut rows, mut feature) = (Vec::new(), None);
    for line in source_item("const ERROR_TYPES: &[TypeRow] = &[") {
        // Rows start at the item's first indentation; the rest is their
        // closures' bodies.
        let Some(row) = line.strip_prefix("    ").filter(|row| !row.starts_with(' ')) else { continue };
        if row.starts_with('#') {
            let gate = literal_after(row, "#[cfg(feature = \"").filter(|_| row.ends_with("\")]"));
            feature = Some(gate.unwrap_or_else(|| panic!("a row attribute this check does not read: {row}")));
        } else if !row.starts_with('}') {
            let name = literal_after(row, ">(\"").or_else(|| literal_after(row, "name: \""));
            rows.push((
                name.unwrap_or_else(|| panic!("a row whose name this check cannot read: {row}")),
                feature.take(),
            ));
        }
    }
    assert!(rows.len() >= 20, "errdsl's table of types, read from its source: {rows:?}");
    rows
}

/// The `io::ErrorKind`s of errdsl's table `IO_KINDS`, by name.
fn errdsl_io_kinds() -> Vec<&'static str> {
    let rows: Vec<_> = source_item("const IO_KINDS")
        .into_iter()
        .map(str::trim)
        .filter(|line| line.starts_with('('))
        .collect();
    let kinds: Vec<_> = rows.iter().filter_map(|row| row.strip_prefix("(K::")?.split(',').next()).collect();
    assert_eq!(kinds.len(), rows.len(), "rows of IO_KINDS this check cannot read: {rows:?}");
    assert!(kinds.len() >= 30, "errdsl's table of io::ErrorKinds, read from its source: {kinds:?}");
    kinds
}

/// The OS error numbers of errdsl's table `ERRNOS`, by name and number.
fn errdsl_errnos() -> Vec<(&'static str, i32)> {
    let numbers = source_item("mod errno {");
    let number = |name: &str| {
        let line = numbers
            .iter()
            .find_map(|line| line.trim().strip_prefix(&format!("pub(super) const {name}: i32 = ")));
        line.and_then(|line| line.strip_suffix(';')?.parse().ok())
            .unwrap_or_else(|| panic!("no number for {name}"))
    };
    let rows: Vec<_> =
        source_item("const ERRNOS").into_iter().map(str::trim).filter(|line| line.starts_with('(')).collect();
    let errnos: Vec<_> =
        rows.iter().filter_map(|row| literal_after(row, ", \"")).map(|name| (name, number(name))).collect();
    assert_eq!(errnos.len(), rows.len(), "rows of ERRNOS this check cannot read: {rows:?}");
    assert!(errnos.len() >= 5, "errdsl's table of errnos, read from its source: {errnos:?}");
    errnos
}

/// One row of errdsl's table of error types, as the fair twin has it.
struct FairRow {
    /// The row's name in errdsl's table.
    name: &'static str,
    /// The feature of errdsl's the row needs.
    feature: Option<&'static str>,
    /// Errors of the row's type, each classified by both twins alone, at
    /// depth 5 and inside an `io::Error`; when errdsl has the row, at least
    /// one of them informatively.
    samples: Vec<Box<dyn Error + Send + Sync>>,
}

/// A reader whose every read fails with `kind`, for `serde_json`'s I/O errors.
struct FailingReader(io::ErrorKind);

impl io::Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::new(self.0, "read failed"))
    }
}

/// A `tokio::time::error::Elapsed`, from a timeout that expires.
fn elapsed() -> tokio::time::error::Elapsed {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("a runtime");
    let timeout =
        async { tokio::time::timeout(std::time::Duration::ZERO, std::future::pending::<()>()).await };
    runtime.block_on(timeout).unwrap_err()
}

/// Every row of errdsl's table of error types, as the fair twin mirrors it,
/// in errdsl's order, with samples of each.
fn fair_rows() -> Vec<FairRow> {
    fn row(name: &'static str, samples: Vec<Box<dyn Error + Send + Sync>>) -> FairRow {
        FairRow { name, feature: None, samples }
    }
    fn gated(
        name: &'static str,
        feature: &'static str,
        samples: Vec<Box<dyn Error + Send + Sync>>,
    ) -> FairRow {
        FairRow { name, feature: Some(feature), samples }
    }
    let mut uri_parts = http::uri::Parts::default();
    uri_parts.scheme = Some(http::uri::Scheme::HTTP);
    let json = |kind| serde_json::from_reader::<_, u8>(FailingReader(kind)).unwrap_err();
    vec![
        row(
            "errdsl::ErrorResult",
            vec![
                Box::new(errdsl::ErrorResult::new("quota", Code::ResourceExhausted, "slow down")),
                Box::new(errdsl::ErrorResult::builder("busy", Code::Aborted).temporary(true).build()),
                Box::new(errdsl::ErrorResult::new("odd", Code::Unknown, "says nothing")),
            ],
        ),
        // Every kind and OS error number: `assert_fair_twin_knows_the_same_kinds`.
        row(
            "std::io::Error",
            vec![
                Box::new(io::Error::from(io::ErrorKind::TimedOut)),
                Box::new(io::Error::other("x".parse::<u8>().unwrap_err())),
                Box::new(io::Error::new(io::ErrorKind::NotFound, Opaque)),
            ],
        ),
        row("std::num::ParseIntError", vec![Box::new("x".parse::<u8>().unwrap_err())]),
        row("std::num::ParseFloatError", vec![Box::new("x".parse::<f64>().unwrap_err())]),
        row("std::num::TryFromIntError", vec![Box::new(u8::try_from(300_i32).unwrap_err())]),
        row("std::str::ParseBoolError", vec![Box::new("x".parse::<bool>().unwrap_err())]),
        row("std::str::Utf8Error", vec![Box::new(std::str::from_utf8(black_box(&[0xff])).unwrap_err())]),
        row("std::string::FromUtf8Error", vec![Box::new(String::from_utf8(vec![0xff]).unwrap_err())]),
        row("std::string::FromUtf16Error", vec![Box::new(String::from_utf16(&[0xd800]).unwrap_err())]),
        row("std::char::ParseCharError", vec![Box::new("ab".parse::<char>().unwrap_err())]),
        row("std::char::CharTryFromError", vec![Box::new(char::try_from(0xd800_u32).unwrap_err())]),
        row(
            "std::char::DecodeUtf16Error",
            vec![Box::new(char::decode_utf16([0xd800_u16]).next().unwrap().unwrap_err())],
        ),
        row("std::net::AddrParseError", vec![Box::new("x".parse::<std::net::IpAddr>().unwrap_err())]),
        row("std::array::TryFromSliceError", vec![Box::new(<[u8; 2]>::try_from(&[1_u8][..]).unwrap_err())]),
        row("http::Error", vec![Box::new(http::Request::builder().uri("\n").body(()).unwrap_err())]),
        row("http::uri::InvalidUri", vec![Box::new("bad uri\u{0}".parse::<http::Uri>().unwrap_err())]),
        row("http::uri::InvalidUriParts", vec![Box::new(http::Uri::from_parts(uri_parts).unwrap_err())]),
        row(
            "http::header::InvalidHeaderName",
            vec![Box::new(http::HeaderName::from_bytes(b"\n").unwrap_err())],
        ),
        row(
            "http::header::InvalidHeaderValue",
            vec![Box::new(http::HeaderValue::from_bytes(b"\n").unwrap_err())],
        ),
        row(
            "http::header::ToStrError",
            vec![Box::new(http::HeaderValue::from_bytes(&[0xff]).unwrap().to_str().unwrap_err())],
        ),
        row("http::method::InvalidMethod", vec![Box::new(http::Method::from_bytes(b"\n").unwrap_err())]),
        row("http::status::InvalidStatusCode", vec![Box::new(http::StatusCode::from_u16(1000).unwrap_err())]),
        gated("tokio::time::error::Elapsed", "tokio", vec![Box::new(elapsed())]),
        gated(
            "tonic::Status",
            "tonic",
            vec![
                Box::new(tonic::Status::unavailable("draining")),
                Box::new(tonic::Status::aborted("conflict")),
                Box::new(tonic::Status::unknown("says nothing")),
                Box::new(tonic::Status::new(tonic::Code::Ok, "")),
                Box::new(tonic::Status::from_error(Box::new(io::Error::from(
                    io::ErrorKind::ConnectionReset,
                )))),
                Box::new(errdsl::grpc::to_status(
                    &errdsl::ErrorResult::builder("busy", Code::ResourceExhausted).temporary(true).build(),
                )),
            ],
        ),
        gated(
            "reqwest::Error",
            "reqwest",
            vec![Box::new(reqwest::Client::new().get("not a url").build().unwrap_err())],
        ),
        gated(
            "serde_json::Error",
            "serde",
            vec![
                Box::new(serde_json::from_str::<u8>("{").unwrap_err()),
                Box::new(json(io::ErrorKind::ConnectionReset)),
                Box::new(json(io::ErrorKind::Other)),
            ],
        ),
        // Not mirrored, and not checked: errdsl-tests does not depend on
        // sqlx, so the bench can neither build a `sqlx::Error` nor tell
        // whether errdsl has the row. errdsl has it only when something else
        // turns its `sqlx` feature on (a workspace build, for tests/db); the
        // timings are taken with `-p errdsl-tests`, without it.
        gated("sqlx::Error (errdsl::db)", "sqlx", Vec::new()),
    ]
}

/// The features of errdsl's that the fair twin reads errors of without
/// asking: errdsl-tests turns them on (and errdsl-examples).
const FEATURES_THE_TWIN_ASSUMES: [&str; 3] = ["tonic", "reqwest", "serde"];

/// Whether errdsl was built with its `tokio` feature: whether it knows a
/// `tokio::time::error::Elapsed`.
fn errdsl_has_tokio() -> bool {
    errdsl::classify(&elapsed()) != Classification::UNKNOWN
}

/// The fair twin for errdsl as built: [`fair_classify`] with errdsl's `tokio` feature or without.
fn fair_for_this_build() -> fn(&(dyn Error + 'static)) -> Classification {
    if errdsl_has_tokio() { fair_classify::<true> } else { fair_classify::<false> }
}

/// Panics unless the fair twin classifies `err` as errdsl does, alone, at
/// depth 5, and wrapped in an `io::Error`.
fn assert_fair_agrees(
    fair: fn(&(dyn Error + 'static)) -> Classification,
    what: &str,
    err: Box<dyn Error + Send + Sync>,
) {
    let expected = errdsl::classify(&*err);
    assert_eq!(fair(&*err), expected, "fair, {what} alone");
    let wrapped = io::Error::other(err);
    assert_eq!(fair(&wrapped), errdsl::classify(&wrapped), "fair, {what} in an io::Error");
    let chained = chain(Box::new(wrapped));
    assert_eq!(fair(&chained), errdsl::classify(&chained), "fair, {what} at depth 5");
}

/// The fair twin knows what errdsl knows: its rows are the rows of errdsl's
/// table of types (read from errdsl's source), in order and with the same
/// features; each row's samples, for every row errdsl has with the features
/// it is built with (and for every row it lacks, for which both say
/// nothing), classify alike; and so does every `io::ErrorKind` and OS
/// error number ([`assert_fair_twin_knows_the_same_kinds`]).
fn assert_fair_twin_knows_the_same_types() {
    let rows = fair_rows();
    let (ours, errdsl): (Vec<_>, _) =
        (rows.iter().map(|row| (row.name, row.feature)).collect(), errdsl_type_rows());
    if let Some(i) = (0..ours.len().max(errdsl.len())).find(|&i| ours.get(i) != errdsl.get(i)) {
        panic!(
            "row {i} of errdsl's ERROR_TYPES (errdsl/src/policy/classify.rs) is {:?}, the fair twin's {:?}",
            errdsl.get(i),
            ours.get(i)
        );
    }
    let fair = fair_for_this_build();
    for row in rows {
        if row.samples.is_empty() {
            assert_eq!(row.name, "sqlx::Error (errdsl::db)", "a row without samples");
            continue;
        }
        let known = row.samples.iter().any(|err| errdsl::classify(&**err) != Classification::UNKNOWN);
        match row.feature {
            None => assert!(known, "errdsl does not know the samples of its row {}", row.name),
            Some(feature) if FEATURES_THE_TWIN_ASSUMES.contains(&feature) => {
                assert!(
                    known,
                    "errdsl was built without its `{feature}` feature, which the fair twin assumes"
                );
            }
            // Followed: `fair_for_this_build`.
            Some(feature) => {
                assert_eq!(feature, "tokio", "{}: a feature the fair twin does not follow", row.name)
            }
        }
        for (i, err) in row.samples.into_iter().enumerate() {
            assert_fair_agrees(fair, &format!("{} sample {i} ({err})", row.name), err);
        }
    }
    assert_eq!(fair(&chain(Box::new(Opaque))), Classification::UNKNOWN);
    assert_fair_twin_knows_the_same_kinds(fair);
}

/// Every `io::ErrorKind` of std, errdsl's table of them and the kinds
/// neither lists.
const STD_IO_KINDS: &[io::ErrorKind] = {
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

/// The fair twin classifies every `io::Error` as errdsl does: of each kind
/// of std's (every kind of errdsl's table among them), alone and wrapping an
/// error errdsl knows; and of each OS error number up to 1024 (every number
/// of errdsl's table among them, and every kind std gives one).
fn assert_fair_twin_knows_the_same_kinds(fair: fn(&(dyn Error + 'static)) -> Classification) {
    let std_names: Vec<_> = STD_IO_KINDS.iter().map(|kind| format!("{kind:?}")).collect();
    for kind in errdsl_io_kinds() {
        assert!(
            std_names.iter().any(|name| name == kind),
            "errdsl knows io::ErrorKind::{kind}, which this check does not try"
        );
    }
    for &kind in STD_IO_KINDS {
        assert_fair_agrees(fair, &format!("io::ErrorKind::{kind:?}"), Box::new(io::Error::from(kind)));
        let wrapping = io::Error::new(kind, "x".parse::<u8>().unwrap_err());
        assert_fair_agrees(
            fair,
            &format!("io::ErrorKind::{kind:?} wrapping a ParseIntError"),
            Box::new(wrapping),
        );
    }
    const NUMBERS: std::ops::RangeInclusive<i32> = 0..=1024;
    for (name, number) in errdsl_errnos() {
        assert!(NUMBERS.contains(&number), "errdsl knows {name} ({number}), which this check does not try");
    }
    for number in NUMBERS {
        assert_fair_agrees(
            fair,
            &format!("OS error {number}"),
            Box::new(io::Error::from_raw_os_error(number)),
        );
    }
}

fn classify_chain(c: &mut Criterion) {
    assert_twins_agree();
    assert_fair_twin_knows_the_same_types();
    let tokio = errdsl_has_tokio();
    for (name, err) in chains() {
        let err: &(dyn Error + 'static) = err.as_ref();
        let mut group = c.benchmark_group(name);
        group.bench_function("errdsl", |b| b.iter(|| errdsl::classify(black_box(err))));
        group.bench_function("hand", |b| b.iter(|| hand_classify(black_box(err))));
        if tokio {
            group.bench_function("fair", |b| b.iter(|| fair_classify::<true>(black_box(err))));
        } else {
            group.bench_function("fair", |b| b.iter(|| fair_classify::<false>(black_box(err))));
        }
        group.finish();
    }
}

criterion_group!(benches, classify_chain);
criterion_main!(benches);
