//! The canonical gRPC status codes and their HTTP counterparts.

use core::fmt;
use core::str::FromStr;
use http::StatusCode;

/// The canonical gRPC codes, without `OK`: a protocol-neutral classification
/// of what went wrong.
///
/// Every declared error has one. It decides the gRPC status on the wire and,
/// unless the declaration names one, the HTTP status too.
///
/// ```
/// use errdsl::Code;
///
/// assert_eq!(Code::InvalidArgument.as_str(), "invalid_argument");
/// assert_eq!(Code::InvalidArgument.http_status(), http::StatusCode::BAD_REQUEST);
/// assert_eq!(Code::from_http_status(http::StatusCode::SERVICE_UNAVAILABLE), Code::Unavailable);
/// assert_eq!(Code::from_i32(5), Some(Code::NotFound));
/// assert_eq!(Code::from_i32(0), None); // OK is not an error
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(i32)]
pub enum Code {
    /// The operation was cancelled, typically by the caller.
    Cancelled = 1,
    /// An error of unknown origin, e.g. a status from another address space.
    Unknown = 2,
    /// The client gave an invalid argument, whatever the state of the system.
    InvalidArgument = 3,
    /// The deadline expired before the operation could complete.
    DeadlineExceeded = 4,
    /// A requested entity was not found.
    NotFound = 5,
    /// The entity a client tried to create already exists.
    AlreadyExists = 6,
    /// The caller may not execute the operation.
    PermissionDenied = 7,
    /// A resource (a quota, disk space) is exhausted.
    ResourceExhausted = 8,
    /// The system is not in a state the operation requires.
    FailedPrecondition = 9,
    /// The operation was aborted, typically by a concurrency conflict.
    Aborted = 10,
    /// The operation went past the valid range.
    OutOfRange = 11,
    /// The operation is not implemented or not supported.
    Unimplemented = 12,
    /// An invariant the system relies on is broken.
    Internal = 13,
    /// The service is currently unavailable; retrying may help.
    Unavailable = 14,
    /// Unrecoverable data loss or corruption.
    DataLoss = 15,
    /// The request has no valid authentication credentials.
    Unauthenticated = 16,
}

/// One row of the code table: the code, its `snake_case` name, its
/// `PascalCase` name, its HTTP status from google/rpc/code.proto and the
/// generic text an end user may see for it.
struct Row {
    code: Code,
    snake: &'static str,
    pascal: &'static str,
    http: u16,
    user_message: &'static str,
}

const fn row(
    code: Code,
    snake: &'static str,
    pascal: &'static str,
    http: u16,
    user_message: &'static str,
) -> Row {
    Row { code, snake, pascal, http, user_message }
}

/// gRPC -> HTTP, google/rpc/code.proto's table. Indexed by `code as usize - 1`.
const CODES: [Row; 16] = [
    row(Code::Cancelled, "cancelled", "Cancelled", 499, "the request was cancelled"),
    row(Code::Unknown, "unknown", "Unknown", 500, "unknown error"),
    row(Code::InvalidArgument, "invalid_argument", "InvalidArgument", 400, "the request is invalid"),
    row(Code::DeadlineExceeded, "deadline_exceeded", "DeadlineExceeded", 504, "the request took too long"),
    row(Code::NotFound, "not_found", "NotFound", 404, "the requested resource was not found"),
    row(Code::AlreadyExists, "already_exists", "AlreadyExists", 409, "the resource already exists"),
    row(Code::PermissionDenied, "permission_denied", "PermissionDenied", 403, "permission denied"),
    row(
        Code::ResourceExhausted,
        "resource_exhausted",
        "ResourceExhausted",
        429,
        "a resource limit was reached",
    ),
    row(
        Code::FailedPrecondition,
        "failed_precondition",
        "FailedPrecondition",
        400,
        "the request cannot be carried out in the current state",
    ),
    row(Code::Aborted, "aborted", "Aborted", 409, "the operation was aborted by a conflict; try again"),
    row(Code::OutOfRange, "out_of_range", "OutOfRange", 400, "a value is out of range"),
    row(Code::Unimplemented, "unimplemented", "Unimplemented", 501, "the operation is not implemented"),
    row(Code::Internal, "internal", "Internal", 500, "internal error"),
    row(Code::Unavailable, "unavailable", "Unavailable", 503, "the service is unavailable; try again later"),
    row(Code::DataLoss, "data_loss", "DataLoss", 500, "data was lost"),
    row(Code::Unauthenticated, "unauthenticated", "Unauthenticated", 401, "the request is not authenticated"),
];

