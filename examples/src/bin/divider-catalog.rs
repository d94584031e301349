//! The error catalog of the divider service, as documentation.
//!
//! ```text
//! divider-catalog [--openapi PATH]
//! ```
//!
//! Prints every error of the divider (the union of its method-level enums'
//! catalogs, each name once) as a Markdown table on stdout, and writes an
//! `OpenAPI` 3.1 document with a response component per error to `PATH`
//! (default: `divider-errors.openapi.json` in the system's temporary
//! directory); the path goes to stderr.
//!
//! Run it with `cargo run -p errdsl-examples --bin divider-catalog`.

use std::path::PathBuf;
use std::process::ExitCode;

use errdsl::{Catalog, ErrorSpec, docs};
use errdsl_examples::divider::{DivideError, IntegerDivideError};

/// The usage text.
const USAGE: &str = "\
usage: divider-catalog [--openapi PATH]

Prints the divider's errors as a Markdown table and writes an OpenAPI 3.1
document with a response component per error to PATH (default:
divider-errors.openapi.json in the temporary directory).
";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    /// Print the table and write the document here.
    Run { openapi: PathBuf },
    /// Print the usage.
    Help,
}

/// Parses the arguments (without the program name).
fn parse(args: &[String]) -> Result<Command, String> {
    let mut openapi = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--openapi" => match args.next() {
                Some(path) if openapi.is_none() => openapi = Some(PathBuf::from(path)),
                Some(_) => return Err("--openapi given twice".to_owned()),
                None => return Err("--openapi needs a path".to_owned()),
            },
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let openapi = openapi.unwrap_or_else(|| std::env::temp_dir().join("divider-errors.openapi.json"));
    Ok(Command::Run { openapi })
}

/// Every error of the divider service: those of each method, which include
/// the service-level ones, each name once.
fn divider_errors() -> Vec<ErrorSpec> {
    docs::union(&[IntegerDivideError::ERRORS, DivideError::ERRORS])
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let openapi = match parse(&args) {
        Ok(Command::Run { openapi }) => openapi,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprint!("divider-catalog: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let errors = divider_errors();
    println!("# Errors of the divider service\n");
    print!("{}", docs::markdown_table(&errors));

    let document = docs::openapi_document("Divider errors", env!("CARGO_PKG_VERSION"), &errors);
    let written = serde_json::to_string_pretty(&document)
        .map_err(std::io::Error::other)
        .and_then(|text| std::fs::write(&openapi, text + "\n"));
    match written {
        Ok(()) => {
            eprintln!("wrote the OpenAPI 3.1 document to {}", openapi.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("divider-catalog: cannot write {}: {err}", openapi.display());
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|&arg| arg.to_owned()).collect()
    }

    #[test]
    fn parses_the_command_line() {
        assert_eq!(
            parse(&args(&["--openapi", "x.json"])),
            Ok(Command::Run { openapi: PathBuf::from("x.json") })
        );
        assert!(matches!(parse(&[]), Ok(Command::Run { .. })));
        assert_eq!(parse(&args(&["--help"])), Ok(Command::Help));
        assert!(parse(&args(&["--openapi"])).is_err());
        assert!(parse(&args(&["--openapi", "a", "--openapi", "b"])).is_err());
        assert!(parse(&args(&["serve"])).is_err());
    }

    #[test]
    fn lists_every_divider_error_once() {
        let names: Vec<_> = divider_errors().iter().map(|spec| spec.name).collect();
        assert_eq!(
            names,
            [
                "unauthenticated",
                "maintenance",
                "decode_payload",
                "missing_payload",
                "missing_field",
                "invalid_field_type",
                "invalid_fields",
                "unsupported_media_type",
                "payload_too_large",
                "not_found",
                "route_mismatch",
                "method_not_allowed",
                "div_by_zero",
                "timeout",
                "has_remainder",
                "divisor_too_large",
                "overflow",
                "not_finite"
            ]
        );
    }
}
