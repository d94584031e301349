//! The notify service on a real `restate-server`: what the engine does with
//! each error, read from the engine's own records (the admin API's
//! `sys_invocation` and `sys_journal_events`) and from the handler's count,
//! and what the caller receives, decoded back into the typed error.
//!
//! It needs the server: `scripts/restate-server.sh install`, then
//! `eval "$(scripts/restate-server.sh env)"` before building. Without it
//! the tests are reported ignored, with the reason; `.ci/run` installs the
//! server and checks that they ran. Each test starts its own server (free
//! ports of 127.0.0.1, a throwaway data directory), whose retry interval is
//! 200 ms.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use errdsl::{ErrorResult, ServiceError};
use errdsl_examples::notify::server::{Record, Response, RestateServer};
use errdsl_examples::notify::{
    self, Attempts, DEACTIVATED_USER, MISCONFIGURED_USER, Notify, NotifyError, NotifyIngressClient,
    RELAY_SECRET,
};
use restate_sdk::ingress::{Client, RequestExecutor};
use restate_sdk::prelude::{Endpoint, HttpServer};
use serde_json::json;

/// A server with the notify deployment registered, served in this test.
struct Setup {
    server: RestateServer,
    attempts: Arc<Attempts>,
}

impl Setup {
    async fn start(maintenance_attempts: u32) -> Setup {
        let server = RestateServer::start().await.unwrap();
        let notify = Notify::new(maintenance_attempts);
        let attempts = notify.attempts();
        let endpoint = notify::spawn(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), notify).await.unwrap();
        server.register(endpoint).await.unwrap();
        Setup { server, attempts }
    }

    /// Calls `notify_user(user)` and waits until the engine has completed it.
    async fn notify(&self, user: &str) -> (Response, Record) {
        let response = self.server.call("Notify", "notify_user", &json!(user)).await.unwrap();
        let id = response.invocation_id.clone().unwrap_or_else(|| panic!("no invocation: {response:?}"));
        let record = self.server.wait_for(&id, |record| record.status == "completed").await.unwrap();
        (response, record)
    }
}

/// The HTTP client under restate-sdk's ingress client: the workspace's
/// reqwest (the SDK's own `reqwest-client` feature would add a TLS stack).
struct Executor(reqwest::Client);

impl RequestExecutor for Executor {
    type Error = reqwest::Error;

    async fn execute(
        &self,
        request: http::Request<bytes::Bytes>,
    ) -> reqwest::Result<http::Response<bytes::Bytes>> {
        let response = self.0.execute(reqwest::Request::try_from(request)?).await?;
        let mut back = http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            back = back.header(name, value);
        }
        Ok(back.body(response.bytes().await?).expect("a response reqwest read is valid"))
    }
}

