//! utoipa's `IntoResponses` and `ToSchema` for a catalog: the responses
//! of [`by_status`](super::by_status) and the schemas they reference
//! converted into utoipa's types.

use super::by_status::responses_by_status;
use super::openapi;
use crate::model::service_error::ErrorSpec;
use std::collections::{BTreeMap, HashSet};
use utoipa::openapi::RefOr;
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::Schema;

/// utoipa's responses of every error of `specs`: one per HTTP status, whose
/// body is the error's schema, or `oneOf` the schemas of the errors that
/// share the status, with one named example per error, in both formats
/// (Goa's JSON and problem+json), the `Goa-Error` header (and `Retry-After`
/// where an error declares one), and `x-errdsl-errors`, the wire names.
/// What the generated `utoipa::IntoResponses` of every declared type
/// returns (feature `utoipa`), for
/// `#[utoipa::path(responses((status = 200, body = i32), DivideError))]`.
///
/// The bodies are references to each error's schema in
/// `components.schemas` ([`schema_key`](super::schema_key)), which
/// utoipa's `IntoResponses` cannot add to the document: list the type in
/// `#[openapi(components(schemas(DivideError)))]` too, whose generated
/// `utoipa::ToSchema` adds them ([`utoipa_schemas`]).
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
///         /// The dividend is not a number.
///         #[error("not a number")]
///         #[service_error(http = 400)]
///         NotANumber,
///         /// Down for maintenance.
///         #[error("in maintenance")]
///         #[service_error(temporary, http = 503, retry_after_secs = 30)]
///         Maintenance,
///     }
/// }
///
/// let responses = docs::utoipa_responses(DivideError::ERRORS);
/// assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "503"]);
/// let json = serde_json::to_value(&responses["400"]).unwrap();
/// assert_eq!(json["x-errdsl-errors"], serde_json::json!(["div_by_zero", "not_a_number"]));
/// assert_eq!(json["content"]["application/json"]["schema"]["oneOf"].as_array().unwrap().len(), 2);
/// ```
#[must_use]
pub fn utoipa_responses(specs: &[ErrorSpec]) -> BTreeMap<String, RefOr<Response>> {
    responses_by_status(specs)
        .into_iter()
        .map(|(status, value)| {
            // The JSON is errdsl's own and of utoipa's shapes (the tests hold
            // the conversion lossless); a description is what is left if not.
            let response = serde_json::from_value::<Response>(value)
                .unwrap_or_else(|_| Response::new(format!("HTTP {status}")));
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}

/// The schemas the responses of [`utoipa_responses`] reference, as
/// utoipa's `ToSchema::schemas` adds them to a document: the two body
/// envelopes ([`GOA_BODY_SCHEMA`](super::GOA_BODY_SCHEMA),
/// [`PROBLEM_SCHEMA`](super::PROBLEM_SCHEMA)) and each error's two, in
/// the order of their keys, those already in `schemas` left as they are. What the generated
/// `utoipa::ToSchema` of every declared type adds (feature `utoipa`), for
/// `#[openapi(components(schemas(DivideError)))]`.
///
/// ```
/// use errdsl::{Catalog, docs};
///
/// errdsl::errors! {
///     pub enum DivideError {
///         /// The divisor was zero.
///         #[error("cannot divide {dividend} by zero")]
///         #[service_error(http = 400)]
///         DivByZero { #[service_error(wire)] dividend: i64 },
///     }
/// }
///
/// let mut schemas = Vec::new();
/// docs::utoipa_schemas(DivideError::ERRORS, &mut schemas);
/// let keys: Vec<_> = schemas.iter().map(|(key, _)| key.as_str()).collect();
/// assert_eq!(keys, ["DivByZero", "DivByZeroProblem", "GoaError", "ProblemDetails"]);
/// let json = serde_json::to_value(&schemas[0].1).unwrap();
/// assert_eq!(json["allOf"][1]["required"], serde_json::json!(["name", "code", "fields"]));
/// ```
pub fn utoipa_schemas(specs: &[ErrorSpec], schemas: &mut Vec<(String, RefOr<Schema>)>) {
    let present: HashSet<String> = schemas.iter().map(|(key, _)| key.clone()).collect();
    for (key, json) in openapi::schemas(specs) {
        if !present.contains(&key) {
            schemas.push((key, to_schema(json)));
        }
    }
}

/// The schema of a body that is one of the errors of `specs`, in Goa's
/// format: `oneOf` their schemas, with a discriminator on `name`. What the
/// generated `utoipa::PartialSchema` of every declared type returns
/// (feature `utoipa`), under the type's name.
///
/// ```
/// use errdsl::{Catalog, docs};
///
/// errdsl::errors! {
///     pub enum DivideError {
///         #[error("cannot divide by zero")]
///         #[service_error(http = 400)]
///         DivByZero,
///         #[error("overflow")]
///         #[service_error(http = 400)]
///         Overflow,
///     }
/// }
///
/// let json = serde_json::to_value(docs::utoipa_schema(DivideError::ERRORS)).unwrap();
/// assert_eq!(json["oneOf"][1]["$ref"], "#/components/schemas/Overflow");
/// assert_eq!(json["discriminator"]["propertyName"], "name");
/// ```
#[must_use]
pub fn utoipa_schema(specs: &[ErrorSpec]) -> RefOr<Schema> {
    let mut seen = HashSet::new();
    let specs: Vec<&ErrorSpec> = specs.iter().filter(|spec| seen.insert(spec.name)).collect();
    to_schema(openapi::one_of(&specs, 0))
}

/// errdsl's schema JSON in utoipa's types (the tests hold the conversion
/// lossless); an empty object schema if it were not of utoipa's shapes.
fn to_schema(json: serde_json::Value) -> RefOr<Schema> {
    serde_json::from_value(json)
        .unwrap_or_else(|_| RefOr::T(Schema::Object(utoipa::openapi::schema::Object::default())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::describe::docs::by_status::tests::every_shape;

    /// Every spec shape errdsl writes converts into utoipa's types and back
    /// without losing a member.
    #[test]
    fn the_conversion_into_utoipas_types_loses_nothing() {
        for (status, json) in responses_by_status(&every_shape()) {
            let response: Response =
                serde_json::from_value(json.clone()).unwrap_or_else(|err| panic!("{status}: {err}: {json}"));
            assert_eq!(serde_json::to_value(&response).unwrap(), json, "{status}");
        }
        let responses = utoipa_responses(&every_shape());
        assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "500", "503"]);
    }

    /// So does every schema: the envelopes and each error's own.
    #[test]
    fn the_schemas_convert_without_losing_a_member() {
        let mut schemas = Vec::new();
        utoipa_schemas(&every_shape(), &mut schemas);
        let expected = openapi::schemas(&every_shape());
        assert_eq!(schemas.len(), expected.len());
        for (key, schema) in schemas {
            assert_eq!(serde_json::to_value(&schema).unwrap(), expected[&key], "{key}");
        }
    }
}
