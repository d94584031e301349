//! `garde::Report` -> [`FieldViolations`] (feature `garde`).

use super::{FieldViolation, FieldViolations};

/// One violation per entry of the report, in its order: the path as garde
/// writes it (`items[0].name`, AIP-193's form), the message as the
/// description, and no reason (garde's errors carry none).
///
/// ```
/// use errdsl::FieldViolations;
///
/// let mut report = garde::Report::new();
/// report.append(garde::Path::new("items").join(0).join("name"), garde::Error::new("length is lower than 1"));
/// let violations = FieldViolations::from(report);
/// assert_eq!(violations[0].field(), "items[0].name");
/// assert_eq!(violations[0].description(), "length is lower than 1");
/// assert_eq!(violations[0].reason(), None);
/// ```
impl From<garde::Report> for FieldViolations {
    fn from(report: garde::Report) -> Self {
        report.iter().map(|(path, error)| FieldViolation::new(path.to_string(), error.message())).collect()
    }
}
