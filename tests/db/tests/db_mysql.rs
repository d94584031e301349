//! errdsl's database classification against a real MariaDB (or MySQL)
//! server: `ERRDSL_MYSQL_URL`, an administrator account of a throwaway
//! server (`scripts/db-servers.sh`). Without it, every test that needs the
//! server is reported as ignored.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use backon::{ConstantBuilder, Retryable};
use errdsl::db::DbErrorKind;
use errdsl::{Classification, Code};
use errdsl_db_tests::{SERVER, assert_class, assert_kind, closed_port, mysql_number, url};
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection, MySqlPoolOptions};
use sqlx::{AssertSqlSafe, Connection, Executor, MySql, Pool};

/// The administrator's connection options.
fn admin() -> MySqlConnectOptions {
    url("ERRDSL_MYSQL_URL").parse().expect("ERRDSL_MYSQL_URL is a mysql:// URL")
}

async fn connect(options: &MySqlConnectOptions) -> MySqlConnection {
    MySqlConnection::connect_with(options).await.expect("connect")
}

/// An unprivileged account with every privilege on the test database, and
/// `extra` (e.g. `WITH MAX_USER_CONNECTIONS 1`); made afresh.
async fn app_user(name: &str, extra: &str) -> MySqlConnectOptions {
    let admin_options = admin();
    let mut admin = connect(&admin_options).await;
    let password = format!("{name}-password");
    let database = admin_options.get_database().unwrap_or("errdsl").to_owned();
    admin.execute(AssertSqlSafe(format!("DROP USER IF EXISTS '{name}'@'%'"))).await.unwrap();
    admin
        .execute(AssertSqlSafe(format!("CREATE USER '{name}'@'%' IDENTIFIED BY '{password}' {extra}")))
        .await
        .unwrap();
    admin
        .execute(AssertSqlSafe(format!("GRANT ALL PRIVILEGES ON `{database}`.* TO '{name}'@'%'")))
        .await
        .unwrap();
    admin.close().await.unwrap();
    admin_options.username(name).password(&password)
}

/// A fresh table `name (id INT PRIMARY KEY, v INT, email VARCHAR(64) UNIQUE)`
/// with rows 1 and 2.
async fn table(conn: &mut MySqlConnection, name: &str) {
    conn.execute(AssertSqlSafe(format!("DROP TABLE IF EXISTS {name}"))).await.unwrap();
    conn.execute(AssertSqlSafe(format!(
        "CREATE TABLE {name} (id INT PRIMARY KEY, v INT NOT NULL, email VARCHAR(64) UNIQUE) ENGINE=InnoDB"
    )))
    .await
    .unwrap();
    conn.execute(AssertSqlSafe(format!(
        "INSERT INTO {name} VALUES (1, 0, 'one@example.com'), (2, 0, 'two@example.com')"
    )))
    .await
    .unwrap();
}

async fn connection_id(conn: &mut MySqlConnection) -> u64 {
    sqlx::query_scalar("SELECT CONNECTION_ID()").fetch_one(conn).await.unwrap()
}

