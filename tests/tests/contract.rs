//! The error contract: every class of change `errdsl::contract::diff`
//! tells apart, each detected with its severity; the file's JSON Schema
//! (`errdsl/contract.schema.json`) against what errdsl writes; and the
//! snapshot helper in each of its three outcomes.

use std::time::{SystemTime, UNIX_EPOCH};

use errdsl::contract::{Contract, Severity, diff};
use errdsl::{BodyShape, Code, ErrorSpec, JsonType, ProtoType, StatusCode, WireField};
use serde_json::{Value, json};

static FIELDS: [WireField; 2] =
    [WireField::new("dividend", JsonType::Integer), WireField::new("divisor", JsonType::Integer)];
static ONE_FIELD: [WireField; 1] = [WireField::new("dividend", JsonType::Integer)];
static RETYPED: [WireField; 2] =
    [WireField::new("dividend", JsonType::String), WireField::new("divisor", JsonType::Integer)];
static REORDERED: [WireField; 2] =
    [WireField::new("divisor", JsonType::Integer), WireField::new("dividend", JsonType::Integer)];
static PROTO_RETYPED: [WireField; 2] = [
    WireField::new("dividend", JsonType::Integer).with_proto_type(ProtoType::Sint32),
    WireField::new("divisor", JsonType::Integer),
];
static THREE_FIELDS: [WireField; 3] = [
    WireField::new("dividend", JsonType::Integer),
    WireField::new("divisor", JsonType::Integer),
    WireField::new("remainder", JsonType::Integer),
];

/// The error every case starts from.
const fn base() -> ErrorSpec {
    named("has_remainder", Code::FailedPrecondition)
}

/// The error every case starts from, under this name and code.
const fn named(name: &'static str, code: Code) -> ErrorSpec {
    ErrorSpec::new(name, code)
        .with_service("divider")
        .with_domain("divider.example.com")
        .with_wire_fields(&FIELDS)
        .with_user_message("Not divisible.")
        .with_description("The division is not exact.")
}

/// The severities and lines of the changes from `old` to `new`.
fn changes(old: &[ErrorSpec], new: &[ErrorSpec]) -> Vec<(Severity, String)> {
    diff(&Contract::of(old), &Contract::of(new))
        .into_iter()
        .map(|change| (change.severity, change.to_string()))
        .collect()
}

