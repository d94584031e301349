//! What of a variant's doc comment becomes its public description (the
//! catalog's `description`, which the error reference pages, the `OpenAPI`
//! documents, the contract and the reasons' `.proto` show to people who
//! call the API and never read its Rust):
//!
//! - everything before a heading `Internal` (`# Internal`, at any level):
//!   the notes after it are for the service's own developers, and stay in
//!   rustdoc;
//! - Rust's intra-doc links written as their text (``[`LIMIT`](super::LIMIT)``
//!   and ``[`LIMIT`]`` give `` `LIMIT` ``): a Rust path means nothing to a
//!   client; links to URLs stay links;
//! - the lines' common indentation removed, so that code blocks keep their own.

/// The public Markdown of the doc comment `lines`.
pub(crate) fn public(lines: &[String]) -> String {
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut in_code = false;
    for line in lines {
        let line = line.get(indent..).unwrap_or_else(|| line.trim_start()).trim_end();
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && is_internal_heading(line) {
            break;
        }
        if !in_code && is_link_definition(line) {
            continue;
        }
        out.push(if in_code { line.to_owned() } else { without_rust_links(line) });
    }
    out.join("\n").trim().to_owned()
}

/// Whether `line` is a Markdown heading whose text is `Internal`.
fn is_internal_heading(line: &str) -> bool {
    let text = line.trim_start_matches('#');
    text.len() < line.len() && text.starts_with(' ') && text.trim().eq_ignore_ascii_case("internal")
}

/// Whether `line` defines a reference link to a Rust path: `[label]: path`.
fn is_link_definition(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('[') else { return false };
    rest.split_once("]: ").is_some_and(|(_, target)| is_rust_path(target.trim()))
}

/// Whether a link's target is a Rust path (intra-doc), not a URL, a path
/// of the site or a fragment.
fn is_rust_path(target: &str) -> bool {
    !target.is_empty()
        && !target.contains("://")
        && !target.starts_with(['/', '#', '.'])
        && !target.starts_with("mailto:")
        && target.chars().all(|c| c.is_alphanumeric() || "_:<>@!()".contains(c))
}

/// `line` with every intra-doc link written as its text.
fn without_rust_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let (text, tail) = (&after[..close], &after[close + 1..]);
        if let Some(target) = tail.strip_prefix('(').and_then(|tail| tail.split_once(')')) {
            if is_rust_path(target.0) {
                out.push_str(text);
                rest = target.1;
                continue;
            }
        } else if !tail.starts_with('[') && is_rust_path(text.trim_matches('`')) && text.starts_with('`') {
            // `[`Name`]`: an intra-doc link by its name alone.
            out.push_str(text);
            rest = tail;
            continue;
        }
        out.push('[');
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public_of(text: &str) -> String {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        public(&lines)
    }

    #[test]
    fn rust_links_become_their_text_and_urls_stay() {
        assert_eq!(
            public_of(" The divisor is beyond [`MAX_DIVISOR`](super::MAX_DIVISOR), see [`Limits`]."),
            "The divisor is beyond `MAX_DIVISOR`, see `Limits`."
        );
        assert_eq!(
            public_of(" See [the guide](https://example.com/guide) and [errors](/errors/)."),
            "See [the guide](https://example.com/guide) and [errors](/errors/)."
        );
        assert_eq!(public_of(" Uses [`Foo`][foo].\n\n [foo]: crate::Foo"), "Uses [`Foo`][foo].");
        assert_eq!(public_of(" An array [1, 2] stays."), "An array [1, 2] stays.");
    }

    #[test]
    fn internal_notes_stay_out_and_code_keeps_its_indentation() {
        let text = " Too large.\n\n ```go\n var X = Type(\"X\", func() {\n     Attribute(\"a\", Int32)\n })\n ```\n\n # Internal\n\n The limit comes from [`Config`](crate::Config).";
        assert_eq!(
            public_of(text),
            "Too large.\n\n```go\nvar X = Type(\"X\", func() {\n    Attribute(\"a\", Int32)\n})\n```"
        );
        assert_eq!(public_of(" A.\n\n ## internal\n B."), "A.");
        assert_eq!(public_of(" A #Internal note."), "A #Internal note.");
    }
}
