//! The changes between two contracts, each classified by what it does to a
//! client already deployed.

use super::{Body, Contract, ErrorContract, WireFieldContract};
use std::fmt;

/// What a change does to a deployed client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A deployed client keeps working.
    Compatible,
    /// A deployed client can break: it switches on, retries by, decodes or
    /// shows something that changed.
    Breaking,
}

/// One change between two contracts: the error it is about and what
/// changed, in one line.
///
/// ```
/// use errdsl::contract::{Change, Severity};
///
/// let change = Change { severity: Severity::Compatible, error: "overflow".into(), what: "added".into() };
/// assert_eq!(change.to_string(), "compatible: overflow: added");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Whether a deployed client can break.
    pub severity: Severity,
    /// The wire name of the error.
    pub error: String,
    /// What changed, and what it does to a client.
    pub what: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Compatible => "compatible",
            Severity::Breaking => "breaking",
        };
        write!(f, "{severity}: {}: {}", self.error, self.what)
    }
}

/// Every change from `old` to `new`, by error name: an error removed (or
/// renamed, which removes its old name) is breaking, one added compatible;
/// for an error in both, see [`Severity`] and the module docs.
#[must_use]
pub fn diff(old: &Contract, new: &Contract) -> Vec<Change> {
    let mut names: Vec<&str> =
        old.errors.iter().chain(&new.errors).map(|error| error.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut changes = Vec::new();
    for name in names {
        let mut out = Changes { error: name, changes: &mut changes };
        match (old.error(name), new.error(name)) {
            (Some(_), None) => out.breaking(
                "removed (or renamed): clients that handle it by name never see it again".to_owned(),
            ),
            (None, Some(_)) => out.compatible("added".to_owned()),
            (Some(old), Some(new)) => compare(old, new, &mut out),
            (None, None) => {}
        }
    }
    changes
}

/// The changes of one error, as they are found.
struct Changes<'a> {
    error: &'a str,
    changes: &'a mut Vec<Change>,
}

impl Changes<'_> {
    fn push(&mut self, severity: Severity, what: String) {
        self.changes.push(Change { severity, error: self.error.to_owned(), what });
    }

    fn breaking(&mut self, what: String) {
        self.push(Severity::Breaking, what);
    }

    fn compatible(&mut self, what: String) {
        self.push(Severity::Compatible, what);
    }
}

/// The changes of an error that both contracts have.
fn compare(old: &ErrorContract, new: &ErrorContract, out: &mut Changes<'_>) {
    if old.code != new.code {
        out.breaking(format!(
            "gRPC code {} became {}: clients that switch on the code take another branch",
            old.code, new.code
        ));
    }
    if old.http_status != new.http_status {
        out.breaking(format!(
            "HTTP status {} became {}: HTTP clients that switch on the status take another branch",
            old.http_status, new.http_status
        ));
    }
    if old.temporary != new.temporary {
        out.breaking(if new.temporary {
            "now temporary: clients retry a request they gave up on".to_owned()
        } else {
            "no longer temporary: clients stop retrying it".to_owned()
        });
    }
    if old.timeout != new.timeout {
        out.breaking(format!(
            "timeout {} became {}: clients that tell timeouts apart read it differently",
            old.timeout, new.timeout
        ));
    }
    if old.fault != new.fault {
        out.breaking(if new.fault {
            "now a fault: clients get the fault text and an id instead of its message".to_owned()
        } else {
            "no longer a fault: clients that report faults by id read it differently".to_owned()
        });
    }
    if old.classified != new.classified {
        out.breaking(if new.classified {
            "now classified at run time: its code, status and flags are no longer fixed".to_owned()
        } else {
            "no longer classified at run time: its code, status and flags are now fixed".to_owned()
        });
    }
    if old.domain != new.domain {
        out.breaking(format!(
            "ErrorInfo domain {} became {}: gRPC clients match a reason within its domain",
            old.domain, new.domain
        ));
    }
    compare_bodies(old, new, out);
    compare_fields(old, new, out);
    if old.field_violations && !new.field_violations {
        out.breaking(
            "no longer carries field violations: clients that show them per field get none".to_owned(),
        );
    } else if !old.field_violations && new.field_violations {
        out.compatible("now carries field violations".to_owned());
    }
    if old.retry_after_secs != new.retry_after_secs {
        out.compatible(format!(
            "Retry-After {} became {}",
            secs(old.retry_after_secs),
            secs(new.retry_after_secs)
        ));
    }
    if old.service != new.service {
        out.compatible(format!(
            "service {} became {}",
            text(old.service.as_deref()),
            text(new.service.as_deref())
        ));
    }
    if old.user_message != new.user_message {
        out.compatible("user message changed".to_owned());
    }
    if old.description != new.description {
        out.compatible("description changed".to_owned());
    }
    if old.docs_url != new.docs_url {
        out.compatible(format!(
            "docs URL {} became {}",
            text(old.docs_url.as_deref()),
            text(new.docs_url.as_deref())
        ));
    }
}

