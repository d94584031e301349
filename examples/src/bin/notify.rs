//! Dispatch's examples on Restate, declared with errdsl.
//!
//! ```text
//! notify                     run the demo: start restate-server on free
//!                            127.0.0.1 ports, register the notify service,
//!                            invoke it, print what the caller sees and how
//!                            many attempts the engine made, stop
//! notify serve --bind ADDR [--maintenance-attempts N]
//!                            serve the deployment until killed (default: 2)
//! ```
//!
//! Run it with `cargo run -p errdsl-examples --bin notify`, after
//! `scripts/restate-server.sh install` (or with `ERRDSL_RESTATE_SERVER`
//! naming a `restate-server` binary).

use std::net::SocketAddr;
use std::process::ExitCode;

use errdsl_examples::notify::{self, Notify, demo};

/// The usage text.
const USAGE: &str = "\
usage: notify
       notify serve --bind ADDR [--maintenance-attempts N]

Without a command, runs the demo against a restate-server it starts (install
it with scripts/restate-server.sh install, or set ERRDSL_RESTATE_SERVER).

serve: serves the notify deployment on ADDR until killed; the first N
attempts (default 2) of every notification fail with `maintenance`.
";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Demo,
    Serve { bind: SocketAddr, maintenance_attempts: u32 },
}

/// Parses the arguments (without the program name).
fn parse(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().map(String::as_str);
    match args.next() {
        None => Ok(Command::Demo),
        Some("serve") => {
            let (mut bind, mut maintenance_attempts) = (None, demo::MAINTENANCE_ATTEMPTS);
            while let Some(flag) = args.next() {
                let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
                match flag {
                    "--bind" => bind = Some(value.parse().map_err(|_| format!("not an address: {value:?}"))?),
                    "--maintenance-attempts" => {
                        maintenance_attempts =
                            value.parse().map_err(|_| format!("not a count: {value:?}"))?;
                    }
                    _ => return Err(format!("unknown flag {flag:?}")),
                }
            }
            Ok(Command::Serve { bind: bind.ok_or("serve needs --bind ADDR")?, maintenance_attempts })
        }
        Some(other) => Err(format!("unknown command {other:?}")),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt().with_writer(std::io::stderr).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Demo) => match demo::run().await {
            Ok(out) => {
                print!("{out}");
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("notify: {err}");
                ExitCode::FAILURE
            }
        },
        Ok(Command::Serve { bind, maintenance_attempts }) => {
            match tokio::net::TcpListener::bind(bind).await {
                Ok(listener) => {
                    notify::serve(listener, Notify::new(maintenance_attempts)).await;
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("notify: bind {bind}: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(err) => {
            eprintln!("notify: {err}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_the_command_line() {
        assert_eq!(parse(&args("")), Ok(Command::Demo));
        assert_eq!(
            parse(&args("serve --bind 127.0.0.1:9080 --maintenance-attempts 0")),
            Ok(Command::Serve { bind: "127.0.0.1:9080".parse().unwrap(), maintenance_attempts: 0 })
        );
        assert_eq!(
            parse(&args("serve --bind 127.0.0.1:9080")),
            Ok(Command::Serve { bind: "127.0.0.1:9080".parse().unwrap(), maintenance_attempts: 2 })
        );
        assert!(parse(&args("serve")).is_err());
        assert!(parse(&args("serve --bind nowhere")).is_err());
        assert!(parse(&args("serve --bind")).is_err());
        assert!(parse(&args("fly")).is_err());
    }
}
