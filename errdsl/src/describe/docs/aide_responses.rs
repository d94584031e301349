//! aide's `OperationOutput` for a catalog: the responses of
//! [`by_status`](super::by_status) converted into aide's types, and the
//! schemas they reference added to aide's generator.

use super::by_status::{inlined, responses_by_status};
use super::openapi::{self, SCHEMAS};
use crate::model::service_error::ErrorSpec;
use aide::generate::GenContext;
use aide::openapi::Response;

/// aide's responses of every error of `specs`, by HTTP status: the same
/// responses as [`utoipa_responses`](super::utoipa_responses) (one per
/// status, `oneOf` the schemas of the errors that share it with a named
/// example each, both body formats, the `Goa-Error` and `Retry-After`
/// headers, `x-errdsl-errors`), as `inferred_responses` returns them. What
/// the generated `aide::OperationOutput` of every declared type returns
/// (feature `aide`), so that aide documents a handler that returns
/// `Result<Json<T>, DivideError>` with every error it can return.
///
/// When aide extracts schemas into `components.schemas` (its default for
/// an `ApiRouter`), each error's schema is added to `context`'s generator
/// and the bodies reference it; else the schemas are written in place.
///
/// ```
/// use errdsl::{Catalog, docs};
///
/// errdsl::errors! {
///     pub enum DivideError {
///         /// The divisor was zero.
///         #[error("cannot divide by zero")]
///         #[service_error(http = 400)]
///         DivByZero,
///         /// Down for maintenance.
///         #[error("in maintenance")]
///         #[service_error(temporary, http = 503, retry_after_secs = 30)]
///         Maintenance,
///     }
/// }
///
/// let responses = aide::generate::in_context(|context| docs::aide_responses(context, DivideError::ERRORS));
/// let statuses: Vec<_> = responses.iter().map(|(status, _)| *status).collect();
/// assert_eq!(statuses, [Some(400), Some(503)]);
/// assert!(responses[1].1.headers.contains_key("Retry-After"));
/// ```
#[must_use]
pub fn aide_responses(context: &mut GenContext, specs: &[ErrorSpec]) -> Vec<(Option<u16>, Response)> {
    let schemas = openapi::schemas(specs);
    let settings = context.schema.settings();
    let extracted = !settings.inline_subschemas && settings.definitions_path == SCHEMAS;
    if extracted {
        let definitions = context.schema.definitions_mut();
        for (key, schema) in &schemas {
            definitions.entry(key.clone()).or_insert_with(|| schema.clone());
        }
    }
    responses_by_status(specs)
        .into_iter()
        .map(|(status, value)| {
            let value = if extracted { value } else { inlined(value, &schemas) };
            // The JSON is errdsl's own and of aide's shapes (the tests hold
            // the conversion lossless); a description is what is left if not.
            let response = serde_json::from_value::<Response>(value).unwrap_or_else(|_| Response {
                description: format!("HTTP {status}"),
                ..Response::default()
            });
            (Some(status), response)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::describe::docs::by_status::tests::every_shape;

    /// Every spec shape errdsl writes converts into aide's types and back
    /// without losing a member; aide adds only each header's `style`, as
    /// `simple`, OpenAPI's default for headers.
    #[test]
    fn the_conversion_into_aides_types_loses_nothing() {
        for (status, json) in responses_by_status(&every_shape()) {
            let response: Response =
                serde_json::from_value(json.clone()).unwrap_or_else(|err| panic!("{status}: {err}: {json}"));
            let mut back = serde_json::to_value(&response).unwrap();
            for header in back["headers"].as_object_mut().unwrap().values_mut() {
                assert_eq!(header.as_object_mut().unwrap().remove("style"), Some("simple".into()));
            }
            assert_eq!(back, json, "{status}");
        }
    }
}
