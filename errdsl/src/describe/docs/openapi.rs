//! OpenAPI 3.1 components for an error catalog.
#![allow(clippy::doc_markdown, reason = "OpenAPI and GitHub are names, not code")]

use super::{CLASSIFIED_AT_RUN_TIME, component_key, join_paragraph_lines, schema_key};
use crate::model::code::Code;
use crate::model::error_result::ErrorResult;
use crate::model::field_violation::FieldViolation;
use crate::model::service_error::{ErrorSpec, ServiceError as _};
use crate::model::wire_field::{BodyShape, JsonType, NON_FINITE_TEXTS};
use crate::transport::http::{BodyFormat, GoaBody, ProblemDetails};
use serde_json::{Map, Value, json};
use std::collections::HashSet;

#[cfg(feature = "tonic")]
mod google;
#[cfg(feature = "tonic")]
pub use google::GOOGLE_BODY_SCHEMA;

/// The key of Goa's error body ([`GoaBody`]) in `components.schemas`.
///
/// ```
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let components = docs::openapi_components(&[ErrorSpec::new("not_found", Code::NotFound)]);
/// assert_eq!(components["schemas"][docs::GOA_BODY_SCHEMA]["type"], "object");
/// ```
pub const GOA_BODY_SCHEMA: &str = "GoaError";

/// The key of RFC 9457 problem details ([`ProblemDetails`]) in
/// `components.schemas`.
///
/// ```
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let components = docs::openapi_components(&[ErrorSpec::new("not_found", Code::NotFound)]);
/// assert_eq!(components["schemas"][docs::PROBLEM_SCHEMA]["required"][0], "type");
/// ```
pub const PROBLEM_SCHEMA: &str = "ProblemDetails";

/// The error id of the examples in the OpenAPI components: a fixed id in
/// Goa's format (8 characters of unpadded base64url), so that the output is
/// the same on every run.
///
/// ```
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let components = docs::openapi_components(&[ErrorSpec::new("not_found", Code::NotFound)]);
/// let example = &components["responses"]["not_found"]["content"]["application/json"]["example"];
/// assert_eq!(example["id"], docs::EXAMPLE_ID);
/// ```
pub const EXAMPLE_ID: &str = "x7Fq9-Ab";

