//! The gRPC code table as the macros need it at compile time.
//!
//! A mirror of `errdsl::Code`'s table (a proc-macro crate cannot depend on
//! the runtime that re-exports it). `tests/tests/code_tables.rs` checks that
//! the two agree on every row.

/// A gRPC code by its table row: name and number and HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Code {
    pub name: &'static str,
    pub number: i64,
    pub http: u16,
}

macro_rules! codes {
    ($($name:ident = $number:literal => $http:literal,)*) => {
        /// Every code in numeric order, with its google/rpc/code.proto HTTP status.
        pub(crate) const ALL: &[Code] = &[$(Code { name: stringify!($name), number: $number, http: $http },)*];
    };
}

codes! {
    Cancelled = 1 => 499,
    Unknown = 2 => 500,
    InvalidArgument = 3 => 400,
    DeadlineExceeded = 4 => 504,
    NotFound = 5 => 404,
    AlreadyExists = 6 => 409,
    PermissionDenied = 7 => 403,
    ResourceExhausted = 8 => 429,
    FailedPrecondition = 9 => 400,
    Aborted = 10 => 409,
    OutOfRange = 11 => 400,
    Unimplemented = 12 => 501,
    Internal = 13 => 500,
    Unavailable = 14 => 503,
    DataLoss = 15 => 500,
    Unauthenticated = 16 => 401,
}

/// The codes whose errors fail again as they are: never temporary.
const NEVER_RETRIED: &[&str] = &[
    "InvalidArgument",
    "NotFound",
    "AlreadyExists",
    "PermissionDenied",
    "Unauthenticated",
    "FailedPrecondition",
    "OutOfRange",
    "Unimplemented",
];

/// HTTP -> gRPC, the semantic inverse; other 4xx and 5xx fall back by class.
const FROM_HTTP: &[(u16, &str)] = &[
    (400, "InvalidArgument"),
    (401, "Unauthenticated"),
    (403, "PermissionDenied"),
    (404, "NotFound"),
    (408, "DeadlineExceeded"),
    (409, "AlreadyExists"),
    (412, "FailedPrecondition"),
    (416, "OutOfRange"),
    (429, "ResourceExhausted"),
    (499, "Cancelled"),
    (500, "Internal"),
    (501, "Unimplemented"),
    (502, "Unavailable"),
    (503, "Unavailable"),
    (504, "DeadlineExceeded"),
];

pub(crate) const UNKNOWN: Code = by_number(2);
pub(crate) const DEADLINE_EXCEEDED: Code = by_number(4);
pub(crate) const INTERNAL: Code = by_number(13);
pub(crate) const UNAVAILABLE: Code = by_number(14);

const fn by_number(number: i64) -> Code {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    ALL[number as usize - 1]
}

impl Code {
    pub(crate) fn from_name(name: &str) -> Option<Code> {
        ALL.iter().copied().find(|code| code.name == name)
    }

    pub(crate) fn from_number(number: i64) -> Option<Code> {
        ALL.iter().copied().find(|code| code.number == number)
    }

    /// The code for an HTTP error status (400..=599).
    pub(crate) fn from_http(status: u16) -> Code {
        let name = FROM_HTTP
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(if status < 500 { "FailedPrecondition" } else { "Internal" }, |(_, name)| *name);
        Code::from_name(name).unwrap_or(INTERNAL)
    }

    pub(crate) fn is_server_side(self) -> bool {
        self.http >= 500
    }

    pub(crate) fn can_be_temporary(self) -> bool {
        !NEVER_RETRIED.contains(&self.name)
    }
}

/// The error statuses among `http::StatusCode`'s constants, by name, so
/// that `http = StatusCode::NOT_FOUND` can say `http = 404`.
/// `tests/tests/code_tables.rs` holds it to the `http` crate.
pub(crate) const HTTP_STATUS_NAMES: &[(&str, u16)] = &[
    ("BAD_REQUEST", 400),
    ("UNAUTHORIZED", 401),
    ("PAYMENT_REQUIRED", 402),
    ("FORBIDDEN", 403),
    ("NOT_FOUND", 404),
    ("METHOD_NOT_ALLOWED", 405),
    ("NOT_ACCEPTABLE", 406),
    ("PROXY_AUTHENTICATION_REQUIRED", 407),
    ("REQUEST_TIMEOUT", 408),
    ("CONFLICT", 409),
    ("GONE", 410),
    ("LENGTH_REQUIRED", 411),
    ("PRECONDITION_FAILED", 412),
    ("PAYLOAD_TOO_LARGE", 413),
    ("URI_TOO_LONG", 414),
    ("UNSUPPORTED_MEDIA_TYPE", 415),
    ("RANGE_NOT_SATISFIABLE", 416),
    ("EXPECTATION_FAILED", 417),
    ("IM_A_TEAPOT", 418),
    ("MISDIRECTED_REQUEST", 421),
    ("UNPROCESSABLE_ENTITY", 422),
    ("LOCKED", 423),
    ("FAILED_DEPENDENCY", 424),
    ("TOO_EARLY", 425),
    ("UPGRADE_REQUIRED", 426),
    ("PRECONDITION_REQUIRED", 428),
    ("TOO_MANY_REQUESTS", 429),
    ("REQUEST_HEADER_FIELDS_TOO_LARGE", 431),
    ("UNAVAILABLE_FOR_LEGAL_REASONS", 451),
    ("INTERNAL_SERVER_ERROR", 500),
    ("NOT_IMPLEMENTED", 501),
    ("BAD_GATEWAY", 502),
    ("SERVICE_UNAVAILABLE", 503),
    ("GATEWAY_TIMEOUT", 504),
    ("HTTP_VERSION_NOT_SUPPORTED", 505),
    ("VARIANT_ALSO_NEGOTIATES", 506),
    ("INSUFFICIENT_STORAGE", 507),
    ("LOOP_DETECTED", 508),
    ("NOT_EXTENDED", 510),
    ("NETWORK_AUTHENTICATION_REQUIRED", 511),
];

/// The status number of `http::StatusCode`'s constant `name`.
pub(crate) fn http_status_named(name: &str) -> Option<u16> {
    HTTP_STATUS_NAMES.iter().find(|(constant, _)| *constant == name).map(|&(_, status)| status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_match_positions() {
        for (i, code) in ALL.iter().enumerate() {
            assert_eq!(code.number, i64::try_from(i + 1).unwrap());
            assert_eq!(Code::from_number(code.number), Some(*code));
            assert_eq!(Code::from_name(code.name), Some(*code));
        }
        assert_eq!(Code::from_number(0), None);
        assert_eq!(Code::from_number(17), None);
    }

    #[test]
    fn every_inverse_row_names_a_code() {
        for (status, name) in FROM_HTTP {
            assert_eq!(Code::from_http(*status).name, *name);
        }
        assert_eq!(Code::from_http(418).name, "FailedPrecondition");
        assert_eq!(Code::from_http(507).name, "Internal");
    }
}
