//! `validator::ValidationErrors` -> [`FieldViolations`] (feature `validator`).

use super::{FieldViolation, FieldViolations};
use std::fmt::Write as _;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

/// The member validator files a struct-level (schema) error under: it is
/// about the struct itself, so its path is the struct's.
const WHOLE_STRUCT: &str = "__all__";

/// One violation per error of the report, sorted by path (validator keeps
/// them in a `HashMap`): the path in AIP-193's form (`items[0].name`), the
/// error's message as the description, else its rule and parameters
/// (`fails the length rule (min 3)`, never the rejected value), and its
/// code in `UPPER_SNAKE_CASE` as the reason (`LENGTH`).
///
/// ```
/// use errdsl::FieldViolations;
/// use validator::{ValidationError, ValidationErrors};
///
/// let mut errors = ValidationErrors::new();
/// let mut length = ValidationError::new("length");
/// length.add_param("min".into(), &3);
/// length.add_param("value".into(), &"ab");
/// errors.add("name", length);
/// errors.add("email", ValidationError::new("email").with_message("must be an email address".into()));
///
/// let violations = FieldViolations::from(errors);
/// assert_eq!(violations[0].field(), "email");
/// assert_eq!(violations[0].description(), "must be an email address");
/// assert_eq!(violations[0].reason(), Some("EMAIL"));
/// assert_eq!(violations[1].field(), "name");
/// assert_eq!(violations[1].description(), "fails the length rule (min 3)");
/// assert_eq!(violations[1].reason(), Some("LENGTH"));
/// ```
impl From<ValidationErrors> for FieldViolations {
    fn from(errors: ValidationErrors) -> Self {
        let mut violations = Vec::new();
        walk(&errors, "", &mut violations);
        violations.into()
    }
}

/// Adds the violations of `errors`, a struct at `path`, sorted by member.
fn walk(errors: &ValidationErrors, path: &str, violations: &mut Vec<FieldViolation>) {
    let mut members: Vec<_> = errors.errors().iter().collect();
    members.sort_by_key(|(member, _)| *member);
    for (member, kind) in members {
        let here = match (member.as_ref(), path) {
            (WHOLE_STRUCT, _) => path.to_owned(),
            (member, "") => member.to_owned(),
            (member, path) => format!("{path}.{member}"),
        };
        match kind {
            ValidationErrorsKind::Field(errors) => {
                violations.extend(errors.iter().map(|error| violation(&here, error)));
            }
            ValidationErrorsKind::Struct(inner) => walk(inner, &here, violations),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    walk(inner, &format!("{here}[{index}]"), violations);
                }
            }
        }
    }
}

fn violation(path: &str, error: &ValidationError) -> FieldViolation {
    let description = error.message.as_ref().map_or_else(|| describe(error), ToString::to_string);
    FieldViolation::new(path, description).with_reason(reason(&error.code))
}

/// `fails the length rule (max 10, min 3)`: the rule and its parameters
/// but the rejected `value`, which may be a secret.
fn describe(error: &ValidationError) -> String {
    let mut text = format!("fails the {} rule", error.code);
    let mut params: Vec<_> = error.params.iter().filter(|(name, _)| name.as_ref() != "value").collect();
    params.sort_by_key(|(name, _)| *name);
    for (i, (name, value)) in params.iter().enumerate() {
        text.push_str(if i == 0 { " (" } else { ", " });
        // Text without its JSON quotes; numbers and the rest as JSON.
        let _ = match value.as_str() {
            Some(value) => write!(text, "{name} {value}"),
            None => write!(text, "{name} {value}"),
        };
    }
    if !params.is_empty() {
        text.push(')');
    }
    text
}

/// `must_match` -> `MUST_MATCH`: AIP-193's form of a reason.
fn reason(code: &str) -> String {
    code.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_structs_lists_and_struct_level_errors_get_their_paths() {
        let mut item = ValidationErrors::new();
        item.add("name", ValidationError::new("length"));
        let mut root = ValidationErrors::new();
        root.errors_mut().insert("items".into(), ValidationErrorsKind::List([(2, Box::new(item))].into()));
        let mut address = ValidationErrors::new();
        address.add("zip", ValidationError::new("regex"));
        root.errors_mut().insert("address".into(), ValidationErrorsKind::Struct(Box::new(address)));
        root.add("__all__", ValidationError::new("schema").with_message("is inconsistent".into()));

        let violations = FieldViolations::from(root);
        let got: Vec<(&str, &str, Option<&str>)> =
            violations.iter().map(|v| (v.field(), v.description(), v.reason())).collect();
        assert_eq!(
            got,
            [
                ("", "is inconsistent", Some("SCHEMA")),
                ("address.zip", "fails the regex rule", Some("REGEX")),
                ("items[2].name", "fails the length rule", Some("LENGTH")),
            ]
        );
    }

    #[test]
    fn reasons_are_upper_snake_case() {
        assert_eq!(reason("must_match"), "MUST_MATCH");
        assert_eq!(reason("credit-card"), "CREDIT_CARD");
    }
}