/// The OpenAPI 3.1 `components` object of a catalog:
///
/// - `schemas`: [`GOA_BODY_SCHEMA`], Goa's error body (`name`, `id`,
///   `message`, `temporary`, `timeout` and `fault` required; `code`, one of
///   the sixteen `snake_case` gRPC code names; `user_message`; `fields`, an
///   object of strings, numbers and booleans; `field_violations`, an array
///   of `{field, description, reason}`), and [`PROBLEM_SCHEMA`], RFC 9457 problem details as
///   errdsl writes them (`type`, `title`, `status`, `detail`, and
///   `instance` when a peer sends one, then the same members as the Goa
///   body as extension members, but `field_violations`, which is `errors`,
///   an array of `{detail, pointer, field, reason}`);
/// - `responses`: one entry per error, keyed by [`component_key`] of its
///   wire name (the name itself for every name the macros derive; the first
///   spec wins when two share a name). Each has the error's description (or
///   a sentence naming it), the headers `Goa-Error` (the wire name) and,
///   when the error declares one, `Retry-After`, and `content` for
///   `application/json` (the Goa body) and `application/problem+json`. The
///   schema of each is the body's schema narrowed to this error (its
///   `name`, its wire fields with their JSON types, and unless it is
///   classified at run time its code, flags and, for problem details,
///   `status`); for an error declared `custom_body`, the `application/json`
///   schema is its Goa custom type instead (the name member, `message` and
///   the wire fields, all required, each of its JSON type). Each comes with
///   an `example` body built the way
///   [`http::response`](crate::http::response) builds it, with id
///   [`EXAMPLE_ID`] and, as the message, the user message as declared
///   (`{field}` placeholders are filled in at run time), else the first
///   paragraph of the description; a fault's message is the generic one;
///   wire fields get a placeholder of their type (`0`, `0.5`, `false`, or
///   the field's name as text), and an error that carries field violations
///   one violation;
/// - every response also has an `x-errdsl` extension member with the spec
///   as data: `name`, `service`, `code`, `grpc_code` (the number),
///   `http_status`, `temporary`, `timeout`, `fault`, `user_message`,
///   `retry_after_secs`, `classified`, `body` (`"error_result"` or
///   `"custom"`), `field_violations` (whether it carries them) and
///   `wire_fields` (each `name` and JSON `type`).
///
/// Reference an error's response from an operation with
/// `{"$ref": "#/components/responses/<key>"}`.
///
/// ```
/// use errdsl::{Catalog, docs};
///
/// errdsl::errors! {
///     #[service_error(service = "divider", docs_url = "https://api.example.com/errors/")]
///     pub enum DividerError {
///         /// The divider is down for maintenance.
///         #[error("divider is in maintenance")]
///         #[service_error(temporary, http = 503, retry_after_secs = 30)]
///         Maintenance,
///     }
/// }
///
/// let components = docs::openapi_components(DividerError::ERRORS);
/// let response = &components["responses"]["maintenance"];
/// assert_eq!(response["description"], "The divider is down for maintenance.");
/// assert_eq!(response["headers"]["Retry-After"]["example"], 30);
/// let example = &response["content"]["application/json"]["example"];
/// assert_eq!(example["name"], "maintenance");
/// assert_eq!(example["temporary"], true);
/// let problem = &response["content"]["application/problem+json"]["example"];
/// assert_eq!(problem["status"], 503);
/// assert_eq!(problem["type"], "https://api.example.com/errors/maintenance");
/// ```
#[must_use]
pub fn openapi_components(specs: &[ErrorSpec]) -> Value {
    openapi_components_in(specs, BodyFormat::Goa)
}

/// [`openapi_components`] for a service whose error responses are in
/// `format` by default, with problem+json on request: the
/// `application/json` content of each response is Goa's body
/// ([`BodyFormat::Goa`], as `openapi_components` documents it) or Google's
/// ([`BodyFormat::Google`], the `tonic` feature: schema
/// [`GOOGLE_BODY_SCHEMA`](crate::docs::GOOGLE_BODY_SCHEMA), and per error
/// its `ErrorInfo.reason` and, unless classified at run time, its `status`
/// and HTTP `code`); with [`BodyFormat::Problem`] (a service that always
/// sends problem+json) a response has `application/problem+json` only.
///
/// ```
/// use errdsl::http::BodyFormat;
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let specs = [ErrorSpec::new("not_found", Code::NotFound)];
/// let components = docs::openapi_components_in(&specs, BodyFormat::Problem);
/// let content = &components["responses"]["not_found"]["content"];
/// assert!(content.get("application/json").is_none());
/// assert_eq!(content["application/problem+json"]["example"]["status"], 404);
/// ```
///
/// In Google's format:
///
/// ```
/// # #[cfg(feature = "tonic")] {
/// use errdsl::http::BodyFormat;
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let specs = [ErrorSpec::new("not_found", Code::NotFound)];
/// let components = docs::openapi_components_in(&specs, BodyFormat::Google);
/// let example = &components["responses"]["not_found"]["content"]["application/json"]["example"];
/// assert_eq!(example["error"]["status"], "NOT_FOUND");
/// assert_eq!(example["error"]["code"], 404);
/// assert_eq!(example["error"]["details"][1]["reason"], "NOT_FOUND");
/// # }
/// ```
#[must_use]
pub fn openapi_components_in(specs: &[ErrorSpec], format: BodyFormat) -> Value {
    let mut responses = Map::new();
    let mut seen = HashSet::new();
    for spec in specs.iter().filter(|spec| seen.insert(spec.name)) {
        responses.insert(component_key(spec.name), response_in(spec, format));
    }
    let mut schemas = schemas(specs);
    match format {
        BodyFormat::Goa => {}
        BodyFormat::Problem => {
            // Only problem+json is sent: no Goa body to document.
            schemas.remove(GOA_BODY_SCHEMA);
            let mut seen = HashSet::new();
            for spec in specs.iter().filter(|spec| seen.insert(spec.name)) {
                schemas.remove(&media_types(spec.name)[0].1);
            }
        }
        #[cfg(feature = "tonic")]
        BodyFormat::Google => {
            schemas.remove(GOA_BODY_SCHEMA);
            schemas.insert(GOOGLE_BODY_SCHEMA.to_owned(), google::body_schema());
            let mut seen = HashSet::new();
            for spec in specs.iter().filter(|spec| seen.insert(spec.name)) {
                let goa_key = &media_types(spec.name)[0].1;
                schemas.remove(goa_key);
                schemas.insert(format!("{goa_key}{}", google::SUFFIX), google::error_schema(spec));
            }
        }
    }
    json!({ "schemas": schemas, "responses": responses })
}

