//! Documentation from an error catalog: a Markdown table and, with the
//! `serde` feature, OpenAPI 3.1 components.
//!
//! Everything here reads [`ErrorSpec`]s, the static description of declared
//! errors that every declared type lists in [`Catalog::ERRORS`](crate::Catalog::ERRORS):
//!
//! - [`markdown_table`]: one row per error, with its name, description,
//!   HTTP status, gRPC code, flags and user message;
//! - [`union`]: the errors of several catalogs (e.g. every method-level enum
//!   of a service), each name once;
//! - `openapi_components` and `openapi_document` (feature `serde`): a
//!   `components.schemas` entry for each of the two HTTP bodies (Goa's error
//!   body and RFC 9457 problem details) and a `components.responses` entry
//!   per error, keyed by [`component_key`];
//! - `router` (feature `error-pages`): the pages RFC 9457 problem `type`s point
//!   to, one per error, HTML or Markdown, for a service to serve itself;
//!
//! ```
//! use errdsl::{Catalog, docs};
//!
//! errdsl::errors! {
//!     /// Errors of the divider service.
//!     #[service_error(service = "divider")]
//!     pub enum DividerError {
//!         /// The divisor was zero.
//!         #[error("cannot divide {dividend} by zero")]
//!         #[service_error(grpc = InvalidArgument, user_msg = "You can't divide by zero.")]
//!         DivByZero { dividend: i64 },
//!     }
//! }
//!
//! let table = docs::markdown_table(DividerError::ERRORS);
//! assert!(table.contains("| `div_by_zero` | The divisor was zero. | 400 | `invalid_argument` |"));
//! ```

#![allow(clippy::doc_markdown, reason = "OpenAPI and GitHub are names, not code")]
#[cfg(feature = "aide")]
mod aide_responses;
#[cfg(any(feature = "utoipa", feature = "aide"))]
mod by_status;
#[cfg(feature = "serde")]
mod openapi;
#[cfg(feature = "error-pages")]
mod reference;
#[cfg(feature = "error-pages")]
mod router;
#[cfg(feature = "utoipa")]
mod utoipa_responses;

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::model::service_error::ErrorSpec;
#[cfg(feature = "aide")]
pub use aide_responses::aide_responses;
#[cfg(all(feature = "serde", feature = "tonic"))]
pub use openapi::GOOGLE_BODY_SCHEMA;
#[cfg(feature = "serde")]
pub use openapi::{
    EXAMPLE_ID, GOA_BODY_SCHEMA, PROBLEM_SCHEMA, openapi_components, openapi_components_in, openapi_document,
    openapi_document_in,
};
#[cfg(feature = "error-pages")]
pub use router::router;
#[cfg(feature = "utoipa")]
pub use utoipa_responses::{utoipa_responses, utoipa_schema, utoipa_schemas};

/// What the table says (and the OpenAPI responses' `x-errdsl` members
/// note) for a value that an error classified at run time decides then.
///
/// ```
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let spec = ErrorSpec::new("store_io", Code::Unknown).with_classified(true);
/// let table = docs::markdown_table(&[spec]);
/// assert!(table.contains(&format!("`unknown` ({})", docs::CLASSIFIED_AT_RUN_TIME)));
/// ```
pub const CLASSIFIED_AT_RUN_TIME: &str = "classified at run time";

/// The errors of several catalogs, each wire name once, in order of first
/// appearance: the catalog of a service whose methods each have their own
/// error enum. When two specs share a name, the first one is kept.
///
/// ```
/// use errdsl::{Catalog, docs};
///
/// errdsl::errors! {
///     #[service_error(service = "divider")]
///     pub enum DividerError {
///         #[error("divider is in maintenance")]
///         #[service_error(temporary, http = 503)]
///         Maintenance,
///     }
///     #[service_error(service = "divider")]
///     pub enum DivideError: DividerError {
///         #[error("cannot divide by zero")]
///         #[service_error(grpc = InvalidArgument)]
///         DivByZero,
///     }
///     #[service_error(service = "divider")]
///     pub enum ModuloError: DividerError {
///         #[error("modulus is zero")]
///         #[service_error(grpc = InvalidArgument)]
///         ZeroModulus,
///     }
/// }
///
/// let all = docs::union(&[DivideError::ERRORS, ModuloError::ERRORS]);
/// let names: Vec<_> = all.iter().map(|spec| spec.name).collect();
/// assert_eq!(names, ["maintenance", "div_by_zero", "zero_modulus"]);
/// ```
#[must_use]
pub fn union(catalogs: &[&[ErrorSpec]]) -> Vec<ErrorSpec> {
    let mut seen = HashSet::new();
    catalogs.iter().flat_map(|specs| specs.iter()).filter(|spec| seen.insert(spec.name)).copied().collect()
}

