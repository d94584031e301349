//! The error contract of a catalog: what clients in any language rely on,
//! as a file a repository keeps, and the check that the next version keeps
//! it.
//!
//! A [`Contract`] lists, per error, everything a deployed client reads or
//! switches on: its wire name, AIP-193 reason and domain, service, gRPC code,
//! HTTP status, the three flags, retry-after, body shape (and a Goa custom
//! type's gRPC message), wire fields with their JSON and protobuf types,
//! whether it carries field violations, its user message template, docs
//! URL and description. It is written as JSON ([`Contract::to_json`]; the
//! JSON Schema of the file is `errdsl/contract.schema.json`), with the
//! format's [`VERSION`].
//!
//! [`diff`] compares two contracts and classifies every change as
//! [`Severity::Breaking`] (an error removed or renamed; its code, HTTP
//! status, a flag, its domain or body shape changed; a wire field removed,
//! renamed or retyped; a Goa custom type's members changed; ...) or
//! [`Severity::Compatible`] (an error or a field added, a description or a
//! message changed), each with a one-line explanation.
//! [`testing::assert_contract`](crate::testing::assert_contract) keeps a
//! committed snapshot under test; the `errdsl-contract` command diffs two
//! files (for CI, between a release tag and the branch); [`reasons_proto`]
//! writes the reasons as a `.proto` enum per domain.
//!
//! ```
//! use errdsl::Catalog;
//! use errdsl::contract::{Contract, Severity, diff};
//!
//! errdsl::errors! {
//!     #[service_error(service = "divider")]
//!     pub enum V1 {
//!         #[error("cannot divide {dividend} by zero")]
//!         #[service_error(grpc = InvalidArgument)]
//!         DivByZero { #[service_error(wire)] dividend: i64 },
//!     }
//!     #[service_error(service = "divider")]
//!     pub enum V2 {
//!         #[error("cannot divide {dividend} by zero")]
//!         #[service_error(grpc = FailedPrecondition)]
//!         DivByZero { #[service_error(wire)] dividend: i64 },
//!         #[error("overflow")]
//!         #[service_error(grpc = OutOfRange)]
//!         Overflow,
//!     }
//! }
//!
//! let changes = diff(&Contract::of(V1::ERRORS), &Contract::of(V2::ERRORS));
//! let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
//! assert_eq!(lines, [
//!     "breaking: div_by_zero: gRPC code invalid_argument became failed_precondition: clients that switch on the code take another branch",
//!     "compatible: overflow: added",
//! ]);
//! assert!(changes.iter().any(|change| change.severity == Severity::Breaking));
//! ```

mod diff;
mod proto;

use crate::model::service_error::ErrorSpec;
use crate::model::wire_field::BodyShape;
pub use diff::{Change, Severity, diff};
pub use proto::reasons_proto;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The version of the contract format this errdsl writes and reads.
///
/// ```
/// assert_eq!(errdsl::contract::VERSION, 1);
/// ```
pub const VERSION: u32 = 1;

/// The contract of a catalog: its errors, each name once, in order of their
/// names.
///
/// ```
/// use errdsl::contract::Contract;
/// use errdsl::{Code, ErrorSpec};
///
/// let contract = Contract::of(&[ErrorSpec::new("not_found", Code::NotFound)]);
/// let json = contract.to_json();
/// assert!(json.contains(r#""reason": "NOT_FOUND""#));
/// assert_eq!(Contract::from_json(&json).unwrap(), contract);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// The format's version, [`VERSION`].
    pub version: u32,
    /// The errors, by name.
    pub errors: Vec<ErrorContract>,
}

/// What clients rely on of one error.
#[allow(clippy::struct_excessive_bools, reason = "each flag is a fact clients rely on, as in `ErrorSpec`")]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorContract {
    /// The wire name.
    pub name: String,
    /// gRPC's `ErrorInfo.reason`: the name in `UPPER_SNAKE_CASE`.
    pub reason: String,
    /// gRPC's `ErrorInfo.domain`: the declared domain, else the service,
    /// else errdsl's default.
    pub domain: String,
    /// The service, if declared.
    pub service: Option<String>,
    /// The gRPC code, in `snake_case` (for an error classified at run
    /// time, the fallback).
    pub code: String,
    /// The HTTP status.
    pub http_status: u16,
    /// Whether the same request may succeed if sent again.
    pub temporary: bool,
    /// Whether the error is a timeout.
    pub timeout: bool,
    /// Whether the error is a server-side fault.
    pub fault: bool,
    /// Whether code, status and flags are decided at run time.
    pub classified: bool,
    /// The declared `Retry-After`, in seconds.
    pub retry_after_secs: Option<u64>,
    /// The shape of its body.
    pub body: Body,
    /// The fields that travel with it, in order.
    pub wire_fields: Vec<WireFieldContract>,
    /// Whether it carries field violations.
    pub field_violations: bool,
    /// The user message template, `{field}` placeholders unfilled.
    pub user_message: Option<String>,
    /// The URL of its documentation (RFC 9457's problem `type`), if its
    /// catalog declares a base.
    pub docs_url: Option<String>,
    /// Its description (the doc comment).
    pub description: String,
}

