//! The divider's `GET /openapi.json`: the OAS 3.1 document of its HTTP API
//! generated through utoipa, with errdsl's `utoipa::IntoResponses` for the
//! error types. It validates against the official OAS 3.1 schema; each
//! operation documents exactly the errors of its error type's catalog
//! (`has_remainder`, `overflow` and `divisor_too_large` on
//! `integer_divide` only, `not_finite` on `divide` only), each error's
//! body is one named schema in `components.schemas` that every response
//! references (and every reference resolves), each example validates
//! against its own schema, and a real error response validates against the
//! schema documented for its status.

mod common;

use std::collections::BTreeSet;

use errdsl::Catalog;
use errdsl_examples::divider::{DivideError, IntegerDivideError};
use serde_json::Value;

/// The official `OpenAPI` 3.1 schema (`https://spec.openapis.org/oas/3.1/schema/2022-10-07`),
/// vendored beside errdsl's own tests.
const OPENAPI_31_SCHEMA: &str = include_str!("../../tests/fixtures/openapi-3.1-schema.json");

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .offline()
        .build(schema)
        .unwrap_or_else(|err| panic!("schema does not compile: {err}"))
}

/// A validator of `schema`, a part of `document` whose references point
/// into the document's `components`.
fn validator_in(document: &Value, schema: &Value) -> jsonschema::Validator {
    let root = serde_json::json!({ "components": document["components"], "allOf": [schema] });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .offline()
        .build(&root)
        .unwrap_or_else(|err| panic!("schema does not compile: {err}"))
}

fn problems(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|err| format!("{err} at {}", err.instance_path())).collect()
}

async fn document() -> (errdsl_examples::divider::Running, Value) {
    let servers = common::servers().await;
    let response = reqwest::get(format!("{}/openapi.json", servers.http_url())).await.expect("the document");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let document = response.json().await.expect("JSON");
    (servers, document)
}

/// The wire names an operation documents, over all its error responses.
fn documented_errors(operation: &Value) -> BTreeSet<String> {
    operation["responses"]
        .as_object()
        .expect("responses")
        .iter()
        .filter(|(status, _)| status.as_str() != "200")
        .flat_map(|(_, response)| response["x-errdsl-errors"].as_array().expect("x-errdsl-errors").clone())
        .map(|name| name.as_str().expect("a name").to_owned())
        .collect()
}

fn names(specs: &[errdsl::ErrorSpec]) -> BTreeSet<String> {
    specs.iter().map(|spec| spec.name.to_owned()).collect()
}

#[tokio::test]
async fn the_document_is_valid_openapi_3_1() {
    let (_servers, document) = document().await;
    assert_eq!(document["openapi"], "3.1.0");
    let schema: Value = serde_json::from_str(OPENAPI_31_SCHEMA).expect("the vendored schema");
    assert_eq!(problems(&validator(&schema), &document), Vec::<String>::new());
}

#[tokio::test]
async fn each_operation_documents_its_parameters_success_and_exactly_its_errors() {
    let (_servers, document) = document().await;
    let paths = &document["paths"];
    let operations = [
        (&paths["/idiv/{a}/{b}"]["get"], names(IntegerDivideError::ERRORS), "integer"),
        (&paths["/idiv"]["post"], names(IntegerDivideError::ERRORS), "integer"),
        (&paths["/div/{a}/{b}"]["get"], names(DivideError::ERRORS), "number"),
        (&paths["/div"]["get"], names(DivideError::ERRORS), "number"),
        (&paths["/div"]["post"], names(DivideError::ERRORS), "number"),
    ];
    for (operation, expected, success) in operations {
        let id = operation["operationId"].as_str().expect("an operation");
        assert_eq!(documented_errors(operation), expected, "{id}");
        assert_eq!(
            operation["responses"]["200"]["content"]["application/json"]["schema"]["type"], success,
            "{id}"
        );
        let inputs = operation["parameters"].as_array().map_or(0, Vec::len)
            + usize::from(operation.get("requestBody").is_some());
        assert!(inputs > 0, "{id}: its operands are documented");
    }
    let idiv = documented_errors(&paths["/idiv/{a}/{b}"]["get"]);
    let div = documented_errors(&paths["/div/{a}/{b}"]["get"]);
    for name in ["has_remainder", "overflow", "divisor_too_large"] {
        assert!(idiv.contains(name) && !div.contains(name), "{name}");
    }
    assert!(div.contains("not_finite") && !idiv.contains("not_finite"));
    // Errors that share a status are one response, one example each.
    let bad_request = &paths["/idiv/{a}/{b}"]["get"]["responses"]["400"];
    let examples = bad_request["content"]["application/json"]["examples"].as_object().expect("examples");
    assert!(
        examples.contains_key("div_by_zero") && examples.contains_key("invalid_field_type"),
        "{bad_request}"
    );
    assert_eq!(
        bad_request["headers"]["Goa-Error"]["schema"]["enum"].as_array().map(Vec::len),
        Some(examples.len())
    );
    assert!(paths["/idiv/{a}/{b}"]["get"]["responses"]["503"]["headers"].get("Retry-After").is_some());
}

