use super::*;
use DbErrorKind::{
    CannotConnect, ConnectionLost, Deadlock, DuplicateKey, QueryKilled, ReadOnly, TooManyConnections,
};
use std::fmt;
use std::io;

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

/// An error whose source is itself: a chain that never ends.
#[derive(Debug)]
struct Loop;

impl fmt::Display for Loop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("loop")
    }
}

impl Error for Loop {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self)
    }
}

/// The kinds, written out again as the type's documentation states them.
#[test]
fn kind_table() {
    let expected = [
        (CannotConnect, Code::Unavailable, true, true, false, "cannot_connect", "cannot connect"),
        (ConnectionLost, Code::Unavailable, true, false, true, "connection_lost", "connection lost"),
        (QueryKilled, Code::Aborted, true, false, false, "query_killed", "query killed"),
        (ReadOnly, Code::Unavailable, true, false, false, "read_only", "server is read-only"),
        (DuplicateKey, Code::AlreadyExists, false, false, false, "duplicate_key", "duplicate key"),
        (Deadlock, Code::Aborted, true, false, false, "deadlock", "deadlock"),
        (
            TooManyConnections,
            Code::ResourceExhausted,
            true,
            false,
            false,
            "too_many_connections",
            "too many connections",
        ),
    ];
    assert_eq!(expected.map(|row| row.0), DbErrorKind::ALL);
    for (kind, code, retry, down, lost, name, words) in expected {
        assert_eq!(kind.code(), code, "{kind:?}");
        assert_eq!(kind.can_retry(), retry, "{kind:?}");
        assert_eq!(kind.is_down(), down, "{kind:?}");
        assert_eq!(kind.is_lost(), lost, "{kind:?}");
        assert_eq!(kind.as_str(), name);
        assert_eq!(kind.to_string(), words);
        assert_eq!(kind.classification(), Classification::new(code, retry, false));
        // A temporary kind must have a code that may be retried.
        assert!(!retry || code.can_be_temporary(), "{kind:?}");
    }
}

/// Every row of the MySQL table, written out again.
#[test]
fn mysql_table() {
    let expected: &[(u16, DbErrorKind)] = &[
        (2002, CannotConnect),
        (2003, CannotConnect),
        (2005, CannotConnect),
        (1053, ConnectionLost),
        (1158, ConnectionLost),
        (1159, ConnectionLost),
        (1160, ConnectionLost),
        (1161, ConnectionLost),
        (1927, ConnectionLost),
        (2006, ConnectionLost),
        (2013, ConnectionLost),
        (2055, ConnectionLost),
        (1317, QueryKilled),
        (1969, QueryKilled),
        (3024, QueryKilled),
        (1223, ReadOnly),
        (1290, ReadOnly),
        (1792, ReadOnly),
        (1836, ReadOnly),
        (1022, DuplicateKey),
        (1062, DuplicateKey),
        (1169, DuplicateKey),
        (1586, DuplicateKey),
        (1859, DuplicateKey),
        (1020, Deadlock),
        (1205, Deadlock),
        (1213, Deadlock),
        (1614, Deadlock),
        (3572, Deadlock),
        (1040, TooManyConnections),
        (1203, TooManyConnections),
        (1226, TooManyConnections),
    ];
    for &(number, kind) in expected {
        assert_eq!(DbErrorKind::from_mysql_code(number), Some(kind), "{number}");
    }
    assert_eq!(expected.len(), MYSQL_ERRORS.len(), "a table row is untested");
    for (i, row) in MYSQL_ERRORS.iter().enumerate() {
        assert!(!MYSQL_ERRORS[..i].iter().any(|other| other.0 == row.0), "{} twice", row.0);
        assert!(row.1.starts_with("ER_") || row.1.starts_with("CR_"), "{}", row.1);
        assert_eq!(row.1.starts_with("CR_"), (2000..3000).contains(&row.0), "{}", row.1);
    }
}

