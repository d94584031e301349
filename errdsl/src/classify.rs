//! Classification of errors errdsl did not declare: a [`Code`] and the
//! temporary / timeout flags, from a built-in table of well-known errors.

use std::error::Error;
use std::io;

use crate::{Code, ErrorResult, ServiceError};

/// What errdsl can tell about an error it did not declare.
///
/// ```
/// use errdsl::{Classification, Code};
///
/// assert_eq!(Classification::UNKNOWN, Classification::new(Code::Unknown, false, false));
/// let class = Classification::new(Code::Unavailable, true, false);
/// assert!(class.temporary && !class.timeout);
/// ```
///
/// It is `#[non_exhaustive]`, so that later versions can tell more (a
/// database error's category, say) without breaking code that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Classification {
    /// The gRPC code that fits the error best.
    pub code: Code,
    /// Whether the failed operation may succeed if tried again as it is.
    pub temporary: bool,
    /// Whether the error is a timeout.
    pub timeout: bool,
}

impl Classification {
    /// A classification with this code and flags.
    #[must_use]
    pub const fn new(code: Code, temporary: bool, timeout: bool) -> Self {
        Classification { code, temporary, timeout }
    }

    /// The classification of an error nothing is known about: `Unknown`,
    /// neither temporary nor a timeout.
    pub const UNKNOWN: Classification = Classification::permanent(Code::Unknown);

    /// A permanent error with this code: retrying it as it is fails again.
    const fn permanent(code: Code) -> Self {
        Classification { code, temporary: false, timeout: false }
    }

    /// A temporary error with this code: retrying it may succeed.
    const fn temporary(code: Code) -> Self {
        Classification { code, temporary: true, timeout: false }
    }

    /// A timeout: `DeadlineExceeded`, temporary.
    const TIMEOUT: Classification =
        Classification { code: Code::DeadlineExceeded, temporary: true, timeout: true };
}

/// How deep [`classify`] follows a source chain. Real chains are a handful
/// of errors long; the bound only guards against a `source` that loops.
const MAX_DEPTH: usize = 64;

/// Classifies an error by the first error it recognises in the error's source
/// chain, outermost first; [`Classification::UNKNOWN`] when it recognises
/// none.
///
/// Recognised errors are below. One recognised as plain `Unknown` (neither
/// temporary nor a timeout) says nothing, so the walk goes on past it.
///
/// - [`ErrorResult`]: its own code and flags.
/// - [`std::io::Error`]: by [`ErrorKind`](io::ErrorKind), after the table
///   below. A kind the table does not list (`Other`, `Uncategorized`, ...)
///   says nothing, so the error the `io::Error` wraps
///   ([`get_ref`](io::Error::get_ref)) is looked at next.
/// - `tonic::Status` (feature `tonic`): its code; `Unavailable`,
///   `ResourceExhausted` and `Aborted` are temporary, `DeadlineExceeded` is a
///   temporary timeout. `Unknown` and `Ok` say nothing, so the status's
///   source is looked at next: tonic puts transport errors there.
/// - `serde_json::Error` (feature `serde`): malformed or mistyped JSON is
///   `InvalidArgument`, not temporary; an I/O failure while reading the JSON
///   is classified by its `io::ErrorKind`.
///
/// | `io::ErrorKind` | code | temporary | why |
/// | --- | --- | --- | --- |
/// | `TimedOut` | `DeadlineExceeded` | yes, timeout | the peer may answer in time next time |
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
/// ```
/// use std::io;
/// use errdsl::{Code, classify};
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
/// let err = "just a string".parse::<u32>().unwrap_err();
/// assert_eq!(classify(&err), errdsl::Classification::UNKNOWN);
/// ```
#[must_use]
pub fn classify(err: &(dyn Error + 'static)) -> Classification {
    std::iter::successors(Some(err), |&err| err.source())
        .take(MAX_DEPTH)
        .find_map(|err| recognise(err).filter(|class| *class != Classification::UNKNOWN))
        .unwrap_or(Classification::UNKNOWN)
}

/// The classification of `err` itself (not its sources), if it is an error
/// the tables know.
fn recognise(err: &(dyn Error + 'static)) -> Option<Classification> {
    if let Some(result) = err.downcast_ref::<ErrorResult>() {
        return Some(Classification {
            code: result.code(),
            temporary: result.is_temporary(),
            timeout: result.is_timeout(),
        });
    }
    if let Some(io) = err.downcast_ref::<io::Error>() {
        // `io::Error::source` skips the wrapped error (it returns the wrapped
        // error's source), so the wrapped one is looked at here.
        return io_kind(io.kind()).or_else(|| recognise(io.get_ref()?));
    }
    #[cfg(feature = "tonic")]
    if let Some(status) = err.downcast_ref::<tonic::Status>() {
        return grpc_code(status.code());
    }
    #[cfg(feature = "serde")]
    if let Some(json) = err.downcast_ref::<serde_json::Error>() {
        return match json.io_error_kind() {
            Some(kind) => io_kind(kind),
            None => Some(Classification::permanent(Code::InvalidArgument)),
        };
    }
    None
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

/// A gRPC status code, as documented on [`classify`].
#[cfg(feature = "tonic")]
fn grpc_code(code: tonic::Code) -> Option<Classification> {
    match Code::try_from(code).ok()? {
        Code::DeadlineExceeded => Some(Classification::TIMEOUT),
        code @ (Code::Unavailable | Code::ResourceExhausted | Code::Aborted) => {
            Some(Classification::temporary(code))
        }
        code => Some(Classification::permanent(code)),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt;

    use super::*;

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
            (K::TimedOut, class(Code::DeadlineExceeded, true, true)),
            (K::Deadlock, class(Code::Aborted, true, false)),
        ];
        expected.extend(temporary.map(|kind| (kind, class(Code::Unavailable, true, false))));
        expected.extend(permanent.map(|(kind, code)| (kind, class(code, false, false))));

        for &(kind, want) in &expected {
            assert_eq!(classify(&io::Error::from(kind)), want, "{kind:?}");
            assert_eq!(classify(&io::Error::new(kind, "with a message")), want, "{kind:?}");
        }
        assert_eq!(expected.len(), IO_KINDS.len(), "a table row is untested");
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
        let err =
            ErrorResult::new("x", Code::Unknown, "x").with_source(io::Error::from(io::ErrorKind::TimedOut));
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
    }

    #[test]
    fn unrecognised_errors_are_unknown() {
        assert_eq!(classify(&Wrapper(None)), Classification::UNKNOWN);
        assert_eq!(classify(&wrap(wrap("text"))), Classification::UNKNOWN);
        assert_eq!(classify(&fmt::Error), Classification::UNKNOWN);
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
        let temporary = [Code::Unavailable, Code::ResourceExhausted, Code::Aborted];
        for code in Code::ALL {
            let status = tonic::Status::new(code.into(), "status");
            let want = match code {
                Code::Unknown => Classification::UNKNOWN,
                Code::DeadlineExceeded => class(code, true, true),
                _ => class(code, temporary.contains(&code), false),
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
}
