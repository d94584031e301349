//! Documentation from catalogs (`errdsl::docs`): the OpenAPI output checked
//! with a real JSON Schema validator (the `jsonschema` crate, offline)
//! against the official OpenAPI 3.1 schema vendored in
//! `tests/fixtures/openapi-3.1-schema.json`, the examples and real HTTP
//! responses of the divider's errors against the documented body schemas,
//! and the Markdown table.

use std::collections::BTreeSet;

use errdsl::axum::RequestError;
use errdsl::http::{self, BodyFormat};
use errdsl::{Catalog, Code, ErrorSpec, FieldViolation, ServiceError, docs};
use errdsl_examples::divider::{DivideError, DividerError, IntegerDivideError, WorkerFault};
use jsonschema::{Draft, Validator};
use serde_json::{Value, json};

/// The official OpenAPI 3.1 schema, `https://spec.openapis.org/oas/3.1/schema/2022-10-07`.
const OPENAPI_31_SCHEMA: &str = include_str!("../fixtures/openapi-3.1-schema.json");

/// A validator for `schema` as draft 2020-12 that never fetches a reference
/// and checks formats.
fn validator(schema: &Value) -> Validator {
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .offline()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|err| panic!("schema does not compile: {err}"))
}

fn openapi_validator() -> Validator {
    let schema: Value = serde_json::from_str(OPENAPI_31_SCHEMA).expect("the vendored schema is JSON");
    assert_eq!(schema["$id"], "https://spec.openapis.org/oas/3.1/schema/2022-10-07");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    validator(&schema)
}

/// Every validation error, with where it is; empty when `instance` is valid.
fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|err| format!("{err} (at {}, schema {})", err.instance_path(), err.schema_path()))
        .collect()
}

/// Every error of the divider service, each name once.
fn divider_specs() -> Vec<ErrorSpec> {
    docs::union(&[IntegerDivideError::ERRORS, DivideError::ERRORS])
}

fn divider_document() -> Value {
    docs::openapi_document("Divider errors", "1.0.0", &divider_specs())
}

/// A catalog with every odd case: a classified error, a fault without a
/// user message, a name that is no component key, markup in the text, a
/// hand-made spec with a status outside the table, a duplicate name.
fn odd_specs() -> Vec<ErrorSpec> {
    vec![
        ErrorSpec::new("store_io", Code::Unknown)
            .with_description("The store failed;\nclassified at run time.")
            .with_classified(true),
        ErrorSpec::new("db_down", Code::Internal).with_fault(true),
        ErrorSpec::new("v1.bad name/ärger%", Code::InvalidArgument)
            .with_description("Pipes | and `code`\n\nand <b>markup</b>.")
            .with_user_message("Use a | b.\nThanks."),
        ErrorSpec::new("teapot", Code::FailedPrecondition).with_http_status(errdsl::StatusCode::IM_A_TEAPOT),
        ErrorSpec::new("", Code::Aborted).with_http_status(errdsl::StatusCode::from_u16(999).unwrap()),
        ErrorSpec::new("quota", Code::ResourceExhausted).with_temporary(true).with_retry_after_secs(0),
        ErrorSpec::new("quota", Code::Internal),
    ]
}

#[test]
fn the_divider_document_is_valid_openapi_3_1() {
    let document = divider_document();
    assert_eq!(errors(&openapi_validator(), &document), Vec::<String>::new());
    let keys: BTreeSet<&str> = document["components"]["responses"]
        .as_object()
        .expect("responses")
        .keys()
        .map(String::as_str)
        .collect();
    let names: BTreeSet<&str> = divider_specs().iter().map(|spec| spec.name).collect();
    assert_eq!(keys, names);
    assert_eq!(keys.len(), 18);
}

