//! Goa's divider example as a real HTTP + gRPC service, declared with errdsl.
//!
//! ```text
//! divider                    run the demo: start the servers on ephemeral
//!                            127.0.0.1 ports, call every endpoint over HTTP
//!                            and gRPC, print what a client sees, exit
//! divider --keep-serving     the demo, then keep the servers up (Ctrl-C stops)
//! divider serve [--http ADDR] [--grpc ADDR] [--maintenance] [--deadline-ms N]
//!                            serve until Ctrl-C (defaults: HTTP 127.0.0.1:8000,
//!                            gRPC 127.0.0.1:8080, deadline 100 ms)
//! ```
//!
//! Run it with `cargo run -p errdsl-examples --bin divider`. Server logs
//! (among them every fault, with its id) go to stderr.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use errdsl_examples::divider::{self, Config};
use tokio::net::TcpListener;

/// The usage text.
const USAGE: &str = "\
usage: divider [--keep-serving]
       divider serve [--http ADDR] [--grpc ADDR] [--maintenance] [--deadline-ms N]

Without a command, runs the demo: starts the divider on ephemeral 127.0.0.1
ports, calls every endpoint over HTTP and gRPC with real clients, prints what
a client sees, and exits (--keep-serving: keeps the servers up afterwards).

serve: serves until Ctrl-C.
  --http ADDR        HTTP address (default 127.0.0.1:8000)
  --grpc ADDR        gRPC address (default 127.0.0.1:8080)
  --maintenance      answer every call with the maintenance error
  --deadline-ms N    computation deadline in ms (default 100); a dividend of
                     999999 never finishes and always times out
";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    /// Run the demo, then keep serving if asked.
    Demo { keep_serving: bool },
    /// Serve on these addresses.
    Serve { http: SocketAddr, grpc: SocketAddr, config: Config },
    /// Print the usage.
    Help,
}

/// Parses the arguments (without the program name).
fn parse(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().map(String::as_str);
    match args.next() {
        None => Ok(Command::Demo { keep_serving: false }),
        Some("--keep-serving") => match args.next() {
            None => Ok(Command::Demo { keep_serving: true }),
            Some(extra) => Err(format!("unexpected argument {extra:?}")),
        },
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("serve") => {
            let mut http = SocketAddr::from(([127, 0, 0, 1], 8000));
            let mut grpc = SocketAddr::from(([127, 0, 0, 1], 8080));
            let mut config = Config::default();
            while let Some(flag) = args.next() {
                let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
                match flag {
                    "--http" => http = address(flag, value()?)?,
                    "--grpc" => grpc = address(flag, value()?)?,
                    "--maintenance" => config.maintenance = true,
                    "--deadline-ms" => {
                        let ms = value()?;
                        let ms =
                            ms.parse().map_err(|_| format!("--deadline-ms: {ms:?} is not a number of ms"))?;
                        config.deadline = Duration::from_millis(ms);
                    }
                    _ => return Err(format!("unknown option {flag:?}")),
                }
            }
            Ok(Command::Serve { http, grpc, config })
        }
        Some(other) => Err(format!("unknown command {other:?}")),
    }
}

/// Parses a socket address argument.
fn address(flag: &str, value: &str) -> Result<SocketAddr, String> {
    value.parse().map_err(|_| format!("{flag}: {value:?} is not an address such as 127.0.0.1:8000"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(command) => command,
        Err(message) => {
            eprintln!("divider: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // Flushed when `main` returns.
    let _log = errdsl_examples::logging::to_stderr();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("divider: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("divider: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the command.
async fn run(command: Command) -> Result<(), divider::demo::DemoError> {
    match command {
        Command::Help => Ok(()),
        Command::Demo { keep_serving } => {
            let servers = divider::start(Config::default()).await?;
            let maintenance = divider::start(Config::maintenance()).await?;
            divider::demo::run(&servers, &maintenance, &mut std::io::stdout()).await?;
            if keep_serving {
                println!();
                println!("Serving until Ctrl-C. Try:");
                println!("  curl -i {}/idiv/7/2", servers.http_url());
                println!("  curl -i -H 'Accept: application/problem+json' {}/div/1/0", servers.http_url());
                println!(
                    "  gRPC on {}, in maintenance mode on {}",
                    servers.grpc_addr(),
                    maintenance.grpc_addr()
                );
                tokio::signal::ctrl_c().await?;
            }
            Ok(())
        }
        Command::Serve { http, grpc, config } => {
            let http = TcpListener::bind(http).await?;
            let grpc = TcpListener::bind(grpc).await?;
            tracing::info!(
                http = %http.local_addr()?,
                grpc = %grpc.local_addr()?,
                maintenance = config.maintenance,
                deadline_ms = config.deadline.as_millis(),
                "divider serving"
            );
            let shutdown = async {
                // If Ctrl-C cannot be awaited, serve on until killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
                tracing::info!("stopping");
            };
            divider::serve_until(http, grpc, config, shutdown).await?;
            tracing::info!("divider stopped");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(args: &[&str]) -> Vec<String> {
        args.iter().map(|&arg| arg.to_owned()).collect()
    }

    #[test]
    fn no_arguments_run_the_demo() {
        assert_eq!(parse(&[]), Ok(Command::Demo { keep_serving: false }));
        assert_eq!(parse(&args(&["--keep-serving"])), Ok(Command::Demo { keep_serving: true }));
    }

    #[test]
    fn serve_takes_addresses_and_flags() {
        let command = parse(&args(&[
            "serve",
            "--http",
            "127.0.0.1:9000",
            "--grpc",
            "127.0.0.1:9001",
            "--maintenance",
            "--deadline-ms",
            "250",
        ]));
        let config = Config { maintenance: true, deadline: Duration::from_millis(250) };
        assert_eq!(
            command,
            Ok(Command::Serve {
                http: "127.0.0.1:9000".parse().unwrap(),
                grpc: "127.0.0.1:9001".parse().unwrap(),
                config,
            })
        );
    }

    #[test]
    fn mistakes_are_reported_not_panicked_on() {
        assert_eq!(parse(&args(&["serve", "--http"])), Err("--http needs a value".to_owned()));
        assert!(parse(&args(&["serve", "--http", "nope"])).unwrap_err().contains("not an address"));
        assert!(parse(&args(&["serve", "--deadline-ms", "-1"])).unwrap_err().contains("not a number"));
        assert!(parse(&args(&["serve", "--bogus"])).unwrap_err().contains("unknown option"));
        assert!(parse(&args(&["frobnicate"])).unwrap_err().contains("unknown command"));
        assert!(parse(&args(&["--keep-serving", "x"])).unwrap_err().contains("unexpected"));
    }
}