#[tokio::test]
async fn examples_and_real_responses_match_their_schemas() {
    let (servers, document) = document().await;
    let operation = &document["paths"]["/idiv/{a}/{b}"]["get"];
    for (status, response) in operation["responses"].as_object().expect("responses") {
        if status == "200" {
            continue;
        }
        for media_type in ["application/json", "application/problem+json"] {
            let content = &response["content"][media_type];
            let schema = validator_in(&document, &content["schema"]);
            let examples: Vec<&Value> = match content["examples"].as_object() {
                Some(examples) => examples.values().map(|example| &example["value"]).collect(),
                None => vec![&content["example"]],
            };
            for example in examples {
                assert_eq!(
                    problems(&schema, example),
                    Vec::<String>::new(),
                    "{status} {media_type}: {example}"
                );
            }
        }
    }
    // Real answers, in both formats, against the schema of their status.
    for (path, accept) in [
        ("/idiv/7/0", "application/json"),
        ("/idiv/7/2", "application/problem+json"),
        ("/idiv/7/2000000", "application/json"),
        ("/idiv/abc/1", "application/problem+json"),
        ("/div/inf/2", "application/json"),
        ("/div/-inf/2", "application/problem+json"),
        ("/div/7/0", "application/json"),
    ] {
        let template = if path.starts_with("/idiv") { "/idiv/{a}/{b}" } else { "/div/{a}/{b}" };
        let operation = &document["paths"][template]["get"];
        let answer = reqwest::Client::new()
            .get(format!("{}{path}", servers.http_url()))
            .header("accept", accept)
            .send()
            .await
            .expect("an answer");
        let status = answer.status().as_u16().to_string();
        let body: Value = answer.json().await.expect("JSON");
        let schema = validator_in(&document, &operation["responses"][&status]["content"][accept]["schema"]);
        assert_eq!(problems(&schema, &body), Vec::<String>::new(), "{path} {accept}: {body}");
        // A narrowed schema rejects another error's body.
        let mut other = body.clone();
        other["name"] = "no_such_error".into();
        assert!(!problems(&schema, &other).is_empty(), "{path} {accept}: the name is not checked");
    }
}

#[tokio::test]
async fn each_error_is_one_named_schema_that_every_response_references() {
    let (_servers, document) = document().await;
    let schemas = document["components"]["schemas"].as_object().expect("components.schemas");
    for spec in errdsl::docs::union(&[DivideError::ERRORS, IntegerDivideError::ERRORS]) {
        let key = errdsl::docs::schema_key(spec.name);
        let schema = &schemas.get(&key).unwrap_or_else(|| panic!("no schema {key}"));
        assert!(schemas.contains_key(&format!("{key}Problem")), "{key}Problem");
        // `name` and, when the error has wire fields, `fields` and each of
        // them are required.
        let narrowed = if spec.body == errdsl::BodyShape::ErrorResult { &schema["allOf"][1] } else { schema };
        let required = narrowed["required"].as_array().expect("required");
        let has_fields = !spec.wire_fields.is_empty();
        if spec.body == errdsl::BodyShape::ErrorResult {
            assert!(required.contains(&"name".into()), "{key}: {schema}");
            assert_eq!(required.contains(&"fields".into()), has_fields, "{key}: {schema}");
            if has_fields {
                let fields = &narrowed["properties"]["fields"]["required"];
                let names: Vec<&str> = spec.wire_fields.iter().map(|field| field.name).collect();
                assert_eq!(fields, &serde_json::json!(names), "{key}");
            }
        }
    }
    // The document references its schemas; it does not repeat them.
    let text = document["paths"].to_string();
    assert!(!text.contains("\"allOf\""), "a body schema is written out in a path");
    let mut references = Vec::new();
    collect_references(&document, &mut references);
    assert!(references.iter().any(|reference| reference == "#/components/schemas/DivByZero"));
    for reference in references {
        let pointer = reference.strip_prefix('#').expect("a local reference");
        assert!(document.pointer(pointer).is_some(), "{reference} resolves to nothing");
    }
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
