//! Field violations in the JSON bodies: Goa's `field_violations` (gRPC's
//! `BadRequest` names: `field`, `description`, `reason`) and RFC 9457's
//! `errors` (§3's `detail` and `pointer`, plus `field` and `reason`), and
//! one lenient reader for both.

use crate::model::field_violation::FieldViolation;
use crate::model::field_violation::pointer_to_path;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// The member of a Goa body that holds the violations.
pub(super) const GOA_MEMBER: &str = "field_violations";

/// The member of a problem that holds the violations (RFC 9457, §3).
pub(super) const PROBLEM_MEMBER: &str = "errors";

/// The body a list of violations is written in.
#[derive(Clone, Copy)]
pub(super) enum Form {
    /// `{"field", "description", "reason"}`, as gRPC's `BadRequest` names them.
    Goa,
    /// `{"detail", "pointer", "field", "reason"}`: RFC 9457's members, and
    /// the path as the other transports write it.
    Problem,
}

/// Violations as a JSON array in one of the [`Form`]s.
pub(super) struct ViolationsOut<'a>(pub(super) &'a [FieldViolation], pub(super) Form);

impl Serialize for ViolationsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for violation in self.0 {
            seq.serialize_element(&ViolationOut(violation, self.1))?;
        }
        seq.end()
    }
}

struct ViolationOut<'a>(&'a FieldViolation, Form);

impl Serialize for ViolationOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ViolationOut(violation, form) = self;
        let mut out = serializer.serialize_map(None)?;
        match form {
            Form::Goa => {
                out.serialize_entry("field", violation.field())?;
                out.serialize_entry("description", violation.description())?;
            }
            Form::Problem => {
                out.serialize_entry("detail", violation.description())?;
                out.serialize_entry("pointer", &violation.json_pointer())?;
                out.serialize_entry("field", violation.field())?;
            }
        }
        if let Some(reason) = violation.reason() {
            out.serialize_entry("reason", reason)?;
        }
        out.end()
    }
}

/// The violations a body's member holds, in either form, leniently: the
/// path from `field`, else from `pointer`; the words from `description`,
/// else `detail`; entries that are no object, or say neither where nor
/// what, are skipped, as is a member that is no array.
pub(super) fn read(value: &Value) -> Vec<FieldViolation> {
    let Some(entries) = value.as_array() else { return Vec::new() };
    entries.iter().filter_map(read_one).collect()
}

fn read_one(entry: &Value) -> Option<FieldViolation> {
    let text = |key: &str| entry.get(key).and_then(Value::as_str);
    let field = text("field")
        .map(str::to_owned)
        .or_else(|| text("pointer").and_then(pointer_to_path))
        .unwrap_or_default();
    let description = text("description").or_else(|| text("detail")).unwrap_or_default();
    if field.is_empty() && description.is_empty() {
        return None;
    }
    let violation = FieldViolation::new(field, description);
    Some(match text("reason") {
        Some(reason) => violation.with_reason(reason),
        None => violation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Vec<FieldViolation> {
        vec![
            FieldViolation::new("items[0].name", "must not be empty").with_reason("LENGTH"),
            FieldViolation::new("email", "must be an email address"),
        ]
    }

    #[test]
    fn writes_each_form() {
        let goa = serde_json::to_value(ViolationsOut(&sample(), Form::Goa)).unwrap();
        assert_eq!(
            goa,
            json!([
                {"field": "items[0].name", "description": "must not be empty", "reason": "LENGTH"},
                {"field": "email", "description": "must be an email address"},
            ])
        );
        let problem = serde_json::to_value(ViolationsOut(&sample(), Form::Problem)).unwrap();
        assert_eq!(
            problem,
            json!([
                {"detail": "must not be empty", "pointer": "#/items/0/name", "field": "items[0].name", "reason": "LENGTH"},
                {"detail": "must be an email address", "pointer": "#/email", "field": "email"},
            ])
        );
    }

    #[test]
    fn reads_both_forms_back() {
        for form in [Form::Goa, Form::Problem] {
            let written = serde_json::to_value(ViolationsOut(&sample(), form)).unwrap();
            assert_eq!(read(&written), sample());
        }
    }

    #[test]
    fn reads_rfc_9457_entries_and_skips_what_says_nothing() {
        let value = json!([
            {"detail": "must be a positive integer", "pointer": "#/age"},
            {"detail": "is taken", "pointer": "not a pointer"},
            {"pointer": "#/colour", "detail": 3},
            "text",
            {},
            {"field": 1, "description": null},
        ]);
        assert_eq!(
            read(&value),
            [
                FieldViolation::new("age", "must be a positive integer"),
                FieldViolation::new("", "is taken"),
                FieldViolation::new("colour", ""),
            ]
        );
        assert!(read(&json!({"field": "a"})).is_empty());
        assert!(read(&json!(null)).is_empty());
    }
}