/// The `components.schemas` entries of `specs`: the two bodies
/// ([`GOA_BODY_SCHEMA`], [`PROBLEM_SCHEMA`]), then each error's own two
/// ([`error_schemas`]), each name once, the first spec of a name winning.
pub(super) fn schemas(specs: &[ErrorSpec]) -> Map<String, Value> {
    let mut schemas = Map::new();
    schemas.insert(GOA_BODY_SCHEMA.to_owned(), goa_body_schema());
    schemas.insert(PROBLEM_SCHEMA.to_owned(), problem_schema());
    let mut seen = HashSet::new();
    for spec in specs.iter().filter(|spec| seen.insert(spec.name)) {
        schemas.extend(error_schemas(spec));
    }
    schemas
}

/// A `$ref` to the schema `key` of `components.schemas`.
pub(super) fn schema_ref(key: &str) -> Value {
    json!({ "$ref": format!("{SCHEMAS}{key}") })
}

/// Where `components.schemas` is, as a `$ref` names it.
pub(super) const SCHEMAS: &str = "#/components/schemas/";

/// The media types of an error response and the key of each one's schema
/// for `name`, in the order a client sees them.
pub(super) fn media_types(name: &str) -> [(&'static str, String); 2] {
    let key = schema_key(name);
    [("application/json", key.clone()), ("application/problem+json", key + PROBLEM_SUFFIX)]
}

/// The schema of a body that is one of the errors of `specs`, in the
/// format of `media_types(..)[index]`: `oneOf` their schemas, with a
/// discriminator on `name` when every body has that member (a Goa custom
/// type names its error in a member of its own, if any).
#[cfg_attr(
    not(any(feature = "utoipa", feature = "aide")),
    allow(dead_code, reason = "the integrations' responses are its users")
)]
pub(super) fn one_of(specs: &[&ErrorSpec], index: usize) -> Value {
    let keys: Vec<(&str, String)> =
        specs.iter().map(|spec| (spec.name, media_types(spec.name)[index].1.clone())).collect();
    let mut schema = json!({ "oneOf": keys.iter().map(|(_, key)| schema_ref(key)).collect::<Vec<_>>() });
    let named = index == 1
        || specs.iter().all(|spec| match spec.body {
            BodyShape::ErrorResult => true,
            BodyShape::Custom { name_member } => name_member == Some("name"),
        });
    if named {
        let mapping: Map<String, Value> =
            keys.iter().map(|(name, key)| ((*name).to_owned(), json!(format!("{SCHEMAS}{key}")))).collect();
        schema["discriminator"] = json!({ "propertyName": "name", "mapping": mapping });
    }
    schema
}

/// What follows [`schema_key`] in the key of an error's problem+json
/// schema.
const PROBLEM_SUFFIX: &str = "Problem";

