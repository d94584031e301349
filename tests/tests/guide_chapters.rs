//! Each chapter of the guide (`errdsl/docs/*.md`) says in its first line
//! which errdsl features and which crates its examples need; this test holds
//! that line to the facts: the chapter is included in `errdsl::guide` under
//! exactly those features (`scripts/guide-examples.sh` runs it with them
//! alone), and its code names no crate the line leaves out. The README's
//! examples name no crate its install section does not add.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const LIB_RS: &str = include_str!("../../errdsl/src/lib.rs");
const README: &str = include_str!("../../README.md");

/// Crates every example may name without a dependency of its own.
const ALWAYS: [&str; 4] = ["errdsl", "std", "core", "alloc"];

struct Chapter {
    file: String,
    text: String,
    features: Vec<String>,
    crates: Vec<String>,
}

/// The backquoted items of `list` (`none` for none).
fn quoted(list: &str) -> Vec<String> {
    list.split(", ").filter(|item| *item != "none").map(|item| item.trim_matches('`').to_owned()).collect()
}

fn chapters() -> Vec<Chapter> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../errdsl/docs");
    let mut chapters: Vec<Chapter> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| {
            let file = path.file_name().unwrap().to_str().unwrap().to_owned();
            let text = fs::read_to_string(&path).unwrap();
            let needs = text
                .lines()
                .find_map(|line| line.strip_prefix("*errdsl features:* "))
                .unwrap_or_else(|| panic!("{file} has no `*errdsl features:*` line"));
            let (features, crates) = needs
                .split_once(". *Crates the examples use:* ")
                .unwrap_or_else(|| panic!("{file}: the line names no crates"));
            Chapter { features: quoted(features), crates: quoted(crates.trim_end_matches('.')), file, text }
        })
        .collect();
    chapters.sort_by(|a, b| a.file.cmp(&b.file));
    assert!(chapters.len() >= 9, "the guide's chapters are missing from errdsl/docs");
    chapters
}

/// The `cfg` written on the `guide` module that includes `file`, as the list
/// of features it requires.
fn cfg_features_of(file: &str) -> Vec<String> {
    let include = format!("#[doc = include_str!(\"../docs/{file}\")]");
    let after =
        LIB_RS.split_once(&include).unwrap_or_else(|| panic!("errdsl::guide does not include {file}")).1;
    let module = format!("pub mod {} {{}}", file.trim_end_matches(".md").replace('-', "_"));
    let attributes =
        after.split_once(&module).unwrap_or_else(|| panic!("the module of {file} is not `{module}`")).0;
    let mut features: Vec<String> = attributes
        .split("feature = \"")
        .skip(1)
        .map(|rest| rest.split_once('"').unwrap().0.to_owned())
        .collect();
    features.sort();
    features
}

/// The Rust code blocks of a Markdown text.
fn rust_blocks(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some((_, after)) = rest.split_once("```") {
        let (info, after) = after.split_once('\n').unwrap();
        let (body, after) = after.split_once("```").unwrap();
        if info.is_empty() || info.starts_with("rust") {
            blocks.push(body);
        }
        rest = after;
    }
    blocks
}

/// The crates a block of Rust code names: the first segment of its paths,
/// less the names it binds itself with `use` and the keywords of paths.
fn crates_named(code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .map(|line| line.split_once("//").map_or(line, |(code, _)| code))
        .map(|line| line.trim_start_matches('#'))
        .collect::<Vec<_>>()
        .join("\n");
    // String literals may hold anything: drop them.
    let code: String = code.split('"').step_by(2).collect::<Vec<_>>().join(" ");
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut bound = BTreeSet::from(["crate", "self", "super", "Self"].map(str::to_owned));
    for statement in code.split("use ").skip(1) {
        let statement = statement.split(';').next().unwrap_or_default();
        for name in statement.split(|c: char| !ident(c)).filter(|name| !name.is_empty()) {
            bound.insert(name.to_owned());
        }
    }
    let mut named = BTreeSet::new();
    for (at, _) in code.match_indices("::") {
        let before = &code[..at];
        let start = before.rfind(|c: char| !ident(c)).map_or(0, |i| i + 1);
        let preceded_by_path = before[..start].ends_with("::") || before[..start].ends_with('>');
        let name = &before[start..];
        if !preceded_by_path && name.starts_with(|c: char| c.is_ascii_lowercase()) && !bound.contains(name) {
            named.insert(name.to_owned());
        }
    }
    named
}

#[test]
fn every_chapter_is_compiled_with_exactly_the_features_it_names() {
    for chapter in chapters() {
        let mut named = chapter.features.clone();
        named.sort();
        assert_eq!(
            cfg_features_of(&chapter.file),
            named,
            "{}: the features line and the cfg in lib.rs differ",
            chapter.file
        );
    }
}

#[test]
fn every_chapter_names_the_crates_its_code_uses() {
    for chapter in chapters() {
        let allowed: BTreeSet<String> = ALWAYS
            .iter()
            .map(|name| (*name).to_owned())
            .chain(chapter.crates.iter().map(|name| name.replace('-', "_")))
            .collect();
        for block in rust_blocks(&chapter.text) {
            let missing: Vec<String> = crates_named(block).difference(&allowed).cloned().collect();
            assert!(
                missing.is_empty(),
                "{}: a block names {missing:?}, which its first line does not list",
                chapter.file
            );
        }
    }
}

#[test]
fn the_readme_examples_name_only_the_crates_its_install_section_adds() {
    let added: BTreeSet<String> = README
        .lines()
        .filter_map(|line| line.strip_prefix("cargo add "))
        .map(|rest| rest.split_whitespace().next().unwrap().replace('-', "_"))
        .chain(ALWAYS.iter().map(|name| (*name).to_owned()))
        .collect();
    assert!(added.contains("thiserror"), "the README's install section adds thiserror");
    for block in rust_blocks(README) {
        let missing: Vec<String> = crates_named(block).difference(&added).cloned().collect();
        assert!(missing.is_empty(), "a README block names {missing:?}, which no `cargo add` line adds");
    }
}

/// The check sees a crate a block names and its line leaves out.
#[test]
fn a_crate_left_out_is_seen() {
    let named =
        crates_named("use std::io;\nlet x = tonic::Status::ok(\"a::b\"); // serde::x\nio::Error::other(x);");
    assert_eq!(named, BTreeSet::from(["tonic".to_owned()]));
}
