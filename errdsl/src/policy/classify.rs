//! Classification of errors errdsl did not declare: a [`Code`] and the
//! temporary / timeout flags, from built-in tables of well-known errors.
//!
//! Everything [`classify`] knows is data, in the tables of this module:
//! [`ERROR_TYPES`] (which error types are recognised, and how),
//! [`IO_KINDS`] (`std::io::ErrorKind`s) and [`ERRNOS`] (OS error numbers
//! that `std` leaves uncategorised); gRPC codes and, through their codes,
//! HTTP statuses, by Google's AIP-194, are the retry rules of
//! [`Classification::from_code`], which the decoders share. Each table has
//! a test that checks every row against the documentation.

#[cfg(test)]
mod tests;

use crate::model::code::Code;
use crate::model::error_result::ErrorResult;
use crate::model::service_error::ServiceError;
#[cfg(feature = "sqlx")]
use crate::policy::db;
use crate::policy::error_class::Classification;
#[cfg(feature = "reqwest")]
use crate::policy::error_class::http_status;
#[cfg(test)]
use crate::policy::error_class::{RETRY_RULES, RetryRule};
use crate::policy::source_chain::chain;
#[cfg(feature = "tonic")]
use crate::transport::grpc::decode;
use std::error::Error;
use std::io;