/// A minimal, complete OpenAPI 3.1 document around
/// [`openapi_components`]: `openapi: "3.1.0"`, `info` with `title` and
/// `version`, no paths, and the components. It validates on its own, and
/// other documents can reference its responses.
///
/// ```
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let specs = [ErrorSpec::new("not_found", Code::NotFound).with_description("No such thing.")];
/// let document = docs::openapi_document("Divider errors", "1.0.0", &specs);
/// assert_eq!(document["openapi"], "3.1.0");
/// assert_eq!(document["info"]["title"], "Divider errors");
/// assert_eq!(document["paths"], serde_json::json!({}));
/// assert_eq!(document["components"]["responses"]["not_found"]["description"], "No such thing.");
/// ```
#[must_use]
pub fn openapi_document(title: &str, version: &str, specs: &[ErrorSpec]) -> Value {
    openapi_document_in(title, version, specs, BodyFormat::Goa)
}

/// [`openapi_document`] around [`openapi_components_in`]: for a service
/// whose error responses are in `format` by default.
///
/// ```
/// use errdsl::http::BodyFormat;
/// use errdsl::{Code, ErrorSpec, docs};
///
/// let specs = [ErrorSpec::new("not_found", Code::NotFound)];
/// let document = docs::openapi_document_in("Divider errors", "1.0.0", &specs, BodyFormat::Problem);
/// assert_eq!(document["openapi"], "3.1.0");
/// assert!(document["components"]["schemas"].get(docs::GOA_BODY_SCHEMA).is_none());
/// ```
#[must_use]
pub fn openapi_document_in(title: &str, version: &str, specs: &[ErrorSpec], format: BodyFormat) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": { "title": title, "version": version },
        "paths": {},
        "components": openapi_components_in(specs, format),
    })
}

/// The members the Goa body and the problem extension members share.
fn shared_members() -> Map<String, Value> {
    let codes: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
    let members = json!({
        "name": {
            "type": "string",
            "description": "The stable wire name of the error, e.g. `div_by_zero`."
        },
        "id": {
            "type": "string",
            "description": "The id of this occurrence, for log correlation: 6 random bytes as 8 characters of unpadded base64url."
        },
        "code": {
            "type": "string",
            "enum": codes,
            "description": "The gRPC code of the error, in snake_case. errdsl's extension: Goa's own bodies have none."
        },
        "temporary": {
            "type": "boolean",
            "description": "Whether the same request may succeed if sent again as it is."
        },
        "timeout": { "type": "boolean", "description": "Whether the error is a timeout." },
        "fault": {
            "type": "boolean",
            "description": "Whether the error is a server-side fault; its details never leave the server."
        },
        "user_message": { "type": "string", "description": "A message safe to show an end user." },
        "fields": {
            "type": "object",
            "additionalProperties": { "type": ["string", "number", "boolean"] },
            "description": "The fields that travel with the error, each with its JSON type: integer and float fields as numbers, `bool` fields as booleans, others as text."
        }
    });
    match members {
        Value::Object(members) => members,
        _ => Map::new(),
    }
}

/// Goa's error body: [`GoaBody`].
pub(super) fn goa_body_schema() -> Value {
    let mut properties = Map::new();
    let mut shared = shared_members();
    for key in ["name", "id"] {
        if let Some(member) = shared.remove(key) {
            properties.insert(key.to_owned(), member);
        }
    }
    properties.insert(
        "message".to_owned(),
        json!({
            "type": "string",
            "description": "The message of the error: its user message, else its text; a fault's is `internal error (id: <id>)`."
        }),
    );
    properties.extend(shared);
    properties.insert("field_violations".to_owned(), violations_schema(Form::Goa));
    json!({
        "title": "Goa error body",
        "description": "Goa's `ErrorResult` body, which Goa-generated clients decode, with errdsl's `code`, `user_message` and `fields`. Sent as `application/json`.",
        "type": "object",
        "required": ["name", "id", "message", "temporary", "timeout", "fault"],
        "properties": properties,
    })
}

