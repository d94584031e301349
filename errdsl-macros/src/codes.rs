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