impl Classification {
    /// [`classify`], with one more recognised type: the declared error type
    /// `T`, wherever it is in the chain, classifies as itself
    /// ([`Classification::of`]).
    ///
    /// This is how a declared type is seen through `dyn Error` without a
    /// registry: the caller names the type to look for, and a downcast finds
    /// it.
    ///
    /// ```
    /// use errdsl::{Classification, Code, ServiceError, classify};
    ///
    /// #[derive(Debug, thiserror::Error, ServiceError)]
    /// pub enum StoreError {
    ///     #[error("store is in maintenance")]
    ///     #[service_error(temporary, http = 503)]
    ///     Maintenance,
    /// }
    ///
    /// // An error of another library, wrapping the declared one.
    /// let err = std::io::Error::other(StoreError::maintenance());
    /// assert_eq!(classify(&err), Classification::UNKNOWN);
    /// let class = Classification::with_declared::<StoreError>(&err);
    /// assert_eq!(class, Classification::new(Code::Unavailable, true, false));
    /// ```
    #[must_use]
    pub fn with_declared<T: ServiceError>(err: &(dyn Error + 'static)) -> Self {
        walk(err, &|err| err.downcast_ref::<T>().map(Classification::of))
            .map_or(Classification::UNKNOWN, |(_, class)| class)
    }
}

/// Classifies an error by the first error it recognises in the error's
/// source chain, outermost first; [`Classification::UNKNOWN`] when it
/// recognises none. It never panics, and follows at most 64 sources (a
/// `source` that loops ends the walk there).
///
/// One error recognised as plain `Unknown` (neither temporary nor a timeout)
/// says nothing, so the walk goes on past it. Recognised errors, each in
/// its own row of a table (the types of foreign crates behind their
/// features):
///
/// | error | classification |
/// | --- | --- |
/// | [`ErrorResult`] | its own code and flags |
/// | [`std::io::Error`] | its `ErrorKind` by the first table below; a kind it does not list (`Other`, `Uncategorized`, ...) by its OS error number ([`raw_os_error`](io::Error::raw_os_error)) by the second; else the error it wraps ([`get_ref`](io::Error::get_ref)) |
/// | `std::num::{ParseIntError, ParseFloatError, TryFromIntError}`, `std::str::{ParseBoolError, Utf8Error}`, `std::string::{FromUtf8Error, FromUtf16Error}`, `std::char::{ParseCharError, CharTryFromError, DecodeUtf16Error}`, `std::net::AddrParseError`, `std::array::TryFromSliceError` | `InvalidArgument` |
/// | `http::Error` and its parts (`InvalidUri`, `InvalidUriParts`, `InvalidHeaderName`, `InvalidHeaderValue`, `ToStrError`, `InvalidMethod`, `InvalidStatusCode`) | `InvalidArgument` |
/// | `tokio::time::error::Elapsed` (feature `tokio`) | `DeadlineExceeded`, a timeout (not temporary) |
/// | `tonic::Status` (feature `tonic`) | as [`ErrorResult::from_grpc_status`] decodes it: the server's flags, else its code by the table of codes below; `Unknown` and `Ok` without flags say nothing, so its source is looked at next: tonic puts transport errors there |
/// | `reqwest::Error` (feature `reqwest`) | `is_connect()`: `Unavailable`, temporary (nothing was sent, even when connecting timed out); `is_timeout()`: a timeout (not temporary); `status()`: by the table of codes below; `is_builder()`: `InvalidArgument`; else its source (hyper's errors, then the `io::Error`) |
/// | `serde_json::Error` (feature `serde`) | malformed or mistyped JSON is `InvalidArgument`; an I/O failure while reading it is classified as the `io::ErrorKind` |
/// | `sqlx::Error` and the drivers' database errors (feature `sqlx`) | by [`DbErrorKind::of`](crate::db::DbErrorKind::of) and `db::classify_sqlx`: go-mysql's categories, [`DbErrorKind`](crate::db::DbErrorKind) |
///
/// | `io::ErrorKind` | code | temporary | why |
/// | --- | --- | --- | --- |
/// | `TimedOut` | `DeadlineExceeded` | no, a timeout: only idempotent calls retry it | the peer may have done the work before time ran out |
/// | `ConnectionRefused`, `ConnectionReset`, `ConnectionAborted`, `NotConnected`, `BrokenPipe` | `Unavailable` | yes | the peer is restarting or was overloaded |
/// | `AddrNotAvailable`, `AddrInUse` | `Unavailable` | yes | local ports ran out under load; they come back |
/// | `NetworkDown`, `NetworkUnreachable`, `HostUnreachable` | `Unavailable` | yes | routes and links come back |
/// | `Interrupted`, `WouldBlock` | `Unavailable` | yes | the call itself says to try again |
/// | `UnexpectedEof`, `WriteZero` | `Unavailable` | yes | the peer hung up mid-exchange |
/// | `ResourceBusy`, `ExecutableFileBusy`, `StaleNetworkFileHandle` | `Unavailable` | yes | the file is free again or re-opened on the next try |
/// | `Deadlock` | `Aborted` | yes | gRPC's code for a concurrency conflict; the retry usually wins |
/// | `NotFound` | `NotFound` | no | |
/// | `PermissionDenied` | `PermissionDenied` | no | |
/// | `AlreadyExists` | `AlreadyExists` | no | |
/// | `InvalidInput`, `InvalidData`, `InvalidFilename`, `ArgumentListTooLong` | `InvalidArgument` | no | the input was wrong and will be again |
/// | `NotADirectory`, `IsADirectory`, `DirectoryNotEmpty`, `ReadOnlyFilesystem`, `CrossesDevices`, `NotSeekable` | `FailedPrecondition` | no | the file system is not in the state the operation needs |
/// | `Unsupported` | `Unimplemented` | no | the platform cannot do it |
/// | `OutOfMemory`, `StorageFull`, `QuotaExceeded`, `FileTooLarge`, `TooManyLinks` | `ResourceExhausted` | no | a retry as is fails until someone frees space; do not hammer |
/// | any other | not recognised | | `Other` and future kinds say nothing |
///
/// OS error numbers, as the Dispatch SDK's table has them, for the errors
/// `std` files under `Uncategorized` (and two it files under `WouldBlock` and
/// `Interrupted`, for errors built with another kind). The numbers are
/// Linux's (and Android's) on every architecture but MIPS and SPARC, which
/// number some differently; elsewhere this table is empty.
///
/// | errno | number | code | temporary |
/// | --- | --- | --- | --- |
/// | `EINTR` | 4 | `Unavailable` | yes |
/// | `EAGAIN` | 11 | `Unavailable` | yes |
/// | `ENFILE` | 23 | `ResourceExhausted` | yes: descriptors are freed as other work ends |
/// | `EMFILE` | 24 | `ResourceExhausted` | yes |
/// | `ENETRESET` | 102 | `Unavailable` | yes |
/// | `ENOBUFS` | 105 | `ResourceExhausted` | yes: socket buffers drain |
/// | `EHOSTDOWN` | 112 | `Unavailable` | yes |
///
/// gRPC codes, of a `tonic::Status` that carries no flags of its server's
/// and of an HTTP status ([`Code::from_http_status`]: 502 and 503 are
/// `Unavailable`, 408 and 504 `DeadlineExceeded`, 429 `ResourceExhausted`),
/// by Google's AIP-194 ([`Classification::from_code`]):
///
/// | code | retried | why |
/// | --- | --- | --- |
/// | `Unavailable` | yes: temporary | the call did not happen |
/// | `DeadlineExceeded` | only by an idempotent call: a timeout, not temporary | the call may have taken effect |
/// | `ResourceExhausted` | only when the server said how long to wait (`RetryInfo`, `Retry-After`) | retrying at once adds to the load |
/// | `Aborted` | no: retry the whole transaction, not the call | the conflict is in a sequence of calls |
/// | any other | no | |
///
/// A `tonic::Status` from an errdsl or Goa server carries its declared
/// flags, which win: it is classified as
/// [`ErrorResult::from_grpc_status`] decodes it.
///
/// # Declared types
///
/// A type declared with errdsl is seen through `dyn Error` only if a
/// downcast finds it, which needs its concrete type: [`ErrorResult`] is
/// recognised, a declared enum of your crate is not (nothing in a `dyn
/// Error` says that it implements [`ServiceError`], and errdsl keeps no
/// registry). To have one recognised: capture it
/// ([`ErrorResult::from_service_error`]), name its type
/// ([`Classification::with_declared`]), or, with the error in hand, ask it
/// ([`Classification::of`]; `errdsl::retry::RetryHint` does it for retries).
/// Declared errors that crossed a transport arrive as an [`ErrorResult`] or
/// a `tonic::Status` and are recognised as those.
///
/// ```
/// use std::io;
/// use errdsl::{Classification, Code, classify};
///
/// let err = io::Error::from(io::ErrorKind::ConnectionRefused);
/// let class = classify(&err);
/// assert_eq!(class.code, Code::Unavailable);
/// assert!(class.temporary && !class.timeout);
///
/// // The chain is walked: an error wrapping a timeout is a timeout.
/// let wrapped = io::Error::other(io::Error::from(io::ErrorKind::TimedOut));
/// assert_eq!(classify(&wrapped).code, Code::DeadlineExceeded);
///
/// let err = "not a number".parse::<u32>().unwrap_err();
/// assert_eq!(classify(&err), Classification::new(Code::InvalidArgument, false, false));
///
/// assert_eq!(classify(&std::fmt::Error), Classification::UNKNOWN);
/// ```
#[must_use]
pub fn classify(err: &(dyn Error + 'static)) -> Classification {
    recognised(err).map_or(Classification::UNKNOWN, |(_, class)| class)
}

/// The error of `err`'s chain that [`classify`] goes by, and its
/// classification; `None` when it recognises none.
pub(crate) fn recognised<'a>(
    err: &'a (dyn Error + 'static),
) -> Option<(&'a (dyn Error + 'static), Classification)> {
    walk(err, &|_| None)
}

