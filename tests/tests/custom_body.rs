//! Goa's custom error types: an error declared `custom_body` is sent as
//! the body a Goa design with that user type requires (its attributes at
//! the top level, with their JSON types, and the name in the member marked
//! as the name), decoded back from it, and documented in that shape; the
//! wire fields of the default body keep their JSON types too.
#![cfg(feature = "transports")]

use errdsl::http::{self, BodyFormat};
use errdsl::{BodyShape, Catalog, ErrorResult, JsonType, ServiceError};
use serde_json::json;

errdsl::errors! {
    /// Errors of a calculator.
    #[service_error(service = "calc")]
    pub enum CalcError {
        /// The divisor is beyond what the service divides by.
        #[error("divisor {divisor} exceeds {limit}")]
        #[service_error(http = 422, custom_body, name_member = "name", user_msg = "Divide by at most {limit}.")]
        DivisorTooLarge {
            #[service_error(wire)]
            divisor: i64,
            #[service_error(wire)]
            limit: i64,
            #[service_error(wire)]
            exact: bool,
            #[service_error(wire)]
            ratio: f64,
        },

        /// Without a name member: Goa names the error by its header.
        #[error("no such operation")]
        #[service_error(http = 404, custom_body)]
        NoOperation {
            #[service_error(wire)]
            operation: String,
        },

        /// In Goa's `ErrorResult` body.
        #[error("cannot divide {dividend} by zero")]
        #[service_error(grpc = InvalidArgument)]
        DivByZero {
            #[service_error(wire)]
            dividend: i64,
        },
    }
}

fn body_of(err: &CalcError) -> (u16, ::http::HeaderMap, serde_json::Value, Vec<u8>) {
    let response = http::response(err, BodyFormat::Goa);
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    let bytes = response.into_body();
    (status, headers, serde_json::from_slice(&bytes).unwrap(), bytes)
}

#[test]
fn the_catalog_describes_each_body() {
    let [too_large, no_operation, div_by_zero] = CalcError::ERRORS else { panic!() };
    assert_eq!(too_large.body, BodyShape::Custom { name_member: Some("name") });
    let fields: Vec<_> = too_large.wire_fields.iter().map(|f| (f.name, f.json_type)).collect();
    assert_eq!(
        fields,
        [
            ("divisor", JsonType::Integer),
            ("limit", JsonType::Integer),
            ("exact", JsonType::Boolean),
            ("ratio", JsonType::Number)
        ]
    );
    assert_eq!(no_operation.body, BodyShape::Custom { name_member: None });
    assert_eq!(div_by_zero.body, BodyShape::ErrorResult);
    assert_eq!(div_by_zero.wire_fields[0].json_type, JsonType::Integer);
    assert_eq!(CalcError::div_by_zero(7).error_spec(), Some(div_by_zero));
}

/// The body a Goa design requires of
/// `Type("DivisorTooLarge", func() { Attribute("name", String, func() {
/// Meta("struct:error:name") }); Attribute("message", String);
/// Attribute("divisor", Int64); Attribute("limit", Int64);
/// Attribute("exact", Boolean); Attribute("ratio", Float64);
/// Required(...all...) })`: every attribute present, of its JSON type;
/// Goa's decoder ignores other members, and errdsl sends none.
#[test]
fn a_custom_body_is_the_user_types_attributes() {
    let (status, headers, body, _) =
        body_of(&CalcError::divisor_too_large(10_000_000, 1_000_000, false, 0.5));
    assert_eq!(status, 422);
    assert_eq!(headers["goa-error"], "divisor_too_large");
    assert_eq!(
        body,
        json!({
            "name": "divisor_too_large",
            "message": "Divide by at most 1000000.",
            "divisor": 10_000_000,
            "limit": 1_000_000,
            "exact": false,
            "ratio": 0.5,
        })
    );

    let (_, headers, body, _) = body_of(&CalcError::no_operation("pow".into()));
    assert_eq!(headers["goa-error"], "no_operation");
    assert_eq!(body, json!({"message": "no such operation", "operation": "pow"}));
}