#[test]
fn odd_catalogs_give_valid_openapi_3_1() {
    let document = docs::openapi_document("Odd | \"title\"\n", "", &odd_specs());
    assert_eq!(errors(&openapi_validator(), &document), Vec::<String>::new());
    assert_eq!(document["components"]["responses"].as_object().map(serde_json::Map::len), Some(6));
    let empty = docs::openapi_document("Nothing", "0", &[]);
    assert_eq!(errors(&openapi_validator(), &empty), Vec::<String>::new());
}

/// What is wrong, where, and the edit that breaks a valid document so.
type Broken = (&'static str, &'static str, fn(&mut Value));

/// The validator really validates: each of these documents breaks one rule
/// of the OpenAPI 3.1 schema, some of them only reachable through the
/// schema's `$dynamicRef`s and `unevaluatedProperties`.
#[test]
fn broken_documents_are_rejected() {
    let validator = openapi_validator();
    let valid = divider_document();
    let broken: [Broken; 8] = [
        ("a response without description", "/components/responses/div_by_zero", |doc| {
            doc["components"]["responses"]["div_by_zero"].as_object_mut().map(|r| r.remove("description"));
        }),
        ("openapi as a number", "/openapi", |doc| doc["openapi"] = json!(3)),
        ("openapi 3.0", "/openapi", |doc| doc["openapi"] = json!("3.0.3")),
        ("no info", "", |doc| {
            doc.as_object_mut().map(|d| d.remove("info"));
        }),
        ("a component key with a space", "/components/responses", |doc| {
            doc["components"]["responses"]["div by zero"] = json!({"description": "d"});
        }),
        ("a schema that is neither object nor boolean ($dynamicRef)", "/components/schemas/Broken", |doc| {
            doc["components"]["schemas"]["Broken"] = json!(5);
        }),
        (
            "a media type schema that is a string ($dynamicRef)",
            "/components/responses/div_by_zero/content/application~1json/schema",
            |doc| {
                doc["components"]["responses"]["div_by_zero"]["content"]["application/json"]["schema"] =
                    json!("GoaError");
            },
        ),
        (
            "an unknown member of a header (unevaluatedProperties)",
            "/components/responses/maintenance/headers/Goa-Error",
            |doc| {
                doc["components"]["responses"]["maintenance"]["headers"]["Goa-Error"]["in"] = json!("header");
            },
        ),
    ];
    for (what, path, breaks) in broken {
        let mut document = valid.clone();
        breaks(&mut document);
        assert_ne!(document, valid, "{what}: nothing changed");
        assert!(!validator.is_valid(&document), "{what}: accepted");
        // Rejected for that reason and no other.
        let found = errors(&validator, &document);
        assert_eq!(found.len(), 1, "{what}: {found:#?}");
        assert!(found[0].contains(&format!("(at {path}, schema ")), "{what}: {found:#?}");
    }
}

/// The component schemas are JSON Schema 2020-12 schemas (the OpenAPI
/// schema only checks that they are objects).
#[test]
fn component_schemas_are_valid_json_schemas() {
    let document = docs::openapi_document("Odd", "1", &odd_specs());
    let schemas = document["components"]["schemas"].as_object().expect("schemas");
    // The two bodies, and each error's two: its name in PascalCase, or
    // `_` and its component key when it is not `snake_case`.
    assert_eq!(
        schemas.keys().collect::<Vec<_>>(),
        [
            "DbDown",
            "DbDownProblem",
            "GoaError",
            "ProblemDetails",
            "Quota",
            "QuotaProblem",
            "StoreIo",
            "StoreIoProblem",
            "Teapot",
            "TeapotProblem",
            "_.",
            "_.Problem",
            "_v1.2Ebad.20name.2F.C3.A4rger.25",
            "_v1.2Ebad.20name.2F.C3.A4rger.25Problem",
        ]
    );
    for (name, schema) in schemas {
        let mut schema = schema.clone();
        schema["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        assert!(jsonschema::meta::validate(&schema).is_ok(), "{name}");
    }
    let goa = &schemas[docs::GOA_BODY_SCHEMA];
    assert_eq!(goa["required"], json!(["name", "id", "message", "temporary", "timeout", "fault"]));
    let codes: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(goa["properties"]["code"]["enum"], json!(codes));
    assert_eq!(
        goa["properties"]["fields"]["additionalProperties"],
        json!({"type": ["string", "number", "boolean"]})
    );
    let problem = &schemas[docs::PROBLEM_SCHEMA];
    for member in ["type", "title", "status", "detail", "instance", "name", "code", "user_message", "fields"]
    {
        assert!(problem["properties"][member].is_object(), "{member}");
    }
}

/// A validator for `schema` as it stands in `document`: its
/// `#/components/...` references resolve against the document's components.
fn validator_in(document: &Value, schema: &Value) -> Validator {
    validator(&json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": document["components"],
        "allOf": [schema],
    }))
}

