//! `errdsl-contract diff OLD NEW`, run as CI runs it: its output and exit
//! status for a breaking change, a compatible one, and files it cannot read.
#![cfg(feature = "serde")]

use std::path::PathBuf;
use std::process::Command;

use errdsl::contract::Contract;
use errdsl::{Code, ErrorSpec};

/// A contract file of `specs` in a fresh temporary directory.
fn file(name: &str, specs: &[ErrorSpec]) -> PathBuf {
    let test = std::thread::current().name().unwrap_or("test").replace(':', "_");
    let dir = std::env::temp_dir().join(format!("errdsl-contract-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, Contract::of(specs).to_json()).unwrap();
    path
}

/// The exit status, stdout and stderr of `errdsl-contract` with `args`.
fn run(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_errdsl-contract")).args(args).output().expect("run it");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

#[test]
fn a_breaking_change_exits_with_1_and_says_why() {
    let old = file("v1.json", &[ErrorSpec::new("div_by_zero", Code::InvalidArgument)]);
    let new = file(
        "v2.json",
        &[
            ErrorSpec::new("div_by_zero", Code::InvalidArgument).with_temporary(true),
            ErrorSpec::new("overflow", Code::OutOfRange),
        ],
    );
    let (status, stdout, stderr) = run(&["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
    assert_eq!(status, Some(1), "{stdout}{stderr}");
    assert_eq!(
        stdout,
        "breaking: div_by_zero: now temporary: clients retry a request they gave up on\n\
         compatible: overflow: added\n"
    );
    assert_eq!(stderr, "errdsl-contract: 1 breaking change(s)\n");

    // No change, or only compatible ones: status 0.
    let (status, stdout, _) = run(&["diff".as_ref(), old.as_os_str(), old.as_os_str()]);
    assert_eq!((status, stdout.as_str()), (Some(0), ""));
    let grown = file(
        "v3.json",
        &[ErrorSpec::new("div_by_zero", Code::InvalidArgument), ErrorSpec::new("overflow", Code::OutOfRange)],
    );
    let (status, stdout, _) = run(&["diff".as_ref(), old.as_os_str(), grown.as_os_str()]);
    assert_eq!((status, stdout.as_str()), (Some(0), "compatible: overflow: added\n"));
    let _ = std::fs::remove_dir_all(old.parent().unwrap());
}

#[test]
fn what_it_cannot_read_exits_with_2() {
    let old = file("ok.json", &[]);
    let missing = old.with_file_name("missing.json");
    let (status, _, stderr) = run(&["diff".as_ref(), old.as_os_str(), missing.as_os_str()]);
    assert_eq!(status, Some(2));
    assert!(stderr.starts_with("errdsl-contract: ") && stderr.contains("missing.json"), "{stderr}");
    let (status, _, stderr) = run(&["compare".as_ref()]);
    assert_eq!((status, stderr.as_str()), (Some(2), "usage: errdsl-contract diff OLD.json NEW.json\n"));
    let _ = std::fs::remove_dir_all(old.parent().unwrap());
}
