//! No file of `errdsl` or `errdsl-macros` imports a file that imports it
//! back, directly or not, unless one is inside the other (a type and its
//! helpers): each crate's modules form layers, as ARCHITECTURE.md
//! describes them.
//!
//! A module is a source file (`http/goa.rs` is `http::goa`); a module
//! depends on another when its code (not its docs, not its tests) names a
//! path into it: `crate::..`, `super::..`, a child module's name, or an item
//! the crate root re-exports (`crate::ErrorResult` is `error_result`). A
//! parent that re-exports its child depends on it; a child that calls its
//! parent's helpers depends on the parent; both at once is a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// A module's path below the crate root (`["http", "goa"]`).
type ModulePath = Vec<String>;

/// Module -> the modules it depends on.
type Graph = BTreeMap<ModulePath, BTreeSet<ModulePath>>;

/// Every non-test `.rs` file below `dir`, with its module path.
fn modules(root: &Path, dir: &Path, out: &mut Vec<(ModulePath, PathBuf)>) {
    for entry in std::fs::read_dir(dir).expect("read the sources") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            modules(root, &path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") && !path.ends_with("tests.rs") {
            let relative = path.strip_prefix(root).unwrap().with_extension("");
            let module: ModulePath = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .filter(|part| part != "lib" && part != "mod")
                .collect();
            out.push((module, path));
        }
    }
}

/// Whether an item exists only in tests (`#[cfg(test)]`).
fn test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg") && attr.parse_args::<syn::Ident>().is_ok_and(|ident| ident == "test")
    })
}

/// The paths a file's code names, each as its segments.
#[derive(Default)]
struct Paths(Vec<Vec<String>>);

impl Paths {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => self.push_with(prefix, &name.ident),
            syn::UseTree::Rename(rename) => self.push_with(prefix, &rename.ident),
            syn::UseTree::Glob(_) => self.0.push(prefix.clone()),
            syn::UseTree::Group(group) => group.items.iter().for_each(|tree| self.use_tree(prefix, tree)),
        }
    }

    fn push_with(&mut self, prefix: &[String], last: &syn::Ident) {
        let mut path = prefix.to_vec();
        if last != "self" {
            path.push(last.to_string());
        }
        self.0.push(path);
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(item) => &item.attrs,
            syn::Item::Fn(item) => &item.attrs,
            syn::Item::Impl(item) => &item.attrs,
            syn::Item::Use(item) => &item.attrs,
            syn::Item::Const(item) => &item.attrs,
            syn::Item::Static(item) => &item.attrs,
            syn::Item::Struct(item) => &item.attrs,
            syn::Item::Enum(item) => &item.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !test_only(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    // `pub(super)` names who may see an item, not what it uses.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.0.push(path.segments.iter().map(|segment| segment.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }
}

/// The module graph of the crate whose sources are in `root`.
fn graph(root: &Path) -> Graph {
    let mut files = Vec::new();
    modules(root, root, &mut files);
    let known: BTreeSet<ModulePath> = files.iter().map(|(module, _)| module.clone()).collect();
    let exported = root_exports(&root.join("lib.rs"), &known);
    let mut graph = Graph::new();
    for (module, file) in &files {
        if module.is_empty() {
            // The root only declares modules and re-exports their items.
            continue;
        }
        let parsed = syn::parse_file(&std::fs::read_to_string(file).unwrap()).expect("a source file parses");
        let mut paths = Paths::default();
        paths.visit_file(&parsed);
        let used = paths.0.iter().filter_map(|path| resolve(module, path, &known, &exported));
        graph.insert(module.clone(), used.filter(|target| target != module).collect());
    }
    graph
}

/// Name -> module, for the items the crate root re-exports with `pub use`.
fn root_exports(lib: &Path, known: &BTreeSet<ModulePath>) -> BTreeMap<String, ModulePath> {
    let parsed = syn::parse_file(&std::fs::read_to_string(lib).unwrap()).unwrap();
    let mut paths = Paths::default();
    for item in &parsed.items {
        if let syn::Item::Use(item) = item {
            paths.use_tree(&mut Vec::new(), &item.tree);
        }
    }
    let mut exported = BTreeMap::new();
    for path in paths.0 {
        if let Some(target) = resolve(&Vec::new(), &path, known, &BTreeMap::new()) {
            exported.insert(path.last().unwrap().clone(), target);
        }
    }
    exported
}

/// The module a path seen in `module` points into, if it is one of the crate's.
fn resolve(
    module: &ModulePath,
    path: &[String],
    known: &BTreeSet<ModulePath>,
    exported: &BTreeMap<String, ModulePath>,
) -> Option<ModulePath> {
    let first = path.first()?.as_str();
    let (mut at, rest) = match first {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (module.clone(), &path[1..]),
        "super" => {
            let supers = path.iter().take_while(|segment| *segment == "super").count();
            (module[..module.len().checked_sub(supers)?].to_vec(), &path[supers..])
        }
        // A child module's name, or nothing of the crate's.
        _ => (module.clone(), path),
    };
    let start = at.len();
    for segment in rest {
        at.push(segment.clone());
        if !known.contains(&at) {
            at.pop();
            break;
        }
    }
    if at.is_empty() {
        // `crate::ErrorResult`: the module the root re-exports it from.
        return rest.first().and_then(|name| exported.get(name).cloned());
    }
    (at.len() > start || first == "self" || first == "super").then_some(at)
}

/// The modules reachable from `from`, `from` included.
fn reachable(graph: &Graph, from: &ModulePath) -> BTreeSet<ModulePath> {
    let mut seen = BTreeSet::from([from.clone()]);
    let mut next = vec![from.clone()];
    while let Some(module) = next.pop() {
        for target in graph.get(&module).into_iter().flatten() {
            if seen.insert(target.clone()) {
                next.push(target.clone());
            }
        }
    }
    seen
}

/// The modules that reach each other (strongly connected components of
/// more than one module).
fn components(graph: &Graph) -> Vec<BTreeSet<ModulePath>> {
    let reach: BTreeMap<&ModulePath, BTreeSet<ModulePath>> =
        graph.keys().map(|module| (module, reachable(graph, module))).collect();
    let mut found: Vec<BTreeSet<ModulePath>> = graph
        .keys()
        .map(|module| reach[module].iter().filter(|other| reach[other].contains(module)).cloned().collect())
        .filter(|component: &BTreeSet<ModulePath>| component.len() > 1)
        .collect();
    found.dedup();
    found
}

/// A cycle between files with separate jobs. Two kinds: modules that reach
/// each other across top-level modules (`transport::grpc` and
/// `model::error_result`, even through their parents), and files that
/// reach each other without going through a parent or a child: siblings
/// (`expand::wire` and `expand::service_error`) or cousins. A type and its
/// helpers in child files (`error_result` and `error_result::builder`)
/// may use each other, and children may share their parent's helpers.
fn cycle_between_unrelated_modules(graph: &Graph) -> Option<BTreeSet<ModulePath>> {
    let across = components(graph).into_iter().find(|component| {
        let tops: BTreeSet<&String> = component.iter().map(|member| &member[0]).collect();
        tops.len() > 1
    });
    let related = |a: &ModulePath, b: &ModulePath| a.starts_with(b) || b.starts_with(a);
    let between_files: Graph = graph
        .iter()
        .map(|(module, targets)| {
            (module.clone(), targets.iter().filter(|target| !related(module, target)).cloned().collect())
        })
        .collect();
    across.or_else(|| components(&between_files).into_iter().next())
}

fn crate_graph(name: &str) -> Graph {
    graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name).join("src"))
}