/// The shape of an error's JSON body (and, for a Goa custom type, its gRPC
/// message).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case", deny_unknown_fields)]
pub enum Body {
    /// Goa's `ErrorResult` body.
    ErrorResult,
    /// A Goa custom error type.
    Custom {
        /// The member that holds the name, if any.
        name_member: Option<String>,
        /// The full name of its gRPC message, if its type names its method.
        grpc_message: Option<String>,
    },
}

/// A field that travels with an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireFieldContract {
    /// Its wire name.
    pub name: String,
    /// Its JSON type: `string`, `integer`, `number` or `boolean`.
    pub json_type: String,
    /// Its protobuf type in a Goa custom type's message: `sint32`, ...
    pub proto_type: String,
}

/// Why a contract file could not be read.
#[derive(Debug)]
pub struct ReadError(String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadError {}

impl Contract {
    /// The contract of `specs` (each name once, the first spec of a name
    /// winning), its errors in order of their names.
    #[must_use]
    pub fn of(specs: &[ErrorSpec]) -> Contract {
        let mut seen = HashSet::new();
        let mut errors: Vec<ErrorContract> =
            specs.iter().filter(|spec| seen.insert(spec.name)).map(ErrorContract::of).collect();
        errors.sort_by(|a, b| a.name.cmp(&b.name));
        Contract { version: VERSION, errors }
    }

    /// The contract as pretty-printed JSON, ending with a newline.
    #[must_use]
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and booleans always serializes.
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Reads a contract file.
    ///
    /// # Errors
    ///
    /// When `json` is not a contract, or one of another format version.
    ///
    /// ```
    /// use errdsl::contract::Contract;
    ///
    /// let err = Contract::from_json(r#"{"version": 2, "errors": []}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "this errdsl reads contract format 1; the file is format 2");
    /// assert!(Contract::from_json("[]").is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Contract, ReadError> {
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let version = serde_json::from_str::<Version>(json)
            .map_err(|err| ReadError(format!("not an errdsl contract: {err}")))?;
        if version.version != VERSION {
            return Err(ReadError(format!(
                "this errdsl reads contract format {VERSION}; the file is format {}",
                version.version
            )));
        }
        serde_json::from_str(json).map_err(|err| ReadError(format!("not an errdsl contract: {err}")))
    }

    /// The error named `name`, if the contract has it.
    #[must_use]
    pub fn error(&self, name: &str) -> Option<&ErrorContract> {
        self.errors.iter().find(|error| error.name == name)
    }
}

impl ErrorContract {
    /// What clients rely on of `spec`.
    #[must_use]
    pub fn of(spec: &ErrorSpec) -> ErrorContract {
        ErrorContract {
            name: spec.name.to_owned(),
            reason: crate::model::aip193::reason(spec.name),
            domain: crate::model::aip193::domain(spec.domain, spec.service).to_owned(),
            service: spec.service.map(str::to_owned),
            code: spec.code.as_str().to_owned(),
            http_status: spec.http_status.as_u16(),
            temporary: spec.temporary,
            timeout: spec.timeout,
            fault: spec.fault,
            classified: spec.classified,
            retry_after_secs: spec.retry_after_secs,
            body: match spec.body {
                BodyShape::ErrorResult => Body::ErrorResult,
                BodyShape::Custom { name_member } => Body::Custom {
                    name_member: name_member.map(str::to_owned),
                    grpc_message: spec.goa_message.map(str::to_owned),
                },
            },
            wire_fields: spec
                .wire_fields
                .iter()
                .map(|field| WireFieldContract {
                    name: field.name.to_owned(),
                    json_type: field.json_type.schema_name().to_owned(),
                    proto_type: field.proto_type.proto_name().to_owned(),
                })
                .collect(),
            field_violations: spec.field_violations,
            user_message: spec.user_message.map(str::to_owned),
            docs_url: spec.docs_url.map(|base| format!("{base}{}", spec.name)),
            description: spec.description.to_owned(),
        }
    }
}