/// Rule: the body's shape, a custom type's name member and its gRPC
/// message are what generated clients decode by.
fn compare_bodies(old: &ErrorContract, new: &ErrorContract, out: &mut Changes<'_>) {
    match (&old.body, &new.body) {
        (Body::ErrorResult, Body::ErrorResult) => {}
        (
            Body::Custom { name_member: old_member, grpc_message: old_message },
            Body::Custom { name_member: new_member, grpc_message: new_message },
        ) => {
            if old_member != new_member {
                out.breaking(format!(
                    "the custom type's name member {} became {}: Goa clients read the name from it",
                    text(old_member.as_deref()),
                    text(new_member.as_deref())
                ));
            }
            if old_message != new_message {
                out.breaking(format!(
                    "gRPC message {} became {}: Goa clients decode details[0] by its type",
                    text(old_message.as_deref()),
                    text(new_message.as_deref())
                ));
            }
        }
        (Body::ErrorResult, Body::Custom { .. }) => out.breaking(
            "now sent as a Goa custom type: clients decoding Goa's ErrorResult body find its fields elsewhere"
                .to_owned(),
        ),
        (Body::Custom { .. }, Body::ErrorResult) => out.breaking(
            "no longer sent as a Goa custom type: clients generated from the custom type no longer decode it"
                .to_owned(),
        ),
    }
}

/// Rule: a wire field removed, renamed or retyped breaks the clients that
/// read it; one added is compatible, but in a Goa custom type, whose
/// members (and gRPC field numbers) are the generated client's type.
fn compare_fields(old: &ErrorContract, new: &ErrorContract, out: &mut Changes<'_>) {
    let find = |fields: &[WireFieldContract], name: &str| fields.iter().position(|field| field.name == name);
    for (index, field) in old.wire_fields.iter().enumerate() {
        match find(&new.wire_fields, &field.name) {
            None => out.breaking(format!(
                "wire field `{}` removed (or renamed): clients that read it get nothing",
                field.name
            )),
            Some(at) => {
                let now = &new.wire_fields[at];
                if now.json_type != field.json_type {
                    out.breaking(format!(
                        "wire field `{}` is now a JSON {}, not a {}: typed clients fail to decode it",
                        field.name, now.json_type, field.json_type
                    ));
                } else if now.proto_type != field.proto_type && matches!(new.body, Body::Custom { .. }) {
                    out.breaking(format!(
                        "wire field `{}` is now a protobuf {}, not a {}: Goa gRPC clients decode another value",
                        field.name, now.proto_type, field.proto_type
                    ));
                }
                if at != index && matches!(new.body, Body::Custom { .. }) {
                    out.breaking(format!(
                        "wire field `{}` moved: the custom type's gRPC field numbers follow the order",
                        field.name
                    ));
                }
            }
        }
    }
    for field in new.wire_fields.iter().filter(|field| find(&old.wire_fields, &field.name).is_none()) {
        if matches!(new.body, Body::Custom { .. }) {
            out.breaking(format!(
                "the custom type gains member `{}`: clients generated from the old type do not have it",
                field.name
            ));
        } else {
            out.compatible(format!("wire field `{}` added", field.name));
        }
    }
}

fn secs(secs: Option<u64>) -> String {
    secs.map_or_else(|| "none".to_owned(), |secs| format!("{secs} s"))
}

fn text(value: Option<&str>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| format!("{value:?}"))
}
