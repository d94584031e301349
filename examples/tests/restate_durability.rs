//! Durability: the notify deployment is killed while the engine is retrying
//! an invocation, and started again; the engine resumes the invocation
//! against the new process and it completes.
//!
//! The deployment runs as its own process (`notify serve`): the first one
//! is in maintenance for good, so the invocation can only complete because
//! the engine carried it over to the second, which is not. Needs
//! `restate-server` as `tests/restate_notify.rs` does.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use errdsl_examples::notify::server::RestateServer;
use serde_json::json;

/// `notify serve` on `addr`, its first `maintenance_attempts` attempts of
/// every notification failing; returns once it accepts connections.
fn start_deployment(addr: SocketAddr, maintenance_attempts: u32) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_notify"))
        .args([
            "serve",
            "--bind",
            &addr.to_string(),
            "--maintenance-attempts",
            &maintenance_attempts.to_string(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start notify serve");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(addr).is_err() {
        assert!(Instant::now() < deadline, "notify serve did not listen on {addr}");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_restate),
    ignore = "needs restate-server: scripts/restate-server.sh install, then eval \"$(scripts/restate-server.sh env)\""
)]
async fn the_engine_resumes_an_invocation_after_the_deployment_is_killed_and_restarted() {
    let server = RestateServer::start().await.unwrap();
    let addr = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap();
    let mut first = start_deployment(addr, u32::MAX);
    server.register(addr).await.unwrap();

    let id = server.send("Notify", "notify_user", &json!("user_7")).await.unwrap();
    // The engine retries it: its record counts the attempts in flight.
    let retrying = server
        .wait_for(&id, |record| {
            record.retry_count.is_some_and(|count| count >= 3) && !record.transient_errors.is_empty()
        })
        .await
        .unwrap();
    assert_eq!(retrying.completion_result, None, "{retrying:?}");

    first.kill().unwrap();
    first.wait().unwrap();
    // With the deployment gone, the engine keeps trying.
    let before = server.record(&id).await.unwrap().unwrap().retry_count.unwrap();
    let down = server
        .wait_for(&id, |record| record.retry_count.is_some_and(|count| count >= before + 2))
        .await
        .unwrap();
    assert_eq!(down.completion_result, None, "{down:?}");

    let mut second = start_deployment(addr, 0);
    let outcome = server.attach(&id).await.unwrap();
    assert_eq!((outcome.status, outcome.text()), (200, "\"notified user_7@example.com\"".to_owned()));
    let record = server.wait_for(&id, |record| record.status == "completed").await.unwrap();
    assert_eq!(record.completion_result.as_deref(), Some("success"));
    assert!(record.transient_errors.iter().any(|event| event.contains("name=maintenance")), "{record:?}");

    second.kill().unwrap();
    second.wait().unwrap();
}
