//! Database errors in go-mysql's categories: [`DbErrorKind`] from MySQL /
//! MariaDB error numbers, PostgreSQL SQLSTATEs and (feature `sqlx`)
//! `sqlx::Error`.
//!
//! A service rarely needs to know which of the thousands of server errors
//! it got; it needs to know whether to retry, whether the server is down,
//! and whether a unique index said no. [`DbErrorKind`] is that answer, in
//! the categories of [go-mysql/errors](https://github.com/go-mysql/errors)
//! plus the two that go-mysql leaves out (deadlocks and too many
//! connections). Unlike go-mysql, [`DbErrorKind::of`] finds a database
//! error wherever it sits in a chain of wrapping errors.
//!
//! The numbers and states are data: [`MYSQL_ERRORS`] and [`SQLSTATES`].
//!
//! ```
//! use errdsl::Code;
//! use errdsl::db::DbErrorKind;
//!
//! let kind = DbErrorKind::from_mysql_code(1213).unwrap(); // ER_LOCK_DEADLOCK
//! assert_eq!(kind, DbErrorKind::Deadlock);
//! assert!(kind.can_retry());
//! assert_eq!(kind.code(), Code::Aborted);
//!
//! let kind = DbErrorKind::from_sqlstate("23505").unwrap(); // unique_violation
//! assert_eq!(kind, DbErrorKind::DuplicateKey);
//! assert!(!kind.can_retry());
//! assert_eq!(kind.code(), Code::AlreadyExists);
//! ```
//!
//! # Features
//!
//! - `sqlx`: `DbErrorKind::from_sqlx` and `classify_sqlx` read
//!   `sqlx::Error`, including its I/O and pool errors, and database errors
//!   by their SQLSTATE (`sqlx::error::DatabaseError::code`).
//! - `sqlx-mysql`: MySQL / MariaDB errors by their error number
//!   (`sqlx::mysql::MySqlDatabaseError::number`): on MySQL, the SQLSTATE is
//!   too coarse to tell the categories apart (a duplicate key is `23000`,
//!   which is also a foreign key or a `NULL` in a `NOT NULL` column).
//! - `sqlx-postgres`: nothing more than `sqlx` (PostgreSQL's own error codes
//!   are SQLSTATEs), but switches on sqlx's PostgreSQL driver.

// The docs name products (MySQL, MariaDB, PostgreSQL) and SQLSTATEs, not items.
#![allow(clippy::doc_markdown)]

use crate::model::code::Code;
use crate::policy::error_class::Classification;
use std::error::Error;
use std::fmt;

/// What went wrong with a database, in go-mysql's categories.
///
/// | kind | [`code`](Self::code) | [`can_retry`](Self::can_retry) | meaning |
/// | --- | --- | --- | --- |
/// | [`CannotConnect`](Self::CannotConnect) | `Unavailable` | yes | no connection could be made: the server is down, restarting, unreachable, or refuses connections for now |
/// | [`ConnectionLost`](Self::ConnectionLost) | `Unavailable` | yes | a connection that was made broke: killed, server shutdown or crash, network failure |
/// | [`QueryKilled`](Self::QueryKilled) | `Aborted` | yes | the statement was interrupted (`KILL QUERY`, `pg_cancel_backend`, a statement timeout); the connection is fine |
/// | [`ReadOnly`](Self::ReadOnly) | `Unavailable` | yes | the server or transaction is read-only, typically a replica or a primary being failed over |
/// | [`DuplicateKey`](Self::DuplicateKey) | `AlreadyExists` | no | a unique index or primary key refused the row |
/// | [`Deadlock`](Self::Deadlock) | `Aborted` | yes | a deadlock, a serialization failure, or a lock that could not be had in time; the transaction should be run again |
/// | [`TooManyConnections`](Self::TooManyConnections) | `ResourceExhausted` | yes | the server's or the account's connection limit was reached |
///
/// ```
/// use errdsl::Code;
/// use errdsl::db::DbErrorKind;
///
/// let kind = DbErrorKind::ConnectionLost;
/// assert!(kind.can_retry() && kind.is_lost() && !kind.is_down());
/// assert_eq!(kind.code(), Code::Unavailable);
/// assert_eq!(kind.to_string(), "connection lost");
/// assert_eq!(kind.as_str(), "connection_lost");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DbErrorKind {
    /// No connection could be made (go-mysql's `ErrCannotConnect`).
    CannotConnect,
    /// A connection that had been made broke (go-mysql's `ErrConnLost`).
    ConnectionLost,
    /// The statement was killed or cancelled; the connection itself is
    /// fine (go-mysql's `ErrQueryKilled`).
    QueryKilled,
    /// The server, or the transaction, does not accept writes (go-mysql's
    /// `ErrReadOnly`).
    ReadOnly,
    /// A unique index or primary key refused the row (go-mysql's
    /// `ErrDupeKey`).
    DuplicateKey,
    /// A deadlock or serialization failure: the transaction was rolled back
    /// and may succeed when run again. Lock wait timeouts are here too
    /// (go-mysql's `ErrLockWaitTimeout`).
    Deadlock,
    /// The server's or the account's connection limit was reached.
    TooManyConnections,
}