#[test]
fn custom_bodies_decode_back_into_their_variants() {
    let sent = CalcError::divisor_too_large(10_000_000, 1_000_000, true, -2.5);
    let (status, headers, _, bytes) = body_of(&sent);
    let result = ErrorResult::from_http_response(status.try_into().unwrap(), &headers, &bytes);
    assert_eq!(result.name(), "divisor_too_large");
    assert_eq!(result.wire_message(), "Divide by at most 1000000.");
    assert_eq!(result.field_type("divisor"), Some(JsonType::Integer));
    assert_eq!(result.body_shape(), BodyShape::Custom { name_member: None });
    assert!(matches!(
        CalcError::try_from(result),
        Ok(CalcError::DivisorTooLarge { divisor: 10_000_000, limit: 1_000_000, exact: true, ratio })
            if ratio == -2.5
    ));

    // Without the header (a proxy dropped it), the `name` member names it.
    let mut headers = headers.clone();
    headers.remove("goa-error");
    let result = ErrorResult::from_http_response(status.try_into().unwrap(), &headers, &bytes);
    assert!(matches!(CalcError::try_from(result), Ok(CalcError::DivisorTooLarge { .. })));

    // A body without a name member is named by the header.
    let (status, headers, _, bytes) = body_of(&CalcError::no_operation("pow".into()));
    let result = ErrorResult::from_http_response(status.try_into().unwrap(), &headers, &bytes);
    assert!(
        matches!(CalcError::try_from(result), Ok(CalcError::NoOperation { operation }) if operation == "pow")
    );
}

#[test]
fn the_default_body_keeps_json_types_and_reads_both_forms() {
    let (status, headers, body, bytes) = body_of(&CalcError::div_by_zero(7));
    assert_eq!(body["fields"], json!({"dividend": 7}));
    assert_eq!(body["id"].as_str().unwrap().len(), 8);
    let result = ErrorResult::from_http_response(status.try_into().unwrap(), &headers, &bytes);
    assert!(matches!(CalcError::try_from(result), Ok(CalcError::DivByZero { dividend: 7 })));

    // The text form, as errdsl wrote it before and other servers may.
    let mut text = body.clone();
    text["fields"] = json!({"dividend": "7"});
    let result = ErrorResult::from_http_response(
        status.try_into().unwrap(),
        &headers,
        &serde_json::to_vec(&text).unwrap(),
    );
    assert_eq!(result.field_type("dividend"), Some(JsonType::String));
    assert!(matches!(CalcError::try_from(result), Ok(CalcError::DivByZero { dividend: 7 })));
}

#[test]
fn problem_json_and_grpc_are_unchanged_by_a_custom_body() {
    let err = CalcError::divisor_too_large(10, 5, false, 2.0);
    let problem: serde_json::Value =
        serde_json::from_slice(http::response(&err, BodyFormat::Problem).body()).unwrap();
    assert_eq!(problem["name"], "divisor_too_large");
    assert_eq!(problem["fields"], json!({"divisor": 10, "limit": 5, "exact": false, "ratio": 2.0}));
    let status = tonic::Status::from(err);
    let back = ErrorResult::from_grpc_status(&status);
    assert!(matches!(CalcError::try_from(back), Ok(CalcError::DivisorTooLarge { divisor: 10, .. })));
}

/// A validator for `schema` as draft 2020-12, offline.
fn validator(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::options().with_draft(jsonschema::Draft::Draft202012).offline().build(schema).unwrap()
}

#[test]
fn openapi_documents_the_shape_each_error_uses() {
    let components = errdsl::docs::openapi_components(CalcError::ERRORS);
    let content = &components["responses"]["divisor_too_large"]["content"]["application/json"];
    assert_eq!(content["schema"], json!({"$ref": "#/components/schemas/DivisorTooLarge"}));
    let schema = &components["schemas"]["DivisorTooLarge"];
    assert_eq!(schema["required"], json!(["name", "message", "divisor", "limit", "exact", "ratio"]));
    assert_eq!(schema["properties"]["name"]["enum"], json!(["divisor_too_large"]));
    assert_eq!(schema["properties"]["divisor"]["type"], "integer");
    assert_eq!(schema["properties"]["exact"]["type"], "boolean");
    // A float: a number, or the text of one that is not finite.
    assert_eq!(schema["properties"]["ratio"]["anyOf"][0]["type"], "number");
    assert_eq!(schema["properties"]["ratio"]["anyOf"][1]["enum"], json!(["NaN", "Infinity", "-Infinity"]));
    let custom = validator(schema);
    assert!(custom.is_valid(&content["example"]), "{}", content["example"]);
    // What the transport sends is what the document says.
    let (_, _, sent, _) = body_of(&CalcError::divisor_too_large(10, 5, true, 0.25));
    assert!(custom.is_valid(&sent), "{sent}");
    let mut wrong = sent.clone();
    wrong["divisor"] = json!("10");
    assert!(!custom.is_valid(&wrong), "a number sent as text does not match");

    // The default body's `fields` are narrowed to their types, each required.
    let goa = &components["schemas"]["DivByZero"]["allOf"][1];
    assert_eq!(goa["properties"]["fields"]["properties"]["dividend"]["type"], "integer");
    assert_eq!(goa["properties"]["fields"]["required"], json!(["dividend"]));
}