/// The schema of a named component body, e.g. `GoaError`.
fn body_schema(document: &Value, name: &str) -> Validator {
    validator_in(document, &json!({"$ref": format!("#/components/schemas/{name}")}))
}

/// Whether the `media_type` body of the response `key` is a Goa custom
/// type (`custom_body`) rather than a shared body schema.
fn is_custom(document: &Value, key: &str, media_type: &str) -> bool {
    media_type == "application/json"
        && document["components"]["responses"][key]["x-errdsl"]["body"] == "custom"
}

const MEDIA_TYPES: [(&str, &str); 2] =
    [("application/json", docs::GOA_BODY_SCHEMA), ("application/problem+json", docs::PROBLEM_SCHEMA)];

#[test]
fn every_example_is_valid_against_its_own_schema_and_no_other() {
    for document in [divider_document(), docs::openapi_document("Odd", "1", &odd_specs())] {
        let responses = document["components"]["responses"].as_object().expect("responses");
        for (media_type, body) in MEDIA_TYPES {
            let body = body_schema(&document, body);
            let schemas: Vec<(&String, Validator)> = responses
                .iter()
                .map(|(key, response)| {
                    (key, validator_in(&document, &response["content"][media_type]["schema"]))
                })
                .collect();
            for (key, response) in responses {
                let example = &response["content"][media_type]["example"];
                assert!(example.is_object(), "{key} {media_type}");
                if is_custom(&document, key, media_type) {
                    // A custom type: its own shape, not the Goa body's.
                    assert!(!body.is_valid(example), "{key} {media_type}");
                } else {
                    assert_eq!(example["id"], docs::EXAMPLE_ID);
                    assert_eq!(errors(&body, example), Vec::<String>::new(), "{key} {media_type}");
                }
                for (other, schema) in &schemas {
                    assert_eq!(
                        schema.is_valid(example),
                        *other == key,
                        "{key}'s {media_type} example, {other}'s schema"
                    );
                }
            }
        }
    }
}

