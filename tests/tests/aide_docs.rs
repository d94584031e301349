//! aide documents the errors of its handlers through errdsl's generated
//! `aide::OperationOutput`: a real `ApiRouter` whose handlers return
//! `Result<Json<T>, E>` for the divider's two error types, its OpenAPI
//! document checked against the official OpenAPI 3.1 schema, and each
//! operation's errors against its error type's catalog.

use std::collections::BTreeSet;

use aide::axum::ApiRouter;
use aide::axum::routing::get;
use aide::openapi::{Info, OpenApi};
use axum::Json;
use errdsl::{Catalog, ErrorSpec};
use errdsl_examples::divider::{DivideError, IntegerDivideError};
use jsonschema::Draft;
use serde_json::Value;

async fn integer_divide() -> Result<Json<i32>, IntegerDivideError> {
    Ok(Json(1))
}

async fn divide() -> Result<Json<f64>, DivideError> {
    Ok(Json(1.0))
}

fn document() -> Value {
    let mut api = OpenApi {
        info: Info { title: "Divider".into(), version: "1".into(), ..Info::default() },
        ..OpenApi::default()
    };
    let _router: axum::Router = ApiRouter::new()
        .api_route("/idiv", get(integer_divide))
        .api_route("/div", get(divide))
        .finish_api(&mut api);
    serde_json::to_value(&api).expect("aide's document serializes")
}

/// The wire names an operation's responses list, and the statuses.
fn documented_errors(responses: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let responses = responses.as_object().expect("responses");
    let names = responses
        .values()
        .filter_map(|response| response["x-errdsl-errors"].as_array())
        .flatten()
        .map(|name| name.as_str().expect("a name").to_owned())
        .collect();
    let statuses = responses.keys().filter(|status| *status != "200").cloned().collect();
    (names, statuses)
}

fn catalog(specs: &[ErrorSpec]) -> (BTreeSet<String>, BTreeSet<String>) {
    let names = specs.iter().map(|spec| spec.name.to_owned()).collect();
    let statuses = specs.iter().map(|spec| spec.http_status.as_str().to_owned()).collect();
    (names, statuses)
}

#[test]
fn the_document_is_valid_openapi_3_1() {
    let schema: Value = serde_json::from_str(include_str!("../fixtures/openapi-3.1-schema.json"))
        .expect("the vendored schema");
    let validator =
        jsonschema::options().with_draft(Draft::Draft202012).offline().build(&schema).expect("a schema");
    let document = document();
    let errors: Vec<String> =
        validator.iter_errors(&document).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn each_operation_documents_exactly_its_error_types_catalog() {
    let document = document();
    for (path, specs) in [("/idiv", IntegerDivideError::ERRORS), ("/div", DivideError::ERRORS)] {
        let responses = &document["paths"][path]["get"]["responses"];
        assert!(responses["200"].is_object(), "{path}: the success response");
        assert_eq!(documented_errors(responses), catalog(specs), "{path}");
        // Both bodies, with their schemas and examples.
        for (status, response) in responses.as_object().unwrap().iter().filter(|(status, _)| *status != "200")
        {
            for media_type in ["application/json", "application/problem+json"] {
                let content = &response["content"][media_type];
                assert!(content["schema"].is_object(), "{path} {status} {media_type}");
                assert!(content["example"].is_object() || content["examples"].is_object(), "{path} {status}");
            }
            assert!(response["headers"]["Goa-Error"].is_object(), "{path} {status}");
        }
    }
    let (idiv, _) = documented_errors(&document["paths"]["/idiv"]["get"]["responses"]);
    let (div, _) = documented_errors(&document["paths"]["/div"]["get"]["responses"]);
    assert!(idiv.contains("has_remainder") && !div.contains("has_remainder"));
    assert!(div.contains("not_finite") && !idiv.contains("not_finite"));
    let maintenance = &document["paths"]["/div"]["get"]["responses"]["503"];
    assert!(maintenance["headers"]["Retry-After"].is_object());
}

/// Every `$ref` in `value`.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(target)) = object.get("$ref") {
                out.push(target.clone());
            }
            object.values().for_each(|value| references(value, out));
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}

/// aide extracts schemas into `components.schemas` by default: each
/// error's body is there once, under its name, and every reference
/// resolves.
#[test]
fn each_errors_schema_is_a_component_that_resolves() {
    let document = document();
    let schemas = document["components"]["schemas"].as_object().expect("components.schemas");
    for spec in errdsl::docs::union(&[IntegerDivideError::ERRORS, DivideError::ERRORS]) {
        let key = errdsl::docs::schema_key(spec.name);
        assert!(schemas.contains_key(&key) && schemas.contains_key(&format!("{key}Problem")), "{key}");
    }
    let schema =
        &document["paths"]["/idiv"]["get"]["responses"]["400"]["content"]["application/json"]["schema"];
    assert_eq!(schema["discriminator"]["mapping"]["div_by_zero"], "#/components/schemas/DivByZero");
    let mut found = Vec::new();
    references(&document, &mut found);
    assert!(found.len() > schemas.len(), "{found:?}");
    for reference in found {
        let pointer = reference.strip_prefix('#').expect("a local reference");
        assert!(document.pointer(pointer).is_some(), "{reference} resolves to nothing");
    }
}

/// With schema extraction off, the bodies are written in place: no
/// reference at all, and no component of errdsl's.
#[test]
fn without_extraction_the_schemas_are_inlined() {
    aide::generate::extract_schemas(false);
    let document = document();
    aide::generate::extract_schemas(true);
    let paths = document["paths"].to_string();
    assert!(!paths.contains("$ref"), "{paths}");
    assert!(paths.contains("\"div_by_zero\""));
    assert!(document["components"]["schemas"].get("DivByZero").is_none());
}