#[test]
fn mysql_numbers_not_in_the_table() {
    // A syntax error, access denied, unknown table, a foreign key, MySQL 8's
    // 4031 (a trigger error on MariaDB), packet too large, and the ends.
    for number in [0, 1, 1045, 1064, 1146, 1452, 4031, 1153, 2000, 2012, u16::MAX] {
        assert_eq!(DbErrorKind::from_mysql_code(number), None, "{number}");
    }
}

/// Every row of the SQLSTATE table, written out again.
#[test]
fn sqlstate_table() {
    let expected: &[(&str, DbErrorKind)] = &[
        ("08001", CannotConnect),
        ("08004", CannotConnect),
        ("57P03", CannotConnect),
        ("08000", ConnectionLost),
        ("08003", ConnectionLost),
        ("08006", ConnectionLost),
        ("08007", ConnectionLost),
        ("25P03", ConnectionLost),
        ("57P01", ConnectionLost),
        ("57P02", ConnectionLost),
        ("57P05", ConnectionLost),
        ("57014", QueryKilled),
        ("25006", ReadOnly),
        ("23505", DuplicateKey),
        ("40001", Deadlock),
        ("40P01", Deadlock),
        ("55P03", Deadlock),
        ("53300", TooManyConnections),
    ];
    for &(state, kind) in expected {
        assert_eq!(DbErrorKind::from_sqlstate(state), Some(kind), "{state}");
        let lower = state.to_ascii_lowercase();
        assert_eq!(DbErrorKind::from_sqlstate(&lower), Some(kind), "{lower}");
    }
    assert_eq!(expected.len(), SQLSTATES.len(), "a table row is untested");
    for (i, row) in SQLSTATES.iter().enumerate() {
        assert!(!SQLSTATES[..i].iter().any(|other| other.0 == row.0), "{} twice", row.0);
        assert_eq!(row.0.len(), 5, "{}", row.0);
        assert!(row.1.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{}", row.1);
    }
}

#[test]
fn sqlstates_not_in_the_table() {
    // MySQL's coarse states, a syntax error, a foreign key, protocol
    // violation, prefixes, longer strings and non-ASCII.
    for state in [
        "",
        "0",
        "08",
        "080",
        "08P01",
        "23000",
        "23503",
        "42601",
        "HY000",
        "08S01",
        "235050",
        "4000１",
        "ÿÿÿÿÿ",
    ] {
        assert_eq!(DbErrorKind::from_sqlstate(state), None, "{state:?}");
    }
}

#[test]
fn plain_errors_are_no_database_errors() {
    let err = io::Error::from(io::ErrorKind::ConnectionRefused);
    assert_eq!(DbErrorKind::of(&err), None);
    #[cfg(feature = "sqlx")]
    assert_eq!(classify_one(&err), None);
    assert_eq!(DbErrorKind::of(&Wrapper(None)), None);
    assert_eq!(DbErrorKind::of(&Loop), None, "a looping chain ends");
}

#[cfg(feature = "sqlx")]
mod sqlx {
    use super::*;
    use ::sqlx::error::{DatabaseError, ErrorKind};
    use std::borrow::Cow;

    /// A database error of a driver errdsl has no feature for: only its
    /// SQLSTATE and `kind()` are known, as for SQLite or a third-party
    /// driver.
    #[derive(Debug)]
    struct OtherDriver {
        state: Option<&'static str>,
        kind: fn() -> ErrorKind,
    }

    impl OtherDriver {
        fn state(state: &'static str) -> ::sqlx::Error {
            ::sqlx::Error::Database(Box::new(OtherDriver { state: Some(state), kind: || ErrorKind::Other }))
        }

        fn kind(kind: fn() -> ErrorKind) -> ::sqlx::Error {
            ::sqlx::Error::Database(Box::new(OtherDriver { state: None, kind }))
        }
    }

    impl fmt::Display for OtherDriver {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "other driver: {:?}", self.state)
        }
    }

    impl Error for OtherDriver {}

    impl DatabaseError for OtherDriver {
        #[allow(clippy::unnecessary_literal_bound)] // the trait's signature
        fn message(&self) -> &str {
            "other driver"
        }

        fn code(&self) -> Option<Cow<'_, str>> {
            self.state.map(Cow::Borrowed)
        }

        fn as_error(&self) -> &(dyn Error + Send + Sync + 'static) {
            self
        }

        fn as_error_mut(&mut self) -> &mut (dyn Error + Send + Sync + 'static) {
            self
        }

        fn into_error(self: Box<Self>) -> Box<dyn Error + Send + Sync + 'static> {
            self
        }

        fn kind(&self) -> ErrorKind {
            (self.kind)()
        }
    }

    fn io_error(kind: io::ErrorKind) -> ::sqlx::Error {
        ::sqlx::Error::Io(io::Error::from(kind))
    }

    #[test]
    fn every_sqlstate_through_sqlx() {
        for &(state, _, kind) in SQLSTATES {
            let err = OtherDriver::state(state);
            assert_eq!(DbErrorKind::from_sqlx(&err), Some(kind), "{state}");
            assert_eq!(DbErrorKind::of(&err), Some(kind), "{state}");
            assert_eq!(classify_sqlx(&err), Some(kind.classification()), "{state}");
            assert_eq!(classify_one(&err), Some(kind.classification()), "{state}");
        }
        assert_eq!(DbErrorKind::from_sqlx(&OtherDriver::state("42601")), None);
        assert_eq!(classify_sqlx(&OtherDriver::state("42601")), None);
    }

    #[test]
    fn database_error_kinds_without_a_known_state() {
        let permanent = |code| Some(Classification::new(code, false, false));
        let unique = OtherDriver::kind(|| ErrorKind::UniqueViolation);
        assert_eq!(DbErrorKind::from_sqlx(&unique), Some(DuplicateKey));
        assert_eq!(classify_sqlx(&unique), permanent(Code::AlreadyExists));
        let cases = [
            ((|| ErrorKind::ForeignKeyViolation) as fn() -> ErrorKind, permanent(Code::FailedPrecondition)),
            (|| ErrorKind::NotNullViolation, permanent(Code::InvalidArgument)),
            (|| ErrorKind::CheckViolation, permanent(Code::InvalidArgument)),
            (|| ErrorKind::Other, None),
        ];
        for (kind, want) in cases {
            let err = OtherDriver::kind(kind);
            assert_eq!(DbErrorKind::from_sqlx(&err), None, "{:?}", kind());
            assert_eq!(classify_sqlx(&err), want, "{:?}", kind());
        }
        // A known SQLSTATE wins over the driver's kind.
        let err = ::sqlx::Error::Database(Box::new(OtherDriver {
            state: Some("40001"),
            kind: || ErrorKind::UniqueViolation,
        }));
        assert_eq!(DbErrorKind::from_sqlx(&err), Some(Deadlock));
    }

    /// Every row of the io table, written out again, and kinds not in it.
    #[test]
    fn io_errors() {
        use io::ErrorKind as K;
        let expected = [
            (K::ConnectionRefused, CannotConnect),
            (K::NotFound, CannotConnect),
            (K::AddrNotAvailable, CannotConnect),
            (K::HostUnreachable, CannotConnect),
            (K::NetworkUnreachable, CannotConnect),
            (K::NetworkDown, CannotConnect),
            (K::ConnectionReset, ConnectionLost),
            (K::ConnectionAborted, ConnectionLost),
            (K::BrokenPipe, ConnectionLost),
            (K::NotConnected, ConnectionLost),
            (K::UnexpectedEof, ConnectionLost),
        ];
        for (io_kind, kind) in expected {
            let err = io_error(io_kind);
            assert_eq!(DbErrorKind::from_sqlx(&err), Some(kind), "{io_kind:?}");
            assert_eq!(classify_sqlx(&err), Some(kind.classification()), "{io_kind:?}");
        }
        assert_eq!(expected.len(), IO_KINDS.len(), "a table row is untested");
        for io_kind in [K::TimedOut, K::Other, K::InvalidData, K::PermissionDenied] {
            let err = io_error(io_kind);
            assert_eq!(DbErrorKind::from_sqlx(&err), None, "{io_kind:?}");
            assert_eq!(classify_sqlx(&err), None, "{io_kind:?}");
        }
    }

    #[test]
    fn other_variants() {
        let permanent = |code| Some(Classification::new(code, false, false));
        let cases = [
            (
                ::sqlx::Error::PoolTimedOut,
                Some(CannotConnect),
                Some(Classification::new(Code::DeadlineExceeded, true, true)),
            ),
            (::sqlx::Error::PoolClosed, None, permanent(Code::Unavailable)),
            (::sqlx::Error::RowNotFound, None, permanent(Code::NotFound)),
            (::sqlx::Error::InvalidArgument("x".into()), None, permanent(Code::InvalidArgument)),
            (::sqlx::Error::ColumnNotFound("x".into()), None, permanent(Code::Internal)),
            (::sqlx::Error::ColumnIndexOutOfBounds { index: 2, len: 1 }, None, permanent(Code::Internal)),
            (
                ::sqlx::Error::ColumnDecode { index: "0".into(), source: "bad".into() },
                None,
                permanent(Code::Internal),
            ),
            (::sqlx::Error::Decode("bad".into()), None, permanent(Code::Internal)),
            (::sqlx::Error::Encode("bad".into()), None, permanent(Code::Internal)),
            (::sqlx::Error::TypeNotFound { type_name: "x".into() }, None, permanent(Code::Internal)),
            (::sqlx::Error::Protocol("x".into()), None, None),
            (::sqlx::Error::Configuration("x".into()), None, None),
            (::sqlx::Error::WorkerCrashed, None, None),
            (::sqlx::Error::BeginFailed, None, None),
        ];
        for (err, kind, class) in cases {
            assert_eq!(DbErrorKind::from_sqlx(&err), kind, "{err:?}");
            assert_eq!(DbErrorKind::of(&err), kind, "{err:?}");
            assert_eq!(classify_sqlx(&err), class, "{err:?}");
            assert_eq!(classify_one(&err), class, "{err:?}");
        }
    }

    #[test]
    fn wrapped_errors_are_found() {
        let deadlock = || OtherDriver::state("40P01");
        // By a plain wrapper, twice.
        let err = Wrapper(Some(Box::new(Wrapper(Some(Box::new(deadlock()))))));
        assert_eq!(DbErrorKind::of(&err), Some(Deadlock));
        // Inside an io::Error, whose source() skips the wrapped error.
        let err = io::Error::other(deadlock());
        assert_eq!(DbErrorKind::of(&err), Some(Deadlock));
        let err = Wrapper(Some(Box::new(io::Error::other(io::Error::other(deadlock())))));
        assert_eq!(DbErrorKind::of(&err), Some(Deadlock));
        // The outermost database error wins.
        let err = io::Error::other(io_error(io::ErrorKind::BrokenPipe));
        assert_eq!(DbErrorKind::of(&err), Some(ConnectionLost));
        // A sqlx error without a kind lets the walk go on to its sources,
        // which are not database errors.
        assert_eq!(DbErrorKind::of(&io_error(io::ErrorKind::TimedOut)), None);
    }

    #[test]
    fn mysql_sqlstates_alone_say_nothing() {
        // MySQL's duplicate key is 23000, shared with every integrity
        // violation. (sqlx's MySqlDatabaseError, read by number, cannot be
        // built outside sqlx; the real-server suite in tests/db reads real
        // ones.)
        assert_eq!(DbErrorKind::from_sqlx(&OtherDriver::state("23000")), None);
        assert_eq!(DbErrorKind::from_sqlx(&OtherDriver::state("HY000")), None);
    }
}
