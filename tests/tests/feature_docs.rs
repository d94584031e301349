//! The features of errdsl are written in one place, `errdsl/Cargo.toml`
//! (each with its `##` doc comment); the crate docs' list ("Cargo
//! features" in `errdsl/src/lib.rs`) and the README's Rust versions are
//! held to it here.

use std::collections::BTreeSet;

const CARGO_TOML: &str = include_str!("../../errdsl/Cargo.toml");
const LIB_RS: &str = include_str!("../../errdsl/src/lib.rs");
const README: &str = include_str!("../../README.md");

/// Each feature of `[features]` but `default`, with its doc comment.
fn features() -> Vec<(String, String)> {
    let section = CARGO_TOML.split("[features]").nth(1).expect("[features]");
    let section = section.split("\n[").next().unwrap_or_default();
    let mut docs = String::new();
    let mut found = Vec::new();
    for line in section.lines() {
        if let Some(doc) = line.strip_prefix("##") {
            docs.push_str(doc);
        } else if let Some((name, _)) = line.split_once(" = [") {
            if name != "default" {
                found.push((name.to_owned(), std::mem::take(&mut docs)));
            }
            docs.clear();
        }
    }
    found
}

#[test]
fn the_crate_docs_list_every_feature_and_no_other() {
    let list = LIB_RS.split("//! # Cargo features").nth(1).expect("a Cargo features section");
    let list = list.split("\n//!\n//! The generated").next().unwrap_or_default();
    let documented: BTreeSet<&str> = list
        .lines()
        .filter_map(|line| line.strip_prefix("//! - "))
        .flat_map(|line| line.split(':').next().unwrap_or_default().split(", "))
        .map(|name| name.trim_matches('`'))
        .collect();
    let declared: BTreeSet<String> = features().into_iter().map(|(name, _)| name).collect();
    let declared: BTreeSet<&str> = declared.iter().map(String::as_str).collect();
    assert_eq!(documented, declared);
}

#[test]
fn every_feature_has_its_doc_comment_and_the_readme_its_rust_versions() {
    for (name, docs) in features() {
        assert!(!docs.trim().is_empty(), "feature `{name}` has no `##` doc comment");
        if let Some((_, after)) = docs.split_once("needs Rust ") {
            let version: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            let version = version.trim_end_matches('.');
            let family = name.split('-').next().unwrap_or_default();
            assert!(
                README.contains(&format!("`{family}` ({version}")),
                "the README's install section does not say that `{family}` needs Rust {version}"
            );
        }
    }
}

/// Every key of `#[service_error(...)]` (the macros' own table, `attr::KEYS`)
/// is documented on the derive, where users read about keys.
#[test]
fn the_derive_docs_name_every_key() {
    let derive_docs = LIB_RS.split("/// Derives [`ServiceError`]").nth(1).expect("the derive's docs");
    let derive_docs = derive_docs.split("pub use errdsl_macros::ServiceError;").next().unwrap_or_default();
    let missing: Vec<&str> = errdsl_macros_internals::key_names()
        .into_iter()
        .filter(|key| {
            !derive_docs.contains(&format!("`{key}`")) && !derive_docs.contains(&format!("`{key} ="))
        })
        .collect();
    assert_eq!(missing, Vec::<&str>::new(), "keys the derive's docs do not name");
}

/// The README's feature table names every feature, and no other.
#[test]
fn the_readme_feature_table_names_every_feature() {
    let table = README.split_once("| feature | what it adds |").expect("the README's feature table").1;
    let rows: Vec<&str> = table.lines().skip(2).take_while(|line| line.starts_with('|')).collect();
    let named: BTreeSet<&str> = rows
        .iter()
        .filter_map(|row| row.split('|').nth(1))
        .flat_map(|cell| cell.split(", "))
        .map(|name| name.trim().trim_matches('`'))
        .collect();
    let declared: BTreeSet<String> = features().into_iter().map(|(name, _)| name).collect();
    let declared: BTreeSet<&str> = declared.iter().map(String::as_str).collect();
    assert_eq!(named, declared);
}