#[test]
fn examples_carry_the_name_and_flags_of_their_error() {
    let document = divider_document();
    for spec in divider_specs() {
        let response = &document["components"]["responses"][spec.name];
        assert_eq!(response["description"], spec.description);
        for (media_type, _) in MEDIA_TYPES {
            let example = &response["content"][media_type]["example"];
            assert_eq!(example["name"], spec.name);
            if is_custom(&document, spec.name, media_type) {
                // The custom type of `divisor_too_large`: its name member,
                // message and fields, no code or flags.
                assert_eq!(example["limit"], 0, "{}", spec.name);
                continue;
            }
            assert_eq!(example["code"], spec.code.as_str());
            assert_eq!(example["temporary"], spec.temporary, "{}", spec.name);
            assert_eq!(example["timeout"], spec.timeout, "{}", spec.name);
            assert_eq!(example["fault"], spec.fault, "{}", spec.name);
        }
        let problem = &response["content"]["application/problem+json"]["example"];
        assert_eq!(problem["status"], spec.http_status.as_u16());
        let problem_type =
            spec.docs_url.map_or_else(|| "about:blank".to_owned(), |base| format!("{base}{}", spec.name));
        assert_eq!(problem["type"], problem_type);
        let headers = &response["headers"];
        assert_eq!(headers["Goa-Error"]["schema"]["enum"], json!([spec.name]));
        match spec.retry_after_secs {
            Some(secs) => assert_eq!(headers["Retry-After"]["example"], secs),
            None => assert!(headers.get("Retry-After").is_none(), "{}", spec.name),
        }
    }
    // An error that carries field violations shows one, in each body's form.
    let invalid = &document["components"]["responses"]["invalid_fields"];
    assert_eq!(invalid["x-errdsl"]["field_violations"], true);
    let goa = &invalid["content"]["application/json"]["example"];
    assert_eq!(goa["field_violations"][0]["field"], "items[0].name");
    let problem = &invalid["content"]["application/problem+json"]["example"];
    assert_eq!(problem["errors"][0]["pointer"], "#/items/0/name");
    let other = &document["components"]["responses"]["div_by_zero"];
    assert_eq!(other["x-errdsl"]["field_violations"], false);
    assert!(other["content"]["application/json"]["example"].get("field_violations").is_none());
    let overflow = &document["components"]["responses"]["overflow"]["content"]["application/json"]["example"];
    assert_eq!(overflow["message"], format!("internal error (id: {})", docs::EXAMPLE_ID));
}

/// One instance of every error of the divider service.
fn divider_errors() -> Vec<Box<dyn ServiceError>> {
    vec![
        Box::new(DividerError::unauthenticated()),
        Box::new(DividerError::maintenance()),
        Box::new(RequestError::decode_payload(
            "JSON".to_owned(),
            "it ends early".to_owned(),
            "EOF".to_owned(),
        )),
        Box::new(RequestError::missing_payload()),
        Box::new(RequestError::invalid_fields(
            vec![
                FieldViolation::new("a", "must be at most 1000").with_reason("RANGE"),
                FieldViolation::new("items[2].b", "must not be zero"),
            ]
            .into(),
        )),
        Box::new(RequestError::missing_field("b".to_owned())),
        Box::new(RequestError::invalid_field_type("a".to_owned(), "a 32-bit integer".to_owned())),
        Box::new(RequestError::unsupported_media_type("application/json".to_owned())),
        Box::new(RequestError::payload_too_large()),
        Box::new(RequestError::not_found("/nowhere".to_owned())),
        Box::new(RequestError::route_mismatch("SECRET route".to_owned())),
        Box::new(RequestError::method_not_allowed("PATCH".to_owned())),
        Box::new(DivideError::div_by_zero(7.5)),
        Box::new(IntegerDivideError::timeout(100)),
        Box::new(IntegerDivideError::has_remainder(7, 2, 1)),
        Box::new(IntegerDivideError::divisor_too_large(2_000_000, 1_000_000)),
        Box::new(IntegerDivideError::overflow(WorkerFault::new("worker w-3.internal: SECRET"))),
        Box::new(DivideError::not_finite(1e308, 1e-308)),
    ]
}

