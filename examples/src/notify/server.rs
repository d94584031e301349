//! A throwaway `restate-server` on free ports of 127.0.0.1, and what the
//! example and its tests ask it: register a deployment, call a handler
//! through the ingress, read the engine's records through the admin API.
//!
//! The binary comes from npm (`scripts/restate-server.sh install`); its
//! path is `ERRDSL_RESTATE_SERVER`, else where that script puts it.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long the server may take to start, and a deployment to register.
const STARTUP: Duration = Duration::from_secs(60);

/// The engine's retry policy for these runs: a fixed 200 ms between
/// attempts, so that retries stay bounded in time.
const RETRY_INTERVAL: &str = "200ms";

/// A `restate-server` process with its own data directory; dropping it
/// stops the process and deletes the directory.
#[derive(Debug)]
pub struct RestateServer {
    child: Child,
    dir: PathBuf,
    ingress: SocketAddr,
    admin: SocketAddr,
    http: reqwest::Client,
}

/// A response of the ingress, as the caller sees it.
#[derive(Debug, Clone)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The invocation's id (`x-restate-id`), when an invocation was made.
    pub invocation_id: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// The body as text.
    #[must_use]
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// What the engine recorded of one invocation (`sys_invocation` and
/// `sys_journal_events`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// `pending`, `running`, `backing-off`, `completed`, ...
    pub status: String,
    /// `success` or `failure` once completed.
    pub completion_result: Option<String>,
    /// The stored terminal failure, `[code] message`.
    pub completion_failure: Option<String>,
    /// The attempts that failed with a retryable error, one event each
    /// (the engine keeps one per distinct error, and errdsl's carry the id
    /// of each attempt's error).
    pub transient_errors: Vec<String>,
    /// The engine's count of attempts of an invocation in flight.
    pub retry_count: Option<u64>,
}

impl Record {
    /// The attempts of a completed invocation: the failed ones and the
    /// last, which completed it.
    #[must_use]
    pub fn attempts(&self) -> usize {
        self.transient_errors.len() + 1
    }
}

/// The server's binary: `ERRDSL_RESTATE_SERVER`, else where
/// `scripts/restate-server.sh install` puts it.
///
/// # Errors
///
/// A message saying how to install it, when it is not found.
pub fn binary() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("ERRDSL_RESTATE_SERVER").filter(|path| !path.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/restate-server/node_modules/@restatedev");
    let found = std::fs::read_dir(&root).ok().and_then(|entries| {
        entries
            .filter_map(Result::ok)
            .map(|entry| entry.path().join("bin/restate-server"))
            .find(|path| path.is_file())
    });
    found.ok_or_else(|| {
        "restate-server is not installed: run scripts/restate-server.sh install \
         (or set ERRDSL_RESTATE_SERVER to its binary)"
            .to_owned()
    })
}

/// A free port of 127.0.0.1, for the server to bind.
fn free_port() -> std::io::Result<SocketAddr> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()
}