/// RFC 9457 problem details as errdsl writes them: [`ProblemDetails`].
pub(super) fn problem_schema() -> Value {
    let mut properties = json!({
        "type": {
            "type": "string",
            "format": "uri-reference",
            "description": "The problem type: the error's documentation base (`docs_url`) followed by its name, percent-encoded, which resolves to its docs; `about:blank` when the error declares no base."
        },
        "title": {
            "type": "string",
            "description": "The name made readable, the same for every occurrence: `Div by zero`; for `about:blank`, the status phrase."
        },
        "status": {
            "type": "integer",
            "minimum": 100,
            "maximum": 999,
            "description": "The HTTP status of the response."
        },
        "detail": {
            "type": "string",
            "description": "The message of this occurrence, as the Goa body's `message`."
        },
        "instance": {
            "type": "string",
            "format": "uri-reference",
            "description": "Not written by errdsl (the occurrence is the `id` member); read when a peer sends it."
        }
    });
    if let Value::Object(properties) = &mut properties {
        properties.extend(shared_members());
        properties.insert("errors".to_owned(), violations_schema(Form::Problem));
    }
    json!({
        "title": "Problem details (RFC 9457)",
        "description": "RFC 9457 problem details, with the Goa body's members as extension members. Sent as `application/problem+json`.",
        "type": "object",
        "required": [
            "type", "title", "status", "detail",
            "name", "id", "code", "temporary", "timeout", "fault"
        ],
        "properties": properties,
    })
}

/// The body a list of field violations is documented for.
#[derive(Clone, Copy)]
enum Form {
    Goa,
    Problem,
}

/// The schema of the field violations an error carries, in Goa's body
/// (`field_violations`) or in problem+json (`errors`, RFC 9457 §3).
fn violations_schema(form: Form) -> Value {
    let field = json!({ "type": "string", "description": "The path of the field, as AIP-193 writes it: `items[0].name`; empty for the request as a whole." });
    let reason = json!({ "type": "string", "description": "The kind of violation, in UPPER_SNAKE_CASE (`LENGTH`), when there is one." });
    let what = json!({ "type": "string", "description": "What is wrong with the field." });
    let (properties, required, description) = match form {
        Form::Goa => (
            json!({ "field": field, "description": what, "reason": reason }),
            json!(["field", "description"]),
            "What is wrong with each field of the request, as gRPC's `BadRequest` says it; only when the error carries field violations.",
        ),
        Form::Problem => (
            json!({
                "detail": what,
                "pointer": { "type": "string", "description": "Where the field is, as a JSON Pointer in URI fragment form (`#/items/0/name`)." },
                "field": field,
                "reason": reason,
            }),
            json!(["detail", "pointer", "field"]),
            "What is wrong with each field of the request (RFC 9457 §3's `errors`); only when the error carries field violations.",
        ),
    };
    json!({
        "type": "array",
        "description": description,
        "items": { "type": "object", "required": required, "properties": properties },
    })
}

/// The `components.responses` entry of one error, for a service that
/// sends Goa's body.
#[cfg_attr(
    not(any(feature = "utoipa", feature = "aide")),
    allow(dead_code, reason = "the integrations' responses are its users")
)]
pub(super) fn response(spec: &ErrorSpec) -> Value {
    response_in(spec, BodyFormat::Goa)
}