/// HTTP -> gRPC, the semantic inverse of [`CODES`] (not gRPC's proxy table,
/// which maps 400 to Internal). Statuses not listed fall back by class.
const FROM_HTTP: [(u16, Code); 15] = [
    (400, Code::InvalidArgument),
    (401, Code::Unauthenticated),
    (403, Code::PermissionDenied),
    (404, Code::NotFound),
    (408, Code::DeadlineExceeded),
    (409, Code::AlreadyExists),
    (412, Code::FailedPrecondition),
    (416, Code::OutOfRange),
    (429, Code::ResourceExhausted),
    (499, Code::Cancelled),
    (500, Code::Internal),
    (501, Code::Unimplemented),
    (502, Code::Unavailable),
    (503, Code::Unavailable),
    (504, Code::DeadlineExceeded),
];

/// The codes that describe a request which will fail again as it is:
/// an error with one of these is never temporary.
const NEVER_RETRIED: [Code; 8] = [
    Code::InvalidArgument,
    Code::NotFound,
    Code::AlreadyExists,
    Code::PermissionDenied,
    Code::Unauthenticated,
    Code::FailedPrecondition,
    Code::OutOfRange,
    Code::Unimplemented,
];

impl Code {
    /// The code of an error known by its flags only, in the derive's order:
    /// timeout `DeadlineExceeded`, else fault `Internal`, else temporary
    /// `Unavailable`, else `Unknown`. (The HTTP decoders' rule for a body
    /// without a code.)
    #[cfg(feature = "serde")]
    pub(crate) const fn from_flags(timeout: bool, fault: bool, temporary: bool) -> Code {
        if timeout {
            Code::DeadlineExceeded
        } else if fault {
            Code::Internal
        } else if temporary {
            Code::Unavailable
        } else {
            Code::Unknown
        }
    }

    /// All sixteen codes, in numeric order.
    pub const ALL: [Code; 16] = [
        Code::Cancelled,
        Code::Unknown,
        Code::InvalidArgument,
        Code::DeadlineExceeded,
        Code::NotFound,
        Code::AlreadyExists,
        Code::PermissionDenied,
        Code::ResourceExhausted,
        Code::FailedPrecondition,
        Code::Aborted,
        Code::OutOfRange,
        Code::Unimplemented,
        Code::Internal,
        Code::Unavailable,
        Code::DataLoss,
        Code::Unauthenticated,
    ];

    const fn row(self) -> &'static Row {
        &CODES[self as usize - 1]
    }

    /// The `snake_case` name, as used on the wire: `"invalid_argument"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        self.row().snake
    }

    /// The `PascalCase` name, as written in Rust and in Goa: `"InvalidArgument"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        self.row().pascal
    }

    /// The gRPC number of the code (1 to 16).
    #[must_use]
    pub const fn as_i32(self) -> i32 {
        self as i32
    }

    /// The code with gRPC number `n`; `None` for 0 (`OK`) and unknown numbers.
    #[must_use]
    pub const fn from_i32(n: i32) -> Option<Code> {
        if n >= 1 && n <= 16 {
            #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
            Some(Code::ALL[n as usize - 1])
        } else {
            None
        }
    }

    /// The HTTP status of the code, from google/rpc/code.proto's table.
    #[must_use]
    pub const fn http_status(self) -> StatusCode {
        match StatusCode::from_u16(self.row().http) {
            Ok(status) => status,
            Err(_) => unreachable!(),
        }
    }

    /// The code for an HTTP status, for errors declared with a status only
    /// and for responses from peers that send no code.
    ///
    /// The semantic inverse of [`Code::http_status`]: 400 `InvalidArgument`,
    /// 401 `Unauthenticated`, 403 `PermissionDenied`, 404 `NotFound`,
    /// 408 `DeadlineExceeded`, 409 `AlreadyExists`, 412 `FailedPrecondition`,
    /// 416 `OutOfRange`, 429 `ResourceExhausted`, 499 `Cancelled`,
    /// 500 `Internal`, 501 `Unimplemented`, 502 and 503 `Unavailable`,
    /// 504 `DeadlineExceeded`; any other 4xx `FailedPrecondition`, any other
    /// 5xx `Internal`, and anything that is no error status `Unknown`.
    #[must_use]
    pub const fn from_http_status(status: StatusCode) -> Code {
        Code::from_http_u16(status.as_u16())
    }

    /// [`Code::from_http_status`] for a bare number.
    #[must_use]
    pub(crate) const fn from_http_u16(status: u16) -> Code {
        let mut i = 0;
        while i < FROM_HTTP.len() {
            if FROM_HTTP[i].0 == status {
                return FROM_HTTP[i].1;
            }
            i += 1;
        }
        match status {
            400..=499 => Code::FailedPrecondition,
            500..=599 => Code::Internal,
            _ => Code::Unknown,
        }
    }

    /// A generic text for the code, safe to show an end user: what errdsl
    /// sends for an error it classified at run time
    /// (`#[service_error(classify)]`) that declares no `user_msg`, since the
    /// foreign error's own text (a path, a query, a host) is internal.
    /// A fault sends [`ErrorResult::FAULT_MESSAGE`](crate::ErrorResult::FAULT_MESSAGE),
    /// which is `Internal`'s text.
    ///
    /// ```
    /// use errdsl::Code;
    ///
    /// assert_eq!(Code::NotFound.user_message(), "the requested resource was not found");
    /// assert_eq!(Code::Internal.user_message(), errdsl::ErrorResult::FAULT_MESSAGE);
    /// ```
    #[must_use]
    pub const fn user_message(self) -> &'static str {
        self.row().user_message
    }

    /// Whether the code blames the caller (its HTTP status is 4xx).
    #[must_use]
    pub const fn is_client_side(self) -> bool {
        self.row().http < 500
    }

    /// Whether the code blames the server (its HTTP status is 5xx).
    #[must_use]
    pub const fn is_server_side(self) -> bool {
        !self.is_client_side()
    }

    /// Whether an error with this code may be temporary, i.e. worth retrying.
    ///
    /// `false` for the codes that say the request itself is wrong and will
    /// fail again as it is: `InvalidArgument`, `NotFound`, `AlreadyExists`,
    /// `PermissionDenied`, `Unauthenticated`, `FailedPrecondition`,
    /// `OutOfRange` and `Unimplemented`.
    #[must_use]
    pub const fn can_be_temporary(self) -> bool {
        let mut i = 0;
        while i < NEVER_RETRIED.len() {
            if NEVER_RETRIED[i] as i32 == self as i32 {
                return false;
            }
            i += 1;
        }
        true
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`Code`] from a name it does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode(String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown gRPC code name {:?}", self.0)
    }
}

