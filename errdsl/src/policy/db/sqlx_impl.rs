//! `sqlx::Error` in [`DbErrorKind`]s and [`Classification`]s (feature `sqlx`).

use super::{DbErrorKind, IO_KINDS};
use crate::model::code::Code;
use crate::policy::error_class::Classification;
use sqlx::error::{DatabaseError, ErrorKind};

impl DbErrorKind {
    /// The kind of a `sqlx::Error` (feature `sqlx`); `None` when it is none
    /// of the kinds.
    ///
    /// | `sqlx::Error` | kind |
    /// | --- | --- |
    /// | `Database` from MySQL / MariaDB (feature `sqlx-mysql`) | by its error number, [`from_mysql_code`](Self::from_mysql_code) |
    /// | `Database` from another driver | by its SQLSTATE, [`from_sqlstate`](Self::from_sqlstate); else a unique violation (`DatabaseError::kind`, e.g. SQLite's) is [`DuplicateKey`](Self::DuplicateKey) |
    /// | `Io`: `ConnectionRefused`, `NotFound` (no Unix socket), `AddrNotAvailable`, `HostUnreachable`, `NetworkUnreachable`, `NetworkDown` | [`CannotConnect`](Self::CannotConnect) |
    /// | `Io`: `ConnectionReset`, `ConnectionAborted`, `BrokenPipe`, `NotConnected`, `UnexpectedEof` | [`ConnectionLost`](Self::ConnectionLost) |
    /// | `PoolTimedOut` (no connection within the pool's acquire timeout) | [`CannotConnect`](Self::CannotConnect) |
    /// | anything else, `PoolClosed` included | `None` |
    ///
    /// A MySQL error is read by its number, not its SQLSTATE: MySQL's states
    /// are coarse (`23000` is any integrity violation, `08S01` is also "packet
    /// too large"). Without the `sqlx-mysql` feature a MySQL error is read by
    /// its SQLSTATE, which finds only deadlocks (`40001`) reliably.
    ///
    /// ```
    /// use std::io;
    /// use errdsl::db::DbErrorKind;
    ///
    /// let refused = sqlx::Error::Io(io::Error::from(io::ErrorKind::ConnectionRefused));
    /// assert_eq!(DbErrorKind::from_sqlx(&refused), Some(DbErrorKind::CannotConnect));
    /// let reset = sqlx::Error::Io(io::Error::from(io::ErrorKind::ConnectionReset));
    /// assert_eq!(DbErrorKind::from_sqlx(&reset), Some(DbErrorKind::ConnectionLost));
    /// assert_eq!(DbErrorKind::from_sqlx(&sqlx::Error::PoolTimedOut), Some(DbErrorKind::CannotConnect));
    /// assert_eq!(DbErrorKind::from_sqlx(&sqlx::Error::PoolClosed), None);
    /// assert_eq!(DbErrorKind::from_sqlx(&sqlx::Error::RowNotFound), None);
    /// ```
    #[must_use]
    pub fn from_sqlx(err: &sqlx::Error) -> Option<DbErrorKind> {
        match err {
            sqlx::Error::Database(db) => from_database_error(&**db),
            sqlx::Error::Io(io) => IO_KINDS.iter().find(|row| row.0 == io.kind()).map(|row| row.1),
            sqlx::Error::PoolTimedOut => Some(DbErrorKind::CannotConnect),
            _ => None,
        }
    }
}

/// The kind of a driver's database error.
fn from_database_error(db: &(dyn DatabaseError + 'static)) -> Option<DbErrorKind> {
    #[cfg(feature = "sqlx-mysql")]
    if let Some(my) = db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
        return DbErrorKind::from_mysql_code(my.number());
    }
    db.code()
        .and_then(|state| DbErrorKind::from_sqlstate(&state))
        .or_else(|| matches!(db.kind(), ErrorKind::UniqueViolation).then_some(DbErrorKind::DuplicateKey))
}

/// Classifies a `sqlx::Error` (feature `sqlx`): the classification of its
/// [`DbErrorKind`] when it has one, else what the variant itself says;
/// `None` when it says nothing, so that a caller walking the error's
/// sources (as [`classify`](crate::classify) does) goes on to them: an
/// `Io` error the kinds do not list is then classified by its
/// `io::ErrorKind`.
///
/// | `sqlx::Error` | code | temporary | timeout |
/// | --- | --- | --- | --- |
/// | with a [`DbErrorKind`] | [`DbErrorKind::code`] | [`DbErrorKind::can_retry`] | no |
/// | `PoolTimedOut` (kind `CannotConnect`) | `DeadlineExceeded` | yes | yes |
/// | `PoolClosed` | `Unavailable` | no: the application closed its pool, which stays closed | no |
/// | `Database`: a foreign key violation | `FailedPrecondition` | no | no |
/// | `Database`: a `NOT NULL` or `CHECK` violation | `InvalidArgument` | no | no |
/// | `RowNotFound` | `NotFound` | no | no |
/// | `InvalidArgument` | `InvalidArgument` | no | no |
/// | `ColumnNotFound`, `ColumnIndexOutOfBounds`, `ColumnDecode`, `Decode`, `Encode`, `TypeNotFound` | `Internal` | no | no |
/// | anything else | `None` | | |
///
/// ```
/// use errdsl::{Classification, Code};
/// use errdsl::db::classify_sqlx;
///
/// assert_eq!(classify_sqlx(&sqlx::Error::RowNotFound), Some(Classification::new(Code::NotFound, false, false)));
/// assert_eq!(
///     classify_sqlx(&sqlx::Error::PoolTimedOut),
///     Some(Classification::new(Code::DeadlineExceeded, true, true)),
/// );
/// let timed_out = sqlx::Error::Io(std::io::ErrorKind::TimedOut.into());
/// assert_eq!(classify_sqlx(&timed_out), None); // its io::Error tells
/// ```
#[must_use]
pub fn classify_sqlx(err: &sqlx::Error) -> Option<Classification> {
    if let sqlx::Error::PoolTimedOut = err {
        return Some(Classification::new(Code::DeadlineExceeded, true, true));
    }
    if let Some(kind) = DbErrorKind::from_sqlx(err) {
        return Some(kind.classification());
    }
    let permanent = |code| Some(Classification::new(code, false, false));
    match err {
        sqlx::Error::PoolClosed => permanent(Code::Unavailable),
        sqlx::Error::Database(db) => match db.kind() {
            ErrorKind::ForeignKeyViolation => permanent(Code::FailedPrecondition),
            ErrorKind::NotNullViolation | ErrorKind::CheckViolation => permanent(Code::InvalidArgument),
            _ => None,
        },
        sqlx::Error::RowNotFound => permanent(Code::NotFound),
        sqlx::Error::InvalidArgument(_) => permanent(Code::InvalidArgument),
        sqlx::Error::ColumnNotFound(_)
        | sqlx::Error::ColumnIndexOutOfBounds { .. }
        | sqlx::Error::ColumnDecode { .. }
        | sqlx::Error::Decode(_)
        | sqlx::Error::Encode(_)
        | sqlx::Error::TypeNotFound { .. } => permanent(Code::Internal),
        _ => None,
    }
}