/// The `components.responses` entry of one error, for a service whose
/// default format is `format` ([`openapi_components_in`]).
fn response_in(spec: &ErrorSpec, format: BodyFormat) -> Value {
    let example = example_error(spec);
    let goa_example = serde_json::to_value(GoaBody::from(&example)).unwrap_or(Value::Null);
    let problem = ProblemDetails::from(&example);
    let problem_example = serde_json::to_value(&problem).unwrap_or(Value::Null);

    let mut headers = Map::new();
    headers.insert(
        "Goa-Error".to_owned(),
        json!({
            "description": "The wire name of the error, as Goa sends it.",
            "required": true,
            "schema": only("string", json!(goa_error_value(spec.name))),
        }),
    );
    if let Some(secs) = spec.retry_after_secs {
        headers.insert(
            "Retry-After".to_owned(),
            json!({
                "description": format!("How long to wait before retrying, in seconds: {secs} for this error."),
                "required": true,
                "schema": { "type": "integer", "minimum": 0 },
                "example": secs,
            }),
        );
    }

    let description = if spec.description.trim().is_empty() {
        format!("The `{}` error.", spec.name.replace('`', "'"))
    } else {
        spec.description.to_owned()
    };
    let goa_example = match spec.body {
        BodyShape::ErrorResult => goa_example,
        BodyShape::Custom { .. } => serde_json::from_slice(
            crate::transport::http::encode_body(
                &example.outgoing(),
                crate::transport::http::BodyFormat::Goa,
                example.http_status(),
            )
            .as_slice(),
        )
        .unwrap_or(Value::Null),
    };
    let [(json, goa_key), (problem, problem_key)] = media_types(spec.name);
    let mut content = Map::new();
    match format {
        BodyFormat::Goa => {
            content
                .insert(json.to_owned(), json!({ "schema": schema_ref(&goa_key), "example": goa_example }));
        }
        BodyFormat::Problem => {}
        #[cfg(feature = "tonic")]
        BodyFormat::Google => {
            let key = format!("{goa_key}{}", google::SUFFIX);
            content.insert(
                json.to_owned(),
                json!({ "schema": schema_ref(&key), "example": google::example(spec) }),
            );
        }
    }
    content.insert(
        problem.to_owned(),
        json!({ "schema": schema_ref(&problem_key), "example": problem_example }),
    );
    json!({
        "description": description,
        "headers": headers,
        "content": content,
        "x-errdsl": spec_data(spec),
    })
}

/// The two schemas of one error in `components.schemas`, under the keys
/// of [`media_types`]: its Goa body (or its Goa custom type) and its
/// problem+json body. Each is the body's schema narrowed to this error:
/// its `name` (the one value, required), `code` (required), its wire
/// fields (`fields` required, and each field in it, of its JSON type), and
/// unless it is
/// classified at run time its code, flags and, for problem details, its
/// `type` and `status`.
pub(super) fn error_schemas(spec: &ErrorSpec) -> [(String, Value); 2] {
    let mut narrow = Map::new();
    let mut required = vec!["name", "code"];
    narrow.insert("name".to_owned(), only("string", json!(spec.name)));
    if !spec.wire_fields.is_empty() {
        narrow.insert("fields".to_owned(), fields_schema(spec));
        required.push("fields");
    }
    if !spec.classified {
        narrow.insert("code".to_owned(), only("string", json!(spec.code.as_str())));
        narrow.insert("temporary".to_owned(), only("boolean", json!(spec.temporary)));
        narrow.insert("timeout".to_owned(), only("boolean", json!(spec.timeout)));
        narrow.insert("fault".to_owned(), only("boolean", json!(spec.fault)));
    }
    let mut narrow_problem = narrow.clone();
    let problem = ProblemDetails::from(&example_error(spec));
    narrow_problem.insert("type".to_owned(), only("string", json!(problem.problem_type)));
    if let Some(status) = problem.status.filter(|_| !spec.classified) {
        narrow_problem.insert("status".to_owned(), only("integer", json!(status)));
    }

    let [(_, goa_key), (_, problem_key)] = media_types(spec.name);
    let goa = match spec.body {
        BodyShape::ErrorResult => json!({
            "title": spec.name,
            "allOf": [
                schema_ref(GOA_BODY_SCHEMA),
                { "type": "object", "required": required, "properties": narrow },
            ],
        }),
        BodyShape::Custom { name_member } => custom_body_schema(spec, name_member),
    };
    let problem = json!({
        "title": spec.name,
        "allOf": [
            schema_ref(PROBLEM_SCHEMA),
            { "type": "object", "required": required, "properties": narrow_problem },
        ],
    });
    [(goa_key, goa), (problem_key, problem)]
}