impl RestateServer {
    /// Starts a server from [`binary`], and waits until its admin API and
    /// ingress answer.
    ///
    /// # Errors
    ///
    /// The binary is missing, or the server did not come up (with its log).
    pub async fn start() -> Result<Self, String> {
        let binary = binary()?;
        let dir = std::env::temp_dir().join(format!("errdsl-restate-{}-{}", std::process::id(), unique()));
        std::fs::create_dir_all(&dir).map_err(|err| format!("create {}: {err}", dir.display()))?;
        let log = std::fs::File::create(dir.join("server.log")).map_err(|err| err.to_string())?;
        let (ingress, admin, node) = (free_port(), free_port(), free_port());
        let (ingress, admin, node) = (ingress.map_err(str)?, admin.map_err(str)?, node.map_err(str)?);
        let child = Command::new(&binary)
            .args(["--no-logo", "--listen-mode", "tcp"])
            .env("RESTATE_BASE_DIR", dir.join("data"))
            .env("RESTATE_BIND_ADDRESS", node.to_string())
            .env("RESTATE_ADVERTISED_ADDRESS", format!("http://{node}"))
            .env("RESTATE_INGRESS__BIND_ADDRESS", ingress.to_string())
            .env("RESTATE_ADMIN__BIND_ADDRESS", admin.to_string())
            .env("RESTATE_DEFAULT_NUM_PARTITIONS", "2")
            .env("RESTATE_ROCKSDB_TOTAL_MEMORY_SIZE", "256MB")
            .env("RESTATE_DEFAULT_RETRY_POLICY__INITIAL_INTERVAL", RETRY_INTERVAL)
            .env("RESTATE_DEFAULT_RETRY_POLICY__EXPONENTIATION_FACTOR", "1.0")
            .env("RESTATE_DEFAULT_RETRY_POLICY__MAX_INTERVAL", RETRY_INTERVAL)
            .env("DO_NOT_TRACK", "true")
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|err| err.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|err| format!("start {}: {err}", binary.display()))?;
        // No idle connections kept: a test may call from several runtimes.
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .pool_max_idle_per_host(0)
            .build()
            .map_err(str)?;
        let mut server = RestateServer { child, dir, ingress, admin, http };
        server.wait_until_up().await?;
        Ok(server)
    }

    /// Polls the admin API and the ingress until both answer.
    async fn wait_until_up(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + STARTUP;
        let urls =
            [format!("http://{}/health", self.admin), format!("http://{}/restate/health", self.ingress)];
        for url in urls {
            loop {
                if let Ok(Some(status)) = self.child.try_wait() {
                    return Err(format!("restate-server exited with {status}:\n{}", self.log()));
                }
                if self.http.get(&url).send().await.is_ok_and(|response| response.status().is_success()) {
                    break;
                }
                if Instant::now() > deadline {
                    return Err(format!("restate-server did not answer {url} in time:\n{}", self.log()));
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Ok(())
    }

    /// The server's log so far.
    #[must_use]
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }

    /// The ingress's address.
    #[must_use]
    pub fn ingress(&self) -> SocketAddr {
        self.ingress
    }

    /// Registers the deployment serving at `endpoint` (the admin API's
    /// `POST /deployments`), replacing one at the same address.
    ///
    /// # Errors
    ///
    /// The admin API refused it (with its answer).
    pub async fn register(&self, endpoint: SocketAddr) -> Result<(), String> {
        let url = format!("http://{}/deployments", self.admin);
        let body = json!({"uri": format!("http://{endpoint}"), "force": true});
        let response = self.http.post(url).json(&body).send().await.map_err(str)?;
        let status = response.status();
        let text = response.text().await.map_err(str)?;
        if status.is_success() { Ok(()) } else { Err(format!("registering {endpoint}: {status}: {text}")) }
    }

    /// Calls `service/handler` with `input` (JSON) through the ingress and
    /// waits for the invocation's outcome, as a caller does. A call the
    /// ingress turned away before making an invocation (no `x-restate-id`,
    /// as while a new deployment propagates) is tried again, for up to a
    /// minute.
    ///
    /// # Errors
    ///
    /// The ingress could not be reached.
    pub async fn call(&self, service: &str, handler: &str, input: &Value) -> Result<Response, String> {
        let url = format!("http://{}/{service}/{handler}", self.ingress);
        self.until_invoked(|| self.http.post(&url).json(input).send()).await
    }

    /// Starts `service/handler` with `input` without waiting for it
    /// (`/send`); returns the invocation's id.
    ///
    /// # Errors
    ///
    /// The ingress could not be reached, or did not accept the invocation.
    pub async fn send(&self, service: &str, handler: &str, input: &Value) -> Result<String, String> {
        let url = format!("http://{}/{service}/{handler}/send", self.ingress);
        let response = self.until_invoked(|| self.http.post(&url).json(input).send()).await?;
        let body: Value = serde_json::from_slice(&response.body).map_err(str)?;
        body["invocationId"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no invocation id in {}", response.text()))
    }

    /// Waits for the outcome of invocation `id`, as a caller attached to it
    /// sees it.
    ///
    /// # Errors
    ///
    /// The ingress could not be reached.
    pub async fn attach(&self, id: &str) -> Result<Response, String> {
        let url = format!("http://{}/restate/invocation/{id}/attach", self.ingress);
        let client = reqwest::Client::builder().timeout(STARTUP).build().map_err(str)?;
        read(client.get(url).send().await.map_err(str)?).await
    }

    /// Sends a request until the ingress makes an invocation of it.
    async fn until_invoked<F, Fut>(&self, request: F) -> Result<Response, String>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = reqwest::Result<reqwest::Response>>,
    {
        let deadline = Instant::now() + STARTUP;
        loop {
            let response = read(request().await.map_err(str)?).await?;
            let invoked = response.invocation_id.is_some() || response.status < 300;
            if invoked || Instant::now() > deadline {
                return Ok(response);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the engine recorded of invocation `id`; `None` before it knows
    /// the invocation.
    ///
    /// # Errors
    ///
    /// The admin API could not be queried.
    pub async fn record(&self, id: &str) -> Result<Option<Record>, String> {
        // Invocation ids are `inv_` and base62: nothing to escape.
        if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(format!("not an invocation id: {id:?}"));
        }
        let invocation = self
            .query(&format!(
                "SELECT status, completion_result, completion_failure, retry_count FROM sys_invocation WHERE id = '{id}'"
            ))
            .await?;
        let Some(row) = invocation.first() else { return Ok(None) };
        let events = self
            .query(&format!(
                "SELECT event_json FROM sys_journal_events WHERE id = '{id}' AND event_type = 'TransientError' ORDER BY appended_at"
            ))
            .await?;
        let text = |value: &Value| value.as_str().map(str::to_owned);
        Ok(Some(Record {
            status: text(&row["status"]).unwrap_or_default(),
            completion_result: text(&row["completion_result"]),
            completion_failure: text(&row["completion_failure"]),
            retry_count: row["retry_count"].as_u64(),
            transient_errors: events.iter().filter_map(|event| text(&event["event_json"])).collect(),
        }))
    }

    /// The rows of an SQL query of the admin API (`POST /query`).
    async fn query(&self, sql: &str) -> Result<Vec<Value>, String> {
        let url = format!("http://{}/query", self.admin);
        let response = self
            .http
            .post(url)
            .header("accept", "application/json")
            .json(&json!({"query": sql}))
            .send()
            .await
            .map_err(str)?;
        let status = response.status();
        let body: Value = response.json().await.map_err(str)?;
        match body["rows"].as_array() {
            Some(rows) if status.is_success() => Ok(rows.clone()),
            _ => Err(format!("query {sql:?}: {status}: {body}")),
        }
    }

    /// Polls the record of invocation `id` until `done` holds, for up to a
    /// minute.
    ///
    /// # Errors
    ///
    /// The admin API could not be queried, or `done` never held.
    pub async fn wait_for(&self, id: &str, done: impl Fn(&Record) -> bool) -> Result<Record, String> {
        let deadline = Instant::now() + STARTUP;
        loop {
            let record = self.record(id).await?;
            if let Some(record) = record.filter(|record| done(record)) {
                return Ok(record);
            }
            if Instant::now() > deadline {
                return Err(format!("invocation {id}: still {:?} after a minute", self.record(id).await?));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for RestateServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A response, read whole.
async fn read(response: reqwest::Response) -> Result<Response, String> {
    let status = response.status().as_u16();
    let invocation_id =
        response.headers().get("x-restate-id").and_then(|id| id.to_str().ok()).map(str::to_owned);
    let body = response.bytes().await.map_err(str)?.to_vec();
    Ok(Response { status, invocation_id, body })
}

/// An error as text.
fn str(err: impl std::fmt::Display) -> String {
    err.to_string()
}

/// A number no other server of this process had, for its directory.
fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