impl DbErrorKind {
    /// Every kind, in declaration order.
    ///
    /// ```
    /// use errdsl::db::DbErrorKind;
    ///
    /// let permanent: Vec<_> = DbErrorKind::ALL.into_iter().filter(|k| !k.can_retry()).collect();
    /// assert_eq!(permanent, [DbErrorKind::DuplicateKey]);
    /// ```
    pub const ALL: [DbErrorKind; 7] = [
        DbErrorKind::CannotConnect,
        DbErrorKind::ConnectionLost,
        DbErrorKind::QueryKilled,
        DbErrorKind::ReadOnly,
        DbErrorKind::DuplicateKey,
        DbErrorKind::Deadlock,
        DbErrorKind::TooManyConnections,
    ];

    /// Whether running the failed operation again (on a new connection
    /// where the old one broke) may succeed: every kind but
    /// [`DuplicateKey`](Self::DuplicateKey), as go-mysql's `CanRetry`, plus
    /// deadlocks and connection limits.
    ///
    /// A retry of a [`Deadlock`](Self::Deadlock) or a lost connection
    /// reruns the whole transaction, not the last statement.
    ///
    /// ```
    /// use errdsl::db::DbErrorKind;
    ///
    /// assert!(DbErrorKind::Deadlock.can_retry());
    /// assert!(!DbErrorKind::DuplicateKey.can_retry());
    /// ```
    #[must_use]
    pub const fn can_retry(self) -> bool {
        !matches!(self, DbErrorKind::DuplicateKey)
    }

    /// Whether the server could not be reached at all: only
    /// [`CannotConnect`](Self::CannotConnect) (go-mysql's `Down`).
    ///
    /// ```
    /// use errdsl::db::DbErrorKind;
    ///
    /// assert!(DbErrorKind::CannotConnect.is_down());
    /// assert!(!DbErrorKind::TooManyConnections.is_down()); // it answered
    /// ```
    #[must_use]
    pub const fn is_down(self) -> bool {
        matches!(self, DbErrorKind::CannotConnect)
    }

    /// Whether a connection that was made broke: only
    /// [`ConnectionLost`](Self::ConnectionLost) (go-mysql's `Lost`). The
    /// connection must be dropped; the pool makes a new one.
    ///
    /// ```
    /// use errdsl::db::DbErrorKind;
    ///
    /// assert!(DbErrorKind::ConnectionLost.is_lost());
    /// assert!(!DbErrorKind::QueryKilled.is_lost()); // the connection still works
    /// ```
    #[must_use]
    pub const fn is_lost(self) -> bool {
        matches!(self, DbErrorKind::ConnectionLost)
    }

    /// The gRPC code of the kind, after the table on [`DbErrorKind`].
    ///
    /// ```
    /// use errdsl::Code;
    /// use errdsl::db::DbErrorKind;
    ///
    /// assert_eq!(DbErrorKind::DuplicateKey.code(), Code::AlreadyExists);
    /// assert_eq!(DbErrorKind::TooManyConnections.code(), Code::ResourceExhausted);
    /// ```
    #[must_use]
    pub const fn code(self) -> Code {
        match self {
            DbErrorKind::CannotConnect | DbErrorKind::ConnectionLost | DbErrorKind::ReadOnly => {
                Code::Unavailable
            }
            DbErrorKind::QueryKilled | DbErrorKind::Deadlock => Code::Aborted,
            DbErrorKind::DuplicateKey => Code::AlreadyExists,
            DbErrorKind::TooManyConnections => Code::ResourceExhausted,
        }
    }

    /// The [`Classification`] of the kind: its [`code`](Self::code),
    /// temporary when it [can be retried](Self::can_retry), never a
    /// timeout.
    ///
    /// ```
    /// use errdsl::{Classification, Code};
    /// use errdsl::db::DbErrorKind;
    ///
    /// assert_eq!(
    ///     DbErrorKind::Deadlock.classification(),
    ///     Classification::new(Code::Aborted, true, false),
    /// );
    /// ```
    #[must_use]
    pub const fn classification(self) -> Classification {
        Classification::new(self.code(), self.can_retry(), false)
    }