/// A schema of `json_type` that holds `value` only: a one-value `enum`
/// rather than `const`, which OpenAPI tools such as utoipa do not model.
fn only(json_type: &str, value: Value) -> Value {
    json!({ "type": json_type, "enum": Value::Array(vec![value]) })
}

/// The spec as data: the `x-errdsl` member of its response.
fn spec_data(spec: &ErrorSpec) -> Value {
    json!({
        "name": spec.name,
        "service": spec.service,
        "code": spec.code.as_str(),
        "grpc_code": spec.code.as_i32(),
        "http_status": spec.http_status.as_u16(),
        "temporary": spec.temporary,
        "timeout": spec.timeout,
        "fault": spec.fault,
        "user_message": spec.user_message,
        "retry_after_secs": spec.retry_after_secs,
        "classified": spec.classified,
        "body": match spec.body {
            BodyShape::ErrorResult => "error_result",
            BodyShape::Custom { .. } => "custom",
        },
        "field_violations": spec.field_violations,
        "wire_fields": spec.wire_fields.iter().map(|field| json!({
            "name": field.name,
            "type": field.json_type.schema_name(),
        })).collect::<Vec<_>>(),
        "note": spec.classified.then_some(format!(
            "code, status and flags are {CLASSIFIED_AT_RUN_TIME}; these are the fallback"
        )),
    })
}

/// The schema of each wire field of `spec`, by its JSON type.
fn field_schemas(spec: &ErrorSpec) -> Map<String, Value> {
    spec.wire_fields.iter().map(|field| (field.name.to_owned(), value_schema(field.json_type))).collect()
}

/// The schema of the `fields` member of `spec`'s body: every wire field,
/// each required.
fn fields_schema(spec: &ErrorSpec) -> Value {
    let required: Vec<&str> = spec.wire_fields.iter().map(|field| field.name).collect();
    json!({ "type": "object", "required": required, "properties": field_schemas(spec) })
}

/// The schema of a wire field's value of this JSON type, exactly as it is
/// written: a float is a number or, when it is not finite, one of
/// [`NON_FINITE_TEXTS`].
fn value_schema(json_type: JsonType) -> Value {
    match json_type {
        JsonType::Number => json!({ "anyOf": [
            { "type": "number" },
            { "type": "string", "enum": NON_FINITE_TEXTS, "description": "A value that is not finite, as protobuf's JSON mapping writes it." },
        ] }),
        other => json!({ "type": other.schema_name() }),
    }
}

/// The Goa custom type of an error declared `custom_body`: what a Goa
/// design `Type(...)` with these attributes requires of the body.
fn custom_body_schema(spec: &ErrorSpec, name_member: Option<&str>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    if let Some(member) = name_member {
        properties.insert(
            member.to_owned(),
            json!({ "type": "string", "enum": [spec.name], "description": "The wire name of the error (Goa's `struct:error:name`)." }),
        );
        required.push(member.to_owned());
    }
    properties.insert(
        "message".to_owned(),
        json!({ "type": "string", "description": "The message of the error: its user message, else its text; a fault's is `internal error (id: <id>)`." }),
    );
    required.push("message".to_owned());
    properties.extend(field_schemas(spec));
    required.extend(spec.wire_fields.iter().map(|field| field.name.to_owned()));
    if spec.field_violations {
        properties.insert("field_violations".to_owned(), violations_schema(Form::Goa));
    }
    json!({
        "title": format!("{} (a Goa custom error type)", spec.name),
        "description": "A Goa error of a user type: its attributes at the top level. Sent as `application/json`, with `Goa-Error`.",
        "type": "object",
        "required": required,
        "properties": properties,
    })
}

/// The example value of a wire field of this type, as its text.
fn example_text(name: &str, json_type: JsonType) -> String {
    match json_type {
        JsonType::String => name.to_owned(),
        JsonType::Integer => "0".to_owned(),
        JsonType::Number => "0.5".to_owned(),
        JsonType::Boolean => "false".to_owned(),
    }
}

