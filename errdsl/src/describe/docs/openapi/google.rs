//! Google's HTTP error body in the OpenAPI components, for services that
//! send it as their `application/json` error format
//! ([`BodyFormat::Google`](crate::http::BodyFormat::Google)).

use super::{example_error, only, schema_ref};
use crate::model::code::Code;
use crate::model::service_error::{ErrorSpec, ServiceError as _};
use crate::transport::grpc::goapb;
use crate::transport::http::{BodyFormat, encode_body};
use serde_json::{Value, json};

/// The key of Google's HTTP error body in `components.schemas`.
///
/// ```
/// use errdsl::http::BodyFormat;
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let specs = [ErrorSpec::new("not_found", Code::NotFound)];
/// let components = docs::openapi_components_in(&specs, BodyFormat::Google);
/// assert_eq!(components["schemas"][docs::GOOGLE_BODY_SCHEMA]["required"][0], "error");
/// ```
pub const GOOGLE_BODY_SCHEMA: &str = "GoogleError";

/// What follows [`schema_key`](super::schema_key) in the key of an error's
/// Google body schema.
pub(super) const SUFFIX: &str = "Google";

/// A detail of the type `type_url` with these members, all required.
fn detail(type_url: &str, description: &str, members: Value) -> Value {
    let type_name = type_url.rsplit('/').next().unwrap_or(type_url);
    let mut properties = json!({ "@type": only("string", json!(type_url)) });
    let mut required = vec!["@type".to_owned()];
    if let (Value::Object(properties), Value::Object(members)) = (&mut properties, members) {
        required.extend(members.keys().cloned());
        properties.extend(members);
    }
    json!({ "title": type_name, "description": description, "type": "object", "required": required, "properties": properties })
}

/// Google's error body: `{"error": {code, message, status, details}}`.
pub(super) fn body_schema() -> Value {
    let statuses: Vec<String> = Code::ALL.iter().map(|code| code.as_str().to_ascii_uppercase()).collect();
    let string = json!({ "type": "string" });
    let boolean = json!({ "type": "boolean" });
    let details = [
        detail(
            goapb::ErrorResponse::TYPE_URL,
            "Goa's error, as Goa's gRPC clients read it.",
            json!({ "name": string, "id": string, "msg": string, "temporary": boolean, "timeout": boolean, "fault": boolean }),
        ),
        detail(
            tonic_types::ErrorInfo::TYPE_URL,
            "AIP-193's ErrorInfo: the error's name in UPPER_SNAKE_CASE as `reason`, its domain, and as `metadata` its wire fields (lowerCamelCase keys) and errdsl's keys (`id`, `temporary`, `timeout`, `fault`, `code`, `service`).",
            json!({ "reason": string, "domain": string, "metadata": { "type": "object", "additionalProperties": { "type": "string" } } }),
        ),
        detail(
            tonic_types::RetryInfo::TYPE_URL,
            "How long to wait before retrying, as a protobuf duration (`30s`).",
            json!({ "retryDelay": { "type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,9})?s$" } }),
        ),
        detail(
            tonic_types::LocalizedMessage::TYPE_URL,
            "The user message, safe to show an end user.",
            json!({ "locale": string, "message": string }),
        ),
        detail(
            tonic_types::BadRequest::TYPE_URL,
            "What is wrong with each field of the request.",
            json!({ "fieldViolations": { "type": "array", "items": {
                "type": "object",
                "required": ["field", "description"],
                "properties": { "field": string, "description": string, "reason": string },
            } } }),
        ),
    ];
    json!({
        "title": "Google error body (AIP-193)",
        "description": "Google's JSON error body for HTTP APIs, as grpc-gateway and Google's APIs send it: the gRPC status of the error in protobuf's JSON mapping. Sent as `application/json` by a service that chooses this format.",
        "type": "object",
        "required": ["error"],
        "properties": { "error": {
            "type": "object",
            "required": ["code", "message", "status", "details"],
            "properties": {
                "code": { "type": "integer", "minimum": 100, "maximum": 999, "description": "The HTTP status of the response." },
                "message": { "type": "string", "description": "The message of the error: its user message, else its text; a fault's is `internal error (id: <id>)`." },
                "status": { "type": "string", "enum": statuses, "description": "The gRPC code of the error, in UPPER_SNAKE_CASE." },
                "details": { "type": "array", "items": { "oneOf": details } },
            },
        } },
    })
}

/// The Google body schema narrowed to `spec`: its `ErrorInfo.reason`, and
/// unless it is classified at run time its status and HTTP code.
pub(super) fn error_schema(spec: &ErrorSpec) -> Value {
    let reason = crate::model::aip193::reason(spec.name);
    let info = json!({
        "type": "object",
        "required": ["@type", "reason"],
        "properties": {
            "@type": only("string", json!(tonic_types::ErrorInfo::TYPE_URL)),
            "reason": only("string", json!(reason)),
        },
    });
    let mut error = json!({ "details": { "type": "array", "contains": info } });
    if !spec.classified {
        error["status"] = only("string", json!(spec.code.as_str().to_ascii_uppercase()));
        error["code"] = only("integer", json!(spec.http_status.as_u16()));
    }
    json!({
        "title": spec.name,
        "allOf": [
            schema_ref(GOOGLE_BODY_SCHEMA),
            { "type": "object", "properties": { "error": { "type": "object", "properties": error } } },
        ],
    })
}

/// The example body of `spec`, as the transport writes it.
pub(super) fn example(spec: &ErrorSpec) -> Value {
    let err = example_error(spec);
    let body = encode_body(&err.outgoing(), BodyFormat::Google, err.http_status());
    serde_json::from_slice(&body).unwrap_or(Value::Null)
}
