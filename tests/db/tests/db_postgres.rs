//! errdsl's database classification against a real PostgreSQL server:
//! `ERRDSL_POSTGRES_URL`, a superuser of a throwaway server
//! (`scripts/db-servers.sh`). Without it, every test that needs the server
//! is reported as ignored.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use backon::{ConstantBuilder, Retryable};
use errdsl::db::DbErrorKind;
use errdsl::{Classification, Code};
use errdsl_db_tests::{SERVER, assert_class, assert_kind, closed_port, sqlstate, url};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use sqlx::{AssertSqlSafe, Connection, Executor, Pool, Postgres};

/// The superuser's connection options.
fn admin() -> PgConnectOptions {
    url("ERRDSL_POSTGRES_URL").parse().expect("ERRDSL_POSTGRES_URL is a postgres:// URL")
}

async fn connect(options: &PgConnectOptions) -> PgConnection {
    PgConnection::connect_with(options).await.expect("connect")
}

/// An unprivileged login role, reset to defaults, then `extra` statements
/// run for it (`{role}` is replaced by its name).
async fn app_role(name: &str, extra: &[&str]) -> PgConnectOptions {
    let admin_options = admin();
    let mut admin = connect(&admin_options).await;
    let password = format!("{name}-password");
    admin
        .execute(AssertSqlSafe(format!(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') \
                 THEN CREATE ROLE {name} LOGIN; END IF; END $$"
        )))
        .await
        .unwrap();
    admin
        .execute(AssertSqlSafe(format!("ALTER ROLE {name} LOGIN PASSWORD '{password}' CONNECTION LIMIT -1")))
        .await
        .unwrap();
    admin.execute(AssertSqlSafe(format!("ALTER ROLE {name} RESET ALL"))).await.unwrap();
    for statement in extra {
        admin.execute(AssertSqlSafe(statement.replace("{role}", name))).await.unwrap();
    }
    admin.close().await.unwrap();
    admin_options.username(name).password(&password)
}

/// A fresh table `name (id INT PRIMARY KEY, v INT, email TEXT UNIQUE)` with
/// rows 1 and 2, owned by the superuser, writable by `role`.
async fn table(name: &str, role: &str) {
    let mut admin = connect(&admin()).await;
    admin.execute(AssertSqlSafe(format!("DROP TABLE IF EXISTS {name}"))).await.unwrap();
    admin
        .execute(AssertSqlSafe(format!(
            "CREATE TABLE {name} (id INT PRIMARY KEY, v INT NOT NULL, email TEXT UNIQUE)"
        )))
        .await
        .unwrap();
    admin
        .execute(AssertSqlSafe(format!(
            "INSERT INTO {name} VALUES (1, 0, 'one@example.com'), (2, 0, 'two@example.com')"
        )))
        .await
        .unwrap();
    admin.execute(AssertSqlSafe(format!("GRANT ALL ON TABLE {name} TO {role}"))).await.unwrap();
    admin.close().await.unwrap();
}

async fn backend_pid(conn: &mut PgConnection) -> i32 {
    sqlx::query_scalar("SELECT pg_backend_pid()").fetch_one(conn).await.unwrap()
}