/// The errors as a Markdown (GitHub-flavoured) table, one row per spec, in
/// the order given (see [`union`] to merge catalogs):
///
/// | column | content |
/// | --- | --- |
/// | name | the wire name, as code |
/// | description | the doc comment; lines of a paragraph are joined, paragraphs separated by `<br><br>` |
/// | HTTP | the status, and `` (`Retry-After: N`) `` when declared |
/// | gRPC | the `snake_case` code, as code |
/// | temporary, timeout, fault | `yes` or `no` |
/// | user message | the message safe to show an end user, `{field}` placeholders as declared |
///
/// For an error classified at run time (`#[service_error(classify)]`) the
/// HTTP and gRPC cells give the fallback followed by
/// `(classified at run time)`, and the flags say `at run time`.
///
/// Every cell is escaped: `|` becomes `\|` and a line break `<br>` (a line
/// break in a name, written as code, a space), so no text breaks the table.
/// Text is otherwise written as it is: descriptions are Markdown already.
///
/// ```
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let specs = [
///     ErrorSpec::new("maintenance", Code::Unavailable)
///         .with_description("Down for maintenance.")
///         .with_temporary(true)
///         .with_retry_after_secs(30),
///     ErrorSpec::new("bad_pipe", Code::InvalidArgument).with_user_message("Use a | b,\nnot a || b."),
/// ];
/// assert_eq!(
///     docs::markdown_table(&specs),
///     "\
/// | name | description | HTTP | gRPC | temporary | timeout | fault | user message |
/// | --- | --- | --- | --- | --- | --- | --- | --- |
/// | `maintenance` | Down for maintenance. | 503 (`Retry-After: 30`) | `unavailable` | yes | no | no |  |
/// | `bad_pipe` |  | 400 | `invalid_argument` | no | no | no | Use a \\| b,<br>not a \\|\\| b. |
/// ",
/// );
/// ```
#[must_use]
pub fn markdown_table(specs: &[ErrorSpec]) -> String {
    let mut out = String::from(
        "| name | description | HTTP | gRPC | temporary | timeout | fault | user message |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for spec in specs {
        let mut http = spec.http_status.as_str().to_owned();
        if let Some(secs) = spec.retry_after_secs {
            let _ = write!(http, " (`Retry-After: {secs}`)");
        }
        let mut grpc = code_span(spec.code.as_str());
        let flag = |set: bool| flag_text(spec, set);
        if spec.classified {
            let _ = write!(http, " ({CLASSIFIED_AT_RUN_TIME})");
            let _ = write!(grpc, " ({CLASSIFIED_AT_RUN_TIME})");
        }
        let cells = [
            code_span(spec.name),
            escape_cell(&join_paragraph_lines(spec.description)),
            http,
            grpc,
            flag(spec.temporary).to_owned(),
            flag(spec.timeout).to_owned(),
            flag(spec.fault).to_owned(),
            escape_cell(spec.user_message.unwrap_or_default()),
        ];
        out.push('|');
        for cell in cells {
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out.push('\n');
    }
    out
}

/// The key of an error's entry in an OpenAPI `components` map, which must
/// match `^[a-zA-Z0-9._-]+$`: the wire name itself when it is made of ASCII
/// letters, digits, `_` and `-` (every name the macros derive is), else the
/// name with each other byte (and `.`) written as `.XX` in upper-case hex.
/// Distinct names give distinct keys; the empty name gives `.`.
///
/// ```
/// use errdsl::docs::component_key;
///
/// assert_eq!(component_key("div_by_zero"), "div_by_zero");
/// assert_eq!(component_key("v1.bad name"), "v1.2Ebad.20name");
/// assert_eq!(component_key("ärger"), ".C3.A4rger");
/// assert_eq!(component_key(""), ".");
/// ```
#[must_use]
pub fn component_key(name: &str) -> String {
    if name.is_empty() {
        return ".".to_owned();
    }
    let mut key = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' {
            key.push(char::from(byte));
        } else {
            let _ = write!(key, ".{byte:02X}");
        }
    }
    key
}