/// The error the examples show: the spec's, with id [`EXAMPLE_ID`]. Its
/// message (what a fault never sends) is the description's first paragraph,
/// or the name.
pub(super) fn example_error(spec: &ErrorSpec) -> ErrorResult {
    let paragraphs = join_paragraph_lines(spec.description);
    let message = paragraphs.split("\n\n").next().filter(|first| !first.is_empty()).unwrap_or(spec.name);
    let mut builder = ErrorResult::builder(spec.name, spec.code)
        .id(EXAMPLE_ID)
        .message(message)
        .http_status(spec.http_status)
        .temporary(spec.temporary)
        .timeout(spec.timeout)
        .fault(spec.fault);
    if let Some(user_message) = spec.user_message {
        builder = builder.user_message(user_message);
    }
    if let Some(docs_url) = spec.docs_url {
        builder = builder.docs_url(docs_url);
    }
    for field in spec.wire_fields {
        builder = builder.typed_field(field.name, example_text(field.name, field.json_type), field.json_type);
    }
    if spec.field_violations {
        builder = builder
            .field_violation(FieldViolation::new("items[0].name", "must not be empty").with_reason("LENGTH"));
    }
    builder.body(spec.body).build()
}

/// `Goa-Error`'s value for `name`, as the transport writes it.
fn goa_error_value(name: &str) -> String {
    crate::transport::http::goa_error_text(name).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;

    #[test]
    fn goa_error_values_match_the_transport() {
        for name in ["div_by_zero", "a b", "ärger%", "", "x\ny", "%41"] {
            let err = ErrorResult::new(name, Code::NotFound, "m");
            let response = crate::transport::http::response(&err, crate::transport::http::BodyFormat::Goa);
            let header = response.headers().get("goa-error").map(|value| value.to_str().unwrap_or("?"));
            assert_eq!(header, Some(goa_error_value(name).as_str()), "{name:?}");
        }
    }

    #[test]
    fn examples_are_the_transport_bodies() {
        let spec = ErrorSpec::new("maintenance", Code::Unavailable)
            .with_http_status(StatusCode::SERVICE_UNAVAILABLE)
            .with_temporary(true)
            .with_retry_after_secs(30)
            .with_user_message("Down for maintenance.");
        let components = openapi_components(&[spec]);
        let response = &components["responses"]["maintenance"];
        let err = example_error(&spec);
        let http = crate::transport::http::response(&err, crate::transport::http::BodyFormat::Goa);
        let body: Value = serde_json::from_slice(http.body()).unwrap_or_default();
        // The transport captures the error under its own id.
        let mut example = response["content"]["application/json"]["example"].clone();
        example["id"] = body["id"].clone();
        assert_eq!(example, body);
        let http = crate::transport::http::response(&err, crate::transport::http::BodyFormat::Problem);
        let body: Value = serde_json::from_slice(http.body()).unwrap_or_default();
        let mut example = response["content"]["application/problem+json"]["example"].clone();
        example["id"] = body["id"].clone();
        assert_eq!(example, body);
    }

    #[test]
    fn hostile_specs_do_not_panic() {
        let specs = [
            ErrorSpec::new("", Code::Unknown),
            ErrorSpec::new("`|\n\r%é", Code::Internal).with_fault(true).with_description("\n\n"),
            ErrorSpec::new("x", Code::Aborted)
                .with_http_status(StatusCode::from_u16(999).unwrap())
                .with_classified(true),
            ErrorSpec::new("x", Code::Aborted),
        ];
        let components = openapi_components(&specs);
        assert_eq!(components["responses"].as_object().map(Map::len), Some(3));
        let example = &components["responses"]["."]["content"]["application/problem+json"]["example"];
        assert_eq!(example["status"], 500);
        let fault = &components["responses"][component_key("`|\n\r%é").as_str()];
        assert_eq!(
            fault["content"]["application/json"]["example"]["message"],
            "internal error (id: x7Fq9-Ab)"
        );
        assert_eq!(fault["description"], "The `'|\n\r%é` error.");
    }
}