impl std::error::Error for UnknownCode {}

impl FromStr for Code {
    type Err = UnknownCode;

    /// Parses either spelling: `"invalid_argument"` or `"InvalidArgument"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CODES
            .iter()
            .find(|row| row.snake == s || row.pascal == s)
            .map(|row| row.code)
            .ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

impl TryFrom<i32> for Code {
    type Error = i32;

    /// The code with that gRPC number; the number back for 0 and unknown ones.
    fn try_from(n: i32) -> Result<Self, Self::Error> {
        Code::from_i32(n).ok_or(n)
    }
}

impl From<Code> for i32 {
    fn from(code: Code) -> i32 {
        code.as_i32()
    }
}

impl From<Code> for StatusCode {
    fn from(code: Code) -> StatusCode {
        code.http_status()
    }
}

impl From<StatusCode> for Code {
    fn from(status: StatusCode) -> Code {
        Code::from_http_status(status)
    }
}

#[cfg(feature = "tonic")]
impl From<Code> for tonic::Code {
    fn from(code: Code) -> tonic::Code {
        tonic::Code::from_i32(code.as_i32())
    }
}

#[cfg(feature = "tonic")]
impl TryFrom<tonic::Code> for Code {
    type Error = tonic::Code;

    /// The code of a non-OK `tonic::Code`; `tonic::Code::Ok` comes back as the error.
    fn try_from(code: tonic::Code) -> Result<Self, Self::Error> {
        Code::from_i32(code as i32).ok_or(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "serde")]
    #[test]
    fn from_flags_resolves_timeout_then_fault_then_temporary() {
        // (timeout, fault, temporary) -> code, every combination.
        let table = [
            ((false, false, false), Code::Unknown),
            ((false, false, true), Code::Unavailable),
            ((false, true, false), Code::Internal),
            ((false, true, true), Code::Internal),
            ((true, false, false), Code::DeadlineExceeded),
            ((true, false, true), Code::DeadlineExceeded),
            ((true, true, false), Code::DeadlineExceeded),
            ((true, true, true), Code::DeadlineExceeded),
        ];
        for ((timeout, fault, temporary), code) in table {
            assert_eq!(Code::from_flags(timeout, fault, temporary), code, "{timeout} {fault} {temporary}");
        }
    }

    #[test]
    fn table_is_indexed_by_number() {
        for (i, row) in CODES.iter().enumerate() {
            assert_eq!(row.code as usize, i + 1, "{}", row.pascal);
            assert_eq!(Code::ALL[i], row.code);
        }
    }