#[test]
fn every_breaking_class_is_detected() {
    let custom = BodyShape::Custom { name_member: Some("name") };
    let cases: Vec<(&str, Vec<ErrorSpec>, Vec<ErrorSpec>, &str)> = vec![
        ("removed", vec![base()], vec![], "removed (or renamed)"),
        (
            "renamed",
            vec![base()],
            vec![named("not_exact", Code::FailedPrecondition)],
            "has_remainder: removed",
        ),
        (
            "code",
            vec![base()],
            vec![named("has_remainder", Code::OutOfRange)],
            "gRPC code failed_precondition became out_of_range",
        ),
        (
            "status",
            vec![base()],
            vec![base().with_http_status(StatusCode::EXPECTATION_FAILED)],
            "HTTP status 400 became 417",
        ),
        ("temporary", vec![base().with_temporary(true)], vec![base()], "no longer temporary"),
        ("timeout", vec![base()], vec![base().with_timeout(true)], "timeout false became true"),
        ("fault", vec![base()], vec![base().with_fault(true)], "now a fault"),
        ("classified", vec![base()], vec![base().with_classified(true)], "now classified at run time"),
        (
            "domain",
            vec![base()],
            vec![base().with_domain("math.example.com")],
            "ErrorInfo domain divider.example.com became math.example.com",
        ),
        (
            "field removed",
            vec![base()],
            vec![base().with_wire_fields(&ONE_FIELD)],
            "wire field `divisor` removed",
        ),
        (
            "field retyped",
            vec![base()],
            vec![base().with_wire_fields(&RETYPED)],
            "wire field `dividend` is now a JSON string, not a integer",
        ),
        ("body shape", vec![base()], vec![base().with_body(custom)], "now sent as a Goa custom type"),
        (
            "name member",
            vec![base().with_body(custom)],
            vec![base().with_body(BodyShape::Custom { name_member: None })],
            "name member \"name\" became none",
        ),
        (
            "gRPC message",
            vec![base().with_body(custom)],
            vec![base().with_body(custom).with_goa_message("divider.IntegerDivideHasRemainderError")],
            "gRPC message none became \"divider.IntegerDivideHasRemainderError\"",
        ),
        (
            "custom member added",
            vec![base().with_body(custom)],
            vec![base().with_body(custom).with_wire_fields(&THREE_FIELDS)],
            "the custom type gains member `remainder`",
        ),
        (
            "custom member moved",
            vec![base().with_body(custom)],
            vec![base().with_body(custom).with_wire_fields(&REORDERED)],
            "wire field `divisor` moved",
        ),
        (
            "custom member's protobuf type",
            vec![base().with_body(custom)],
            vec![base().with_body(custom).with_wire_fields(&PROTO_RETYPED)],
            "now a protobuf sint32, not a sint64",
        ),
        (
            "violations",
            vec![base().with_field_violations(true)],
            vec![base()],
            "no longer carries field violations",
        ),
    ];
    for (class, old, new, expected) in cases {
        let found = changes(&old, &new);
        assert!(
            found.iter().any(|(severity, line)| *severity == Severity::Breaking && line.contains(expected)),
            "{class}: {found:#?}"
        );
    }
}

#[test]
fn every_compatible_class_is_accepted() {
    let cases: Vec<(&str, Vec<ErrorSpec>, Vec<ErrorSpec>, &str)> = vec![
        (
            "added",
            vec![base()],
            vec![base(), ErrorSpec::new("overflow", Code::OutOfRange)],
            "overflow: added",
        ),
        (
            "field added",
            vec![base()],
            vec![base().with_wire_fields(&THREE_FIELDS)],
            "wire field `remainder` added",
        ),
        ("description", vec![base()], vec![base().with_description("Not exact.")], "description changed"),
        (
            "user message",
            vec![base()],
            vec![base().with_user_message("Try another divisor.")],
            "user message changed",
        ),
        (
            "retry-after",
            vec![base().with_temporary(true)],
            vec![base().with_temporary(true).with_retry_after_secs(5)],
            "Retry-After none became 5 s",
        ),
        (
            "docs",
            vec![base()],
            vec![base().with_docs_url("/errors/")],
            "docs URL none became \"/errors/has_remainder\"",
        ),
        (
            "violations added",
            vec![base()],
            vec![base().with_field_violations(true)],
            "now carries field violations",
        ),
    ];
    for (class, old, new, expected) in cases {
        let found = changes(&old, &new);
        assert!(found.iter().all(|(severity, _)| *severity == Severity::Compatible), "{class}: {found:#?}");
        assert!(found.iter().any(|(_, line)| line.contains(expected)), "{class}: {found:#?}");
    }
    assert_eq!(changes(&[base()], &[base()]), [], "no change, no line");
    // Members of a JSON object and keys of gRPC metadata have no order.
    assert_eq!(changes(&[base()], &[base().with_wire_fields(&REORDERED)]), [], "fields reordered");
}

/// The JSON Schema of the contract file, compiled.
fn schema() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../../errdsl/contract.schema.json")).expect("JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .offline()
        .build(&schema)
        .expect("a schema")
}

