//! [`FieldViolation`] and [`FieldViolations`]: what is wrong with each field
//! of a request, carried by one error, and the two forms of a field's path
//! (AIP-193's `items[0].name`, RFC 6901's `#/items/0/name`).

use crate::percent::percent_decode;
use std::fmt::{self, Write as _};

#[cfg(feature = "garde")]
mod garde;
#[cfg(feature = "validator")]
mod validator;

/// One field of a request and what is wrong with it: gRPC's
/// `google.rpc.BadRequest.FieldViolation` (AIP-193), one entry of RFC
/// 9457's `errors` array.
///
/// `field` is the path of the field in AIP-193's form: names joined by `.`,
/// list indexes in brackets (`items[0].name`), as garde writes them.
/// `reason`, when given, is an identifier of the kind of violation in
/// `UPPER_SNAKE_CASE` (`LENGTH`), stable for clients to branch on;
/// `description` says it in words.
///
/// ```
/// use errdsl::FieldViolation;
///
/// let violation = FieldViolation::new("items[0].name", "must not be empty").with_reason("LENGTH");
/// assert_eq!(violation.field(), "items[0].name");
/// assert_eq!(violation.description(), "must not be empty");
/// assert_eq!(violation.reason(), Some("LENGTH"));
/// assert_eq!(violation.json_pointer(), "#/items/0/name");
/// assert_eq!(violation.to_string(), "items[0].name: must not be empty");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldViolation {
    field: String,
    description: String,
    reason: Option<String>,
}

impl FieldViolation {
    /// The violation of the field at `field` (AIP-193's path form).
    pub fn new(field: impl Into<String>, description: impl Into<String>) -> Self {
        FieldViolation { field: field.into(), description: description.into(), reason: None }
    }

    /// The violation with this reason (`UPPER_SNAKE_CASE` by AIP-193); an
    /// empty one means none.
    #[must_use]
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into()).filter(|reason| !reason.is_empty());
        self
    }

    /// The path of the field, e.g. `items[0].name`; empty for the request
    /// as a whole.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong with the field, in words.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The kind of violation, if given.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The path as a JSON Pointer in URI fragment form (RFC 6901 §6), what
    /// RFC 9457's `errors` entries call `pointer`: `items[0].name` is
    /// `#/items/0/name`.
    pub fn json_pointer(&self) -> String {
        path_to_pointer(&self.field)
    }
}

impl fmt::Display for FieldViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.description)
        } else {
            write!(f, "{}: {}", self.field, self.description)
        }
    }
}

/// The field violations one error carries, in order: the type of a
/// `#[service_error(violations)]` field. Every transport sends them (gRPC
/// `BadRequest`, Connect's details, Goa's body `field_violations`, RFC
/// 9457's `errors`) and clients decode them back, into
/// [`ErrorResult::field_violations`](crate::ErrorResult::field_violations)
/// and into the field.
///
/// With the `garde` and `validator` features, a validation report converts
/// into it (`From`), one violation per message.
///
/// ```
/// use errdsl::{FieldViolation, FieldViolations, ServiceError};
///
/// errdsl::errors! {
///     pub enum SignupError {
///         #[error("the signup form has {violations}")]
///         #[service_error(grpc = InvalidArgument, user_msg = "Some fields are not valid.")]
///         InvalidForm {
///             #[service_error(violations)]
///             violations: FieldViolations,
///         },
///     }
/// }
///
/// let violations: FieldViolations = [
///     FieldViolation::new("email", "must be an email address"),
///     FieldViolation::new("age", "must be at least 18"),
/// ]
/// .into_iter()
/// .collect();
/// let err = SignupError::invalid_form(violations);
/// assert_eq!(err.field_violations().len(), 2);
/// assert_eq!(err.to_string(), "the signup form has 2 invalid fields (email: must be an email address; age: must be at least 18)");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldViolations(Vec<FieldViolation>);

impl FieldViolations {
    /// No violations.
    pub const fn new() -> Self {
        FieldViolations(Vec::new())
    }

    /// Adds a violation at the end.
    pub fn push(&mut self, violation: FieldViolation) {
        self.0.push(violation);
    }

    /// The violations, in order.
    pub fn as_slice(&self) -> &[FieldViolation] {
        &self.0
    }
}

impl std::ops::Deref for FieldViolations {
    type Target = [FieldViolation];

    fn deref(&self) -> &[FieldViolation] {
        &self.0
    }
}

impl From<Vec<FieldViolation>> for FieldViolations {
    fn from(violations: Vec<FieldViolation>) -> Self {
        FieldViolations(violations)
    }
}

impl From<FieldViolations> for Vec<FieldViolation> {
    fn from(violations: FieldViolations) -> Self {
        violations.0
    }
}

impl FromIterator<FieldViolation> for FieldViolations {
    fn from_iter<I: IntoIterator<Item = FieldViolation>>(iter: I) -> Self {
        FieldViolations(iter.into_iter().collect())
    }
}

impl IntoIterator for FieldViolations {
    type Item = FieldViolation;
    type IntoIter = std::vec::IntoIter<FieldViolation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a FieldViolations {
    type Item = &'a FieldViolation;
    type IntoIter = std::slice::Iter<'a, FieldViolation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// `2 invalid fields (email: must be an email address; age: must be at
/// least 18)`, for messages; `no invalid field` when empty.
impl fmt::Display for FieldViolations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.len() {
            0 => return f.write_str("no invalid field"),
            1 => f.write_str("1 invalid field (")?,
            n => write!(f, "{n} invalid fields (")?,
        }
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        f.write_str(")")
    }
}

