//! Helpers of errdsl's database suite (`tests/db_mysql.rs`,
//! `tests/db_postgres.rs`), which classifies errors provoked on real MariaDB
//! and PostgreSQL servers.
//!
//! The servers: `scripts/db-servers.sh start`, then
//! `eval "$(scripts/db-servers.sh env)"` sets `ERRDSL_MYSQL_URL` and
//! `ERRDSL_POSTGRES_URL` (administrator accounts of throwaway servers; the
//! suite changes server-wide settings). Without a URL at build time, the
//! tests that need that server are compiled as `#[ignore]`d with the reason
//! (see `build.rs`), so `cargo test` reports them as ignored rather than
//! passing; `.ci/run` starts the servers and checks that nothing was
//! ignored.

use std::net::{Ipv4Addr, TcpListener};

use errdsl::db::{DbErrorKind, classify_sqlx};
use errdsl::{Classification, Code};

/// Serialises tests that change server-wide settings (they take it for
/// writing) against the others (for reading). Each test binary talks to one
/// server.
pub static SERVER: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// The value of the URL variable `var`; panics (fails the test) when it is
/// missing, which happens only when it was set at build time and is not now.
pub fn url(var: &str) -> String {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "{var} was set when this suite was built but is not set now; \
             run `eval \"$(scripts/db-servers.sh env)\"` or unset it and rebuild"
        ),
    }
}

/// A port of 127.0.0.1 that nothing listens on: bound, then released.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// Asserts that `err` is of `kind` by every entry point errdsl has, and
/// that it classifies as `(code, temporary)`, never a timeout; then the
/// same of `err` wrapped in another error, as a service would wrap it.
/// Prints the error, so that `--nocapture` shows what the server said.
#[track_caller]
pub fn assert_kind(err: sqlx::Error, kind: DbErrorKind, code: Code, temporary: bool) {
    eprintln!("{kind:?}: {err}");
    assert_eq!(DbErrorKind::from_sqlx(&err), Some(kind), "from_sqlx of {err:?}");
    assert_eq!(DbErrorKind::of(&err), Some(kind), "of {err:?}");
    assert_eq!((kind.code(), kind.can_retry()), (code, temporary), "{kind:?}");
    let want = Classification::new(code, temporary, false);
    assert_class(&err, want);
    let wrapped = std::io::Error::other(err);
    assert_eq!(DbErrorKind::of(&wrapped), Some(kind), "of wrapped {wrapped:?}");
    classified(&wrapped, want);
}

/// Asserts errdsl's classification of `err`.
#[track_caller]
pub fn assert_class(err: &sqlx::Error, want: Classification) {
    assert_eq!(classify_sqlx(err), Some(want), "classify_sqlx of {err:?}");
    classified(err, want);
}

/// `errdsl::classify`, which reaches database errors through its `sqlx`
/// row, agrees, also through a wrapping error.
#[track_caller]
fn classified(err: &(dyn std::error::Error + 'static), want: Classification) {
    assert_eq!(errdsl::classify(err), want, "errdsl::classify of {err:?}");
}

/// The MySQL error number of `err`, if it is a MySQL database error.
pub fn mysql_number(err: &sqlx::Error) -> Option<u16> {
    let db = err.as_database_error()?;
    Some(db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()?.number())
}

/// The SQLSTATE of `err`, if it is a database error.
pub fn sqlstate(err: &sqlx::Error) -> Option<String> {
    Some(err.as_database_error()?.code()?.into_owned())
}
