//! The responses of a catalog grouped by HTTP status, as JSON: the
//! per-error responses of [`openapi_components`](super::openapi_components)
//! merged where errors share a status, each body a `$ref` to the error's
//! schema in `components.schemas` ([`openapi::schemas`]). What the OpenAPI
//! integrations (utoipa, aide) convert into their own types; one
//! description of the bodies.

use super::openapi;
use crate::model::service_error::ErrorSpec;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashSet};

/// One response per HTTP status of `specs` (each name once, the first
/// spec of a name winning), in the order of the statuses. Their schemas
/// are references into [`openapi::schemas`] of the same specs.
pub(super) fn responses_by_status(specs: &[ErrorSpec]) -> BTreeMap<u16, Value> {
    let mut seen = HashSet::new();
    let mut by_status: BTreeMap<u16, Vec<&ErrorSpec>> = BTreeMap::new();
    for spec in specs.iter().filter(|spec| seen.insert(spec.name)) {
        by_status.entry(spec.http_status.as_u16()).or_default().push(spec);
    }
    by_status.into_iter().map(|(status, specs)| (status, status_response(&specs))).collect()
}

/// The response of the errors that share one status: the error's own,
/// or `oneOf` their schemas (with a discriminator on `name` where every
/// body has that member) and one named example each, the `Goa-Error` (and
/// `Retry-After`) headers, and `x-errdsl-errors`, the wire names.
fn status_response(specs: &[&ErrorSpec]) -> Value {
    let responses: Vec<Value> = specs.iter().map(|spec| openapi::response(spec)).collect();
    let names: Vec<&str> = specs.iter().map(|spec| spec.name).collect();
    let description = if let [one] = responses.as_slice() {
        one["description"].clone()
    } else {
        let lines: Vec<String> = specs
            .iter()
            .zip(&responses)
            .map(|(spec, response)| {
                let first =
                    response["description"].as_str().unwrap_or_default().lines().next().unwrap_or_default();
                format!("- `{}`: {first}", spec.name)
            })
            .collect();
        json!(format!("One of these errors:\n\n{}", lines.join("\n")))
    };

    let mut headers = Map::new();
    let goa_errors: Vec<&Value> = responses
        .iter()
        .filter_map(|response| response["headers"]["Goa-Error"]["schema"]["enum"].get(0))
        .collect();
    // utoipa's `Header` has no `required`: the headers are described
    // without it, for every integration alike.
    headers.insert(
        "Goa-Error".to_owned(),
        json!({
            "description": "The wire name of the error, as Goa sends it.",
            "schema": { "type": "string", "enum": goa_errors },
        }),
    );
    let retry: Vec<&Value> =
        responses.iter().filter_map(|response| response["headers"].get("Retry-After")).collect();
    if let Some(first) = retry.first() {
        let description = if retry.len() < responses.len() {
            json!("How long to wait before retrying, in seconds, for the errors that say.")
        } else {
            first["description"].clone()
        };
        headers.insert(
            "Retry-After".to_owned(),
            json!({ "description": description, "schema": first["schema"] }),
        );
    }

    let mut content = Map::new();
    for (index, media_type) in ["application/json", "application/problem+json"].into_iter().enumerate() {
        let bodies: Vec<&Value> = responses.iter().map(|response| &response["content"][media_type]).collect();
        let entry = if let [one] = bodies.as_slice() {
            (*one).clone()
        } else {
            let schema = openapi::one_of(specs, index);
            let examples: Map<String, Value> = names
                .iter()
                .zip(&bodies)
                .map(|(name, body)| {
                    ((*name).to_owned(), json!({ "summary": name, "value": body["example"] }))
                })
                .collect();
            json!({ "schema": schema, "examples": examples })
        };
        content.insert(media_type.to_owned(), entry);
    }
    json!({
        "description": description,
        "headers": headers,
        "content": content,
        "x-errdsl-errors": names,
    })
}

/// `value` with every reference into `schemas` (a `components.schemas`
/// map) replaced by the schema, itself inlined: for a document that keeps
/// no components of errdsl's.
#[cfg(any(feature = "aide", test))]
pub(super) fn inlined(value: Value, schemas: &Map<String, Value>) -> Value {
    match value {
        Value::Object(object) => {
            let target = object
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|target| target.strip_prefix(openapi::SCHEMAS));
            match target.and_then(|key| schemas.get(key)) {
                Some(schema) => inlined(schema.clone(), schemas),
                None => Value::Object(
                    object.into_iter().map(|(key, value)| (key, inlined(value, schemas))).collect(),
                ),
            }
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|item| inlined(item, schemas)).collect()),
        other => other,
    }
}