/// The value of `key` in the tag of a stored failure or event.
fn tag_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let tag = &text[text.find("[errdsl?")? + "[errdsl?".len()..];
    tag.split(['&', ']']).find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_restate),
    ignore = "needs restate-server: scripts/restate-server.sh install, then eval \"$(scripts/restate-server.sh env)\""
)]
async fn maintenance_is_retried_by_the_engine_until_the_third_attempt_succeeds() {
    let setup = Setup::start(2).await;
    let (response, record) = setup.notify("user_42").await;

    assert_eq!((response.status, response.text()), (200, "\"notified user_42@example.com\"".to_owned()));
    // The engine's records: two retryable failures, then success.
    assert_eq!(record.completion_result.as_deref(), Some("success"), "{record:?}");
    assert_eq!(record.transient_errors.len(), 2, "{record:?}");
    assert_eq!(record.attempts(), 3);
    let mut ids = Vec::new();
    for event in &record.transient_errors {
        assert!(event.contains("Notifications are paused for maintenance; they will be retried."), "{event}");
        assert_eq!(tag_value(event, "name"), Some("maintenance"), "{event}");
        assert!(event.contains("&temporary]"), "{event}");
        ids.push(tag_value(event, "id").unwrap().to_owned());
    }
    assert_ne!(ids[0], ids[1], "each attempt's error has its own id");
    // The handler's count agrees.
    assert_eq!(setup.attempts.of("user_42"), 3);
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_restate),
    ignore = "needs restate-server: scripts/restate-server.sh install, then eval \"$(scripts/restate-server.sh env)\""
)]
async fn a_deactivated_user_is_a_terminal_failure_never_retried() {
    let setup = Setup::start(2).await;
    let (response, record) = setup.notify(DEACTIVATED_USER).await;

    // What the caller receives: the status, the wire message, the tag.
    assert_eq!(response.status, 403);
    let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body["code"], 403);
    let message = body["message"].as_str().unwrap();
    assert!(message.starts_with("This user is deactivated. [errdsl?name=user_deactivated&id="), "{message}");
    let err = ErrorResult::from_restate_response(response.status, &response.body);
    assert_eq!(
        (err.name(), err.http_status().as_u16(), err.is_temporary()),
        ("user_deactivated", 403, false)
    );
    assert_eq!(err.user_message().as_deref(), Some("This user is deactivated."));
    assert_eq!(err.field("user_id"), Some(DEACTIVATED_USER));
    let id = err.id().to_owned();
    match NotifyError::try_from(err) {
        Ok(NotifyError::UserDeactivated { user_id }) => assert_eq!(user_id, DEACTIVATED_USER),
        other => panic!("not user_deactivated: {other:?}"),
    }

    // The engine's records: one attempt, the terminal failure stored as sent.
    assert_eq!(record.completion_result.as_deref(), Some("failure"));
    assert_eq!(record.transient_errors, Vec::<String>::new());
    assert_eq!(record.attempts(), 1);
    let stored = record.completion_failure.unwrap();
    assert_eq!(stored, format!("[403] {message}"));
    assert_eq!(tag_value(&stored, "id"), Some(id.as_str()));

    // Never retried: five retry intervals later the handler has run once.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(setup.attempts.of(DEACTIVATED_USER), 1);
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_restate),
    ignore = "needs restate-server: scripts/restate-server.sh install, then eval \"$(scripts/restate-server.sh env)\""
)]
async fn a_fault_keeps_its_text_from_the_caller_and_from_the_engine() {
    // No maintenance: the first attempt reaches the misconfigured relay.
    let setup = Setup::start(0).await;
    let (response, record) = setup.notify(MISCONFIGURED_USER).await;

    assert_eq!(response.status, 500);
    let text = response.text();
    assert!(!text.contains(RELAY_SECRET) && !text.contains("relay.internal"), "{text}");
    let err = ErrorResult::from_restate_response(response.status, &response.body);
    assert_eq!(err.name(), "relay_misconfigured");
    assert!(err.is_fault() && !err.is_temporary());
    assert_eq!(err.message(), format!("internal error (id: {})", err.id()));
    assert_eq!(err.user_message(), None);
    assert!(NotifyError::try_from(err).is_err(), "a fault's fields never travel, so it stays an ErrorResult");

    let stored = format!("{:?} {:?}", record.completion_failure, record.transient_errors);
    assert!(!stored.contains(RELAY_SECRET) && !stored.contains("relay.internal"), "{stored}");
    assert!(stored.contains("[500] internal error (id: "), "{stored}");
    assert_eq!(setup.attempts.of(MISCONFIGURED_USER), 1);
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_restate),
    ignore = "needs restate-server: scripts/restate-server.sh install, then eval \"$(scripts/restate-server.sh env)\""
)]
async fn the_demo_prints_what_the_caller_sees_and_the_attempts() {
    let out = notify::demo::run().await.unwrap();
    let expected = [
        "caller sees: HTTP 200 \"notified user_42@example.com\"",
        "attempts: 3 by the engine's records (2 retryable failures, then success), 3 by the handler",
        "caller sees: HTTP 403 {\"code\":403,\"message\":\"This user is deactivated. [errdsl?name=user_deactivated&id=",
        "typed: UserDeactivated { user_id: \"user_123\" }",
        "attempts: 1 by the engine's records (0 retryable failures, then failure), 1 by the handler",
        "caller sees: HTTP 500 {\"code\":500,\"message\":\"internal error (id: ",
        "not a NotifyError: relay_misconfigured",
    ];
    for line in expected {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    assert!(!out.contains(RELAY_SECRET), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_restate),
    ignore = "needs restate-server: scripts/restate-server.sh install, then eval \"$(scripts/restate-server.sh env)\""
)]
async fn restate_sdks_own_ingress_client_gets_the_typed_error() {
    let setup = Setup::start(0).await;
    // Through the helper first: it waits until the ingress knows the service.
    let (response, _) = setup.notify("user_9").await;
    assert_eq!(response.status, 200);

    let base = format!("http://{}", setup.server.ingress()).parse().unwrap();
    let notify =
        NotifyIngressClient::from_client(Client::new(base, Executor(reqwest::Client::new())).unwrap());
    let receipt = notify.notify_user("user_10".to_owned()).call().await.unwrap().into_body().unwrap();
    assert_eq!(receipt, "notified user_10@example.com");

    let failed =
        notify.notify_user(DEACTIVATED_USER.to_owned()).call().await.unwrap().into_body().unwrap_err();
    let err = ErrorResult::from_restate_client_error(&failed);
    assert_eq!((err.name(), err.http_status().as_u16()), ("user_deactivated", 403));
    match NotifyError::try_from(err) {
        Ok(NotifyError::UserDeactivated { user_id }) => assert_eq!(user_id, DEACTIVATED_USER),
        other => panic!("not user_deactivated: {other:?}"),
    }
}

/// The trap errdsl's `HandlerResult` exists for: a handler typed with
/// restate-sdk's own `HandlerResult` that returns a permanent error with
/// `?` (the SDK's blanket conversion makes every error retryable).
mod trap {
    // restate-sdk's macro generates an ingress client without docs.
    #![allow(missing_docs)]

    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    use errdsl_examples::notify::NotifyError;
    use restate_sdk::prelude::{Context, HandlerResult};

    pub(super) struct Trap(pub(super) Arc<AtomicU32>);

    #[restate_sdk::service]
    impl Trap {
        #[handler]
        #[allow(clippy::unused_async, reason = "restate-sdk's handlers are async")]
        async fn deactivate(&self, _ctx: Context<'_>, user_id: String) -> HandlerResult<()> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Err(NotifyError::user_deactivated(user_id))?
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_restate),
    ignore = "needs restate-server: scripts/restate-server.sh install, then eval \"$(scripts/restate-server.sh env)\""
)]
async fn with_restates_own_handler_result_a_permanent_error_is_retried() {
    let server = RestateServer::start().await.unwrap();
    let attempts = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let endpoint = listener.local_addr().unwrap();
    let trap = trap::Trap(Arc::clone(&attempts));
    tokio::spawn(HttpServer::new(Endpoint::builder().bind(trap).build()).serve(listener));
    server.register(endpoint).await.unwrap();

    let id = server.send("Trap", "deactivate", &json!(DEACTIVATED_USER)).await.unwrap();
    let record =
        server.wait_for(&id, |record| record.retry_count.is_some_and(|count| count >= 3)).await.unwrap();
    assert_eq!(record.completion_result, None, "still being retried: {record:?}");
    assert!(attempts.load(std::sync::atomic::Ordering::SeqCst) >= 3);
}