    /// The `snake_case` name of the kind: `"cannot_connect"`,
    /// `"connection_lost"`, `"query_killed"`, `"read_only"`,
    /// `"duplicate_key"`, `"deadlock"`, `"too_many_connections"`.
    ///
    /// ```
    /// use errdsl::db::DbErrorKind;
    ///
    /// assert_eq!(DbErrorKind::DuplicateKey.as_str(), "duplicate_key");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            DbErrorKind::CannotConnect => "cannot_connect",
            DbErrorKind::ConnectionLost => "connection_lost",
            DbErrorKind::QueryKilled => "query_killed",
            DbErrorKind::ReadOnly => "read_only",
            DbErrorKind::DuplicateKey => "duplicate_key",
            DbErrorKind::Deadlock => "deadlock",
            DbErrorKind::TooManyConnections => "too_many_connections",
        }
    }

    /// The kind of a MySQL or MariaDB error number (server errors and the
    /// C client's `CR_*` errors), after [`MYSQL_ERRORS`]; `None` for every
    /// other number.
    ///
    /// ```
    /// use errdsl::db::DbErrorKind;
    ///
    /// assert_eq!(DbErrorKind::from_mysql_code(1062), Some(DbErrorKind::DuplicateKey));
    /// assert_eq!(DbErrorKind::from_mysql_code(2013), Some(DbErrorKind::ConnectionLost));
    /// assert_eq!(DbErrorKind::from_mysql_code(2003), Some(DbErrorKind::CannotConnect));
    /// assert_eq!(DbErrorKind::from_mysql_code(1064), None); // a syntax error
    /// ```
    #[must_use]
    pub fn from_mysql_code(number: u16) -> Option<DbErrorKind> {
        MYSQL_ERRORS.iter().find(|row| row.0 == number).map(|row| row.2)
    }

    /// The kind of a five-character SQLSTATE, after [`SQLSTATES`] (ASCII
    /// case is ignored); `None` for every other string.
    ///
    /// ```
    /// use errdsl::db::DbErrorKind;
    ///
    /// assert_eq!(DbErrorKind::from_sqlstate("40P01"), Some(DbErrorKind::Deadlock));
    /// assert_eq!(DbErrorKind::from_sqlstate("08006"), Some(DbErrorKind::ConnectionLost));
    /// assert_eq!(DbErrorKind::from_sqlstate("08001"), Some(DbErrorKind::CannotConnect));
    /// assert_eq!(DbErrorKind::from_sqlstate("42601"), None); // a syntax error
    /// assert_eq!(DbErrorKind::from_sqlstate(""), None);
    /// ```
    #[must_use]
    pub fn from_sqlstate(state: &str) -> Option<DbErrorKind> {
        SQLSTATES.iter().find(|row| row.0.eq_ignore_ascii_case(state)).map(|row| row.2)
    }

    /// The kind of the first database error in `err`'s source chain,
    /// outermost first (at most 64 deep; an `io::Error`'s wrapped error is
    /// looked at too, which `io::Error::source` skips).
    ///
    /// Recognised errors: `sqlx::Error` (feature `sqlx`, see
    /// `from_sqlx`), `sqlx::mysql::MySqlDatabaseError`
    /// (feature `sqlx-mysql`) and `sqlx::postgres::PgDatabaseError`
    /// (feature `sqlx-postgres`). A bare `std::io::Error` is not a database
    /// error and is left to [`classify`](crate::classify).
    ///
    /// ```
    /// use errdsl::db::DbErrorKind;
    ///
    /// let err = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    /// assert_eq!(DbErrorKind::of(&err), None); // not known to come from a database
    /// ```
    ///
    /// With the `sqlx` feature, wrapped errors are found:
    ///
    /// ```
    /// # #[cfg(feature = "sqlx")] {
    /// use std::io;
    /// use errdsl::db::DbErrorKind;
    ///
    /// let err = sqlx::Error::Io(io::Error::from(io::ErrorKind::ConnectionReset));
    /// let wrapped = io::Error::other(err); // e.g. by a layer above
    /// assert_eq!(DbErrorKind::of(&wrapped), Some(DbErrorKind::ConnectionLost));
    /// # }
    /// ```
    #[must_use]
    pub fn of(err: &(dyn Error + 'static)) -> Option<DbErrorKind> {
        crate::policy::source_chain::chain(err).find_map(kind_of_one)
    }
}

