//! Writes `$OUT_DIR/large_catalog.rs`: one `errdsl::errors!` with 500 errors
//! in Goa's three levels, for `tests/large_catalog.rs`.
//!
//! - `ApiError`: errors 0..20;
//! - `Svc{s}Error: ApiError`, s in 0..4: 40 errors each (20..180);
//! - `Svc{s}Op{m}Error: Svc{s}Error`, m in 0..4: 20 errors each (180..500).
//!
//! Error `i` is of kind `i % 8`; its variant is the kind's word and `i`
//! (`Missing9`), so its default wire name is `missing9`. The kinds:
//!
//! | kind | variant | shape | keys |
//! | --- | --- | --- | --- |
//! | 0 | `Invalid{i}` | unit | `grpc = <Code name>` (cycling through all 16) |
//! | 1 | `Missing{i}` | `(u32, String)` | `grpc = <number>` (1..=16), `user_msg` with `{0}` `{1}` |
//! | 2 | `Conflict{i}` | `{ item_id, owner }` | `http = <status>`, `user_msg` with `{item_id}` `{owner}` |
//! | 3 | `Busy{i}` | unit | `temporary`, `retry_after_secs` |
//! | 4 | `Broken{i}` | `{ detail }` | `fault` |
//! | 5 | `Slow{i}` | `(u64)` | `timeout` |
//! | 6 | `Denied{i}` | `{ user }` | `grpc` and `http` both, `user_msg` |
//! | 7 | `Custom{i}` | unit | `grpc = Aborted, temporary, name = "custom_wire_{i}"` |

use std::fmt::Write as _;
use std::{env, fs, path::Path};

const CODE_NAMES: [&str; 16] = [
    "Cancelled",
    "Unknown",
    "InvalidArgument",
    "DeadlineExceeded",
    "NotFound",
    "AlreadyExists",
    "PermissionDenied",
    "ResourceExhausted",
    "FailedPrecondition",
    "Aborted",
    "OutOfRange",
    "Unimplemented",
    "Internal",
    "Unavailable",
    "DataLoss",
    "Unauthenticated",
];

const STATUSES: [u16; 16] = [400, 401, 403, 404, 408, 409, 412, 416, 422, 429, 499, 500, 501, 502, 503, 504];

/// The attributes and the variant of error `i`.
fn variant(i: usize) -> String {
    let round = i / 8;
    match i % 8 {
        0 => format!(
            "#[error(\"invalid request {i}\")]\n#[service_error(grpc = {})]\nInvalid{i},",
            CODE_NAMES[round % 16]
        ),
        1 => format!(
            "#[error(\"missing {{0}} in {{1}} ({i})\")]\n\
             #[service_error(grpc = {}, user_msg = \"Nothing numbered {{0}} in {{1}}.\")]\n\
             Missing{i}(u32, String),",
            round % 16 + 1
        ),
        2 => format!(
            "#[error(\"conflict {i} on {{item_id}} (owner {{owner}})\")]\n\
             #[service_error(http = {}, user_msg = \"Item {{item_id}} belongs to {{owner}}.\")]\n\
             Conflict{i} {{ item_id: u64, owner: String }},",
            STATUSES[round % 16]
        ),
        3 => format!(
            "#[error(\"busy {i}\")]\n#[service_error(temporary, retry_after_secs = {})]\nBusy{i},",
            i % 60 + 1
        ),
        4 => format!(
            "#[error(\"broken {i}: {{detail}}\")]\n#[service_error(fault)]\nBroken{i} {{ detail: String }},"
        ),
        5 => format!("#[error(\"slow {i}: {{0}} ms\")]\n#[service_error(timeout)]\nSlow{i}(u64),"),
        6 => {
            let (code, status) =
                if round.is_multiple_of(2) { ("PermissionDenied", 403) } else { ("InvalidArgument", 422) };
            format!(
                "#[error(\"{{user}} denied ({i})\")]\n\
                 #[service_error(grpc = {code}, http = {status}, user_msg = \"{{user}} may not do this.\")]\n\
                 Denied{i} {{ user: String }},"
            )
        }
        _ => format!(
            "#[error(\"custom {i}\")]\n\
             #[service_error(grpc = Aborted, temporary, name = \"custom_wire_{i}\")]\nCustom{i},"
        ),
    }
}

/// `pub enum name: parent { errors first..first + count }`.
fn enum_decl(out: &mut String, name: &str, parent: Option<&str>, first: usize, count: usize) {
    let parent = parent.map(|p| format!(": {p}")).unwrap_or_default();
    writeln!(out, "/// Errors {first}..{} of the large catalog.", first + count).unwrap();
    writeln!(out, "pub enum {name}{parent} {{").unwrap();
    for i in first..first + count {
        writeln!(out, "/// Error {i}.\n{}", variant(i)).unwrap();
    }
    writeln!(out, "}}").unwrap();
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut out = String::from("errdsl::errors! {\n");
    enum_decl(&mut out, "ApiError", None, 0, 20);
    let mut next = 20;
    for s in 0..4 {
        enum_decl(&mut out, &format!("Svc{s}Error"), Some("ApiError"), next, 40);
        next += 40;
    }
    for s in 0..4 {
        for m in 0..4 {
            enum_decl(&mut out, &format!("Svc{s}Op{m}Error"), Some(&format!("Svc{s}Error")), next, 20);
            next += 20;
        }
    }
    assert_eq!(next, 500);
    out.push_str("}\n");
    let path = Path::new(&env::var("OUT_DIR").unwrap()).join("large_catalog.rs");
    fs::write(path, out).unwrap();
}
