//! utoipa's `IntoResponses` for a catalog: the per-error responses of
//! [`openapi_components`](super::openapi_components), one per HTTP status,
//! converted into utoipa's types. One description of the bodies: this
//! module only groups and converts.

use std::collections::{BTreeMap, HashSet};

use serde_json::{Map, Value, json};
use utoipa::openapi::RefOr;
use utoipa::openapi::response::Response;

use super::openapi::{self, GOA_BODY_SCHEMA, PROBLEM_SCHEMA};
use crate::ErrorSpec;

/// The media types of an error response, in the order a client sees them.
const MEDIA_TYPES: [&str; 2] = ["application/json", "application/problem+json"];

/// utoipa's responses of every error of `specs`: one per HTTP status, whose
/// body is the error's schema, or `oneOf` the schemas of the errors that
/// share the status, with one named example per error, in both formats
/// (Goa's JSON and problem+json), the `Goa-Error` header (and `Retry-After`
/// where an error declares one), and `x-errdsl-errors`, the wire names. The
/// body schemas are inlined, so a document needs no components of
/// errdsl's. What the generated `utoipa::IntoResponses` of every declared
/// type returns (feature `utoipa`), for
/// `#[utoipa::path(responses((status = 200, body = i32), DivideError))]`.
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
    let mut seen = HashSet::new();
    let mut by_status: BTreeMap<u16, Vec<&ErrorSpec>> = BTreeMap::new();
    for spec in specs.iter().filter(|spec| seen.insert(spec.name)) {
        by_status.entry(spec.http_status).or_default().push(spec);
    }
    by_status
        .into_iter()
        .map(|(status, specs)| {
            let value = status_response(&specs);
            // The JSON is errdsl's own and of utoipa's shapes (the tests hold
            // the conversion lossless); a description is what is left if not.
            let response = serde_json::from_value::<Response>(value)
                .unwrap_or_else(|_| Response::new(format!("HTTP {status}")));
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}

/// The response of the errors that share one status.
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
    // without it.
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
mod tests {
    use super::*;
    use crate::Code;

    /// Every spec shape errdsl writes converts into utoipa's types and back
    /// without losing a member.
    #[test]
    fn the_conversion_into_utoipas_types_loses_nothing() {
        static FIELDS: [crate::WireField; 2] = [
            crate::WireField::new("divisor", crate::JsonType::Integer),
            crate::WireField::new("exact", crate::JsonType::Boolean),
        ];
        let specs = [
            ErrorSpec::new("div_by_zero", Code::InvalidArgument)
                .with_description("Zero.")
                .with_wire_fields(&FIELDS),
            ErrorSpec::new("too_large", Code::OutOfRange)
                .with_http_status(400)
                .with_wire_fields(&FIELDS)
                .with_body(crate::BodyShape::Custom { name_member: Some("name") }),
            ErrorSpec::new("maintenance", Code::Unavailable).with_temporary(true).with_retry_after_secs(30),
            ErrorSpec::new("busy", Code::Unavailable).with_temporary(true),
            ErrorSpec::new("db_down", Code::Internal).with_fault(true).with_docs_url("/errors/"),
            ErrorSpec::new("classified", Code::Unknown).with_classified(true),
        ];
        let mut by_status: BTreeMap<u16, Vec<&ErrorSpec>> = BTreeMap::new();
        for spec in &specs {
            by_status.entry(spec.http_status).or_default().push(spec);
        }
        for (status, group) in by_status {
            let json = status_response(&group);
            let response: Response =
                serde_json::from_value(json.clone()).unwrap_or_else(|err| panic!("{status}: {err}: {json}"));
            assert_eq!(serde_json::to_value(&response).unwrap(), json, "{status}");
        }
        let responses = utoipa_responses(&specs);
        assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "500", "503"]);
    }
}