impl fmt::Display for DbErrorKind {
    /// Words for people: `"cannot connect"`, `"duplicate key"`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DbErrorKind::CannotConnect => "cannot connect",
            DbErrorKind::ConnectionLost => "connection lost",
            DbErrorKind::QueryKilled => "query killed",
            DbErrorKind::ReadOnly => "server is read-only",
            DbErrorKind::DuplicateKey => "duplicate key",
            DbErrorKind::Deadlock => "deadlock",
            DbErrorKind::TooManyConnections => "too many connections",
        })
    }
}

/// MySQL and MariaDB error numbers with a [`DbErrorKind`]: `(number,
/// symbol, kind)`. Numbers 2000 to 2999 are the C client's (`CR_*`), which
/// clients built on libmysqlclient or MariaDB Connector/C report; pure-Rust
/// drivers report I/O errors instead.
///
/// Only numbers that mean the same on MySQL and MariaDB are listed: MySQL
/// 8's `ER_CLIENT_INTERACTION_TIMEOUT` (4031), for one, is a trigger error
/// on MariaDB, and is left out.
///
/// ```
/// use errdsl::db::{DbErrorKind, MYSQL_ERRORS};
///
/// let deadlocks: Vec<u16> = MYSQL_ERRORS
///     .iter()
///     .filter(|(_, _, kind)| *kind == DbErrorKind::Deadlock)
///     .map(|(number, _, _)| *number)
///     .collect();
/// assert!(deadlocks.contains(&1213));
/// ```
pub const MYSQL_ERRORS: &[(u16, &str, DbErrorKind)] = {
    use DbErrorKind::{
        CannotConnect, ConnectionLost, Deadlock, DuplicateKey, QueryKilled, ReadOnly, TooManyConnections,
    };
    &[
        // Connections that cannot be made.
        (2002, "CR_CONNECTION_ERROR", CannotConnect),
        (2003, "CR_CONN_HOST_ERROR", CannotConnect),
        (2005, "CR_UNKNOWN_HOST", CannotConnect),
        // Connections that broke.
        (1053, "ER_SERVER_SHUTDOWN", ConnectionLost),
        (1158, "ER_NET_READ_ERROR", ConnectionLost),
        (1159, "ER_NET_READ_INTERRUPTED", ConnectionLost),
        (1160, "ER_NET_ERROR_ON_WRITE", ConnectionLost),
        (1161, "ER_NET_WRITE_INTERRUPTED", ConnectionLost),
        (1927, "ER_CONNECTION_KILLED", ConnectionLost),
        (2006, "CR_SERVER_GONE_ERROR", ConnectionLost),
        (2013, "CR_SERVER_LOST", ConnectionLost),
        (2055, "CR_SERVER_LOST_EXTENDED", ConnectionLost),
        // Statements interrupted.
        (1317, "ER_QUERY_INTERRUPTED", QueryKilled),
        (1969, "ER_STATEMENT_TIMEOUT", QueryKilled),
        (3024, "ER_QUERY_TIMEOUT", QueryKilled),
        // Read-only servers and transactions.
        (1223, "ER_CANT_UPDATE_WITH_READLOCK", ReadOnly),
        (1290, "ER_OPTION_PREVENTS_STATEMENT", ReadOnly),
        (1792, "ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION", ReadOnly),
        (1836, "ER_READ_ONLY_MODE", ReadOnly),
        // Unique indexes.
        (1022, "ER_DUP_KEY", DuplicateKey),
        (1062, "ER_DUP_ENTRY", DuplicateKey),
        (1169, "ER_DUP_UNIQUE", DuplicateKey),
        (1586, "ER_DUP_ENTRY_WITH_KEY_NAME", DuplicateKey),
        (1859, "ER_DUP_UNKNOWN_IN_INDEX", DuplicateKey),
        // Lock conflicts: deadlocks, serialization failures, lock waits.
        (1020, "ER_CHECKREAD", Deadlock),
        (1205, "ER_LOCK_WAIT_TIMEOUT", Deadlock),
        (1213, "ER_LOCK_DEADLOCK", Deadlock),
        (1614, "ER_XA_RBDEADLOCK", Deadlock),
        (3572, "ER_LOCK_NOWAIT", Deadlock),
        // Connection limits.
        (1040, "ER_CON_COUNT_ERROR", TooManyConnections),
        (1203, "ER_TOO_MANY_USER_CONNECTIONS", TooManyConnections),
        (1226, "ER_USER_LIMIT_REACHED", TooManyConnections),
    ]
};