#[cfg(test)]
pub(in crate::describe::docs) mod tests {
    use super::*;
    use crate::model::code::Code;
    use crate::model::wire_field::BodyShape;

    /// Every spec shape errdsl writes, for the integrations' conversion tests.
    pub(in crate::describe::docs) fn every_shape() -> Vec<ErrorSpec> {
        static FIELDS: [crate::model::wire_field::WireField; 2] = [
            crate::model::wire_field::WireField::new("divisor", crate::model::wire_field::JsonType::Integer),
            crate::model::wire_field::WireField::new("exact", crate::model::wire_field::JsonType::Boolean),
        ];
        vec![
            ErrorSpec::new("div_by_zero", Code::InvalidArgument)
                .with_description("Zero.")
                .with_wire_fields(&FIELDS),
            ErrorSpec::new("too_large", Code::OutOfRange)
                .with_http_status(::http::StatusCode::BAD_REQUEST)
                .with_wire_fields(&FIELDS)
                .with_body(crate::model::wire_field::BodyShape::Custom { name_member: Some("name") }),
            ErrorSpec::new("invalid_fields", Code::InvalidArgument).with_field_violations(true),
            ErrorSpec::new("maintenance", Code::Unavailable).with_temporary(true).with_retry_after_secs(30),
            ErrorSpec::new("busy", Code::Unavailable).with_temporary(true),
            ErrorSpec::new("db_down", Code::Internal).with_fault(true).with_docs_url("/errors/"),
            ErrorSpec::new("classified", Code::Unknown).with_classified(true),
        ]
    }

    #[test]
    fn errors_that_share_a_status_share_a_response() {
        let responses = responses_by_status(&every_shape());
        assert_eq!(responses.keys().collect::<Vec<_>>(), [&400, &500, &503]);
        assert_eq!(responses[&400]["x-errdsl-errors"], json!(["div_by_zero", "too_large", "invalid_fields"]));
        let schema = &responses[&400]["content"]["application/json"]["schema"];
        assert_eq!(
            schema["oneOf"],
            json!([
                {"$ref": "#/components/schemas/DivByZero"},
                {"$ref": "#/components/schemas/TooLarge"},
                {"$ref": "#/components/schemas/InvalidFields"},
            ])
        );
        assert_eq!(schema["discriminator"]["mapping"]["too_large"], "#/components/schemas/TooLarge");
        let problem = &responses[&400]["content"]["application/problem+json"]["schema"];
        assert_eq!(
            problem["discriminator"]["mapping"]["div_by_zero"],
            "#/components/schemas/DivByZeroProblem"
        );
    }

    #[test]
    fn every_reference_resolves_and_inlining_leaves_none() {
        let specs = every_shape();
        let schemas = openapi::schemas(&specs);
        let responses = Value::Array(responses_by_status(&specs).into_values().collect());
        let mut references = Vec::new();
        collect_references(&responses, &mut references);
        collect_references(&Value::Object(schemas.clone()), &mut references);
        assert!(!references.is_empty());
        for reference in references {
            let key = reference.strip_prefix(openapi::SCHEMAS).unwrap_or_else(|| panic!("{reference}"));
            assert!(schemas.contains_key(key), "{reference} resolves to nothing");
        }
        let inlined = inlined(responses, &schemas);
        assert!(!inlined.to_string().contains("$ref"), "{inlined}");
    }

    /// Every `$ref` in `value`.
    fn collect_references(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(target)) = object.get("$ref") {
                    out.push(target.clone());
                }
                object.values().for_each(|value| collect_references(value, out));
            }
            Value::Array(items) => items.iter().for_each(|item| collect_references(item, out)),
            _ => {}
        }
    }

    #[test]
    fn a_custom_type_without_a_name_member_is_not_discriminated() {
        let specs = [
            ErrorSpec::new("a", Code::InvalidArgument),
            ErrorSpec::new("b", Code::InvalidArgument).with_body(BodyShape::Custom { name_member: None }),
        ];
        let responses = responses_by_status(&specs);
        assert_eq!(responses[&400]["content"]["application/json"]["schema"].get("discriminator"), None);
        assert!(
            responses[&400]["content"]["application/problem+json"]["schema"].get("discriminator").is_some()
        );
    }
}