/// A step of a field path.
#[derive(Debug, PartialEq, Eq)]
enum Step<'a> {
    Name(&'a str),
    Index(&'a str),
}

/// The steps of an AIP-193 path: `items[0].name` is `items`, `[0]`, `name`.
/// A bracket that holds no index is part of a name, so that every text is
/// a path.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        let end = if let Some(len) = index_len(rest) {
            steps.push(Step::Index(&rest[1..len - 1]));
            len
        } else {
            let end = rest
                .char_indices()
                .skip(1)
                .find(|&(i, c)| c == '.' || (c == '[' && index_len(&rest[i..]).is_some()))
                .map_or(rest.len(), |(i, _)| i);
            steps.push(Step::Name(&rest[..end]));
            end
        };
        rest = &rest[end..];
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    steps
}

/// The length of the index (`[12]`) `text` starts with, brackets included.
fn index_len(text: &str) -> Option<usize> {
    let digits = text.strip_prefix('[')?;
    let end = digits.find(']')?;
    (end > 0 && digits[..end].bytes().all(|b| b.is_ascii_digit())).then_some(end + 2)
}

/// `items[0].name` -> `#/items/0/name`, escaping `~` and `/` (RFC 6901) and
/// percent-encoding what a URI fragment cannot hold (RFC 3986).
fn path_to_pointer(path: &str) -> String {
    let mut pointer = String::from("#");
    for step in steps(path) {
        pointer.push('/');
        let text = match step {
            Step::Name(name) | Step::Index(name) => name,
        };
        for c in text.chars() {
            match c {
                '~' => pointer.push_str("~0"),
                '/' => pointer.push_str("~1"),
                c if c.is_ascii_alphanumeric() || "-._!$&'()*+,;=:@".contains(c) => pointer.push(c),
                c => {
                    let mut bytes = [0; 4];
                    for byte in c.encode_utf8(&mut bytes).bytes() {
                        let _ = write!(pointer, "%{byte:02X}");
                    }
                }
            }
        }
    }
    pointer
}

/// `#/items/0/name` (or `/items/0/name`) -> `items[0].name`: the inverse of
/// [`FieldViolation::json_pointer`] for the paths it writes, an all-digit
/// step read as an index; `None` for text that is no JSON Pointer.
#[cfg_attr(not(feature = "serde"), allow(dead_code, reason = "the HTTP bodies read pointers"))]
pub(crate) fn pointer_to_path(pointer: &str) -> Option<String> {
    let pointer = match pointer.strip_prefix('#') {
        Some(fragment) => percent_decode(fragment)?,
        None => pointer.to_owned(),
    };
    if pointer.is_empty() {
        return Some(String::new());
    }
    let mut path = String::new();
    for raw in pointer.strip_prefix('/')?.split('/') {
        let step = raw.replace("~1", "/").replace("~0", "~");
        if !step.is_empty() && step.bytes().all(|b| b.is_ascii_digit()) {
            path.push('[');
            path.push_str(&step);
            path.push(']');
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&step);
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paths_and_pointers() {
        for (path, pointer) in [
            ("age", "#/age"),
            ("items[0].name", "#/items/0/name"),
            ("[2].id", "#/2/id"),
            ("matrix[1][2]", "#/matrix/1/2"),
            ("a/b~c", "#/a~1b~0c"),
            ("naïve name", "#/na%C3%AFve%20name"),
            ("", "#"),
        ] {
            assert_eq!(path_to_pointer(path), pointer, "{path}");
            assert_eq!(pointer_to_path(pointer).as_deref(), Some(path), "{pointer}");
        }
        // A plain JSON Pointer reads too.
        assert_eq!(pointer_to_path("/items/3").as_deref(), Some("items[3]"));
        assert_eq!(pointer_to_path("#/bad%zz"), None);
        assert_eq!(pointer_to_path("no-slash"), None);
    }

    #[test]
    fn brackets_that_open_no_index_are_part_of_a_name() {
        assert_eq!(steps("tags[x].a"), [Step::Name("tags[x]"), Step::Name("a")]);
        assert_eq!(steps("a[]"), [Step::Name("a[]")]);
        assert_eq!(steps("a[1"), [Step::Name("a[1")]);
    }

    #[test]
    fn display() {
        assert_eq!(FieldViolations::new().to_string(), "no invalid field");
        let one: FieldViolations = vec![FieldViolation::new("", "is empty")].into();
        assert_eq!(one.to_string(), "1 invalid field (is empty)");
        assert_eq!(FieldViolation::new("a", "b").with_reason("").reason(), None);
    }

    /// A path garde or validator writes: names (identifiers) and indexes.
    fn path() -> impl Strategy<Value = String> {
        let step = prop_oneof![
            "[a-z_][a-zA-Z0-9_]{0,8}".prop_map(|name| (false, name)),
            (0usize..20).prop_map(|i| (true, i.to_string()))
        ];
        prop::collection::vec(step, 0..5).prop_map(|steps| {
            let mut path = String::new();
            for (index, text) in steps {
                if index {
                    let _ = write!(path, "[{text}]");
                } else {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&text);
                }
            }
            path
        })
    }

    proptest! {
        #[test]
        fn every_written_path_reads_back_from_its_pointer(path in path()) {
            prop_assert_eq!(pointer_to_path(&path_to_pointer(&path)), Some(path));
        }

        #[test]
        fn any_text_makes_a_pointer_and_no_pointer_panics(text in "\\PC{0,24}") {
            let pointer = path_to_pointer(&text);
            prop_assert!(pointer.starts_with('#'));
            let _read = pointer_to_path(&text);
            prop_assert!(pointer_to_path(&pointer).is_some());
        }
    }
}
