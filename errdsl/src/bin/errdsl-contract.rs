//! `errdsl-contract`: compares two error contracts (the files
//! `errdsl::testing::assert_contract` writes) and says what a client
//! already deployed against the old one would meet in the new one.
//!
//! ```text
//! errdsl-contract diff OLD.json NEW.json
//! ```
//!
//! It prints every change, breaking ones first, one per line, and exits
//! with status 1 when one is breaking, 0 when none is, and 2 when a file
//! cannot be read. In CI, between the last release and the branch:
//!
//! ```text
//! git show v1.4.0:errors.contract.json > /tmp/released.json
//! errdsl-contract diff /tmp/released.json errors.contract.json
//! ```

use errdsl::contract::{Contract, Severity, diff};
use std::process::ExitCode;

const USAGE: &str = "usage: errdsl-contract diff OLD.json NEW.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command, old, new] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if command != "diff" {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let read = |path: &str| {
        std::fs::read_to_string(path)
            .map_err(|err| format!("{path}: {err}"))
            .and_then(|text| Contract::from_json(&text).map_err(|err| format!("{path}: {err}")))
    };
    let (old, new) = match (read(old), read(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(err), _) | (_, Err(err)) => {
            eprintln!("errdsl-contract: {err}");
            return ExitCode::from(2);
        }
    };
    let mut changes = diff(&old, &new);
    changes.sort_by_key(|change| std::cmp::Reverse(change.severity));
    for change in &changes {
        println!("{change}");
    }
    let breaking = changes.iter().filter(|change| change.severity == Severity::Breaking).count();
    if breaking > 0 {
        eprintln!("errdsl-contract: {breaking} breaking change(s)");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
