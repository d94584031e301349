//! The responses of a catalog grouped by HTTP status, as JSON: the
//! per-error responses of [`openapi_components`](super::openapi_components)
//! merged where errors share a status, their body schemas inlined. What the
//! OpenAPI integrations (utoipa, aide) convert into their own types; one
//! description of the bodies.

use std::collections::{BTreeMap, HashSet};

use serde_json::{Map, Value, json};

use super::openapi::{self, GOA_BODY_SCHEMA, PROBLEM_SCHEMA};
use crate::ErrorSpec;

/// The media types of an error response, in the order a client sees them.
const MEDIA_TYPES: [&str; 2] = ["application/json", "application/problem+json"];

/// One response per HTTP status of `specs` (each name once, the first
/// spec of a name winning), in the order of the statuses.
pub(super) fn responses_by_status(specs: &[ErrorSpec]) -> BTreeMap<u16, Value> {
    let mut seen = HashSet::new();
    let mut by_status: BTreeMap<u16, Vec<&ErrorSpec>> = BTreeMap::new();
    for spec in specs.iter().filter(|spec| seen.insert(spec.name)) {
        by_status.entry(spec.http_status.as_u16()).or_default().push(spec);
    }
    by_status.into_iter().map(|(status, specs)| (status, status_response(&specs))).collect()
}

/// The response of the errors that share one status: the error's own,
/// or `oneOf` their schemas with one named example each, the `Goa-Error`
/// (and `Retry-After`) headers, and `x-errdsl-errors`, the wire names.
fn status_response(specs: &[&ErrorSpec]) -> Value {
    let responses: Vec<Value> = specs.iter().map(|spec| inlined(openapi::response(spec))).collect();
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
    for media_type in MEDIA_TYPES {
        let bodies: Vec<&Value> = responses.iter().map(|response| &response["content"][media_type]).collect();
        let entry = if let [one] = bodies.as_slice() {
            (*one).clone()
        } else {
            let schemas: Vec<Value> = bodies.iter().map(|body| body["schema"].clone()).collect();
            let examples: Map<String, Value> = names
                .iter()
                .zip(&bodies)
                .map(|(name, body)| {
                    ((*name).to_owned(), json!({ "summary": name, "value": body["example"] }))
                })
                .collect();
            json!({ "schema": { "oneOf": schemas }, "examples": examples })
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

/// `value` with the component schemas it references written in place.
fn inlined(value: Value) -> Value {
    match value {
        Value::Object(object) => {
            let target = object.get("$ref").and_then(Value::as_str);
            let inline = match target {
                Some(target) if target == format!("#/components/schemas/{GOA_BODY_SCHEMA}") => {
                    Some(openapi::goa_body_schema())
                }
                Some(target) if target == format!("#/components/schemas/{PROBLEM_SCHEMA}") => {
                    Some(openapi::problem_schema())
                }
                _ => None,
            };
            inline.unwrap_or_else(|| {
                Value::Object(object.into_iter().map(|(key, value)| (key, inlined(value))).collect())
            })
        }
        Value::Array(items) => Value::Array(items.into_iter().map(inlined).collect()),
        other => other,
    }
}

#[cfg(test)]
pub(in crate::docs) mod tests {
    use super::*;
    use crate::Code;

    /// Every spec shape errdsl writes, for the integrations' conversion tests.
    pub(in crate::docs) fn every_shape() -> Vec<ErrorSpec> {
        static FIELDS: [crate::WireField; 2] = [
            crate::WireField::new("divisor", crate::JsonType::Integer),
            crate::WireField::new("exact", crate::JsonType::Boolean),
        ];
        vec![
            ErrorSpec::new("div_by_zero", Code::InvalidArgument)
                .with_description("Zero.")
                .with_wire_fields(&FIELDS),
            ErrorSpec::new("too_large", Code::OutOfRange)
                .with_http_status(crate::StatusCode::BAD_REQUEST)
                .with_wire_fields(&FIELDS)
                .with_body(crate::BodyShape::Custom { name_member: Some("name") }),
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
        let schemas = &responses[&400]["content"]["application/json"]["schema"]["oneOf"];
        assert_eq!(schemas.as_array().map(Vec::len), Some(3));
        // Inlined: no reference into components a document lacks.
        assert!(!responses[&400].to_string().contains("#/components/"));
    }
}