/// The key of an error's Goa body schema in an OpenAPI `components.schemas`
/// map: the wire name in PascalCase (`div_by_zero` gives `DivByZero`) when
/// it is `snake_case` words that each start with a lower-case letter (as
/// every name the macros derive is), which keeps distinct names distinct;
/// else `_` and the name's [`component_key`]. The error's problem+json
/// schema is the same key followed by `Problem`.
///
/// ```
/// use errdsl::docs::schema_key;
///
/// assert_eq!(schema_key("div_by_zero"), "DivByZero");
/// assert_eq!(schema_key("http2_error"), "Http2Error");
/// assert_eq!(schema_key("v1.bad name"), "_v1.2Ebad.20name");
/// assert_eq!(schema_key("Overflow"), "_Overflow");
/// ```
#[must_use]
pub fn schema_key(name: &str) -> String {
    let words: Vec<&str> = name.split('_').collect();
    let snake = words.iter().all(|word| {
        word.starts_with(|first: char| first.is_ascii_lowercase())
            && word.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
    });
    if !snake {
        return format!("_{}", component_key(name));
    }
    words
        .iter()
        .flat_map(|word| {
            let (first, rest) = word.split_at(1);
            [first.to_ascii_uppercase(), rest.to_owned()]
        })
        .collect()
}

/// A flag of `spec` as the docs show it: `yes`, `no`, or `at run time` for
/// an error classified then.
fn flag_text(spec: &ErrorSpec, set: bool) -> &'static str {
    match (spec.classified, set) {
        (true, _) => "at run time",
        (false, true) => "yes",
        (false, false) => "no",
    }
}

/// `text` as a Markdown code span that fits in a table cell: fenced with
/// more backticks than it contains in a row, line breaks as spaces, `|`
/// escaped. Empty text gives an empty cell.
fn code_span(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let text: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A doc comment as one table cell's worth of Markdown: the lines of each
/// paragraph joined with spaces, paragraphs separated by a blank line (which
/// [`escape_cell`] turns into `<br><br>`).
fn join_paragraph_lines(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in normalized.split('\n').map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs.join("\n\n")
}

/// Text for a table cell: `|` escaped, every line break (`\r\n`, `\r`,
/// `\n`) as `<br>`.
fn escape_cell(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").replace('|', "\\|").replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::code::Code;

    #[test]
    fn code_spans() {
        assert_eq!(code_span("a"), "`a`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
        assert_eq!(code_span("a|b\nc"), "`a\\|b c`");
        assert_eq!(code_span(""), "");
        assert_eq!(code_span(" "), "`   `");
    }

    #[test]
    fn cells_never_break_the_row() {
        for text in ["a|b", "a\nb", "a\r\nb", "a\rb", "\\|", "|\n|"] {
            let cell = escape_cell(text);
            assert!(!cell.contains('\n') && !cell.contains('\r'), "{cell}");
            let unescaped = cell.replace("\\|", "");
            assert!(!unescaped.contains('|'), "{cell}");
        }
        assert_eq!(escape_cell("a | b\r\nc"), "a \\| b<br>c");
    }

    #[test]
    fn description_paragraphs() {
        assert_eq!(join_paragraph_lines("one\ntwo\n\n\nthree  \n"), "one two\n\nthree");
        assert_eq!(escape_cell(&join_paragraph_lines("one\ntwo\n\nthree")), "one two<br><br>three");
        assert_eq!(join_paragraph_lines(""), "");
    }

    #[test]
    fn classified_rows() {
        let spec = ErrorSpec::new("store_io", Code::Unknown).with_classified(true);
        let table = markdown_table(&[spec]);
        assert!(
            table.ends_with(
                "| `store_io` |  | 500 (classified at run time) | `unknown` (classified at run time) \
                 | at run time | at run time | at run time |  |\n"
            ),
            "{table}"
        );
    }

    #[test]
    fn component_keys_are_valid_and_distinct() {
        let names = ["a", "a.2E", "a.", "a b", "a_b", "a-b", "", ".", "é", "\u{0}", "x/y"];
        let keys: HashSet<String> = names.iter().map(|name| component_key(name)).collect();
        assert_eq!(keys.len(), names.len());
        for key in keys {
            assert!(!key.is_empty());
            assert!(
                key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')),
                "{key}"
            );
        }
    }

    #[test]
    fn union_keeps_the_first_of_each_name() {
        let a = [ErrorSpec::new("x", Code::NotFound), ErrorSpec::new("y", Code::Aborted)];
        let b = [ErrorSpec::new("x", Code::Internal), ErrorSpec::new("z", Code::Aborted)];
        let all = union(&[&a, &b, &[]]);
        assert_eq!(all.iter().map(|s| s.name).collect::<Vec<_>>(), ["x", "y", "z"]);
        assert_eq!(all[0].code, Code::NotFound);
        assert!(union(&[]).is_empty());
    }
}