#[test]
fn what_errdsl_writes_is_valid_and_the_schema_refuses_what_it_does_not_write() {
    let custom = named("x_error", Code::OutOfRange)
        .with_body(BodyShape::Custom { name_member: None })
        .with_goa_message("divider.XError");
    let specs = [base(), custom, ErrorSpec::new("db_down", Code::Internal).with_fault(true)];
    let written: Value = serde_json::from_str(&Contract::of(&specs).to_json()).expect("JSON");
    let validator = schema();
    let problems: Vec<String> = validator.iter_errors(&written).map(|err| err.to_string()).collect();
    assert_eq!(problems, Vec::<String>::new());
    for (what, path, value) in [
        ("a version", "/version", json!(2)),
        ("a code", "/errors/0/code", json!("teapot")),
        ("a JSON type", "/errors/1/wire_fields/0/json_type", json!("int")),
        ("a shape", "/errors/0/body", json!({"shape": "html"})),
    ] {
        let mut broken = written.clone();
        *broken.pointer_mut(path).unwrap_or_else(|| panic!("{path}")) = value;
        assert!(!validator.is_valid(&broken), "{what} accepted");
    }
    // The schema's codes are errdsl's.
    let schema: Value = serde_json::from_str(include_str!("../../errdsl/contract.schema.json")).unwrap();
    let codes: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(schema["$defs"]["error"]["properties"]["code"]["enum"], json!(codes));
    // And what it writes reads back.
    assert_eq!(Contract::from_json(&Contract::of(&specs).to_json()).unwrap(), Contract::of(&specs));
}

/// A path in the system's temporary directory no other test uses.
fn fresh_path(name: &str) -> std::path::PathBuf {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    std::env::temp_dir()
        .join(format!("errdsl-contract-{name}-{}-{nanos}/errors.contract.json", std::process::id()))
}

#[test]
fn the_snapshot_is_written_when_missing_and_holds_compatible_changes() {
    let path = fresh_path("holds");
    errdsl::testing::assert_contract(&[base()], &path);
    let written = std::fs::read_to_string(&path).expect("the snapshot is written");
    assert_eq!(Contract::from_json(&written).unwrap(), Contract::of(&[base()]));
    // A compatible change passes and leaves the snapshot as it was.
    errdsl::testing::assert_contract(&[base(), ErrorSpec::new("overflow", Code::OutOfRange)], &path);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_breaking_change_fails_with_every_change() {
    let path = fresh_path("breaks");
    errdsl::testing::assert_contract(&[base()], &path);
    let panic = std::panic::catch_unwind(|| {
        errdsl::testing::assert_contract(
            &[named("has_remainder", Code::OutOfRange), ErrorSpec::new("overflow", Code::OutOfRange)],
            &path,
        );
    })
    .expect_err("a breaking change fails");
    let message = panic.downcast_ref::<String>().expect("a message");
    assert!(
        message.contains("breaking: has_remainder: gRPC code failed_precondition became out_of_range"),
        "{message}"
    );
    assert!(message.contains("compatible: overflow: added"), "{message}");
    assert!(message.contains("ERRDSL_BLESS_CONTRACT=1 cargo test"), "{message}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

proptest::proptest! {
    /// `Contract::from_json` reads any text without panicking: a file with
    /// any byte changed, cut anywhere, or any text at all, is a contract or
    /// a clear error.
    #[test]
    fn any_text_is_a_contract_or_an_error(at in 0usize..4096, byte in proptest::num::u8::ANY, cut in 0usize..4096, text in ".{0,200}") {
        let json = Contract::of(&[base(), ErrorSpec::new("overflow", Code::OutOfRange)]).to_json();
        let mut bytes = json.clone().into_bytes();
        let index = at % bytes.len();
        bytes[index] = byte;
        for candidate in [String::from_utf8_lossy(&bytes).into_owned(), json[..cut.min(json.len())].to_owned(), text] {
            match Contract::from_json(&candidate) {
                Ok(contract) => proptest::prop_assert_eq!(contract.version, errdsl::contract::VERSION),
                Err(err) => proptest::prop_assert!(!err.to_string().is_empty()),
            }
        }
    }
}