    /// Every row of google/rpc/code.proto's gRPC -> HTTP table.
    #[test]
    fn grpc_to_http_table() {
        let expected = [
            (Code::Cancelled, 1, "cancelled", 499),
            (Code::Unknown, 2, "unknown", 500),
            (Code::InvalidArgument, 3, "invalid_argument", 400),
            (Code::DeadlineExceeded, 4, "deadline_exceeded", 504),
            (Code::NotFound, 5, "not_found", 404),
            (Code::AlreadyExists, 6, "already_exists", 409),
            (Code::PermissionDenied, 7, "permission_denied", 403),
            (Code::ResourceExhausted, 8, "resource_exhausted", 429),
            (Code::FailedPrecondition, 9, "failed_precondition", 400),
            (Code::Aborted, 10, "aborted", 409),
            (Code::OutOfRange, 11, "out_of_range", 400),
            (Code::Unimplemented, 12, "unimplemented", 501),
            (Code::Internal, 13, "internal", 500),
            (Code::Unavailable, 14, "unavailable", 503),
            (Code::DataLoss, 15, "data_loss", 500),
            (Code::Unauthenticated, 16, "unauthenticated", 401),
        ];
        for (code, number, name, status) in expected {
            assert_eq!(code.as_i32(), number);
            assert_eq!(Code::from_i32(number), Some(code));
            assert_eq!(code.as_str(), name);
            assert_eq!(code.to_string(), name);
            assert_eq!(name.parse::<Code>(), Ok(code));
            assert_eq!(code.name().parse::<Code>(), Ok(code));
            assert_eq!(code.http_status().as_u16(), status, "{code:?}");
            assert_eq!(code.is_client_side(), status < 500, "{code:?}");
            assert_eq!(code.is_server_side(), status >= 500, "{code:?}");
        }
    }

    /// Every named row of the HTTP -> gRPC table, and both fallbacks.
    #[test]
    fn http_to_grpc_table() {
        let expected = [
            (400, Code::InvalidArgument),
            (401, Code::Unauthenticated),
            (403, Code::PermissionDenied),
            (404, Code::NotFound),
            (408, Code::DeadlineExceeded),
            (409, Code::AlreadyExists),
            (412, Code::FailedPrecondition),
            (416, Code::OutOfRange),
            (429, Code::ResourceExhausted),
            (499, Code::Cancelled),
            (500, Code::Internal),
            (501, Code::Unimplemented),
            (502, Code::Unavailable),
            (503, Code::Unavailable),
            (504, Code::DeadlineExceeded),
        ];
        for (status, code) in expected {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(Code::from_http_status(status), code, "{status}");
            assert_eq!(Code::from(status), code);
        }
        for other in [402, 405, 410, 418, 422, 451] {
            assert_eq!(Code::from_http_u16(other), Code::FailedPrecondition, "{other}");
        }
        for other in [505, 507, 511, 599] {
            assert_eq!(Code::from_http_u16(other), Code::Internal, "{other}");
        }
        for not_an_error in [100, 200, 204, 301, 600, 999] {
            assert_eq!(Code::from_http_u16(not_an_error), Code::Unknown);
        }
    }

    #[test]
    fn every_code_survives_the_round_trip_through_its_status() {
        // Where two codes share a status, the inverse picks one and keeps the class.
        for code in Code::ALL {
            let back = Code::from_http_status(code.http_status());
            assert_eq!(back.is_client_side(), code.is_client_side(), "{code:?}");
        }
    }

    #[test]
    fn unknown_numbers_and_names() {
        for n in [i32::MIN, -1, 0, 17, 100, i32::MAX] {
            assert_eq!(Code::from_i32(n), None, "{n}");
            assert_eq!(Code::try_from(n), Err(n));
        }
        let err = "invalid".parse::<Code>().unwrap_err();
        assert_eq!(err.to_string(), "unknown gRPC code name \"invalid\"");
        assert!("".parse::<Code>().is_err());
        assert!("OK".parse::<Code>().is_err());
    }

    #[test]
    fn never_retried_codes() {
        let never = [
            Code::InvalidArgument,
            Code::NotFound,
            Code::AlreadyExists,
            Code::PermissionDenied,
            Code::Unauthenticated,
            Code::FailedPrecondition,
            Code::OutOfRange,
            Code::Unimplemented,
        ];
        for code in Code::ALL {
            assert_eq!(code.can_be_temporary(), !never.contains(&code), "{code:?}");
        }
    }

    #[cfg(feature = "tonic")]
    #[test]
    fn tonic_codes_agree() {
        for code in Code::ALL {
            let tonic_code = tonic::Code::from(code);
            assert_eq!(tonic_code as i32, code.as_i32());
            assert_eq!(Code::try_from(tonic_code), Ok(code));
        }
        assert_eq!(Code::try_from(tonic::Code::Ok), Err(tonic::Code::Ok));
    }
}