/// Real responses of every divider error validate against the documented
/// body schemas and their own response's schemas, with the documented
/// headers.
#[test]
fn real_responses_match_their_documentation() {
    let document = divider_document();
    let errs = divider_errors();
    let names: BTreeSet<&str> = errs.iter().map(|err| err.name()).collect();
    let documented: BTreeSet<&str> = divider_specs().iter().map(|spec| spec.name).collect();
    assert_eq!(names, documented, "one instance of every divider error");
    for (format, (media_type, body)) in [BodyFormat::Goa, BodyFormat::Problem].into_iter().zip(MEDIA_TYPES) {
        let body_validator = body_schema(&document, body);
        for err in &errs {
            let name = err.name();
            let response = http::response(err.as_ref(), format);
            let documented = &document["components"]["responses"][name];
            assert_eq!(response.status(), err.http_status());
            assert_eq!(response.headers()["content-type"], media_type);
            let body: Value = serde_json::from_slice(response.body()).expect("a JSON body");
            if !is_custom(&document, name, media_type) {
                assert_eq!(
                    errors(&body_validator, &body),
                    Vec::<String>::new(),
                    "{name} {media_type}: {body}"
                );
            }
            let own = validator_in(&document, &documented["content"][media_type]["schema"]);
            assert_eq!(errors(&own, &body), Vec::<String>::new(), "{name} {media_type}: {body}");
            assert!(!String::from_utf8_lossy(response.body()).contains("SECRET"));

            let goa_error = response.headers()["goa-error"].to_str().expect("ASCII");
            assert_eq!(documented["headers"]["Goa-Error"]["schema"]["enum"][0], goa_error);
            let retry_after =
                response.headers().get("retry-after").map(|value| value.to_str().expect("ASCII"));
            let declared =
                documented["headers"]["Retry-After"]["example"].as_u64().map(|secs| secs.to_string());
            assert_eq!(retry_after, declared.as_deref(), "{name}");
        }
    }
}

/// The divider's document for a service that sends Google's format.
fn google_document(specs: &[ErrorSpec]) -> Value {
    docs::openapi_document_in("Divider errors", "1.0.0", specs, BodyFormat::Google)
}

#[test]
fn documents_in_each_format_are_valid_openapi_3_1() {
    let validator = openapi_validator();
    for format in [BodyFormat::Google, BodyFormat::Problem] {
        for specs in [divider_specs(), odd_specs(), Vec::new()] {
            let document = docs::openapi_document_in("Divider errors", "1.0.0", &specs, format);
            assert_eq!(errors(&validator, &document), Vec::<String>::new(), "{format:?}");
        }
    }
    // The schemas of a format that is not sent are not documented.
    let problem = docs::openapi_document_in("Divider errors", "1.0.0", &divider_specs(), BodyFormat::Problem);
    let schemas = problem["components"]["schemas"].as_object().expect("schemas");
    assert!(!schemas.contains_key(docs::GOA_BODY_SCHEMA) && !schemas.contains_key(docs::GOOGLE_BODY_SCHEMA));
    for (key, response) in problem["components"]["responses"].as_object().expect("responses") {
        let content = response["content"].as_object().expect("content");
        assert_eq!(content.keys().collect::<Vec<_>>(), ["application/problem+json"], "{key}");
    }
    let google = google_document(&divider_specs());
    let schemas = google["components"]["schemas"].as_object().expect("schemas");
    assert!(schemas.contains_key(docs::GOOGLE_BODY_SCHEMA) && !schemas.contains_key(docs::GOA_BODY_SCHEMA));
    assert!(
        schemas.contains_key("DivByZeroGoogle") && !schemas.contains_key("DivByZero"),
        "{:?}",
        schemas.keys()
    );
}

#[test]
fn google_examples_are_valid_against_their_own_schema_and_no_other() {
    for specs in [divider_specs(), odd_specs()] {
        let document = google_document(&specs);
        let body = body_schema(&document, docs::GOOGLE_BODY_SCHEMA);
        let responses = document["components"]["responses"].as_object().expect("responses");
        let schemas: Vec<(&String, Validator)> = responses
            .iter()
            .map(|(key, response)| {
                (key, validator_in(&document, &response["content"]["application/json"]["schema"]))
            })
            .collect();
        for (key, response) in responses {
            let example = &response["content"]["application/json"]["example"];
            assert_eq!(errors(&body, example), Vec::<String>::new(), "{key}: {example}");
            let spec = &response["x-errdsl"];
            assert_eq!(example["error"]["code"], spec["http_status"], "{key}");
            assert_eq!(
                example["error"]["status"],
                spec["code"].as_str().expect("code").to_uppercase(),
                "{key}"
            );
            for (other, schema) in &schemas {
                assert_eq!(schema.is_valid(example), *other == key, "{key}'s example, {other}'s schema");
            }
        }
    }
    // A body that breaks the documented shape is rejected.
    let document = google_document(&divider_specs());
    let body = body_schema(&document, docs::GOOGLE_BODY_SCHEMA);
    let mut example =
        document["components"]["responses"]["div_by_zero"]["content"]["application/json"]["example"].clone();
    assert!(body.is_valid(&example));
    example["error"]["status"] = json!("DIVIDE_BY_ZERO");
    assert!(!body.is_valid(&example), "a status that is no gRPC code");
}