/// SQLSTATEs with a [`DbErrorKind`]: `(state, PostgreSQL condition name,
/// kind)`. Class 08 (connection exception) is split by whether the
/// connection had been made; `08P01` (protocol violation) is left out, as
/// a retry does not cure a client that speaks the protocol wrong.
///
/// ```
/// use errdsl::db::{DbErrorKind, SQLSTATES};
///
/// let row = SQLSTATES.iter().find(|row| row.0 == "57P01").unwrap();
/// assert_eq!((row.1, row.2), ("admin_shutdown", DbErrorKind::ConnectionLost));
/// ```
pub const SQLSTATES: &[(&str, &str, DbErrorKind)] = {
    use DbErrorKind::{
        CannotConnect, ConnectionLost, Deadlock, DuplicateKey, QueryKilled, ReadOnly, TooManyConnections,
    };
    &[
        // Connections that cannot be made.
        ("08001", "sqlclient_unable_to_establish_sqlconnection", CannotConnect),
        ("08004", "sqlserver_rejected_establishment_of_sqlconnection", CannotConnect),
        ("57P03", "cannot_connect_now", CannotConnect),
        // Connections that broke.
        ("08000", "connection_exception", ConnectionLost),
        ("08003", "connection_does_not_exist", ConnectionLost),
        ("08006", "connection_failure", ConnectionLost),
        ("08007", "transaction_resolution_unknown", ConnectionLost),
        ("25P03", "idle_in_transaction_session_timeout", ConnectionLost),
        ("57P01", "admin_shutdown", ConnectionLost),
        ("57P02", "crash_shutdown", ConnectionLost),
        ("57P05", "idle_session_timeout", ConnectionLost),
        // Statements cancelled.
        ("57014", "query_canceled", QueryKilled),
        // Read-only transactions (hot standby, default_transaction_read_only).
        ("25006", "read_only_sql_transaction", ReadOnly),
        // Unique indexes.
        ("23505", "unique_violation", DuplicateKey),
        // Lock conflicts.
        ("40001", "serialization_failure", Deadlock),
        ("40P01", "deadlock_detected", Deadlock),
        ("55P03", "lock_not_available", Deadlock),
        // Connection limits.
        ("53300", "too_many_connections", TooManyConnections),
    ]
};

/// I/O errors inside a `sqlx::Error::Io` with a [`DbErrorKind`]. Other
/// kinds (a timeout, say) are left to [`classify`](crate::classify)'s
/// `io::ErrorKind` table.
#[cfg(feature = "sqlx")]
const IO_KINDS: &[(std::io::ErrorKind, DbErrorKind)] = {
    use DbErrorKind::{CannotConnect, ConnectionLost};
    use std::io::ErrorKind as K;
    &[
        (K::ConnectionRefused, CannotConnect),
        (K::NotFound, CannotConnect), // a Unix socket that is not there
        (K::AddrNotAvailable, CannotConnect),
        (K::HostUnreachable, CannotConnect),
        (K::NetworkUnreachable, CannotConnect),
        (K::NetworkDown, CannotConnect),
        (K::ConnectionReset, ConnectionLost),
        (K::ConnectionAborted, ConnectionLost),
        (K::BrokenPipe, ConnectionLost),
        (K::NotConnected, ConnectionLost),
        (K::UnexpectedEof, ConnectionLost),
    ]
};

/// The kind of `err` itself, not of its sources.
#[cfg_attr(not(feature = "sqlx"), allow(clippy::unnecessary_wraps))]
fn kind_of_one(err: &(dyn Error + 'static)) -> Option<DbErrorKind> {
    #[cfg(feature = "sqlx")]
    if let Some(err) = err.downcast_ref::<sqlx::Error>() {
        return DbErrorKind::from_sqlx(err);
    }
    #[cfg(feature = "sqlx-mysql")]
    if let Some(err) = err.downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
        return DbErrorKind::from_mysql_code(err.number());
    }
    #[cfg(feature = "sqlx-postgres")]
    if let Some(err) = err.downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        return DbErrorKind::from_sqlstate(err.code());
    }
    let _ = err;
    None
}

/// What errdsl's [`classify`](crate::classify) learns from `err` itself
/// (not its sources) when it is a database error: `classify_sqlx` for a
/// `sqlx::Error`, [`DbErrorKind::classification`] for a driver's database
/// error; `None` for anything else. `classify`'s hook into this module.
#[cfg(feature = "sqlx")]
pub(crate) fn classify_one(err: &(dyn Error + 'static)) -> Option<Classification> {
    if let Some(err) = err.downcast_ref::<sqlx::Error>() {
        return classify_sqlx(err);
    }
    kind_of_one(err).map(DbErrorKind::classification)
}

#[cfg(feature = "sqlx")]
mod sqlx_impl;
#[cfg(feature = "sqlx")]
pub use sqlx_impl::classify_sqlx;

#[cfg(test)]
mod tests;