/// The first error of the chain that `first` or the tables classify as
/// something other than plain `Unknown`, outermost first.
fn walk<'a>(
    err: &'a (dyn Error + 'static),
    first: &dyn Fn(&(dyn Error + 'static)) -> Option<Classification>,
) -> Option<(&'a (dyn Error + 'static), Classification)> {
    chain(err).find_map(|err| {
        first(err).or_else(|| recognise(err)).filter(|class| class.is_informative()).map(|class| (err, class))
    })
}

/// The classification of `err` itself (not its sources), by the first row
/// of [`ERROR_TYPES`] that knows its type.
fn recognise(err: &(dyn Error + 'static)) -> Option<Classification> {
    // An error's size is in its vtable: reading it costs no call, and an
    // error of another size is not of a row's type. Only the rows of its
    // size are tried, in the table's order.
    let size = size_of_val(err);
    let mut rows = match ROWS_BY_SIZE.get(size) {
        Some(rows) => *rows,
        None => rows_of_size(size),
    };
    while rows != 0 {
        let row = &ERROR_TYPES[rows.trailing_zeros() as usize];
        rows &= rows - 1;
        let class = match row.rule {
            Rule::Fixed(is, class) => is(err).then_some(class),
            Rule::Inspect(inspect) => inspect(err),
        };
        if class.is_some() {
            return class;
        }
    }
    None
}

/// The rows of [`ERROR_TYPES`] an error of `size` bytes may be of, as bits
/// (bit `i` is row `i`): those of its size, and those of any size.
const fn rows_of_size(size: usize) -> u64 {
    let mut rows = 0;
    let mut i = 0;
    while i < ERROR_TYPES.len() {
        let fits = match ERROR_TYPES[i].size {
            Some(row_size) => row_size == size,
            None => true,
        };
        if fits {
            rows |= 1 << i;
        }
        i += 1;
    }
    rows
}

/// [`rows_of_size`] of the small sizes most errors have, computed at
/// compile time.
const ROWS_BY_SIZE: [u64; 64] = {
    assert!(ERROR_TYPES.len() <= 64, "a row is a bit of a u64");
    let mut table = [0; 64];
    let mut size = 0;
    while size < table.len() {
        table[size] = rows_of_size(size);
        size += 1;
    }
    table
};

/// One row of [`ERROR_TYPES`].
struct TypeRow {
    /// The type the row recognises, for tests and debugging.
    #[cfg_attr(not(test), allow(dead_code))]
    name: &'static str,
    /// The size of that type; `None` for a row of several types.
    size: Option<usize>,
    rule: Rule,
}

/// How a row of [`ERROR_TYPES`] classifies.
#[derive(Clone, Copy)]
enum Rule {
    /// Every error the function recognises has this classification.
    Fixed(fn(&(dyn Error + 'static)) -> bool, Classification),
    /// The function reads the error; `None` when it is not of the row's
    /// type or says nothing.
    Inspect(fn(&(dyn Error + 'static)) -> Option<Classification>),
}

/// Whether `err` is a `T`.
fn is<T: Error + 'static>(err: &(dyn Error + 'static)) -> bool {
    err.is::<T>()
}

/// A row for `T`, whose errors all classify as `class`.
const fn fixed<T: Error + 'static>(name: &'static str, class: Classification) -> TypeRow {
    TypeRow { name, size: Some(size_of::<T>()), rule: Rule::Fixed(is::<T>, class) }
}

/// A row for `T` that reads the error: `inspect` downcasts to `T` itself.
const fn inspect<T: Error + 'static>(
    name: &'static str,
    inspect: fn(&(dyn Error + 'static)) -> Option<Classification>,
) -> TypeRow {
    TypeRow { name, size: Some(size_of::<T>()), rule: Rule::Inspect(inspect) }
}

/// A row for a type whose errors are all the caller's mistake.
const fn invalid<T: Error + 'static>(name: &'static str) -> TypeRow {
    fixed::<T>(name, Classification::permanent(Code::InvalidArgument))
}

/// The error types [`classify`] recognises, as documented there; the first
/// row that knows an error classifies it.
const ERROR_TYPES: &[TypeRow] = &[
    inspect::<ErrorResult>("errdsl::ErrorResult", |err| {
        err.downcast_ref::<ErrorResult>().map(Classification::of)
    }),
    inspect::<io::Error>("std::io::Error", |err| io_error(err.downcast_ref()?)),
    invalid::<std::num::ParseIntError>("std::num::ParseIntError"),
    invalid::<std::num::ParseFloatError>("std::num::ParseFloatError"),
    invalid::<std::num::TryFromIntError>("std::num::TryFromIntError"),
    invalid::<std::str::ParseBoolError>("std::str::ParseBoolError"),
    invalid::<std::str::Utf8Error>("std::str::Utf8Error"),
    invalid::<std::string::FromUtf8Error>("std::string::FromUtf8Error"),
    invalid::<std::string::FromUtf16Error>("std::string::FromUtf16Error"),
    invalid::<std::char::ParseCharError>("std::char::ParseCharError"),
    invalid::<std::char::CharTryFromError>("std::char::CharTryFromError"),
    invalid::<std::char::DecodeUtf16Error>("std::char::DecodeUtf16Error"),
    invalid::<std::net::AddrParseError>("std::net::AddrParseError"),
    invalid::<std::array::TryFromSliceError>("std::array::TryFromSliceError"),
    invalid::<http::Error>("http::Error"),
    invalid::<http::uri::InvalidUri>("http::uri::InvalidUri"),
    invalid::<http::uri::InvalidUriParts>("http::uri::InvalidUriParts"),
    invalid::<http::header::InvalidHeaderName>("http::header::InvalidHeaderName"),
    invalid::<http::header::InvalidHeaderValue>("http::header::InvalidHeaderValue"),
    invalid::<http::header::ToStrError>("http::header::ToStrError"),
    invalid::<http::method::InvalidMethod>("http::method::InvalidMethod"),
    invalid::<http::status::InvalidStatusCode>("http::status::InvalidStatusCode"),
    #[cfg(feature = "tokio")]
    fixed::<tokio::time::error::Elapsed>("tokio::time::error::Elapsed", Classification::TIMEOUT),
    #[cfg(feature = "tonic")]
    inspect::<tonic::Status>("tonic::Status", |err| grpc_status(err.downcast_ref()?)),
    #[cfg(feature = "reqwest")]
    inspect::<reqwest::Error>("reqwest::Error", |err| reqwest_error(err.downcast_ref()?)),
    #[cfg(feature = "serde")]
    inspect::<serde_json::Error>("serde_json::Error", |err| {
        let json = err.downcast_ref::<serde_json::Error>()?;
        match json.io_error_kind() {
            Some(kind) => io_kind(kind),
            None => Some(Classification::permanent(Code::InvalidArgument)),
        }
    }),
    // Databases: `crate::db` (the database classification) knows
    // `sqlx::Error` and the drivers' database errors, in go-mysql's
    // categories; a `sqlx::Error` it has nothing to say about (an I/O error)
    // leaves the walk to go on to its source.
    #[cfg(feature = "sqlx")]
    TypeRow { name: "sqlx::Error (errdsl::db)", size: None, rule: Rule::Inspect(db::classify_one) },
];

/// An `io::Error`: by its kind, else by its OS error number. (The walk then
/// goes on to the error it wraps: see [`next`].)
fn io_error(io: &io::Error) -> Option<Classification> {
    io_kind(io.kind()).or_else(|| io.raw_os_error().and_then(errno))
}

/// The table of `io::ErrorKind`s, as documented on [`classify`].
const IO_KINDS: &[(io::ErrorKind, Classification)] = {
    use Code::{
        AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied, ResourceExhausted,
        Unavailable, Unimplemented,
    };
    use io::ErrorKind as K;

    const UNAVAILABLE: Classification = Classification::temporary(Unavailable);
    const PRECONDITION: Classification = Classification::permanent(FailedPrecondition);
    const INVALID: Classification = Classification::permanent(InvalidArgument);
    const EXHAUSTED: Classification = Classification::permanent(ResourceExhausted);
    &[
        (K::TimedOut, Classification::TIMEOUT),
        (K::ConnectionRefused, UNAVAILABLE),
        (K::ConnectionReset, UNAVAILABLE),
        (K::ConnectionAborted, UNAVAILABLE),
        (K::NotConnected, UNAVAILABLE),
        (K::BrokenPipe, UNAVAILABLE),
        (K::AddrNotAvailable, UNAVAILABLE),
        (K::AddrInUse, UNAVAILABLE),
        (K::NetworkDown, UNAVAILABLE),
        (K::NetworkUnreachable, UNAVAILABLE),
        (K::HostUnreachable, UNAVAILABLE),
        (K::Interrupted, UNAVAILABLE),
        (K::WouldBlock, UNAVAILABLE),
        (K::UnexpectedEof, UNAVAILABLE),
        (K::WriteZero, UNAVAILABLE),
        (K::ResourceBusy, UNAVAILABLE),
        (K::ExecutableFileBusy, UNAVAILABLE),
        (K::StaleNetworkFileHandle, UNAVAILABLE),
        (K::Deadlock, Classification::temporary(Code::Aborted)),
        (K::NotFound, Classification::permanent(NotFound)),
        (K::PermissionDenied, Classification::permanent(PermissionDenied)),
        (K::AlreadyExists, Classification::permanent(AlreadyExists)),
        (K::InvalidInput, INVALID),
        (K::InvalidData, INVALID),
        (K::InvalidFilename, INVALID),
        (K::ArgumentListTooLong, INVALID),
        (K::NotADirectory, PRECONDITION),
        (K::IsADirectory, PRECONDITION),
        (K::DirectoryNotEmpty, PRECONDITION),
        (K::ReadOnlyFilesystem, PRECONDITION),
        (K::CrossesDevices, PRECONDITION),
        (K::NotSeekable, PRECONDITION),
        (K::Unsupported, Classification::permanent(Unimplemented)),
        (K::OutOfMemory, EXHAUSTED),
        (K::StorageFull, EXHAUSTED),
        (K::QuotaExceeded, EXHAUSTED),
        (K::FileTooLarge, EXHAUSTED),
        (K::TooManyLinks, EXHAUSTED),
    ]
};

fn io_kind(kind: io::ErrorKind) -> Option<Classification> {
    IO_KINDS.iter().find(|(k, _)| *k == kind).map(|&(_, class)| class)
}

/// Linux's error numbers (`<asm-generic/errno-base.h>` and
/// `<asm-generic/errno.h>`, the values of the `libc` crate), for the
/// architectures that use the generic numbering. Written out rather than
/// taken from `libc`, to keep errdsl's dependencies as they are.
mod errno {
    /// Interrupted system call.
    pub(super) const EINTR: i32 = 4;
    /// Try again (`EWOULDBLOCK`).
    pub(super) const EAGAIN: i32 = 11;
    /// File table overflow: the system's limit of open files.
    pub(super) const ENFILE: i32 = 23;
    /// Too many open files: the process's limit.
    pub(super) const EMFILE: i32 = 24;
    /// Network dropped connection because of reset.
    pub(super) const ENETRESET: i32 = 102;
    /// No buffer space available.
    pub(super) const ENOBUFS: i32 = 105;
    /// Host is down.
    pub(super) const EHOSTDOWN: i32 = 112;
}

/// Whether the OS numbers its errors as Linux's generic table does: not on
/// other systems, nor on Linux's MIPS and SPARC ports. Elsewhere [`ERRNOS`]
/// is not consulted, since no table is better than a wrong one.
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

/// The table of OS error numbers, as documented on [`classify`]: `(errno,
/// name, classification)`, for [`GENERIC_ERRNOS`] systems.
const ERRNOS: &[(i32, &str, Classification)] = {
    use errno::{EAGAIN, EHOSTDOWN, EINTR, EMFILE, ENETRESET, ENFILE, ENOBUFS};

    const UNAVAILABLE: Classification = Classification::temporary(Code::Unavailable);
    const EXHAUSTED: Classification = Classification::temporary(Code::ResourceExhausted);
    &[
        (EINTR, "EINTR", UNAVAILABLE),
        (EAGAIN, "EAGAIN", UNAVAILABLE),
        (ENFILE, "ENFILE", EXHAUSTED),
        (EMFILE, "EMFILE", EXHAUSTED),
        (ENETRESET, "ENETRESET", UNAVAILABLE),
        (ENOBUFS, "ENOBUFS", EXHAUSTED),
        (EHOSTDOWN, "EHOSTDOWN", UNAVAILABLE),
    ]
};

fn errno(number: i32) -> Option<Classification> {
    if !GENERIC_ERRNOS {
        return None;
    }
    ERRNOS.iter().find(|(n, _, _)| *n == number).map(|&(_, _, class)| class)
}

/// A `tonic::Status` as the gRPC decoder reads it: its declared flags, if
/// it comes from an errdsl or Goa server, else its code and `RetryInfo` by
/// the retry rules; `None` for `Ok`, and for an `Unknown` without flags.
#[cfg(feature = "tonic")]
fn grpc_status(status: &tonic::Status) -> Option<Classification> {
    // An `Unknown` status its server did not classify says nothing: its
    // source (a transport error, from tonic) is looked at next.
    if status.code() == tonic::Code::Unknown && !decode::declares_flags(status) {
        return None;
    }
    Code::try_from(status.code()).ok()?;
    Some(Classification::of(&decode::status(status, || Classification::UNKNOWN)))
}

/// A question `reqwest::Error` answers about itself (`is_timeout`, ...).
#[cfg(feature = "reqwest")]
type ReqwestIs = fn(&reqwest::Error) -> bool;

/// What a `reqwest::Error` says of itself, first match wins; then its
/// status.
#[cfg(feature = "reqwest")]
const REQWEST: &[(ReqwestIs, Classification)] = &[
    // A connection that was never made sent nothing: retrying it is safe,
    // even when it failed by timing out.
    (reqwest::Error::is_connect, Classification::temporary(Code::Unavailable)),
    (reqwest::Error::is_timeout, Classification::TIMEOUT),
    (reqwest::Error::is_builder, Classification::permanent(Code::InvalidArgument)),
];

/// A `reqwest::Error` by [`REQWEST`], else by its status.
#[cfg(feature = "reqwest")]
fn reqwest_error(err: &reqwest::Error) -> Option<Classification> {
    REQWEST
        .iter()
        .find(|(is, _)| is(err))
        .map(|&(_, class)| class)
        .or_else(|| err.status().and_then(http_status))
}