fn show(component: &BTreeSet<ModulePath>) -> String {
    component.iter().map(|module| module.join("::")).collect::<Vec<_>>().join(", ")
}

fn module(path: &str) -> ModulePath {
    path.split("::").map(str::to_owned).collect()
}

#[test]
fn the_runtime_has_no_import_cycle() {
    let graph = crate_graph("errdsl");
    // The walker sees what it should: a plain `use crate::..`, a root
    // re-export, a child named from its parent.
    assert!(graph[&module("transport::grpc")].contains(&module("transport::capture")), "{graph:?}");
    assert!(graph[&module("policy::classify")].contains(&module("model::error_result")), "{graph:?}");
    assert!(graph[&module("transport::http")].contains(&module("transport::http::goa")), "{graph:?}");
    if let Some(component) = cycle_between_unrelated_modules(&graph) {
        panic!("modules of errdsl that import each other: {}", show(&component));
    }
}

/// Inside the runtime, code imports from the module that defines an item,
/// not through the crate root's re-exports (`crate::ErrorResult`), so that
/// the root is not the hub every module depends on.
#[test]
fn the_runtime_imports_from_defining_modules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../errdsl/src");
    let mut files = Vec::new();
    modules(&root, &root, &mut files);
    let known: BTreeSet<ModulePath> = files.iter().map(|(module, _)| module.clone()).collect();
    let exported = root_exports(&root.join("lib.rs"), &known);
    let mut through_root = BTreeSet::new();
    for (module, file) in files.iter().filter(|(module, _)| !module.is_empty()) {
        let parsed = syn::parse_file(&std::fs::read_to_string(file).unwrap()).unwrap();
        let mut paths = Paths::default();
        paths.visit_file(&parsed);
        for path in paths.0.iter().filter(|path| path.len() > 1 && path[0] == "crate") {
            let is_module = known.contains(&vec![path[1].clone()]);
            if !is_module && exported.contains_key(&path[1]) {
                through_root.insert(format!("{}: crate::{}", module.join("::"), path[1]));
            }
        }
    }
    assert_eq!(through_root, BTreeSet::new(), "paths through the crate root's re-exports");
}

#[test]
fn the_macro_crate_has_no_import_cycle() {
    let graph = crate_graph("errdsl-macros");
    assert!(graph[&module("validate")].iter().any(|target| target[0] == "ast"), "{graph:?}");
    if let Some(component) = cycle_between_unrelated_modules(&graph) {
        panic!("modules of errdsl-macros that import each other: {}", show(&component));
    }
}

#[test]
fn a_cycle_is_found_between_unrelated_modules_only() {
    let graph = |edges: &[(&str, &[&str])]| -> Graph {
        edges.iter().map(|(name, names)| (module(name), names.iter().map(|n| module(n)).collect())).collect()
    };
    let across = graph(&[("a", &["b::x"]), ("b", &["b::x"]), ("b::x", &["c"]), ("c", &["a"]), ("d", &[])]);
    let expected: BTreeSet<ModulePath> = ["a", "b::x", "c"].into_iter().map(module).collect();
    assert_eq!(cycle_between_unrelated_modules(&across), Some(expected));
    let siblings = graph(&[("a", &[]), ("a::x", &["a::y"]), ("a::y", &["a::x"])]);
    let expected: BTreeSet<ModulePath> = ["a::x", "a::y"].into_iter().map(module).collect();
    assert_eq!(cycle_between_unrelated_modules(&siblings), Some(expected));
    let within = graph(&[("a", &["a::x"]), ("a::x", &["a", "b"]), ("b", &[])]);
    assert_eq!(cycle_between_unrelated_modules(&within), None);
}
