//! Goa's divider example (goadesign/examples, `error/`) as a real HTTP and
//! gRPC service, with its errors declared in one [`errdsl::errors!`].
//!
//! | method | HTTP | gRPC |
//! | --- | --- | --- |
//! | `integer_divide` (`i32`) | `GET /idiv/{a}/{b}` | `divider.Divider/IntegerDivide` |
//! | `divide` (`f64`) | `GET /div/{a}/{b}` | `divider.Divider/Divide` |
//!
//! Every error of [`errors`] is reachable on purpose:
//!
//! | error | how |
//! | --- | --- |
//! | `div_by_zero` | `b = 0` |
//! | `has_remainder` | `integer_divide` that is not exact, e.g. `7 / 2` |
//! | `overflow` (fault) | `integer_divide(i32::MIN, -1)` |
//! | `divisor_too_large` (Goa's custom-type body) | `integer_divide` by more than [`MAX_DIVISOR`] (`1000000`) in absolute value, e.g. `7 / 2000000` |
//! | `not_finite` | `divide` whose quotient overflows `f64`, e.g. `1e308 / 1e-308` |
//! | `timeout` | dividend [`SLOW_DIVIDEND`] (`999999`): the computation never finishes and hits the deadline ([`Config::deadline`]) |
//! | `unauthenticated` | an `authorization` header or metadata other than [`DEMO_TOKEN`] |
//! | `maintenance` | any call to a server in maintenance mode ([`Config::maintenance`], `--maintenance`) |
//! | `invalid_field_type` | HTTP only: an operand that is not a number, e.g. `/idiv/abc/2` |
//!
//! [`start`] binds both servers on ephemeral loopback ports and returns their
//! addresses; [`serve`] runs them on listeners you bound; [`demo`] calls
//! every endpoint with real clients and prints what a client sees.

pub mod connect;
pub mod demo;
pub mod errors;
pub mod grpc;
pub mod http;
mod service;

use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use errors::{DivideError, DividerError, IntegerDivideError, WorkerFault};
pub use service::{Config, DEMO_TOKEN, Divider, MAX_DIVISOR, SECRET_MARKER, SLOW_DIVIDEND};

/// Serves the divider over HTTP on `http` and over gRPC on `grpc` until
/// either server fails.
pub async fn serve(http: TcpListener, grpc: TcpListener, config: Config) -> io::Result<()> {
    serve_until(http, grpc, config, std::future::pending()).await
}

/// Serves the divider like [`serve`], until `shutdown` completes; then both
/// servers stop gracefully.
pub async fn serve_until(
    http: TcpListener,
    grpc: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let divider = Divider::new(config);
    let (stop, stopped) = watch::channel(false);
    let http_server =
        axum::serve(http, http::router(divider.clone())).with_graceful_shutdown(stop_signal(stopped.clone()));
    let grpc_server = tonic::transport::Server::builder()
        .add_service(grpc::DividerGrpc::new(divider).into_server())
        .serve_with_incoming_shutdown(
            tonic::transport::server::TcpIncoming::from(grpc),
            stop_signal(stopped),
        );
    let grpc_server = async { grpc_server.await.map_err(io::Error::other) };
    let servers = async {
        tokio::try_join!(http_server.into_future(), grpc_server)?;
        Ok(())
    };
    let mut servers = std::pin::pin!(servers);
    tokio::select! {
        result = &mut servers => return result,
        () = shutdown => {
            // Both servers hold a receiver until they stop.
            let _ = stop.send(true);
        }
    }
    servers.await
}

/// Completes once `stop` says so (or its sender is gone).
async fn stop_signal(mut stopped: watch::Receiver<bool>) {
    // An error means the sender is gone, which is a stop as well.
    let _ = stopped.wait_for(|stop| *stop).await;
}

/// Binds both servers on ephemeral ports of 127.0.0.1 and serves them in a
/// background task. The ports accept connections as soon as this returns.
pub async fn start(config: Config) -> io::Result<Running> {
    let http = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let grpc = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let http_addr = http.local_addr()?;
    let grpc_addr = grpc.local_addr()?;
    let task = tokio::spawn(serve(http, grpc, config));
    Ok(Running { http_addr, grpc_addr, task })
}

/// Divider servers running in a background task, stopped when dropped.
#[derive(Debug)]
pub struct Running {
    http_addr: SocketAddr,
    grpc_addr: SocketAddr,
    task: JoinHandle<io::Result<()>>,
}

impl Running {
    /// The address of the HTTP server.
    pub fn http_addr(&self) -> SocketAddr {
        self.http_addr
    }

    /// The address of the gRPC server.
    pub fn grpc_addr(&self) -> SocketAddr {
        self.grpc_addr
    }

    /// The base URL of the HTTP server, e.g. `http://127.0.0.1:41234`.
    pub fn http_url(&self) -> String {
        format!("http://{}", self.http_addr)
    }

    /// The endpoint of the gRPC server, e.g. `http://127.0.0.1:41235`.
    pub fn grpc_url(&self) -> String {
        format!("http://{}", self.grpc_addr)
    }

    /// Waits until the servers stop, which they do only on an error.
    pub async fn wait(mut self) -> io::Result<()> {
        match (&mut self.task).await {
            Ok(result) => result,
            Err(join) => Err(io::Error::other(join)),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}