/// Waits until the server has closed connection `id` (it is gone from the
/// process list), asking from another connection: a fixed sleep past a
/// server-side timeout could be too short on a loaded machine.
async fn wait_until_closed(id: u64) {
    let mut watcher = connect(&admin()).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let open: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")
                .bind(id)
                .fetch_one(&mut watcher)
                .await
                .unwrap();
        if open == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "the server did not close connection {id}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn closed_port_cannot_connect() {
    let options = MySqlConnectOptions::new().host("127.0.0.1").port(closed_port()).username("nobody");
    let err = MySqlConnection::connect_with(&options).await.unwrap_err();
    assert_kind(err, DbErrorKind::CannotConnect, Code::Unavailable, true);
    assert!(DbErrorKind::CannotConnect.is_down());
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn duplicate_key() {
    let _shared = SERVER.read().await;
    let mut conn = connect(&app_user("errdsl_app", "").await).await;
    table(&mut conn, "dup").await;
    let err = conn.execute("INSERT INTO dup VALUES (3, 0, 'one@example.com')").await.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1062));
    assert_kind(err, DbErrorKind::DuplicateKey, Code::AlreadyExists, false);
    // The primary key too.
    let err = conn.execute("INSERT INTO dup VALUES (1, 0, 'three@example.com')").await.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1062));
    assert_kind(err, DbErrorKind::DuplicateKey, Code::AlreadyExists, false);
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn query_killed_from_another_connection() {
    let _shared = SERVER.read().await;
    let options = app_user("errdsl_kq", "").await;
    let mut victim = connect(&options).await;
    let mut killer = connect(&options).await;
    let id = connection_id(&mut victim).await;
    // SLEEP() alone returns 1 when killed; inside a larger query the query fails.
    let query = victim.execute("SELECT SLEEP(10) FROM (SELECT 1 UNION ALL SELECT 2) AS t /* errdsl-kq */");
    let kill = async {
        let running = || {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE '%errdsl-kq%'",
            )
            .bind(id)
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while running().fetch_one(&mut killer).await.unwrap() == 0 {
            assert!(Instant::now() < deadline, "the query did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        killer.execute(AssertSqlSafe(format!("KILL QUERY {id}"))).await.unwrap();
    };
    let (result, ()) = tokio::join!(query, kill);
    let err = result.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1317));
    assert_kind(err, DbErrorKind::QueryKilled, Code::Aborted, true);
    // Only the query died: the connection works.
    let one: i32 = sqlx::query_scalar("SELECT 1").fetch_one(&mut victim).await.unwrap();
    assert_eq!(one, 1);
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn statement_timeout_kills_the_query() {
    let _shared = SERVER.read().await;
    let mut conn = connect(&app_user("errdsl_st", "").await).await;
    conn.execute("SET SESSION max_statement_time = 0.05").await.unwrap();
    let err = conn.execute("SELECT SLEEP(5)").await.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1969)); // MariaDB's ER_STATEMENT_TIMEOUT
    assert_kind(err, DbErrorKind::QueryKilled, Code::Aborted, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn killed_connection_is_lost() {
    let _shared = SERVER.read().await;
    let options = app_user("errdsl_kc", "").await;
    let mut victim = connect(&options).await;
    let mut killer = connect(&options).await;
    let id = connection_id(&mut victim).await;
    killer.execute(AssertSqlSafe(format!("KILL CONNECTION {id}"))).await.unwrap();
    let err = victim.execute("SELECT 1").await.unwrap_err();
    assert_kind(err, DbErrorKind::ConnectionLost, Code::Unavailable, true);
    assert!(DbErrorKind::ConnectionLost.is_lost());
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn idle_connection_closed_by_the_server_is_lost() {
    let _shared = SERVER.read().await;
    let mut conn = connect(&app_user("errdsl_idle", "").await).await;
    conn.execute("SET SESSION wait_timeout = 1").await.unwrap();
    let id = connection_id(&mut conn).await;
    wait_until_closed(id).await;
    let err = conn.execute("SELECT 1").await.unwrap_err();
    assert_kind(err, DbErrorKind::ConnectionLost, Code::Unavailable, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn read_only_server() {
    let _exclusive = SERVER.write().await;
    let options = app_user("errdsl_ro", "").await;
    let mut admin = connect(&admin()).await;
    let mut conn = connect(&options).await;
    table(&mut conn, "ro").await;
    admin.execute("SET GLOBAL read_only = ON").await.unwrap();
    let result = conn.execute("INSERT INTO ro VALUES (3, 0, 'three@example.com')").await;
    admin.execute("SET GLOBAL read_only = OFF").await.unwrap();
    let err = result.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1290)); // ER_OPTION_PREVENTS_STATEMENT (--read-only)
    assert_kind(err, DbErrorKind::ReadOnly, Code::Unavailable, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn read_only_transaction() {
    let _shared = SERVER.read().await;
    let mut conn = connect(&app_user("errdsl_rot", "").await).await;
    table(&mut conn, "rot").await;
    conn.execute("START TRANSACTION READ ONLY").await.unwrap();
    let err = conn.execute("UPDATE rot SET v = 1 WHERE id = 1").await.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1792));
    assert_kind(err, DbErrorKind::ReadOnly, Code::Unavailable, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn global_read_lock() {
    let _exclusive = SERVER.write().await;
    let mut admin = connect(&admin()).await;
    table(&mut admin, "grl").await;
    admin.execute("FLUSH TABLES WITH READ LOCK").await.unwrap();
    let result = admin.execute("UPDATE grl SET v = 1 WHERE id = 1").await;
    admin.execute("UNLOCK TABLES").await.unwrap();
    let err = result.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1223));
    assert_kind(err, DbErrorKind::ReadOnly, Code::Unavailable, true);
}

/// Two transactions lock rows 1 and 2, then each wants the other's row.
#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn deadlock() {
    let _shared = SERVER.read().await;
    let options = app_user("errdsl_dl", "").await;
    let mut a = connect(&options).await;
    let mut b = connect(&options).await;
    table(&mut a, "dl").await;
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
    assert_eq!(mysql_number(&err), Some(1213));
    assert_kind(err, DbErrorKind::Deadlock, Code::Aborted, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn lock_nowait() {
    let _shared = SERVER.read().await;
    let options = app_user("errdsl_nw", "").await;
    let mut a = connect(&options).await;
    let mut b = connect(&options).await;
    table(&mut a, "nw").await;
    a.execute("BEGIN").await.unwrap();
    a.execute("SELECT * FROM nw WHERE id = 1 FOR UPDATE").await.unwrap();
    b.execute("BEGIN").await.unwrap();
    let err = b.execute("SELECT * FROM nw WHERE id = 1 FOR UPDATE NOWAIT").await.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1205)); // MariaDB reports NOWAIT as ER_LOCK_WAIT_TIMEOUT
    assert_kind(err, DbErrorKind::Deadlock, Code::Aborted, true);
}

/// MariaDB's snapshot isolation (`innodb_snapshot_isolation`, 10.6.18+):
/// a row changed since the transaction's snapshot is a serialization
/// failure.
#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn serialization_failure() {
    let _shared = SERVER.read().await;
    let options = app_user("errdsl_sf", "").await;
    let mut a = connect(&options).await;
    let mut b = connect(&options).await;
    table(&mut a, "sf").await;
    a.execute("SET SESSION innodb_snapshot_isolation = ON").await.expect(
        "innodb_snapshot_isolation (MariaDB 10.6.18, 10.11.8, 11.4.2 and later; \
         MySQL has no serialization failure to provoke)",
    );
    a.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT").await.unwrap();
    let _: i32 = sqlx::query_scalar("SELECT v FROM sf WHERE id = 1").fetch_one(&mut a).await.unwrap();
    b.execute("UPDATE sf SET v = v + 1 WHERE id = 1").await.unwrap();
    let err = a.execute("UPDATE sf SET v = v + 1 WHERE id = 1").await.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1020)); // ER_CHECKREAD
    assert_kind(err, DbErrorKind::Deadlock, Code::Aborted, true);
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn too_many_connections_for_the_account() {
    let _shared = SERVER.read().await;
    let options = app_user("errdsl_one", "WITH MAX_USER_CONNECTIONS 1").await;
    let _first = connect(&options).await;
    let err = MySqlConnection::connect_with(&options).await.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1226)); // ER_USER_LIMIT_REACHED
    assert_kind(err, DbErrorKind::TooManyConnections, Code::ResourceExhausted, true);
}