/// Waits until the server has ended backend `pid` (it is gone from
/// `pg_stat_activity`), asking from another connection: a fixed sleep past a
/// server-side timeout could be too short on a loaded machine.
async fn wait_until_closed(pid: i32) {
    let mut watcher = connect(&admin()).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let open: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = $1")
            .bind(pid)
            .fetch_one(&mut watcher)
            .await
            .unwrap();
        if open == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "the server did not end backend {pid}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn closed_port_cannot_connect() {
    let options = PgConnectOptions::new().host("127.0.0.1").port(closed_port()).username("nobody");
    let err = PgConnection::connect_with(&options).await.unwrap_err();
    assert_kind(err, DbErrorKind::CannotConnect, Code::Unavailable, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn duplicate_key() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_app", &[]).await;
    table("dup", "errdsl_app").await;
    let mut conn = connect(&options).await;
    let err = conn.execute("INSERT INTO dup VALUES (3, 0, 'one@example.com')").await.unwrap_err();
    assert_eq!(sqlstate(&err).as_deref(), Some("23505"));
    assert_kind(err, DbErrorKind::DuplicateKey, Code::AlreadyExists, false);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn query_cancelled_from_another_connection() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_kq", &[]).await;
    let mut victim = connect(&options).await;
    let mut killer = connect(&options).await;
    let pid = backend_pid(&mut victim).await;
    let query = victim.execute("SELECT pg_sleep(10) /* errdsl-kq */");
    let cancel = async {
        let running = || {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%errdsl-kq%'",
            )
            .bind(pid)
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while running().fetch_one(&mut killer).await.unwrap() == 0 {
            assert!(Instant::now() < deadline, "the query did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let cancelled: bool = sqlx::query_scalar("SELECT pg_cancel_backend($1)")
            .bind(pid)
            .fetch_one(&mut killer)
            .await
            .unwrap();
        assert!(cancelled);
    };
    let (result, ()) = tokio::join!(query, cancel);
    let err = result.unwrap_err();
    assert_eq!(sqlstate(&err).as_deref(), Some("57014"));
    assert_kind(err, DbErrorKind::QueryKilled, Code::Aborted, true);
    // Only the query died: the connection works.
    let one: i32 = sqlx::query_scalar("SELECT 1").fetch_one(&mut victim).await.unwrap();
    assert_eq!(one, 1);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn statement_timeout_cancels_the_query() {
    let _shared = SERVER.read().await;
    let mut conn = connect(&app_role("errdsl_st", &[]).await).await;
    conn.execute("SET statement_timeout = '50ms'").await.unwrap();
    let err = conn.execute("SELECT pg_sleep(5)").await.unwrap_err();
    assert_eq!(sqlstate(&err).as_deref(), Some("57014"));
    assert_kind(err, DbErrorKind::QueryKilled, Code::Aborted, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn terminated_connection_is_lost() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_kc", &[]).await;
    let mut victim = connect(&options).await;
    let mut killer = connect(&options).await;
    let pid = backend_pid(&mut victim).await;
    let terminated: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1, 5000)")
        .bind(pid)
        .fetch_one(&mut killer)
        .await
        .unwrap();
    assert!(terminated);
    let err = victim.execute("SELECT 1").await.unwrap_err();
    assert_kind(err, DbErrorKind::ConnectionLost, Code::Unavailable, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn idle_session_timeout_loses_the_connection() {
    let _shared = SERVER.read().await;
    let mut conn = connect(&app_role("errdsl_idle", &[]).await).await;
    conn.execute("SET idle_session_timeout = '100ms'").await.unwrap();
    let pid = backend_pid(&mut conn).await;
    wait_until_closed(pid).await;
    let err = conn.execute("SELECT 1").await.unwrap_err();
    assert_kind(err, DbErrorKind::ConnectionLost, Code::Unavailable, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn idle_in_transaction_timeout_loses_the_connection() {
    let _shared = SERVER.read().await;
    let mut conn = connect(&app_role("errdsl_idle_tx", &[]).await).await;
    conn.execute("SET idle_in_transaction_session_timeout = '100ms'").await.unwrap();
    conn.execute("BEGIN").await.unwrap();
    let pid = backend_pid(&mut conn).await;
    wait_until_closed(pid).await;
    let err = conn.execute("SELECT 1").await.unwrap_err();
    assert_kind(err, DbErrorKind::ConnectionLost, Code::Unavailable, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn read_only_role() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_ro", &["ALTER ROLE {role} SET default_transaction_read_only = on"]).await;
    table("ro", "errdsl_ro").await;
    let mut conn = connect(&options).await;
    let err = conn.execute("INSERT INTO ro VALUES (3, 0, 'three@example.com')").await.unwrap_err();
    assert_eq!(sqlstate(&err).as_deref(), Some("25006"));
    assert_kind(err, DbErrorKind::ReadOnly, Code::Unavailable, true);
}

/// Two transactions lock rows 1 and 2, then each wants the other's row.
/// The servers of `scripts/db-servers.sh` check for deadlocks after 100 ms
/// (`deadlock_timeout`; PostgreSQL's default is 1 s).
#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn deadlock() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_dl", &[]).await;
    table("dl", "errdsl_dl").await;
    let mut a = connect(&options).await;
    let mut b = connect(&options).await;
    a.execute("BEGIN").await.unwrap();
    b.execute("BEGIN").await.unwrap();
    a.execute("UPDATE dl SET v = v + 1 WHERE id = 1").await.unwrap();
    b.execute("UPDATE dl SET v = v + 1 WHERE id = 2").await.unwrap();
    let (ra, rb) = tokio::join!(
        a.execute("UPDATE dl SET v = v + 1 WHERE id = 2"),
        b.execute("UPDATE dl SET v = v + 1 WHERE id = 1"),
    );
    let err = match (ra, rb) {
        (Err(err), Ok(_)) | (Ok(_), Err(err)) => err,
        other => panic!("expected exactly one deadlock victim, got {other:?}"),
    };
    assert_eq!(sqlstate(&err).as_deref(), Some("40P01"));
    assert_kind(err, DbErrorKind::Deadlock, Code::Aborted, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn serialization_failure() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_sf", &[]).await;
    table("sf", "errdsl_sf").await;
    let mut a = connect(&options).await;
    let mut b = connect(&options).await;
    a.execute("BEGIN ISOLATION LEVEL REPEATABLE READ").await.unwrap();
    let _: i32 = sqlx::query_scalar("SELECT v FROM sf WHERE id = 1").fetch_one(&mut a).await.unwrap();
    b.execute("UPDATE sf SET v = v + 1 WHERE id = 1").await.unwrap();
    let err = a.execute("UPDATE sf SET v = v + 1 WHERE id = 1").await.unwrap_err();
    assert_eq!(sqlstate(&err).as_deref(), Some("40001"));
    assert_kind(err, DbErrorKind::Deadlock, Code::Aborted, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn lock_not_available() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_nw", &[]).await;
    table("nw", "errdsl_nw").await;
    let mut a = connect(&options).await;
    let mut b = connect(&options).await;
    a.execute("BEGIN").await.unwrap();
    a.execute("SELECT * FROM nw WHERE id = 1 FOR UPDATE").await.unwrap();
    b.execute("BEGIN").await.unwrap();
    let err = b.execute("SELECT * FROM nw WHERE id = 1 FOR UPDATE NOWAIT").await.unwrap_err();
    assert_eq!(sqlstate(&err).as_deref(), Some("55P03"));
    assert_kind(err, DbErrorKind::Deadlock, Code::Aborted, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn too_many_connections_for_the_role() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_one", &["ALTER ROLE {role} CONNECTION LIMIT 1"]).await;
    let _first = connect(&options).await;
    let err = PgConnection::connect_with(&options).await.unwrap_err();
    assert_eq!(sqlstate(&err).as_deref(), Some("53300"));
    assert_kind(err, DbErrorKind::TooManyConnections, Code::ResourceExhausted, true);
}

async fn pool(options: PgConnectOptions) -> Pool<Postgres> {
    PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_millis(200))
        .connect_with(options)
        .await
        .expect("pool")
}

#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn pool_timed_out_and_closed() {
    let _shared = SERVER.read().await;
    let pool = pool(app_role("errdsl_pool", &[]).await).await;
    let held = pool.acquire().await.unwrap();
    let err = pool.acquire().await.unwrap_err();
    eprintln!("{err}");
    assert!(matches!(err, sqlx::Error::PoolTimedOut), "{err:?}");
    assert_eq!(DbErrorKind::from_sqlx(&err), Some(DbErrorKind::CannotConnect));
    assert_class(&err, Classification::new(Code::DeadlineExceeded, true, true));
    drop(held);
    pool.close().await;
    let err = pool.acquire().await.unwrap_err();
    eprintln!("{err}");
    assert!(matches!(err, sqlx::Error::PoolClosed), "{err:?}");
    assert_eq!(DbErrorKind::from_sqlx(&err), None);
    assert_class(&err, Classification::new(Code::Unavailable, false, false));
}

/// Two transfers take the same two rows in opposite orders and deadlock on
/// their first attempt; backon retries the victim, as
/// `DbErrorKind::can_retry` says, and both transfers land.
#[tokio::test]
#[cfg_attr(not(errdsl_postgres), ignore = "ERRDSL_POSTGRES_URL not set: see scripts/db-servers.sh")]
async fn deadlock_retried_with_backon() {
    let _shared = SERVER.read().await;
    let options = app_role("errdsl_retry", &[]).await;
    table("retry", "errdsl_retry").await;
    let pool = PgPoolOptions::new().max_connections(4).connect_with(options).await.unwrap();
    let attempts = Arc::new(AtomicUsize::new(0));
    let deadlocks = Arc::new(AtomicUsize::new(0));
    let barrier = Arc::new(tokio::sync::Barrier::new(2));

    let transfer = |from: i32, to: i32| {
        let (pool, attempts, barrier) = (pool.clone(), attempts.clone(), barrier.clone());
        let deadlocks = deadlocks.clone();
        let attempt = move || {
            let (pool, attempts, barrier) = (pool.clone(), attempts.clone(), barrier.clone());
            async move {
                let first = attempts.fetch_add(1, Ordering::SeqCst) < 2;
                let mut tx = pool.begin().await?;
                sqlx::query("UPDATE retry SET v = v - 1 WHERE id = $1").bind(from).execute(&mut *tx).await?;
                if first {
                    barrier.wait().await; // both hold their first row
                }
                sqlx::query("UPDATE retry SET v = v + 1 WHERE id = $1").bind(to).execute(&mut *tx).await?;
                tx.commit().await
            }
        };
        attempt
            .retry(ConstantBuilder::default().with_delay(Duration::from_millis(10)).with_max_times(3))
            .when(|err: &sqlx::Error| DbErrorKind::from_sqlx(err).is_some_and(DbErrorKind::can_retry))
            .notify(move |err, _| {
                assert_eq!(DbErrorKind::from_sqlx(err), Some(DbErrorKind::Deadlock), "{err}");
                deadlocks.fetch_add(1, Ordering::SeqCst);
            })
    };
    let (one, two) = tokio::join!(transfer(1, 2), transfer(2, 1));
    one.expect("transfer 1 -> 2");
    two.expect("transfer 2 -> 1");
    assert_eq!(deadlocks.load(Ordering::SeqCst), 1, "one deadlock, retried once");
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    let values: Vec<i32> =
        sqlx::query_scalar("SELECT v FROM retry ORDER BY id").fetch_all(&pool).await.unwrap();
    assert_eq!(values, [0, 0]);
}