/// Real Google-format responses of every divider error validate against
/// the documented body schema and their own response's schema.
#[test]
fn real_google_responses_match_their_documentation() {
    let document = google_document(&divider_specs());
    let body_validator = body_schema(&document, docs::GOOGLE_BODY_SCHEMA);
    for err in divider_errors() {
        let name = err.name();
        let response = http::response(err.as_ref(), BodyFormat::Google);
        assert_eq!(response.headers()["content-type"], "application/json");
        let body: Value = serde_json::from_slice(response.body()).expect("a JSON body");
        assert_eq!(errors(&body_validator, &body), Vec::<String>::new(), "{name}: {body}");
        let documented = &document["components"]["responses"][name]["content"]["application/json"]["schema"];
        let own = validator_in(&document, documented);
        assert_eq!(errors(&own, &body), Vec::<String>::new(), "{name}: {body}");
    }
}

#[test]
fn markdown_table_of_a_small_catalog() {
    errdsl::errors! {
        /// Errors of a small service.
        #[service_error(service = "small")]
        pub enum SmallError {
            /// The divisor was zero.
            #[error("cannot divide {dividend} by zero")]
            #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
            DivByZero { dividend: i64 },

            /// Down for maintenance;
            /// try again later.
            ///
            /// Second paragraph.
            #[error("in maintenance")]
            #[service_error(temporary, http = 503, retry_after_secs = 30)]
            Maintenance,

            /// The computation timed out.
            #[error("timed out")]
            #[service_error(timeout, temporary)]
            Timeout,

            /// A | B.
            #[error("broken")]
            #[service_error(fault, user_msg = "Something broke:\nsorry | bye.")]
            Broken,

            #[error("store failed")]
            #[service_error(classify)]
            Store(#[source] std::io::Error),
        }
    }

    // A doc comment's lines join into one paragraph; a blank line starts
    // the next one (`<br><br>` in a table cell).
    let expected = "\
| name | description | HTTP | gRPC | temporary | timeout | fault | user message |
| --- | --- | --- | --- | --- | --- | --- | --- |
| `div_by_zero` | The divisor was zero. | 400 | `invalid_argument` | no | no | no | You can't divide {dividend} by zero. |
| `maintenance` | Down for maintenance; try again later.<br><br>Second paragraph. | 503 (`Retry-After: 30`) | `unavailable` | yes | no | no |  |
| `timeout` | The computation timed out. | 504 | `deadline_exceeded` | yes | yes | no |  |
| `broken` | A \\| B. | 500 | `internal` | no | no | yes | Something broke:<br>sorry \\| bye. |
| `store` |  | 500 (classified at run time) | `unknown` (classified at run time) | at run time | at run time | at run time |  |
";
    assert_eq!(docs::markdown_table(SmallError::ERRORS), expected);
}

#[test]
fn markdown_cells_never_break_a_row() {
    let table = docs::markdown_table(&odd_specs());
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 2 + odd_specs().len());
    for line in &lines {
        // Nine unescaped pipes: eight columns.
        let pipes = line.replace("\\|", "").matches('|').count();
        assert_eq!(pipes, 9, "{line}");
    }
    assert!(
        table.contains("| `v1.bad name/ärger%` | Pipes \\| and `code`<br><br>and <b>markup</b>. |"),
        "{table}"
    );
    assert!(table.contains("| Use a \\| b.<br>Thanks. |"), "{table}");
    assert_eq!(docs::markdown_table(&[]).lines().count(), 2);
}