/// The server-wide limits: `max_user_connections` (per account, 1203) and
/// `max_connections` (1040; one more connection is kept for an
/// administrator).
#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn too_many_connections_for_the_server() {
    let _exclusive = SERVER.write().await;
    let options = app_user("errdsl_many", "").await;
    let mut admin = connect(&admin()).await;

    let max_user: i64 =
        sqlx::query_scalar("SELECT @@GLOBAL.max_user_connections").fetch_one(&mut admin).await.unwrap();
    admin.execute("SET GLOBAL max_user_connections = 1").await.expect(
        "MariaDB changes max_user_connections at run time only when it started with a \
         non-zero value (scripts/db-servers.sh starts it with 1000)",
    );
    let first = MySqlConnection::connect_with(&options).await;
    let second = MySqlConnection::connect_with(&options).await;
    admin.execute(AssertSqlSafe(format!("SET GLOBAL max_user_connections = {max_user}"))).await.unwrap();
    drop(first.expect("the first connection is within the limit"));
    let err = second.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1203)); // ER_TOO_MANY_USER_CONNECTIONS
    assert_kind(err, DbErrorKind::TooManyConnections, Code::ResourceExhausted, true);

    let max: u64 = sqlx::query_scalar("SELECT @@GLOBAL.max_connections").fetch_one(&mut admin).await.unwrap();
    admin.execute("SET GLOBAL max_connections = 1").await.unwrap();
    // MariaDB's smallest max_connections is 10 (1 is raised to it); open
    // connections until the limit.
    let mut open = Vec::new();
    let result = loop {
        match MySqlConnection::connect_with(&options).await {
            Ok(conn) if open.len() < 30 => open.push(conn),
            result => break result,
        }
    };
    admin.execute(AssertSqlSafe(format!("SET GLOBAL max_connections = {max}"))).await.unwrap();
    eprintln!("{} connection(s) made before the limit", open.len());
    let err = result.unwrap_err();
    assert_eq!(mysql_number(&err), Some(1040)); // ER_CON_COUNT_ERROR
    assert_kind(err, DbErrorKind::TooManyConnections, Code::ResourceExhausted, true);
}

async fn pool(options: MySqlConnectOptions) -> Pool<MySql> {
    MySqlPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_millis(200))
        .connect_with(options)
        .await
        .expect("pool")
}

#[tokio::test]
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn pool_timed_out_and_closed() {
    let _shared = SERVER.read().await;
    let pool = pool(app_user("errdsl_pool", "").await).await;
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
#[cfg_attr(not(errdsl_mysql), ignore = "ERRDSL_MYSQL_URL not set: see scripts/db-servers.sh")]
async fn deadlock_retried_with_backon() {
    let _shared = SERVER.read().await;
    let options = app_user("errdsl_retry", "").await;
    table(&mut connect(&options).await, "retry").await;
    let pool = MySqlPoolOptions::new().max_connections(4).connect_with(options).await.unwrap();
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
                sqlx::query("UPDATE retry SET v = v - 1 WHERE id = ?").bind(from).execute(&mut *tx).await?;
                if first {
                    barrier.wait().await; // both hold their first row
                }
                sqlx::query("UPDATE retry SET v = v + 1 WHERE id = ?").bind(to).execute(&mut *tx).await?;
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
